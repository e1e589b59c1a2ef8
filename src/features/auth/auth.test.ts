import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.ts';
import { MINUTE } from '../../clock.ts';
import { verifyAudit } from '../audit/verify-audit.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

async function events(action: string) {
  return t.db.selectFrom('audit_event').selectAll().where('action', '=', action).orderBy('seq').execute();
}

describe('password login', () => {
  it('logs in, sets a __Host- cookie and returns the user with a CSRF token', async () => {
    const res = await t.request('POST', '/api/auth/login', {
      body: { username: 'handlaggare', password: 'demo-handlaggare-2026' },
    });
    expect(res.status).toBe(200);
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^__Host-insats_session=[A-Za-z0-9_-]{22};/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/Secure/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).toMatch(/Path=\//);
    expect(cookie).not.toMatch(/Domain=/i);
    const body = (await res.json()) as {
      user: { username: string; roles: { role: string }[] };
      csrfToken: string;
    };
    expect(body.user.username).toBe('handlaggare');
    expect(body.user.roles.map((r) => r.role)).toEqual(['handlaggare']);
    expect(body.csrfToken.length).toBeGreaterThan(30);
    expect(res.headers.get('cache-control')).toBe('no-store');
  });

  it('gives a new session id at every login', async () => {
    const a = await t.login('handlaggare');
    const b = await t.login('handlaggare');
    expect(a.cookie).not.toBe(b.cookie);
    expect(a.csrfToken).not.toBe(b.csrfToken);
  });

  it('gives the same answer for an unknown user and a wrong password, and audits both', async () => {
    const failures = async () => (await events('login')).filter((e) => e.outcome === 'failure').length;
    const before = await failures();
    const unknown = await t.request('POST', '/api/auth/login', {
      body: { username: 'nobody', password: 'whatever-123' },
    });
    const wrong = await t.request('POST', '/api/auth/login', {
      body: { username: 'jobbmaklare', password: 'wrong-password' },
    });
    expect(unknown.status).toBe(401);
    expect(wrong.status).toBe(401);
    const a = (await unknown.json()) as { error: { code: string; message: string } };
    const b = (await wrong.json()) as { error: { code: string; message: string } };
    expect(a.error.code).toBe(b.error.code);
    expect(a.error.message).toBe(b.error.message);
    expect(a.error.message).toBe('Fel användarnamn eller lösenord.');
    expect(await failures()).toBe(before + 2);
  });

  it('answers in English on request', async () => {
    const res = await t.request('POST', '/api/auth/login', {
      body: { username: 'nobody', password: 'x' },
      headers: { 'accept-language': 'en-GB,en;q=0.9' },
    });
    expect(((await res.json()) as { error: { message: string } }).error.message).toBe(
      'Wrong user name or password.',
    );
  });

  it('allows 10 failures per account in 15 minutes, then answers 429 with Retry-After, even for the right password', async () => {
    const username = 'syv';
    for (let i = 0; i < 10; i++) {
      const r = await t.request('POST', '/api/auth/login', {
        body: { username, password: `wrong-${i}` },
        headers: { 'x-test-client-address': `10.0.0.${i}` },
      });
      expect(r.status).toBe(401);
    }
    const locked = await t.request('POST', '/api/auth/login', {
      body: { username, password: 'demo-syv-2026' },
    });
    expect(locked.status).toBe(429);
    expect(locked.headers.get('retry-after')).toBe('900');
    t.clock.advance(15 * MINUTE + 1000);
    const again = await t.request('POST', '/api/auth/login', {
      body: { username, password: 'demo-syv-2026' },
    });
    expect(again.status).toBe(200);
  });

  it('limits failures per client address across accounts', async () => {
    const ip = { 'x-test-client-address': '192.0.2.77' };
    for (let i = 0; i < 10; i++) {
      const r = await t.request('POST', '/api/auth/login', {
        body: { username: `ghost${i}`, password: 'x' },
        headers: ip,
      });
      expect(r.status).toBe(401);
    }
    const r = await t.request('POST', '/api/auth/login', {
      body: { username: 'analytiker', password: 'demo-analytiker-2026' },
      headers: ip,
    });
    expect(r.status).toBe(429);
    t.clock.advance(16 * MINUTE);
  });
});

describe('sessions', () => {
  it('resolves /me for a live session and touches it', async () => {
    const s = await t.login('enhetschef');
    const me = await t.request('GET', '/api/auth/me', { session: s });
    expect(me.status).toBe(200);
    const body = (await me.json()) as { csrfToken: string };
    expect(body.csrfToken).toBe(s.csrfToken);
  });

  it('expires after 30 minutes idle', async () => {
    const s = await t.login('enhetschef');
    t.clock.advance(29 * MINUTE);
    expect((await t.request('GET', '/api/auth/me', { session: s })).status).toBe(200);
    t.clock.advance(29 * MINUTE);
    expect((await t.request('GET', '/api/auth/me', { session: s })).status).toBe(200);
    t.clock.advance(31 * MINUTE);
    const res = await t.request('GET', '/api/auth/me', { session: s });
    expect(res.status).toBe(401);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('session_expired');
    // Stays dead even if the clock were to go back.
    t.clock.advance(-31 * MINUTE);
    expect((await t.request('GET', '/api/auth/me', { session: s })).status).toBe(401);
    t.clock.advance(31 * MINUTE);
  });

  it('expires after 10 hours however active', async () => {
    const s = await t.login('enhetschef');
    for (let i = 0; i < 40; i++) {
      t.clock.advance(15 * MINUTE);
      expect((await t.request('GET', '/api/auth/me', { session: s })).status).toBe(200);
    }
    t.clock.advance(15 * MINUTE); // 10 h 15 min after login
    expect((await t.request('GET', '/api/auth/me', { session: s })).status).toBe(401);
  });

  it('logs out server-side: the replayed cookie gets 401', async () => {
    const s = await t.login('handlaggare');
    const out = await t.request('POST', '/api/auth/logout', { session: s });
    expect(out.status).toBe(204);
    expect(out.headers.get('set-cookie')).toMatch(/__Host-insats_session=;/);
    const replay = await t.request('GET', '/api/auth/me', { session: s });
    expect(replay.status).toBe(401);
    expect(((await replay.json()) as { error: { code: string } }).error.code).toBe('unauthenticated');
    expect((await events('logout')).length).toBeGreaterThan(0);
  });

  it('sees a role granted, a unit renamed and a user deactivated on the very next request, even when changed in SQL', async () => {
    const s = await t.login('handlaggare');
    type Me = { user: { roles: { role: string; unitName: string }[] } };
    const me = async () => (await (await t.request('GET', '/api/auth/me', { session: s })).json()) as Me;
    const before = await me();
    expect(before.user.roles.map((r) => r.role)).not.toContain('analytiker');
    await me(); // a second request on the same session is served from the cached actor
    const unitId = await t.db
      .selectFrom('user_role')
      .select('unit_id')
      .where('user_id', '=', s.user.id)
      .executeTakeFirstOrThrow();
    await t.db
      .insertInto('user_role')
      .values({
        organisation_id: s.user.organisation.id,
        user_id: s.user.id,
        role: 'analytiker',
        unit_id: unitId.unit_id,
      })
      .execute();
    expect((await me()).user.roles.map((r) => r.role)).toContain('analytiker');
    await t.db
      .deleteFrom('user_role')
      .where('user_id', '=', s.user.id)
      .where('role', '=', 'analytiker')
      .execute();
    expect((await me()).user.roles.map((r) => r.role)).not.toContain('analytiker');
    const oldName = before.user.roles[0]!.unitName;
    await t.db.updateTable('unit').set({ name: 'Omdöpt enhet' }).where('id', '=', unitId.unit_id).execute();
    expect((await me()).user.roles.map((r) => r.unitName)).toContain('Omdöpt enhet');
    await t.db.updateTable('unit').set({ name: oldName }).where('id', '=', unitId.unit_id).execute();
    await t.db.updateTable('app_user').set({ active: false }).where('id', '=', s.user.id).execute();
    try {
      expect((await t.request('GET', '/api/auth/me', { session: s })).status).toBe(401);
    } finally {
      await t.db.updateTable('app_user').set({ active: true }).where('id', '=', s.user.id).execute();
    }
  });

  it('refuses a forged cookie', async () => {
    const res = await t.request('GET', '/api/auth/me', {
      session: {
        cookie: '__Host-insats_session=AAAAAAAAAAAAAAAAAAAAAA',
        csrfToken: 'x',
        user: { id: '', organisation: { id: '' }, roles: [] },
      },
    });
    expect(res.status).toBe(401);
  });

  it('keeps the audit chain whole through all of the above', async () => {
    const v = await verifyAudit(t.db);
    expect(v.ok).toBe(true);
  });
});
