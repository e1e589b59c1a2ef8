import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Clock } from '../../clock.ts';
import { MINUTE } from '../../clock.ts';
import type { Actor, Role } from '../../context.ts';
import type { Db, Tx } from '../../db/connection.ts';
import { cachedRead } from '../../db/read-cache.ts';
import { expandUnits } from '../../http/policy.ts';
import { endSession, findSession, insertSession, loadUserWithRoles, touchSession } from './repo.ts';

export interface SessionSettings {
  idleMs: number;
  absoluteMs: number;
}

/** 128-bit random session id, base64url; only its SHA-256 is stored. */
export function newSessionId(): string {
  return randomBytes(16).toString('base64url');
}

export function newCsrfToken(): string {
  return randomBytes(32).toString('base64url');
}

export function hashSessionId(id: string): string {
  return createHash('sha256').update(id).digest('hex');
}

export function tokensEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export async function createSession(
  tx: Tx,
  clock: Clock,
  user: { organisationId: string; userId: string },
  authMethod: 'password' | 'oidc',
  clientAddress: string | null,
): Promise<{ sessionId: string; csrfToken: string; idHash: string }> {
  const sessionId = newSessionId();
  const csrfToken = newCsrfToken();
  const idHash = hashSessionId(sessionId);
  await insertSession(tx, {
    idHash,
    organisationId: user.organisationId,
    userId: user.userId,
    csrfToken,
    authMethod,
    now: clock.now(),
    clientAddress,
  });
  return { sessionId, csrfToken, idHash };
}

export type SessionLookup =
  | { status: 'none' }
  | { status: 'expired' }
  | { status: 'ok'; actor: Actor & { view: UserView }; csrfToken: string; idHash: string };

// last_seen_at is written at most once a minute, so reads do not all turn into writes.
const TOUCH_INTERVAL_MS = MINUTE;

/** Resolves a cookie value to the signed-in actor, ending sessions that have timed out. */
export async function resolveSession(
  db: Db,
  clock: Clock,
  settings: SessionSettings,
  sessionId: string | undefined,
): Promise<SessionLookup> {
  if (!sessionId || sessionId.length > 64) return { status: 'none' };
  const idHash = hashSessionId(sessionId);
  // Every request reads its session; through the cache it costs no query until data changes (a touch,
  // a logout, any write), and the timeouts below are still checked against the clock each time.
  const s = await cachedRead(db, `session:${idHash}`, () => findSession(db, idHash));
  if (!s) return { status: 'none' };
  if (s.ended_at) return { status: s.end_reason === 'logout' ? 'none' : 'expired' };
  const now = clock.now();
  const idleFor = now.getTime() - new Date(s.last_seen_at).getTime();
  const age = now.getTime() - new Date(s.created_at).getTime();
  if (idleFor > settings.idleMs || age > settings.absoluteMs) {
    await endSession(db, idHash, now, idleFor > settings.idleMs ? 'idle_timeout' : 'absolute_timeout');
    return { status: 'expired' };
  }
  const actor = await cachedActor(db, s, idHash);
  if (!actor) {
    await endSession(db, idHash, now, 'user_inactive');
    return { status: 'expired' };
  }
  if (idleFor >= TOUCH_INTERVAL_MS) await touchSession(db, idHash, now);
  return { status: 'ok', actor, csrfToken: s.csrf_token, idHash };
}

type BuiltActor = Actor & { view: UserView };

/**
 * Actors built per session, per database, valid for one auth epoch. Building an actor takes three
 * queries (user, roles, unit tree); the epoch comes free with the session row and moves on any change
 * to users, roles, units or organisations, so a cached actor is never older than the data it came from.
 * Bounded: cleared when it grows past MAX_CACHED_ACTORS (sessions are few; this only guards memory).
 */
const actorCache = new WeakMap<Db, Map<string, { epoch: string; actor: BuiltActor | undefined }>>();
const MAX_CACHED_ACTORS = 10_000;

async function cachedActor(
  db: Db,
  s: { organisation_id: string; user_id: string; auth_epoch: string | null },
  idHash: string,
): Promise<BuiltActor | undefined> {
  let cache = actorCache.get(db);
  if (!cache) {
    cache = new Map();
    actorCache.set(db, cache);
  }
  const epoch = s.auth_epoch;
  const hit = epoch === null ? undefined : cache.get(idHash);
  if (hit && hit.epoch === epoch) return hit.actor;
  const actor = await loadActor(db, s.organisation_id, s.user_id, idHash);
  if (epoch !== null) {
    if (cache.size >= MAX_CACHED_ACTORS) cache.clear();
    cache.set(idHash, { epoch, actor });
  }
  return actor;
}

export interface UserView {
  id: string;
  username: string;
  displayName: string;
  organisation: { id: string; name: string };
  roles: { role: Role; unitId: string; unitName: string }[];
}

export async function loadActor(
  db: Db,
  organisationId: string,
  userId: string,
  sessionIdHash: string | null,
): Promise<(Actor & { view: UserView }) | undefined> {
  const loaded = await loadUserWithRoles(db, organisationId, userId);
  if (!loaded?.user.active) return undefined;
  const { user, roles, units } = loaded;
  const byRole = new Map<Role, string[]>();
  for (const r of roles) byRole.set(r.role as Role, [...(byRole.get(r.role as Role) ?? []), r.unit_id]);
  const unitScope = new Map<Role, Set<string>>();
  for (const [role, roots] of byRole) unitScope.set(role, expandUnits(roots, units));
  return {
    userId: user.id,
    username: user.username,
    displayName: user.display_name,
    organisationId: user.organisation_id,
    roles: roles.map((r) => ({ role: r.role as Role, unitId: r.unit_id })),
    unitScope,
    sessionIdHash,
    view: {
      id: user.id,
      username: user.username,
      displayName: user.display_name,
      organisation: { id: user.organisation_id, name: user.organisation_name },
      roles: roles.map((r) => ({ role: r.role as Role, unitId: r.unit_id, unitName: r.unit_name })),
    },
  };
}
