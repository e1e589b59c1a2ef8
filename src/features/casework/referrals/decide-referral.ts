import type { Ctx } from '../../../context.ts';
import { notFound, ruleViolation } from '../../../http/errors.ts';
import { recordAudit } from '../../audit/record-event.ts';
import { auditFields } from '../../participants/access.ts';
import { isoDate, swedishDate } from '../dates.ts';
import { touchPersonActivity } from '../person-activity.ts';
import { type PersonOpts, withPerson } from '../person-tx.ts';
import { caseworkPolicy } from '../policy.ts';
import { presentReferral } from './present.ts';
import { findReferral, listDecisions, lockReferral, writeDecision } from './repo.ts';
import type { DecideReferralInput, ReferralView } from './schema.ts';

const STATUS_OF = { accept: 'accepted', waitlist: 'waitlisted', decline: 'declined' } as const;

/**
 * The intake decision on an anvisning: accept (optionally with the start date), put on the waiting
 * list, or decline with a reason. A referral on the waiting list can be decided again; an accepted or
 * declined referral cannot.
 */
export async function decideReferral(
  ctx: Ctx,
  personId: string,
  referralId: string,
  input: DecideReferralInput,
  opts: PersonOpts = {},
): Promise<ReferralView> {
  const now = ctx.clock.now();
  const today = swedishDate(now);
  const decisionDate = input.decisionDate ?? today;
  return withPerson(ctx, personId, caseworkPolicy.rules.write, opts, async (tx, access) => {
    const actor = ctx.actor!;
    const current = await lockReferral(tx, actor.organisationId, access.person.id, referralId);
    if (!current) throw notFound();
    if (current.status === 'accepted' || current.status === 'declined') {
      throw ruleViolation(
        'referral_already_decided',
        'Anvisningen är redan beslutad. Ett beslut om att anta eller avslå kan inte ändras.',
        'The referral has already been decided. An accept or decline decision cannot be changed.',
      );
    }
    const referralDate = isoDate(current.referral_date)!;
    const issues = [];
    if (decisionDate > today)
      issues.push({ path: 'body.decisionDate', message: 'Beslutsdatum kan inte vara senare än i dag.' });
    if (decisionDate < referralDate)
      issues.push({ path: 'body.decisionDate', message: 'Beslutsdatum kan inte vara före anvisningsdatum.' });
    if (input.startDate && input.startDate < referralDate)
      issues.push({ path: 'body.startDate', message: 'Startdatum kan inte vara före anvisningsdatum.' });
    if (issues.length > 0) {
      throw ruleViolation(
        'invalid_decision_dates',
        'Datumen i beslutet stämmer inte.',
        'The dates in the decision are not valid.',
        issues,
      );
    }
    await writeDecision(tx, {
      organisationId: actor.organisationId,
      referralId,
      decision: input.decision,
      status: STATUS_OF[input.decision],
      reason: input.reason,
      decisionDate,
      startDate: input.decision === 'accept' ? (input.startDate ?? null) : null,
      decidedBy: actor.userId,
      at: now,
    });
    await touchPersonActivity(tx, actor.organisationId, access.person.id, { entryAt: now });
    await recordAudit(tx, ctx, {
      ...auditFields(access),
      action: 'update',
      objectType: 'referral',
      objectId: referralId,
      details: { decision: input.decision },
    });
    const row = await findReferral(tx, actor.organisationId, access.person.id, referralId);
    return presentReferral(row!, await listDecisions(tx, actor.organisationId, [referralId]));
  });
}
