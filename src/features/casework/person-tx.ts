import type { Ctx } from '../../context.ts';
import type { Tx } from '../../db/connection.ts';
import type { PolicyRule } from '../../http/policy.ts';
import { authorizePerson, type PersonAccess } from '../participants/access.ts';

export interface PersonOpts {
  /** Purpose of the access, required for protected persons (header `x-insats-purpose`). */
  purpose?: string | null;
}

/**
 * Runs `fn` in one transaction after `authorizePerson` has let the actor reach the person. When access
 * is refused, the transaction still commits what `authorizePerson` wrote (its `deny` event) before the
 * refusal (404 / purpose required) is thrown; nothing of `fn` runs. Any error inside `fn` rolls back
 * everything, including the audit event `fn` wrote.
 */
export async function withPerson<T>(
  ctx: Ctx,
  personId: string,
  rule: PolicyRule,
  opts: PersonOpts,
  fn: (tx: Tx, access: PersonAccess) => Promise<T>,
): Promise<T> {
  let refusal: unknown = null;
  const out = await ctx.db.transaction().execute(async (tx) => {
    let access: PersonAccess;
    try {
      access = await authorizePerson(ctx, tx, personId, rule, { purpose: opts.purpose ?? null });
    } catch (err) {
      refusal = err;
      return null;
    }
    return { value: await fn(tx, access) };
  });
  if (out === null) throw refusal;
  return out.value;
}
