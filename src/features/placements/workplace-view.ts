import type { Ctx } from '../../context.ts';
import { recordAudit } from '../audit/record-event.ts';
import { auditFields } from '../participants/access.ts';
import { workplaceNames } from '../workplaces/placement-terms.ts';
import { loadPlacementForActor } from './load.ts';
import { placementsPolicy } from './policy.ts';
import { presentForWorkplace } from './present.ts';
import { supervisorName } from './repo.ts';

/**
 * What may be passed on to the workplace and its supervisor about a placement (see
 * presentForWorkplace). Producing it is logged as a disclosure ('export') against the person.
 */
export async function workplaceViewOfPlacement(
  ctx: Ctx,
  placementId: string,
  opts: { purpose?: string | null } = {},
) {
  return ctx.db.transaction().execute(async (tx) => {
    const { placement, access } = await loadPlacementForActor(
      ctx,
      tx,
      placementId,
      placementsPolicy.rules.read,
      opts.purpose,
    );
    const org = placement.organisation_id;
    const names = await workplaceNames(tx, org, [placement.workplace_id]);
    const view = presentForWorkplace(placement, access.person, {
      workplaceName: names.get(placement.workplace_id) ?? '',
      supervisorName: await supervisorName(tx, org, placement.supervisor_id),
    });
    await recordAudit(tx, ctx, {
      action: 'export',
      ...auditFields(access),
      objectType: 'placement',
      objectId: placement.id,
      details: {
        view: 'workplace',
        nameShared: view.participant.name !== null,
        contactShared: view.participant.phone !== null || view.participant.email !== null,
      },
    });
    return view;
  });
}
