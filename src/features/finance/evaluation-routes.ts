import { z } from 'zod';
import { defineRoute } from '../../http/registry.ts';
import { evaluateProgramme } from './evaluate-programme.ts';
import { exportEvaluation } from './export-evaluation.ts';
import { addParameter, parameterEditor } from './parameters.ts';
import { financePolicy } from './policy.ts';
import { type EvaluationQuery, evaluationQuerySchema, parameterSchema } from './schema.ts';

const idParams = z.object({ id: z.uuid() });
const yearQuery = z.strictObject({ year: z.coerce.number().int().min(1990).max(2100) });

const request = (q: EvaluationQuery) => ({
  from: q.from,
  to: q.to,
  ...(q.observationMonths !== undefined ? { observationMonths: q.observationMonths } : {}),
  ...(q.successShares ? { successShares: q.successShares.split(',').map(Number) } : {}),
});

export const evaluationRoutes = [
  defineRoute({
    method: 'get',
    path: '/api/finance/parameters',
    summary: 'Parametrar för socioekonomisk bedömning ett år: gällande värden, saknade nycklar och historik',
    tags: ['finance'],
    access: financePolicy.ref('read'),
    query: yearQuery,
    responses: { 200: { description: 'OK' } },
    handler: async ({ ctx, query, c }) => c.json(await parameterEditor(ctx, query.year)),
  }),
  defineRoute({
    method: 'post',
    path: '/api/finance/parameters',
    summary: 'Lägg in en ny version av en parameter (år, nyckel, värde, enhet, källa)',
    tags: ['finance'],
    access: financePolicy.ref('manageParameters'),
    body: parameterSchema,
    responses: { 201: { description: 'Inlagd', schema: z.object({ id: z.string() }) } },
    handler: async ({ ctx, grant, body, c }) => c.json(await addParameter(ctx, grant, body), 201),
  }),
  defineRoute({
    method: 'get',
    path: '/api/programmes/:id/socioeconomic-evaluation',
    summary: 'Socioekonomisk bedömning av en insats för en period, med antaganden och parametrar',
    tags: ['finance'],
    access: financePolicy.ref('read'),
    params: idParams,
    query: evaluationQuerySchema,
    responses: {
      200: { description: 'OK' },
      422: { description: 'Parametrar saknas (listas) eller inga deltagare' },
    },
    handler: async ({ ctx, params, query, c }) =>
      c.json(await evaluateProgramme(ctx, params.id, request(query))),
  }),
  defineRoute({
    method: 'get',
    path: '/api/programmes/:id/socioeconomic-evaluation/export',
    summary: 'Exportera bedömningen som PDF eller Excel (med parametrar och källor; loggas)',
    tags: ['finance'],
    access: financePolicy.ref('export'),
    params: idParams,
    query: evaluationQuerySchema,
    responses: { 200: { description: 'Fil' }, 422: { description: 'Parametrar saknas' } },
    handler: async ({ ctx, grant, params, query, c }) => {
      const file = await exportEvaluation(ctx, grant, params.id, request(query), query.format ?? 'pdf');
      return c.body(new Uint8Array(file.bytes), 200, {
        'Content-Type': file.contentType,
        'Content-Disposition': `attachment; filename="${file.filename}"`,
        'Cache-Control': 'no-store',
      });
    },
  }),
];
