import type { Ctx, RoleGrant } from '../../context.ts';
import { notFound } from '../../http/errors.ts';
import { type AuditInput, recordAudit, recordAuditMany } from '../audit/record-event.ts';
import { choicesOf, findApplication, listApplications, listOutbox, updateApplication } from './repo.ts';
import { grantFields, organisationOf, requireSeason } from './season.ts';

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

/**
 * Staff list of a season's applications (reference, name, flags, status, choices count). One read
 * event per person shown; protected identities at raised severity and with the name masked.
 */
export async function applicationList(ctx: Ctx, grant: RoleGrant | null, seasonId: string) {
  const org = organisationOf(ctx);
  return ctx.db.transaction().execute(async (tx) => {
    await requireSeason(tx, org, seasonId);
    const rows = await listApplications(tx, org, seasonId);
    const choices = await choicesOf(
      tx,
      org,
      rows.map((r) => r.id),
    );
    const count = new Map<string, number>();
    for (const c of choices) count.set(c.application_id, (count.get(c.application_id) ?? 0) + 1);
    const events: AuditInput[] = rows.map((a) => ({
      action: 'read',
      objectType: 'summer_application',
      objectId: a.id,
      ...grantFields(grant),
      severity: a.protected_identity ? 'raised' : 'normal',
      details: { view: 'lista' },
    }));
    if (events.length > 0) await recordAuditMany(tx, ctx, events);
    return rows.map((a) => ({
      id: a.id,
      reference: a.reference,
      name: a.protected_identity ? null : `${a.first_name} ${a.last_name}`,
      birthYear: Number(a.birth_date.slice(0, 4)),
      firstTime: a.first_time,
      socialPriority: a.social_priority,
      protectedIdentity: a.protected_identity,
      status: a.status,
      choices: count.get(a.id) ?? 0,
      submittedAt: new Date(a.created_at).toISOString(),
    }));
  });
}
