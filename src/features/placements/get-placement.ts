import type { Ctx } from '../../context.ts';
import { recordAudit } from '../audit/record-event.ts';
import { auditFields, authorizePerson } from '../participants/access.ts';
import { workplaceNames } from '../workplaces/placement-terms.ts';
import { loadPlacementForActor, staffView } from './load.ts';
import { placementsPolicy } from './policy.ts';
import { presentPlacement } from './present.ts';
import { findEnrolment, placementsOfPerson, supervisorName } from './repo.ts';

/** One placement, staff view. The read is logged against the person. */
export async function getPlacement(ctx: Ctx, placementId: string, opts: { purpose?: string | null } = {}) {
  return ctx.db.transaction().execute(async (tx) => {
    const { placement, access } = await loadPlacementForActor(
      ctx,
      tx,
      placementId,
      placementsPolicy.rules.read,
      opts.purpose,
    );
    await recordAudit(tx, ctx, {
      action: 'read',
      ...auditFields(access),
      objectType: 'placement',
      objectId: placement.id,
    });
    return staffView(tx, placement, access);
  });
}

/** Every placement of one person, newest first. */
export async function listPersonPlacements(
  ctx: Ctx,
  personId: string,
  opts: { purpose?: string | null } = {},
) {
  return ctx.db.transaction().execute(async (tx) => {
    const access = await authorizePerson(ctx, tx, personId, placementsPolicy.rules.read, opts);
    const org = access.person.organisation_id;
    const rows = await placementsOfPerson(tx, org, personId);
    const names = await workplaceNames(
      tx,
      org,
      rows.map((r) => r.workplace_id),
    );
    const out = [];
    for (const r of rows) {
      const enrolment = await findEnrolment(tx, org, r.enrolment_id);
      out.push(
        presentPlacement(r, {
          personName: `${access.person.first_name} ${access.person.last_name}`,
          programme: {
            id: enrolment?.programme_id ?? '',
            name: enrolment?.programme_name ?? '',
            kind: enrolment?.programme_kind ?? '',
          },
          workplaceName: names.get(r.workplace_id) ?? '',
          supervisorName: await supervisorName(tx, org, r.supervisor_id),
        }),
      );
    }
    await recordAudit(tx, ctx, {
      action: 'read',
      ...auditFields(access),
      details: { placements: out.length },
    });
    return out;
  });
}
