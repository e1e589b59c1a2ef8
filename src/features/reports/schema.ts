import { z } from 'zod';
import { parseIsoDate } from '../../domain/iso-date.ts';

const isoDate = z
  .string()
  .refine((v) => parseIsoDate(v) !== null, { error: 'Ange ett datum på formen ÅÅÅÅ-MM-DD.' });
const flag = z.enum(['true', 'false']).optional();

export const outcomeQuery = z.strictObject({
  programmeId: z.uuid().optional(),
  referenceDate: isoDate,
  /** `false` asks for unsuppressed internal figures (enhetschef only). */
  suppress: flag,
});

export const followUpQuery = z.strictObject({
  programmeId: z.uuid(),
  referenceDate: isoDate,
  suppress: flag,
});

export const exportFormat = z.enum(['csv', 'xlsx', 'pdf']);
export const outcomeExportQuery = outcomeQuery.omit({ suppress: true }).extend({ format: exportFormat });
export const followUpExportQuery = followUpQuery.omit({ suppress: true }).extend({ format: exportFormat });

export const reportTextBody = z.strictObject({
  reportKind: z.enum(['uppfoljning', 'utfall']),
  programmeId: z.uuid(),
  referenceDate: isoDate,
  section: z.string().regex(/^[a-z_]{1,40}$/, { error: 'Avsnittets namn: a–z och _ (högst 40 tecken).' }),
  body: z.string().max(20_000, { error: 'Texten får vara högst 20 000 tecken.' }),
});
export type ReportTextInput = z.infer<typeof reportTextBody>;

export const costsBody = z.strictObject({
  programmeId: z.uuid(),
  costs: z
    .array(
      z.strictObject({
        category: z.string().regex(/^[a-z0-9_-]{1,40}$/, { error: 'Kategori: a–z, 0–9, - och _.' }),
        forecastSek: z.number().int().min(0).max(1e12),
        outcomeSek: z.number().int().min(0).max(1e12),
      }),
    )
    .max(50),
});
export type CostsInput = z.infer<typeof costsBody>;

export const settingsBody = z.strictObject({
  suppressionThreshold: z.number().int().min(3, { error: 'Gränsvärdet ska vara minst 3.' }).max(20),
  /** SCB's substitute-number suffix for men (from SCB; not confirmed publicly). */
  scbSuffixMen: z
    .string()
    .regex(/^[A-Z0-9]{4}$/, { error: 'Suffixet ska vara fyra tecken A–Z eller 0–9.' })
    .nullish(),
});

/** A month as ÅÅÅÅ-MM (a full date is accepted and read as its month). */
const monthParam = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])(-\d{2})?$/, { error: 'Ange månaden som ÅÅÅÅ-MM.' });

export const dashboardQuery = z.strictObject({
  /** First month; default 23 months before `to`. */
  from: monthParam.optional(),
  /** Last month; default the current month. */
  to: monthParam.optional(),
  unitId: z.uuid().optional(),
});
export type DashboardQuery = z.infer<typeof dashboardQuery>;

export const dashboardExportQuery = dashboardQuery.extend({ format: exportFormat });

export const statisticsImportBody = z.strictObject({
  filename: z.string().min(1).max(200),
  contentBase64: z.string().min(1),
});

export const DASHBOARD_METRICS = ['unemployment_share', 'social_assistance_applications'] as const;

export const dashboardGoalBody = z
  .strictObject({
    metric: z.enum(DASHBOARD_METRICS),
    /** The goal; null removes it. Percent (0–100) for the unemployment share, a count otherwise. */
    target: z.number().min(0, { error: 'Målet kan inte vara negativt.' }).max(10_000_000).nullable(),
    label: z.string().trim().max(200, { error: 'Högst 200 tecken.' }).nullish(),
  })
  .refine((g) => g.metric !== 'unemployment_share' || g.target === null || g.target <= 100, {
    error: 'Ett mål för andelen anges i procent, 0–100.',
    path: ['target'],
  });
export type DashboardGoalInput = z.infer<typeof dashboardGoalBody>;
