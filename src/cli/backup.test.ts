import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../db/connection.ts';
import { verifyAudit } from '../features/audit/verify-audit.ts';

const BIN = path.resolve(import.meta.dirname, '../../bin/insats.mjs');
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function cli(args: string[], env: NodeJS.ProcessEnv) {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    env: { ...process.env, DATABASE_URL: '', ...env },
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { code: r.status, out: `${r.stdout}${r.stderr}` };
}

const TABLES = ['organisation', 'unit', 'app_user', 'user_role', 'audit_event', 'code'] as const;

async function snapshot(url: string | undefined, dataDir?: string) {
  const database = url
    ? await openDatabase({ url, migrate: false })
    : await openDatabase({ dataDir: dataDir!, migrate: false });
  try {
    const counts: Record<string, number> = {};
    for (const t of TABLES) {
      const r = await database.db
        .selectFrom(t)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      counts[t] = Number(r.n);
    }
    const hashes = await database.db
      .selectFrom('audit_chain_head')
      .select(['organisation_id', 'seq', 'hash'])
      .orderBy('organisation_id')
      .execute();
    const verified = (await verifyAudit(database.db)).ok;
    return { counts, hashes, verified };
  } finally {
    await database.close();
  }
}

describe('backup and restore drill', { timeout: 300_000 }, () => {
  it.runIf(!process.env.TEST_DATABASE_URL)(
    'embedded: restore gives identical row counts, chain heads and a verifying chain',
    async () => {
      const base = mkdtempSync(path.join(os.tmpdir(), 'insats-backup-'));
      dirs.push(base);
      const src = path.join(base, 'src');
      const dst = path.join(base, 'dst');
      const file = path.join(base, 'backup.tgz');
      expect(cli(['demo', '--small'], { INSATS_DATA_DIR: src }).code).toBe(0);
      const backup = cli(['backup', file], { INSATS_DATA_DIR: src });
      expect(backup.code, backup.out).toBe(0);
      expect(existsSync(file)).toBe(true);
      const restore = cli(['restore', file], { INSATS_DATA_DIR: dst });
      expect(restore.code, restore.out).toBe(0);
      expect(restore.out).toContain('Loggkedjan: OK');
      // Restoring over an existing database needs --force.
      expect(cli(['restore', file], { INSATS_DATA_DIR: dst }).code).not.toBe(0);
      const a = await snapshot(undefined, src);
      const b = await snapshot(undefined, dst);
      expect(b).toEqual(a);
      expect(a.verified).toBe(true);
      expect(a.counts.app_user).toBe(8);
    },
  );

  it.runIf(Boolean(process.env.TEST_DATABASE_URL))(
    'PostgreSQL: pg_dump and pg_restore round trip',
    async () => {
      const adminUrl = process.env.TEST_DATABASE_URL!;
      const names = [
        `insats_bk_${randomBytes(4).toString('hex')}`,
        `insats_rs_${randomBytes(4).toString('hex')}`,
      ];
      const admin = new pg.Client({ connectionString: adminUrl });
      await admin.connect();
      for (const n of names) await admin.query(`CREATE DATABASE ${n}`);
      const urlFor = (n: string) => {
        const u = new URL(adminUrl);
        u.pathname = `/${n}`;
        return u.toString();
      };
      const base = mkdtempSync(path.join(os.tmpdir(), 'insats-backup-'));
      dirs.push(base);
      const file = path.join(base, 'backup.dump');
      try {
        expect(cli(['demo', '--small'], { DATABASE_URL: urlFor(names[0]!) }).code).toBe(0);
        const backup = cli(['backup', file], { DATABASE_URL: urlFor(names[0]!) });
        expect(backup.code, backup.out).toBe(0);
        const restore = cli(['restore', file], { DATABASE_URL: urlFor(names[1]!) });
        expect(restore.code, restore.out).toBe(0);
        expect(restore.out).toContain('Loggkedjan: OK');
        const a = await snapshot(urlFor(names[0]!));
        const b = await snapshot(urlFor(names[1]!));
        expect(b).toEqual(a);
      } finally {
        for (const n of names) await admin.query(`DROP DATABASE IF EXISTS ${n} WITH (FORCE)`);
        await admin.end();
      }
    },
  );
});
