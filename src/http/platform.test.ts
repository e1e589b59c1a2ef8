import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestSession } from '../../test/app.ts';
import { verifyAudit } from '../features/audit/verify-audit.ts';
import { SECURITY_HEADERS } from './app.ts';
import { openApiPath } from './openapi.ts';
import { allPolicies, allRoutes } from './routes.ts';

let t: TestApp;
let sessions: Record<string, TestSession>;
const SAMPLE_ID = '5b0f3c1e-9a55-4f1e-8c4b-2f7f2f1d9e01';
const concretePath = (p: string) => p.replace(/:[A-Za-z0-9_]+/g, SAMPLE_ID);

beforeAll(async () => {
  t = await createTestApp();
  sessions = {};
  for (const u of ['handlaggare', 'granskare', 'admin', 'analytiker']) sessions[u] = await t.login(u);
});
afterAll(async () => {
  await t.close();
});

describe('route registry', () => {
  it('declares access for every route, and every permission is in a policy table', () => {
    const known = new Map(
      allPolicies.flatMap((p) => Object.entries(p.rules).map(([k, r]) => [`${p.area}.${k}`, r])),
    );
    for (const r of allRoutes) {
      expect(r.access, `${r.method} ${r.path}`).toBeDefined();
      if (typeof r.access === 'object') {
        expect(known.get(r.access.permission), `${r.method} ${r.path}: ${r.access.permission}`).toBe(
          r.access.rule,
        );
        expect(r.access.rule.roles.length).toBeGreaterThan(0);
      } else {
        expect(['public', 'authenticated']).toContain(r.access);
      }
    }
  });

  it('lists every route in the OpenAPI 3.1 document', async () => {
    const res = await t.request('GET', '/api/openapi.json');
    expect(res.status).toBe(200);
    const doc = (await res.json()) as { openapi: string; paths: Record<string, Record<string, unknown>> };
    expect(doc.openapi).toBe('3.1.0');
    for (const r of allRoutes) {
      expect(doc.paths[openApiPath(r.path)]?.[r.method], `${r.method} ${r.path}`).toBeDefined();
    }
    const documented = Object.values(doc.paths).reduce((n, ops) => n + Object.keys(ops).length, 0);
    expect(documented).toBe(allRoutes.length);
  });

  it('has no duplicate method + path', () => {
    const keys = allRoutes.map((r) => `${r.method} ${r.path}`);
    expect(new Set(keys).size).toBe(keys.length);
  });
});

describe('security headers', () => {
  const extra = ['/health', '/ready', '/api/openapi.json', '/api/does-not-exist', '/', '/some/page'];
  it('are on every route, every answer', async () => {
    const targets = [
      ...allRoutes.map((r) => ({ method: r.method.toUpperCase(), path: concretePath(r.path) })),
      ...extra.map((p) => ({ method: 'GET', path: p })),
    ];
    for (const target of targets) {
      for (const session of [null, sessions.handlaggare!]) {
        // Without the CSRF token nothing changes state (the logout route would otherwise end the session).
        const res = await t.request(target.method, target.path, {
          session,
          csrf: false,
          body: target.method === 'GET' ? undefined : {},
        });
        for (const [name, value] of Object.entries(SECURITY_HEADERS)) {
          expect(res.headers.get(name), `${target.method} ${target.path} ${name}`).toBe(value);
        }
        expect(res.headers.get('content-security-policy')).not.toMatch(/unsafe-inline/);
        if (target.path.startsWith('/api/')) expect(res.headers.get('cache-control')).toBe('no-store');
        expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
      }
    }
  });
});

describe('CSRF', () => {
  const stateChanging = () => allRoutes.filter((r) => r.method !== 'get');

  it('refuses every state-changing route without the session token (403), writing nothing', async () => {
    expect(stateChanging().length).toBeGreaterThan(0);
    for (const r of stateChanging()) {
      if (r.access === 'public') continue;
      for (const s of Object.values(sessions)) {
        const before = await t.db
          .selectFrom('audit_event')
          .select(sql<number>`count(*)::int`.as('n'))
          .executeTakeFirstOrThrow();
        const res = await t.request(r.method.toUpperCase(), concretePath(r.path), {
          session: s,
          csrf: false,
          body: {},
        });
        expect(res.status, `${r.method} ${r.path}`).toBe(403);
        expect(((await res.json()) as { error: { code: string } }).error.code).toBe('csrf');
        const after = await t.db
          .selectFrom('audit_event')
          .select(sql<number>`count(*)::int`.as('n'))
          .executeTakeFirstOrThrow();
        expect(after.n).toBe(before.n);
        const wrong = await t.request(r.method.toUpperCase(), concretePath(r.path), {
          session: { ...s, csrfToken: `${s.csrfToken.slice(0, -2)}xx` },
          body: {},
        });
        expect(wrong.status).toBe(403);
      }
    }
  });

  it('refuses every state-changing route from another site (Origin or Sec-Fetch-Site)', async () => {
    for (const r of stateChanging()) {
      const crossSite: Record<string, string>[] = [
        { origin: 'https://evil.example' },
        { 'sec-fetch-site': 'cross-site' },
        { origin: 'null' },
      ];
      for (const headers of crossSite) {
        const res = await t.request(r.method.toUpperCase(), concretePath(r.path), {
          session: sessions.handlaggare,
          body: {},
          headers,
        });
        expect(res.status, `${r.method} ${r.path} ${JSON.stringify(headers)}`).toBe(403);
      }
    }
  });

  it('accepts a same-origin request with the token', async () => {
    const s = await t.login('enhetschef');
    const res = await t.request('POST', '/api/auth/logout', {
      session: s,
      headers: { origin: 'http://localhost', host: 'localhost' },
    });
    expect(res.status).toBe(204);
  });
});

describe('access', () => {
  it('answers 401 to anonymous callers of every non-public route', async () => {
    for (const r of allRoutes.filter((x) => x.access !== 'public')) {
      const res = await t.request(r.method.toUpperCase(), concretePath(r.path), {
        body: r.method === 'get' ? undefined : {},
      });
      expect(res.status, `${r.method} ${r.path}`).toBe(401);
      const body = (await res.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe('unauthenticated');
    }
  });

  it('answers 403 to roles outside the policy and logs a deny event', async () => {
    for (const r of allRoutes) {
      if (typeof r.access !== 'object') continue;
      const rule = r.access.rule;
      for (const [username, s] of Object.entries(sessions)) {
        const allowed = s.user.roles.some((g) => (rule.roles as readonly string[]).includes(g.role));
        if (allowed) continue;
        const before = await t.db
          .selectFrom('audit_event')
          .select(sql<number>`count(*)::int`.as('n'))
          .where('action', '=', 'deny')
          .executeTakeFirstOrThrow();
        const res = await t.request(r.method.toUpperCase(), concretePath(r.path), {
          session: s,
          body: r.method === 'get' ? undefined : {},
        });
        expect(res.status, `${username} ${r.method} ${r.path}`).toBe(403);
        const after = await t.db
          .selectFrom('audit_event')
          .select(sql<number>`count(*)::int`.as('n'))
          .where('action', '=', 'deny')
          .executeTakeFirstOrThrow();
        expect(after.n).toBe(before.n + 1);
      }
    }
  });

  it('lets the auditor read the log, and logs that read', async () => {
    const res = await t.request('GET', '/api/audit/events?limit=5', { session: sessions.granskare });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { events: { action: string }[]; nextBeforeSeq: number | null };
    expect(body.events.length).toBe(5);
    expect(body.nextBeforeSeq).not.toBeNull();
    const reads = await t.db
      .selectFrom('audit_event')
      .selectAll()
      .where('object_type', '=', 'audit_log')
      .execute();
    expect(reads.length).toBeGreaterThan(0);
    expect(reads.at(-1)!.role).toBe('granskare');
  });

  it('gives the administrator units and users, sorted in Swedish order', async () => {
    const res = await t.request('GET', '/api/admin/organisation', { session: sessions.admin });
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      units: { name: string }[];
      users: { username: string; displayName: string }[];
    };
    expect(body.units.map((u) => u.name)).toContain('Jobbcentrum');
    expect(body.users.length).toBe(8);
    const names = body.users.map((u) => u.displayName);
    expect(names).toEqual([...names].sort(new Intl.Collator('sv').compare));
    expect(JSON.stringify(body)).not.toMatch(/password|argon2/);
  });
});

describe('bad input', () => {
  const auditCount = async () =>
    (
      await t.db
        .selectFrom('audit_event')
        .select(sql<number>`count(*)::int`.as('n'))
        .executeTakeFirstOrThrow()
    ).n;

  it('rejects malformed JSON with 400 invalid_json', async () => {
    const before = await auditCount();
    const res = await t.request('POST', '/api/auth/login', { rawBody: '{"username": "x",' });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('invalid_json');
    expect(await auditCount()).toBe(before);
  });

  it('rejects wrong types and unknown fields with 400 and the field paths, in Swedish', async () => {
    const res = await t.request('POST', '/api/auth/login', {
      body: { username: 5, password: 'x', admin: true },
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as {
      error: { code: string; message: string; fields: { path: string; message: string }[] };
    };
    expect(body.error.code).toBe('validation_failed');
    expect(body.error.message).toBe('Uppgifterna är inte giltiga.');
    expect(body.error.fields.map((f) => f.path)).toContain('body.username');
    expect(body.error.fields.some((f) => /admin/.test(f.message))).toBe(true);
  });

  it('rejects a body that is not JSON with 415', async () => {
    const res = await t.app.request('/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'username=a&password=b',
    });
    expect(res.status).toBe(415);
  });

  it('rejects an oversize body with 413 before reading it all', async () => {
    const big = 'x'.repeat(1024 * 1024 + 10);
    const res = await t.request('POST', '/api/auth/login', {
      rawBody: JSON.stringify({ username: big, password: 'x' }),
    });
    expect(res.status).toBe(413);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('payload_too_large');
  });

  it('answers unknown API paths with a JSON 404 and never a stack trace', async () => {
    const res = await t.request('GET', '/api/nope');
    expect(res.status).toBe(404);
    const text = await res.text();
    expect(JSON.parse(text)).toMatchObject({ error: { code: 'not_found' } });
    expect(text).not.toMatch(/at .*\.ts:\d+/);
  });

  it('rejects a bad query parameter', async () => {
    const res = await t.request('GET', '/api/audit/events?limit=100000', { session: sessions.granskare });
    expect(res.status).toBe(400);
  });
});

describe('audit log', () => {
  it('refuses UPDATE, DELETE and TRUNCATE on audit_event', async () => {
    await expect(sql`UPDATE audit_event SET purpose = 'x'`.execute(t.db)).rejects.toThrow(
      /skrivskyddad|permission denied/,
    );
    await expect(sql`DELETE FROM audit_event`.execute(t.db)).rejects.toThrow(
      /skrivskyddad|permission denied/,
    );
    await expect(sql`TRUNCATE audit_event`.execute(t.db)).rejects.toThrow(/skrivskyddad|permission denied/);
  });

  it('verifies, and names the first tampered sequence number', async () => {
    expect((await verifyAudit(t.db)).ok).toBe(true);
    const org = sessions.handlaggare!.user.organisation.id;
    // Tamper as the table owner would have to: disable the guard, edit, re-enable.
    await t.database.runScript(`ALTER TABLE audit_event DISABLE TRIGGER audit_event_no_update;
      GRANT UPDATE ON audit_event TO CURRENT_USER;
      UPDATE audit_event SET purpose = 'ändrad i efterhand' WHERE organisation_id = '${org}' AND seq = 3;
      REVOKE UPDATE ON audit_event FROM CURRENT_USER;
      ALTER TABLE audit_event ENABLE TRIGGER audit_event_no_update;`);
    const v = await verifyAudit(t.db);
    expect(v.ok).toBe(false);
    const bad = v.organisations.find((o) => o.organisationId === org)!.verdict;
    expect(bad).toMatchObject({ ok: false, firstBadSeq: 3 });
  });
});
