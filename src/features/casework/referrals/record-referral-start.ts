import type { Ctx } from '../../../context.ts';
import { notFound, ruleViolation } from '../../../http/errors.ts';
import { recordAudit } from '../../audit/record-event.ts';
import { auditFields } from '../../participants/access.ts';
import { isoDate } from '../dates.ts';
import { touchPersonActivity } from '../person-activity.ts';
import { type PersonOpts, withPerson } from '../person-tx.ts';
import { caseworkPolicy } from '../policy.ts';
import { presentReferral } from './present.ts';
import { findReferral, listDecisions, lockReferral, setStartDate } from './repo.ts';
import type { ReferralView } from './schema.ts';

/** Records (or moves) the start date of an accepted referral. */
export async function recordReferralStart(
  ctx: Ctx,
  personId: string,
  referralId: string,
  startDate: string,
  opts: PersonOpts = {},
): Promise<ReferralView> {
  const now = ctx.clock.now();
  return withPerson(ctx, personId, caseworkPolicy.rules.write, opts, async (tx, access) => {
    const actor = ctx.actor!;
    const current = await lockReferral(tx, actor.organisationId, access.person.id, referralId);
    if (!current) throw notFound();
    if (current.status !== 'accepted') {
      throw ruleViolation(
        'referral_not_accepted',
        'Startdatum kan bara anges för en anvisning som har antagits.',
        'A start date can only be recorded for an accepted referral.',
      );
    }
    if (startDate < isoDate(current.referral_date)!) {
      const message = 'Startdatum kan inte vara före anvisningsdatum.';
      throw ruleViolation(
        'invalid_start_date',
        message,
        'The start date cannot be before the referral date.',
        [{ path: 'body.startDate', message }],
      );
    }
    await setStartDate(tx, actor.organisationId, referralId, startDate, now);
    await touchPersonActivity(tx, actor.organisationId, access.person.id, { entryAt: now });
    await recordAudit(tx, ctx, {
      ...auditFields(access),
      action: 'update',
      objectType: 'referral',
      objectId: referralId,
      details: { field: 'start_date' },
    });
    const row = await findReferral(tx, actor.organisationId, access.person.id, referralId);
    return presentReferral(row!, await listDecisions(tx, actor.organisationId, [referralId]));
  });
}
