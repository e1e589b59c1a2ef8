import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { Ctx, RoleGrant } from '../../context.ts';
import { AppError, notFound } from '../../http/errors.ts';
import { recordAudit } from './record-event.ts';

/**
 * Log review for the auditor (granskare): who accessed a person, what a user accessed, and a monthly
 * random sample to check. Every review is itself an audit event.
 */

export interface Period {
  from?: string; // YYYY-MM-DD, inclusive
  to?: string; // YYYY-MM-DD, inclusive
}

const MAX_ROWS = 5000;

function bounds(p: Period): { from: Date; to: Date } {
  const from = p.from ? new Date(`${p.from}T00:00:00.000Z`) : new Date('1970-01-01T00:00:00.000Z');
  const to = p.to
    ? new Date(new Date(`${p.to}T00:00:00.000Z`).getTime() + 86_400_000)
    : new Date('9999-01-01T00:00:00.000Z');
  if (to <= from)
    throw new AppError(422, 'period', {
      sv: 'Perioden slutar före den börjar.',
      en: 'The period ends before it starts.',
    });
  return { from, to };
}

const eventColumns = [
  'e.seq',
  'e.occurred_at',
  'e.actor_user_id',
  'e.actor_username',
  'e.role',
  'e.unit_id',
  'e.subject_person_id',
  'e.object_type',
  'e.object_id',
  'e.action',
  'e.outcome',
  'e.severity',
  'e.purpose',
] as const;

type Row = {
  seq: number;
  occurred_at: Date;
  actor_user_id: string | null;
  actor_username: string | null;
  role: string | null;
  unit_id: string | null;
  subject_person_id: string | null;
  object_type: string | null;
  object_id: string | null;
  action: string;
  outcome: string;
  severity: string;
  purpose: string | null;
};

function present(r: Row) {
  return {
    seq: r.seq,
    occurredAt: new Date(r.occurred_at).toISOString(),
    actorUserId: r.actor_user_id,
    actorUsername: r.actor_username,
    role: r.role,
    unitId: r.unit_id,
    subjectPersonId: r.subject_person_id,
    objectType: r.object_type,
    objectId: r.object_id,
    action: r.action,
    outcome: r.outcome,
    severity: r.severity,
    purpose: r.purpose,
  };
}

async function logReview(
  ctx: Ctx,
  grant: RoleGrant,
  kind: string,
  details: Record<string, unknown>,
  tx: Parameters<typeof recordAudit>[0],
) {
  await recordAudit(tx, ctx, {
    action: 'read',
    objectType: 'audit_log',
    objectId: kind,
    role: grant.role,
    unitId: grant.unitId,
    details,
  });
}

/** Every event about a person: actions on them and list views that showed them. */
export async function accessToPerson(ctx: Ctx, grant: RoleGrant, personId: string, period: Period) {
  const org = ctx.actor!.organisationId;
  const { from, to } = bounds(period);
  return ctx.db.transaction().execute(async (tx) => {
    const rows = (await tx
      .selectFrom('audit_event as e')
      .select([...eventColumns])
      .where('e.organisation_id', '=', org)
      .where('e.occurred_at', '>=', from)
      .where('e.occurred_at', '<', to)
      .where((eb) =>
        eb.or([
          eb('e.subject_person_id', '=', personId),
          sql<boolean>`(e.details -> 'personIds') @> ${JSON.stringify([personId])}::jsonb`,
        ]),
      )
      .orderBy('e.seq')
      .limit(MAX_ROWS + 1)
      .execute()) as Row[];
    // A person of another municipality (or no person at all) is not found. A culled person whose
    // events remain in the log is still found through those events.
    if (rows.length === 0) {
      const known =
        (await tx
          .selectFrom('person')
          .select('id')
          .where('organisation_id', '=', org)
          .where('id', '=', personId)
          .executeTakeFirst()) ??
        (await tx
          .selectFrom('audit_event')
          .select('seq')
          .where('organisation_id', '=', org)
          .where('subject_person_id', '=', personId)
          .limit(1)
          .executeTakeFirst());
      if (!known) throw notFound();
    }
    await logReview(
      ctx,
      grant,
      'person_access',
      { personId, ...period, count: Math.min(rows.length, MAX_ROWS) },
      tx,
    );
    const users = new Map<string, { username: string | null; count: number }>();
    for (const r of rows.slice(0, MAX_ROWS)) {
      const key = r.actor_user_id ?? '-';
      users.set(key, { username: r.actor_username, count: (users.get(key)?.count ?? 0) + 1 });
    }
    return {
      personId,
      truncated: rows.length > MAX_ROWS,
      users: [...users.entries()].map(([userId, u]) => ({
        userId: userId === '-' ? null : userId,
        username: u.username,
        events: u.count,
      })),
      events: rows.slice(0, MAX_ROWS).map(present),
    };
  });
}

/** Everything one user did or saw in a period. */
export async function activityOfUser(ctx: Ctx, grant: RoleGrant, userId: string, period: Period) {
  const org = ctx.actor!.organisationId;
  const { from, to } = bounds(period);
  return ctx.db.transaction().execute(async (tx) => {
    const user = await tx
      .selectFrom('app_user')
      .select('id')
      .where('organisation_id', '=', org)
      .where('id', '=', userId)
      .executeTakeFirst();
    if (!user) throw notFound();
    const rows = (await tx
      .selectFrom('audit_event as e')
      .select([...eventColumns])
      .where('e.organisation_id', '=', org)
      .where('e.actor_user_id', '=', userId)
      .where('e.occurred_at', '>=', from)
      .where('e.occurred_at', '<', to)
      .orderBy('e.seq')
      .limit(MAX_ROWS + 1)
      .execute()) as Row[];
    await logReview(
      ctx,
      grant,
      'user_activity',
      { userId, ...period, count: Math.min(rows.length, MAX_ROWS) },
      tx,
    );
    const persons = new Set(rows.map((r) => r.subject_person_id).filter((x): x is string => x !== null));
    return {
      userId,
      truncated: rows.length > MAX_ROWS,
      distinctPersons: persons.size,
      events: rows.slice(0, MAX_ROWS).map(present),
    };
  });
}

/**
 * A reproducible random sample of the month's person accesses for the monthly log check: the seed is
 * derived from organisation and month, so the same month always gives the same sample.
 */
export async function monthlySample(ctx: Ctx, grant: RoleGrant, month: string, size: number) {
  const org = ctx.actor!.organisationId;
  const [y, m] = month.split('-').map(Number) as [number, number];
  const from = new Date(Date.UTC(y, m - 1, 1));
  const to = new Date(Date.UTC(y, m, 1));
  const seed = createHash('sha256').update(`${org}:${month}`).digest('hex').slice(0, 16);
  return ctx.db.transaction().execute(async (tx) => {
    const rows = (await tx
      .selectFrom('audit_event as e')
      .select([...eventColumns])
      .where('e.organisation_id', '=', org)
      .where('e.occurred_at', '>=', from)
      .where('e.occurred_at', '<', to)
      .where('e.subject_person_id', 'is not', null)
      .orderBy(sql`md5(${seed} || e.seq::text)`)
      .limit(size)
      .execute()) as Row[];
    await logReview(ctx, grant, 'monthly_sample', { month, size, seed }, tx);
    const raised = rows.filter((r) => r.severity === 'raised').length;
    return {
      month,
      seed,
      size: rows.length,
      raised,
      events: rows.sort((a, b) => a.seq - b.seq).map(present),
    };
  });
}
