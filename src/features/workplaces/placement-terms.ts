import type { Tx } from '../../db/connection.ts';
import { agreementsOf, findWorkplace, slotsOf, supervisorsOf, workplaceNamesByIds } from './repo.ts';
import { agreementRequired } from './rules.ts';

/**
 * What the placements feature needs to know about a workplace to check a placement: its kind,
 * agreements, supervisors and slots. Locks the workplace row, so agreement changes and placement
 * checks on one workplace do not interleave. Undefined if the workplace does not exist.
 */
export async function loadPlacementTerms(tx: Tx, organisationId: string, workplaceId: string) {
  const w = await findWorkplace(tx, organisationId, workplaceId, true);
  if (!w) return undefined;
  const [agreements, supervisors, slots] = await Promise.all([
    agreementsOf(tx, organisationId, workplaceId),
    supervisorsOf(tx, organisationId, workplaceId),
    slotsOf(tx, organisationId, workplaceId),
  ]);
  return {
    id: w.id,
    name: w.name,
    kind: w.kind,
    active: w.active,
    sectorLabel: w.sector_label,
    sectorCode: w.sector_code,
    agreements: agreements.map((a) => ({ start: a.valid_from, end: a.valid_to, type: a.type })),
    agreementRequired: agreementRequired(w.kind, agreements.length),
    supervisors: supervisors.map((s) => ({ id: s.id, name: s.name, active: s.active })),
    slots: slots.map((s) => ({ id: s.id, start: s.period_from, end: s.period_to, places: s.places })),
  };
}

export type PlacementTerms = NonNullable<Awaited<ReturnType<typeof loadPlacementTerms>>>;

/** Workplace names by id, for lists of placements. */
export async function workplaceNames(tx: Tx, organisationId: string, ids: string[]) {
  return new Map((await workplaceNamesByIds(tx, organisationId, ids)).map((r) => [r.id, r.name]));
}
