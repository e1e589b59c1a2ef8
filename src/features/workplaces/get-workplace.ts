import type { Ctx } from '../../context.ts';
import type { Tx } from '../../db/connection.ts';
import { notFound } from '../../http/errors.ts';
import { presentWorkplace } from './present.ts';
import {
  agreementsOf,
  complianceChecksOf,
  findWorkplace,
  occupationsOf,
  slotsOf,
  supervisorsOf,
} from './repo.ts';
import { today } from './rules.ts';

/** Loads one workplace with its parts inside `tx`, or throws 404. */
export async function loadWorkplaceView(ctx: Ctx, tx: Tx, id: string) {
  const organisationId = ctx.actor!.organisationId;
  const w = await findWorkplace(tx, organisationId, id);
  if (!w) throw notFound();
  const [occupations, supervisors, agreements, checks, slots] = await Promise.all([
    occupationsOf(tx, organisationId, id),
    supervisorsOf(tx, organisationId, id),
    agreementsOf(tx, organisationId, id),
    complianceChecksOf(tx, organisationId, id),
    slotsOf(tx, organisationId, id),
  ]);
  return presentWorkplace(w, { occupations, supervisors, agreements, checks, slots }, today(ctx));
}

export async function getWorkplace(ctx: Ctx, id: string) {
  return ctx.db.transaction().execute((tx) => loadWorkplaceView(ctx, tx, id));
}
