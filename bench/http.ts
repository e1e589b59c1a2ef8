/**
 * `npm run bench -- http`: requests per second and latency at 20 concurrent keep-alive clients.
 * Anchors in the same run: bare node:http for the framework overhead; native PostgreSQL (throwaway
 * cluster) beside embedded PGlite for a database-backed read endpoint (GET /api/programmes, signed in).
 * Nothing is written during the run, so the session and the catalogue are served from the cached reads
 * (src/db/read-cache.ts) after the first request: this measures the steady state of a read-mostly
 * page, where each request checks the data version (PGlite: a counter; PostgreSQL: notifications).
 * Targets (issue 10): framework ≥ 0.8 × bare; PGlite ≥ 2,000 req/s with p99 ≤ 25 ms; PostgreSQL
 * ≥ 5,000 req/s with p99 ≤ 10 ms. Writes bench/results/http.json.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
// @ts-expect-error plain ESM helper without types
import { startCluster } from '../scripts/pg-cluster.mjs';
import { writeResult } from './lib.ts';

const CONCURRENCY = 20;

function arg(args: string[], name: string, fallback: number): number {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
}

export async function startChild(
  kind: string,
  env: NodeJS.ProcessEnv = {},
): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(import.meta.dirname, 'http-server.ts'), kind],
    {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d) => {
      out += d;
      const m = /READY (\d+)/.exec(out);
      if (m) resolve(Number(m[1]));
    });
    child.on('exit', (code) => reject(new Error(`${kind} exited ${code}`)));
  });
  return { child, port };
}

export async function stopChild(child: ChildProcess) {
  if (child.exitCode !== null) return;
  const done = new Promise((r) => child.on('exit', r));
  child.kill('SIGTERM');
  await done;
}

interface Load {
  rps: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  errors: number;
  requests: number;
}

/** Closed-loop load: CONCURRENCY clients, each sending its next request when the last one answered. */
async function load(
  port: number,
  pathName: string,
  seconds: number,
  headers: Record<string, string> = {},
): Promise<Load> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const latencies: number[] = [];
  let errors = 0;
  const one = () =>
    new Promise<void>((resolve) => {
      const started = performance.now();
      const req = http.request({ host: '127.0.0.1', port, path: pathName, agent, headers }, (res) => {
        res.resume();
        res.on('end', () => {
          if (res.statusCode !== 200) errors++;
          latencies.push(performance.now() - started);
          resolve();
        });
      });
      req.on('error', () => {
        errors++;
        resolve();
      });
      req.end();
    });
  // Warm-up.
  for (let i = 0; i < 200; i++) await one();
  latencies.length = 0;
  errors = 0;
  const t0 = performance.now();
  const until = t0 + seconds * 1000;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (performance.now() < until) await one();
    }),
  );
  const elapsed = (performance.now() - t0) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const q = (p: number) =>
    Math.round((latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))] ?? 0) * 100) /
    100;
  return {
    rps: Math.round(latencies.length / elapsed),
    p50Ms: q(0.5),
    p95Ms: q(0.95),
    p99Ms: q(0.99),
    errors,
    requests: latencies.length,
  };
}

async function signIn(port: number): Promise<Record<string, string>> {
  const res = await fetch(`http://127.0.0.1:${port}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'handlaggare', password: 'demo-handlaggare-2026' }),
  });
  if (res.status !== 200) throw new Error(`login ${res.status}`);
  return { cookie: (res.headers.get('set-cookie') ?? '').split(';')[0]! };
}

export async function run(args: string[]) {
  const seconds = arg(args, 'seconds', 10);
  const out: Record<string, unknown> = { concurrency: CONCURRENCY, seconds };
  for (const kind of ['bare', 'framework'] as const) {
    const { child, port } = await startChild(kind);
    try {
      out[kind] = await load(port, '/', seconds);
    } finally {
      await stopChild(child);
    }
  }
  const bare = out.bare as Load;
  const framework = out.framework as Load;
  // Each app run starts on an empty database of its own (the child loads the demo municipality).
  const appLoad = async (env: NodeJS.ProcessEnv) => {
    const { child, port } = await startChild('app', env);
    try {
      return await load(port, '/api/programmes', seconds, await signIn(port));
    } finally {
      await stopChild(child);
    }
  };
  // INSATS_READ_CACHE=off: every request reads its session and the catalogue from the database, which
  // is what a request costs while data keeps changing.
  for (const cache of ['on', 'off'] as const) {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'insats-bench-http-'));
    try {
      out[cache === 'on' ? 'pglite' : 'pgliteUncached'] = await appLoad({
        INSATS_DATA_DIR: dir,
        DATABASE_URL: '',
        INSATS_READ_CACHE: cache,
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  const cluster = await startCluster({ port: 54600 + Math.floor(Math.random() * 300) });
  try {
    const admin = new pg.Client({ connectionString: cluster.url });
    await admin.connect();
    await admin.query('CREATE DATABASE bench_uncached');
    await admin.end();
    const uncachedUrl = new URL(cluster.url);
    uncachedUrl.pathname = '/bench_uncached';
    out.postgres = await appLoad({ DATABASE_URL: cluster.url, INSATS_READ_CACHE: 'on' });
    out.postgresUncached = await appLoad({ DATABASE_URL: uncachedUrl.toString(), INSATS_READ_CACHE: 'off' });
  } finally {
    await cluster.stop();
  }
  const pglite = out.pglite as Load;
  const postgres = out.postgres as Load;
  const pgliteUncached = out.pgliteUncached as Load;
  const postgresUncached = out.postgresUncached as Load;
  const result = {
    bareNodeRps: bare.rps,
    frameworkRps: framework.rps,
    frameworkRatio: Math.round((framework.rps / bare.rps) * 100) / 100,
    pglite: { rps: pglite.rps, p99Ms: pglite.p99Ms, p95Ms: pglite.p95Ms, errors: pglite.errors },
    postgres: { rps: postgres.rps, p99Ms: postgres.p99Ms, p95Ms: postgres.p95Ms, errors: postgres.errors },
    uncached: {
      pglite: { rps: pgliteUncached.rps, p99Ms: pgliteUncached.p99Ms },
      postgres: { rps: postgresUncached.rps, p99Ms: postgresUncached.p99Ms },
    },
    detail: out,
    targets: { frameworkRatio: 0.8, pglite: { rps: 2000, p99Ms: 25 }, postgres: { rps: 5000, p99Ms: 10 } },
  };
  console.log(
    `[bench:http] bare ${bare.rps} req/s, Hono ${framework.rps} req/s (ratio ${result.frameworkRatio}, target ≥ 0.8)\n` +
      `[bench:http] GET /api/programmes at ${CONCURRENCY} clients: PGlite ${pglite.rps} req/s p99 ${pglite.p99Ms} ms; ` +
      `PostgreSQL ${postgres.rps} req/s p99 ${postgres.p99Ms} ms (PGlite/PostgreSQL ${Math.round((pglite.rps / postgres.rps) * 100) / 100})\n` +
      `[bench:http] the same without cached reads (INSATS_READ_CACHE=off): PGlite ${pgliteUncached.rps} req/s ` +
      `p99 ${pgliteUncached.p99Ms} ms; PostgreSQL ${postgresUncached.rps} req/s p99 ${postgresUncached.p99Ms} ms`,
  );
  console.log(`[bench:http] wrote ${writeResult('http', result)}`);
}
