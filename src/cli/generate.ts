import os from 'node:os';
import path from 'node:path';
import { writeResult } from '../../bench/lib.ts';
import type { Database } from '../db/connection.ts';
import { refreshAllOutcomes } from '../features/reports/refresh-outcomes.ts';
import { type GenerateResult, generate } from './generator.ts';
import { createProgress, formatDuration, oneDecimal } from './progress.ts';

/**
 * `insats generate --participants N --events M [--seed S] [--organisation <kod>] [--chunk-rows R]`:
 * national-scale synthetic data (see generator.ts) loaded with COPY into the configured database,
 * with a progress bar on stderr. Prints the achieved rows per second, for the whole load and for its
 * COPY phase (before the indexes and keys are rebuilt), and writes bench/results/generate-cli.json.
 */

export interface GenerateArgs {
  participants: number;
  events: number;
  seed: number;
  organisationCode: string;
  chunkRows?: number;
  /** Write bench/results/generate-cli.json (not with --no-results). */
  writeResults: boolean;
}

function intArg(args: string[], name: string): number | undefined {
  const i = args.indexOf(name);
  if (i < 0) return undefined;
  const text = (args[i + 1] ?? '').replaceAll('_', '');
  const n = Number(text);
  if (text === '' || !Number.isSafeInteger(n) || n < 0) throw new Error(`${name} kräver ett heltal ≥ 0.`);
  return n;
}

export function parseGenerateArgs(args: string[]): GenerateArgs {
  const participants = intArg(args, '--participants');
  const events = intArg(args, '--events');
  if (participants === undefined || participants < 1) throw new Error('Ange --participants N (minst 1).');
  if (events === undefined) throw new Error('Ange --events M.');
  const o = args.indexOf('--organisation');
  const organisationCode = o >= 0 ? (args[o + 1] ?? '') : '9999';
  if (!/^[0-9A-Za-z-]{1,20}$/.test(organisationCode))
    throw new Error('--organisation kräver en kod (1–20 tecken).');
  const chunkRows = intArg(args, '--chunk-rows');
  return {
    participants,
    events,
    seed: intArg(args, '--seed') ?? 1,
    organisationCode,
    ...(chunkRows ? { chunkRows } : {}),
    writeResults: !args.includes('--no-results'),
  };
}

const round = (x: number, digits = 0) => Math.round(x * 10 ** digits) / 10 ** digits;

export async function generateCommand(
  database: Database,
  args: string[],
  log: (line: string) => void = console.log,
): Promise<GenerateResult> {
  const a = parseGenerateArgs(args);
  const engine = database.kind === 'pg' ? 'PostgreSQL' : 'PGlite';
  log(
    `Genererar ${a.participants.toLocaleString('sv-SE')} deltagare och ${a.events.toLocaleString('sv-SE')} händelser ` +
      `(frö ${a.seed}, organisation ${a.organisationCode}) i ${engine} med COPY…`,
  );
  const cpuStart = process.cpuUsage();
  const progress = createProgress('Läser in');
  let last = { done: 0, total: 0 };
  let finished = false;
  const result = await generate(database, {
    participants: a.participants,
    events: a.events,
    seed: a.seed,
    organisationCode: a.organisationCode,
    ...(a.chunkRows ? { chunkRows: a.chunkRows } : {}),
    onProgress: (done, total) => {
      last = { done, total };
      progress.update(done, total);
    },
    onPhase: (phase) => {
      if (!finished) progress.finish(last.done, last.total);
      finished = true;
      process.stderr.write(
        phase === 'index'
          ? 'Återskapar primärnycklar, index och främmande nycklar…\n'
          : 'Uppdaterar tabellstatistiken (ANALYZE)…\n',
      );
    },
  });
  if (!finished) progress.finish(last.done, last.total);
  const rowsPerSecond = result.rows / result.seconds;
  const copyRowsPerSecond = result.rows / result.copySeconds;
  // On a shared machine wall-clock rates say more about the neighbours; CPU time (this process and its
  // worker thread; on PGlite the database runs in-process) is recorded beside it.
  const cpu = process.cpuUsage(cpuStart);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  log(
    `Klart: ${result.rows.toLocaleString('sv-SE')} rader (${result.participants.toLocaleString('sv-SE')} deltagare, ` +
      `${result.enrolments.toLocaleString('sv-SE')} insatser, ${result.followUps.toLocaleString('sv-SE')} uppföljningar) ` +
      `på ${formatDuration(result.seconds)}: ${Math.round(rowsPerSecond).toLocaleString('sv-SE')} rader/s. ` +
      `Inläsningen med COPY tog ${oneDecimal(result.copySeconds)} s (${Math.round(copyRowsPerSecond).toLocaleString('sv-SE')} rader/s), ` +
      `index och främmande nycklar återskapades på ${oneDecimal(result.indexSeconds)} s.`,
  );
  log(`Organisation: ${result.organisationId}`);
  // The load marks nothing for the reports (insats.bulk_load); rebuild the organisation's outcome rows
  // and their rollup now so the first report reads a complete table.
  process.stderr.write('Bygger utfallstabellen för rapporterna…\n');
  const outcomeStarted = process.hrtime.bigint();
  const outcomeRows = await database.db
    .transaction()
    .execute((tx) => refreshAllOutcomes(tx, result.organisationId));
  const outcomeSeconds = Number(process.hrtime.bigint() - outcomeStarted) / 1e9;
  log(`Utfallstabellen: ${outcomeRows.toLocaleString('sv-SE')} rader på ${formatDuration(outcomeSeconds)}.`);
  if (a.writeResults) {
    const file = writeResult('generate-cli', {
      participants: result.participants,
      events: result.events,
      seed: a.seed,
      database: database.kind === 'pg' ? 'postgres' : 'pglite',
      rows: result.rows,
      enrolments: result.enrolments,
      followUps: result.followUps,
      seconds: round(result.seconds, 1),
      indexSeconds: round(result.indexSeconds, 1),
      rowsPerSecond: Math.round(rowsPerSecond),
      copySeconds: round(result.copySeconds, 1),
      copyRowsPerSecond: Math.round(copyRowsPerSecond),
      cpuSeconds: round(cpuSeconds, 1),
      rebuiltIndexes: result.rebuiltIndexes,
      outcomeRows,
      outcomeSeconds: round(outcomeSeconds, 1),
      loadAverage: os.loadavg().map((l) => round(l, 1)),
    });
    log(`Resultat skrivet till ${path.relative(process.cwd(), file)}`);
  }
  return result;
}
