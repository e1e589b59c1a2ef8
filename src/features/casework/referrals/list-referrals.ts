import type { Ctx } from '../../../context.ts';
import { recordAudit } from '../../audit/record-event.ts';
import { auditFields } from '../../participants/access.ts';
import { type PersonOpts, withPerson } from '../person-tx.ts';
import { caseworkPolicy } from '../policy.ts';
import { presentReferral } from './present.ts';
import { listDecisions, listReferrals as listReferralRows } from './repo.ts';
import type { ReferralView } from './schema.ts';

/** The person's anvisningar, newest first, each with its decision history. Writes one read event. */
export async function listReferrals(
  ctx: Ctx,
  personId: string,
  opts: PersonOpts = {},
): Promise<{ referrals: ReferralView[] }> {
  return withPerson(ctx, personId, caseworkPolicy.rules.read, opts, async (tx, access) => {
    const organisationId = ctx.actor!.organisationId;
    const rows = await listReferralRows(tx, organisationId, access.person.id);
    const decisions = await listDecisions(
      tx,
      organisationId,
      rows.map((r) => r.id),
    );
    await recordAudit(tx, ctx, {
      ...auditFields(access),
      action: 'read',
      objectType: 'referral',
      objectId: undefined,
      details: { count: rows.length },
    });
    return { referrals: rows.map((r) => presentReferral(r, decisions)) };
  });
}
