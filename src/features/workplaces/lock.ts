import type { Ctx } from '../../context.ts';
import type { Tx } from '../../db/connection.ts';
import { notFound } from '../../http/errors.ts';
import { findWorkplace, updateWorkplaceRow } from './repo.ts';

/**
 * Locks the workplace row for a change to one of its parts and bumps its updated_at, so concurrent
 * changes to one workplace (and the placement checks that read its agreements) are serialised.
 */
export async function lockWorkplace(ctx: Ctx, tx: Tx, workplaceId: string) {
  const w = await findWorkplace(tx, ctx.actor!.organisationId, workplaceId, true);
  if (!w) throw notFound();
  await updateWorkplaceRow(tx, w.organisation_id, w.id, { updated_at: ctx.clock.now() });
  return w;
}
