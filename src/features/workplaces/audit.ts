import type { Ctx, RoleGrant } from '../../context.ts';
import type { Tx } from '../../db/connection.ts';
import { type AuditAction, recordAudit } from '../audit/record-event.ts';

/** One audit event per workplace change, in the change's transaction. Details never hold names. */
export function auditWorkplace(
  tx: Tx,
  ctx: Ctx,
  grant: RoleGrant,
  action: AuditAction,
  workplaceId: string,
  details: Record<string, unknown> = {},
) {
  return recordAudit(tx, ctx, {
    action,
    objectType: 'workplace',
    objectId: workplaceId,
    role: grant.role,
    unitId: grant.unitId,
    details,
  });
}
