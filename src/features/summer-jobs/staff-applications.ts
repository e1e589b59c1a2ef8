import type { Ctx, RoleGrant } from '../../context.ts';
import { notFound } from '../../http/errors.ts';
import { recordAudit } from '../audit/record-event.ts';
import { findApplication, listOutbox, updateApplication } from './repo.ts';
import { grantFields, organisationOf } from './season.ts';

/** Staff decide social-reason priority and can mark a protected identity. */
export async function updateApplicationAsStaff(
  ctx: Ctx,
  grant: RoleGrant | null,
  applicationId: string,
  change: { socialPriority?: boolean | undefined; protectedIdentity?: boolean | undefined },
) {
  const org = organisationOf(ctx);
  await ctx.db.transaction().execute(async (tx) => {
    const a = await findApplication(tx, org, applicationId, true);
    if (!a) throw notFound();
    await updateApplication(tx, org, applicationId, {
      ...(change.socialPriority !== undefined ? { social_priority: change.socialPriority } : {}),
      ...(change.protectedIdentity !== undefined ? { protected_identity: change.protectedIdentity } : {}),
      updated_at: ctx.clock.now(),
    });
    await recordAudit(tx, ctx, {
      action: 'update',
      objectType: 'summer_application',
      objectId: applicationId,
      ...grantFields(grant),
      severity: a.protected_identity || change.protectedIdentity ? 'raised' : 'normal',
      details: change,
    });
  });
}

/** Mail the system has "sent" (the default sender writes to the outbox). */
export async function outboxList(ctx: Ctx, grant: RoleGrant | null, limit = 100) {
  const org = organisationOf(ctx);
  return ctx.db.transaction().execute(async (tx) => {
    const rows = await listOutbox(tx, org, limit);
    await recordAudit(tx, ctx, {
      action: 'read',
      objectType: 'outbox',
      objectId: 'list',
      ...grantFields(grant),
      details: { rows: rows.length },
    });
    return rows.map((r) => ({
      id: r.id,
      recipient: r.recipient,
      subject: r.subject,
      body: r.body,
      kind: r.kind,
      createdAt: new Date(r.created_at).toISOString(),
    }));
  });
}
