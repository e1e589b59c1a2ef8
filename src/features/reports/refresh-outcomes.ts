import { CompiledQuery, type RawBuilder, sql } from 'kysely';
import {
  type CatalogueQuery,
  dropDefinitions,
  droppableDefinitions,
  rebuildStatements,
} from '../../db/bulk-definitions.ts';
import { SINGLE_SESSION_SETTING, type Tx } from '../../db/connection.ts';

/**
 * The precomputed outcome table `enrolment_outcome`: one row per started enrolment, derived from the
 * enrolment, its person and its follow-ups. Reports read only this table and its rollup
 * (`outcome_rollup`, kept in step by triggers, migration 015), never event history.
 *
 * Which rows to rebuild: triggers on enrolment, person and follow_up mark the enrolments a write
 * touched in `outcome_dirty`, in the writing transaction. {@link refreshStaleOutcomes} runs before
 * every report read and rebuilds exactly those, so a read costs what changed, not the table's size.
 *
 * `refreshed_at` holds the *source version* the row was built from: the latest of the enrolment's and
 * the person's `updated_at` and the follow-ups' `recorded_at`; {@link staleEnrolmentIds} compares it
 * with the sources (a full check, for tests and repairs, not for every read).
 *
 * The programmes use cases belong to another area; they may call {@link refreshOutcomes} inside their
 * transaction. Whether they do or not, the marks make the next report read bring the rows up to date.
 */

/** Enrolments in these states have never started and have no outcome row. */
const NOT_STARTED = ['waitlisted', 'withdrawn'];
const CHUNK = 500;
/** A follow-up's status as stored in the outcome row: its outcome when done, else its status. */
const STATUS = sql`CASE WHEN f.status = 'genomford' THEN coalesce(f.outcome, 'okand') ELSE f.status END`;

/** The SELECT that computes outcome rows, filtered by `where` (a condition on `e`, the enrolment). */
function outcomeSelect(organisationId: string, where: RawBuilder<unknown>) {
  return sql`
    SELECT
      e.organisation_id,
      e.id,
      e.programme_id,
      e.unit_id,
      e.person_id,
      p.sex,
      (substr(e.start_date::text, 1, 4)::int - substr(p.birth_date::text, 1, 4)::int)
        - CASE WHEN substr(e.start_date::text, 6, 5) < substr(p.birth_date::text, 6, 5) THEN 1 ELSE 0 END,
      substr(e.start_date::text, 1, 7),
      e.start_date,
      e.exit_date,
      e.exit_reason,
      coalesce(e.exit_reason = 'arbete', false),
      coalesce(e.exit_reason = 'studier', false),
      e.exit_date - e.start_date,
      coalesce(
        e.exit_reason IN ('arbete', 'studier')
          AND e.exit_date <= (e.start_date + interval '18 months')::date,
        false
      ),
      fu.at_6,
      fu.at_12,
      fu.at_18,
      p.protection_level <> 'none',
      greatest(e.updated_at, p.updated_at, fu.recorded_at)
    FROM enrolment e
    JOIN person p ON p.organisation_id = e.organisation_id AND p.id = e.person_id
    LEFT JOIN LATERAL (
      SELECT
        max(CASE WHEN f.months_after_exit = 6 THEN ${STATUS} END) AS at_6,
        max(CASE WHEN f.months_after_exit = 12 THEN ${STATUS} END) AS at_12,
        max(CASE WHEN f.months_after_exit = 18 THEN ${STATUS} END) AS at_18,
        max(f.recorded_at) AS recorded_at
      FROM follow_up f
      WHERE f.organisation_id = e.organisation_id AND f.enrolment_id = e.id
    ) fu ON true
    WHERE e.organisation_id = ${organisationId}
      AND e.start_date IS NOT NULL
      AND e.status NOT IN (${sql.join(NOT_STARTED)})
      AND ${where}`;
}

const COLUMNS = sql`(organisation_id, enrolment_id, programme_id, unit_id, person_id, sex, age_at_start,
  start_cohort, start_date, exit_date, exit_reason, into_work, into_studies, days_in_programme,
  within_18_months, follow_up_6, follow_up_12, follow_up_18, is_protected, refreshed_at)`;

/**
 * Rebuilds the outcome rows of the given enrolments (deleting rows of enrolments that are no longer
 * started). Call inside the transaction that changed them.
 */
export async function refreshOutcomes(tx: Tx, organisationId: string, enrolmentIds: readonly string[]) {
  const ids = [...new Set(enrolmentIds)];
  for (let i = 0; i < ids.length; i += CHUNK) {
    const chunk = ids.slice(i, i + CHUNK);
    await tx
      .deleteFrom('enrolment_outcome')
      .where('organisation_id', '=', organisationId)
      .where('enrolment_id', 'in', chunk)
      .execute();
    await sql`INSERT INTO enrolment_outcome ${COLUMNS}
      ${outcomeSelect(organisationId, sql`e.id IN (${sql.join(chunk)})`)}`.execute(tx);
  }
  return ids.length;
}

/** Advisory-lock class of outcome refreshes (the key's second half is the organisation). */
const REFRESH_LOCK = 727275;

/**
 * Serialises outcome refreshes of one organisation until the transaction ends. Two transactions that
 * rebuild the same rows (a full rebuild beside an incremental one, on PostgreSQL) would otherwise clash
 * on the outcome table's key. Re-entrant within a transaction.
 */
async function lockRefresh(tx: Tx, organisationId: string) {
  await sql`SELECT pg_advisory_xact_lock(${REFRESH_LOCK}, hashtext(${organisationId}))`.execute(tx);
}

/**
 * Rebuilds every outcome row of the organisation and its rollup. The rollup triggers are switched off
 * for the bulk statements (one rebuild of the rollup costs less than two trigger passes over every row).
 * The marks are cleared first: a mark deleted here was committed before, so the rebuild sees its change.
 */
export async function refreshAllOutcomes(tx: Tx, organisationId: string): Promise<number> {
  await lockRefresh(tx, organisationId);
  await tx.deleteFrom('outcome_dirty').where('organisation_id', '=', organisationId).execute();
  await sql`SELECT set_config('insats.outcome_rollup', 'off', true)`.execute(tx);
  const single = await sql<{ on: boolean }>`
    SELECT coalesce(current_setting(${SINGLE_SESSION_SETTING}, true) = 'on', false) AS on`.execute(tx);
  const singleSession = single.rows[0]!.on;
  // On PGlite (the only session) the table's key and indexes are dropped for the bulk insert and built
  // again by one sort each: a quarter of the insert's time on 306k rows. The drop takes the table's
  // exclusive lock until commit, which would hold up every report read on PostgreSQL, so there the
  // rows go into the live indexes. A failure rolls the drop back with the rest.
  const indexes = singleSession ? await dropOutcomeIndexes(tx) : [];
  await tx.deleteFrom('enrolment_outcome').where('organisation_id', '=', organisationId).execute();
  // The foreign key to enrolment is checked row by row, which is a third of PGlite's time for this
  // insert (a tenth of PostgreSQL's). On PGlite every row's enrolment is read in this very statement
  // and no other session can delete it, so the check is skipped there for this statement alone
  // (replica role: no foreign-key or ordinary triggers) and switched back at once.
  if (singleSession) await sql`SELECT set_config('session_replication_role', 'replica', true)`.execute(tx);
  const result = await sql`INSERT INTO enrolment_outcome ${COLUMNS}
    ${outcomeSelect(organisationId, sql`true`)}`.execute(tx);
  if (singleSession) await sql`SELECT set_config('session_replication_role', 'origin', true)`.execute(tx);
  for (const statement of indexes) await tx.executeQuery(CompiledQuery.raw(statement));
  await sql`SELECT set_config('insats.outcome_rollup', 'on', true)`.execute(tx);
  await sql`SELECT outcome_rollup_rebuild(${organisationId}::uuid)`.execute(tx);
  return Number(result.numAffectedRows ?? 0);
}

/**
 * Drops the outcome table's primary key and indexes (and any foreign key elsewhere that points at it);
 * returns the statements that build them again. Its own foreign key to enrolment stays: its per-row
 * check is skipped for the insert instead (see above).
 */
async function dropOutcomeIndexes(tx: Tx): Promise<string[]> {
  const catalogue: CatalogueQuery = async <R>(text: string, params: unknown[]) =>
    (await tx.executeQuery<R>(CompiledQuery.raw(text, params))).rows;
  const all = await droppableDefinitions(catalogue, ['enrolment_outcome']);
  const saved = { ...all, foreignKeys: all.foreignKeys.filter((k) => k.table !== 'enrolment_outcome') };
  await dropDefinitions(catalogue, saved);
  return rebuildStatements(saved);
}

/** Ids of enrolments whose outcome row is missing, obsolete or older than its sources. */
export async function staleEnrolmentIds(tx: Tx, organisationId: string): Promise<string[]> {
  const result = await sql<{ id: string }>`
    SELECT e.id
    FROM enrolment e
    JOIN person p ON p.organisation_id = e.organisation_id AND p.id = e.person_id
    LEFT JOIN enrolment_outcome o ON o.organisation_id = e.organisation_id AND o.enrolment_id = e.id
    WHERE e.organisation_id = ${organisationId}
      AND (
        (o.enrolment_id IS NULL AND e.start_date IS NOT NULL AND e.status NOT IN (${sql.join(NOT_STARTED)}))
        OR (o.enrolment_id IS NOT NULL AND (
          e.updated_at > o.refreshed_at
          OR p.updated_at > o.refreshed_at
          OR EXISTS (SELECT 1 FROM follow_up f WHERE f.organisation_id = e.organisation_id
                       AND f.enrolment_id = e.id AND f.recorded_at > o.refreshed_at)
        ))
      )`.execute(tx);
  return result.rows.map((r) => r.id);
}

/** Above this many marked enrolments one full rebuild is cheaper than rebuilding them in chunks. */
const FULL_REFRESH_FROM = 50_000;

/**
 * The check the report use cases run before reading: rebuilds the outcome rows of the marked
 * enrolments and clears their marks; returns how many. Deleting a mark waits for a writer that holds
 * it, and the rebuild runs in a later statement, so (read committed) it sees every change whose mark
 * it cleared.
 */
export async function refreshStaleOutcomes(tx: Tx, organisationId: string): Promise<number> {
  // Most reads find nothing marked; only then is the lock worth taking.
  const any = await tx
    .selectFrom('outcome_dirty')
    .select('enrolment_id')
    .where('organisation_id', '=', organisationId)
    .limit(1)
    .executeTakeFirst();
  if (!any) return 0;
  await lockRefresh(tx, organisationId);
  const marked = await tx
    .deleteFrom('outcome_dirty')
    .where('organisation_id', '=', organisationId)
    .returning('enrolment_id')
    .execute();
  if (marked.length === 0) return 0;
  if (marked.length >= FULL_REFRESH_FROM) await refreshAllOutcomes(tx, organisationId);
  else
    await refreshOutcomes(
      tx,
      organisationId,
      marked.map((m) => m.enrolment_id),
    );
  return marked.length;
}
