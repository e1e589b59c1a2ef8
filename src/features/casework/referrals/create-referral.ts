import { randomUUID } from 'node:crypto';
import type { Ctx } from '../../../context.ts';
import { ruleViolation } from '../../../http/errors.ts';
import { recordAudit } from '../../audit/record-event.ts';
import { auditFields } from '../../participants/access.ts';
import { swedishDate } from '../dates.ts';
import { touchPersonActivity } from '../person-activity.ts';
import { type PersonOpts, withPerson } from '../person-tx.ts';
import { caseworkPolicy } from '../policy.ts';
import { presentReferral } from './present.ts';
import { findReferral, insertReferral } from './repo.ts';
import type { CreateReferralInput, ReferralView } from './schema.ts';

/**
 * Records an anvisning for a registered person (a person not yet registered is registered first through
 * the registry). The referral starts as `received`, waiting for the intake decision.
 */
export async function createReferral(
  ctx: Ctx,
  personId: string,
  input: CreateReferralInput,
  opts: PersonOpts = {},
): Promise<ReferralView> {
  const now = ctx.clock.now();
  if (input.referralDate > swedishDate(now)) {
    throw ruleViolation(
      'referral_date_in_future',
      'Anvisningsdatum kan inte vara senare än i dag.',
      'The referral date cannot be later than today.',
      [{ path: 'body.referralDate', message: 'Anvisningsdatum kan inte vara senare än i dag.' }],
    );
  }
  return withPerson(ctx, personId, caseworkPolicy.rules.write, opts, async (tx, access) => {
    const actor = ctx.actor!;
    const id = randomUUID();
    await insertReferral(tx, {
      organisationId: actor.organisationId,
      id,
      personId: access.person.id,
      source: input.source,
      referralDate: input.referralDate,
      referringOfficerName: input.referringOfficerName,
      referringOfficerTitle: input.referringOfficerTitle,
      commissioningUnit: input.commissioningUnit,
      reason: input.reason,
      requestedProgramme: input.requestedProgramme,
      createdBy: actor.userId,
      at: now,
    });
    await touchPersonActivity(tx, actor.organisationId, access.person.id, { entryAt: now });
    await recordAudit(tx, ctx, {
      ...auditFields(access),
      action: 'create',
      objectType: 'referral',
      objectId: id,
      details: { source: input.source },
    });
    const row = await findReferral(tx, actor.organisationId, access.person.id, id);
    return presentReferral(row!, []);
  });
}
