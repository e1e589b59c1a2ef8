import { z } from 'zod';
import { dateField, uuid } from '../http.ts';
import { formDefinitionSchema, questionSchema } from './form-rules.ts';

const listItem = z
  .string()
  .transform((v) => v.trim())
  .pipe(z.string().max(500, { message: 'Högst 500 tecken per rad.' }));
const list = z
  .array(listItem)
  .max(30)
  .default([])
  .transform((items) => items.filter((i) => i !== ''));

const kartlaggningContent = {
  answers: z.record(z.string(), z.unknown()).default({}),
  strengths: list,
  barriers: list,
  goals: list,
  assessedOn: dateField.optional(),
};

export const createKartlaggningBody = z.strictObject({ formId: uuid, ...kartlaggningContent });
export type CreateKartlaggningInput = z.infer<typeof createKartlaggningBody>;

export const updateKartlaggningBody = z.strictObject(kartlaggningContent);
export type UpdateKartlaggningInput = z.infer<typeof updateKartlaggningBody>;

export const createFormBody = formDefinitionSchema;

export const updateFormBody = z.strictObject({
  definition: formDefinitionSchema,
  active: z.boolean().default(true),
  /** The version the editor started from; a newer current version answers 409. */
  baseVersion: z.int().min(1).optional(),
});
export type UpdateFormInput = z.infer<typeof updateFormBody>;

export const formVersionView = z.object({
  formId: z.string(),
  version: z.number(),
  name: z.string(),
  description: z.string().nullable(),
  questions: z.array(questionSchema),
  createdAt: z.string(),
});
export type FormVersionView = z.infer<typeof formVersionView>;

export const formSummaryView = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  active: z.boolean(),
  currentVersion: z.number(),
  updatedAt: z.string(),
});
export type FormSummaryView = z.infer<typeof formSummaryView>;

export const formDetailView = formSummaryView.extend({
  version: formVersionView,
  versions: z.array(
    z.object({
      version: z.number(),
      name: z.string(),
      createdAt: z.string(),
      createdByName: z.string().nullable(),
    }),
  ),
});
export type FormDetailView = z.infer<typeof formDetailView>;

export const kartlaggningView = z.object({
  id: z.string(),
  personId: z.string(),
  form: formVersionView,
  answers: z.record(z.string(), z.unknown()),
  strengths: z.array(z.string()),
  barriers: z.array(z.string()),
  goals: z.array(z.string()),
  assessedOn: z.string(),
  createdByName: z.string().nullable(),
  updatedByName: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type KartlaggningView = z.infer<typeof kartlaggningView>;
