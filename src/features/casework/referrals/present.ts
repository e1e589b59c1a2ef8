import { daysBetween, isoDate } from '../dates.ts';
import type { ReferralRow } from './repo.ts';
import type { ReferralView } from './schema.ts';

type DecisionRow = {
  referral_id: string;
  seq: number;
  decision: string;
  reason: string | null;
  decision_date: string;
  decided_at: Date;
  decided_by_name: string | null;
};

/** Allow-list of referral fields. Every role that may read the person sees the same referral fields. */
export function presentReferral(r: ReferralRow, decisions: DecisionRow[]): ReferralView {
  const referralDate = isoDate(r.referral_date)!;
  const decisionDate = isoDate(r.decision_date);
  const startDate = isoDate(r.start_date);
  return {
    id: r.id,
    personId: r.person_id,
    source: r.source as ReferralView['source'],
    referralDate,
    referringOfficerName: r.referring_officer_name,
    referringOfficerTitle: r.referring_officer_title,
    commissioningUnit: r.commissioning_unit,
    reason: r.reason,
    requestedProgramme: r.requested_programme,
    status: r.status as ReferralView['status'],
    decisionReason: r.decision_reason,
    decisionDate,
    decidedByName: r.decided_by_name,
    startDate,
    daysReferralToDecision: decisionDate ? daysBetween(referralDate, decisionDate) : null,
    daysReferralToStart: startDate ? daysBetween(referralDate, startDate) : null,
    decisions: decisions
      .filter((d) => d.referral_id === r.id)
      .map((d) => ({
        seq: d.seq,
        decision: d.decision as ReferralView['decisions'][number]['decision'],
        reason: d.reason,
        decisionDate: isoDate(d.decision_date)!,
        decidedAt: new Date(d.decided_at).toISOString(),
        decidedByName: d.decided_by_name,
      })),
    createdAt: new Date(r.created_at).toISOString(),
  };
}
