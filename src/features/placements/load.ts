import type { Selectable } from 'kysely';
import type { Ctx } from '../../context.ts';
import type { Tx } from '../../db/connection.ts';
import type { PlacementTable } from '../../db/schema.ts';
import { notFound } from '../../http/errors.ts';
import type { PolicyRule } from '../../http/policy.ts';
import { authorizePerson, type PersonAccess } from '../participants/access.ts';
import { workplaceNames } from '../workplaces/placement-terms.ts';
import { presentPlacement } from './present.ts';
import { findEnrolment, findPlacement, supervisorName } from './repo.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The authorised fetch of one placement: the placement, then its person through authorizePerson
 * (unit, caseload, protection grade, purpose). A placement of a person the actor may not reach is
 * "not found", like the person.
 */
export async function loadPlacementForActor(
  ctx: Ctx,
  tx: Tx,
  placementId: string,
  rule: PolicyRule,
  purpose: string | null | undefined,
): Promise<{ placement: Selectable<PlacementTable>; access: PersonAccess }> {
  if (!UUID.test(placementId)) throw notFound();
  const placement = await findPlacement(tx, ctx.actor!.organisationId, placementId);
  if (!placement) throw notFound();
  const access = await authorizePerson(ctx, tx, placement.person_id, rule, { purpose: purpose ?? null });
  return { placement, access };
}

/** Staff view of a placement the actor is authorised for. */
export async function staffView(tx: Tx, placement: Selectable<PlacementTable>, access: PersonAccess) {
  const org = placement.organisation_id;
  const [enrolment, names, supervisor] = await Promise.all([
    findEnrolment(tx, org, placement.enrolment_id),
    workplaceNames(tx, org, [placement.workplace_id]),
    supervisorName(tx, org, placement.supervisor_id),
  ]);
  return presentPlacement(placement, {
    personName: `${access.person.first_name} ${access.person.last_name}`,
    programme: {
      id: enrolment?.programme_id ?? '',
      name: enrolment?.programme_name ?? '',
      kind: enrolment?.programme_kind ?? '',
    },
    workplaceName: names.get(placement.workplace_id) ?? '',
    supervisorName: supervisor,
  });
}
