import { execFile } from 'node:child_process';
import {
  closeSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Logger } from 'pino';
import type { Clock } from './clock.ts';
import type { Config } from './config.ts';
import type { Database } from './db/connection.ts';

const execFileAsync = promisify(execFile);

/** Backups written by the schedule: `insats-YYYYMMDD-HHMMSS.<ext>` (UTC), so names sort by time. */
const NAME = /^insats-(\d{8}-\d{6})\.(pgdata\.tar\.gz|pgdump)$/;

/**
 * Writes a backup of the whole database to `file`: the embedded database as its data directory
 * (PGlite's dump, gzip, taken between two statements so it is consistent), PostgreSQL with `pg_dump`
 * in custom format. The file appears only when complete: it is written beside the target, flushed to
 * disk and renamed, so a crash or a full disk never leaves a half file under the real name.
 */
export async function writeBackup(database: Database, config: Config, file: string): Promise<number> {
  mkdirSync(path.dirname(file), { recursive: true });
  const partial = `${file}.part`;
  try {
    if (database.kind === 'pg') {
      if (!config.databaseUrl) throw new Error('PostgreSQL utan DATABASE_URL');
      await execFileAsync('pg_dump', ['--format=custom', `--file=${partial}`, config.databaseUrl]);
    } else {
      if (!database.dumpDataDir) throw new Error('Databasen kan inte säkerhetskopieras i processen.');
      const blob = await database.dumpDataDir();
      writeFileSync(partial, Buffer.from(await blob.arrayBuffer()));
    }
    const fd = openSync(partial, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(partial, file);
    return statSync(file).size;
  } catch (err) {
    rmSync(partial, { force: true });
    throw err;
  }
}

const FIRST_BACKUP_DELAY_MS = 60_000;
/** setTimeout/setInterval fire at once for delays above 2^31 − 1 ms. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** The UTC time in a schedule file's name, in ms. */
export function backupTime(name: string): number {
  const m = NAME.exec(name)?.[1] ?? '';
  return Date.parse(
    `${m.slice(0, 4)}-${m.slice(4, 6)}-${m.slice(6, 8)}T${m.slice(9, 11)}:${m.slice(11, 13)}:${m.slice(13, 15)}Z`,
  );
}

export function backupFileName(database: Database, at: Date): string {
  const stamp = at.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return `insats-${stamp}.${database.kind === 'pg' ? 'pgdump' : 'pgdata.tar.gz'}`;
}

/** The schedule's backups in `dir`, oldest first (other files are left alone). */
export function listBackups(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  return names.filter((n) => NAME.test(n)).sort();
}

export interface ScheduledBackupResult {
  file: string;
  bytes: number;
  seconds: number;
  removed: string[];
}

/** One scheduled backup: write the new file, then keep only the newest `backupKeep` of the schedule's files. */
export async function runScheduledBackup(
  database: Database,
  config: Config,
  at: Date,
): Promise<ScheduledBackupResult> {
  const dir = config.backup?.dir;
  if (!dir) throw new Error('Ingen katalog för säkerhetskopior (INSATS_BACKUP_DIR).');
  const started = performance.now();
  const file = path.join(dir, backupFileName(database, at));
  const bytes = await writeBackup(database, config, file);
  const all = listBackups(dir);
  const removed = all.slice(0, Math.max(0, all.length - config.backup!.keep));
  for (const name of removed) rmSync(path.join(dir, name), { force: true });
  return { file, bytes, seconds: (performance.now() - started) / 1000, removed };
}

/** Due one interval after the newest backup already in the directory (at once if overdue); a minute after start if none. */
export function firstBackupDelayMs(dir: string, everyMs: number, now: Date): number {
  const newest = listBackups(dir).at(-1);
  if (!newest) return FIRST_BACKUP_DELAY_MS;
  return Math.min(everyMs, Math.max(0, backupTime(newest) + everyMs - now.getTime()));
}

/**
 * Runs `runScheduledBackup` every `backup.everyHours` while the server runs; the first one is due one
 * interval after the newest backup already in the directory (at once if that is overdue), or a minute
 * after start when there is none. A failed backup is logged as an error and retried at the next tick;
 * it never stops the server. Intervals beyond a timer's range (~24.8 days) are shortened to it.
 */
export function startBackupSchedule(
  database: Database,
  config: Config,
  log: Logger,
  clock: Clock,
): { stop(): void } | null {
  const b = config.backup;
  if (!b) return null;
  const everyMs = Math.min(b.everyHours * 3_600_000, MAX_TIMER_MS);
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      const r = await runScheduledBackup(database, config, clock.now());
      log.info(
        { file: r.file, bytes: r.bytes, seconds: Number(r.seconds.toFixed(2)), removed: r.removed },
        'scheduled backup written',
      );
    } catch (err) {
      log.error({ err }, 'scheduled backup failed');
    } finally {
      running = false;
    }
  };
  const due = firstBackupDelayMs(b.dir, everyMs, clock.now());
  const first = setTimeout(
    () => {
      void tick();
      interval = setInterval(() => void tick(), everyMs);
      interval.unref();
    },
    Math.min(due, everyMs),
  );
  first.unref();
  let interval: NodeJS.Timeout | undefined;
  return {
    stop() {
      clearTimeout(first);
      if (interval) clearInterval(interval);
    },
  };
}
