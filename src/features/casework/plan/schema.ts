import { z } from 'zod';
import { dateField, requiredText, uuid } from '../http.ts';

export const GOAL_STATUSES = ['ej_paborjat', 'pagar', 'uppnatt', 'avbrutet'] as const;
export const ACTIVITY_KINDS = ['praktik', 'studier', 'sfi', 'jobbsokande', 'mote', 'annat'] as const;
export const ACTIVITY_STATUSES = ['planerad', 'pagar', 'klar', 'avbruten'] as const;
export const OWNER_ROLES = [
  'deltagare',
  'handlaggare',
  'jobbmaklare',
  'studie_yrkesvagledare',
  'enhetschef',
  'annan',
] as const;

const optionalDate = dateField.nullish().transform((v) => v ?? null);

export const planHeaderBody = z.strictObject({ agreedOn: optionalDate, followUpOn: optionalDate });
export type PlanHeaderInput = z.infer<typeof planHeaderBody>;

export const goalBody = z.strictObject({
  description: requiredText(1000, 'Beskriv målet.'),
  targetDate: optionalDate,
  status: z.enum(GOAL_STATUSES, { message: 'Välj en status för målet.' }).default('ej_paborjat'),
});
export type GoalInput = z.infer<typeof goalBody>;

export const activityBody = z.strictObject({
  goalId: uuid.nullish().transform((v) => v ?? null),
  kind: z.enum(ACTIVITY_KINDS, { message: 'Välj typ av aktivitet.' }),
  description: requiredText(1000, 'Beskriv aktiviteten.'),
  ownerRole: z.enum(OWNER_ROLES, { message: 'Välj vem som ansvarar.' }),
  dueDate: optionalDate,
  status: z.enum(ACTIVITY_STATUSES, { message: 'Välj en status för aktiviteten.' }).default('planerad'),
});
export type ActivityInput = z.infer<typeof activityBody>;

export const goalView = z.object({
  id: z.string(),
  description: z.string(),
  targetDate: z.string().nullable(),
  status: z.enum(GOAL_STATUSES),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type GoalView = z.infer<typeof goalView>;

export const activityView = z.object({
  id: z.string(),
  goalId: z.string().nullable(),
  kind: z.enum(ACTIVITY_KINDS),
  description: z.string(),
  ownerRole: z.enum(OWNER_ROLES),
  dueDate: z.string().nullable(),
  status: z.enum(ACTIVITY_STATUSES),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ActivityView = z.infer<typeof activityView>;

export const planView = z.object({
  personId: z.string(),
  agreedOn: z.string().nullable(),
  followUpOn: z.string().nullable(),
  updatedAt: z.string().nullable(),
  updatedByName: z.string().nullable(),
  goals: z.array(goalView),
  activities: z.array(activityView),
});
export type PlanView = z.infer<typeof planView>;
