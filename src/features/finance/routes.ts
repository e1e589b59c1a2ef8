import { z } from 'zod';
import { defineRoute, FILE_UPLOAD_BODY_LIMIT } from '../../http/registry.ts';
import { accountMappings, setAccountMapping } from './account-mapping.ts';
import { budgetYear, costComparison } from './cost-comparison.ts';
import { evaluationRoutes } from './evaluation-routes.ts';
import { importLedger, LedgerImportRejected } from './import-ledger.ts';
import { financePolicy } from './policy.ts';
import { financeProgrammes } from './programmes.ts';
import { addBudgetLine, addCostOutcome } from './record-amounts.ts';
import {
  accountMappingSchema,
  budgetLineSchema,
  comparisonQuerySchema,
  costOutcomeSchema,
  ledgerImportSchema,
  yearQuerySchema,
} from './schema.ts';

const idParams = z.object({ id: z.uuid() });
const created = z.object({ id: z.string() });
const comparisonRow = z.object({
  category: z.string(),
  forecastSek: z.number(),
  outcomeSek: z.number(),
  deviationSek: z.number(),
});

export const financeRoutes = [
  defineRoute({
    method: 'get',
    path: '/api/finance/programmes',
    summary: 'Insatser med budget och utfall att välja bland',
    tags: ['finance'],
    access: financePolicy.ref('read'),
    responses: { 200: { description: 'OK' } },
    handler: async ({ ctx, c }) => c.json(await financeProgrammes(ctx)),
  }),
  defineRoute({
    method: 'post',
    path: '/api/programmes/:id/budget',
    summary:
      'Registrera budget (prognos) för en kategori och period, t.ex. en månad eller hela insatsperioden',
    tags: ['finance'],
    access: financePolicy.ref('manage'),
    params: idParams,
    body: budgetLineSchema,
    responses: {
      201: { description: 'Registrerad', schema: created },
      404: { description: 'Insatsen finns inte' },
    },
    handler: async ({ ctx, grant, params, body, c }) =>
      c.json(await addBudgetLine(ctx, grant, params.id, body), 201),
  }),
  defineRoute({
    method: 'post',
    path: '/api/programmes/:id/cost-outcomes',
    summary: 'Registrera utfall för en kategori och period (manuellt eller summa från ekonomisystemet)',
    tags: ['finance'],
    access: financePolicy.ref('manage'),
    params: idParams,
    body: costOutcomeSchema,
    responses: {
      201: { description: 'Registrerat', schema: created },
      404: { description: 'Insatsen finns inte' },
    },
    handler: async ({ ctx, grant, params, body, c }) =>
      c.json(await addCostOutcome(ctx, grant, params.id, body), 201),
  }),
  defineRoute({
    method: 'get',
    path: '/api/programmes/:id/cost-comparison',
    summary: 'Utfall mot prognos per kostnadskategori (år, period eller allt)',
    tags: ['finance'],
    access: financePolicy.ref('read'),
    params: idParams,
    query: comparisonQuerySchema,
    responses: { 200: { description: 'OK', schema: z.array(comparisonRow) } },
    handler: async ({ ctx, params, query, c }) =>
      c.json(
        await costComparison(ctx, params.id, {
          ...(query.year !== undefined ? { year: query.year } : {}),
          ...(query.from !== undefined ? { from: query.from } : {}),
          ...(query.to !== undefined ? { to: query.to } : {}),
        }),
      ),
  }),
  defineRoute({
    method: 'get',
    path: '/api/programmes/:id/budget-year',
    summary: 'Budget, utfall, avvikelse och prognos per kategori och månad för ett år',
    tags: ['finance'],
    access: financePolicy.ref('read'),
    params: idParams,
    query: yearQuerySchema,
    responses: { 200: { description: 'OK' } },
    handler: async ({ ctx, params, query, c }) =>
      c.json(await budgetYear(ctx, params.id, query.year, query.closedMonths)),
  }),
  defineRoute({
    method: 'get',
    path: '/api/finance/account-mappings',
    summary: 'Mappning konto + kostnadsställe → insats + kategori',
    tags: ['finance'],
    access: financePolicy.ref('read'),
    responses: { 200: { description: 'OK' } },
    handler: async ({ ctx, c }) => c.json(await accountMappings(ctx)),
  }),
  defineRoute({
    method: 'put',
    path: '/api/finance/account-mappings',
    summary: 'Lägg till eller ändra en mappning konto + kostnadsställe',
    tags: ['finance'],
    access: financePolicy.ref('manage'),
    body: accountMappingSchema,
    responses: { 204: { description: 'Sparad' } },
    handler: async ({ ctx, grant, body, c }) => {
      await setAccountMapping(ctx, grant, body);
      return c.body(null, 204);
    },
  }),
  defineRoute({
    method: 'post',
    path: '/api/finance/ledger-imports',
    summary: 'Importera bokförda kostnader (CSV från ekonomisystemet), allt eller inget',
    tags: ['finance'],
    access: financePolicy.ref('manage'),
    maxBodyBytes: FILE_UPLOAD_BODY_LIMIT,
    body: ledgerImportSchema,
    responses: {
      201: { description: 'Importerad' },
      422: { description: 'Filen har fel; ingenting importerades. Varje fel med radnummer.' },
    },
    handler: async ({ ctx, grant, body, c }) => {
      try {
        const result = await importLedger(ctx, grant, {
          filename: body.filename,
          content: Buffer.from(body.contentBase64, 'base64'),
        });
        return c.json(result, 201);
      } catch (err) {
        if (err instanceof LedgerImportRejected && typeof err.text !== 'string') {
          return c.json(
            {
              error: { code: err.code, message: err.text[ctx.lang], requestId: ctx.requestId },
              errors: err.issues,
            },
            422,
          );
        }
        throw err;
      }
    },
  }),
  ...evaluationRoutes,
];
