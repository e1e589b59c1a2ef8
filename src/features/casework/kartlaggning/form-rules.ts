import { z } from 'zod';

/**
 * Kartläggning forms as data (pure rules, no I/O): the question model, the rules a form definition must
 * follow, and validation of answers against the form version they were written in.
 */

export const QUESTION_TYPES = ['text', 'choice', 'multi_choice', 'scale', 'yes_no', 'date'] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];

const key = (what: string) =>
  z.string({ error: `Ange ${what}.` }).regex(/^[a-z][a-z0-9_]{0,49}$/, {
    message: `${what[0]!.toUpperCase()}${what.slice(1)} får bara innehålla a–z, 0–9 och _ och börja med en bokstav.`,
  });

const label = (max: number, message: string) =>
  z
    .string({ error: message })
    .transform((v) => v.trim())
    .pipe(z.string().min(1, { message }).max(max));

const optional = (max: number) =>
  z
    .string()
    .max(max)
    .nullish()
    .transform((v) => (v && v.trim() !== '' ? v.trim() : null));

export const optionSchema = z.strictObject({
  value: key('alternativets kod'),
  label: label(200, 'Ange alternativets text.'),
});

export const scaleSchema = z.strictObject({
  min: z.int().min(0).max(10),
  max: z.int().min(1).max(10),
  minLabel: optional(100),
  maxLabel: optional(100),
});

export const questionSchema = z
  .strictObject({
    id: key('frågans kod'),
    label: label(300, 'Ange frågans text.'),
    help: optional(1000),
    section: optional(200),
    type: z.enum(QUESTION_TYPES, { message: 'Välj en svarstyp.' }),
    required: z.boolean().default(false),
    options: z.array(optionSchema).max(30).optional(),
    scale: scaleSchema.optional(),
  })
  .superRefine((q, ctx) => {
    const hasOptions = q.type === 'choice' || q.type === 'multi_choice';
    if (hasOptions) {
      if (!q.options || q.options.length < 2) {
        ctx.addIssue({
          code: 'custom',
          path: ['options'],
          message: 'En flervalsfråga behöver minst två alternativ.',
        });
      } else if (new Set(q.options.map((o) => o.value)).size !== q.options.length) {
        ctx.addIssue({ code: 'custom', path: ['options'], message: 'Alternativens koder måste vara olika.' });
      }
    } else if (q.options && q.options.length > 0) {
      ctx.addIssue({ code: 'custom', path: ['options'], message: 'Bara flervalsfrågor har alternativ.' });
    }
    if (q.type === 'scale') {
      if (!q.scale)
        ctx.addIssue({ code: 'custom', path: ['scale'], message: 'Ange skalans lägsta och högsta värde.' });
      else if (q.scale.min >= q.scale.max)
        ctx.addIssue({
          code: 'custom',
          path: ['scale'],
          message: 'Skalans lägsta värde måste vara mindre än det högsta.',
        });
    } else if (q.scale) {
      ctx.addIssue({ code: 'custom', path: ['scale'], message: 'Bara skalfrågor har en skala.' });
    }
  });

export type Question = z.output<typeof questionSchema>;

// The answer rules have no zod, so the web app can use the same rules and messages.
export { type AnswerIssue, type Answers, type AnswerValue, validateAnswers } from './answer-rules.ts';

export const formDefinitionSchema = z
  .strictObject({
    name: label(200, 'Ange formulärets namn.'),
    description: optional(2000),
    questions: z.array(questionSchema).min(1, { message: 'Formuläret behöver minst en fråga.' }).max(100),
  })
  .superRefine((f, ctx) => {
    const seen = new Set<string>();
    f.questions.forEach((q, i) => {
      if (seen.has(q.id))
        ctx.addIssue({
          code: 'custom',
          path: ['questions', i, 'id'],
          message: `Frågekoden "${q.id}" används redan.`,
        });
      seen.add(q.id);
    });
  });

export type FormDefinition = z.output<typeof formDefinitionSchema>;

/** True if two definitions ask the same (so saving them again needs no new version). */
export function sameDefinition(a: FormDefinition, b: FormDefinition): boolean {
  return (
    JSON.stringify([a.name, a.description, a.questions]) ===
    JSON.stringify([b.name, b.description, b.questions])
  );
}
