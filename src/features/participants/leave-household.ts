import type { Ctx } from '../../context.ts';
import { ruleViolation } from '../../http/errors.ts';
import { recordAudit } from '../audit/record-event.ts';
import { auditFields } from './access.ts';
import { auditTouched, detachFromHousehold } from './household-shared.ts';
import { withPerson } from './person-tx.ts';
import { participantsPolicy } from './policy.ts';
import { protectionLevelOf } from './repo.ts';

/** Takes a person out of their household (and out of a partner link); an empty household is removed. */
export async function leaveHousehold(ctx: Ctx, personId: string, purpose: string | null) {
  const actor = ctx.actor!;
  return withPerson(ctx, personId, participantsPolicy.rules.write, purpose, async (tx, access) => {
    if (!access.person.household_id) {
      throw ruleViolation(
        'no_household',
        'Personen hör inte till något hushåll.',
        'The person has no household.',
      );
    }
    const now = ctx.clock.now();
    const formerPartner = await detachFromHousehold(tx, actor.organisationId, access.person, now);
    if (formerPartner) {
      await auditTouched(
        ctx,
        tx,
        access,
        formerPartner,
        await protectionLevelOf(tx, actor.organisationId, formerPartner),
        ['partner'],
      );
    }
    await recordAudit(tx, ctx, {
      action: 'update',
      ...auditFields(access),
      details: { fields: ['household'], change: 'left' },
    });
    return { id: personId };
  });
}
