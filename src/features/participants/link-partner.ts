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
 * Links two persons as partners taking part together. They must share a household: the person joins
 * the partner's household (one is started if the partner has none). Neither may have another partner.
 */
export async function linkPartner(ctx: Ctx, personId: string, partnerId: string, purpose: string | null) {
  const actor = ctx.actor!;
  const rule = participantsPolicy.rules.write;
  if (personId === partnerId)
    throw ruleViolation('same_person', 'Välj en annan person.', 'Choose another person.');
  return withPerson(ctx, personId, rule, purpose, async (tx, access) => {
    const other = await authorizeOrRefuse(ctx, tx, partnerId, rule, purpose);
    if (other instanceof Refusal) return other;
    const a = access.person;
    const b = other.person;
    if (
      (a.partner_person_id && a.partner_person_id !== b.id) ||
      (b.partner_person_id && b.partner_person_id !== a.id)
    ) {
      throw ruleViolation(
        'partner_taken',
        'En av personerna är redan kopplad till en annan partner. Ta bort den kopplingen först.',
        'One of the persons is already linked to another partner. Remove that link first.',
      );
    }
    const now = ctx.clock.now();
    let householdId = b.household_id;
    if (!householdId) {
      householdId = a.household_id ?? randomUUID();
      if (!a.household_id) await insertHousehold(tx, actor.organisationId, householdId, now, 0);
    }
    if (a.household_id !== householdId) {
      if (a.household_id) await detachFromHousehold(tx, actor.organisationId, a, now);
    }
    await updatePersonRow(tx, actor.organisationId, a.id, {
      household_id: householdId,
      partner_person_id: b.id,
      updated_at: now,
      last_entry_at: now,
    });
    await updatePersonRow(tx, actor.organisationId, b.id, {
      household_id: householdId,
      partner_person_id: a.id,
      updated_at: now,
      last_entry_at: now,
    });
    await recordAudit(tx, ctx, {
      action: 'update',
      ...auditFields(access),
      details: { fields: ['partner', 'household'], householdId },
    });
    await recordAudit(tx, ctx, {
      action: 'update',
      ...auditFields(other),
      details: { fields: ['partner', 'household'], householdId },
    });
    return { householdId };
  });
}

/** Removes a partner link on both sides; both stay in the household. */
export async function unlinkPartner(ctx: Ctx, personId: string, purpose: string | null) {
  const actor = ctx.actor!;
  return withPerson(ctx, personId, participantsPolicy.rules.write, purpose, async (tx, access) => {
    const partnerId = access.person.partner_person_id;
    if (!partnerId) {
      throw ruleViolation(
        'no_partner',
        'Personen har ingen kopplad partner.',
        'The person has no linked partner.',
      );
    }
    const now = ctx.clock.now();
    await updatePersonRow(tx, actor.organisationId, personId, {
      partner_person_id: null,
      updated_at: now,
      last_entry_at: now,
    });
    await updatePersonRow(tx, actor.organisationId, partnerId, { partner_person_id: null, updated_at: now });
    await recordAudit(tx, ctx, {
      action: 'update',
      ...auditFields(access),
      details: { fields: ['partner'] },
    });
    await auditTouched(
      ctx,
      tx,
      access,
      partnerId,
      await protectionLevelOf(tx, actor.organisationId, partnerId),
      ['partner'],
    );
    return { id: personId };
  });
}
