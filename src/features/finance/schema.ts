import { z } from 'zod';
import { COST_CATEGORIES } from '../../domain/budget.ts';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'Ange datum som ÅÅÅÅ-MM-DD.' });
const category = z.enum(COST_CATEGORIES, { error: 'Okänd kostnadskategori.' });
/** Whole SEK with at most two decimals (öre); stored as integer öre. */
const amountSek = z
  .number({ error: 'Ange beloppet i kronor.' })
  .min(-1e11)
  .max(1e11)
  .refine((v) => Number.isInteger(Math.round(v * 100)) && Math.abs(v * 100 - Math.round(v * 100)) < 1e-6, {
    error: 'Beloppet får ha högst två decimaler (öre).',
  });

const period = {
  category,
  periodFrom: isoDate,
  periodTo: isoDate,
  amountSek,
};

export const budgetLineSchema = z
  .strictObject({ ...period, note: z.string().trim().max(500).optional() })
  .refine((b) => b.periodTo >= b.periodFrom, { error: 'Periodens slut får inte vara före dess början.' });
export type BudgetLineInput = z.infer<typeof budgetLineSchema>;

export const costOutcomeSchema = z
  .strictObject({
    ...period,
    source: z.enum(['manuell', 'ekonomisystem']).default('manuell'),
    text: z.string().trim().max(500).optional(),
  })
  .refine((b) => b.periodTo >= b.periodFrom, { error: 'Periodens slut får inte vara före dess början.' });
export type CostOutcomeInput = z.infer<typeof costOutcomeSchema>;

export const comparisonQuerySchema = z.strictObject({
  year: z.coerce.number().int().min(1990).max(2100).optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
});

export const yearQuerySchema = z.strictObject({
  year: z.coerce.number().int().min(1990).max(2100),
  /** Months of the year with closed books (0–12); default: months before today's month. */
  closedMonths: z.coerce.number().int().min(0).max(12).optional(),
});

export const accountMappingSchema = z.strictObject({
  account: z.string().trim().min(1).max(20),
  costCentre: z.string().trim().min(1).max(30),
  programmeId: z.uuid(),
  category,
});

export const ledgerImportSchema = z.strictObject({
  filename: z.string().trim().min(1).max(200),
  contentBase64: z.string().min(1).max(14_000_000),
});

export const parameterSchema = z.strictObject({
  year: z.number().int().min(1990).max(2100),
  key: z.string().regex(/^[a-z0-9_]{1,60}$/, { error: 'Nyckeln får bara innehålla a–z, 0–9 och _.' }),
  value: z.number().finite().min(-1e12).max(1e12),
  unit: z.string().trim().min(1).max(40),
  source: z.string().trim().min(1, { error: 'Ange källa.' }).max(500),
});
export type ParameterInput = z.infer<typeof parameterSchema>;

export const evaluationQuerySchema = z.strictObject({
  from: isoDate,
  to: isoDate,
  /** Months observed before start and after exit (default 12). */
  observationMonths: z.coerce.number().int().min(1).max(60).optional(),
  /** Comma-separated success shares for scenarios, e.g. "0.25,0.5". */
  successShares: z
    .string()
    .regex(/^(0(\.\d+)?|1(\.0+)?)(,(0(\.\d+)?|1(\.0+)?))*$/, {
      error: 'Ange andelar mellan 0 och 1, t.ex. 0.25,0.5.',
    })
    .optional(),
  format: z.enum(['pdf', 'xlsx']).optional(),
});
export type EvaluationQuery = z.infer<typeof evaluationQuerySchema>;
