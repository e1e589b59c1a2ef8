import { z } from 'zod';
import { FOLLOW_UP_OUTCOMES } from './follow-up-outcomes.ts';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'Ange datum som ÅÅÅÅ-MM-DD.' });
const code = z
  .string()
  .trim()
  .min(1)
  .max(60)
  .regex(/^[a-z0-9_-]+$/, { error: 'Koden får bara innehålla a–z, 0–9, - och _.' });

export const eligibilitySchema = z.strictObject({
  incomeSources: z.array(z.enum(['forsorjningsstod', 'aktivitetsstod', 'ingen', 'annan'])).optional(),
  minAge: z.number().int().min(0).max(120).optional(),
  maxAge: z.number().int().min(0).max(120).optional(),
  speaksOneOf: z.array(z.string().regex(/^[a-z]{2,3}$/)).optional(),
  municipalityCodes: z.array(z.string().regex(/^\d{4}$/)).optional(),
});

export const phaseSchema = z
  .strictObject({
    code,
    name: z.string().trim().min(1).max(120).optional(),
    weeks: z.number().int().min(1).max(520).optional(),
    months: z.number().int().min(1).max(120).optional(),
  })
  .refine((p) => !(p.weeks && p.months), { error: 'Ange längd i veckor eller månader, inte båda.' });

export const createProgrammeSchema = z.strictObject({
  code,
  name: z.string().trim().min(1).max(200),
  kind: z.enum(['anstallning', 'aktivitet', 'utbildning']),
  unitId: z.uuid(),
  maxLengthMonths: z.number().int().min(1).max(120).nullable().optional(),
  capacityMode: z.enum(['annual', 'concurrent']).nullable().optional(),
  capacities: z
    .array(z.strictObject({ validFrom: isoDate, places: z.number().int().min(0).max(1_000_000) }))
    .default([]),
  phases: z.array(phaseSchema).max(20).default([]),
  tracks: z
    .array(
      z.strictObject({
        code,
        name: z.string().trim().min(1).max(200),
        ssykCodes: z.array(z.string().regex(/^\d{1,4}$/)).default([]),
      }),
    )
    .default([]),
  eligibility: eligibilitySchema.default({}),
  priorityGroups: z.array(z.enum(['barnfamilj', 'ung_vuxen', 'langvarigt_bistand'])).default([]),
  followUpMonths: z.array(z.number().int().min(1).max(60)).max(6).default([6, 12, 18]),
  responsibleCommittee: z.string().trim().max(200).optional(),
  description: z.string().trim().max(4000).optional(),
});
export type CreateProgrammeInput = z.infer<typeof createProgrammeSchema>;

export const createIntakeSchema = z.strictObject({
  name: z.string().trim().min(1).max(200).optional(),
  startsOn: isoDate,
  applicationsOpen: isoDate.optional(),
  applicationsClose: isoDate.optional(),
  places: z.number().int().min(0).max(1_000_000).nullable().optional(),
});

const monthDay = z
  .string()
  .regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$/, { error: 'Ange månad och dag som MM-DD.' });

export const createIntakeSeriesSchema = z
  .strictObject({
    fromYear: z.number().int().min(2000).max(2100),
    toYear: z.number().int().min(2000).max(2100),
    periods: z
      .array(
        z.strictObject({
          name: z.string().trim().min(1).max(150).optional(),
          startsOn: monthDay,
          applicationsOpen: monthDay.optional(),
          applicationsClose: monthDay.optional(),
          places: z.number().int().min(0).max(1_000_000).nullable().optional(),
        }),
      )
      .min(1, { error: 'Ange minst en period.' })
      .max(12, { error: 'Högst 12 perioder per år.' }),
  })
  .refine((v) => v.toYear >= v.fromYear && v.toYear - v.fromYear <= 5, {
    error: 'Ange högst sex år, med slutåret samma som eller efter startåret.',
    path: ['toYear'],
  });

export const enrolSchema = z.strictObject({
  personId: z.uuid(),
  /** The unit (e.g. one of several centres) that runs this enrolment; the programme's unit by default. */
  unitId: z.uuid().optional(),
  intakeId: z.uuid().optional(),
  trackId: z.uuid().optional(),
  referredOn: isoDate.optional(),
  startDate: isoDate.optional(),
});
export type EnrolInput = z.infer<typeof enrolSchema>;

export const exitSchema = z.strictObject({
  exitDate: isoDate,
  reason: z.enum(['arbete', 'studier', 'annan_insats', 'flytt', 'sjukdom', 'avbrott', 'annat']),
  employmentForm: z.string().trim().max(100).optional(),
  incomeSourceAtExit: z
    .enum(['forsorjningsstod', 'aktivitetsstod', 'lon', 'studiemedel', 'ingen', 'annan'])
    .optional(),
});

export const adjustmentSchema = z.strictObject({
  kind: z.enum(['sjukdom', 'foraldraledighet', 'forlangning', 'annat']),
  fromDate: isoDate,
  toDate: isoDate.optional(),
  days: z.number().int().min(0).max(3650),
  reason: z.string().trim().max(1000).optional(),
});

export const phaseTransitionSchema = z.strictObject({ phaseCode: code, startedOn: isoDate });

export const admitSchema = z.strictObject({ startDate: isoDate.optional() });

export const followUpRecordSchema = z.strictObject({
  status: z.enum(['genomford', 'ej_nadd']),
  outcome: z.enum(FOLLOW_UP_OUTCOMES).optional(),
  incomeSource: z.string().trim().max(60).optional(),
});

export { isoDate };
