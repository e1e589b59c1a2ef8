import { z } from 'zod';
import { parseIsoDate } from '../../domain/iso-date.ts';

export const WORKPLACE_KINDS = ['kommunal', 'foretag', 'forening', 'bemanningsforetag'] as const;
export type WorkplaceKind = (typeof WORKPLACE_KINDS)[number];

export const AGREEMENT_TYPES = [
  'samverkansavtal',
  'praktikavtal',
  'anstallningsavtal',
  'feriearbete',
  'annat',
] as const;
export type AgreementType = (typeof AGREEMENT_TYPES)[number];

export const isoDate = z
  .string()
  .refine((v) => parseIsoDate(v) !== null, { message: 'Ange ett datum som finns, på formen ÅÅÅÅ-MM-DD.' });

/** Optional free text: `null`, missing and blank all mean "none". */
const text = (max: number) => z.string().trim().max(max).nullish();

export const uuidParam = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, {
  message: 'Ogiltigt id.',
});

export const supervisorInput = z.strictObject({
  name: z.string().trim().min(1).max(200),
  title: text(200),
  phone: text(40),
  email: z.string().trim().max(200).nullish(),
  active: z.boolean().optional(),
});
export type SupervisorInput = z.infer<typeof supervisorInput>;

export const agreementInput = z.strictObject({
  type: z.enum(AGREEMENT_TYPES),
  validFrom: isoDate,
  validTo: isoDate.nullish(),
  reference: text(100),
  note: text(2000),
});
export type AgreementInput = z.infer<typeof agreementInput>;

export const complianceCheckInput = z.strictObject({
  checkedOn: isoDate,
  collectiveAgreement: z.boolean(),
  criminalRecordExtractRequired: z.boolean(),
  minorsRulesAcknowledged: z.boolean(),
  riskAssessmentOn: isoDate.nullish(),
  note: text(2000),
});
export type ComplianceCheckInput = z.infer<typeof complianceCheckInput>;

export const slotInput = z.strictObject({
  periodFrom: isoDate,
  periodTo: isoDate,
  places: z.number().int().min(1).max(1000),
  ssykCode: z.string().trim().max(4).nullish(),
  note: text(500),
});
export type SlotInput = z.infer<typeof slotInput>;

/** The workplace's own fields, as created and as replaced by an update. */
export const workplaceFields = z.strictObject({
  kind: z.enum(WORKPLACE_KINDS),
  name: z.string().trim().min(1).max(200),
  organisationsnummer: text(20),
  /** SNI 2007 code (section letter or 2–5 digits). */
  sniCode: text(10),
  /** Free sector label, e.g. `vard-omsorg` (scenario files use these). */
  sector: text(100),
  streetAddress: text(200),
  postalCode: text(10),
  city: text(100),
  area: text(100),
  note: text(2000),
  /** SSYK 2012 codes the workplace can offer. */
  occupations: z.array(z.string().trim().min(1).max(4)).max(50).optional(),
  active: z.boolean().optional(),
});
export type WorkplaceFields = z.infer<typeof workplaceFields>;

/** Create: the fields, plus optionally the first supervisors, agreements, slots and compliance check. */
export const createWorkplaceInput = workplaceFields.extend({
  supervisors: z.array(supervisorInput).max(50).optional(),
  agreements: z.array(agreementInput).max(50).optional(),
  slots: z.array(slotInput).max(100).optional(),
  complianceCheck: complianceCheckInput.optional(),
});
export type CreateWorkplaceInput = z.infer<typeof createWorkplaceInput>;

export const listWorkplacesQuery = z.strictObject({
  q: z.string().trim().max(100).optional(),
  kind: z.enum(WORKPLACE_KINDS).optional(),
  includeInactive: z.enum(['true', 'false']).optional(),
});

// ---------------------------------------------------------------------------------------------
// Responses (documentation and contract)

const supervisorView = z.object({
  id: z.string(),
  name: z.string(),
  title: z.string().nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  active: z.boolean(),
});
const agreementView = z.object({
  id: z.string(),
  type: z.enum(AGREEMENT_TYPES),
  validFrom: z.string(),
  validTo: z.string().nullable(),
  reference: z.string().nullable(),
  note: z.string().nullable(),
});
const complianceView = z.object({
  id: z.string(),
  checkedOn: z.string(),
  collectiveAgreement: z.boolean(),
  criminalRecordExtractRequired: z.boolean(),
  minorsRulesAcknowledged: z.boolean(),
  riskAssessmentOn: z.string().nullable(),
  note: z.string().nullable(),
  recordedAt: z.string(),
});
const slotView = z.object({
  id: z.string(),
  periodFrom: z.string(),
  periodTo: z.string(),
  places: z.number(),
  ssykCode: z.string().nullable(),
  ssykName: z.string().nullable(),
  note: z.string().nullable(),
});

export const workplaceView = z.object({
  id: z.string(),
  kind: z.enum(WORKPLACE_KINDS),
  name: z.string(),
  organisationsnummer: z.string().nullable(),
  sector: z.object({
    system: z.string().nullable(),
    version: z.string().nullable(),
    code: z.string().nullable(),
    label: z.string().nullable(),
  }),
  streetAddress: z.string().nullable(),
  postalCode: z.string().nullable(),
  city: z.string().nullable(),
  area: z.string().nullable(),
  note: z.string().nullable(),
  active: z.boolean(),
  occupations: z.array(z.object({ code: z.string(), version: z.string(), name: z.string().nullable() })),
  supervisors: z.array(supervisorView),
  agreements: z.array(agreementView),
  complianceChecks: z.array(complianceView),
  slots: z.array(slotView),
  updatedAt: z.string(),
});

export const workplaceSummary = z.object({
  id: z.string(),
  kind: z.enum(WORKPLACE_KINDS),
  name: z.string(),
  organisationsnummer: z.string().nullable(),
  sectorCode: z.string().nullable(),
  sectorLabel: z.string().nullable(),
  city: z.string().nullable(),
  area: z.string().nullable(),
  active: z.boolean(),
  supervisors: z.number(),
  agreementValidToday: z.boolean(),
  lastCheckedOn: z.string().nullable(),
});
