import type { Ctx, RoleGrant } from '../../context.ts';
import { AppError } from '../../http/errors.ts';
import { recordAudit } from '../audit/record-event.ts';
import {
  deleteProtectionPermission,
  findUser,
  insertProtectionPermission,
  protectionPermissions,
} from './repo.ts';

/**
 * Permissions per protection grade (`user_protection_permission`), granted by the administrator: a
 * matter of access rights, not of case data. One grade does not imply the other. Every change is an
 * audit event with raised severity.
 */
export async function listProtectionPermissions(ctx: Ctx, grant: RoleGrant) {
  const actor = ctx.actor!;
  return ctx.db.transaction().execute(async (tx) => {
    const rows = await protectionPermissions(tx, actor.organisationId);
    await recordAudit(tx, ctx, {
      action: 'read',
      objectType: 'user_protection_permission',
      role: grant.role,
      unitId: grant.unitId,
      details: { count: rows.length },
    });
    const collator = new Intl.Collator('sv');
    return {
      permissions: rows
        .map((r) => ({
          userId: r.user_id,
          name: r.display_name,
          username: r.username,
          level: r.protection_level,
          grantedAt: new Date(r.granted_at).toISOString(),
          grantedBy: r.granted_by_name,
        }))
        .sort((a, b) => collator.compare(a.name, b.name) || a.level.localeCompare(b.level)),
    };
  });
}

export async function grantProtectionPermission(
  ctx: Ctx,
  grant: RoleGrant,
  input: { userId: string; level: 'sekretessmarkering' | 'skyddad_folkbokforing' },
) {
  const actor = ctx.actor!;
  return ctx.db.transaction().execute(async (tx) => {
    const user = await findUser(tx, actor.organisationId, input.userId);
    if (!user?.active) {
      throw new AppError(400, 'validation_failed', 'validation_failed', [
        { path: 'body.userId', message: 'Användaren finns inte eller är inaktiv.' },
      ]);
    }
    const inserted = await insertProtectionPermission(tx, {
      organisationId: actor.organisationId,
      userId: input.userId,
      level: input.level,
      grantedBy: actor.userId,
      grantedAt: ctx.clock.now(),
    });
    if (inserted > 0) {
      await recordAudit(tx, ctx, {
        action: 'create',
        objectType: 'user_protection_permission',
        objectId: input.userId,
        role: grant.role,
        unitId: grant.unitId,
        severity: 'raised',
        details: { level: input.level, userId: input.userId },
      });
    }
    return { userId: input.userId, level: input.level, created: inserted > 0 };
  });
}

export async function revokeProtectionPermission(
  ctx: Ctx,
  grant: RoleGrant,
  input: { userId: string; level: string },
) {
  const actor = ctx.actor!;
  return ctx.db.transaction().execute(async (tx) => {
    const removed = await deleteProtectionPermission(tx, actor.organisationId, input.userId, input.level);
    if (removed === 0) throw new AppError(404, 'not_found', 'not_found');
    await recordAudit(tx, ctx, {
      action: 'delete',
      objectType: 'user_protection_permission',
      objectId: input.userId,
      role: grant.role,
      unitId: grant.unitId,
      severity: 'raised',
      details: { level: input.level, userId: input.userId },
    });
    return { userId: input.userId, level: input.level };
  });
}
