import { MINUTE } from '../../clock.ts';
import type { Ctx } from '../../context.ts';
import { AppError } from '../../http/errors.ts';
import { recordAudit, SYSTEM_ORGANISATION_ID } from '../audit/record-event.ts';
import { verifyPassword } from './passwords.ts';
import { countRecentFailures, findUserByUsername, recordAttempts } from './repo.ts';
import { createSession, loadActor, type UserView } from './sessions.ts';

export const LOGIN_WINDOW_MS = 15 * MINUTE;
/** Failures allowed per account and per client address within the window; the next attempt gets 429. */
export const MAX_FAILURES = 10;

export interface LoginResult {
  sessionId: string;
  csrfToken: string;
  user: UserView;
}

function attemptKeys(username: string, clientAddress: string | null): string[] {
  const keys = [`user:${username.trim().toLowerCase()}`];
  if (clientAddress) keys.push(`ip:${clientAddress}`);
  return keys;
}

/**
 * Password login. Unknown user and wrong password give the same answer and take the same time.
 * More than MAX_FAILURES failures per account or address in 15 minutes locks further attempts (429).
 */
export async function login(ctx: Ctx, input: { username: string; password: string }): Promise<LoginResult> {
  const now = ctx.clock.now();
  const keys = attemptKeys(input.username, ctx.clientAddress);
  const failures = await countRecentFailures(ctx.db, keys, new Date(now.getTime() - LOGIN_WINDOW_MS));
  const user = await findUserByUsername(ctx.db, input.username.trim());
  if ([...failures.values()].some((n) => n >= MAX_FAILURES)) {
    await ctx.db.transaction().execute(async (tx) => {
      await recordAudit(tx, ctx, {
        action: 'login',
        outcome: 'denied',
        organisationId: user?.organisation_id ?? SYSTEM_ORGANISATION_ID,
        actorUserId: user?.id,
        actorUsername: user?.username,
        severity: 'raised',
        details: { reason: 'rate_limited' },
      });
    });
    throw new AppError(429, 'rate_limited', 'rate_limited', undefined, {
      'Retry-After': String(LOGIN_WINDOW_MS / 1000),
    });
  }
  const passwordOk = await verifyPassword(user?.password_hash ?? null, input.password);
  const ok = passwordOk && user?.active;
  if (!ok || !user) {
    await ctx.db.transaction().execute(async (tx) => {
      await recordAttempts(tx, keys, now, false);
      await recordAudit(tx, ctx, {
        action: 'login',
        outcome: 'failure',
        organisationId: user?.organisation_id ?? SYSTEM_ORGANISATION_ID,
        actorUserId: user?.id,
        actorUsername: user?.username,
        details: { reason: user ? (user.active ? 'wrong_password' : 'inactive') : 'unknown_user' },
      });
    });
    throw new AppError(401, 'invalid_credentials', 'invalid_credentials');
  }
  return startSession(
    ctx,
    { organisationId: user.organisation_id, userId: user.id, username: user.username },
    'password',
    keys,
  );
}

/** Creates the session and its login event; shared by password and OIDC login. */
export async function startSession(
  ctx: Ctx,
  who: { organisationId: string; userId: string; username: string },
  method: 'password' | 'oidc',
  attemptKeysToRecord: string[] = [],
): Promise<LoginResult> {
  const created = await ctx.db.transaction().execute(async (tx) => {
    if (attemptKeysToRecord.length > 0) await recordAttempts(tx, attemptKeysToRecord, ctx.clock.now(), true);
    const session = await createSession(
      tx,
      ctx.clock,
      { organisationId: who.organisationId, userId: who.userId },
      method,
      ctx.clientAddress,
    );
    await recordAudit(tx, ctx, {
      action: 'login',
      organisationId: who.organisationId,
      actorUserId: who.userId,
      actorUsername: who.username,
      details: { method },
    });
    return session;
  });
  const actor = await loadActor(ctx.db, who.organisationId, who.userId, created.idHash);
  if (!actor) throw new AppError(401, 'invalid_credentials', 'invalid_credentials');
  return { sessionId: created.sessionId, csrfToken: created.csrfToken, user: actor.view };
}
