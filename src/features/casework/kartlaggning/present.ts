import { isoDate } from '../dates.ts';
import { type Question, questionSchema } from './form-rules.ts';
import type { KartlaggningRow } from './repo.ts';
import type { FormVersionView, KartlaggningView } from './schema.ts';

/** Stored questions through the schema again: one key order and shape whatever jsonb did to them. */
export function parseQuestions(stored: unknown): Question[] {
  return questionSchema.array().parse(stored);
}

export function presentFormVersion(v: {
  form_id: string;
  version: number;
  name: string;
  description: string | null;
  questions: unknown;
  created_at?: Date;
}): FormVersionView {
  return {
    formId: v.form_id,
    version: v.version,
    name: v.name,
    description: v.description,
    questions: parseQuestions(v.questions),
    createdAt: v.created_at ? new Date(v.created_at).toISOString() : '',
  };
}

const strings = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];

/** Allow-list of kartläggning fields; the whole team that may read the person sees the same. */
export function presentKartlaggning(row: KartlaggningRow, form: FormVersionView): KartlaggningView {
  return {
    id: row.id,
    personId: row.person_id,
    form,
    answers: (row.answers ?? {}) as Record<string, unknown>,
    strengths: strings(row.strengths),
    barriers: strings(row.barriers),
    goals: strings(row.goals),
    assessedOn: isoDate(row.assessed_on)!,
    createdByName: row.created_by_name,
    updatedByName: row.updated_by_name,
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}
