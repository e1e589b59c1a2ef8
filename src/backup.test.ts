import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { createTestDatabase } from '../test/db.ts';
import {
  backupFileName,
  firstBackupDelayMs,
  listBackups,
  runScheduledBackup,
  startBackupSchedule,
} from './backup.ts';
import { ManualClock } from './clock.ts';
import { loadConfig } from './config.ts';
import { type Database, openDatabase } from './db/connection.ts';
import { createLogger } from './log.ts';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});
const tempDir = () => {
  const d = mkdtempSync(path.join(os.tmpdir(), 'insats-sched-backup-'));
  dirs.push(d);
  return d;
};
const HOUR = 3_600_000;

describe('scheduled backups', { timeout: 180_000 }, () => {
  it('reads its settings from the environment and is off without a directory', () => {
    expect(loadConfig({}).backup).toBeUndefined();
    expect(loadConfig({ INSATS_BACKUP_DIR: '/srv/insats-backup' }).backup).toEqual({
      dir: '/srv/insats-backup',
      everyHours: 24,
      keep: 14,
    });
    expect(
      loadConfig({ INSATS_BACKUP_DIR: '/b', INSATS_BACKUP_EVERY_HOURS: '6', INSATS_BACKUP_KEEP: '3' }).backup,
    ).toMatchObject({ everyHours: 6, keep: 3 });
    expect(() => loadConfig({ INSATS_BACKUP_DIR: '/b', INSATS_BACKUP_KEEP: '0' })).toThrow(
      /INSATS_BACKUP_KEEP/,
    );
  });

  it('is due one interval after the newest backup in the directory, at once when overdue', () => {
    const dir = tempDir();
    const kind = { kind: 'pglite' } as Database;
    expect(firstBackupDelayMs(dir, 24 * HOUR, new Date('2026-05-01T12:00:00Z'))).toBe(60_000);
    writeFileSync(path.join(dir, backupFileName(kind, new Date('2026-05-01T02:00:00Z'))), 'x');
    writeFileSync(path.join(dir, 'notes.txt'), 'not a backup');
    expect(firstBackupDelayMs(dir, 24 * HOUR, new Date('2026-05-01T12:00:00Z'))).toBe(14 * HOUR);
    expect(firstBackupDelayMs(dir, 24 * HOUR, new Date('2026-05-03T12:00:00Z'))).toBe(0);
    expect(listBackups(dir)).toEqual(['insats-20260501-020000.pgdata.tar.gz']);
  });

  it("runs on its interval, and an interval beyond a timer's range does not fire at once", async () => {
    vi.useFakeTimers();
    try {
      const dir = tempDir();
      const stub = { kind: 'pglite', dumpDataDir: async () => new Blob(['data']) } as unknown as Database;
      const clock = new ManualClock('2026-05-01T02:00:00Z');
      const log = createLogger('silent');
      // 1,000 hours is longer than setTimeout can wait: without the clamp it would fire every millisecond.
      const long = startBackupSchedule(
        stub,
        { ...loadConfig({}), backup: { dir, everyHours: 1000, keep: 3 } },
        log,
        clock,
      )!;
      await vi.advanceTimersByTimeAsync(59_000);
      expect(listBackups(dir)).toEqual([]);
      await vi.advanceTimersByTimeAsync(2_000); // the first one, a minute after start (none in the directory)
      expect(listBackups(dir)).toHaveLength(1);
      clock.advance(3_600_000);
      await vi.advanceTimersByTimeAsync(10_000);
      expect(listBackups(dir)).toHaveLength(1);
      long.stop();
    } finally {
      vi.useRealTimers();
    }
  });

  it.runIf(!process.env.TEST_DATABASE_URL)(
    'embedded: writes whole files, keeps the newest N, and the newest restores to the same rows',
    async () => {
      const database = await createTestDatabase();
      const dir = tempDir();
      const config = { ...loadConfig({}), backup: { dir, everyHours: 24, keep: 2 } };
      try {
        const days = ['2026-05-01T02:00:00Z', '2026-05-02T02:00:00Z', '2026-05-03T02:00:00Z'];
        const results = [];
        for (const d of days) results.push(await runScheduledBackup(database, config, new Date(d)));
        expect(results[2]!.removed).toEqual(['insats-20260501-020000.pgdata.tar.gz']);
        expect(listBackups(dir)).toEqual([
          'insats-20260502-020000.pgdata.tar.gz',
          'insats-20260503-020000.pgdata.tar.gz',
        ]);
        expect(results[2]!.bytes).toBeGreaterThan(10_000);

        const count = async (db: { query: (q: string) => Promise<{ rows: unknown[] }> }, table: string) =>
          Number(((await db.query(`SELECT count(*)::int AS n FROM ${table}`)).rows[0] as { n: number }).n);
        const restored = await PGlite.create({ loadDataDir: new Blob([readFileSync(results[2]!.file)]) });
        try {
          for (const table of ['organisation', 'app_user', 'code', 'audit_event']) {
            const [n] = (
              await database.db
                .selectFrom(table as 'code')
                .select((eb) => eb.fn.countAll<number>().as('n'))
                .execute()
            ).map((r) => Number(r.n));
            expect(await count(restored, table), table).toBe(n);
          }
        } finally {
          await restored.close();
        }
      } finally {
        await database.close();
      }
    },
  );

  it.runIf(Boolean(process.env.TEST_DATABASE_URL))(
    'PostgreSQL: pg_dump in custom format under the schedule name, pruned the same way',
    async () => {
      const adminUrl = process.env.TEST_DATABASE_URL!;
      const name = `insats_sb_${randomBytes(4).toString('hex')}`;
      const admin = new pg.Client({ connectionString: adminUrl });
      await admin.connect();
      await admin.query(`CREATE DATABASE ${name}`);
      const u = new URL(adminUrl);
      u.pathname = `/${name}`;
      const dir = tempDir();
      const config = {
        ...loadConfig({ DATABASE_URL: u.toString() }),
        backup: { dir, everyHours: 1, keep: 1 },
      };
      const database = await openDatabase({ url: u.toString() });
      try {
        await runScheduledBackup(database, config, new Date('2026-05-01T02:00:00Z'));
        const r = await runScheduledBackup(database, config, new Date('2026-05-01T03:00:00Z'));
        expect(listBackups(dir)).toEqual(['insats-20260501-030000.pgdump']);
        // pg_dump's custom format starts with "PGDMP".
        expect(readFileSync(r.file).subarray(0, 5).toString()).toBe('PGDMP');
      } finally {
        await database.close();
        await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await admin.end();
      }
    },
  );
});
