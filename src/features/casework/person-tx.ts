import type { Ctx } from '../../context.ts';
import type { Tx } from '../../db/connection.ts';
import type { PolicyRule } from '../../http/policy.ts';
import type { PersonAccess } from '../participants/access.ts';
import { withPerson as withAuthorisedPerson } from '../participants/person-tx.ts';

export interface PersonOpts {
  /** Purpose of the access, required for protected persons (header `x-insats-purpose`). */
  purpose?: string | null;
}

/**
 * Runs `fn` in one transaction after the actor has been authorised for the person (see
 * `participants/person-tx.ts`): a refusal leaves its `deny` event and answers 404; any error inside
 * `fn` rolls back everything, including the audit event `fn` wrote.
 */
export function withPerson<T>(
  ctx: Ctx,
  personId: string,
  rule: PolicyRule,
  opts: PersonOpts,
  fn: (tx: Tx, access: PersonAccess) => Promise<T>,
): Promise<T> {
  return withAuthorisedPerson(ctx, personId, rule, opts.purpose ?? null, fn);
}
