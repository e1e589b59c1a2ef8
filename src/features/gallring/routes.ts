import { z } from 'zod';
import { defineRoute } from '../../http/registry.ts';
import { gallringDryRun } from './dry-run.ts';
import { executeGallring } from './execute.ts';
import {
  createGallringRule,
  deleteGallringRule,
  listGallringRules,
  updateGallringRule,
} from './manage-rules.ts';
import { markGallringException } from './mark-exception.ts';
import { gallringPolicy } from './policy.ts';
import { getGallringRun, listGallringRuns } from './read-runs.ts';
import { exceptionSchema, ruleSchema } from './schema.ts';

const idParams = z.object({ id: z.uuid() });

export const gallringRoutes = [
  defineRoute({
    method: 'get',
    path: '/api/gallring/rules',
    summary: 'Gallringsregler (akttyp, utlösande datum, antal år, undantag, beslut)',
    tags: ['gallring'],
    access: gallringPolicy.ref('viewRuns'),
    responses: { 200: { description: 'OK' } },
    handler: async ({ ctx, c }) => c.json(await listGallringRules(ctx)),
  }),
  defineRoute({
    method: 'post',
    path: '/api/gallring/rules',
    summary: 'Lägg upp en gallringsregel från nämndens gallringsbeslut',
    tags: ['gallring'],
    access: gallringPolicy.ref('manage'),
    body: ruleSchema,
    responses: {
      201: { description: 'Skapad' },
      409: { description: 'Regel för akttypen finns redan' },
      422: { description: 'Okänd akttyp eller ogiltigt antal år' },
    },
    handler: async ({ ctx, body, c }) => c.json(await createGallringRule(ctx, body), 201),
  }),
  defineRoute({
    method: 'put',
    path: '/api/gallring/rules/:id',
    summary: 'Ändra en gallringsregel',
    tags: ['gallring'],
    access: gallringPolicy.ref('manage'),
    params: idParams,
    body: ruleSchema,
    responses: { 200: { description: 'Ändrad' }, 404: { description: 'Finns inte' } },
    handler: async ({ ctx, params, body, c }) => c.json(await updateGallringRule(ctx, params.id, body)),
  }),
  defineRoute({
    method: 'delete',
    path: '/api/gallring/rules/:id',
    summary: 'Ta bort en gallringsregel',
    tags: ['gallring'],
    access: gallringPolicy.ref('manage'),
    params: idParams,
    responses: { 204: { description: 'Borttagen' }, 404: { description: 'Finns inte' } },
    handler: async ({ ctx, params, c }) => {
      await deleteGallringRule(ctx, params.id);
      return c.body(null, 204);
    },
  }),
  defineRoute({
    method: 'post',
    path: '/api/gallring/dry-run',
    summary: 'Provkör gallring: exakt de akter som ska gallras i dag (loggas)',
    tags: ['gallring'],
    access: gallringPolicy.ref('run'),
    responses: { 200: { description: 'Akterna som ska gallras, med antal per akttyp' } },
    handler: async ({ ctx, c }) => c.json(await gallringDryRun(ctx)),
  }),
  defineRoute({
    method: 'post',
    path: '/api/gallring/runs/:id/execute',
    summary: 'Verkställ en provkörning från i dag: tar bort personernas uppgifter i alla tabeller',
    tags: ['gallring'],
    access: gallringPolicy.ref('run'),
    params: idParams,
    responses: {
      200: { description: 'Verkställd' },
      404: { description: 'Provkörningen finns inte' },
      409: { description: 'Redan verkställd, eller listan har ändrats' },
      422: { description: 'Provkörningen är inte från i dag' },
    },
    handler: async ({ ctx, params, c }) => c.json(await executeGallring(ctx, params.id)),
  }),
  defineRoute({
    method: 'get',
    path: '/api/gallring/runs',
    summary: 'Gallringskörningar: antal per akttyp och beslut, inga personuppgifter',
    tags: ['gallring'],
    access: gallringPolicy.ref('viewRuns'),
    responses: { 200: { description: 'OK' } },
    handler: async ({ ctx, c }) => c.json(await listGallringRuns(ctx)),
  }),
  defineRoute({
    method: 'get',
    path: '/api/gallring/runs/:id',
    summary: 'En gallringskörning',
    tags: ['gallring'],
    access: gallringPolicy.ref('viewRuns'),
    params: idParams,
    responses: { 200: { description: 'OK' }, 404: { description: 'Finns inte' } },
    handler: async ({ ctx, params, c }) => c.json(await getGallringRun(ctx, params.id)),
  }),
  defineRoute({
    method: 'put',
    path: '/api/participants/:id/gallring-exceptions',
    summary: 'Markera personen med en undantagskategori som aldrig gallras automatiskt',
    tags: ['gallring'],
    access: gallringPolicy.ref('mark'),
    params: idParams,
    body: exceptionSchema,
    responses: { 204: { description: 'Markerad' }, 404: { description: 'Finns inte' } },
    handler: async ({ ctx, params, body, c }) => {
      await markGallringException(ctx, params.id, body);
      return c.body(null, 204);
    },
  }),
];
