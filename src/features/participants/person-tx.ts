import type { Ctx } from '../../context.ts';
import type { Tx } from '../../db/connection.ts';
import { AppError } from '../../http/errors.ts';
import type { PolicyRule } from '../../http/policy.ts';
import { authorizePerson, type PersonAccess } from './access.ts';

/**
 * A refusal that must leave its audit event behind. Returned (not thrown) from a transaction body so
 * the transaction commits what was written before it (a `deny` or `failure` event); the error is
 * thrown after the commit. A thrown error would roll the event back with everything else.
 */
export class Refusal {
  constructor(readonly error: AppError) {}
}

/** Runs `fn` in one transaction; a returned {@link Refusal} commits, then throws its error. */
export async function inTransaction<T>(ctx: Ctx, fn: (tx: Tx) => Promise<T | Refusal>): Promise<T> {
  const out = await ctx.db.transaction().execute(fn);
  if (out instanceof Refusal) throw out.error;
  return out;
}

/** `authorizePerson` inside `tx`; an AppError refusal (404, purpose required) becomes a {@link Refusal}. */
export async function authorizeOrRefuse(
  ctx: Ctx,
  tx: Tx,
  personId: string,
  rule: PolicyRule,
  purpose: string | null,
): Promise<PersonAccess | Refusal> {
  try {
    return await authorizePerson(ctx, tx, personId, rule, { purpose });
  } catch (err) {
    if (err instanceof AppError) return new Refusal(err);
    throw err;
  }
}

/**
 * One transaction on one authorised person: `fn` runs only if the actor reaches the person; a refusal
 * commits its `deny` event and is then thrown. Any error inside `fn` rolls back everything.
 */
export async function withPerson<T>(
  ctx: Ctx,
  personId: string,
  rule: PolicyRule,
  purpose: string | null,
  fn: (tx: Tx, access: PersonAccess) => Promise<T | Refusal>,
): Promise<T> {
  return inTransaction(ctx, async (tx) => {
    const access = await authorizeOrRefuse(ctx, tx, personId, rule, purpose);
    if (access instanceof Refusal) return access;
    return fn(tx, access);
  });
}
