import { z } from 'zod';
import { dateField, optionalText, requiredText } from '../http.ts';

export const REFERRAL_SOURCES = ['ekonomiskt_bistand', 'arbetsformedlingen', 'self', 'other'] as const;
export const REFERRAL_STATUSES = ['received', 'accepted', 'waitlisted', 'declined'] as const;
export const DECISIONS = ['accept', 'waitlist', 'decline'] as const;

export const createReferralBody = z.strictObject({
  source: z.enum(REFERRAL_SOURCES, { message: 'Välj varifrån anvisningen kommer.' }),
  referralDate: dateField,
  referringOfficerName: optionalText(200),
  referringOfficerTitle: optionalText(200),
  commissioningUnit: optionalText(200),
  reason: requiredText(4000, 'Ange skälet till anvisningen.'),
  requestedProgramme: optionalText(100),
});
export type CreateReferralInput = z.infer<typeof createReferralBody>;

export const decideReferralBody = z
  .strictObject({
    decision: z.enum(DECISIONS, { message: 'Välj beslut: anta, väntelista eller avslå.' }),
    reason: optionalText(4000),
    decisionDate: dateField.optional(),
    startDate: dateField.optional(),
  })
  .superRefine((v, ctx) => {
    if (v.decision === 'decline' && !v.reason) {
      ctx.addIssue({ code: 'custom', path: ['reason'], message: 'Ange skälet till att anvisningen avslås.' });
    }
    if (v.startDate && v.decision !== 'accept') {
      ctx.addIssue({
        code: 'custom',
        path: ['startDate'],
        message: 'Startdatum kan bara anges när deltagaren antas.',
      });
    }
  });
export type DecideReferralInput = z.infer<typeof decideReferralBody>;

export const referralStartBody = z.strictObject({ startDate: dateField });

const decisionView = z.object({
  seq: z.number(),
  decision: z.enum(DECISIONS),
  reason: z.string().nullable(),
  decisionDate: z.string(),
  decidedAt: z.string(),
  decidedByName: z.string().nullable(),
});

export const referralView = z.object({
  id: z.string(),
  personId: z.string(),
  source: z.enum(REFERRAL_SOURCES),
  referralDate: z.string(),
  referringOfficerName: z.string().nullable(),
  referringOfficerTitle: z.string().nullable(),
  commissioningUnit: z.string().nullable(),
  reason: z.string(),
  requestedProgramme: z.string().nullable(),
  status: z.enum(REFERRAL_STATUSES),
  decisionReason: z.string().nullable(),
  decisionDate: z.string().nullable(),
  decidedByName: z.string().nullable(),
  startDate: z.string().nullable(),
  daysReferralToDecision: z.number().nullable(),
  daysReferralToStart: z.number().nullable(),
  decisions: z.array(decisionView),
  createdAt: z.string(),
});
export type ReferralView = z.infer<typeof referralView>;
