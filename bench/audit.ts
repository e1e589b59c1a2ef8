/**
 * `npm run bench -- audit [--events N]`: loads N hash-chained audit events (default 1,000,000) into a
 * file-backed PGlite through COPY, then measures `verify-audit` over all of them and the log-review
 * queries (who accessed a person, what a user did, monthly sample). Targets (issue 9): verify 1M in
 * under 60 s; each review query under 2 s. Writes bench/results/audit.json.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { ManualClock } from '../src/clock.ts';
import type { Actor, Ctx } from '../src/context.ts';
import { openDatabase } from '../src/db/connection.ts';
import { createCopyDevice } from '../src/db/pglite-copy-device.ts';
import { type ChainedEvent, chainHash, GENESIS_HASH } from '../src/domain/audit-chain.ts';
import { accessToPerson, activityOfUser, monthlySample } from '../src/features/audit/review.ts';
import { verifyAudit } from '../src/features/audit/verify-audit.ts';
import { writeResult } from './lib.ts';

function arg(args: string[], name: string, fallback: number): number {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
}

const csvCell = (v: string | number | null) => (v === null ? '' : `"${String(v).replaceAll('"', '""')}"`);

export async function run(args: string[]) {
  const total = arg(args, 'events', 1_000_000);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'insats-bench-audit-'));
  try {
    // Migrate with the app, then load through PGlite's COPY for speed.
    const migrated = await openDatabase({ dataDir: dir });
    await migrated.close();
    const pgl = new PGlite(path.join(dir, 'pgdata'));
    await pgl.waitReady;
    const copyDevice = createCopyDevice(pgl);
    const org = randomUUID();
    await pgl.query('INSERT INTO organisation (id, name) VALUES ($1, $2)', [org, 'Benchkommun']);
    const users = Array.from({ length: 200 }, () => randomUUID());
    const persons = Array.from({ length: 20_000 }, () => randomUUID());
    // The log-review queries look the user up first (an unknown user is a 404), so the actors exist.
    for (let u = 0; u < users.length; u++) {
      await pgl.query(
        'INSERT INTO app_user (organisation_id, id, username, display_name) VALUES ($1, $2, $3, $4)',
        [org, users[u], `user${u}`, `Användare ${u}`],
      );
    }
    const start = Date.UTC(2025, 0, 1);
    let prev = GENESIS_HASH;
    const loadStarted = performance.now();
    const chunk = 50_000;
    for (let from = 0; from < total; from += chunk) {
      const lines: string[] = [];
      for (let i = from; i < Math.min(total, from + chunk); i++) {
        const seq = i + 1;
        const e: ChainedEvent = {
          organisationId: org,
          seq,
          occurredAt: new Date(start + i * 30_000).toISOString(),
          actorUserId: users[i % users.length]!,
          actorUsername: `user${i % users.length}`,
          role: 'handlaggare',
          unitId: null,
          subjectPersonId: i % 3 === 0 ? null : persons[(i * 7919) % persons.length]!,
          objectType: 'person',
          objectId: null,
          action: i % 5 === 0 ? 'update' : 'read',
          outcome: 'success',
          severity: i % 97 === 0 ? 'raised' : 'normal',
          requestId: null,
          clientAddress: '127.0.0.1',
          purpose: null,
          details: {},
        };
        const hash = chainHash(prev, e);
        lines.push(
          [
            org,
            seq,
            e.occurredAt,
            e.actorUserId,
            e.actorUsername,
            e.role,
            '',
            e.subjectPersonId ?? '',
            e.objectType,
            '',
            e.action,
            e.outcome,
            e.severity,
            '',
            e.clientAddress,
            '',
            '{}',
            prev,
            hash,
          ]
            .map((v) => (v === '' ? '' : csvCell(v)))
            .join(','),
        );
        prev = hash;
      }
      await copyDevice.serve(new TextEncoder().encode(`${lines.join('\n')}\n`), () =>
        pgl.query(
          `COPY audit_event (organisation_id, seq, occurred_at, actor_user_id, actor_username, role, unit_id, subject_person_id,
             object_type, object_id, action, outcome, severity, request_id, client_address, purpose, details, prev_hash, hash)
           FROM '${copyDevice.path}' WITH (FORMAT csv)`,
        ),
      );
      process.stdout.write(
        `\r[bench:audit] loaded ${Math.min(total, from + chunk).toLocaleString('sv-SE')} / ${total.toLocaleString('sv-SE')}`,
      );
    }
    await pgl.query('INSERT INTO audit_chain_head (organisation_id, seq, hash) VALUES ($1, $2, $3)', [
      org,
      total,
      prev,
    ]);
    await pgl.exec('ANALYZE audit_event; CHECKPOINT');
    await pgl.close();
    const loadSeconds = (performance.now() - loadStarted) / 1000;
    process.stdout.write(
      `\n[bench:audit] load: ${loadSeconds.toFixed(1)} s (${Math.round(total / loadSeconds).toLocaleString('sv-SE')} rows/s)\n`,
    );

    const database = await openDatabase({ dataDir: dir, migrate: false });
    try {
      const t = performance.now();
      const v = await verifyAudit(database.db);
      const verifySeconds = (performance.now() - t) / 1000;
      if (!v.ok) throw new Error(`verify failed: ${JSON.stringify(v.organisations)}`);
      process.stdout.write(
        `[bench:audit] verify-audit ${total.toLocaleString('sv-SE')} events: ${verifySeconds.toFixed(2)} s (target < 60 s)\n`,
      );

      const actor: Actor = {
        userId: users[0]!,
        username: 'granskare',
        displayName: 'Granskare',
        organisationId: org,
        roles: [{ role: 'granskare', unitId: org }],
        unitScope: new Map(),
        sessionIdHash: null,
      };
      const ctx: Ctx = {
        db: database.db,
        clock: new ManualClock('2026-06-01T00:00:00Z'),
        actor,
        requestId: 'bench',
        clientAddress: null,
        lang: 'sv',
      };
      const grant = actor.roles[0]!;
      const timed = async (name: string, fn: () => Promise<unknown>) => {
        const s = performance.now();
        await fn();
        const secs = (performance.now() - s) / 1000;
        process.stdout.write(`[bench:audit] ${name}: ${secs.toFixed(3)} s (target < 2 s)\n`);
        return secs;
      };
      const personSeconds = await timed('who accessed person X (all time)', () =>
        accessToPerson(ctx, grant, persons[42]!, {}),
      );
      const userSeconds = await timed('what did user U access (one month)', () =>
        activityOfUser(ctx, grant, users[7]!, { from: '2025-03-01', to: '2025-03-31' }),
      );
      const sampleSeconds = await timed('monthly random sample (25)', () =>
        monthlySample(ctx, grant, '2025-03', 25),
      );
      const file = writeResult('audit', {
        events: total,
        loadSeconds,
        verifySeconds,
        reviewSeconds: {
          personAccess: personSeconds,
          userActivity: userSeconds,
          monthlySample: sampleSeconds,
        },
        targets: { verifySeconds: 60, reviewSeconds: 2 },
      });
      process.stdout.write(`[bench:audit] wrote ${file}\n`);
    } finally {
      await database.close();
    }
  } finally {
    if (process.env.BENCH_KEEP_DIR) process.stdout.write(`[bench:audit] kept ${dir}\n`);
    else rmSync(dir, { recursive: true, force: true });
  }
}
