import { sql } from 'kysely';
import type { Tx } from '../../db/connection.ts';
import type { GallringTrigger } from '../../domain/gallring.ts';

export interface RuleRow {
  id: string;
  record_type: string;
  trigger: GallringTrigger;
  years: number;
  exception_categories: string[];
  exception_birth_days: number[];
  decision_reference: string;
  decision_date: string;
  decision_body: string | null;
  note: string | null;
  updated_at: Date;
}

export interface RuleValues {
  recordType: string;
  trigger: GallringTrigger;
  years: number;
  exceptionCategories: string[];
  exceptionBirthDays: number[];
  decisionReference: string;
  decisionDate: string;
  decisionBody: string | null;
  note: string | null;
}

const RULE_COLUMNS = [
  'id',
  'record_type',
  'trigger',
  'years',
  'exception_categories',
  'exception_birth_days',
  'decision_reference',
  'decision_date',
  'decision_body',
  'note',
  'updated_at',
] as const;

export async function listRules(tx: Tx, organisationId: string): Promise<RuleRow[]> {
  return tx
    .selectFrom('gallring_rule')
    .select(RULE_COLUMNS)
    .where('organisation_id', '=', organisationId)
    .orderBy('record_type')
    .execute();
}

export async function findRule(tx: Tx, organisationId: string, id: string): Promise<RuleRow | undefined> {
  return tx
    .selectFrom('gallring_rule')
    .select(RULE_COLUMNS)
    .where('organisation_id', '=', organisationId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function findRuleByType(
  tx: Tx,
  organisationId: string,
  recordType: string,
): Promise<{ id: string } | undefined> {
  return tx
    .selectFrom('gallring_rule')
    .select('id')
    .where('organisation_id', '=', organisationId)
    .where('record_type', '=', recordType)
    .executeTakeFirst();
}

export async function insertRule(
  tx: Tx,
  organisationId: string,
  id: string,
  v: RuleValues,
  by: string | null,
  now: Date,
) {
  await tx
    .insertInto('gallring_rule')
    .values({
      organisation_id: organisationId,
      id,
      record_type: v.recordType,
      trigger: v.trigger,
      years: v.years,
      exception_categories: v.exceptionCategories,
      exception_birth_days: v.exceptionBirthDays,
      decision_reference: v.decisionReference,
      decision_date: v.decisionDate,
      decision_body: v.decisionBody,
      note: v.note,
      created_by: by,
      created_at: now,
      updated_at: now,
    })
    .execute();
}

export async function updateRule(tx: Tx, organisationId: string, id: string, v: RuleValues, now: Date) {
  await tx
    .updateTable('gallring_rule')
    .set({
      record_type: v.recordType,
      trigger: v.trigger,
      years: v.years,
      exception_categories: v.exceptionCategories,
      exception_birth_days: v.exceptionBirthDays,
      decision_reference: v.decisionReference,
      decision_date: v.decisionDate,
      decision_body: v.decisionBody,
      note: v.note,
      updated_at: now,
    })
    .where('organisation_id', '=', organisationId)
    .where('id', '=', id)
    .execute();
}

export async function deleteRule(tx: Tx, organisationId: string, id: string) {
  await tx
    .deleteFrom('gallring_rule')
    .where('organisation_id', '=', organisationId)
    .where('id', '=', id)
    .execute();
}

export interface CandidateRow {
  id: string;
  income_source: string | null;
  birth_date: string;
  last_entry_at: Date;
  last_contact_at: Date | null;
  /** The latest exit date, or null while any enrolment is open or there is none. */
  exit_date: string | null;
  categories: string[];
}

/** Every person of the organisation with the dates and markings the gallring rules look at. */
export async function listCandidates(tx: Tx, organisationId: string): Promise<CandidateRow[]> {
  const res = await sql<CandidateRow>`
    SELECT p.id, p.income_source, p.birth_date, p.last_entry_at, p.last_contact_at,
           (SELECT CASE WHEN bool_or(e.exit_date IS NULL) THEN NULL ELSE max(e.exit_date) END
              FROM enrolment e
             WHERE e.organisation_id = p.organisation_id AND e.person_id = p.id) AS exit_date,
           ARRAY(SELECT x.category FROM gallring_exception x
                  WHERE x.organisation_id = p.organisation_id AND x.person_id = p.id
                  ORDER BY x.category) AS categories
      FROM person p
     WHERE p.organisation_id = ${organisationId}
     ORDER BY p.id`.execute(tx);
  return res.rows;
}

export interface ApplicationCandidateRow {
  id: string;
  birth_date: string;
  /** The season's last period's last day, or null when the season has no periods. */
  season_end: string | null;
  season_closes_at: Date;
  /** The latest change to the application or its offers (answer, hours). */
  last_entry_at: Date;
  /** Exception markings of a registered person with the same personnummer. */
  categories: string[];
}

/**
 * Every summer-job application of the organisation with the dates the gallring rules look at. An
 * applicant who is also in the participant register carries that person's exception markings.
 */
export async function listApplicationCandidates(
  tx: Tx,
  organisationId: string,
): Promise<ApplicationCandidateRow[]> {
  const res = await sql<ApplicationCandidateRow>`
    SELECT a.id, a.birth_date, s.closes_at AS season_closes_at,
           (SELECT max(sp.ends_on) FROM summer_period sp
             WHERE sp.organisation_id = a.organisation_id AND sp.season_id = a.season_id) AS season_end,
           greatest(a.updated_at,
                    (SELECT max(greatest(o.offered_at, o.answered_at, o.hours_reported_at)) FROM summer_offer o
                      WHERE o.organisation_id = a.organisation_id AND o.application_id = a.id)) AS last_entry_at,
           ARRAY(SELECT DISTINCT x.category FROM person p
                   JOIN gallring_exception x ON x.organisation_id = p.organisation_id AND x.person_id = p.id
                  WHERE p.organisation_id = a.organisation_id AND p.personnummer = a.personnummer
                  ORDER BY x.category) AS categories
      FROM summer_application a
      JOIN summer_season s ON s.organisation_id = a.organisation_id AND s.id = a.season_id
     WHERE a.organisation_id = ${organisationId}
     ORDER BY a.id`.execute(tx);
  return res.rows;
}

export interface RunRow {
  id: string;
  mode: 'dry_run' | 'executed';
  dry_run_id: string | null;
  as_of: string;
  run_by_username: string | null;
  run_at: Date;
  total: number;
  counts: Record<string, unknown>;
  decisions: unknown[];
  due_list_hash: string;
}

const RUN_COLUMNS = [
  'id',
  'mode',
  'dry_run_id',
  'as_of',
  'run_by_username',
  'run_at',
  'total',
  'counts',
  'decisions',
  'due_list_hash',
] as const;

export async function insertRun(
  tx: Tx,
  r: {
    organisationId: string;
    id: string;
    mode: 'dry_run' | 'executed';
    dryRunId: string | null;
    asOf: string;
    runBy: string | null;
    runByUsername: string | null;
    runAt: Date;
    total: number;
    counts: Record<string, number>;
    decisions: unknown[];
    dueListHash: string;
  },
) {
  await tx
    .insertInto('gallring_run')
    .values({
      organisation_id: r.organisationId,
      id: r.id,
      mode: r.mode,
      dry_run_id: r.dryRunId,
      as_of: r.asOf,
      run_by: r.runBy,
      run_by_username: r.runByUsername,
      run_at: r.runAt,
      total: r.total,
      counts: JSON.stringify(r.counts),
      decisions: JSON.stringify(r.decisions),
      due_list_hash: r.dueListHash,
    })
    .execute();
}

export async function findRun(tx: Tx, organisationId: string, id: string): Promise<RunRow | undefined> {
  return tx
    .selectFrom('gallring_run')
    .select(RUN_COLUMNS)
    .where('organisation_id', '=', organisationId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function findExecutionOf(tx: Tx, organisationId: string, dryRunId: string) {
  return tx
    .selectFrom('gallring_run')
    .select('id')
    .where('organisation_id', '=', organisationId)
    .where('dry_run_id', '=', dryRunId)
    .executeTakeFirst();
}

export async function listRuns(tx: Tx, organisationId: string): Promise<RunRow[]> {
  return tx
    .selectFrom('gallring_run')
    .select(RUN_COLUMNS)
    .where('organisation_id', '=', organisationId)
    .orderBy('run_at', 'desc')
    .orderBy('id')
    .limit(200)
    .execute();
}

export async function personExists(tx: Tx, organisationId: string, personId: string): Promise<boolean> {
  const row = await tx
    .selectFrom('person')
    .select('id')
    .where('organisation_id', '=', organisationId)
    .where('id', '=', personId)
    .executeTakeFirst();
  return row !== undefined;
}

export async function upsertException(
  tx: Tx,
  r: {
    organisationId: string;
    personId: string;
    category: string;
    reason: string;
    by: string | null;
    now: Date;
  },
) {
  await tx
    .insertInto('gallring_exception')
    .values({
      organisation_id: r.organisationId,
      person_id: r.personId,
      category: r.category,
      reason: r.reason,
      created_by: r.by,
      created_at: r.now,
    })
    .onConflict((oc) =>
      oc.columns(['organisation_id', 'person_id', 'category']).doUpdateSet({ reason: r.reason }),
    )
    .execute();
}
