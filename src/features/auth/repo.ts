import { sql } from 'kysely';
import type { Db, Tx } from '../../db/connection.ts';

export async function findUserByUsername(db: Db, username: string) {
  return db
    .selectFrom('app_user')
    .select(['organisation_id', 'id', 'username', 'display_name', 'password_hash', 'active'])
    .where(sql`lower(username)`, '=', username.toLowerCase())
    .executeTakeFirst();
}

export async function findUserByIdentity(db: Db, issuer: string, subject: string) {
  return db
    .selectFrom('user_identity as i')
    .innerJoin('app_user as u', (j) =>
      j.onRef('u.organisation_id', '=', 'i.organisation_id').onRef('u.id', '=', 'i.user_id'),
    )
    .select(['u.organisation_id', 'u.id', 'u.username', 'u.active'])
    .where('i.issuer', '=', issuer)
    .where('i.subject', '=', subject)
    .executeTakeFirst();
}

export async function linkIdentity(
  tx: Tx,
  organisationId: string,
  userId: string,
  issuer: string,
  subject: string,
) {
  await tx
    .insertInto('user_identity')
    .values({ organisation_id: organisationId, user_id: userId, issuer, subject })
    .onConflict((oc) => oc.doNothing())
    .execute();
}

export async function loadUserWithRoles(db: Db, organisationId: string, userId: string) {
  const user = await db
    .selectFrom('app_user as u')
    .innerJoin('organisation as o', 'o.id', 'u.organisation_id')
    .select([
      'u.id',
      'u.username',
      'u.display_name',
      'u.active',
      'u.organisation_id',
      'o.name as organisation_name',
    ])
    .where('u.organisation_id', '=', organisationId)
    .where('u.id', '=', userId)
    .executeTakeFirst();
  if (!user) return undefined;
  const roles = await db
    .selectFrom('user_role as r')
    .innerJoin('unit as un', (j) =>
      j.onRef('un.organisation_id', '=', 'r.organisation_id').onRef('un.id', '=', 'r.unit_id'),
    )
    .select(['r.role', 'r.unit_id', 'un.name as unit_name'])
    .where('r.organisation_id', '=', organisationId)
    .where('r.user_id', '=', userId)
    .orderBy('r.role')
    .orderBy('un.name')
    .execute();
  const units = await db
    .selectFrom('unit')
    .select(['id', 'parent_id'])
    .where('organisation_id', '=', organisationId)
    .execute();
  return { user, roles, units };
}

export async function insertSession(
  tx: Tx,
  s: {
    idHash: string;
    organisationId: string;
    userId: string;
    csrfToken: string;
    authMethod: string;
    now: Date;
    clientAddress: string | null;
  },
) {
  await tx
    .insertInto('session')
    .values({
      id_hash: s.idHash,
      organisation_id: s.organisationId,
      user_id: s.userId,
      csrf_token: s.csrfToken,
      auth_method: s.authMethod,
      created_at: s.now,
      last_seen_at: s.now,
      client_address: s.clientAddress,
    })
    .execute();
}

/** The session row and, in the same query, the current auth epoch (see migration 013). */
export async function findSession(db: Db, idHash: string) {
  return db
    .selectFrom('session')
    .selectAll()
    .select(sql<string>`(SELECT n::text FROM auth_epoch)`.as('auth_epoch'))
    .where('id_hash', '=', idHash)
    .executeTakeFirst();
}

export async function touchSession(db: Db, idHash: string, now: Date) {
  await db.updateTable('session').set({ last_seen_at: now }).where('id_hash', '=', idHash).execute();
}

export async function endSession(tx: Tx, idHash: string, now: Date, reason: string) {
  await tx
    .updateTable('session')
    .set({ ended_at: now, end_reason: reason })
    .where('id_hash', '=', idHash)
    .where('ended_at', 'is', null)
    .execute();
}

export async function countRecentFailures(db: Db, keys: string[], since: Date): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('login_attempt')
    .select(['key', sql<number>`count(*)::int`.as('n')])
    .where('key', 'in', keys)
    .where('succeeded', '=', false)
    .where('attempted_at', '>', since)
    .groupBy('key')
    .execute();
  return new Map(rows.map((r) => [r.key, r.n]));
}

export async function recordAttempts(tx: Tx, keys: string[], at: Date, succeeded: boolean) {
  await tx
    .insertInto('login_attempt')
    .values(keys.map((key) => ({ key, attempted_at: at, succeeded })))
    .execute();
}
