import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { acquireDataDirLock, DataDirLockedError } from './lock.ts';

const BIN = path.resolve(import.meta.dirname, '../../bin/insats.mjs');
const dirs: string[] = [];
const children: ChildProcess[] = [];

function tempDir(): string {
  const d = mkdtempSync(path.join(os.tmpdir(), 'insats-life-'));
  dirs.push(d);
  return d;
}

afterAll(() => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

function run(args: string[], env: NodeJS.ProcessEnv) {
  const child = spawn(process.execPath, [BIN, ...args], {
    env: { ...process.env, DATABASE_URL: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let out = '';
  child.stdout!.on('data', (d) => {
    out += d;
  });
  child.stderr!.on('data', (d) => {
    out += d;
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => out, exited };
}

async function waitFor(cond: () => boolean, ms: number, what: string) {
  const until = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** pg_control's DBState: 1 = shut down cleanly, 6 = in production (a start from here needs crash recovery). */
function controlState(dataDir: string): number {
  return readFileSync(path.join(dataDir, 'pgdata', 'global', 'pg_control')).readUInt32LE(16);
}

describe('lock file', () => {
  it('refuses a second lock in the same process tree and takes over a stale one', () => {
    const d = tempDir();
    const release = acquireDataDirLock(d);
    expect(() => acquireDataDirLock(d)).toThrow(DataDirLockedError);
    release();
    // A lock left by a process that no longer exists is taken over.
    writeFileSync(path.join(d, 'insats.lock'), '999999\n');
    const again = acquireDataDirLock(d);
    expect(readFileSync(path.join(d, 'insats.lock'), 'utf8').trim()).toBe(String(process.pid));
    again();
    expect(existsSync(path.join(d, 'insats.lock'))).toBe(false);
  });
});

describe('embedded server lifecycle', { timeout: 120_000 }, () => {
  it('refuses a second process within 2 s naming the holder, and shuts down cleanly on SIGTERM', async () => {
    const dataDir = tempDir();
    const port = await freePort();
    const env = { INSATS_DATA_DIR: dataDir, PORT: String(port) };
    const first = run(['serve'], env);
    await waitFor(() => first.output().includes('Insats körs'), 90_000, 'first server');

    const started = Date.now();
    const second = run(['migrate'], env);
    const code = await second.exited;
    const elapsed = Date.now() - started;
    expect(code).not.toBe(0);
    expect(second.output()).toContain(`pid ${first.child.pid}`);
    expect(elapsed).toBeLessThan(2_000);

    // A write: a failed login is audited.
    const res = await fetch(`http://127.0.0.1:${port}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'nobody', password: 'x' }),
    });
    expect(res.status).toBe(401);
    expect(controlState(dataDir)).toBe(6);

    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    expect(existsSync(path.join(dataDir, 'insats.lock'))).toBe(false);
    expect(controlState(dataDir)).toBe(1); // clean: the next start needs no recovery

    const verify = run(['verify-audit'], env);
    expect(await verify.exited).toBe(0);
    expect(verify.output()).toContain('Loggkedjan är hel.');
  });

  it('throws away an interrupted first start', async () => {
    const dataDir = tempDir();
    const port = await freePort();
    const first = run(['serve'], { INSATS_DATA_DIR: dataDir, PORT: String(port) });
    await waitFor(() => existsSync(path.join(dataDir, `pgdata.init-${first.child.pid}`)), 60_000, 'init dir');
    first.child.kill('SIGKILL');
    await first.exited;
    expect(existsSync(path.join(dataDir, 'pgdata'))).toBe(false);
    const second = run(['migrate'], { INSATS_DATA_DIR: dataDir });
    expect(await second.exited).toBe(0);
    expect(existsSync(path.join(dataDir, 'pgdata'))).toBe(true);
    expect(existsSync(path.join(dataDir, `pgdata.init-${first.child.pid}`))).toBe(false);
  });
});
