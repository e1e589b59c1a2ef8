import { randomUUID } from 'node:crypto';
import type { Ctx } from '../../context.ts';
import { ruleViolation } from '../../http/errors.ts';
import { recordAudit } from '../audit/record-event.ts';
import { auditFields } from './access.ts';
import { auditTouched, detachFromHousehold } from './household-shared.ts';
import { authorizeOrRefuse, Refusal, withPerson } from './person-tx.ts';
import { participantsPolicy } from './policy.ts';
import { insertHousehold, protectionLevelOf, updatePersonRow } from './repo.ts';

/**
 * Moves a person into another person's household (shared, not copied). If the other person has no
 * household yet, one is started for both. The actor must be allowed to change both persons.
 */
export async function joinHousehold(
  ctx: Ctx,
  personId: string,
  otherPersonId: string,
  purpose: string | null,
) {
  const actor = ctx.actor!;
  const rule = participantsPolicy.rules.write;
  if (personId === otherPersonId) {
    throw ruleViolation('same_person', 'Välj en annan person.', 'Choose another person.');
  }
  return withPerson(ctx, personId, rule, purpose, async (tx, access) => {
    const other = await authorizeOrRefuse(ctx, tx, otherPersonId, rule, purpose);
    if (other instanceof Refusal) return other;
    const now = ctx.clock.now();
    let householdId = other.person.household_id;
    if (householdId && householdId === access.person.household_id) return { householdId };
    if (!householdId) {
      householdId = randomUUID();
      await insertHousehold(tx, actor.organisationId, householdId, now, 0);
      await updatePersonRow(tx, actor.organisationId, other.person.id, {
        household_id: householdId,
        updated_at: now,
        last_entry_at: now,
      });
      await recordAudit(tx, ctx, {
        action: 'update',
        ...auditFields(other),
        details: { fields: ['household'], householdId, change: 'created' },
      });
    }
    if (access.person.household_id) {
      const formerPartner = await detachFromHousehold(tx, actor.organisationId, access.person, now);
      if (formerPartner) {
        const level = await protectionLevelOf(tx, actor.organisationId, formerPartner);
        await auditTouched(ctx, tx, access, formerPartner, level, ['partner']);
      }
    }
    await updatePersonRow(tx, actor.organisationId, personId, {
      household_id: householdId,
      updated_at: now,
      last_entry_at: now,
    });
    await recordAudit(tx, ctx, {
      action: 'update',
      ...auditFields(access),
      details: { fields: ['household'], householdId, change: 'joined' },
    });
    return { householdId };
  });
}
