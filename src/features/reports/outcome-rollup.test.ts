import fc from 'fast-check';
import { type RawBuilder, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/db.ts';
import { generate } from '../../cli/generator.ts';
import type { Database, Tx } from '../../db/connection.ts';
import { compareCodePoints } from '../../domain/compare.ts';
import { refreshAllOutcomes, refreshStaleOutcomes, staleEnrolmentIds } from './refresh-outcomes.ts';
import { type OutcomeDimension, type OutcomeFilter, type OutcomeGroupRow, outcomeCube } from './repo.ts';

/**
 * The outcome rollup (migration 015) against a reference model: the direct scan of every outcome row
 * that the report ran before the rollup existed. Generated data, random reference dates (including
 * first and last days of months, and dates before and after all data), random writes to the source
 * tables through plain SQL (so only the triggers can notice them).
 */

let database: Database;
let org: string;
let programmeIds: string[];

function dimensionKey(d: OutcomeDimension): RawBuilder<string> {
  switch (d) {
    case 'total':
      return sql<string>`'total'`;
    case 'programme':
      return sql<string>`programme_id::text`;
    case 'unit':
      return sql<string>`unit_id::text`;
    case 'sex':
      return sql<string>`sex`;
    case 'cohort':
      return sql<string>`start_cohort`;
    case 'ageBand':
      return sql<string>`CASE
        WHEN age_at_start < 25 THEN '16-24' WHEN age_at_start < 30 THEN '25-29'
        WHEN age_at_start < 40 THEN '30-39' WHEN age_at_start < 50 THEN '40-49'
        WHEN age_at_start < 60 THEN '50-59' ELSE '60-' END`;
  }
}

function filterSql(f: OutcomeFilter) {
  return sql`organisation_id = ${f.organisationId}
    AND start_date <= ${f.referenceDate}
    ${f.programmeId ? sql`AND programme_id = ${f.programmeId}` : sql``}`;
}

/** The reference model: one scan of the outcome rows per dimension. */
async function scanGroups(tx: Tx, f: OutcomeFilter, d: OutcomeDimension): Promise<OutcomeGroupRow[]> {
  const exited = sql`exit_date IS NOT NULL AND exit_date <= ${f.referenceDate}`;
  const r = await sql<Record<keyof OutcomeGroupRow, unknown>>`
    SELECT ${dimensionKey(d)} AS key,
      count(*) FILTER (WHERE ${exited} AND into_work)::int AS into_work,
      count(*) FILTER (WHERE ${exited} AND into_studies)::int AS into_studies,
      count(*) FILTER (WHERE ${exited} AND NOT into_work AND NOT into_studies)::int AS exited_other,
      count(*) FILTER (WHERE NOT (${exited}))::int AS open,
      count(*) FILTER (WHERE ${exited} AND within_18_months)::int AS within_limit,
      count(*) FILTER (WHERE is_protected AND ${exited} AND into_work)::int AS p_into_work,
      count(*) FILTER (WHERE is_protected AND ${exited} AND into_studies)::int AS p_into_studies,
      count(*) FILTER (WHERE is_protected AND ${exited} AND NOT into_work AND NOT into_studies)::int
        AS p_exited_other,
      count(*) FILTER (WHERE is_protected AND NOT (${exited}))::int AS p_open
    FROM enrolment_outcome WHERE ${filterSql(f)} GROUP BY 1`.execute(tx);
  return r.rows
    .map((x) => ({
      key: String(x.key ?? ''),
      into_work: Number(x.into_work),
      into_studies: Number(x.into_studies),
      exited_other: Number(x.exited_other),
      open: Number(x.open),
      within_limit: Number(x.within_limit),
      p_into_work: Number(x.p_into_work),
      p_into_studies: Number(x.p_into_studies),
      p_exited_other: Number(x.p_exited_other),
      p_open: Number(x.p_open),
    }))
    .sort((a, b) => compareCodePoints(a.key, b.key));
}

async function scanFollowUps(tx: Tx, f: OutcomeFilter) {
  const r = await sql<{ months: number; status: string | null; n: number; p: number }>`
    SELECT m.months, m.status, count(*)::int AS n, count(*) FILTER (WHERE is_protected)::int AS p
    FROM (
      SELECT 6 AS months, follow_up_6 AS status, is_protected FROM enrolment_outcome
        WHERE ${filterSql(f)} AND exit_date IS NOT NULL AND exit_date <= ${f.referenceDate}
      UNION ALL
      SELECT 12, follow_up_12, is_protected FROM enrolment_outcome
        WHERE ${filterSql(f)} AND exit_date IS NOT NULL AND exit_date <= ${f.referenceDate}
      UNION ALL
      SELECT 18, follow_up_18, is_protected FROM enrolment_outcome
        WHERE ${filterSql(f)} AND exit_date IS NOT NULL AND exit_date <= ${f.referenceDate}
    ) m
    GROUP BY 1, 2
    ORDER BY 1, 2`.execute(tx);
  return r.rows.map((x) => ({
    months: Number(x.months),
    status: x.status ?? 'ingen',
    n: Number(x.n),
    p: Number(x.p),
  }));
}

const DIMS: OutcomeDimension[] = ['total', 'programme', 'unit', 'sex', 'ageBand', 'cohort'];

async function expectCubeMatchesScan(f: OutcomeFilter) {
  const cube = await outcomeCube(database.db, f);
  for (const d of DIMS) {
    expect(cube.groups[d], `${d} at ${f.referenceDate} ${f.programmeId ?? ''}`).toEqual(
      await scanGroups(database.db, f, d),
    );
  }
  expect(cube.followUps, `follow-ups at ${f.referenceDate}`).toEqual(await scanFollowUps(database.db, f));
}

/** The rollup's non-zero counters, as a sorted list (inside `tx` when given). */
async function rollupRows(tx: Tx = database.db) {
  const r = await sql<{ line: string }>`
    SELECT concat_ws('|', dim, programme_id, key, month, kind, is_protected, n) AS line
    FROM outcome_rollup WHERE organisation_id = ${org} AND n <> 0 ORDER BY 1`.execute(tx);
  return r.rows.map((x) => x.line);
}

async function outcomeRows() {
  const r = await sql<{ line: string }>`
    SELECT concat_ws('|', enrolment_id, programme_id, unit_id, sex, age_at_start, start_cohort,
      start_date, exit_date, exit_reason, into_work, into_studies, days_in_programme, within_18_months,
      follow_up_6, follow_up_12, follow_up_18, is_protected) AS line
    FROM enrolment_outcome WHERE organisation_id = ${org} ORDER BY 1`.execute(database.db);
  return r.rows.map((x) => x.line);
}

beforeAll(async () => {
  database = await createTestDatabase();
  const g = await generate(database, { participants: 400, events: 1_100, seed: 11, rebuildIndexes: false });
  org = g.organisationId;
  programmeIds = g.programmeIds;
  await database.db.transaction().execute((tx) => refreshAllOutcomes(tx, org));
}, 120_000);

afterAll(async () => {
  await database.close();
});

/** A reference date: any day 2008–2027, often a month's first or last day. */
const referenceDate = fc
  .tuple(
    fc.integer({ min: 2008, max: 2027 }),
    fc.integer({ min: 1, max: 12 }),
    fc.integer({ min: 0, max: 31 }),
  )
  .map(([y, m, d]) => {
    const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
    const day = d === 0 ? 1 : Math.min(d, last);
    return `${y}-${String(m).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  });

describe('outcome rollup', () => {
  it('gives the same counts as scanning every outcome row, for any reference date and programme', async () => {
    await fc.assert(
      fc.asyncProperty(referenceDate, fc.option(fc.integer({ min: 0, max: 10 })), async (date, p) => {
        const programmeId = p === null ? undefined : programmeIds[p % programmeIds.length];
        await expectCubeMatchesScan({ organisationId: org, referenceDate: date, programmeId });
      }),
      { numRuns: 40 },
    );
  }, 120_000);

  const write = fc.oneof(
    fc.record({
      kind: fc.constant('exit' as const),
      pick: fc.nat(),
      days: fc.integer({ min: 0, max: 900 }),
      reason: fc.constantFrom('arbete', 'studier', 'avbrott', 'flytt'),
    }),
    fc.record({ kind: fc.constant('reopen' as const), pick: fc.nat() }),
    fc.record({
      kind: fc.constant('person' as const),
      pick: fc.nat(),
      sex: fc.constantFrom('K', 'M', 'X'),
      level: fc.constantFrom('none', 'sekretessmarkering', 'skyddad_folkbokforing'),
    }),
    fc.record({
      kind: fc.constant('followUp' as const),
      pick: fc.nat(),
      outcome: fc.constantFrom('arbete', 'studier', 'okand'),
    }),
    fc.record({ kind: fc.constant('dropFollowUp' as const), pick: fc.nat() }),
    fc.record({ kind: fc.constant('withdraw' as const), pick: fc.nat() }),
  );

  async function writeOne(w: {
    kind: 'exit' | 'reopen' | 'person' | 'followUp' | 'dropFollowUp' | 'withdraw';
    pick: number;
    days?: number;
    reason?: string;
    sex?: string;
    level?: string;
    outcome?: string;
  }) {
    const nth = sql`OFFSET ${w.pick % 300} LIMIT 1`;
    const db = database.db;
    switch (w.kind) {
      case 'exit':
        await sql`UPDATE enrolment SET status = 'exited', exit_date = start_date + ${w.days!}::int,
            exit_reason = ${w.reason!}, updated_at = clock_timestamp()
          WHERE organisation_id = ${org} AND id = (SELECT id FROM enrolment WHERE organisation_id = ${org}
            AND start_date IS NOT NULL ORDER BY id ${nth})`.execute(db);
        break;
      case 'reopen':
        // May meet the one-open-enrolment rule; then nothing changes.
        await sql`UPDATE enrolment SET status = 'enrolled', exit_date = NULL, exit_reason = NULL,
            updated_at = clock_timestamp()
          WHERE organisation_id = ${org} AND id = (SELECT id FROM enrolment WHERE organisation_id = ${org}
            AND status = 'exited' ORDER BY id ${nth})`
          .execute(db)
          .catch(() => {});
        break;
      case 'person':
        await sql`UPDATE person SET sex = ${w.sex!}, protection_level = ${w.level!}, updated_at = clock_timestamp()
          WHERE organisation_id = ${org} AND id = (SELECT person_id FROM enrolment WHERE organisation_id = ${org}
            ORDER BY id ${nth})`.execute(db);
        break;
      case 'followUp':
        await sql`UPDATE follow_up SET status = 'genomford', outcome = ${w.outcome!}, recorded_at = clock_timestamp()
          WHERE organisation_id = ${org} AND id = (SELECT id FROM follow_up WHERE organisation_id = ${org}
            ORDER BY id ${nth})`.execute(db);
        break;
      case 'dropFollowUp':
        await sql`DELETE FROM follow_up WHERE organisation_id = ${org} AND id = (SELECT id FROM follow_up
            WHERE organisation_id = ${org} ORDER BY id ${nth})`.execute(db);
        break;
      case 'withdraw':
        await sql`UPDATE enrolment SET status = 'withdrawn', updated_at = clock_timestamp()
          WHERE organisation_id = ${org} AND id = (SELECT id FROM enrolment WHERE organisation_id = ${org}
            AND status = 'enrolled' ORDER BY id ${nth})`.execute(db);
        break;
    }
  }

  it('stays exact after writes to enrolments, persons and follow-ups that only the triggers see', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(write, { minLength: 1, maxLength: 8 }),
        referenceDate,
        async (writes, date) => {
          for (const w of writes) await writeOne(w);
          await database.db.transaction().execute((tx) => refreshStaleOutcomes(tx, org));
          const left = await database.db.selectFrom('outcome_dirty').select('enrolment_id').execute();
          expect(left).toEqual([]);
          expect(await staleEnrolmentIds(database.db, org)).toEqual([]);
          await expectCubeMatchesScan({ organisationId: org, referenceDate: date });
          // The incrementally kept rows and counters equal a rebuild from scratch.
          const rows = await outcomeRows();
          const counters = await rollupRows();
          await database.db.transaction().execute((tx) => refreshAllOutcomes(tx, org));
          expect(rows).toEqual(await outcomeRows());
          expect(counters).toEqual(await rollupRows());
        },
      ),
      { numRuns: 25 },
    );
  }, 300_000);

  it('two full rebuilds at once (PostgreSQL: two connections) wait for each other instead of clashing', async () => {
    let refreshed!: () => void;
    const inA = new Promise<void>((r) => {
      refreshed = r;
    });
    let release!: () => void;
    const gate = new Promise<void>((r) => {
      release = r;
    });
    const a = database.db.transaction().execute(async (tx) => {
      const n = await refreshAllOutcomes(tx, org);
      refreshed();
      await gate; // A holds its new rows uncommitted while B starts.
      return n;
    });
    await inA;
    const b = database.db.transaction().execute((tx) => refreshAllOutcomes(tx, org));
    await new Promise((r) => setTimeout(r, 300));
    release();
    const [na, nb] = await Promise.all([a, b]);
    expect(nb).toBe(na);
    expect(await outcomeRows()).toHaveLength(na);
  });

  it('a full rebuild leaves the transaction with every trigger and foreign key in force', async () => {
    // On PGlite the rebuild's insert skips the foreign-key check (replica role) for that one statement.
    const after = await database.db
      .transaction()
      .execute(async (tx) => {
        const n = await refreshAllOutcomes(tx, org);
        const role = await sql<{
          role: string;
        }>`SELECT current_setting('session_replication_role') AS role`.execute(tx);
        const orphan = await tx
          .insertInto('enrolment_outcome')
          .values({
            organisation_id: org,
            enrolment_id: '00000000-0000-4000-8000-00000000dead',
            programme_id: programmeIds[0]!,
            unit_id: programmeIds[0]!,
            person_id: programmeIds[0]!,
            sex: 'K',
            refreshed_at: new Date(),
          })
          .execute()
          .then(
            () => 'inserted',
            (err: { code?: string }) => err.code,
          );
        return { n, role: role.rows[0]!.role, orphan };
      })
      .catch((err: { code?: string }) => ({ n: -1, role: 'rolled back', orphan: err.code }));
    expect(after.role).toBe('origin');
    expect(after.orphan).toBe('23503'); // foreign_key_violation
    // Every started enrolment has its row, exactly as the per-row checked path builds them.
    const rows = await outcomeRows();
    const stale = await database.db.transaction().execute((tx) => staleEnrolmentIds(tx, org));
    expect(stale).toEqual([]);
    expect(rows.length).toBeGreaterThan(0);
  });

  it('a full rebuild leaves the outcome table with the same key and indexes', async () => {
    // On PGlite the rebuild drops them for its insert and builds them again from the catalogue.
    const definitions = async (tx: Tx) =>
      (
        await sql<{ d: string }>`SELECT indexdef AS d FROM pg_indexes
          WHERE tablename = 'enrolment_outcome' ORDER BY indexname`.execute(tx)
      ).rows.map((r) => r.d);
    const before = await definitions(database.db);
    expect(before.length).toBeGreaterThanOrEqual(4);
    const after = await database.db
      .transaction()
      .execute(async (tx) => {
        await refreshAllOutcomes(tx, org);
        const d = await definitions(tx);
        const duplicate = await sql`INSERT INTO enrolment_outcome SELECT * FROM enrolment_outcome LIMIT 1`
          .execute(tx)
          .then(
            () => 'inserted',
            (err: { code?: string }) => err.code,
          );
        return { d, duplicate };
      })
      .catch((err: { code?: string }) => ({ d: [], duplicate: err.code }));
    expect(after.d).toEqual(before);
    expect(after.duplicate).toBe('23505'); // unique_violation: the primary key is back
  });

  it('the rebuild counts exactly the facts the rollup trigger counts, also on unusual rows', async () => {
    // Migration 020's rebuild counts the facts without outcome_facts, which the trigger uses. Rows are
    // edited in place (the trigger moves their facts), the counters are kept, the rebuild recounts
    // them from scratch, and the edit is rolled back. The values go beyond what the refresh writes:
    // no start date, exit before start, no age or cohort, within the limit without an exit.
    const day = fc.integer({ min: 0, max: 9000 }).map((n) => new Date(Date.UTC(2005, 0, 1 + n)));
    const status = fc.constantFrom(null, 'planerad', 'ej_nadd', 'arbete', 'studier', 'okand');
    const edit = fc.record({
      row: fc.nat({ max: 200 }),
      sex: fc.constantFrom('K', 'M', 'X'),
      age: fc.option(fc.integer({ min: 14, max: 80 })),
      cohort: fc.option(fc.constantFrom('2013-04', '2019-12', '')),
      start: fc.option(day),
      exit: fc.option(day),
      work: fc.boolean(),
      studies: fc.boolean(),
      within: fc.boolean(),
      fu: fc.tuple(status, status, status),
      protectedRow: fc.boolean(),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(edit, { minLength: 1, maxLength: 12 }), async (edits) => {
        const compared = await database.db
          .transaction()
          .execute(async (tx) => {
            for (const e of edits) {
              await sql`UPDATE enrolment_outcome SET sex = ${e.sex}, age_at_start = ${e.age},
                  start_cohort = ${e.cohort}, start_date = ${e.start}, exit_date = ${e.exit},
                  into_work = ${e.work}, into_studies = ${e.studies}, within_18_months = ${e.within},
                  follow_up_6 = ${e.fu[0]}, follow_up_12 = ${e.fu[1]}, follow_up_18 = ${e.fu[2]},
                  is_protected = ${e.protectedRow}
                WHERE organisation_id = ${org} AND enrolment_id = (
                  SELECT enrolment_id FROM enrolment_outcome WHERE organisation_id = ${org}
                  ORDER BY enrolment_id OFFSET ${e.row} LIMIT 1)`.execute(tx);
            }
            const byTrigger = await rollupRows(tx);
            await sql`SELECT outcome_rollup_rebuild(${org}::uuid)`.execute(tx);
            throw { byTrigger, rebuilt: await rollupRows(tx) };
          })
          .catch((result: { byTrigger?: string[]; rebuilt?: string[] }) => {
            if (!result.byTrigger) throw result;
            return result;
          });
        expect(compared.rebuilt).toEqual(compared.byTrigger);
      }),
      { numRuns: 30 },
    );
    // The rebuild's own settings end with it.
    const mem = await database.db.transaction().execute(async (tx) => {
      await sql`SELECT outcome_rollup_rebuild(${org}::uuid)`.execute(tx);
      return (await sql<{ w: string }>`SELECT current_setting('work_mem') AS w`.execute(tx)).rows[0]!.w;
    });
    expect(mem).not.toBe('256MB');
  }, 300_000);

  it('a report read with nothing marked rebuilds nothing', async () => {
    await database.db.transaction().execute((tx) => refreshStaleOutcomes(tx, org));
    expect(await database.db.transaction().execute((tx) => refreshStaleOutcomes(tx, org))).toBe(0);
  });
});
