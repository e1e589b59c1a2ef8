import { z } from 'zod';
import { defineRoute } from '../../http/registry.ts';
import { PURPOSE_HEADER } from '../participants/access.ts';
import { participantsPolicy } from '../participants/policy.ts';
import { createIntake, createIntakeSeries } from './create-intake.ts';
import { createProgramme } from './create-programme.ts';
import { listDueFollowUps } from './due-follow-ups.ts';
import { enrolParticipant } from './enrol.ts';
import {
  adjustEnrolment,
  admitFromWaitlist,
  exitEnrolment,
  recordFollowUp,
  transitionPhase,
} from './enrolment-changes.ts';
import { listPersonEnrolments } from './person-enrolments.ts';
import { programmesPolicy } from './policy.ts';
import { getProgramme, intakeBoard, listProgrammeCatalogue } from './read-programmes.ts';
import {
  adjustmentSchema,
  admitSchema,
  createIntakeSchema,
  createIntakeSeriesSchema,
  createProgrammeSchema,
  enrolSchema,
  exitSchema,
  followUpRecordSchema,
  phaseTransitionSchema,
} from './schema.ts';

const idParams = z.object({ id: z.uuid() });
const created = z.object({ id: z.string() });
const enrolResult = z.object({
  id: z.string(),
  status: z.enum(['enrolled', 'waitlisted']),
  startDate: z.string().nullable(),
  plannedEndDate: z.string().nullable(),
  priorityRank: z.number(),
});
const purposeOf = (h: string | undefined) => (h ? decodeURIComponent(h) : null);

export const programmeRoutes = [
  defineRoute({
    method: 'get',
    path: '/api/programmes',
    summary: 'Insatskatalogen',
    tags: ['programmes'],
    access: programmesPolicy.ref('read'),
    responses: { 200: { description: 'OK' } },
    handler: async ({ ctx, c }) => c.json(await listProgrammeCatalogue(ctx)),
  }),
  defineRoute({
    method: 'post',
    path: '/api/programmes',
    summary: 'Lägg upp en insats (faser, kapacitet, spår, villkor som data)',
    tags: ['programmes'],
    access: programmesPolicy.ref('manage'),
    body: createProgrammeSchema,
    responses: { 201: { description: 'Skapad', schema: created }, 409: { description: 'Koden finns redan' } },
    handler: async ({ ctx, grant, body, c }) => c.json(await createProgramme(ctx, grant, body), 201),
  }),
  defineRoute({
    method: 'get',
    path: '/api/programmes/:id',
    summary: 'En insats med faser, kapacitet, spår och intag',
    tags: ['programmes'],
    access: programmesPolicy.ref('read'),
    params: idParams,
    responses: { 200: { description: 'OK' }, 404: { description: 'Finns inte' } },
    handler: async ({ ctx, params, c }) => c.json(await getProgramme(ctx, params.id)),
  }),
  defineRoute({
    method: 'post',
    path: '/api/programmes/:id/intakes',
    summary: 'Lägg upp ett intag',
    tags: ['programmes'],
    access: programmesPolicy.ref('manage'),
    params: idParams,
    body: createIntakeSchema,
    responses: { 201: { description: 'Skapat', schema: created } },
    handler: async ({ ctx, grant, params, body, c }) =>
      c.json(await createIntake(ctx, grant, params.id, body), 201),
  }),
  defineRoute({
    method: 'post',
    path: '/api/programmes/:id/intake-series',
    summary: 'Lägg upp återkommande intag (samma perioder varje år, t.ex. fem ansökningsperioder)',
    tags: ['programmes'],
    access: programmesPolicy.ref('manage'),
    params: idParams,
    body: createIntakeSeriesSchema,
    responses: {
      201: {
        description: 'Skapade (befintliga intag lämnas orörda och redovisas)',
        schema: z.object({
          created: z.array(z.object({ id: z.string(), startsOn: z.string() })),
          skipped: z.array(z.string()),
        }),
      },
    },
    handler: async ({ ctx, grant, params, body, c }) =>
      c.json(await createIntakeSeries(ctx, grant, params.id, body), 201),
  }),
  defineRoute({
    method: 'get',
    path: '/api/intakes/:id/board',
    summary: 'Intagstavla: platser kvar, inskrivna och väntelista',
    tags: ['programmes'],
    access: programmesPolicy.ref('viewBoard'),
    params: idParams,
    responses: { 200: { description: 'OK' } },
    handler: async ({ ctx, grant, params, c }) => c.json(await intakeBoard(ctx, grant!, params.id)),
  }),
  defineRoute({
    method: 'post',
    path: '/api/programmes/:id/enrolments',
    summary: 'Skriv in en deltagare (eller sätt på väntelistan om platserna är slut)',
    tags: ['programmes'],
    access: participantsPolicy.ref('write'),
    params: idParams,
    body: enrolSchema,
    responses: {
      201: { description: 'Inskriven eller på väntelistan', schema: enrolResult },
      409: { description: 'Redan inskriven' },
      422: { description: 'Uppfyller inte villkoren' },
    },
    handler: async ({ ctx, params, body, c }) =>
      c.json(await enrolParticipant(ctx, params.id, body, purposeOf(c.req.header(PURPOSE_HEADER))), 201),
  }),
  defineRoute({
    method: 'get',
    path: '/api/programmes/:id/follow-ups/due',
    summary: 'Uppföljningar efter avslut som ska göras nu (synliga deltagare namnges)',
    tags: ['programmes'],
    access: programmesPolicy.ref('viewBoard'),
    params: idParams,
    responses: { 200: { description: 'OK' }, 404: { description: 'Finns inte' } },
    handler: async ({ ctx, grant, params, c }) => c.json(await listDueFollowUps(ctx, grant!, params.id)),
  }),
  defineRoute({
    method: 'get',
    path: '/api/participants/:id/enrolments',
    summary: 'En deltagares insatser med faser, pauser, avslut och uppföljningar',
    tags: ['programmes'],
    access: participantsPolicy.ref('read'),
    params: idParams,
    responses: { 200: { description: 'OK' }, 404: { description: 'Finns inte' } },
    handler: async ({ ctx, params, c }) =>
      c.json(await listPersonEnrolments(ctx, params.id, purposeOf(c.req.header(PURPOSE_HEADER)))),
  }),
  defineRoute({
    method: 'post',
    path: '/api/enrolments/:id/admit',
    summary: 'Ta in en deltagare från väntelistan när en plats är ledig',
    tags: ['programmes'],
    access: participantsPolicy.ref('write'),
    params: idParams,
    body: admitSchema,
    responses: {
      200: {
        description: 'Inskriven',
        schema: z.object({
          id: z.string(),
          status: z.literal('enrolled'),
          startDate: z.string(),
          plannedEndDate: z.string().nullable(),
        }),
      },
      409: { description: 'Ingen ledig plats, eller inte på väntelistan' },
    },
    handler: async ({ ctx, params, body, c }) =>
      c.json(await admitFromWaitlist(ctx, params.id, body, purposeOf(c.req.header(PURPOSE_HEADER)))),
  }),
  defineRoute({
    method: 'post',
    path: '/api/enrolments/:id/phase',
    summary: 'Byt fas (daterat)',
    tags: ['programmes'],
    access: participantsPolicy.ref('write'),
    params: idParams,
    body: phaseTransitionSchema,
    responses: { 204: { description: 'OK' } },
    handler: async ({ ctx, params, body, c }) => {
      await transitionPhase(ctx, params.id, body, purposeOf(c.req.header(PURPOSE_HEADER)));
      return c.body(null, 204);
    },
  }),
  defineRoute({
    method: 'post',
    path: '/api/enrolments/:id/adjustments',
    summary: 'Paus eller förlängning; flyttar planerat slut',
    tags: ['programmes'],
    access: participantsPolicy.ref('write'),
    params: idParams,
    body: adjustmentSchema,
    responses: { 200: { description: 'OK', schema: z.object({ plannedEndDate: z.string().nullable() }) } },
    handler: async ({ ctx, params, body, c }) =>
      c.json(await adjustEnrolment(ctx, params.id, body, purposeOf(c.req.header(PURPOSE_HEADER)))),
  }),
  defineRoute({
    method: 'post',
    path: '/api/enrolments/:id/exit',
    summary: 'Avsluta med datum, orsak och inkomstkälla; skapar uppföljningar',
    tags: ['programmes'],
    access: participantsPolicy.ref('write'),
    params: idParams,
    body: exitSchema,
    responses: { 200: { description: 'OK' }, 422: { description: 'Ogiltigt avslut' } },
    handler: async ({ ctx, params, body, c }) =>
      c.json(await exitEnrolment(ctx, params.id, body, purposeOf(c.req.header(PURPOSE_HEADER)))),
  }),
  defineRoute({
    method: 'post',
    path: '/api/follow-ups/:id',
    summary: 'Registrera uppföljning efter avslut',
    tags: ['programmes'],
    access: participantsPolicy.ref('write'),
    params: idParams,
    body: followUpRecordSchema,
    responses: { 204: { description: 'OK' } },
    handler: async ({ ctx, params, body, c }) => {
      await recordFollowUp(ctx, params.id, body, purposeOf(c.req.header(PURPOSE_HEADER)));
      return c.body(null, 204);
    },
  }),
];
