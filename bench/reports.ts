/**
 * `npm run bench -- reports [--size=N] [--events=M]`: the grouped outcome report over N enrolments (default 1,000,000),
 * read from the precomputed `enrolment_outcome` table, on embedded PGlite and on native PostgreSQL (a
 * throwaway cluster from scripts/pg-cluster.mjs, stopped afterwards).
 *
 * Per backend: N persons and N enrolments (four units, six programmes, starts from 2012 over ~4 years,
 * 40 % exited with mixed reasons) are loaded by the shared generator behind `insats generate`
 * (src/cli/generator.ts, COPY); then
 * - refreshSeconds: `refreshAllOutcomes` (rebuild of every outcome row, one INSERT … SELECT);
 * - refreshSingleThreadSeconds (PostgreSQL only): the same with `max_parallel_workers_per_gather = 0`;
 * - groupedSeconds: the report's read over the whole organisation, as `outcomeReport` runs it, warm,
 *   as the mean over three reference dates (mid-data, end of data, after the data)
 *   (`outcomeCube`, one statement: the rollup's months before the reference date's month plus the
 *   outcome rows of that month): counts per group for total, programme, unit, sex, age band and start
 *   cohort, plus the follow-up statuses.
 * - refreshSeconds includes rebuilding the rollup (migration 015).
 * "events" counts the dated source facts the outcome rows summarise: one start per enrolment plus one
 * exit per exited enrolment.
 *
 * Writes bench/results/reports.json with the fixed shape
 * `{participants, events, pglite: {groupedSeconds, refreshSeconds}, postgres: {groupedSeconds,
 *   refreshSeconds, refreshSingleThreadSeconds}, ratios: {grouped, refresh}}` (ratios = PGlite ÷ PostgreSQL;
 *   the refresh ratio against PostgreSQL single-threaded, as the target states it).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
// @ts-expect-error plain ESM helper without types
import { startCluster } from '../scripts/pg-cluster.mjs';
import { generate } from '../src/cli/generator.ts';
import type { Database, Tx } from '../src/db/connection.ts';
import { openDatabase } from '../src/db/connection.ts';
import { refreshAllOutcomes } from '../src/features/reports/refresh-outcomes.ts';
import { outcomeCube } from '../src/features/reports/repo.ts';
import { machineInfo } from './lib.ts';

interface BackendResult {
  groupedSeconds: number;
  refreshSeconds: number;
  refreshSingleThreadSeconds?: number;
  loadSeconds: number;
}

const round = (s: number) => Math.round(s * 1000) / 1000;
const seconds = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e9;

/**
 * N participants through the shared generator (`insats generate`). By default 1.4·N events: every
 * participant gets one or two, i.e. one enrolment each, open (start) or exited (start + exit), so N
 * enrolments. `--events=M` loads the full shape on demand (e.g. 1M participants and 20M
 * events: ~6M enrolments and ~8M follow-ups, a load of about half an hour per engine here).
 */
async function seed(database: Database, n: number, events: number) {
  const r = await generate(database, { participants: n, events, seed: 1 });
  return { org: r.organisationId, events: r.events, enrolments: r.enrolments };
}

/**
 * Reference dates for the grouped read: in the middle of the generated starts (its own month holds many
 * starts and exits, the boundary part of the read), at the end of the data and after it.
 */
const REFERENCE_DATES = ['2014-06-30', '2016-12-31', '2019-12-31'];

async function grouped(tx: Tx, org: string, referenceDate: string) {
  const cube = await outcomeCube(tx, { organisationId: org, referenceDate });
  return Object.values(cube.groups).reduce((n, g) => n + g.length, 0) + cube.followUps.length;
}

/** Mean seconds of one warm grouped read over the reference dates (each read once cold first). */
async function groupedSeconds(database: Database, org: string, label: string) {
  let total = 0;
  for (const date of REFERENCE_DATES) {
    await grouped(database.db, org, date);
    const t = process.hrtime.bigint();
    const groups = await grouped(database.db, org, date);
    const s = seconds(t);
    total += s;
    console.log(`  ${label}: grouped report at ${date} (${groups} groups) in ${s.toFixed(3)} s`);
  }
  return total / REFERENCE_DATES.length;
}

async function measure(database: Database, n: number, m: number, label: string, singleThread: boolean) {
  const t = process.hrtime.bigint();
  const { org, events, enrolments } = await seed(database, n, m);
  const loadSeconds = seconds(t);
  console.log(
    `  ${label}: loaded ${n} participants, ${enrolments} enrolments (${events} events) in ${loadSeconds.toFixed(1)} s`,
  );
  // Every timed refresh starts from an empty outcome table, as after a load, so the engines and the
  // single- and multi-threaded runs do the same work.
  const refresh = async (oneThread: boolean) => {
    await database.db.transaction().execute(async (tx) => {
      await sql`SELECT set_config('insats.outcome_rollup', 'off', true)`.execute(tx);
      await sql`DELETE FROM enrolment_outcome WHERE organisation_id = ${org}`.execute(tx);
      await sql`DELETE FROM outcome_rollup WHERE organisation_id = ${org}`.execute(tx);
    });
    const t0 = process.hrtime.bigint();
    const rows = await database.db.transaction().execute(async (tx) => {
      if (oneThread) await sql`SET LOCAL max_parallel_workers_per_gather = 0`.execute(tx);
      return refreshAllOutcomes(tx, org);
    });
    const s = seconds(t0);
    console.log(
      `  ${label}: refresh${oneThread ? ' single-threaded' : ''}, ${rows} rows, in ${s.toFixed(2)} s`,
    );
    return s;
  };
  const refreshSingleThreadSeconds = singleThread ? await refresh(true) : undefined;
  const refreshSeconds = await refresh(false);
  await sql`ANALYZE enrolment_outcome`.execute(database.db);
  const groupedSecondsMean = await groupedSeconds(database, org, label);
  const result: BackendResult = {
    groupedSeconds: groupedSecondsMean,
    refreshSeconds,
    loadSeconds,
    ...(refreshSingleThreadSeconds !== undefined ? { refreshSingleThreadSeconds } : {}),
  };
  return { result, events };
}

export async function run(args: string[]): Promise<void> {
  const sizeArg = args.find((a) => a.startsWith('--size='));
  const n = sizeArg ? Number(sizeArg.slice('--size='.length)) : 1_000_000;
  if (!Number.isInteger(n) || n < 1) throw new Error('--size ska vara ett positivt heltal');
  const eventsArg = args.find((a) => a.startsWith('--events='));
  const m = eventsArg ? Number(eventsArg.slice('--events='.length)) : n + Math.floor((n * 2) / 5);
  if (!Number.isInteger(m) || m < n)
    throw new Error('--events ska vara ett heltal, minst lika stort som --size');
  console.log(`  machine: ${JSON.stringify(machineInfo())}`);

  const dir = mkdtempSync(path.join(os.tmpdir(), 'insats-bench-reports-'));
  let pglite: BackendResult;
  let events = 0;
  try {
    const database = await openDatabase({ dataDir: path.join(dir, 'data') });
    try {
      ({ result: pglite, events } = await measure(database, n, m, 'pglite', false));
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
      ({ result: postgres } = await measure(database, n, m, 'postgres', true));
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
      grouped: Math.round((pglite.groupedSeconds / postgres.groupedSeconds) * 100) / 100,
      // The target compares with PostgreSQL on one thread.
      refresh:
        Math.round(
          (pglite.refreshSeconds / (postgres.refreshSingleThreadSeconds ?? postgres.refreshSeconds)) * 100,
        ) / 100,
    },
  };
  const resultsDir = path.resolve(import.meta.dirname, 'results');
  mkdirSync(resultsDir, { recursive: true });
  const file = path.join(resultsDir, 'reports.json');
  writeFileSync(file, `${JSON.stringify(out, null, 2)}\n`);
  console.log(`  wrote ${file}: ${JSON.stringify(out)}`);
}
