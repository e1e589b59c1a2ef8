import type { Ctx } from '../../context.ts';
import { grantsFor } from '../../http/policy.ts';
import { caseWorkersForUnit } from './person-fields.ts';
import { participantsPolicy } from './policy.ts';
import { teamsOfUnits, unitsOf } from './repo.ts';

/**
 * Choices for the registry's forms and filters (no personal data about participants): the units the
 * actor can see participants in and register them in, and per registration unit its staff and teams.
 */
export async function participantOptions(ctx: Ctx) {
  const actor = ctx.actor!;
  const collator = new Intl.Collator('sv');
  return ctx.db.transaction().execute(async (tx) => {
    const units = await unitsOf(tx, actor.organisationId);
    const inScope = (rule: typeof participantsPolicy.rules.read) =>
      units
        .filter((u) => grantsFor(actor, rule, u.id).length > 0)
        .map((u) => ({ id: u.id, name: u.name }))
        .sort((a, b) => collator.compare(a.name, b.name));
    const readUnits = inScope(participantsPolicy.rules.read);
    const registerUnits = inScope(participantsPolicy.rules.register);
    const teams = await teamsOfUnits(
      tx,
      actor.organisationId,
      registerUnits.map((u) => u.id),
    );
    const staff: Record<string, { id: string; name: string }[]> = {};
    for (const u of registerUnits) {
      staff[u.id] = (await caseWorkersForUnit(tx, actor.organisationId, u.id)).sort((a, b) =>
        collator.compare(a.name, b.name),
      );
    }
    return {
      readUnits,
      registerUnits,
      caseWorkers: staff,
      teams: teams
        .map((t) => ({ id: t.id, unitId: t.unit_id, name: t.name }))
        .sort((a, b) => collator.compare(a.name, b.name)),
      me: { id: actor.userId, name: actor.displayName },
    };
  });
}
