import { randomUUID } from 'node:crypto';
import type { Ctx } from '../../context.ts';
import { ruleViolation } from '../../http/errors.ts';
import { recordAudit } from '../audit/record-event.ts';
import { auditFields } from './access.ts';
import { withPerson } from './person-tx.ts';
import { participantsPolicy } from './policy.ts';
import { insertHousehold, setHouseholdChildren, updatePersonRow } from './repo.ts';
import type { HouseholdChildrenInput } from './schema.ts';

/** Starts a household for a person who has none, optionally with the children living at home. */
export async function createHousehold(
  ctx: Ctx,
  personId: string,
  input: HouseholdChildrenInput,
  purpose: string | null,
) {
  const actor = ctx.actor!;
  return withPerson(ctx, personId, participantsPolicy.rules.write, purpose, async (tx, access) => {
    if (access.person.household_id) {
      throw ruleViolation(
        'already_in_household',
        'Personen hör redan till ett hushåll.',
        'The person already belongs to a household.',
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
    const householdId = randomUUID();
    await insertHousehold(tx, actor.organisationId, householdId, now, count);
    await setHouseholdChildren(
      tx,
      actor.organisationId,
      householdId,
      now,
      count,
      input.children.map((c) => ({ id: randomUUID(), birthYearMonth: c.birthYearMonth })),
    );
    await updatePersonRow(tx, actor.organisationId, personId, {
      household_id: householdId,
      updated_at: now,
      last_entry_at: now,
    });
    await recordAudit(tx, ctx, {
      action: 'update',
      ...auditFields(access),
      details: { fields: ['household'], householdId, change: 'created' },
    });
    return { householdId };
  });
}
