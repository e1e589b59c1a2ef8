import type { Ctx, RoleGrant } from '../../context.ts';
import { recordAudit } from './record-event.ts';
import { listEventsPage } from './repo.ts';

/** The audit log, newest first, for the auditor; reading the log is itself logged. */
export async function listAuditEvents(
  ctx: Ctx,
  grant: RoleGrant,
  opts: { limit: number; beforeSeq?: number },
) {
  const actor = ctx.actor!;
  return ctx.db.transaction().execute(async (tx) => {
    // One more than asked tells whether an older page exists.
    const fetched = await listEventsPage(tx, actor.organisationId, { ...opts, limit: opts.limit + 1 });
    const rows = fetched.slice(0, opts.limit);
    await recordAudit(tx, ctx, {
      action: 'read',
      objectType: 'audit_log',
      role: grant.role,
      unitId: grant.unitId,
      details: { count: rows.length, beforeSeq: opts.beforeSeq ?? null },
    });
    return {
      events: rows.map((r) => ({
        seq: r.seq,
        occurredAt: new Date(r.occurred_at).toISOString(),
        actorUsername: r.actor_username,
        role: r.role,
        unitName: r.unit_name,
        action: r.action,
        objectType: r.object_type,
        objectId: r.object_id,
        subjectPersonId: r.subject_person_id,
        outcome: r.outcome,
        purpose: r.purpose,
        severity: r.severity as 'normal' | 'raised',
      })),
      nextBeforeSeq: fetched.length > opts.limit ? (rows.at(-1)?.seq ?? null) : null,
    };
  });
}
