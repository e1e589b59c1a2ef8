import { z } from 'zod';
import { defineRoute } from '../../http/registry.ts';
import { getRun, publishRun, runAllocation, runList } from './allocate.ts';
import { changeOwnApplication, getOwnApplication, publicSeason, submitApplication } from './apply.ts';
import { payrollCsv, payrollXlsx, reportHours, supervisorPlaces } from './hours.ts';
import { answerOfferAsStaff, answerOfferByLink, offerList, processExpiredOffers } from './offers.ts';
import { summerJobsPolicy } from './policy.ts';
import {
  answerInput,
  applicationChange,
  applicationInput,
  hoursInput,
  runInput,
  seasonInput,
  slotInput,
  staffApplicationChange,
  supervisorLink,
  uuid,
} from './schema.ts';
import {
  addSlot,
  addWorkplaceSupervisor,
  createSeason,
  getSeason,
  organisationOf,
  seasonList,
  supervisorList,
} from './season.ts';
import { applicationList, outboxList, updateApplicationAsStaff } from './staff-applications.ts';
import { seasonStatistics } from './statistics.ts';

const tags = ['summer-jobs'];
const idParams = z.object({ id: uuid });
const runParams = z.object({ id: uuid, runId: uuid });
const orgParams = z.object({ org: uuid });
const orgSeasonParams = z.object({ org: uuid, id: uuid });
const created = z.object({ id: z.string() });
const invalid = { description: 'Ogiltiga uppgifter (svenska meddelanden per fält)' };
/** The link token travels in a header, never in a URL that could be logged. */
export const TOKEN_HEADER = 'x-application-token';
const tokenOf = (h: string | undefined) => h ?? '';

const read = summerJobsPolicy.ref('read');
const manage = summerJobsPolicy.ref('manage');

export const summerJobsRoutes = [
  // --- Public e-service (no login; state-changing calls still pass the Origin/Fetch-Site checks) ---
  defineRoute({
    method: 'get',
    path: '/api/public/summer-jobs/:org/seasons/:id',
    summary: 'Säsongens perioder och platser för ansökningsformuläret (inga personuppgifter)',
    tags,
    access: 'public',
    params: orgSeasonParams,
    responses: { 200: { description: 'OK' }, 404: { description: 'Finns inte' } },
    handler: async ({ ctx, params, c }) => c.json(await publicSeason(ctx, params.org, params.id)),
  }),
  defineRoute({
    method: 'post',
    path: '/api/public/summer-jobs/:org/seasons/:id/applications',
    summary: 'Ansök om feriearbete; svarar med kvitto och referens, länk skickas till e-posten',
    tags,
    access: 'public',
    params: orgSeasonParams,
    body: applicationInput,
    responses: {
      201: { description: 'Kvitto' },
      409: { description: 'Redan ansökt, eller ansökningstiden är stängd' },
      422: invalid,
      429: { description: 'För många försök' },
    },
    handler: async ({ ctx, params, body, c }) =>
      c.json(await submitApplication(ctx, params.org, params.id, body), 201),
  }),
  defineRoute({
    method: 'get',
    path: '/api/public/summer-jobs/:org/application',
    summary: 'Se sin ansökan via länken (token i huvudet x-application-token)',
    tags,
    access: 'public',
    params: orgParams,
    responses: { 200: { description: 'OK' }, 404: { description: 'Länken gäller inte' } },
    handler: async ({ ctx, params, c }) =>
      c.json(await getOwnApplication(ctx, params.org, tokenOf(c.req.header(TOKEN_HEADER)))),
  }),
  defineRoute({
    method: 'put',
    path: '/api/public/summer-jobs/:org/application',
    summary: 'Ändra sin ansökan via länken tills ansökningstiden går ut',
    tags,
    access: 'public',
    params: orgParams,
    body: applicationChange,
    responses: { 200: { description: 'OK' }, 404: { description: 'Länken gäller inte' }, 422: invalid },
    handler: async ({ ctx, params, body, c }) =>
      c.json(await changeOwnApplication(ctx, params.org, tokenOf(c.req.header(TOKEN_HEADER)), body)),
  }),
  defineRoute({
    method: 'post',
    path: '/api/public/summer-jobs/:org/offer-answer',
    summary: 'Svara på ett erbjudande via länken',
    tags,
    access: 'public',
    params: orgParams,
    body: answerInput,
    responses: { 200: { description: 'OK' }, 409: { description: 'Kan inte längre besvaras' } },
    handler: async ({ ctx, params, body, c }) =>
      c.json(await answerOfferByLink(ctx, params.org, tokenOf(c.req.header(TOKEN_HEADER)), body.answer)),
  }),
  // --- Staff ---
  defineRoute({
    method: 'get',
    path: '/api/summer-jobs/seasons',
    summary: 'Säsonger',
    tags,
    access: read,
    responses: { 200: { description: 'OK' } },
    handler: async ({ ctx, c }) => c.json(await seasonList(ctx)),
  }),
  defineRoute({
    method: 'post',
    path: '/api/summer-jobs/seasons',
    summary: 'Lägg upp en säsong (perioder, behörighet, timmar, lön, ansökningstid, prioritering, mekanism)',
    tags,
    access: manage,
    body: seasonInput,
    responses: { 201: { description: 'Skapad', schema: created }, 422: invalid },
    handler: async ({ ctx, grant, body, c }) => c.json(await createSeason(ctx, grant, body), 201),
  }),
  defineRoute({
    method: 'get',
    path: '/api/summer-jobs/seasons/:id',
    summary: 'En säsong med perioder och platser',
    tags,
    access: read,
    params: idParams,
    responses: { 200: { description: 'OK' }, 404: { description: 'Finns inte' } },
    handler: async ({ ctx, params, c }) => c.json(await getSeason(ctx, params.id)),
  }),
  defineRoute({
    method: 'post',
    path: '/api/summer-jobs/seasons/:id/slots',
    summary: 'Platser på en arbetsplats i registret under en period',
    tags,
    access: manage,
    params: idParams,
    body: slotInput,
    responses: {
      201: { description: 'Skapad', schema: created },
      409: { description: 'Finns redan' },
      422: invalid,
    },
    handler: async ({ ctx, grant, params, body, c }) =>
      c.json(await addSlot(ctx, grant, params.id, body), 201),
  }),
  defineRoute({
    method: 'get',
    path: '/api/summer-jobs/supervisors',
    summary: 'Användare med rollen handledare och arbetsplatserna de är kopplade till',
    tags,
    access: manage,
    responses: { 200: { description: 'OK' } },
    handler: async ({ ctx, c }) => c.json(await supervisorList(ctx)),
  }),
  defineRoute({
    method: 'post',
    path: '/api/summer-jobs/supervisors',
    summary: 'Koppla en användare med rollen handledare till en arbetsplats',
    tags,
    access: manage,
    body: supervisorLink,
    responses: { 204: { description: 'OK' } },
    handler: async ({ ctx, grant, body, c }) => {
      await addWorkplaceSupervisor(ctx, grant, body);
      return c.body(null, 204);
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/summer-jobs/seasons/:id/applications',
    summary: 'Säsongens ansökningar (en läshändelse per person)',
    tags,
    access: read,
    params: idParams,
    responses: { 200: { description: 'OK' } },
    handler: async ({ ctx, grant, params, c }) => c.json(await applicationList(ctx, grant, params.id)),
  }),
  defineRoute({
    method: 'patch',
    path: '/api/summer-jobs/applications/:id',
    summary: 'Personalens beslut: förtur av sociala skäl, skyddad identitet',
    tags,
    access: manage,
    params: idParams,
    body: staffApplicationChange,
    responses: { 204: { description: 'OK' } },
    handler: async ({ ctx, grant, params, body, c }) => {
      await updateApplicationAsStaff(ctx, grant, params.id, body);
      return c.body(null, 204);
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/summer-jobs/seasons/:id/runs',
    summary: 'Fördelningskörningar med rapport',
    tags,
    access: read,
    params: idParams,
    responses: { 200: { description: 'OK' } },
    handler: async ({ ctx, params, c }) => c.json(await runList(ctx, organisationOf(ctx), params.id)),
  }),
  defineRoute({
    method: 'post',
    path: '/api/summer-jobs/seasons/:id/runs',
    summary: 'Kör fördelningen (optimal, lottning eller båda); sparar frö, indata och resultat',
    tags,
    access: manage,
    params: idParams,
    body: runInput,
    responses: { 201: { description: 'Körningarna med rapport' }, 409: { description: 'Redan publicerad' } },
    handler: async ({ ctx, grant, params, body, c }) =>
      c.json(await runAllocation(ctx, grant, organisationOf(ctx), params.id, body), 201),
  }),
  defineRoute({
    method: 'get',
    path: '/api/summer-jobs/seasons/:id/runs/:runId',
    summary: 'En körning med rapport',
    tags,
    access: read,
    params: runParams,
    responses: { 200: { description: 'OK' } },
    handler: async ({ ctx, params, c }) =>
      c.json(await getRun(ctx, organisationOf(ctx), params.id, params.runId)),
  }),
  defineRoute({
    method: 'post',
    path: '/api/summer-jobs/seasons/:id/runs/:runId/publish',
    summary: 'Publicera en körning: skapar erbjudanden',
    tags,
    access: manage,
    params: runParams,
    responses: { 200: { description: 'OK' }, 409: { description: 'Redan publicerad' } },
    handler: async ({ ctx, grant, params, c }) =>
      c.json(await publishRun(ctx, grant, organisationOf(ctx), params.id, params.runId)),
  }),
  defineRoute({
    method: 'get',
    path: '/api/summer-jobs/seasons/:id/offers',
    summary: 'Erbjudanden (referens, status, plats)',
    tags,
    access: read,
    params: idParams,
    responses: { 200: { description: 'OK' } },
    handler: async ({ ctx, params, c }) => c.json(await offerList(ctx, organisationOf(ctx), params.id)),
  }),
  defineRoute({
    method: 'post',
    path: '/api/summer-jobs/offers/:id/answer',
    summary: 'Registrera svar på ett erbjudande',
    tags,
    access: manage,
    params: idParams,
    body: answerInput,
    responses: { 200: { description: 'OK' }, 409: { description: 'Kan inte längre besvaras' } },
    handler: async ({ ctx, grant, params, body, c }) =>
      c.json(await answerOfferAsStaff(ctx, grant, organisationOf(ctx), params.id, body.answer)),
  }),
  defineRoute({
    method: 'post',
    path: '/api/summer-jobs/seasons/:id/offers/process-expired',
    summary: 'Flytta utgångna erbjudanden till reservlistan och erbjud nästa i tur',
    tags,
    access: manage,
    params: idParams,
    responses: { 200: { description: 'OK' } },
    handler: async ({ ctx, params, c }) =>
      c.json(await processExpiredOffers(ctx, organisationOf(ctx), params.id)),
  }),
  defineRoute({
    method: 'get',
    path: '/api/summer-jobs/my-places',
    summary: 'Handledare: ungdomarna på de egna arbetsplatserna',
    tags,
    access: summerJobsPolicy.ref('supervise'),
    responses: { 200: { description: 'OK' } },
    handler: async ({ ctx, grant, c }) => c.json(await supervisorPlaces(ctx, grant)),
  }),
  defineRoute({
    method: 'put',
    path: '/api/summer-jobs/offers/:id/hours',
    summary: 'Rapportera arbetade timmar för en ungdom och period',
    tags,
    access: summerJobsPolicy.ref('reportHours'),
    params: idParams,
    body: hoursInput,
    responses: { 204: { description: 'OK' }, 403: { description: 'Inte egen arbetsplats' }, 422: invalid },
    handler: async ({ ctx, grant, params, body, c }) => {
      await reportHours(ctx, grant, params.id, body.hours);
      return c.body(null, 204);
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/summer-jobs/seasons/:id/payroll',
    summary: 'Lönefil (CSV) eller sammanställning (XLSX)',
    tags,
    access: manage,
    params: idParams,
    query: z.object({ format: z.enum(['csv', 'xlsx']).default('csv') }),
    responses: { 200: { description: 'Filen' } },
    handler: async ({ ctx, grant, params, query, c }) => {
      const bytes =
        query.format === 'csv'
          ? await payrollCsv(ctx, grant, params.id)
          : await payrollXlsx(ctx, grant, params.id);
      return c.body(bytes as Uint8Array<ArrayBuffer>, 200, {
        'Content-Type':
          query.format === 'csv'
            ? 'text/csv; charset=utf-8'
            : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        'Content-Disposition': `attachment; filename="ferie-lon.${query.format}"`,
        'Cache-Control': 'no-store',
      });
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/summer-jobs/seasons/:id/statistics',
    summary: 'Statistik med röjandeskydd (små tal undertryckta)',
    tags,
    access: summerJobsPolicy.ref('statistics'),
    params: idParams,
    responses: { 200: { description: 'OK' } },
    handler: async ({ ctx, grant, params, c }) => c.json(await seasonStatistics(ctx, grant, params.id)),
  }),
  defineRoute({
    method: 'get',
    path: '/api/summer-jobs/outbox',
    summary: 'Utkorgen: e-post som systemet har skickat',
    tags,
    access: manage,
    responses: { 200: { description: 'OK' } },
    handler: async ({ ctx, grant, c }) => c.json(await outboxList(ctx, grant)),
  }),
];
