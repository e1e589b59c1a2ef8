/**
 * `npm run bench -- load [--seconds 600] [--users 50] [--ci-report FILE]`: load test of a real Insats
 * server (child process, embedded PGlite in a temp dir, demo municipality) on 127.0.0.1 only.
 *
 * Phase 1: `users` signed-in clients, each waiting a think time between requests (uniform 0 to
 * 2 × `--think-ms`, default mean 1 s: a case worker clicks, reads, clicks), 80 % reads (caseload list, person page with its
 * audit read event, programme catalogue, workplace register) and 20 % writes (a journal note on a
 * person, each with its audit event). Every acknowledged write (201 with an id) is recorded; after a
 * clean stop the database is opened and every acknowledged note must be there.
 * Phase 2 (overload): 4 × the server's in-flight limit of clients for a few seconds: every answer must
 * be 200 or 503 with Retry-After, never a stack trace or a dropped connection, and the server must
 * answer /health afterwards.
 *
 * Targets (issue 9): p99 < 300 ms with 0 errors on PGlite; persisted = acknowledged.
 * Writes bench/results/load.json; with --ci-report also a plain {passed, failed, checks} report.
 * `--no-latency-check` leaves the p99 target out of the checks (CI). `--think-ms N` sets the mean think time.
 * Bounded: stops by itself after `seconds` + the overload phase; ends only the child it started.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../src/db/connection.ts';
import { startChild, stopChild } from './http.ts';
import { writeResult } from './lib.ts';

const MAX_IN_FLIGHT = 64;

function num(args: string[], name: string, fallback: number): number {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
}
function str(args: string[], name: string): string | undefined {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
}

interface Answer {
  status: number;
  body: string;
  retryAfter: string | undefined;
  ms: number;
}

function request(
  agent: http.Agent,
  port: number,
  method: string,
  pathName: string,
  headers: Record<string, string>,
  body?: unknown,
): Promise<Answer> {
  return new Promise((resolve) => {
    const started = performance.now();
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        method,
        path: pathName,
        agent,
        headers: { ...headers, ...(payload ? { 'content-type': 'application/json' } : {}) },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (d) => {
          text += d;
        });
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            body: text,
            retryAfter: res.headers['retry-after'] as string | undefined,
            ms: performance.now() - started,
          }),
        );
      },
    );
    req.on('error', () =>
      resolve({ status: 0, body: '', retryAfter: undefined, ms: performance.now() - started }),
    );
    if (payload) req.write(payload);
    req.end();
  });
}

interface Session {
  cookie: string;
  csrf: string;
}

async function signIn(port: number, username: string): Promise<Session> {
  const res = await fetch(`http://127.0.0.1:${port}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: `demo-${username}-2026` }),
  });
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status}`);
  const json = (await res.json()) as { csrfToken: string };
  return { cookie: (res.headers.get('set-cookie') ?? '').split(';')[0]!, csrf: json.csrfToken };
}

const quantile = (sorted: number[], p: number) =>
  Math.round((sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0) * 10) / 10;

export async function run(args: string[]) {
  const seconds = num(args, 'seconds', 600);
  const users = num(args, 'users', 50);
  const thinkMs = num(args, 'think-ms', 1000);
  const ciReport = str(args, 'ci-report');
  const dir = mkdtempSync(path.join(os.tmpdir(), 'insats-bench-load-'));
  const checks: { name: string; ok: boolean; detail: string }[] = [];
  let result: Record<string, unknown> = {};
  try {
    const { child, port } = await startChild('app', {
      INSATS_DATA_DIR: dir,
      DATABASE_URL: '',
      INSATS_MAX_IN_FLIGHT: String(MAX_IN_FLIGHT),
    });
    const acknowledged: string[] = [];
    const latencies: number[] = [];
    const errors: string[] = [];
    let overload = { requests: 0, ok: 0, shed: 0, shedWithoutRetryAfter: 0, other: 0, healthAfter: 0 };
    try {
      // The demo's case workers: handläggare sees its caseload, enhetschef the whole unit.
      const sessions: Session[] = [];
      for (let i = 0; i < users; i++)
        sessions.push(await signIn(port, i % 2 === 0 ? 'handlaggare' : 'enhetschef'));
      const agent = new http.Agent({ keepAlive: true, maxSockets: MAX_IN_FLIGHT * 8 });
      // Each role works on the persons its own caseload list shows (protected persons left out: their
      // page asks for a purpose, which this load does not model).
      const idsFor = async (s: Session) => {
        const list = await request(agent, port, 'GET', '/api/participants?pageSize=100', {
          cookie: s.cookie,
        });
        const items = (JSON.parse(list.body) as { items?: { id: string; protected: boolean }[] }).items ?? [];
        return items.filter((x) => !x.protected).map((x) => x.id);
      };
      const idsByRole = [await idsFor(sessions[0]!), await idsFor(sessions[1] ?? sessions[0]!)];
      if (idsByRole.some((ids) => ids.length === 0))
        throw new Error('the demo has no participants to work on');
      let seq = 0;
      const t0 = performance.now();
      const until = t0 + seconds * 1000;
      let lastReport = t0;
      await Promise.all(
        sessions.map(async (s, u) => {
          const headers = { cookie: s.cookie };
          while (performance.now() < until) {
            const n = seq++;
            const personIds = idsByRole[u % 2]!;
            const personId = personIds[(n * 7 + u) % personIds.length]!;
            const pick = n % 10;
            let a: Answer;
            if (pick < 2) {
              a = await request(
                agent,
                port,
                'POST',
                `/api/participants/${personId}/journal`,
                { ...headers, 'x-csrf-token': s.csrf },
                { text: `Lasttest ${n}: uppföljande samtal om praktikplatsen.` },
              );
              if (a.status === 201) acknowledged.push((JSON.parse(a.body) as { id: string }).id);
            } else if (pick < 5) {
              a = await request(agent, port, 'GET', `/api/participants/${personId}`, headers);
            } else if (pick < 7) {
              a = await request(agent, port, 'GET', '/api/participants?scope=unit&pageSize=25', headers);
            } else if (pick < 9) {
              a = await request(agent, port, 'GET', '/api/programmes', headers);
            } else {
              a = await request(agent, port, 'GET', '/api/workplaces', headers);
            }
            latencies.push(a.ms);
            await new Promise((r) => setTimeout(r, Math.random() * 2 * thinkMs));
            const ok = pick < 2 ? a.status === 201 : a.status === 200;
            if (!ok && errors.length < 20) errors.push(`${a.status} ${a.body.slice(0, 120)}`);
            else if (!ok) errors.push('');
            const now = performance.now();
            if (u === 0 && now - lastReport > 10_000) {
              lastReport = now;
              process.stdout.write(
                `[bench:load] ${Math.round((now - t0) / 1000)}/${seconds} s, ${latencies.length} requests, ${errors.length} errors\n`,
              );
            }
          }
        }),
      );
      const elapsed = (performance.now() - t0) / 1000;
      latencies.sort((x, y) => x - y);
      // Phase 2: overload at 4 × the in-flight limit for a few seconds.
      const burstClients = MAX_IN_FLIGHT * 4;
      const burstAgent = new http.Agent({ keepAlive: true, maxSockets: burstClients });
      const burstUntil = performance.now() + Math.min(10, Math.max(3, seconds / 10)) * 1000;
      await Promise.all(
        Array.from({ length: burstClients }, async (_, i) => {
          const s = sessions[i % sessions.length]!;
          while (performance.now() < burstUntil) {
            const a = await request(burstAgent, port, 'GET', '/api/participants?scope=unit&pageSize=25', {
              cookie: s.cookie,
            });
            overload.requests++;
            if (a.status === 200) overload.ok++;
            else if (a.status === 503 || a.status === 429) {
              overload.shed++;
              if (!a.retryAfter) overload.shedWithoutRetryAfter++;
              // A well-behaved client honours Retry-After; the test only waits a little to keep pressure.
              await new Promise((r) => setTimeout(r, 50));
            } else overload.other++;
          }
        }),
      );
      burstAgent.destroy();
      const health = await request(agent, port, 'GET', '/health', {});
      overload = { ...overload, healthAfter: health.status };
      agent.destroy();
      result = {
        database: 'pglite',
        users,
        thinkMsMean: thinkMs,
        seconds: Math.round(elapsed),
        requests: latencies.length,
        rps: Math.round(latencies.length / elapsed),
        p50Ms: quantile(latencies, 0.5),
        p95Ms: quantile(latencies, 0.95),
        p99Ms: quantile(latencies, 0.99),
        errors: errors.length,
        errorSamples: errors.filter(Boolean).slice(0, 5),
        acknowledged: acknowledged.length,
        overload: { clients: burstClients, maxInFlight: MAX_IN_FLIGHT, ...overload },
      };
    } finally {
      await stopChild(child);
    }
    // Count the acknowledged notes in the database the server left behind (clean stop).
    const database = await openDatabase({ dataDir: dir, migrate: false });
    let persisted = 0;
    try {
      for (let i = 0; i < acknowledged.length; i += 1000) {
        const chunk = acknowledged.slice(i, i + 1000);
        const r = await database.db
          .selectFrom('journal_note')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .where('id', 'in', chunk)
          .executeTakeFirstOrThrow();
        persisted += Number(r.n);
      }
    } finally {
      await database.close();
    }
    result.persisted = persisted;
    const r = result as {
      p99Ms: number;
      errors: number;
      acknowledged: number;
      overload: typeof overload;
    };
    // The latency target is judged on the full run (`npm run bench -- load`); CI's short run on a
    // machine of unknown speed records the figures but passes --no-latency-check.
    if (!args.includes('--no-latency-check'))
      checks.push({ name: 'p99 under 300 ms', ok: r.p99Ms < 300, detail: `p99 ${r.p99Ms} ms` });
    checks.push(
      { name: 'no errors under load', ok: r.errors === 0, detail: `${r.errors} errors` },
      {
        name: 'every acknowledged write persisted',
        ok: persisted === r.acknowledged && r.acknowledged > 0,
        detail: `${persisted}/${r.acknowledged}`,
      },
      {
        name: 'overload shed with 503 + Retry-After, nothing else',
        ok: r.overload.shed > 0 && r.overload.other === 0 && r.overload.shedWithoutRetryAfter === 0,
        detail: JSON.stringify(r.overload),
      },
      {
        name: 'server up after overload',
        ok: r.overload.healthAfter === 200,
        detail: `/health ${r.overload.healthAfter}`,
      },
    );
  } catch (err) {
    checks.push({ name: 'load test ran', ok: false, detail: String(err) });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  result.checks = checks;
  result.targets = { p99Ms: 300, errors: 0 };
  for (const c of checks) console.log(`[bench:load] ${c.ok ? 'ok  ' : 'FAIL'} ${c.name}: ${c.detail}`);
  console.log(
    `[bench:load] ${result.users} users, ${result.seconds} s: ${result.rps} req/s, p95 ${result.p95Ms} ms, p99 ${result.p99Ms} ms, ` +
      `${result.errors} errors, ${result.persisted}/${result.acknowledged} acknowledged writes persisted`,
  );
  console.log(`[bench:load] wrote ${writeResult('load', result)}`);
  if (ciReport) {
    const failed = checks.filter((c) => !c.ok).length;
    writeFileSync(ciReport, JSON.stringify({ passed: checks.length - failed, failed, checks }, null, 2));
  }
  if (checks.some((c) => !c.ok)) process.exitCode = 1;
}
