import { randomUUID } from 'node:crypto';
import type { Ctx } from '../../context.ts';
import { notFound } from '../../http/errors.ts';
import { recordAudit } from '../audit/record-event.ts';
import { auditFields, authorizePerson } from '../participants/access.ts';
import { loadPlacementTerms } from '../workplaces/placement-terms.ts';
import { staffView } from './load.ts';
import { placementsPolicy } from './policy.ts';
import {
  findEnrolment,
  findPlacement,
  insertPlacement,
  livePlacementsOfPerson,
  liveSlotUse,
  lockPerson,
} from './repo.ts';
import { checkPlacement, employmentColumns, PlacementIssues } from './rules.ts';
import type { CreatePlacementInput } from './schema.ts';

/**
 * Places an enrolled participant at a workplace. Person-scoped: authorizePerson, then every rule
 * (enrolment dates, agreement, overlap, supervisor and slot of the workplace) before anything is
 * written; one transaction with its audit event. Minimal input: `{ enrolmentId, workplaceId, startDate }`.
 */
export async function createPlacement(
  ctx: Ctx,
  input: CreatePlacementInput,
  opts: { purpose?: string | null } = {},
) {
  const organisationId = ctx.actor!.organisationId;
  const id = randomUUID();
  return ctx.db.transaction().execute(async (tx) => {
    const enrolment = await findEnrolment(tx, organisationId, input.enrolmentId);
    if (!enrolment) throw notFound();
    const access = await authorizePerson(ctx, tx, enrolment.person_id, placementsPolicy.rules.write, opts);
    await lockPerson(tx, organisationId, enrolment.person_id);
    const issues: PlacementIssues = new PlacementIssues(ctx.lang);
    const terms = await loadPlacementTerms(tx, organisationId, input.workplaceId);
    if (!terms) issues.fail('body.workplaceId', 'Arbetsplatsen finns inte.', 'The workplace does not exist.');
    const draft = {
      workplaceId: input.workplaceId,
      slotId: input.slotId ?? null,
      supervisorId: input.supervisorId ?? null,
      startDate: input.startDate,
      endDate: input.endDate ?? null,
      employment: input.employment ?? null,
    };
    const others = await livePlacementsOfPerson(tx, organisationId, enrolment.person_id);
    const slotUse = draft.slotId ? await liveSlotUse(tx, organisationId, draft.slotId) : [];
    const { endDate } = checkPlacement(draft, enrolment, terms, others, slotUse, issues);
    issues.throwIfAny();
    const now = ctx.clock.now();
    await insertPlacement(tx, {
      organisation_id: organisationId,
      id,
      enrolment_id: enrolment.id,
      person_id: enrolment.person_id,
      workplace_id: terms.id,
      slot_id: draft.slotId,
      supervisor_id: draft.supervisorId,
      start_date: draft.startDate,
      end_date: endDate,
      // Protected persons' names reach the workplace only after the case worker records consent.
      share_name_with_workplace: access.person.protection_level === 'none',
      ...employmentColumns(draft.employment),
      note: input.note?.trim() || null,
      created_by: ctx.actor!.userId,
      created_at: now,
      updated_at: now,
    });
    await recordAudit(tx, ctx, {
      action: 'create',
      ...auditFields(access),
      objectType: 'placement',
      objectId: id,
      details: { enrolmentId: enrolment.id, workplaceId: terms.id, startDate: draft.startDate, endDate },
    });
    const row = await findPlacement(tx, organisationId, id);
    return staffView(tx, row!, access);
  });
}
