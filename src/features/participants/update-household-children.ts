import { randomUUID } from 'node:crypto';
import type { Ctx } from '../../context.ts';
import { ruleViolation } from '../../http/errors.ts';
import { recordAudit } from '../audit/record-event.ts';
import { auditFields } from './access.ts';
import { auditTouched } from './household-shared.ts';
import { withPerson } from './person-tx.ts';
import { participantsPolicy } from './policy.ts';
import { householdOf, protectionLevelOf, setHouseholdChildren } from './repo.ts';
import type { HouseholdChildrenInput } from './schema.ts';

/**
 * Sets the children living at home (count, and birth year-month where known) of the person's
 * household. The household is shared, so every member gets an `update` event.
 */
export async function updateHouseholdChildren(
  ctx: Ctx,
  personId: string,
  input: HouseholdChildrenInput,
  purpose: string | null,
) {
  const actor = ctx.actor!;
  return withPerson(ctx, personId, participantsPolicy.rules.write, purpose, async (tx, access) => {
    const householdId = access.person.household_id;
    if (!householdId) {
      throw ruleViolation(
        'no_household',
        'Personen hör inte till något hushåll.',
        'The person has no household.',
      );
    }
    const count = input.childrenAtHome ?? input.children.length;
    if (count < input.children.length) {
      throw ruleViolation(
        'children_count',
        'Antalet barn hemma kan inte vara mindre än antalet angivna barn.',
        'The number of children at home cannot be lower than the number of children listed.',
      );
    }
    const now = ctx.clock.now();
    await setHouseholdChildren(
      tx,
      actor.organisationId,
      householdId,
      now,
      count,
      input.children.map((c) => ({ id: randomUUID(), birthYearMonth: c.birthYearMonth })),
    );
    await recordAudit(tx, ctx, {
      action: 'update',
      ...auditFields(access),
      details: { fields: ['household.children'], householdId },
    });
    const h = await householdOf(tx, actor.organisationId, householdId);
    for (const m of h?.members ?? []) {
      if (m.id === personId) continue;
      await auditTouched(ctx, tx, access, m.id, await protectionLevelOf(tx, actor.organisationId, m.id), [
        'household.children',
      ]);
    }
    return { householdId, childrenAtHome: count };
  });
}
