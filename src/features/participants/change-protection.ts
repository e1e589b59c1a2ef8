import { randomUUID } from 'node:crypto';
import type { Ctx } from '../../context.ts';
import type { ProtectionLevel } from '../../db/schema.ts';
import { ruleViolation } from '../../http/errors.ts';
import { recordAudit } from '../audit/record-event.ts';
import { auditFields, loadActorProtection } from './access.ts';
import { withPerson } from './person-tx.ts';
import { participantsPolicy } from './policy.ts';
import { addToAccessList, insertProtectionChange, updatePersonRow } from './repo.ts';
import type { ProtectionChangeInput } from './schema.ts';

/**
 * The unit manager changes a person's protection grade, with its source and decision date
 * (DOMAIN.md §2.5). Writes `protection_change` and a raised-severity `update` event. Raising a person
 * to skyddad folkbokföring puts the manager on the case's access list, so the case is never left with
 * nobody who may open it; others are named through the access list.
 */
export async function changeProtection(ctx: Ctx, personId: string, input: ProtectionChangeInput) {
  const actor = ctx.actor!;
  return withPerson(
    ctx,
    personId,
    participantsPolicy.rules.manageProtection,
    input.purpose,
    async (tx, access) => {
      const from = access.person.protection_level as ProtectionLevel;
      const to = input.level;
      if (from === to) {
        throw ruleViolation(
          'protection_unchanged',
          'Personen har redan den skyddsnivån.',
          'The person already has that protection level.',
        );
      }
      const now = ctx.clock.now();
      await insertProtectionChange(tx, {
        organisationId: actor.organisationId,
        id: randomUUID(),
        personId,
        from,
        to,
        source: input.source,
        decidedOn: input.decidedOn ?? null,
        recordedBy: actor.userId,
        recordedAt: now,
      });
      await updatePersonRow(tx, actor.organisationId, personId, {
        protection_level: to,
        protection_source: to === 'none' ? null : input.source,
        updated_at: now,
        last_entry_at: now,
      });
      if (to === 'skyddad_folkbokforing') {
        await addToAccessList(tx, {
          organisationId: actor.organisationId,
          personId,
          userId: actor.userId,
          grantedBy: actor.userId,
          grantedAt: now,
        });
      }
      await recordAudit(tx, ctx, {
        action: 'update',
        ...auditFields(access),
        severity: 'raised',
        purpose: input.purpose,
        details: {
          fields: ['protection'],
          from,
          to,
          source: input.source,
          decidedOn: input.decidedOn ?? null,
        },
      });
      const protection = await loadActorProtection(tx, actor);
      return { level: to, actorHasPermission: to === 'none' || protection.levels.has(to) };
    },
  );
}
