/**
 * `npm run bench -- reports [--size=N]`: the grouped outcome report over N enrolments (default 1,000,000),
 * read from the precomputed `enrolment_outcome` table, on embedded PGlite and on native PostgreSQL (a
 * throwaway cluster from scripts/pg-cluster.mjs, stopped afterwards).
 *
 * Per backend: N persons and N enrolments (four units, starts over ~4 years, 40 % exited with mixed
 * reasons) are generated with multi-row `INSERT … SELECT generate_series`; then
 * - refreshSeconds: `refreshAllOutcomes` (rebuild of every outcome row, one INSERT … SELECT);
 * - refreshSingleThreadSeconds (PostgreSQL only): the same with `max_parallel_workers_per_gather = 0`;
 * - groupedSeconds: the report's reads — counts per group for total, programme, unit, sex, age band and
 *   start cohort, plus the follow-up statuses (7 statements), as `outcomeReport` runs them.
 * "events" counts the dated source facts the outcome rows summarise: one start per enrolment plus one
 * exit per exited enrolment.
 *
 * Writes bench/results/reports.json with the fixed shape
 * `{participants, events, pglite: {groupedSeconds, refreshSeconds}, postgres: {groupedSeconds,
 *   refreshSeconds, refreshSingleThreadSeconds}, ratios: {grouped, refresh}}` (ratios = PGlite ÷ PostgreSQL).
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
// @ts-expect-error plain ESM helper without types
import { startCluster } from '../scripts/pg-cluster.mjs';
import type { Database, Tx } from '../src/db/connection.ts';
import { openDatabase } from '../src/db/connection.ts';
import { refreshAllOutcomes } from '../src/features/reports/refresh-outcomes.ts';
import { followUpCounts, type OutcomeDimension, outcomeGroups } from '../src/features/reports/repo.ts';
import { machineInfo } from './lib.ts';

interface BackendResult {
  groupedSeconds: number;
  refreshSeconds: number;
  refreshSingleThreadSeconds?: number;
  loadSeconds: number;
}

const round = (s: number) => Math.round(s * 1000) / 1000;
const seconds = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e9;

async function seed(database: Database, n: number) {
  const db = database.db;
  const org = randomUUID();
  const programme = randomUUID();
  const units = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
  await db
    .insertInto('organisation')
    .values({ id: org, name: 'Benchkommun', municipality_code: null })
    .execute();
  for (const [i, u] of units.entries()) {
    await db
      .insertInto('unit')
      .values({ organisation_id: org, id: u, parent_id: null, name: `Enhet ${i + 1}`, kind: 'enhet' })
      .execute();
  }
  const now = new Date('2026-01-01T00:00:00Z');
  await sql`INSERT INTO programme (organisation_id, id, code, name, kind, unit_id, created_at, updated_at)
    VALUES (${org}, ${programme}, 'bench', 'Bench', 'aktivitet', ${units[0]!}, ${now}, ${now})`.execute(db);
  const unitArray = sql.raw(`ARRAY[${units.map((u) => `'${u}'::uuid`).join(',')}]`);
  const batch = 250_000;
  for (let from = 1; from <= n; from += batch) {
    const to = Math.min(n, from + batch - 1);
    await sql`
      INSERT INTO person (organisation_id, id, personnummer, identity_kind, first_name, last_name, sex, birth_date,
        protection_level, income_source, responsible_unit_id, last_entry_at, created_at, updated_at)
      SELECT ${org}::uuid, (md5(${org} || i::text))::uuid, '19' || lpad(i::text, 10, '0'), 'personnummer',
        'Bench', 'P' || i, CASE WHEN i % 2 = 0 THEN 'K' ELSE 'M' END, date '1960-01-01' + (i % 14000),
        CASE WHEN i % 997 = 0 THEN 'skyddad_folkbokforing' ELSE 'none' END, 'forsorjningsstod',
        (${unitArray})[1 + i % 4], ${now}, ${now}, ${now}
      FROM generate_series(${from}::int, ${to}::int) AS i`.execute(db);
    await sql`
      INSERT INTO enrolment (organisation_id, id, person_id, programme_id, unit_id, status, start_date,
        exit_date, exit_reason, exit_employment_form, created_at, updated_at)
      SELECT ${org}::uuid, (md5('e' || i::text))::uuid, (md5(${org} || i::text))::uuid, ${programme}::uuid,
        (${unitArray})[1 + i % 4],
        CASE WHEN i % 5 < 2 THEN 'exited' ELSE 'enrolled' END,
        date '2014-01-01' + (i % 1460),
        CASE WHEN i % 5 < 2 THEN date '2014-01-01' + (i % 1460) + (30 + i % 600) END,
        CASE WHEN i % 5 < 2 THEN (ARRAY['arbete','arbete','studier','avbrott','flytt','sjukdom'])[1 + i % 6] END,
        CASE WHEN i % 5 < 2 AND i % 6 < 2 THEN 'okand' END,
        ${now}, ${now}
      FROM generate_series(${from}::int, ${to}::int) AS i`.execute(db);
  }
  await sql`ANALYZE`.execute(db);
  const exited = Math.floor(n / 5) * 2 + Math.min(n % 5, 2);
  return { org, programme, events: n + exited };
}

async function grouped(tx: Tx, org: string, programme: string) {
  const filter = { organisationId: org, programmeId: programme, referenceDate: '2019-12-31' };
  const dims: OutcomeDimension[] = ['total', 'programme', 'unit', 'sex', 'ageBand', 'cohort'];
  let groups = 0;
  for (const d of dims) groups += (await outcomeGroups(tx, filter, d)).length;
  groups += (await followUpCounts(tx, filter)).length;
  return groups;
}

async function measure(database: Database, n: number, label: string, singleThread: boolean) {
  let t = process.hrtime.bigint();
  const { org, programme, events } = await seed(database, n);
  const loadSeconds = seconds(t);
  console.log(`  ${label}: loaded ${n} enrolments in ${loadSeconds.toFixed(1)} s`);
  t = process.hrtime.bigint();
  const rows = await database.db.transaction().execute((tx) => refreshAllOutcomes(tx, org));
  const refreshSeconds = seconds(t);
  console.log(`  ${label}: refresh ${rows} rows in ${refreshSeconds.toFixed(2)} s`);
  await sql`ANALYZE enrolment_outcome`.execute(database.db);
  await grouped(database.db, org, programme); // warm-up
  t = process.hrtime.bigint();
  const groups = await grouped(database.db, org, programme);
  const groupedSeconds = seconds(t);
  console.log(`  ${label}: grouped report (${groups} groups) in ${groupedSeconds.toFixed(3)} s`);
  const result: BackendResult = { groupedSeconds, refreshSeconds, loadSeconds };
  if (singleThread) {
    t = process.hrtime.bigint();
    await database.db.transaction().execute(async (tx) => {
      await sql`SET LOCAL max_parallel_workers_per_gather = 0`.execute(tx);
      await refreshAllOutcomes(tx, org);
    });
    result.refreshSingleThreadSeconds = seconds(t);
    console.log(`  ${label}: refresh single-threaded in ${result.refreshSingleThreadSeconds.toFixed(2)} s`);
  }
  return { result, events };
}

export async function run(args: string[]): Promise<void> {
  const sizeArg = args.find((a) => a.startsWith('--size='));
  const n = sizeArg ? Number(sizeArg.slice('--size='.length)) : 1_000_000;
  if (!Number.isInteger(n) || n < 1) throw new Error('--size ska vara ett positivt heltal');
  console.log(`  machine: ${JSON.stringify(machineInfo())}`);

  const dir = mkdtempSync(path.join(os.tmpdir(), 'insats-bench-reports-'));
  let pglite: BackendResult;
  let events = 0;
  try {
    const database = await openDatabase({ dataDir: path.join(dir, 'data') });
    try {
      ({ result: pglite, events } = await measure(database, n, 'pglite', false));
    } finally {
      await database.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  const cluster = await startCluster({ port: 54347 });
  let postgres: BackendResult;
  try {
    const database = await openDatabase({ url: cluster.url, poolSize: 4 });
    try {
      ({ result: postgres } = await measure(database, n, 'postgres', true));
    } finally {
      await database.close();
    }
  } finally {
    await cluster.stop();
  }

  const out = {
    participants: n,
    events,
    pglite: { groupedSeconds: round(pglite.groupedSeconds), refreshSeconds: round(pglite.refreshSeconds) },
    postgres: {
      groupedSeconds: round(postgres.groupedSeconds),
      refreshSeconds: round(postgres.refreshSeconds),
      refreshSingleThreadSeconds: round(postgres.refreshSingleThreadSeconds ?? 0),
    },
    ratios: {
      grouped: Math.round((pglite.groupedSeconds / postgres.groupedSeconds) * 10) / 10,
      refresh: Math.round((pglite.refreshSeconds / postgres.refreshSeconds) * 10) / 10,
    },
  };
  const resultsDir = path.resolve(import.meta.dirname, 'results');
  mkdirSync(resultsDir, { recursive: true });
  const file = path.join(resultsDir, 'reports.json');
  writeFileSync(file, `${JSON.stringify(out, null, 2)}\n`);
  console.log(`  wrote ${file}: ${JSON.stringify(out)}`);
}
