import type { Ctx } from '../../context.ts';
import { recordAudit } from '../audit/record-event.ts';
import { auditFields } from '../participants/access.ts';
import { loadPlacementForActor, staffView } from './load.ts';
import { placementsPolicy } from './policy.ts';
import { findPlacement, updatePlacementRow } from './repo.ts';

/** Cancels a placement that will not happen (or was entered by mistake). Recorded attendance stays. */
export async function cancelPlacement(ctx: Ctx, placementId: string, opts: { purpose?: string | null } = {}) {
  return ctx.db.transaction().execute(async (tx) => {
    const { placement, access } = await loadPlacementForActor(
      ctx,
      tx,
      placementId,
      placementsPolicy.rules.write,
      opts.purpose,
    );
    if (placement.status !== 'avbruten') {
      await updatePlacementRow(tx, placement.organisation_id, placement.id, {
        status: 'avbruten',
        updated_at: ctx.clock.now(),
      });
      await recordAudit(tx, ctx, {
        action: 'update',
        ...auditFields(access),
        objectType: 'placement',
        objectId: placement.id,
        details: { status: 'avbruten' },
      });
    }
    return staffView(tx, (await findPlacement(tx, placement.organisation_id, placement.id))!, access);
  });
}
