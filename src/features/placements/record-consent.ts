import type { Ctx } from '../../context.ts';
import { recordAudit } from '../audit/record-event.ts';
import { auditFields } from '../participants/access.ts';
import { loadPlacementForActor, staffView } from './load.ts';
import { placementsPolicy } from './policy.ts';
import { findPlacement, updatePlacementRow } from './repo.ts';

/**
 * The case worker records whether the participant consents to the workplace seeing their name.
 * For a person with protected identity this is the only way their name reaches the workplace view;
 * their address, phone and e-mail never do.
 */
export async function recordWorkplaceConsent(
  ctx: Ctx,
  placementId: string,
  shareNameWithWorkplace: boolean,
  opts: { purpose?: string | null } = {},
) {
  return ctx.db.transaction().execute(async (tx) => {
    const { placement, access } = await loadPlacementForActor(
      ctx,
      tx,
      placementId,
      placementsPolicy.rules.recordConsent,
      opts.purpose,
    );
    await updatePlacementRow(tx, placement.organisation_id, placement.id, {
      share_name_with_workplace: shareNameWithWorkplace,
      name_consent_recorded_at: ctx.clock.now(),
      name_consent_recorded_by: ctx.actor!.userId,
      updated_at: ctx.clock.now(),
    });
    await recordAudit(tx, ctx, {
      action: 'update',
      ...auditFields(access),
      objectType: 'placement',
      objectId: placement.id,
      details: { shareNameWithWorkplace, previous: placement.share_name_with_workplace },
    });
    return staffView(tx, (await findPlacement(tx, placement.organisation_id, placement.id))!, access);
  });
}
