/**
 * `npm run bench -- generate [--participants=N] [--events=M]`: the synthetic-data generator
 * (`insats generate`, src/cli/generator.ts) into file-backed PGlite and, as the anchor, into a throwaway
 * PostgreSQL 15 cluster in the same run: the same rows, the same drop and rebuild of keys and indexes.
 *
 * Issue 10's target is 300,000 rows/s loaded through COPY into file-backed PGlite. Printed per engine:
 * the COPY phase (from the start of the load until the last row is in) and the whole load (with the
 * rebuild of keys, indexes and foreign keys, and ANALYZE), and the ratios PGlite/target and
 * PGlite/PostgreSQL. Default shape 100,000 participants and 2,000,000 events (1.5M rows, under a minute
 * per engine); the issue's full shape is `--participants=1000000 --events=20000000` (15.2M rows,
 * about 4 minutes on PGlite and 2½ on PostgreSQL here). Writes bench/results/generate.json.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
// @ts-expect-error -- plain ESM helper without type declarations
import { startCluster } from '../scripts/pg-cluster.mjs';
import { type GenerateResult, generate } from '../src/cli/generator.ts';
import { type Database, openDatabase } from '../src/db/connection.ts';
import { machineInfo, writeResult } from './lib.ts';

const TARGET_ROWS_PER_SECOND = 300_000;

function intFlag(args: string[], name: string, fallback: number): number {
  const arg = args.find((a) => a.startsWith(`--${name}=`));
  if (!arg) return fallback;
  const n = Number(arg.slice(name.length + 3).replaceAll('_', ''));
  if (!Number.isSafeInteger(n) || n < 1) throw new Error(`--${name} ska vara ett positivt heltal`);
  return n;
}

interface EngineFigures {
  copySeconds: number;
  copyRowsPerSecond: number;
  indexSeconds: number;
  seconds: number;
  rowsPerSecond: number;
}

const round1 = (x: number) => Math.round(x * 10) / 10;
const ratio = (a: number, b: number) => Math.round((a / b) * 100) / 100;

function figures(label: string, r: GenerateResult): EngineFigures {
  const f = {
    copySeconds: round1(r.copySeconds),
    copyRowsPerSecond: Math.round(r.rows / r.copySeconds),
    indexSeconds: round1(r.indexSeconds),
    seconds: round1(r.seconds),
    rowsPerSecond: Math.round(r.rows / r.seconds),
  };
  console.log(
    `  ${label}: ${r.rows} rows; COPY phase ${f.copySeconds} s (${f.copyRowsPerSecond} rows/s); ` +
      `keys and indexes ${f.indexSeconds} s; whole load ${f.seconds} s (${f.rowsPerSecond} rows/s)`,
  );
  return f;
}

export async function run(args: string[]): Promise<void> {
  const participants = intFlag(args, 'participants', 100_000);
  const events = intFlag(args, 'events', 2_000_000);
  console.log(`  machine: ${JSON.stringify(machineInfo())}`);
  console.log(`  ${participants} participants, ${events} events, seed 1`);

  // One load per engine, into a database of its own; closed whatever happens.
  const load = async (database: Database) => {
    try {
      return await generate(database, { participants, events, seed: 1 });
    } finally {
      await database.close();
    }
  };

  const dir = mkdtempSync(path.join(os.tmpdir(), 'insats-bench-generate-'));
  let onPglite: GenerateResult;
  try {
    onPglite = await load(await openDatabase({ dataDir: path.join(dir, 'data') }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const pglite = figures('pglite (file-backed)', onPglite);

  const cluster = await startCluster({ port: 54900 + Math.floor(Math.random() * 90) });
  let onPostgres: GenerateResult;
  try {
    onPostgres = await load(await openDatabase({ url: cluster.url, poolSize: 2 }));
  } finally {
    await cluster.stop();
  }
  const postgres = figures('postgres', onPostgres);

  const ratios = {
    copyVsTarget: ratio(pglite.copyRowsPerSecond, TARGET_ROWS_PER_SECOND),
    copyVsPostgres: ratio(pglite.copyRowsPerSecond, postgres.copyRowsPerSecond),
    wholeVsTarget: ratio(pglite.rowsPerSecond, TARGET_ROWS_PER_SECOND),
    wholeVsPostgres: ratio(pglite.rowsPerSecond, postgres.rowsPerSecond),
    postgresWholeVsTarget: ratio(postgres.rowsPerSecond, TARGET_ROWS_PER_SECOND),
  };
  console.log(
    `  ratios: PGlite COPY ${ratios.copyVsTarget}× the ${TARGET_ROWS_PER_SECOND.toLocaleString('en')} rows/s target and ${ratios.copyVsPostgres}× PostgreSQL's COPY; ` +
      `whole load ${ratios.wholeVsTarget}× the target and ${ratios.wholeVsPostgres}× PostgreSQL's (PostgreSQL's own whole load ${ratios.postgresWholeVsTarget}× the target)`,
  );
  const file = writeResult('generate', {
    participants,
    events,
    rows: onPglite.rows,
    targetRowsPerSecond: TARGET_ROWS_PER_SECOND,
    pglite,
    postgres,
    ratios,
  });
  console.log(`  wrote ${file}`);
}
