/**
 * Crash trials (`npm run test:crash [-- --trials N] [--database pglite|postgres|both]`).
 *
 * A child server takes writes over HTTP (each acknowledged id recorded), gets SIGKILL at a random
 * moment and is started again. After every restart: the server must come up by itself (no manual
 * repair), every acknowledged write must be there, and at the end the audit chain must verify.
 * Variants: kills during the very first start (initdb/migrations) on PGlite; on PostgreSQL also an
 * immediate shutdown of the database server under load, where the app must answer 503 (never a stack
 * trace) and recover within 5 s of the server's return.
 *
 * Writes bench/results/crash.json and test-results/crash.json ({passed, failed}) for CI's totals.
 * Only 127.0.0.1 is used; every process started here is ended by its pid.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { writeResult } from '../../bench/lib.ts';
import { syntheticImportCsv } from '../../bench/participants-lib.ts';
// @ts-expect-error plain ESM helper without types
import { startCluster } from '../../scripts/pg-cluster.mjs';

const ROOT = path.resolve(import.meta.dirname, '../..');
const BIN = path.join(ROOT, 'bin/insats.mjs');

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
}
const TRIALS = Number(arg('trials', '20'));
const WHICH = arg('database', 'both');
const SEED = Number(arg('seed', String(Date.now() % 100000)));
/** Kills in the middle of a 10,000-row import (all or nothing: after the restart 0 or 10,000 rows). */
const IMPORT_KILLS = Number(arg('import-kills', String(Math.max(2, Math.round(TRIALS / 10)))));
/** Rows written (through imports) before the large-WAL kill; the full run uses 500,000. */
const WAL_ROWS = Number(arg('wal-rows', TRIALS >= 100 ? '500000' : '20000'));
const IMPORT_ROWS = 10_000;

let state = SEED >>> 0 || 1;
function random(): number {
  // xorshift32: reproducible kill times for a given --seed
  state ^= state << 13;
  state ^= state >>> 17;
  state ^= state << 5;
  return (state >>> 0) / 2 ** 32;
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Server {
  child: ChildProcess;
  exited: Promise<number | null>;
  output: () => string;
}

/** Servers started here and not yet exited: ended by pid if the harness itself fails. */
const live = new Set<ChildProcess>();

function startServer(env: NodeJS.ProcessEnv): Server {
  const child = spawn(process.execPath, [BIN, 'serve'], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  live.add(child);
  child.on('exit', () => live.delete(child));
  let out = '';
  child.stdout!.on('data', (d) => {
    out += d;
  });
  child.stderr!.on('data', (d) => {
    out += d;
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, exited, output: () => out };
}

async function waitHealthy(base: string, server: Server, ms: number): Promise<number> {
  const started = Date.now();
  while (Date.now() - started < ms) {
    if (server.child.exitCode !== null) throw new Error(`server exited: ${server.output().slice(-2000)}`);
    try {
      const r = await fetch(`${base}/health`);
      if (r.status === 200) return Date.now() - started;
    } catch {
      /* not up yet */
    }
    await sleep(100);
  }
  throw new Error(`server not healthy within ${ms} ms: ${server.output().slice(-2000)}`);
}

async function kill(server: Server, signal: NodeJS.Signals = 'SIGKILL') {
  if (server.child.exitCode === null && server.child.pid) process.kill(server.child.pid, signal);
  await server.exited;
}

class Client {
  cookie = '';
  csrf = '';
  constructor(readonly base: string) {}
  async login(username: string, password: string) {
    const r = await fetch(`${this.base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password }),
    });
    if (r.status !== 200) throw new Error(`login failed ${r.status}`);
    this.cookie = (r.headers.get('set-cookie') ?? '').split(';')[0]!;
    this.csrf = ((await r.json()) as { csrfToken: string }).csrfToken;
  }
  async post(url: string, body: unknown): Promise<Response> {
    return fetch(`${this.base}${url}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: this.cookie, 'x-csrf-token': this.csrf },
      body: JSON.stringify(body),
    });
  }
  async get<T>(url: string): Promise<T> {
    const r = await fetch(`${this.base}${url}`, { headers: { cookie: this.cookie } });
    if (r.status !== 200) throw new Error(`GET ${url}: ${r.status} ${await r.text()}`);
    return (await r.json()) as T;
  }
}

function dayString(n: number): string {
  return new Date(Date.UTC(2000, 0, 1) + n * 86_400_000).toISOString().slice(0, 10);
}

interface DbResult {
  database: 'pglite' | 'postgres';
  trials: number;
  acknowledged: number;
  lost: number;
  restartsWithoutRepair: number;
  maxRestartMs: number;
  serverOutageTrials?: number;
  serverOutageMaxRecoveryMs?: number;
  serverOutageNon503?: number;
  chainVerified: boolean;
  firstStartKills?: number;
  importKills?: number;
  partialImportsVisible?: number;
  walRowsBeforeKill?: number;
  walRestartMs?: number;
}

/** Sequential writer: intakes with unique start dates; returns the acknowledged ids. */
async function writeUntil(
  client: Client,
  programmeId: string,
  counter: { n: number },
  stopAt: number,
  acked: Map<string, string>,
) {
  while (Date.now() < stopAt) {
    const day = dayString(counter.n++);
    try {
      const r = await client.post(`/api/programmes/${programmeId}/intakes`, { startsOn: day });
      if (r.status === 201) acked.set(((await r.json()) as { id: string }).id, day);
    } catch {
      return; // connection refused: the server died under us
    }
  }
}

async function runTrials(
  kind: 'pglite' | 'postgres',
  env: NodeJS.ProcessEnv,
  base: string,
): Promise<DbResult> {
  const result: DbResult = {
    database: kind,
    trials: 0,
    acknowledged: 0,
    lost: 0,
    restartsWithoutRepair: 0,
    maxRestartMs: 0,
    chainVerified: false,
  };
  const demo = spawnSync(process.execPath, [BIN, 'demo', '--small'], {
    env: { ...process.env, ...env },
    encoding: 'utf8',
  });
  if (demo.status !== 0) throw new Error(`demo failed: ${demo.stderr}`);
  let server = startServer(env);
  await waitHealthy(base, server, 120_000);
  let client = new Client(base);
  await client.login('enhetschef', 'demo-enhetschef-2026');
  const me = await client.get<{ user: { roles: { unitId: string }[] } }>('/api/auth/me');
  const created = await client.post('/api/programmes', {
    code: `crash-${Date.now()}`,
    name: 'Krasch',
    kind: 'aktivitet',
    unitId: me.user.roles[0]!.unitId,
  });
  const programmeId = ((await created.json()) as { id: string }).id;
  const acked = new Map<string, string>();
  const counter = { n: 0 };
  for (let t = 0; t < TRIALS; t++) {
    const runFor = 200 + Math.floor(random() * 1500);
    const writers = Array.from({ length: 3 }, () =>
      writeUntil(client, programmeId, counter, Date.now() + 60_000, acked),
    );
    await sleep(runFor);
    await kill(server);
    await Promise.all(writers);
    result.trials++;
    server = startServer(env);
    const ms = await waitHealthy(base, server, 60_000);
    result.restartsWithoutRepair++;
    result.maxRestartMs = Math.max(result.maxRestartMs, ms);
    client = new Client(base);
    await client.login('enhetschef', 'demo-enhetschef-2026');
    const p = await client.get<{ intakes: { id: string }[] }>(`/api/programmes/${programmeId}`);
    const present = new Set(p.intakes.map((i) => i.id));
    const lost = [...acked.keys()].filter((id) => !present.has(id));
    result.lost = lost.length;
    result.acknowledged = acked.size;
    process.stdout.write(
      `[crash:${kind}] trial ${t + 1}/${TRIALS}: killed after ${runFor} ms, acknowledged ${acked.size}, lost ${lost.length}, restart ${ms} ms\n`,
    );
  }
  server = await importTrials(kind, env, base, server, result);
  await kill(server, 'SIGTERM');
  const verify = spawnSync(process.execPath, [BIN, 'verify-audit'], {
    env: { ...process.env, ...env },
    encoding: 'utf8',
  });
  result.chainVerified = verify.status === 0;
  if (!result.chainVerified) process.stdout.write(verify.stdout + verify.stderr);
  return result;
}

/**
 * Imports of 10,000 participants each (one file, one transaction) over HTTP:
 * 1. IMPORT_KILLS times the server is killed at a random moment during an import; after the restart the
 *    unit holds either none or all of that file's rows, never part of it, and every acknowledged import.
 * 2. Large WAL: WAL_ROWS rows are imported (every import acknowledged), then the server is killed during
 *    one more import; the restart must replay that WAL by itself and lose nothing acknowledged.
 * The files come from one generated set, so no personnummer repeats across imports.
 */
async function importTrials(
  kind: 'pglite' | 'postgres',
  env: NodeJS.ProcessEnv,
  base: string,
  startServerOn: Server,
  result: DbResult,
): Promise<Server> {
  let server = startServerOn;
  const walImports = Math.ceil(WAL_ROWS / IMPORT_ROWS);
  const files = IMPORT_KILLS + walImports + 1;
  const all = new TextDecoder()
    .decode(syntheticImportCsv(files * IMPORT_ROWS, SEED))
    .split(/\r?\n/)
    .filter((line) => line.length > 0);
  const header = all[0]!.replace(/^\uFEFF/, '');
  const fileLines = (i: number) => all.slice(1 + i * IMPORT_ROWS, 1 + (i + 1) * IMPORT_ROWS);
  const encode = (lines: string[]) =>
    Buffer.from(`\uFEFF${[header, ...lines].join('\n')}\n`).toString('base64');
  let client = new Client(base);
  await client.login('enhetschef', 'demo-enhetschef-2026');
  const me = await client.get<{ user: { roles: { unitId: string }[] } }>('/api/auth/me');
  const unitId = me.user.roles[0]!.unitId;
  const total = async () =>
    (await client.get<{ total: number }>('/api/participants?scope=unit&pageSize=1')).total;
  let expected = await total();
  let next = 0;
  // Rows in the file being sent (an import answers 201 with all of them or writes none).
  let inFlightRows = 0;
  const importOne = async (): Promise<'ok' | 'died'> => {
    const n = next++;
    let lines = fileLines(n);
    try {
      for (let attempt = 0; ; attempt++) {
        inFlightRows = lines.length;
        const body = { filename: `krasch-${n}.csv`, contentBase64: encode(lines), responsibleUnitId: unitId };
        const r = await client.post('/api/participants/import', body);
        if (r.status === 201) {
          const { imported } = (await r.json()) as { imported: number };
          if (imported !== lines.length) throw new Error(`import took ${imported} of ${lines.length} rows`);
          expected += imported;
          result.acknowledged += imported;
          return 'ok';
        }
        const text = await r.text();
        // A generated number may already belong to a demo participant (a protected one is refused
        // without saying so): the import refuses the whole file (nothing written) and names the lines;
        // they are left out and the file sent again.
        const dup =
          r.status === 422 && attempt < 3
            ? ((JSON.parse(text) as { errors?: { line: number; column: string }[] }).errors ?? [])
                .filter((e) => e.column === 'Personnummer')
                .map((e) => e.line)
            : [];
        if (dup.length === 0) throw new Error(`import answered ${r.status}: ${text.slice(0, 300)}`);
        const bad = new Set(dup);
        lines = lines.filter((_, i) => !bad.has(i + 2)); // line 1 is the header
      }
    } catch (err) {
      if (err instanceof TypeError) return 'died'; // fetch failed: the server was killed under us
      throw err;
    }
  };
  const killDuringImport = async (label: string): Promise<number> => {
    const pending = importOne();
    // An import of 10,000 rows takes 1.5-4 s on an idle machine (PostgreSQL faster than PGlite); the
    // kill lands somewhere in its first 1.6 s, mostly inside it, sometimes just after.
    await sleep(100 + Math.floor(random() * 1500));
    await kill(server);
    const outcome = await pending;
    server = startServer(env);
    const ms = await waitHealthy(base, server, 120_000);
    result.trials++;
    result.restartsWithoutRepair++;
    result.maxRestartMs = Math.max(result.maxRestartMs, ms);
    client = new Client(base);
    await client.login('enhetschef', 'demo-enhetschef-2026');
    const now = await total();
    const whole = now === expected || (outcome === 'died' && now === expected + inFlightRows);
    if (!whole) {
      if (now < expected) result.lost += expected - now;
      else result.partialImportsVisible = (result.partialImportsVisible ?? 0) + 1;
    }
    if (whole) expected = now;
    process.stdout.write(
      `[crash:${kind}] ${label}: ${outcome === 'died' ? 'killed during the import' : 'import done before the kill'}, ` +
        `unit holds ${now} (acknowledged ${expected}), ${whole ? 'no partial import' : 'PARTIAL OR LOST'}, restart ${ms} ms\n`,
    );
    return ms;
  };
  for (let i = 0; i < IMPORT_KILLS; i++) {
    await killDuringImport(`import kill ${i + 1}/${IMPORT_KILLS}`);
  }
  result.importKills = IMPORT_KILLS;
  const walStart = expected;
  for (let i = 0; i < walImports; i++) {
    if ((await importOne()) !== 'ok') throw new Error('the server died during the large-WAL imports');
    process.stdout.write(
      `\r[crash:${kind}] large WAL: ${(expected - walStart).toLocaleString('sv-SE')} / ${(walImports * IMPORT_ROWS).toLocaleString('sv-SE')} rows written`,
    );
  }
  process.stdout.write('\n');
  result.walRowsBeforeKill = expected - walStart;
  result.walRestartMs = await killDuringImport(`large WAL (${result.walRowsBeforeKill} rows) kill`);
  return server;
}

/** Kills during the very first start (initdb, migrations, code lists); the next start must succeed. */
async function firstStartKills(n: number): Promise<{ passed: number; failed: number }> {
  let passed = 0;
  let failed = 0;
  for (let i = 0; i < n; i++) {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'insats-crash-first-'));
    const port = await freePort();
    const env = { INSATS_DATA_DIR: dir, PORT: String(port), DATABASE_URL: '' };
    const first = startServer(env);
    await sleep(1500 + Math.floor(random() * 8000));
    await kill(first);
    const second = startServer(env);
    try {
      await waitHealthy(`http://127.0.0.1:${port}`, second, 120_000);
      passed++;
      process.stdout.write(`[crash:first-start] ${i + 1}/${n}: restart after a kill during first start OK\n`);
    } catch (err) {
      failed++;
      process.stdout.write(`[crash:first-start] ${i + 1}/${n}: FAILED ${(err as Error).message}\n`);
    }
    await kill(second, 'SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  }
  return { passed, failed };
}

/** PostgreSQL immediate shutdown under load: 503 while down, recovery within 5 s, no lost acknowledged write. */
async function serverOutage(
  cluster: { dir: string; port: number },
  env: NodeJS.ProcessEnv,
  base: string,
  trials: number,
) {
  const server = startServer(env);
  await waitHealthy(base, server, 60_000);
  const client = new Client(base);
  await client.login('enhetschef', 'demo-enhetschef-2026');
  const me = await client.get<{ user: { roles: { unitId: string }[] } }>('/api/auth/me');
  const created = await client.post('/api/programmes', {
    code: `outage-${Date.now()}`,
    name: 'Avbrott',
    kind: 'aktivitet',
    unitId: me.user.roles[0]!.unitId,
  });
  const programmeId = ((await created.json()) as { id: string }).id;
  const acked = new Map<string, string>();
  const counter = { n: 0 };
  let maxRecovery = 0;
  let non503 = 0;
  const pgCtl = (args: string[]) =>
    spawnSync('runuser', ['-u', 'postgres', '--', path.join(pgBin(), 'pg_ctl'), ...args], {
      encoding: 'utf8',
    });
  for (let t = 0; t < trials; t++) {
    const stopWriting = Date.now() + 800;
    await writeUntil(client, programmeId, counter, stopWriting, acked);
    const down = pgCtl(['-D', path.join(cluster.dir, 'data'), '-m', 'immediate', '-w', 'stop']);
    if (down.status !== 0) throw new Error(`pg_ctl stop failed: ${down.stderr}`);
    const r = await client.post(`/api/programmes/${programmeId}/intakes`, {
      startsOn: dayString(counter.n++),
    });
    const text = await r.text();
    if (r.status !== 503 || /at .*\.(ts|js):\d+/.test(text)) non503++;
    const up = pgCtl([
      '-D',
      path.join(cluster.dir, 'data'),
      '-o',
      `-p ${cluster.port} -k ${cluster.dir} -c listen_addresses=127.0.0.1`,
      '-l',
      path.join(cluster.dir, 'log'),
      '-w',
      'start',
    ]);
    if (up.status !== 0) throw new Error(`pg_ctl start failed: ${up.stderr}`);
    const back = Date.now();
    for (;;) {
      const h = await fetch(`${base}/health`).catch(() => null);
      const w =
        h?.status === 200
          ? await client.post(`/api/programmes/${programmeId}/intakes`, { startsOn: dayString(counter.n++) })
          : null;
      if (w?.status === 201) {
        acked.set(((await w.json()) as { id: string }).id, '');
        break;
      }
      if (Date.now() - back > 30_000) throw new Error('app did not recover within 30 s');
      await sleep(100);
    }
    maxRecovery = Math.max(maxRecovery, Date.now() - back);
    process.stdout.write(
      `[crash:pg-outage] ${t + 1}/${trials}: answered ${r.status} while down, recovered in ${Date.now() - back} ms\n`,
    );
  }
  const p = await client.get<{ intakes: { id: string }[] }>(`/api/programmes/${programmeId}`);
  const present = new Set(p.intakes.map((i) => i.id));
  const lost = [...acked.keys()].filter((id) => !present.has(id)).length;
  await kill(server, 'SIGTERM');
  return { maxRecovery, non503, lost, acknowledged: acked.size };
}

function pgBin(): string {
  return spawnSync(
    'bash',
    [
      '-c',
      'ls -d /usr/lib/postgresql/15/bin 2>/dev/null || ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1',
    ],
    { encoding: 'utf8' },
  ).stdout.trim();
}

async function main() {
  const results: DbResult[] = [];
  let passed = 0;
  let failed = 0;
  const check = (ok: boolean, what: string) => {
    if (ok) passed++;
    else {
      failed++;
      process.stdout.write(`FAILED: ${what}\n`);
    }
  };
  if (WHICH === 'pglite' || WHICH === 'both') {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'insats-crash-'));
    const port = await freePort();
    try {
      const r = await runTrials(
        'pglite',
        { INSATS_DATA_DIR: dir, PORT: String(port), DATABASE_URL: '' },
        `http://127.0.0.1:${port}`,
      );
      const first = await firstStartKills(Math.max(1, Math.round(TRIALS / 10)));
      r.firstStartKills = first.passed + first.failed;
      results.push(r);
      check(r.lost === 0, `pglite: ${r.lost} acknowledged writes lost`);
      check(r.restartsWithoutRepair === r.trials, 'pglite: a restart needed repair');
      check(r.chainVerified, 'pglite: audit chain does not verify');
      check(!r.partialImportsVisible, 'pglite: a partial import was visible after a kill');
      passed += first.passed;
      failed += first.failed;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  if (WHICH === 'postgres' || WHICH === 'both') {
    const cluster = await startCluster({ port: 54000 + Math.floor(random() * 900) });
    const port = await freePort();
    const env = { DATABASE_URL: cluster.url, PORT: String(port) };
    try {
      const r = await runTrials('postgres', env, `http://127.0.0.1:${port}`);
      const outage = await serverOutage(
        cluster,
        env,
        `http://127.0.0.1:${port}`,
        Math.max(2, Math.round(TRIALS / 5)),
      );
      r.serverOutageTrials = Math.max(2, Math.round(TRIALS / 5));
      r.serverOutageMaxRecoveryMs = outage.maxRecovery;
      r.serverOutageNon503 = outage.non503;
      r.acknowledged += outage.acknowledged;
      r.lost += outage.lost;
      results.push(r);
      check(r.lost === 0, `postgres: ${r.lost} acknowledged writes lost`);
      check(r.restartsWithoutRepair === r.trials, 'postgres: a restart needed repair');
      check(r.chainVerified, 'postgres: audit chain does not verify');
      check(!r.partialImportsVisible, 'postgres: a partial import was visible after a kill');
      check(
        outage.non503 === 0,
        `postgres: ${outage.non503} answers while the server was down were not a clean 503`,
      );
      check(outage.maxRecovery <= 5000, `postgres: recovery took ${outage.maxRecovery} ms (> 5 s)`);
    } finally {
      await cluster.stop();
    }
  }
  writeResult('crash', { seed: SEED, results });
  mkdirSync(path.join(ROOT, 'test-results'), { recursive: true });
  writeFileSync(path.join(ROOT, 'test-results/crash.json'), JSON.stringify({ passed, failed }));
  process.stdout.write(`crash trials: ${passed} passed, ${failed} failed (seed ${SEED})\n`);
  process.exit(failed > 0 ? 1 : 0);
}

main().catch((err) => {
  console.error(err);
  // A failed harness must not leave its servers running.
  for (const child of live) if (child.exitCode === null && child.pid) process.kill(child.pid, 'SIGKILL');
  mkdirSync(path.join(ROOT, 'test-results'), { recursive: true });
  writeFileSync(path.join(ROOT, 'test-results/crash.json'), JSON.stringify({ passed: 0, failed: 1 }));
  process.exit(1);
});
