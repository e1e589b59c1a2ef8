import type { Ctx } from '../../context.ts';
import { AppError, ruleViolation } from '../../http/errors.ts';
import { recordAudit } from '../audit/record-event.ts';
import { auditFields } from './access.ts';
import { withPerson } from './person-tx.ts';
import { participantsPolicy } from './policy.ts';
import { accessList, addToAccessList, findUser, permissionLevelsOf, removeFromAccessList } from './repo.ts';

/**
 * The access list of a case with skyddad folkbokföring: the staff the unit manager has named. Being
 * listed is not enough on its own — the user also needs the administrator-granted permission for the
 * grade — so each entry says whether that permission is in place.
 */
export async function listAccess(ctx: Ctx, personId: string, purpose: string | null) {
  const actor = ctx.actor!;
  return withPerson(ctx, personId, participantsPolicy.rules.manageProtection, purpose, async (tx, access) => {
    const entries = await accessList(tx, actor.organisationId, personId);
    const perms = await permissionLevelsOf(
      tx,
      actor.organisationId,
      entries.map((e) => e.user_id),
    );
    await recordAudit(tx, ctx, {
      action: 'read',
      ...auditFields(access),
      objectType: 'person_access_list',
      details: { count: entries.length },
    });
    const collator = new Intl.Collator('sv');
    return {
      entries: entries
        .map((e) => ({
          userId: e.user_id,
          name: e.display_name,
          username: e.username,
          grantedAt: new Date(e.granted_at).toISOString(),
          hasPermission: perms.some(
            (p) => p.user_id === e.user_id && p.protection_level === 'skyddad_folkbokforing',
          ),
        }))
        .sort((a, b) => collator.compare(a.name, b.name)),
    };
  });
}

export async function addAccess(ctx: Ctx, personId: string, userId: string, purpose: string | null) {
  const actor = ctx.actor!;
  return withPerson(ctx, personId, participantsPolicy.rules.manageProtection, purpose, async (tx, access) => {
    if (access.person.protection_level !== 'skyddad_folkbokforing') {
      throw ruleViolation(
        'not_protected',
        'Åtkomstlistan används bara för personer med skyddad folkbokföring.',
        'The access list is used only for persons with protected population registration.',
      );
    }
    const user = await findUser(tx, actor.organisationId, userId);
    if (!user?.active) {
      throw new AppError(400, 'validation_failed', 'validation_failed', [
        { path: 'body.userId', message: 'Användaren finns inte eller är inaktiv.' },
      ]);
    }
    const now = ctx.clock.now();
    await addToAccessList(tx, {
      organisationId: actor.organisationId,
      personId,
      userId,
      grantedBy: actor.userId,
      grantedAt: now,
    });
    await recordAudit(tx, ctx, {
      action: 'update',
      ...auditFields(access),
      severity: 'raised',
      details: { fields: ['accessList'], change: 'added', userId },
    });
    return { userId };
  });
}

export async function removeAccess(ctx: Ctx, personId: string, userId: string, purpose: string | null) {
  const actor = ctx.actor!;
  return withPerson(ctx, personId, participantsPolicy.rules.manageProtection, purpose, async (tx, access) => {
    if (userId === actor.userId) {
      throw ruleViolation(
        'cannot_remove_self',
        'Du kan inte ta bort dig själv från åtkomstlistan.',
        'You cannot remove yourself from the access list.',
      );
    }
    const removed = await removeFromAccessList(tx, actor.organisationId, personId, userId);
    if (removed === 0) throw new AppError(404, 'not_found', 'not_found');
    await recordAudit(tx, ctx, {
      action: 'update',
      ...auditFields(access),
      severity: 'raised',
      details: { fields: ['accessList'], change: 'removed', userId },
    });
    return { userId };
  });
}
