import { z } from 'zod';
import { isoDate, uuidParam } from '../workplaces/schema.ts';
import { ABSENCE_REASONS } from './attendance-csv.ts';

export const EMPLOYMENT_FORMS = [
  'tidsbegransad',
  'sarskild_visstid',
  'vikariat',
  'sasong',
  'provanstallning',
  'tillsvidare',
] as const;
export const SUBSIDY_KINDS = [
  'nystartsjobb',
  'introduktionsjobb',
  'extratjanst',
  'lonebidrag',
  'trygghetsanstallning',
  'annat',
] as const;

export const subsidyInput = z.strictObject({
  kind: z.enum(SUBSIDY_KINDS),
  /** Arbetsförmedlingen's decision id (beslutsnummer). */
  decisionId: z.string().trim().max(50).nullish(),
  monthlyAmountSek: z.number().int().min(0).max(200_000).nullish(),
  from: isoDate.nullish(),
  to: isoDate.nullish(),
});

/** Employment details, for placements in employment programmes (programme kind `anstallning`). */
export const employmentInput = z.strictObject({
  form: z.enum(EMPLOYMENT_FORMS).nullish(),
  hoursPerWeek: z.number().gt(0).max(80).multipleOf(0.1).nullish(),
  monthlySalarySek: z.number().int().min(0).max(200_000).nullish(),
  /** Employer cost on top of the wage as a factor, e.g. 1.3142 (wage + employer contributions). */
  employerCostFactor: z.number().min(1).max(2.9999).nullish(),
  subsidy: subsidyInput.nullish(),
});
export type EmploymentInput = z.infer<typeof employmentInput>;

const placementFields = {
  workplaceId: uuidParam,
  slotId: uuidParam.nullish(),
  supervisorId: uuidParam.nullish(),
  startDate: isoDate,
  endDate: isoDate.nullish(),
  employment: employmentInput.nullish(),
  note: z.string().trim().max(2000).nullish(),
};

/** Minimal input is `{ enrolmentId, workplaceId, startDate }`. */
export const createPlacementInput = z.strictObject({ enrolmentId: uuidParam, ...placementFields });
export type CreatePlacementInput = z.infer<typeof createPlacementInput>;

/** Replaces the placement's editable fields (the enrolment stays). */
export const updatePlacementInput = z.strictObject(placementFields);
export type UpdatePlacementInput = z.infer<typeof updatePlacementInput>;

export const consentInput = z.strictObject({ shareNameWithWorkplace: z.boolean() });

export const weekParam = z.string().regex(/^\d{4}-W\d{2}$/, { message: 'Ange veckan som ÅÅÅÅ-Wnn.' });

export const attendanceInput = z.strictObject({
  hoursPresent: z.number().min(0).max(168).multipleOf(0.01),
  absences: z
    .array(
      z.strictObject({ reason: z.enum(ABSENCE_REASONS), hours: z.number().gt(0).max(168).multipleOf(0.01) }),
    )
    .max(ABSENCE_REASONS.length)
    .default([]),
});
export type AttendanceInput = z.infer<typeof attendanceInput>;

export const importAttendanceInput = z.strictObject({
  fileName: z.string().trim().max(200).optional(),
  /** The file's bytes, base64 (the encoding is detected: UTF-8 with or without BOM, or Windows-1252). */
  contentBase64: z.string().min(1).max(1_200_000),
  /** Check only: resolve and validate every row, write nothing. */
  dryRun: z.boolean().default(false),
  /** Needed when the file names persons with protected identity (as X-Insats-Purpose would be). */
  purpose: z.string().trim().max(300).optional(),
});

export const periodQuery = z.strictObject({ from: isoDate, to: isoDate });

// ---------------------------------------------------------------------------------------------
// Responses

export const placementView = z.object({
  id: z.string(),
  enrolmentId: z.string(),
  person: z.object({ id: z.string(), name: z.string() }),
  programme: z.object({ id: z.string(), name: z.string(), kind: z.string() }),
  workplace: z.object({ id: z.string(), name: z.string() }),
  supervisor: z.object({ id: z.string(), name: z.string() }).nullable(),
  slotId: z.string().nullable(),
  startDate: z.string(),
  endDate: z.string().nullable(),
  status: z.enum(['aktiv', 'avbruten']),
  shareNameWithWorkplace: z.boolean(),
  employment: z
    .object({
      form: z.string().nullable(),
      hoursPerWeek: z.number().nullable(),
      monthlySalarySek: z.number().nullable(),
      employerCostFactor: z.number().nullable(),
      monthlyEmployerCostSek: z.number().nullable(),
      subsidy: z
        .object({
          kind: z.string(),
          decisionId: z.string().nullable(),
          monthlyAmountSek: z.number().nullable(),
          from: z.string().nullable(),
          to: z.string().nullable(),
        })
        .nullable(),
      netMonthlyCostSek: z.number().nullable(),
    })
    .nullable(),
  note: z.string().nullable(),
});

export const workplaceViewOfPlacement = z.object({
  placement: z.object({
    startDate: z.string(),
    endDate: z.string().nullable(),
    hoursPerWeek: z.number().nullable(),
  }),
  workplace: z.object({ name: z.string() }),
  supervisor: z.object({ name: z.string() }).nullable(),
  participant: z.object({
    name: z.string().nullable(),
    phone: z.string().nullable(),
    email: z.string().nullable(),
  }),
});

export const importIssue = z.object({
  line: z.number(),
  column: z.string().nullable(),
  message: z.string(),
});
