import type { Insertable, Updateable } from 'kysely';
import type { Actor } from '../../context.ts';
import type { Tx } from '../../db/connection.ts';
import type { PlacementTable } from '../../db/schema.ts';
import type { PolicyRule } from '../../http/policy.ts';
import { type ActorProtection, visiblePersons } from '../participants/access.ts';

/**
 * SQL for placements and attendance. Every query is scoped by organisation_id. Enrolments and
 * programmes are read (never written) here: a placement is checked against its enrolment's dates.
 */

export async function findEnrolment(tx: Tx, organisationId: string, enrolmentId: string) {
  return tx
    .selectFrom('enrolment as e')
    .innerJoin('programme as pr', (j) =>
      j.onRef('pr.organisation_id', '=', 'e.organisation_id').onRef('pr.id', '=', 'e.programme_id'),
    )
    .select([
      'e.id',
      'e.person_id',
      'e.programme_id',
      'e.status',
      'e.start_date',
      'e.planned_end_date',
      'e.exit_date',
      'pr.name as programme_name',
      'pr.kind as programme_kind',
    ])
    .where('e.organisation_id', '=', organisationId)
    .where('e.id', '=', enrolmentId)
    .executeTakeFirst();
}

/** Serialises placement writes for one person (the overlap check reads, then writes). */
export async function lockPerson(tx: Tx, organisationId: string, personId: string) {
  await tx
    .selectFrom('person')
    .select('id')
    .where('organisation_id', '=', organisationId)
    .where('id', '=', personId)
    .forUpdate()
    .execute();
}

export async function findPlacement(tx: Tx, organisationId: string, id: string) {
  return tx
    .selectFrom('placement')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function livePlacementsOfPerson(tx: Tx, organisationId: string, personId: string) {
  return tx
    .selectFrom('placement as pl')
    .innerJoin('workplace as w', (j) =>
      j.onRef('w.organisation_id', '=', 'pl.organisation_id').onRef('w.id', '=', 'pl.workplace_id'),
    )
    .select(['pl.id', 'pl.start_date', 'pl.end_date', 'pl.workplace_id', 'w.name as workplace_name'])
    .where('pl.organisation_id', '=', organisationId)
    .where('pl.person_id', '=', personId)
    .where('pl.status', '=', 'aktiv')
    .execute();
}

export async function placementsOfPerson(tx: Tx, organisationId: string, personId: string) {
  return tx
    .selectFrom('placement')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .where('person_id', '=', personId)
    .orderBy('start_date', 'desc')
    .execute();
}

export async function liveSlotUse(tx: Tx, organisationId: string, slotId: string) {
  return tx
    .selectFrom('placement')
    .select(['id', 'start_date', 'end_date'])
    .where('organisation_id', '=', organisationId)
    .where('slot_id', '=', slotId)
    .where('status', '=', 'aktiv')
    .execute();
}

export async function insertPlacement(tx: Tx, row: Insertable<PlacementTable>) {
  await tx.insertInto('placement').values(row).execute();
}

export async function updatePlacementRow(
  tx: Tx,
  organisationId: string,
  id: string,
  set: Updateable<PlacementTable>,
) {
  await tx
    .updateTable('placement')
    .set(set)
    .where('organisation_id', '=', organisationId)
    .where('id', '=', id)
    .execute();
}

export async function supervisorName(tx: Tx, organisationId: string, supervisorId: string | null) {
  if (!supervisorId) return null;
  const r = await tx
    .selectFrom('workplace_supervisor')
    .select('name')
    .where('organisation_id', '=', organisationId)
    .where('id', '=', supervisorId)
    .executeTakeFirst();
  return r?.name ?? null;
}

/** Live placements at a workplace, of the persons the actor may see in lists. */
export async function visiblePlacementsAtWorkplace(
  tx: Tx,
  actor: Actor,
  rule: PolicyRule,
  protection: ActorProtection,
  workplaceId: string,
) {
  return visiblePersons(tx.selectFrom('person as p'), actor, rule, protection)
    .innerJoin('placement as pl', (j) =>
      j.onRef('pl.organisation_id', '=', 'p.organisation_id').onRef('pl.person_id', '=', 'p.id'),
    )
    .select([
      'pl.id',
      'pl.person_id',
      'pl.start_date',
      'pl.end_date',
      'pl.status',
      'pl.supervisor_id',
      'p.first_name',
      'p.last_name',
      'p.protection_level',
    ])
    .where('pl.workplace_id', '=', workplaceId)
    .where('pl.status', '=', 'aktiv')
    .execute();
}

/** Enrolments (enrolled or paused) of the persons the actor may see, with the programme. */
export async function visibleEnrolments(
  tx: Tx,
  actor: Actor,
  rule: PolicyRule,
  protection: ActorProtection,
  filter: { personnummer?: string; limit: number },
) {
  let q = visiblePersons(tx.selectFrom('person as p'), actor, rule, protection)
    .innerJoin('enrolment as e', (j) =>
      j.onRef('e.organisation_id', '=', 'p.organisation_id').onRef('e.person_id', '=', 'p.id'),
    )
    .innerJoin('programme as pr', (j) =>
      j.onRef('pr.organisation_id', '=', 'e.organisation_id').onRef('pr.id', '=', 'e.programme_id'),
    )
    .select([
      'e.id as enrolment_id',
      'e.status',
      'e.start_date',
      'e.planned_end_date',
      'e.exit_date',
      'p.id as person_id',
      'p.first_name',
      'p.last_name',
      'p.personnummer',
      'p.protection_level',
      'pr.id as programme_id',
      'pr.name as programme_name',
      'pr.kind as programme_kind',
    ])
    .where('e.status', 'in', ['enrolled', 'paused']);
  if (filter.personnummer) q = q.where('p.personnummer', '=', filter.personnummer);
  return q.limit(filter.limit).execute();
}

// ---------------------------------------------------------------------------------------------
// Attendance

export async function upsertAttendance(
  tx: Tx,
  row: {
    organisation_id: string;
    placement_id: string;
    iso_week: string;
    week_start: string;
    hours_present: number;
    recorded_by: string | null;
    recorded_at: Date;
    source: 'manuell' | 'import';
  },
  absences: { reason: string; hours: number }[],
) {
  await tx
    .insertInto('placement_attendance')
    .values(row)
    .onConflict((oc) =>
      oc.columns(['organisation_id', 'placement_id', 'iso_week']).doUpdateSet({
        hours_present: row.hours_present,
        recorded_by: row.recorded_by,
        recorded_at: row.recorded_at,
        source: row.source,
      }),
    )
    .execute();
  await tx
    .deleteFrom('placement_absence')
    .where('organisation_id', '=', row.organisation_id)
    .where('placement_id', '=', row.placement_id)
    .where('iso_week', '=', row.iso_week)
    .execute();
  if (absences.length > 0) {
    await tx
      .insertInto('placement_absence')
      .values(
        absences.map((a) => ({
          organisation_id: row.organisation_id,
          placement_id: row.placement_id,
          iso_week: row.iso_week,
          reason: a.reason,
          hours: a.hours,
        })),
      )
      .execute();
  }
}

export async function attendanceOfPlacements(
  tx: Tx,
  organisationId: string,
  placementIds: string[],
  range?: { from: string; to: string },
) {
  if (placementIds.length === 0) return { weeks: [], absences: [] };
  let wq = tx
    .selectFrom('placement_attendance')
    .select(['placement_id', 'iso_week', 'week_start', 'hours_present', 'source', 'recorded_at'])
    .where('organisation_id', '=', organisationId)
    .where('placement_id', 'in', placementIds);
  if (range) wq = wq.where('week_start', '>=', range.from).where('week_start', '<=', range.to);
  const weeks = await wq.orderBy('week_start').execute();
  let aq = tx
    .selectFrom('placement_absence as a')
    .innerJoin('placement_attendance as w', (j) =>
      j
        .onRef('w.organisation_id', '=', 'a.organisation_id')
        .onRef('w.placement_id', '=', 'a.placement_id')
        .onRef('w.iso_week', '=', 'a.iso_week'),
    )
    .select(['a.placement_id', 'a.iso_week', 'a.reason', 'a.hours'])
    .where('a.organisation_id', '=', organisationId)
    .where('a.placement_id', 'in', placementIds);
  if (range) aq = aq.where('w.week_start', '>=', range.from).where('w.week_start', '<=', range.to);
  const absences = await aq.execute();
  return { weeks, absences };
}

/** Persons by stored personnummer, for the attendance import. */
export async function personsByPersonnummer(tx: Tx, organisationId: string, numbers: string[]) {
  if (numbers.length === 0) return [];
  return tx
    .selectFrom('person')
    .select(['id', 'personnummer', 'protection_level'])
    .where('organisation_id', '=', organisationId)
    .where('personnummer', 'in', numbers)
    .execute();
}

export async function livePlacementsOfPersons(tx: Tx, organisationId: string, personIds: string[]) {
  if (personIds.length === 0) return [];
  return tx
    .selectFrom('placement')
    .select(['id', 'person_id', 'start_date', 'end_date'])
    .where('organisation_id', '=', organisationId)
    .where('person_id', 'in', personIds)
    .where('status', '=', 'aktiv')
    .execute();
}

/** Absence hours per person and reason in a range of weeks, for the persons the actor may list. */
export async function visibleAbsence(
  tx: Tx,
  actor: Actor,
  rule: PolicyRule,
  protection: ActorProtection,
  range: { from: string; to: string },
) {
  return visiblePersons(tx.selectFrom('person as p'), actor, rule, protection)
    .innerJoin('placement as pl', (j) =>
      j.onRef('pl.organisation_id', '=', 'p.organisation_id').onRef('pl.person_id', '=', 'p.id'),
    )
    .innerJoin('placement_attendance as w', (j) =>
      j.onRef('w.organisation_id', '=', 'pl.organisation_id').onRef('w.placement_id', '=', 'pl.id'),
    )
    .leftJoin('placement_absence as a', (j) =>
      j
        .onRef('a.organisation_id', '=', 'w.organisation_id')
        .onRef('a.placement_id', '=', 'w.placement_id')
        .onRef('a.iso_week', '=', 'w.iso_week'),
    )
    .select([
      'p.id as person_id',
      'p.first_name',
      'p.last_name',
      'p.protection_level',
      'w.iso_week',
      'w.placement_id',
      'w.hours_present',
      'a.reason',
      'a.hours',
    ])
    .where('w.week_start', '>=', range.from)
    .where('w.week_start', '<=', range.to)
    .execute();
}
