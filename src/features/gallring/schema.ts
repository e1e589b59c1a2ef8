import { z } from 'zod';
import { GALLRING_TRIGGERS } from '../../domain/gallring.ts';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'Ange datum som ÅÅÅÅ-MM-DD.' });
const category = z
  .string()
  .trim()
  .min(1)
  .max(60)
  .regex(/^[a-z0-9_]+$/, { error: 'Kategorin får bara innehålla a–z, 0–9 och _.' });

/**
 * A gallring rule from the nämnd's decision. The record type and the number of years are checked by
 * the use case (422 with a Swedish message), so that an unknown type or a negative period is a
 * domain refusal rather than a malformed request.
 */
export const ruleSchema = z.strictObject({
  recordType: z.string().trim().min(1).max(60),
  trigger: z.enum(GALLRING_TRIGGERS),
  years: z.number().int(),
  exceptionCategories: z.array(category).max(50).default([]),
  exceptionBirthDays: z.array(z.number().int().min(1).max(31)).max(31).default([]),
  decisionReference: z.string().trim().min(1).max(200),
  decisionDate: isoDate,
  decisionBody: z.string().trim().max(200).nullable().optional(),
  note: z.string().trim().max(2000).nullable().optional(),
});
export type RuleInput = z.infer<typeof ruleSchema>;

export const exceptionSchema = z.strictObject({
  category,
  reason: z.string().trim().min(1).max(500),
});
export type ExceptionInput = z.infer<typeof exceptionSchema>;
