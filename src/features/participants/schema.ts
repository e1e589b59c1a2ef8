import { z } from 'zod';

/** Request and response shapes of the participant registry. Messages are Swedish (form text). */

export const SEXES = ['K', 'M', 'X'] as const;
export const INCOME_SOURCES = ['forsorjningsstod', 'aktivitetsstod', 'ingen', 'annan'] as const;
export const PERSON_STATUSES = ['aktiv', 'vilande', 'avslutad'] as const;
export const PROTECTION_LEVELS = ['none', 'sekretessmarkering', 'skyddad_folkbokforing'] as const;
export const PROTECTED_LEVELS = ['sekretessmarkering', 'skyddad_folkbokforing'] as const;

const optionalText = (max: number) =>
  z
    .string()
    .max(max, { error: `Högst ${max} tecken.` })
    .nullish()
    .transform((v) => (v && v.trim() !== '' ? v.trim().replace(/\s+/g, ' ') : null));

const optionalLongText = (max: number) =>
  z
    .string()
    .max(max, { error: `Högst ${max} tecken.` })
    .nullish()
    .transform((v) => (v && v.trim() !== '' ? v.trim() : null));

const nameText = (label: string) =>
  z
    .string({ error: `Ange ${label}.` })
    .transform((v) => v.trim().replace(/\s+/g, ' '))
    .pipe(
      z
        .string()
        .min(1, { error: `Ange ${label}.` })
        .max(100, { error: 'Högst 100 tecken.' }),
    );

export const isoDate = z.iso.date({ error: 'Ange ett giltigt datum (ÅÅÅÅ-MM-DD).' });
export const uuid = z.uuid({ error: 'Ogiltigt id.' });

const email = z
  .string()
  .max(200)
  .nullish()
  .transform((v) => (v && v.trim() !== '' ? v.trim() : null))
  .refine((v) => v === null || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v), {
    error: 'Ange en giltig e-postadress.',
  });

const phone = z
  .string()
  .max(40)
  .nullish()
  .transform((v) => (v && v.trim() !== '' ? v.trim().replace(/\s+/g, ' ') : null))
  .refine((v) => v === null || /^\+?[0-9][0-9 ()-]{4,24}$/.test(v), {
    error: 'Ange ett telefonnummer med siffror (t.ex. 070-123 45 67).',
  });

export const addressSchema = z.strictObject({
  street: optionalText(200),
  postalCode: z
    .string()
    .max(10)
    .nullish()
    .transform((v) => (v && v.trim() !== '' ? v.replace(/\s+/g, '') : null))
    .refine((v) => v === null || /^\d{5}$/.test(v), { error: 'Postnumret ska ha fem siffror.' }),
  city: optionalText(100),
});

export const languageSchema = z.strictObject({
  code: z.string().regex(/^[a-z]{2,3}$/, { error: 'Språkkoden ska vara en ISO 639-kod (2–3 bokstäver).' }),
  needsInterpreter: z.boolean().default(false),
});

const ssykCode = z.string().regex(/^\d{1,4}$/, { error: 'SSYK-koden ska ha 1–4 siffror.' });

export const occupationsSchema = z.strictObject({
  interest: z.array(ssykCode).max(20).default([]),
  experience: z.array(ssykCode).max(20).default([]),
});

export const akassaSchema = z.strictObject({
  code: z.string().min(1).max(40),
  memberSince: isoDate.nullish(),
});

/** Fields a case worker can set on a person (registration and later edits). */
const editableFields = {
  firstName: nameText('förnamn'),
  lastName: nameText('efternamn'),
  sex: z.enum(SEXES, { error: 'Välj kön: K, M eller X.' }),
  email,
  phone,
  address: addressSchema.nullish(),
  municipalityCode: z
    .string()
    .regex(/^\d{4}$/, { error: 'Kommunkoden ska ha fyra siffror.' })
    .nullish(),
  languages: z.array(languageSchema).max(20),
  educationLevel: z
    .string()
    .regex(/^\d{1,3}$/, { error: 'Ange en SUN-nivåkod.' })
    .nullish(),
  occupations: occupationsSchema,
  drivingLicences: z.array(z.string().min(1).max(20)).max(20),
  akassa: akassaSchema.nullish(),
  incomeSource: z.enum(INCOME_SOURCES, { error: 'Välj försörjning före start.' }).nullish(),
  /** Months of the last 12 with ekonomiskt bistånd; 10 or more is långvarigt bistånd (Socialstyrelsen). */
  assistanceMonths: z
    .number({ error: 'Ange antal månader som ett heltal 0–12.' })
    .int({ error: 'Ange antal månader som ett heltal 0–12.' })
    .min(0, { error: 'Antal månader med bistånd ska vara 0–12.' })
    .max(12, { error: 'Antal månader med bistånd ska vara 0–12.' })
    .nullish(),
  adjustmentNeeds: optionalLongText(4000),
  caseWorkerUserId: uuid.nullish(),
  teamId: uuid.nullish(),
};

export const registerSchema = z.strictObject({
  personnummer: z.string({ error: 'Ange ett personnummer eller samordningsnummer.' }).max(20),
  ...editableFields,
  sex: editableFields.sex.optional(),
  languages: editableFields.languages.default([]),
  occupations: occupationsSchema.default({ interest: [], experience: [] }),
  drivingLicences: editableFields.drivingLicences.default([]),
  responsibleUnitId: uuid,
});
export type RegisterInput = z.infer<typeof registerSchema>;

export const updateSchema = z
  .strictObject({
    ...editableFields,
    responsibleUnitId: uuid,
    status: z.enum(PERSON_STATUSES),
    /**
     * The person's `updatedAt` as the editor read it. When given, the change is refused with 409
     * `person_changed` if someone else has saved the person since, instead of overwriting their save.
     */
    expectedUpdatedAt: z.iso.datetime({ offset: true, error: 'Ange en giltig tidpunkt (ISO 8601).' }),
  })
  .partial();
export type UpdateInput = z.infer<typeof updateSchema>;

export const purposeSchema = z
  .string({ error: 'Ange ett syfte.' })
  .transform((v) => v.trim())
  .pipe(z.string().min(3, { error: 'Ange ett syfte (minst 3 tecken).' }).max(500));

export const caseloadQuerySchema = z.strictObject({
  scope: z.enum(['mine', 'team', 'unit']).default('unit'),
  unitId: uuid.optional(),
  status: z.enum(PERSON_STATUSES).optional(),
  lastContactOlderThanDays: z.coerce.number().int().min(0).max(3650).optional(),
  q: z.string().max(100).optional(),
  sort: z.enum(['name', '-name', 'lastContact', '-lastContact']).default('name'),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(25),
});
export type CaseloadQuery = z.infer<typeof caseloadQuerySchema>;

export const householdChildrenSchema = z.strictObject({
  childrenAtHome: z.number().int().min(0).max(30).optional(),
  children: z
    .array(
      z.strictObject({
        birthYearMonth: z
          .string()
          .regex(/^\d{4}-(0[1-9]|1[0-2])$/, { error: 'Ange år och månad (ÅÅÅÅ-MM).' }),
      }),
    )
    .max(30)
    .default([]),
});
export type HouseholdChildrenInput = z.infer<typeof householdChildrenSchema>;

export const protectionChangeSchema = z.strictObject({
  level: z.enum(PROTECTION_LEVELS),
  source: z.enum(['folkbokforing', 'manuell']),
  decidedOn: isoDate.nullish(),
  purpose: purposeSchema,
});
export type ProtectionChangeInput = z.infer<typeof protectionChangeSchema>;

export const importSchema = z.strictObject({
  filename: z.string().min(1).max(200),
  contentBase64: z.string().min(1),
  responsibleUnitId: uuid,
});

// ---------------------------------------------------------------------------------------------
// Responses (documentation; the presenter builds them)

const codeRef = z.object({ code: z.string(), name: z.string().nullable(), nameLang: z.string().nullable() });

export const listItemSchema = z.object({
  id: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  personnummer: z.string(),
  birthDate: z.string(),
  status: z.string(),
  lastContactAt: z.string().nullable(),
  caseWorker: z.object({ id: z.string(), name: z.string() }).nullable(),
  unit: z.object({ id: z.string(), name: z.string() }),
  protected: z.boolean(),
});

export const caseloadResponseSchema = z.object({
  items: z.array(listItemSchema),
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
  pageCount: z.number(),
});

export const personResponseSchema = z.object({
  id: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  personnummer: z.string(),
  personnummerDisplay: z.string(),
  identityKind: z.string(),
  identityStatus: z.string(),
  birthDate: z.string(),
  sex: z.string(),
  status: z.string(),
  protection: z.object({ level: z.enum(PROTECTION_LEVELS), source: z.string().nullable() }),
  contact: z
    .object({
      masked: z.boolean(),
      email: z.string().nullable().optional(),
      phone: z.string().nullable().optional(),
      address: z
        .object({
          street: z.string().nullable(),
          postalCode: z.string().nullable(),
          city: z.string().nullable(),
        })
        .nullable()
        .optional(),
      municipalityCode: z.string().nullable().optional(),
    })
    .optional(),
  languages: z.array(
    z.object({ code: z.string(), name: z.string().nullable(), needsInterpreter: z.boolean() }),
  ),
  educationLevel: codeRef.nullable().optional(),
  occupations: z.object({ interest: z.array(codeRef), experience: z.array(codeRef) }).optional(),
  drivingLicences: z.array(z.string()).optional(),
  akassa: z
    .object({ code: z.string(), name: z.string().nullable(), memberSince: z.string().nullable() })
    .nullable()
    .optional(),
  incomeSource: z.string().nullable().optional(),
  assistanceMonths: z.number().nullable().optional(),
  adjustmentNeeds: z.string().nullable().optional(),
  household: z.unknown().optional(),
  identityHistory: z
    .array(z.object({ personnummer: z.string(), identityKind: z.string(), validTo: z.string() }))
    .optional(),
  unit: z.object({ id: z.string(), name: z.string() }),
  team: z.object({ id: z.string(), name: z.string() }).nullable(),
  caseWorker: z.object({ id: z.string(), name: z.string() }).nullable(),
  lastContactAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  viewer: z.object({ role: z.string(), canWrite: z.boolean(), canManageProtection: z.boolean() }),
});

export const importErrorSchema = z.object({
  line: z.number(),
  column: z.string().nullable(),
  message: z.string(),
});
