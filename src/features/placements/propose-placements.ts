import type { Ctx } from '../../context.ts';
import {
  allocateOptimalSync,
  buildPlacementInput,
  explain,
  type PlacementParticipant,
  type PlacementSlot,
  runReport,
} from '../../domain/allocation/index.ts';
import { notFound } from '../../http/errors.ts';
import { recordAudit, recordAuditMany } from '../audit/record-event.ts';
import { loadActorProtection, visiblePersons } from '../participants/access.ts';
import { placementsPolicy } from './policy.ts';

export interface ProposalInput {
  personIds: string[];
  /** Slots whose period includes this date are offered. */
  onDate: string;
}

/**
 * Placement proposals for a group of participants (issue 5: adult placements): the optimal assignment
 * of the persons to the open workplace slots by suitability score (occupation interest, languages,
 * area, shortage occupation, licence), with each proposal's score components and, for each person
 * left without a proposal, why. Nothing is booked: the case worker decides and books the placement.
 * Every person must be visible to the actor (otherwise 404, as for one person); one read event per
 * person, and one for the run.
 */
export async function proposePlacements(ctx: Ctx, input: ProposalInput) {
  const actor = ctx.actor!;
  const org = actor.organisationId;
  const ids = [...new Set(input.personIds)];
  return ctx.db.transaction().execute(async (tx) => {
    const protection = await loadActorProtection(tx, actor);
    const persons = await visiblePersons(
      tx.selectFrom('person as p'),
      actor,
      placementsPolicy.rules.write,
      protection,
    )
      .select([
        'p.id',
        'p.first_name',
        'p.last_name',
        'p.address_city',
        'p.driving_licences',
        'p.protection_level',
      ])
      .where('p.id', 'in', ids)
      .execute();
    if (persons.length !== ids.length) throw notFound();

    const [languages, interests, live] = await Promise.all([
      tx
        .selectFrom('person_language')
        .select(['person_id', 'language_code'])
        .where('organisation_id', '=', org)
        .where('person_id', 'in', ids)
        .execute(),
      tx
        .selectFrom('person_occupation')
        .select(['person_id', 'ssyk_code'])
        .where('organisation_id', '=', org)
        .where('person_id', 'in', ids)
        .where('kind', '=', 'intresse')
        .execute(),
      tx
        .selectFrom('placement')
        .select(['person_id'])
        .where('organisation_id', '=', org)
        .where('person_id', 'in', ids)
        .where('status', '=', 'aktiv')
        .where((eb) => eb.or([eb('end_date', 'is', null), eb('end_date', '>=', input.onDate)]))
        .execute(),
    ]);
    const alreadyPlaced = new Set(live.map((l) => l.person_id));

    const slots = await tx
      .selectFrom('workplace_slot as s')
      .innerJoin('workplace as w', (j) =>
        j.onRef('w.organisation_id', '=', 's.organisation_id').onRef('w.id', '=', 's.workplace_id'),
      )
      .select(['s.id', 's.places', 's.ssyk_code', 'w.id as workplace_id', 'w.name', 'w.area', 'w.city'])
      .where('s.organisation_id', '=', org)
      .where('w.active', '=', true)
      .where('s.ssyk_code', 'is not', null)
      .where('s.period_from', '<=', input.onDate)
      .where('s.period_to', '>=', input.onDate)
      .execute();
    const taken = slots.length
      ? await tx
          .selectFrom('placement')
          .select(['slot_id', (eb) => eb.fn.countAll<string>().as('n')])
          .where('organisation_id', '=', org)
          .where('status', '=', 'aktiv')
          .where(
            'slot_id',
            'in',
            slots.map((s) => s.id),
          )
          .where((eb) => eb.or([eb('end_date', 'is', null), eb('end_date', '>=', input.onDate)]))
          .groupBy('slot_id')
          .execute()
      : [];
    const takenBySlot = new Map(taken.map((t) => [t.slot_id, Number(t.n)]));

    const area = (city: string | null | undefined) => (city ?? '').trim().toLocaleLowerCase('sv') || 'okänt';
    const participants: PlacementParticipant[] = persons
      .filter((p) => !alreadyPlaced.has(p.id))
      .map((p) => ({
        id: p.id,
        ssykInterests: interests.filter((i) => i.person_id === p.id).map((i) => i.ssyk_code),
        languages: languages.filter((l) => l.person_id === p.id).map((l) => l.language_code),
        area: area(p.address_city),
        licences: p.driving_licences ?? [],
      }));
    const openSlots: PlacementSlot[] = slots
      .map((s) => ({
        id: s.id,
        ssyk: s.ssyk_code!,
        area: area(s.area ?? s.city),
        capacity: Math.max(0, s.places - (takenBySlot.get(s.id) ?? 0)),
        label: s.name,
      }))
      .filter((s) => s.capacity > 0);

    const allocationInput = buildPlacementInput(participants, openSlots);
    const result = allocateOptimalSync(allocationInput);
    const why = explain(allocationInput, result);
    const report = runReport(allocationInput, result);

    const nameOf = new Map(persons.map((p) => [p.id, `${p.first_name} ${p.last_name}`]));
    const slotOf = new Map(slots.map((s) => [s.id, s]));
    await recordAuditMany(
      tx,
      ctx,
      persons.map((p) => ({
        action: 'read' as const,
        objectType: 'person',
        objectId: p.id,
        subjectPersonId: p.id,
        severity: p.protection_level !== 'none' ? ('raised' as const) : ('normal' as const),
        details: { view: 'placement_proposals' },
      })),
    );
    await recordAudit(tx, ctx, {
      action: 'read',
      objectType: 'placement_proposal',
      details: { persons: persons.length, slots: openSlots.length, placed: result.assignments.length },
    });
    return {
      onDate: input.onDate,
      proposals: why.assignments.map((a) => {
        const slot = slotOf.get(a.workplaceId)!;
        return {
          personId: a.applicantId,
          name: nameOf.get(a.applicantId) ?? '',
          slotId: slot.id,
          workplaceId: slot.workplace_id,
          workplaceName: slot.name,
          ssyk: slot.ssyk_code,
          score: a.score ?? null,
          components: a.components,
          text: a.text,
        };
      }),
      unplaced: [
        ...[...alreadyPlaced].map((id) => ({
          personId: id,
          name: nameOf.get(id) ?? '',
          reasons: ['Har redan en pågående placering.'],
        })),
        ...why.unplaced.map((u) => ({
          personId: u.applicantId,
          name: nameOf.get(u.applicantId) ?? '',
          reasons: [u.text],
        })),
      ],
      report: { placed: report.placed, unplaced: report.unplaced, slots: openSlots.length },
    };
  });
}
