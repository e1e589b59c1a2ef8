import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestSession } from '../../../test/app.ts';
import {
  DEMO_UNITS,
  eventsAbout,
  extraUser,
  numberSource,
  register,
  unitId,
  userId,
} from '../../../test/participants.ts';
import { FIELD_GROUPS } from './present.ts';

/**
 * Policy per role × unit: every demo role against a person in its own unit and in another unit, plus
 * caseload narrowing for handläggare and grants on a parent unit. Reads go through GET
 * /api/participants/:id (the person page) and the caseload list.
 */

let t: TestApp;
const s: Record<string, TestSession> = {};
const persons: Record<string, string> = {};
const nextNumber = numberSource(424242);

beforeAll(async () => {
  t = await createTestApp();
  for (const u of ['handlaggare', 'jobbmaklare', 'syv', 'enhetschef', 'analytiker', 'admin', 'granskare'])
    s[u] = await t.login(u);
  // Staff to register in the other units.
  const norrChef = await extraUser(t, 'chef-norr', [{ role: 'enhetschef', unit: DEMO_UNITS.kcNorr }]);
  const vuxChef = await extraUser(t, 'chef-vux', [{ role: 'enhetschef', unit: DEMO_UNITS.vux }]);
  s['chef-norr'] = norrChef.session;
  s['chef-vux'] = vuxChef.session;
  const reg = async (session: TestSession, unit: string, extra: Record<string, unknown> = {}) =>
    register(t, session, {
      personnummer: nextNumber(),
      firstName: 'Policy',
      lastName: unit,
      responsibleUnitId: await unitId(t, unit),
      adjustmentNeeds: 'Anpassning-hemlig',
      incomeSource: 'forsorjningsstod',
      assistanceMonths: 11,
      ...extra,
    });
  persons.jobbcentrum = await reg(s.enhetschef!, DEMO_UNITS.jobbcentrum);
  persons.kcNorr = await reg(s['chef-norr']!, DEMO_UNITS.kcNorr);
  persons.vux = await reg(s['chef-vux']!, DEMO_UNITS.vux);
  // Assigned to another handläggare in Jobbcentrum, outside the demo handläggare's caseload.
  const other = await extraUser(t, 'hl-annan', [{ role: 'handlaggare', unit: DEMO_UNITS.jobbcentrum }]);
  s['hl-annan'] = other.session;
  persons.otherCaseload = await reg(s.enhetschef!, DEMO_UNITS.jobbcentrum, { caseWorkerUserId: other.id });
  persons.mine = await reg(s.enhetschef!, DEMO_UNITS.jobbcentrum, {
    caseWorkerUserId: await userId(t, 'handlaggare'),
  });
  // Grants on the parent unit cover every unit below it.
  s['chef-forv'] = (
    await extraUser(t, 'chef-forv', [{ role: 'enhetschef', unit: DEMO_UNITS.forvaltning }])
  ).session;
});
afterAll(async () => {
  await t.close();
});

type Expect = 200 | 403 | 404;
/** Expected answer of GET /api/participants/:id per user and person. */
const table: Record<string, Record<string, Expect>> = {
  handlaggare: { jobbcentrum: 200, kcNorr: 404, vux: 404, otherCaseload: 404, mine: 200 },
  'hl-annan': { jobbcentrum: 200, kcNorr: 404, vux: 404, otherCaseload: 200, mine: 404 },
  jobbmaklare: { jobbcentrum: 200, kcNorr: 404, vux: 404, otherCaseload: 200, mine: 200 },
  syv: { jobbcentrum: 404, kcNorr: 404, vux: 200, otherCaseload: 404, mine: 404 },
  enhetschef: { jobbcentrum: 200, kcNorr: 404, vux: 404, otherCaseload: 200, mine: 200 },
  'chef-norr': { jobbcentrum: 404, kcNorr: 200, vux: 404, otherCaseload: 404, mine: 404 },
  'chef-forv': { jobbcentrum: 200, kcNorr: 200, vux: 200, otherCaseload: 200, mine: 200 },
  analytiker: { jobbcentrum: 403, kcNorr: 403, vux: 403, otherCaseload: 403, mine: 403 },
  admin: { jobbcentrum: 403, kcNorr: 403, vux: 403, otherCaseload: 403, mine: 403 },
  granskare: { jobbcentrum: 403, kcNorr: 403, vux: 403, otherCaseload: 403, mine: 403 },
};

describe('person page by role × unit', () => {
  for (const [user, row] of Object.entries(table)) {
    it(`${user}`, async () => {
      for (const [person, expected] of Object.entries(row)) {
        const res = await t.request('GET', `/api/participants/${persons[person]}`, { session: s[user] });
        expect(res.status, `${user} → ${person}`).toBe(expected);
        const text = await res.text();
        if (expected !== 200) expect(text, `${user} → ${person}`).not.toMatch(/Policy|Anpassning-hemlig/);
      }
    });
  }

  it('lists exactly the persons the person page lets through', async () => {
    for (const [user, row] of Object.entries(table)) {
      const res = await t.request('GET', '/api/participants?scope=unit&q=Policy&pageSize=100', {
        session: s[user],
      });
      if (Object.values(row).every((v) => v === 403)) {
        expect(res.status, user).toBe(403);
        continue;
      }
      const ids = ((await res.json()) as { items: { id: string }[] }).items.map((i) => i.id).sort();
      const expected = Object.entries(row)
        .filter(([, v]) => v === 200)
        .map(([p]) => persons[p]!)
        .sort();
      expect(ids, user).toEqual(expected);
    }
  });

  it('writes a deny event for a refused person and a read event for an allowed one', async () => {
    const before = (await eventsAbout(t, persons.kcNorr!)).length;
    await t.request('GET', `/api/participants/${persons.kcNorr}`, { session: s.handlaggare });
    const events = await eventsAbout(t, persons.kcNorr!);
    expect(events.length).toBe(before + 1);
    expect(events.at(-1)).toMatchObject({ action: 'deny', outcome: 'denied', actor_username: 'handlaggare' });
  });
});

describe('presenter allow-list by role', () => {
  it('hides adjustment needs from jobbmäklare and economy from SYV', async () => {
    const asJm = (await (
      await t.request('GET', `/api/participants/${persons.jobbcentrum}`, { session: s.jobbmaklare })
    ).json()) as Record<string, unknown>;
    expect(asJm).not.toHaveProperty('adjustmentNeeds');
    expect(asJm).not.toHaveProperty('incomeSource');
    expect(asJm).not.toHaveProperty('assistanceMonths');
    expect(asJm).not.toHaveProperty('household');
    expect(JSON.stringify(asJm)).not.toMatch(/Anpassning-hemlig|forsorjningsstod/);
    expect(asJm).toHaveProperty('languages');

    const asSyv = (await (
      await t.request('GET', `/api/participants/${persons.vux}`, { session: s['chef-vux'] })
    ).json()) as Record<string, unknown>;
    expect(asSyv.adjustmentNeeds).toBe('Anpassning-hemlig');
    const syvView = (await (
      await t.request('GET', `/api/participants/${persons.vux}`, { session: s.syv })
    ).json()) as Record<string, unknown>;
    expect(syvView.adjustmentNeeds).toBe('Anpassning-hemlig');
    expect(syvView).not.toHaveProperty('incomeSource');
    expect(syvView).not.toHaveProperty('assistanceMonths');

    const asHl = (await (
      await t.request('GET', `/api/participants/${persons.mine}`, { session: s.handlaggare })
    ).json()) as Record<string, unknown>;
    expect(asHl.adjustmentNeeds).toBe('Anpassning-hemlig');
    expect(asHl.incomeSource).toBe('forsorjningsstod');
    expect(asHl.assistanceMonths).toBe(11);
    expect(FIELD_GROUPS.adjustmentNeeds).not.toContain('jobbmaklare');
  });

  it('lets only handläggare and enhetschef write, and only in reach', async () => {
    const patch = { adjustmentNeeds: 'Ändrad' };
    expect(
      (await t.request('PATCH', `/api/participants/${persons.mine}`, { session: s.handlaggare, body: patch }))
        .status,
    ).toBe(200);
    expect(
      (
        await t.request('PATCH', `/api/participants/${persons.otherCaseload}`, {
          session: s.handlaggare,
          body: patch,
        })
      ).status,
    ).toBe(404);
    expect(
      (await t.request('PATCH', `/api/participants/${persons.mine}`, { session: s.jobbmaklare, body: patch }))
        .status,
    ).toBe(403);
    expect(
      (
        await t.request('PATCH', `/api/participants/${persons.kcNorr}`, {
          session: s.enhetschef,
          body: patch,
        })
      ).status,
    ).toBe(404);
    expect(
      (
        await t.request('PATCH', `/api/participants/${persons.kcNorr}`, {
          session: s['chef-forv'],
          body: patch,
        })
      ).status,
    ).toBe(200);
  });

  it('moves a person to another unit only with a register grant there', async () => {
    const norr = await unitId(t, DEMO_UNITS.kcNorr);
    const res = await t.request('PATCH', `/api/participants/${persons.jobbcentrum}`, {
      session: s.enhetschef,
      body: { responsibleUnitId: norr },
    });
    expect(res.status).toBe(403);
    const ok = await t.request('PATCH', `/api/participants/${persons.jobbcentrum}`, {
      session: s['chef-forv'],
      body: { responsibleUnitId: norr },
    });
    expect(ok.status).toBe(200);
    expect(
      (await t.request('GET', `/api/participants/${persons.jobbcentrum}`, { session: s['chef-norr'] }))
        .status,
    ).toBe(200);
  });
});
