import { sql } from 'kysely';
import type { Db, Tx } from '../../db/connection.ts';
import type { EnrolmentStatus } from '../../db/schema.ts';
import { AppError } from '../../http/errors.ts';

export async function insertProgramme(
  tx: Tx,
  p: {
    organisationId: string;
    id: string;
    code: string;
    name: string;
    kind: string;
    unitId: string;
    maxLengthMonths: number | null;
    capacityMode: string | null;
    eligibility: unknown;
    priorityGroups: unknown[];
    followUpMonths: number[];
    responsibleCommittee: string | null;
    description: string | null;
    now: Date;
  },
) {
  await tx
    .insertInto('programme')
    .values({
      organisation_id: p.organisationId,
      id: p.id,
      code: p.code,
      name: p.name,
      kind: p.kind,
      unit_id: p.unitId,
      max_length_months: p.maxLengthMonths,
      capacity_mode: p.capacityMode,
      eligibility: JSON.stringify(p.eligibility),
      priority_groups: JSON.stringify(p.priorityGroups),
      follow_up_months: p.followUpMonths,
      responsible_committee: p.responsibleCommittee,
      description: p.description,
      created_at: p.now,
      updated_at: p.now,
    })
    .execute();
}

export async function insertPhases(
  tx: Tx,
  organisationId: string,
  programmeId: string,
  phases: { code: string; name: string; weeks: number | null; months: number | null }[],
) {
  if (phases.length === 0) return;
  await tx
    .insertInto('programme_phase')
    .values(
      phases.map((p, i) => ({
        organisation_id: organisationId,
        programme_id: programmeId,
        seq: i + 1,
        code: p.code,
        name: p.name,
        planned_weeks: p.weeks,
        planned_months: p.months,
      })),
    )
    .execute();
}

export async function insertCapacities(
  tx: Tx,
  organisationId: string,
  programmeId: string,
  rows: { validFrom: string; places: number }[],
) {
  if (rows.length === 0) return;
  await tx
    .insertInto('programme_capacity')
    .values(
      rows.map((r) => ({
        organisation_id: organisationId,
        programme_id: programmeId,
        valid_from: r.validFrom,
        places: r.places,
        decided_by: null,
      })),
    )
    .execute();
}

export async function insertTracks(
  tx: Tx,
  organisationId: string,
  programmeId: string,
  rows: { id: string; code: string; name: string; ssykCodes: string[] }[],
) {
  if (rows.length === 0) return;
  await tx
    .insertInto('programme_track')
    .values(
      rows.map((r) => ({
        organisation_id: organisationId,
        programme_id: programmeId,
        id: r.id,
        code: r.code,
        name: r.name,
        ssyk_codes: r.ssykCodes,
      })),
    )
    .execute();
}

export async function listProgrammes(db: Tx, organisationId: string) {
  return db
    .selectFrom('programme')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .orderBy('code')
    .execute();
}

export async function findProgramme(db: Tx, organisationId: string, id: string, lock = false) {
  let q = db
    .selectFrom('programme')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .where('id', '=', id);
  if (lock) q = q.forUpdate();
  return q.executeTakeFirst();
}

export async function findProgrammeByCode(db: Tx, organisationId: string, code: string) {
  return db
    .selectFrom('programme')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .where('code', '=', code)
    .executeTakeFirst();
}

export async function programmeDetails(db: Tx, organisationId: string, programmeId: string) {
  const [phases, capacities, tracks, intakes] = await Promise.all([
    db
      .selectFrom('programme_phase')
      .selectAll()
      .where('organisation_id', '=', organisationId)
      .where('programme_id', '=', programmeId)
      .orderBy('seq')
      .execute(),
    db
      .selectFrom('programme_capacity')
      .selectAll()
      .where('organisation_id', '=', organisationId)
      .where('programme_id', '=', programmeId)
      .orderBy('valid_from')
      .execute(),
    db
      .selectFrom('programme_track')
      .selectAll()
      .where('organisation_id', '=', organisationId)
      .where('programme_id', '=', programmeId)
      .orderBy('code')
      .execute(),
    db
      .selectFrom('intake')
      .selectAll()
      .where('organisation_id', '=', organisationId)
      .where('programme_id', '=', programmeId)
      .orderBy('starts_on')
      .execute(),
  ]);
  return { phases, capacities, tracks, intakes };
}

export async function insertIntake(
  tx: Tx,
  i: {
    organisationId: string;
    id: string;
    programmeId: string;
    name: string;
    startsOn: string;
    open: string | null;
    close: string | null;
    places: number | null;
    now: Date;
  },
) {
  await tx
    .insertInto('intake')
    .values({
      organisation_id: i.organisationId,
      id: i.id,
      programme_id: i.programmeId,
      name: i.name,
      starts_on: i.startsOn,
      applications_open: i.open,
      applications_close: i.close,
      places: i.places,
      created_at: i.now,
    })
    .execute();
}

export async function findIntake(db: Tx, organisationId: string, id: string) {
  return db
    .selectFrom('intake')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .where('id', '=', id)
    .executeTakeFirst();
}

const HOLDS_PLACE: EnrolmentStatus[] = ['enrolled', 'paused', 'exited'];
const ACTIVE: EnrolmentStatus[] = ['enrolled', 'paused'];

/** Places taken, for each kind of cap. Integer comparisons on date strings only (no EXTRACT). */
export async function countTaken(
  tx: Tx,
  organisationId: string,
  programmeId: string,
  opts: { yearStart?: string; yearEnd?: string; intakeId?: string; concurrent?: boolean },
): Promise<number> {
  let q = tx
    .selectFrom('enrolment')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('organisation_id', '=', organisationId)
    .where('programme_id', '=', programmeId);
  if (opts.intakeId) q = q.where('intake_id', '=', opts.intakeId).where('status', 'in', HOLDS_PLACE);
  else if (opts.concurrent) q = q.where('status', 'in', ACTIVE);
  else
    q = q
      .where('status', 'in', HOLDS_PLACE)
      .where('start_date', '>=', opts.yearStart!)
      .where('start_date', '<=', opts.yearEnd!);
  return (await q.executeTakeFirstOrThrow()).n;
}

export async function insertEnrolment(
  tx: Tx,
  e: {
    organisationId: string;
    id: string;
    personId: string;
    programmeId: string;
    intakeId: string | null;
    trackId: string | null;
    unitId: string;
    status: EnrolmentStatus;
    referredOn: string | null;
    priorityRank: number;
    startDate: string | null;
    plannedEnd: string | null;
    now: Date;
  },
) {
  await tx
    .insertInto('enrolment')
    .values({
      organisation_id: e.organisationId,
      id: e.id,
      person_id: e.personId,
      programme_id: e.programmeId,
      intake_id: e.intakeId,
      track_id: e.trackId,
      unit_id: e.unitId,
      status: e.status,
      referred_on: e.referredOn,
      priority_rank: e.priorityRank,
      start_date: e.startDate,
      planned_end_date: e.plannedEnd,
      created_at: e.now,
      updated_at: e.now,
    })
    .execute();
}

export async function insertEnrolmentPhase(
  tx: Tx,
  organisationId: string,
  enrolmentId: string,
  seq: number,
  code: string,
  startedOn: string,
) {
  await tx
    .insertInto('enrolment_phase')
    .values({
      organisation_id: organisationId,
      enrolment_id: enrolmentId,
      seq,
      phase_code: code,
      started_on: startedOn,
    })
    .execute();
}

export async function findEnrolment(db: Tx, organisationId: string, id: string, lock = false) {
  let q = db
    .selectFrom('enrolment')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .where('id', '=', id);
  if (lock) q = q.forUpdate();
  return q.executeTakeFirst();
}

export async function enrolmentPhases(db: Tx, organisationId: string, enrolmentId: string) {
  return db
    .selectFrom('enrolment_phase')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .where('enrolment_id', '=', enrolmentId)
    .orderBy('seq')
    .execute();
}

export async function enrolmentsForPerson(db: Tx, organisationId: string, personId: string) {
  return db
    .selectFrom('enrolment as e')
    .innerJoin('programme as p', (j) =>
      j.onRef('p.organisation_id', '=', 'e.organisation_id').onRef('p.id', '=', 'e.programme_id'),
    )
    .selectAll('e')
    .select(['p.code as programme_code', 'p.name as programme_name'])
    .where('e.organisation_id', '=', organisationId)
    .where('e.person_id', '=', personId)
    .orderBy('e.created_at')
    .execute();
}

export async function personFacts(tx: Tx, organisationId: string, personId: string) {
  const person = await tx
    .selectFrom('person as p')
    .leftJoin('household as h', (j) =>
      j.onRef('h.organisation_id', '=', 'p.organisation_id').onRef('h.id', '=', 'p.household_id'),
    )
    .select([
      'p.birth_date',
      'p.income_source',
      'p.assistance_months',
      'p.municipality_code',
      'h.children_at_home',
    ])
    .where('p.organisation_id', '=', organisationId)
    .where('p.id', '=', personId)
    .executeTakeFirstOrThrow();
  const languages = await tx
    .selectFrom('person_language')
    .select('language_code')
    .where('organisation_id', '=', organisationId)
    .where('person_id', '=', personId)
    .execute();
  return { ...person, languages: languages.map((l) => l.language_code) };
}

export async function boardRows(db: Db, organisationId: string, intakeId: string) {
  return db
    .selectFrom('enrolment')
    .select(['id', 'person_id', 'status', 'priority_rank', 'referred_on', 'start_date', 'created_at'])
    .where('organisation_id', '=', organisationId)
    .where('intake_id', '=', intakeId)
    .where('status', 'in', ['waitlisted', 'enrolled', 'paused', 'exited'])
    .orderBy('priority_rank')
    .orderBy('referred_on')
    .orderBy('created_at')
    .execute();
}

/** Refuses (422) a unit that is not in the organisation. */
export async function requireUnit(db: Tx, organisationId: string, unitId: string): Promise<void> {
  const unit = await db
    .selectFrom('unit')
    .select('id')
    .where('organisation_id', '=', organisationId)
    .where('id', '=', unitId)
    .executeTakeFirst();
  if (!unit) {
    throw new AppError(422, 'unknown_unit', {
      sv: 'Enheten finns inte i organisationen.',
      en: 'Unknown unit.',
    });
  }
}

/** Places used per programme in a calendar year (enrolments holding a place that started in it). */
/**
 * The catalogue in one round trip: every programme with its dated capacities and the places used in
 * `year` (enrolments holding a place that started that year). The catalogue is read on most pages, so
 * it is one statement, not three.
 */
export async function listProgrammesWithUse(db: Tx, organisationId: string, year: string) {
  return db
    .selectFrom('programme as p')
    .selectAll('p')
    .select((eb) => [
      eb
        .selectFrom('enrolment as e')
        .select(sql<number>`count(*)::int`.as('n'))
        .whereRef('e.organisation_id', '=', 'p.organisation_id')
        .whereRef('e.programme_id', '=', 'p.id')
        .where('e.status', 'in', HOLDS_PLACE)
        .where('e.start_date', '>=', `${year}-01-01`)
        .where('e.start_date', '<=', `${year}-12-31`)
        .as('places_used'),
      sql<{ validFrom: string; places: number }[]>`coalesce((
        SELECT json_agg(json_build_object('validFrom', c.valid_from, 'places', c.places) ORDER BY c.valid_from)
          FROM programme_capacity c
         WHERE c.organisation_id = p.organisation_id AND c.programme_id = p.id), '[]'::json)`.as(
        'capacities',
      ),
    ])
    .where('p.organisation_id', '=', organisationId)
    .orderBy('p.code')
    .execute();
}

/** Counts only (no persons): enrolments by status, exits by reason, follow-ups due by a date. */
export async function programmeCounts(db: Tx, organisationId: string, programmeId: string, dueBy: string) {
  const [byStatus, byReason, due] = await Promise.all([
    db
      .selectFrom('enrolment')
      .select(['status', sql<number>`count(*)::int`.as('n')])
      .where('organisation_id', '=', organisationId)
      .where('programme_id', '=', programmeId)
      .groupBy('status')
      .execute(),
    db
      .selectFrom('enrolment')
      .select(['exit_reason', sql<number>`count(*)::int`.as('n')])
      .where('organisation_id', '=', organisationId)
      .where('programme_id', '=', programmeId)
      .where('status', '=', 'exited')
      .groupBy('exit_reason')
      .execute(),
    db
      .selectFrom('follow_up as f')
      .innerJoin('enrolment as e', (j) =>
        j.onRef('e.organisation_id', '=', 'f.organisation_id').onRef('e.id', '=', 'f.enrolment_id'),
      )
      .select(sql<number>`count(*)::int`.as('n'))
      .where('f.organisation_id', '=', organisationId)
      .where('e.programme_id', '=', programmeId)
      .where('f.status', '=', 'planerad')
      .where('f.due_on', '<=', dueBy)
      .executeTakeFirstOrThrow(),
  ]);
  return {
    byStatus: Object.fromEntries(byStatus.map((r) => [r.status, Number(r.n)])) as Record<string, number>,
    exitsByReason: Object.fromEntries(byReason.map((r) => [r.exit_reason ?? 'okand', Number(r.n)])) as Record<
      string,
      number
    >,
    followUpsDue: Number(due.n),
  };
}

/** Phases, adjustments and follow-ups of a set of enrolments (one person's). */
export async function enrolmentHistory(db: Tx, organisationId: string, enrolmentIds: string[]) {
  if (enrolmentIds.length === 0) return { phases: [], adjustments: [], followUps: [] };
  const [phases, adjustments, followUps] = await Promise.all([
    db
      .selectFrom('enrolment_phase')
      .selectAll()
      .where('organisation_id', '=', organisationId)
      .where('enrolment_id', 'in', enrolmentIds)
      .orderBy('seq')
      .execute(),
    db
      .selectFrom('enrolment_adjustment')
      .selectAll()
      .where('organisation_id', '=', organisationId)
      .where('enrolment_id', 'in', enrolmentIds)
      .orderBy('from_date')
      .execute(),
    db
      .selectFrom('follow_up')
      .selectAll()
      .where('organisation_id', '=', organisationId)
      .where('enrolment_id', 'in', enrolmentIds)
      .orderBy('months_after_exit')
      .execute(),
  ]);
  return { phases, adjustments, followUps };
}
