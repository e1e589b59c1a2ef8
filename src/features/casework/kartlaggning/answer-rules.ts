/**
 * Validation of kartläggning answers against one form version: pure and free of zod, so the server and
 * the web app check the same rules and show the same Swedish messages.
 */

export type QuestionType = 'text' | 'choice' | 'multi_choice' | 'scale' | 'yes_no' | 'date';

/** The question fields the answer rules read (the full model is in form-rules.ts). */
export interface AnswerQuestion {
  id: string;
  label: string;
  type: QuestionType;
  required: boolean;
  options?: { value: string; label: string }[] | undefined;
  scale?: { min: number; max: number } | undefined;
}

/** A stored answer: text, option code(s), scale value, yes/no or a date. */
export type AnswerValue = string | string[] | number | boolean;
export type Answers = Record<string, AnswerValue>;

export interface AnswerIssue {
  questionId: string;
  message: string;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function isEmpty(v: unknown): boolean {
  return (
    v === undefined ||
    v === null ||
    (typeof v === 'string' && v.trim() === '') ||
    (Array.isArray(v) && v.length === 0)
  );
}

function validDate(v: string): boolean {
  if (!ISO_DATE.test(v)) return false;
  const d = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
}

/**
 * Checks answers against one form version. Empty answers are left out of the result; an unknown
 * question, a wrong type or a missing required answer gives a Swedish message naming the question.
 */
export function validateAnswers(
  questions: readonly AnswerQuestion[],
  raw: Record<string, unknown>,
  version: number,
): { answers: Answers; issues: AnswerIssue[] } {
  const answers: Answers = {};
  const issues: AnswerIssue[] = [];
  const byId = new Map(questions.map((q) => [q.id, q]));
  for (const id of Object.keys(raw)) {
    if (!byId.has(id) && !isEmpty(raw[id]))
      issues.push({ questionId: id, message: `Frågan "${id}" finns inte i formulärets version ${version}.` });
  }
  for (const q of questions) {
    const v = raw[q.id];
    const name = `”${q.label}”`;
    if (isEmpty(v)) {
      if (q.required) issues.push({ questionId: q.id, message: `Svara på frågan ${name}.` });
      continue;
    }
    const bad = (message: string) => issues.push({ questionId: q.id, message });
    switch (q.type) {
      case 'text':
        if (typeof v !== 'string') bad(`Svaret på ${name} ska vara text.`);
        else if (v.length > 4000) bad(`Svaret på ${name} får vara högst 4000 tecken.`);
        else answers[q.id] = v.trim();
        break;
      case 'choice':
        if (typeof v !== 'string' || !q.options?.some((o) => o.value === v))
          bad(`Välj ett av alternativen för ${name}.`);
        else answers[q.id] = v;
        break;
      case 'multi_choice': {
        const allowed = new Set(q.options?.map((o) => o.value));
        if (!Array.isArray(v) || !v.every((x): x is string => typeof x === 'string' && allowed.has(x)))
          bad(`Välj bland alternativen för ${name}.`);
        else answers[q.id] = [...new Set(v)];
        break;
      }
      case 'scale': {
        const min = q.scale?.min ?? 1;
        const max = q.scale?.max ?? 5;
        if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max)
          bad(`Ange ett värde mellan ${min} och ${max} för ${name}.`);
        else answers[q.id] = v;
        break;
      }
      case 'yes_no':
        if (typeof v !== 'boolean') bad(`Svara ja eller nej på ${name}.`);
        else answers[q.id] = v;
        break;
      case 'date':
        if (typeof v !== 'string' || !validDate(v)) bad(`Ange ett giltigt datum (ÅÅÅÅ-MM-DD) för ${name}.`);
        else answers[q.id] = v;
        break;
    }
  }
  return { answers, issues };
}
