import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestSession } from '../../../test/app.ts';
import { count, createWorkplace, json, lastEvent } from '../../../test/placements.ts';
import { parseSniCode } from './sector.ts';

let t: TestApp;
let s: Record<string, TestSession>;

beforeAll(async () => {
  t = await createTestApp();
  s = {};
  for (const u of ['jobbmaklare', 'handlaggare', 'enhetschef', 'syv', 'analytiker', 'admin', 'granskare'])
    s[u] = await t.login(u);
});
afterAll(async () => {
  await t.close();
});

interface View {
  id: string;
  kind: string;
  name: string;
  organisationsnummer: string | null;
  sector: { system: string | null; version: string | null; code: string | null; label: string | null };
  occupations: { code: string; version: string; name: string | null }[];
  supervisors: { id: string; name: string; phone: string | null; email: string | null; active: boolean }[];
  agreements: { id: string; type: string; validFrom: string; validTo: string | null }[];
  complianceChecks: { checkedOn: string; collectiveAgreement: boolean; riskAssessmentOn: string | null }[];
  slots: { id: string; places: number; ssykCode: string | null; ssykName: string | null }[];
}

const full = {
  kind: 'foretag',
  name: 'Ängens Bageri AB',
  organisationsnummer: '556012-5790',
  sniCode: '10711',
  sector: 'livsmedel',
  streetAddress: 'Storgatan 1',
  postalCode: '12345',
  city: 'Exempelby',
  area: 'Centrum',
  occupations: ['5120', '9412'],
  supervisors: [{ name: 'Berit Bagare', phone: '070-123 45 67', email: 'berit@example.se' }],
  agreements: [{ type: 'praktikavtal', validFrom: '2026-01-01', validTo: '2026-12-31' }],
  slots: [{ periodFrom: '2026-03-01', periodTo: '2026-06-30', places: 2, ssykCode: '9412' }],
  complianceCheck: {
    checkedOn: '2026-02-20',
    collectiveAgreement: true,
    criminalRecordExtractRequired: false,
    minorsRulesAcknowledged: true,
    riskAssessmentOn: '2026-02-15',
  },
};

describe('creating workplaces', () => {
  it('accepts the minimal scenario shape: a municipal unit with a sector label and no orgnr', async () => {
    const before = await count(t, 'audit_event');
    const w = (await createWorkplace(t, s.jobbmaklare!, {
      name: 'vard-omsorg enhet 1',
      kind: 'kommunal',
      sector: 'vard-omsorg',
    })) as unknown as View;
    expect(w.kind).toBe('kommunal');
    expect(w.organisationsnummer).toBeNull();
    expect(w.sector).toEqual({ system: null, version: null, code: null, label: 'vard-omsorg' });
    expect(await count(t, 'audit_event')).toBe(before + 1);
    const e = await lastEvent(t);
    expect(e).toMatchObject({
      action: 'create',
      object_type: 'workplace',
      object_id: w.id,
      role: 'jobbmaklare',
      outcome: 'success',
    });
    expect(JSON.stringify(e.details)).not.toMatch(/vard-omsorg enhet/);
  });

  it('stores a full workplace with orgnr, SNI code, occupations, supervisor, agreement, slot and check', async () => {
    const w = (await createWorkplace(t, s.jobbmaklare!, full)) as unknown as View;
    expect(w.organisationsnummer).toBe('556012-5790');
    expect(w.sector).toEqual({ system: 'SNI2007', version: '2007', code: '10.711', label: 'livsmedel' });
    expect(w.occupations.map((o) => o.code)).toEqual(['5120', '9412']);
    expect(w.occupations[0]!.version).toBe('2012');
    expect(w.supervisors).toMatchObject([{ name: 'Berit Bagare', phone: '070-123 45 67', active: true }]);
    expect(w.agreements).toMatchObject([
      { type: 'praktikavtal', validFrom: '2026-01-01', validTo: '2026-12-31' },
    ]);
    expect(w.slots).toMatchObject([{ places: 2, ssykCode: '9412' }]);
    expect(w.slots[0]!.ssykName).toBeTruthy();
    expect(w.complianceChecks).toMatchObject([{ checkedOn: '2026-02-20', collectiveAgreement: true }]);
    const e = await lastEvent(t);
    expect(e).toMatchObject({ action: 'create', object_type: 'workplace', object_id: w.id });
    expect(e.details).toMatchObject({ supervisors: 1, agreements: 1, slots: 1, complianceCheck: true });
  });

  it('rejects, writing nothing: company without orgnr, bad check digit, unknown SSYK, bad SNI, bad e-mail', async () => {
    const cases: [Record<string, unknown>, string, RegExp][] = [
      [{ kind: 'foretag', name: 'X AB' }, 'body.organisationsnummer', /krävs för företag/],
      [
        { kind: 'forening', name: 'Y', organisationsnummer: '556012-5791' },
        'body.organisationsnummer',
        /Kontrollsiffran/,
      ],
      [{ kind: 'kommunal', name: 'Z', occupations: ['9999'] }, 'body.occupations.0', /finns inte i SSYK/],
      [{ kind: 'kommunal', name: 'Z', sniCode: '1' }, 'body.sniCode', /SNI 2007/],
      [
        { kind: 'kommunal', name: 'Z', supervisors: [{ name: 'A', email: 'inte-en-adress' }] },
        'body.supervisors.0.email',
        /e-postadress/,
      ],
      [
        {
          kind: 'kommunal',
          name: 'Z',
          agreements: [{ type: 'annat', validFrom: '2026-05-01', validTo: '2026-04-01' }],
        },
        'body.agreements.0.validTo',
        /före startdatumet/,
      ],
    ];
    for (const [body, path, message] of cases) {
      const before = { w: await count(t, 'workplace'), a: await count(t, 'audit_event') };
      const res = await t.request('POST', '/api/workplaces', { session: s.jobbmaklare, body });
      const err = await json<{
        error: { code: string; message: string; fields: { path: string; message: string }[] };
      }>(res, 422);
      const field = err.error.fields.find((f) => f.path === path);
      expect(field?.message, JSON.stringify(err)).toMatch(message);
      expect(await count(t, 'workplace')).toBe(before.w);
      expect(await count(t, 'audit_event')).toBe(before.a);
    }
  });

  it('answers in English on Accept-Language: en', async () => {
    const res = await t.request('POST', '/api/workplaces', {
      session: s.jobbmaklare,
      body: { kind: 'foretag', name: 'X AB' },
      headers: { 'accept-language': 'en' },
    });
    const err = await json<{ error: { fields: { message: string }[] } }>(res, 422);
    expect(err.error.fields[0]!.message).toMatch(/organisation number/);
  });
});

describe('access', () => {
  it('lets handläggare and enhetschef read but not change; other roles get 403 and a deny event', async () => {
    const w = await createWorkplace(t, s.jobbmaklare!, { kind: 'kommunal', name: 'Läsbar enhet' });
    for (const u of ['handlaggare', 'enhetschef', 'jobbmaklare']) {
      expect((await t.request('GET', `/api/workplaces/${w.id}`, { session: s[u] })).status).toBe(200);
      expect((await t.request('GET', '/api/workplaces', { session: s[u] })).status).toBe(200);
    }
    for (const u of ['handlaggare', 'enhetschef', 'syv', 'analytiker', 'admin', 'granskare']) {
      const before = await count(t, 'audit_event');
      const res = await t.request('POST', `/api/workplaces/${w.id}/supervisors`, {
        session: s[u],
        body: { name: 'Obehörig' },
      });
      expect(res.status, u).toBe(403);
      expect(await count(t, 'audit_event')).toBe(before + 1);
      expect((await lastEvent(t)).action).toBe('deny');
    }
    for (const u of ['syv', 'analytiker', 'admin', 'granskare']) {
      expect((await t.request('GET', `/api/workplaces/${w.id}`, { session: s[u] })).status, u).toBe(403);
    }
  });

  it('answers 404 for an unknown id and for malformed ids', async () => {
    const res = await t.request('GET', '/api/workplaces/5b0f3c1e-9a55-4f1e-8c4b-2f7f2f1d9e01', {
      session: s.handlaggare,
    });
    expect(res.status).toBe(404);
    expect((await t.request('GET', '/api/workplaces/abc', { session: s.handlaggare })).status).toBe(400);
  });
});

describe('register and parts', () => {
  it('searches case- and diacritic-insensitively and sorts in Swedish order', async () => {
    await createWorkplace(t, s.jobbmaklare!, {
      kind: 'kommunal',
      name: 'Östra vårdboendet',
      sector: 'vard-omsorg',
    });
    await createWorkplace(t, s.jobbmaklare!, {
      kind: 'kommunal',
      name: 'Åkerns vårdboende',
      sector: 'vard-omsorg',
    });
    await createWorkplace(t, s.jobbmaklare!, { kind: 'kommunal', name: 'Zeta vård', city: 'Norrby' });
    const r = await json<{ workplaces: { name: string }[] }>(
      await t.request('GET', '/api/workplaces?q=VARD', { session: s.handlaggare }),
      200,
    );
    const names = r.workplaces.map((w) => w.name);
    expect(names).toEqual(expect.arrayContaining(['Östra vårdboendet', 'Åkerns vårdboende', 'Zeta vård']));
    expect(names.indexOf('Zeta vård')).toBeLessThan(names.indexOf('Åkerns vårdboende'));
    expect(names.indexOf('Åkerns vårdboende')).toBeLessThan(names.indexOf('Östra vårdboendet'));
    const byOrgnr = await json<{ workplaces: { name: string }[] }>(
      await t.request('GET', '/api/workplaces?q=5560125790', { session: s.handlaggare }),
      200,
    );
    expect(byOrgnr.workplaces.map((w) => w.name)).toContain('Ängens Bageri AB');
  });

  it('adds, changes and removes supervisors, agreements, checks and slots, each with an audit event', async () => {
    const w = await createWorkplace(t, s.jobbmaklare!, { kind: 'kommunal', name: 'Delar enhet' });
    const base = `/api/workplaces/${w.id}`;
    const steps: [string, string, unknown, number, string][] = [
      ['POST', `${base}/supervisors`, { name: 'Hans Handledare', phone: '08-123 456' }, 201, 'create'],
      ['POST', `${base}/agreements`, { type: 'samverkansavtal', validFrom: '2026-01-01' }, 201, 'create'],
      [
        'POST',
        `${base}/compliance-checks`,
        {
          checkedOn: '2026-03-01',
          collectiveAgreement: false,
          criminalRecordExtractRequired: true,
          minorsRulesAcknowledged: true,
        },
        201,
        'create',
      ],
      [
        'POST',
        `${base}/slots`,
        { periodFrom: '2026-06-01', periodTo: '2026-08-31', places: 3 },
        201,
        'create',
      ],
    ];
    let view: View | undefined;
    for (const [method, path, body, status, action] of steps) {
      const before = await count(t, 'audit_event');
      view = await json<View>(await t.request(method, path, { session: s.jobbmaklare, body }), status);
      expect(await count(t, 'audit_event')).toBe(before + 1);
      expect(await lastEvent(t)).toMatchObject({ action, object_type: 'workplace', object_id: w.id });
    }
    const sup = view!.supervisors[0]!;
    view = await json<View>(
      await t.request('PUT', `${base}/supervisors/${sup.id}`, {
        session: s.jobbmaklare,
        body: { name: 'Hans Handledare', phone: '08-123 456', active: false },
      }),
      200,
    );
    expect(view.supervisors[0]!.active).toBe(false);
    const ag = view.agreements[0]!;
    view = await json<View>(
      await t.request('PUT', `${base}/agreements/${ag.id}`, {
        session: s.jobbmaklare,
        body: { type: 'samverkansavtal', validFrom: '2026-01-01', validTo: '2027-12-31' },
      }),
      200,
    );
    expect(view.agreements[0]!.validTo).toBe('2027-12-31');
    view = await json<View>(
      await t.request('DELETE', `${base}/slots/${view.slots[0]!.id}`, { session: s.jobbmaklare }),
      200,
    );
    expect(view.slots).toEqual([]);
    view = await json<View>(
      await t.request('DELETE', `${base}/supervisors/${sup.id}`, { session: s.jobbmaklare }),
      200,
    );
    expect(view.supervisors).toEqual([]);
    expect((await lastEvent(t)).action).toBe('delete');
  });

  it('refuses a compliance check dated in the future and a slot ending before it starts', async () => {
    const w = await createWorkplace(t, s.jobbmaklare!, { kind: 'kommunal', name: 'Kontroll enhet' });
    const before = await count(t, 'audit_event');
    const r1 = await t.request('POST', `/api/workplaces/${w.id}/compliance-checks`, {
      session: s.jobbmaklare,
      body: {
        checkedOn: '2027-01-01',
        collectiveAgreement: true,
        criminalRecordExtractRequired: false,
        minorsRulesAcknowledged: false,
      },
    });
    expect(r1.status).toBe(422);
    const r2 = await t.request('POST', `/api/workplaces/${w.id}/slots`, {
      session: s.jobbmaklare,
      body: { periodFrom: '2026-06-01', periodTo: '2026-05-01', places: 1 },
    });
    expect(r2.status).toBe(422);
    expect(await count(t, 'audit_event')).toBe(before);
  });

  it('updates the workplace fields and replaces occupations', async () => {
    const w = await createWorkplace(t, s.jobbmaklare!, {
      kind: 'kommunal',
      name: 'Före',
      occupations: ['5321'],
    });
    const v = await json<View>(
      await t.request('PUT', `/api/workplaces/${w.id}`, {
        session: s.jobbmaklare,
        body: { kind: 'kommunal', name: 'Efter', sector: 'skola', occupations: ['5312'] },
      }),
      200,
    );
    expect(v.name).toBe('Efter');
    expect(v.occupations.map((o) => o.code)).toEqual(['5312']);
    const e = await lastEvent(t);
    expect(e.action).toBe('update');
    expect((e.details as { changed: string[] }).changed).toEqual(
      expect.arrayContaining(['name', 'sector_label']),
    );
  });

  it('searches SSYK 2012 codes', async () => {
    const r = await json<{ codes: { code: string }[] }>(
      await t.request('GET', '/api/workplaces/occupation-codes?q=5321', { session: s.handlaggare }),
      200,
    );
    expect(r.codes[0]!.code).toBe('5321');
  });
});

describe('bulk registration and demo data', () => {
  it('imports many workplaces all or nothing, with one import event', async () => {
    const before = { w: await count(t, 'workplace'), a: await count(t, 'audit_event') };
    const bad = await t.request('POST', '/api/workplaces/import', {
      session: s.jobbmaklare,
      body: {
        workplaces: [
          { kind: 'kommunal', name: 'skola enhet 1', sector: 'skola' },
          { kind: 'foretag', name: 'Saknar orgnr AB' },
        ],
      },
    });
    const err = await json<{ error: { fields: { path: string }[] } }>(bad, 422);
    expect(err.error.fields.map((f) => f.path)).toEqual(['body.workplaces.1.organisationsnummer']);
    expect(await count(t, 'workplace')).toBe(before.w);
    expect(await count(t, 'audit_event')).toBe(before.a);
    const ok = await json<{ ids: string[] }>(
      await t.request('POST', '/api/workplaces/import', {
        session: s.jobbmaklare,
        body: {
          workplaces: [
            { kind: 'kommunal', name: 'skola enhet 1', sector: 'skola' },
            { kind: 'kommunal', name: 'maltid enhet 1', sector: 'maltid', occupations: ['5120'] },
          ],
        },
      }),
      201,
    );
    expect(ok.ids).toHaveLength(2);
    expect(await count(t, 'workplace')).toBe(before.w + 2);
    expect(await count(t, 'audit_event')).toBe(before.a + 1);
    expect(await lastEvent(t)).toMatchObject({
      action: 'import',
      object_type: 'workplace',
      role: 'jobbmaklare',
    });
  });

  it('has the 30 demo workplaces, each with a supervisor, agreements and slots', async () => {
    const r = await json<{
      workplaces: { name: string; supervisors: number; agreementValidToday: boolean }[];
    }>(await t.request('GET', '/api/workplaces?q=Ängsgårdens', { session: s.handlaggare }), 200);
    expect(r.workplaces).toMatchObject([
      { name: 'Ängsgårdens äldreboende', supervisors: 1, agreementValidToday: true },
    ]);
    const slots = await t.db.selectFrom('workplace_slot').select('id').execute();
    expect(slots.length).toBeGreaterThanOrEqual(60);
  });
});

describe('SNI codes', () => {
  it('accepts section letters and 2–5 digits, with or without the dot', () => {
    expect(parseSniCode('q')).toEqual({ ok: true, code: 'Q' });
    expect(parseSniCode('87')).toEqual({ ok: true, code: '87' });
    expect(parseSniCode('87301')).toEqual({ ok: true, code: '87.301' });
    expect(parseSniCode('58.13')).toEqual({ ok: true, code: '58.13' });
    for (const bad of ['1', 'V', '123456', '58.1234', 'vård']) expect(parseSniCode(bad).ok, bad).toBe(false);
  });
});
