import { z } from 'zod';
import { parseIsoDate } from '../../domain/iso-date.ts';

export const isoDate = z
  .string()
  .refine((v) => parseIsoDate(v) !== null, { message: 'Ange ett datum som finns, på formen ÅÅÅÅ-MM-DD.' });

export const uuid = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, {
  message: 'Ogiltigt id.',
});

const text = (max: number) => z.string().trim().max(max).nullish();

export const periodInput = z.strictObject({
  code: z.string().trim().min(1).max(40),
  startsOn: isoDate,
  endsOn: isoDate,
});

/** Season setup: everything is configuration per kommun and year. */
export const seasonInput = z.strictObject({
  name: z.string().trim().min(1).max(200),
  year: z.number().int().min(2000).max(2100),
  birthYearFrom: z.number().int().min(1990).max(2100),
  birthYearTo: z.number().int().min(1990).max(2100),
  /** Kommunkod the applicant must be folkbokförd in; null = any. */
  municipalityCode: z
    .string()
    .regex(/^[0-9]{4}$/, { message: 'Kommunkoden har fyra siffror.' })
    .nullish(),
  hoursPerDay: z.number().positive().max(8),
  hourlyPaySek: z.number().min(0).max(10000),
  opensAt: z.iso.datetime({ offset: true }),
  closesAt: z.iso.datetime({ offset: true }),
  maxChoices: z.number().int().min(1).max(10).default(3),
  mechanism: z.enum(['optimal', 'lottery']),
  priorityFirstTime: z.boolean().default(true),
  prioritySocial: z.boolean().default(true),
  offerDays: z.number().int().min(1).max(30).default(3),
  periods: z.array(periodInput).min(1).max(12),
});
export type SeasonInput = z.infer<typeof seasonInput>;

export const slotInput = z.strictObject({
  workplaceId: uuid,
  /** The period's code within the season (e.g. `P1`). */
  period: z.string().trim().min(1).max(40),
  area: z.string().trim().min(1).max(100),
  places: z.number().int().min(1).max(1000),
  minAge: z.number().int().min(13).max(25).nullish(),
  requirements: text(1000),
});
export type SlotInput = z.infer<typeof slotInput>;

export const choiceInput = z.strictObject({
  /** A slot id of the season (workplace × period). */
  slotId: uuid,
});

const email = z
  .string()
  .trim()
  .max(200)
  .pipe(z.email({ message: 'Ange en giltig e-postadress.' }));

/** What a young person sends through the public e-service. */
const guardianInput = z.strictObject({
  name: z.string().trim().min(1, { message: 'Fyll i vårdnadshavarens namn.' }).max(200),
  email,
  phone: text(40),
  consent: z.boolean(),
});

export const applicationInput = z.strictObject({
  personnummer: z.string().trim().min(1).max(20),
  firstName: z.string().trim().min(1).max(100),
  lastName: z.string().trim().min(1).max(100),
  sex: z.enum(['K', 'M', 'X']).optional(),
  municipalityCode: z.string().regex(/^[0-9]{4}$/, { message: 'Kommunkoden har fyra siffror.' }),
  email,
  phone: text(40),
  guardian: guardianInput.nullish(),
  protectedIdentity: z.boolean().default(false),
  firstTime: z.boolean(),
  /** Period codes the applicant can work; missing = all. */
  availablePeriods: z.array(z.string().trim().min(1).max(40)).max(12).optional(),
  choices: z.array(choiceInput).min(1).max(10),
});
export type ApplicationInput = z.infer<typeof applicationInput>;

export const applicationChange = z.strictObject({
  email: email.optional(),
  phone: text(40),
  /** Missing = unchanged; null = no guardian (refused for an applicant under 18). */
  guardian: guardianInput.nullish(),
  availablePeriods: z.array(z.string().trim().min(1).max(40)).max(12).optional(),
  choices: z.array(choiceInput).min(1).max(10).optional(),
});
export type ApplicationChange = z.infer<typeof applicationChange>;

export const runInput = z.strictObject({
  /** Which mode(s) to run; `both` runs optimal and lottery on the same input. */
  mode: z.enum(['optimal', 'lottery', 'both']).default('both'),
  /** Lottery seed (0–4294967295); a new one is drawn and stored when missing. */
  seed: z.number().int().min(0).max(4294967295).optional(),
});
export type RunInput = z.infer<typeof runInput>;

export const hoursInput = z.strictObject({ hours: z.number().min(0).max(400) });

export const answerInput = z.strictObject({ answer: z.enum(['accept', 'decline']) });

export const staffApplicationChange = z.strictObject({
  socialPriority: z.boolean().optional(),
  protectedIdentity: z.boolean().optional(),
});

export const supervisorLink = z.strictObject({ userId: uuid, workplaceId: uuid });
