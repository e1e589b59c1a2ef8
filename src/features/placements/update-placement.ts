import type { Ctx } from '../../context.ts';
import { AppError } from '../../http/errors.ts';
import { recordAudit } from '../audit/record-event.ts';
import { auditFields } from '../participants/access.ts';
import { loadPlacementTerms } from '../workplaces/placement-terms.ts';
import { loadPlacementForActor, staffView } from './load.ts';
import { placementsPolicy } from './policy.ts';
import {
  findEnrolment,
  findPlacement,
  livePlacementsOfPerson,
  liveSlotUse,
  lockPerson,
  updatePlacementRow,
} from './repo.ts';
import { checkPlacement, employmentColumns, PlacementIssues } from './rules.ts';
import type { UpdatePlacementInput } from './schema.ts';

/** Replaces a live placement's editable fields under the same rules as creating it. */
export async function updatePlacement(
  ctx: Ctx,
  placementId: string,
  input: UpdatePlacementInput,
  opts: { purpose?: string | null } = {},
) {
  return ctx.db.transaction().execute(async (tx) => {
    const { placement, access } = await loadPlacementForActor(
      ctx,
      tx,
      placementId,
      placementsPolicy.rules.write,
      opts.purpose,
    );
    const org = placement.organisation_id;
    if (placement.status !== 'aktiv') {
      throw new AppError(409, 'placement_cancelled', {
        sv: 'Placeringen är avbruten och kan inte ändras.',
        en: 'The placement is cancelled and cannot be changed.',
      });
    }
    await lockPerson(tx, org, placement.person_id);
    const issues: PlacementIssues = new PlacementIssues(ctx.lang);
    const enrolment = await findEnrolment(tx, org, placement.enrolment_id);
    const terms = await loadPlacementTerms(tx, org, input.workplaceId);
    if (!terms || !enrolment)
      issues.fail('body.workplaceId', 'Arbetsplatsen finns inte.', 'The workplace does not exist.');
    const draft = {
      workplaceId: input.workplaceId,
      slotId: input.slotId ?? null,
      supervisorId: input.supervisorId ?? null,
      startDate: input.startDate,
      endDate: input.endDate ?? null,
      employment: input.employment ?? null,
    };
    const others = (await livePlacementsOfPerson(tx, org, placement.person_id)).filter(
      (o) => o.id !== placement.id,
    );
    const slotUse = draft.slotId
      ? (await liveSlotUse(tx, org, draft.slotId)).filter((u) => u.id !== placement.id)
      : [];
    const { endDate } = checkPlacement(draft, enrolment, terms, others, slotUse, issues);
    issues.throwIfAny();
    const set = {
      workplace_id: terms.id,
      slot_id: draft.slotId,
      supervisor_id: draft.supervisorId,
      start_date: draft.startDate,
      end_date: endDate,
      ...employmentColumns(draft.employment),
      note: input.note?.trim() || null,
    };
    const changed = (Object.keys(set) as (keyof typeof set)[]).filter((k) => set[k] !== placement[k]);
    await updatePlacementRow(tx, org, placement.id, { ...set, updated_at: ctx.clock.now() });
    await recordAudit(tx, ctx, {
      action: 'update',
      ...auditFields(access),
      objectType: 'placement',
      objectId: placement.id,
      details: { changed },
    });
    return staffView(tx, (await findPlacement(tx, org, placement.id))!, access);
  });
}
