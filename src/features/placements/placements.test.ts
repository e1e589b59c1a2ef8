import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestSession } from '../../../test/app.ts';
import {
  addToAccessList,
  count,
  createWorkplace,
  enrolledPerson,
  grantProtection,
  json,
  lastEvent,
} from '../../../test/placements.ts';

let t: TestApp;
let s: Record<string, TestSession>;
let kommunal: Awaited<ReturnType<typeof createWorkplace>>;
let foretag: Awaited<ReturnType<typeof createWorkplace>>;
let other: Awaited<ReturnType<typeof createWorkplace>>;

interface Placement {
  id: string;
  person: { id: string; name: string };
  startDate: string;
  endDate: string | null;
  status: string;
  shareNameWithWorkplace: boolean;
  supervisor: { id: string; name: string } | null;
  employment: null | {
    form: string | null;
    monthlySalarySek: number | null;
    employerCostFactor: number | null;
    monthlyEmployerCostSek: number | null;
    netMonthlyCostSek: number | null;
    subsidy: { kind: string; decisionId: string | null; monthlyAmountSek: number | null } | null;
  };
}
type Issue = { error: { code: string; message: string; fields: { path: string; message: string }[] } };

beforeAll(async () => {
  t = await createTestApp();
  s = {};
  for (const u of ['jobbmaklare', 'handlaggare', 'enhetschef', 'syv', 'analytiker']) s[u] = await t.login(u);
  kommunal = await createWorkplace(t, s.jobbmaklare!, {
    kind: 'kommunal',
    name: 'Solgläntans förskola',
    sector: 'skola',
    supervisors: [{ name: 'Siv Handledare', phone: '070-111 22 33' }],
    slots: [{ periodFrom: '2026-01-01', periodTo: '2026-12-31', places: 1 }],
  });
  foretag = await createWorkplace(t, s.jobbmaklare!, {
    kind: 'foretag',
    name: 'Lagret AB',
    organisationsnummer: '556012-5790',
    supervisors: [{ name: 'Lars Lager' }],
    agreements: [{ type: 'praktikavtal', validFrom: '2026-01-01', validTo: '2026-06-30' }],
  });
  other = await createWorkplace(t, s.jobbmaklare!, {
    kind: 'kommunal',
    name: 'Annan enhet',
    supervisors: [{ name: 'Olle Annan' }],
  });
});
afterAll(async () => {
  await t.close();
});

const post = (path: string, body: unknown, who = 'jobbmaklare', headers?: Record<string, string>) =>
  t.request('POST', path, { session: s[who], body, ...(headers ? { headers } : {}) });

async function expectRejected(body: unknown, path: string, message: RegExp) {
  const before = { p: await count(t, 'placement'), a: await count(t, 'audit_event') };
  const err = await json<Issue>(await post('/api/placements', body), 422);
  expect(
    err.error.fields.some((f) => f.path === path && message.test(f.message)),
    JSON.stringify(err.error),
  ).toBe(true);
  expect(await count(t, 'placement')).toBe(before.p);
  expect(await count(t, 'audit_event')).toBe(before.a);
  return err;
}

describe('planning a placement', () => {
  it('accepts the minimal scenario shape and writes its audit event about the person', async () => {
    const p = await enrolledPerson(t);
    const before = await count(t, 'audit_event');
    const placement = await json<Placement>(
      await post('/api/placements', {
        enrolmentId: p.enrolmentId,
        workplaceId: kommunal.id,
        startDate: '2026-02-01',
      }),
      201,
    );
    expect(placement).toMatchObject({ startDate: '2026-02-01', endDate: null, status: 'aktiv' });
    expect(placement.shareNameWithWorkplace).toBe(true);
    expect(await count(t, 'audit_event')).toBe(before + 1);
    expect(await lastEvent(t)).toMatchObject({
      action: 'create',
      object_type: 'placement',
      object_id: placement.id,
      subject_person_id: p.id,
      role: 'jobbmaklare',
      severity: 'normal',
    });
  });

  it('rejects an overlapping placement for the same person, writing nothing', async () => {
    const p = await enrolledPerson(t);
    await json(
      await post('/api/placements', {
        enrolmentId: p.enrolmentId,
        workplaceId: other.id,
        startDate: '2026-02-01',
        endDate: '2026-03-31',
      }),
      201,
    );
    await expectRejected(
      { enrolmentId: p.enrolmentId, workplaceId: kommunal.id, startDate: '2026-03-31' },
      'body.startDate',
      /redan en placering 2026-02-01–2026-03-31 \(Annan enhet\) som överlappar/,
    );
    // The day after is fine.
    await json(
      await post('/api/placements', {
        enrolmentId: p.enrolmentId,
        workplaceId: other.id,
        startDate: '2026-04-01',
        endDate: '2026-04-30',
      }),
      201,
    );
  });

  it('rejects a placement outside the agreement, and one at a company without end date', async () => {
    const p = await enrolledPerson(t);
    await expectRejected(
      {
        enrolmentId: p.enrolmentId,
        workplaceId: foretag.id,
        startDate: '2026-05-01',
        endDate: '2026-08-31',
      },
      'body.endDate',
      /utanför arbetsplatsens avtal \(2026-01-01–2026-06-30\)/,
    );
    await expectRejected(
      { enrolmentId: p.enrolmentId, workplaceId: foretag.id, startDate: '2025-12-01', endDate: '2026-01-31' },
      'body.startDate',
      /utanför arbetsplatsens avtal/,
    );
    await expectRejected(
      { enrolmentId: p.enrolmentId, workplaceId: foretag.id, startDate: '2026-05-01' },
      'body.endDate',
      /Ange slutdatum/,
    );
    await json(
      await post('/api/placements', {
        enrolmentId: p.enrolmentId,
        workplaceId: foretag.id,
        startDate: '2026-05-01',
        endDate: '2026-06-30',
        supervisorId: foretag.supervisors[0]!.id,
      }),
      201,
    );
  });

  it('rejects dates outside the enrolment, and defaults the end of an open placement to the exit date', async () => {
    const p = await enrolledPerson(t, { startDate: '2026-02-02', exitDate: '2026-05-29' });
    await expectRejected(
      { enrolmentId: p.enrolmentId, workplaceId: kommunal.id, startDate: '2026-02-01' },
      'body.startDate',
      /före insatsens startdatum 2026-02-02/,
    );
    await expectRejected(
      { enrolmentId: p.enrolmentId, workplaceId: kommunal.id, startDate: '2026-06-01' },
      'body.startDate',
      /efter att deltagaren avslutat insatsen/,
    );
    await expectRejected(
      {
        enrolmentId: p.enrolmentId,
        workplaceId: kommunal.id,
        startDate: '2026-03-01',
        endDate: '2026-06-30',
      },
      'body.endDate',
      /efter insatsens avslutsdatum 2026-05-29/,
    );
    const placement = await json<Placement>(
      await post('/api/placements', {
        enrolmentId: p.enrolmentId,
        workplaceId: other.id,
        startDate: '2026-03-01',
      }),
      201,
    );
    expect(placement.endDate).toBe('2026-05-29');
  });

  it('rejects a supervisor of another workplace, a waitlisted enrolment and a full slot', async () => {
    const p = await enrolledPerson(t);
    await expectRejected(
      {
        enrolmentId: p.enrolmentId,
        workplaceId: kommunal.id,
        startDate: '2026-03-01',
        supervisorId: other.supervisors[0]!.id,
      },
      'body.supervisorId',
      /hör inte till den valda arbetsplatsen/,
    );
    const w = await enrolledPerson(t, { startDate: '2026-01-05' });
    await t.db
      .updateTable('enrolment')
      .set({ status: 'waitlisted', start_date: null })
      .where('id', '=', w.enrolmentId)
      .execute();
    await expectRejected(
      { enrolmentId: w.enrolmentId, workplaceId: kommunal.id, startDate: '2026-03-01' },
      'body.enrolmentId',
      /inget startdatum i insatsen/,
    );
    const slotId = kommunal.slots[0]!.id;
    const a = await enrolledPerson(t);
    await json(
      await post('/api/placements', {
        enrolmentId: a.enrolmentId,
        workplaceId: kommunal.id,
        slotId,
        startDate: '2026-03-01',
        endDate: '2026-04-30',
      }),
      201,
    );
    const b = await enrolledPerson(t);
    await expectRejected(
      {
        enrolmentId: b.enrolmentId,
        workplaceId: kommunal.id,
        slotId,
        startDate: '2026-04-01',
        endDate: '2026-05-31',
      },
      'body.slotId',
      /fyllda/,
    );
  });

  it('keeps employment details for employment programmes only, and computes cost net of subsidy', async () => {
    const employment = {
      form: 'tidsbegransad',
      hoursPerWeek: 40,
      monthlySalarySek: 25000,
      employerCostFactor: 1.3142,
      subsidy: {
        kind: 'nystartsjobb',
        decisionId: 'AF-2026-123',
        monthlyAmountSek: 12000,
        from: '2026-03-01',
        to: '2027-02-28',
      },
    };
    const a = await enrolledPerson(t, { kind: 'aktivitet' });
    await expectRejected(
      { enrolmentId: a.enrolmentId, workplaceId: kommunal.id, startDate: '2026-03-01', employment },
      'body.employment',
      /bara till insatser som är anställningar/,
    );
    const e = await enrolledPerson(t, { kind: 'anstallning' });
    const placement = await json<Placement>(
      await post('/api/placements', {
        enrolmentId: e.enrolmentId,
        workplaceId: other.id,
        startDate: '2026-03-01',
        endDate: '2027-02-28',
        employment,
      }),
      201,
    );
    expect(placement.employment).toMatchObject({
      form: 'tidsbegransad',
      monthlySalarySek: 25000,
      employerCostFactor: 1.3142,
      monthlyEmployerCostSek: 32855,
      netMonthlyCostSek: 20855,
      subsidy: { kind: 'nystartsjobb', decisionId: 'AF-2026-123', monthlyAmountSek: 12000 },
    });
  });

  it('updates and cancels a placement, with audit events; a cancelled one no longer blocks', async () => {
    const p = await enrolledPerson(t);
    const created = await json<Placement>(
      await post('/api/placements', {
        enrolmentId: p.enrolmentId,
        workplaceId: other.id,
        startDate: '2026-03-01',
      }),
      201,
    );
    const updated = await json<Placement>(
      await t.request('PUT', `/api/placements/${created.id}`, {
        session: s.jobbmaklare,
        body: {
          workplaceId: other.id,
          startDate: '2026-03-02',
          endDate: '2026-05-31',
          supervisorId: other.supervisors[0]!.id,
        },
      }),
      200,
    );
    expect(updated).toMatchObject({
      startDate: '2026-03-02',
      endDate: '2026-05-31',
      supervisor: { name: 'Olle Annan' },
    });
    expect(await lastEvent(t)).toMatchObject({
      action: 'update',
      object_id: created.id,
      subject_person_id: p.id,
    });
    const cancelled = await json<Placement>(await post(`/api/placements/${created.id}/cancel`, {}), 200);
    expect(cancelled.status).toBe('avbruten');
    await json(
      await post('/api/placements', {
        enrolmentId: p.enrolmentId,
        workplaceId: kommunal.id,
        startDate: '2026-03-02',
      }),
      201,
    );
  });

  it('refuses agreement changes that would leave a placement outside, and removing a used supervisor', async () => {
    const ag = foretag.agreements[0]!;
    const before = await count(t, 'audit_event');
    const res = await t.request('PUT', `/api/workplaces/${foretag.id}/agreements/${ag.id}`, {
      session: s.jobbmaklare,
      body: { type: 'praktikavtal', validFrom: '2026-01-01', validTo: '2026-05-31' },
    });
    expect(res.status).toBe(422);
    expect(
      (
        await t.request('DELETE', `/api/workplaces/${foretag.id}/agreements/${ag.id}`, {
          session: s.jobbmaklare,
        })
      ).status,
    ).toBe(422);
    const sup = await t.request(
      'DELETE',
      `/api/workplaces/${foretag.id}/supervisors/${foretag.supervisors[0]!.id}`,
      {
        session: s.jobbmaklare,
      },
    );
    expect(sup.status).toBe(409);
    expect(await count(t, 'audit_event')).toBe(before);
  });
});

describe('access to placements', () => {
  it('lets no other role in, and hides persons outside the caseload as not found (with a deny event)', async () => {
    const p = await enrolledPerson(t, { caseWorker: 'enhetschef' });
    for (const u of ['syv', 'analytiker']) {
      const res = await post(
        '/api/placements',
        { enrolmentId: p.enrolmentId, workplaceId: kommunal.id, startDate: '2026-03-01' },
        u,
      );
      expect(res.status, u).toBe(403);
    }
    // The handläggare's caseload holds own, team and unassigned persons; this one has another case worker.
    const before = { p: await count(t, 'placement') };
    const res = await post(
      '/api/placements',
      { enrolmentId: p.enrolmentId, workplaceId: kommunal.id, startDate: '2026-03-01' },
      'handlaggare',
    );
    expect(res.status).toBe(404);
    expect(await count(t, 'placement')).toBe(before.p);
    expect(await lastEvent(t)).toMatchObject({ action: 'deny', subject_person_id: p.id });
    // The jobbmäklare reaches the whole unit.
    const placement = await json<Placement>(
      await post('/api/placements', {
        enrolmentId: p.enrolmentId,
        workplaceId: kommunal.id,
        startDate: '2026-03-01',
      }),
      201,
    );
    expect(
      (await t.request('GET', `/api/placements/${placement.id}`, { session: s.handlaggare })).status,
    ).toBe(404);
    expect(
      (await t.request('GET', `/api/placements/${placement.id}`, { session: s.enhetschef })).status,
    ).toBe(200);
  });

  it('needs the protection permission and a purpose for protected persons, and logs at raised severity', async () => {
    const p = await enrolledPerson(t, { protectionLevel: 'sekretessmarkering' });
    const body = { enrolmentId: p.enrolmentId, workplaceId: other.id, startDate: '2026-03-01' };
    expect((await post('/api/placements', body)).status).toBe(404);
    await grantProtection(t, 'jobbmaklare', 'sekretessmarkering');
    const noPurpose = await post('/api/placements', body);
    expect(noPurpose.status).toBe(403);
    expect(((await noPurpose.json()) as Issue).error.code).toBe('purpose_required');
    const placement = await json<Placement>(
      await post('/api/placements', body, 'jobbmaklare', { 'x-insats-purpose': 'Planera praktik' }),
      201,
    );
    expect(placement.shareNameWithWorkplace).toBe(false);
    expect(await lastEvent(t)).toMatchObject({
      action: 'create',
      severity: 'raised',
      purpose: 'Planera praktik',
    });
  });
});

describe('the workplace view', () => {
  const CANARY = {
    firstName: 'Kanariefågel',
    lastName: 'Hemligsson',
    phone: '070-CANARY-99',
    email: 'canary@skyddad.example',
    addressStreet: 'Kanarievägen 13',
  };
  const leaks = (text: string) =>
    [
      CANARY.firstName,
      CANARY.lastName,
      CANARY.phone,
      CANARY.email,
      CANARY.addressStreet,
      'sekretess',
      'skyddad_',
    ].filter((c) => text.includes(c));

  it('never contains a protected person’s data; the name only after recorded consent, contact never', async () => {
    await grantProtection(t, 'handlaggare', 'skyddad_folkbokforing');
    await grantProtection(t, 'jobbmaklare', 'skyddad_folkbokforing');
    const p = await enrolledPerson(t, { ...CANARY, protectionLevel: 'skyddad_folkbokforing' });
    await addToAccessList(t, p.id, 'jobbmaklare');
    await addToAccessList(t, p.id, 'handlaggare');
    const purpose = { 'x-insats-purpose': 'Placering' };
    const placement = await json<Placement>(
      await post(
        '/api/placements',
        {
          enrolmentId: p.enrolmentId,
          workplaceId: kommunal.id,
          startDate: '2026-03-01',
          supervisorId: kommunal.supervisors[0]!.id,
        },
        'jobbmaklare',
        purpose,
      ),
      201,
    );
    const view = async () => {
      const res = await t.request('GET', `/api/placements/${placement.id}/workplace-view`, {
        session: s.jobbmaklare,
        headers: purpose,
      });
      return { text: await res.text(), status: res.status };
    };
    const v1 = await view();
    expect(v1.status).toBe(200);
    expect(leaks(v1.text)).toEqual([]);
    expect(JSON.parse(v1.text)).toMatchObject({
      workplace: { name: 'Solgläntans förskola' },
      supervisor: { name: 'Siv Handledare' },
      participant: { name: null, phone: null, email: null },
    });
    expect(await lastEvent(t)).toMatchObject({
      action: 'export',
      severity: 'raised',
      subject_person_id: p.id,
    });

    // Only the case worker records consent (jobbmäklare may not).
    expect(
      (
        await t.request('PUT', `/api/placements/${placement.id}/workplace-consent`, {
          session: s.jobbmaklare,
          body: { shareNameWithWorkplace: true },
          headers: purpose,
        })
      ).status,
    ).toBe(403);
    await json(
      await t.request('PUT', `/api/placements/${placement.id}/workplace-consent`, {
        session: s.handlaggare,
        body: { shareNameWithWorkplace: true },
        headers: purpose,
      }),
      200,
    );
    expect(await lastEvent(t)).toMatchObject({
      action: 'update',
      object_id: placement.id,
      severity: 'raised',
    });
    const v2 = await view();
    expect(leaks(v2.text)).toEqual([CANARY.firstName, CANARY.lastName]);
    expect(JSON.parse(v2.text).participant).toEqual({
      name: 'Kanariefågel Hemligsson',
      phone: null,
      email: null,
    });

    // Lists: neither the workplace's placements for someone without permission, nor a name search.
    const list = await t.request('GET', `/api/workplaces/${kommunal.id}/placements`, {
      session: s.enhetschef,
    });
    expect(leaks(await list.text())).toEqual([]);
    const search = await t.request('GET', '/api/placement-planning/enrolments?q=Kanarie', {
      session: s.jobbmaklare,
    });
    expect(leaks(await search.text())).toEqual([]);
    const byNumber = await json<{ enrolments: { name: string }[] }>(
      await t.request('GET', `/api/placement-planning/enrolments?q=${p.personnummer}`, {
        session: s.jobbmaklare,
      }),
      200,
    );
    expect(byNumber.enrolments.map((e) => e.name)).toEqual(['Kanariefågel Hemligsson']);
  });

  it('hides the name when a person becomes protected after the placement, until consent is recorded', async () => {
    const p = await enrolledPerson(t, { firstName: 'Senare', lastName: 'Skyddad', phone: '070-999 00 11' });
    const placement = await json<Placement>(
      await post('/api/placements', {
        enrolmentId: p.enrolmentId,
        workplaceId: other.id,
        startDate: '2026-03-01',
      }),
      201,
    );
    expect(placement.shareNameWithWorkplace).toBe(true);
    await t.db
      .updateTable('person')
      .set({ protection_level: 'sekretessmarkering' })
      .where('id', '=', p.id)
      .execute();
    await grantProtection(t, 'enhetschef', 'sekretessmarkering');
    const purpose = { 'x-insats-purpose': 'Kontroll' };
    const view = async () =>
      json<{ participant: unknown }>(
        await t.request('GET', `/api/placements/${placement.id}/workplace-view`, {
          session: s.enhetschef,
          headers: purpose,
        }),
        200,
      );
    expect((await view()).participant).toEqual({ name: null, phone: null, email: null });
    await json(
      await t.request('PUT', `/api/placements/${placement.id}/workplace-consent`, {
        session: s.enhetschef,
        body: { shareNameWithWorkplace: true },
        headers: purpose,
      }),
      200,
    );
    expect((await view()).participant).toEqual({ name: 'Senare Skyddad', phone: null, email: null });
  });

  it('gives an unprotected person’s name and contact, never address or personnummer', async () => {
    const p = await enrolledPerson(t, {
      firstName: 'Öppen',
      lastName: 'Person',
      phone: '070-555 66 77',
      email: 'oppen@example.se',
      addressStreet: 'Gatan 1',
    });
    const placement = await json<Placement>(
      await post('/api/placements', {
        enrolmentId: p.enrolmentId,
        workplaceId: other.id,
        startDate: '2026-03-01',
      }),
      201,
    );
    const text = await (
      await t.request('GET', `/api/placements/${placement.id}/workplace-view`, { session: s.handlaggare })
    ).text();
    expect(JSON.parse(text).participant).toEqual({
      name: 'Öppen Person',
      phone: '070-555 66 77',
      email: 'oppen@example.se',
    });
    expect(text).not.toContain('Gatan 1');
    expect(text).not.toContain(p.personnummer);
    // Without consent, not even an unprotected person's name or contact.
    await json(
      await t.request('PUT', `/api/placements/${placement.id}/workplace-consent`, {
        session: s.handlaggare,
        body: { shareNameWithWorkplace: false },
      }),
      200,
    );
    const after = await json<{ participant: unknown }>(
      await t.request('GET', `/api/placements/${placement.id}/workplace-view`, { session: s.handlaggare }),
      200,
    );
    expect(after.participant).toEqual({ name: null, phone: null, email: null });
  });
});

describe('attendance', () => {
  let person: Awaited<ReturnType<typeof enrolledPerson>>;
  let placementId: string;
  const csv = (rows: string[], header = 'personnummer;vecka;närvarotimmar;frånvarotimmar;orsak') =>
    Buffer.concat([
      Buffer.from([0xef, 0xbb, 0xbf]),
      Buffer.from([header, ...rows].join('\r\n'), 'utf8'),
    ]).toString('base64');

  beforeAll(async () => {
    person = await enrolledPerson(t, {
      firstName: 'Närvaro',
      lastName: 'Testsson',
      caseWorker: 'handlaggare',
    });
    const p = await json<Placement>(
      await post('/api/placements', {
        enrolmentId: person.enrolmentId,
        workplaceId: other.id,
        startDate: '2026-03-02',
        endDate: '2026-04-30',
      }),
      201,
    );
    placementId = p.id;
  });

  it('records a week with absence per reason, refuses weeks outside the placement', async () => {
    await json(
      await t.request('PUT', `/api/placements/${placementId}/attendance/2026-W10`, {
        session: s.jobbmaklare,
        body: {
          hoursPresent: 30,
          absences: [
            { reason: 'sjuk', hours: 8 },
            { reason: 'vab', hours: 2 },
          ],
        },
      }),
      200,
    );
    expect(await lastEvent(t)).toMatchObject({
      action: 'update',
      object_type: 'placement_attendance',
      subject_person_id: person.id,
    });
    const before = await count(t, 'audit_event');
    const out = await t.request('PUT', `/api/placements/${placementId}/attendance/2026-W20`, {
      session: s.jobbmaklare,
      body: { hoursPresent: 40, absences: [] },
    });
    expect(out.status).toBe(422);
    expect(await count(t, 'audit_event')).toBe(before);
    const weeks = await json<{
      weeks: { week: string; hoursPresent: number; absences: { reason: string; hours: number }[] }[];
    }>(await t.request('GET', `/api/placements/${placementId}/attendance`, { session: s.handlaggare }), 200);
    expect(weeks.weeks).toEqual([
      expect.objectContaining({
        week: '2026-W10',
        hoursPresent: 30,
        absences: [
          { reason: 'sjuk', hours: 8 },
          { reason: 'vab', hours: 2 },
        ],
      }),
    ]);
  });

  it('imports a CSV file atomically: one bad row and nothing is written, every bad row reported', async () => {
    const unknown = '196408233234';
    const beforeRows = await count(t, 'placement_attendance');
    const bad = await json<{
      ok: boolean;
      issues: { line: number; column: string | null; message: string }[];
    }>(
      await post('/api/attendance/import', {
        contentBase64: csv([
          `${person.personnummer};2026-V11;40;0;`,
          `${person.personnummer};2026-V12;32;8;sjuk`,
          `${unknown};2026-V12;40;0;`,
          `${person.personnummer};2026-V30;40;0;`,
          `${person.personnummer};2026-V13;40;8;`,
        ]),
      }),
      200,
    );
    expect(bad.ok).toBe(false);
    expect(await count(t, 'placement_attendance')).toBe(beforeRows);
    // Format problems are found first; nothing else is looked at then.
    expect(bad.issues.map((i) => [i.line, i.column])).toEqual([[6, 'orsak']]);
    const bad2 = await json<{
      ok: boolean;
      issues: { line: number; column: string | null; message: string }[];
    }>(
      await post('/api/attendance/import', {
        contentBase64: csv([
          `${person.personnummer};2026-V11;40;0;`,
          `${unknown};2026-V12;40;0;`,
          `${person.personnummer};2026-V30;40;0;`,
        ]),
      }),
      200,
    );
    expect(bad2.ok).toBe(false);
    expect(bad2.issues).toEqual([
      {
        line: 3,
        column: 'personnummer',
        message: 'Personnumret finns inte bland de deltagare du har behörighet till.',
      },
      { line: 4, column: 'vecka', message: 'Personen har ingen placering vecka 2026-W30.' },
    ]);
    expect(await count(t, 'placement_attendance')).toBe(beforeRows);
    expect(await lastEvent(t)).toMatchObject({ action: 'import', outcome: 'failure' });

    const file = csv([`${person.personnummer};2026-V11;40;0;`, `${person.personnummer};2026-V12;32;8;sjuk`]);
    const dry = await json<{ ok: boolean; rows: number }>(
      await post('/api/attendance/import', { contentBase64: file, dryRun: true }),
      200,
    );
    expect(dry).toMatchObject({ ok: true, rows: 2 });
    expect(await count(t, 'placement_attendance')).toBe(beforeRows);
    const ok = await json<{ ok: boolean; rows: number; persons: number; encoding: string }>(
      await post('/api/attendance/import', { contentBase64: file }),
      200,
    );
    expect(ok).toMatchObject({ ok: true, rows: 2, persons: 1, encoding: 'utf-8' });
    expect(await count(t, 'placement_attendance')).toBe(beforeRows + 2);
    const events = await t.db.selectFrom('audit_event').selectAll().orderBy('seq', 'desc').limit(2).execute();
    expect(events.map((e) => e.action)).toEqual(['import', 'update']);
    expect(events[1]).toMatchObject({ subject_person_id: person.id, object_type: 'placement_attendance' });
  });

  it('imports Windows-1252 files and does not reach persons outside the caseload', async () => {
    const outsider = await enrolledPerson(t, { caseWorker: 'enhetschef' });
    await json(
      await post('/api/placements', {
        enrolmentId: outsider.enrolmentId,
        workplaceId: other.id,
        startDate: '2026-03-02',
      }),
      201,
    );
    const header = 'personnummer;vecka;närvarotimmar;frånvarotimmar;orsak';
    const latin1 = (text: string) => Buffer.from(text, 'latin1').toString('base64');
    const res = await json<{ ok: boolean; encoding: string; issues: { line: number; column: string }[] }>(
      await post(
        '/api/attendance/import',
        { contentBase64: latin1(`${header}\r\n${outsider.personnummer};2026-V11;40;0;\r\n`) },
        'handlaggare',
      ),
      200,
    );
    expect(res).toMatchObject({
      ok: false,
      encoding: 'windows-1252',
      issues: [{ line: 2, column: 'personnummer' }],
    });
    expect(await lastEvent(t)).toMatchObject({ action: 'import', outcome: 'failure' });
    const deny = await t.db
      .selectFrom('audit_event')
      .selectAll()
      .where('subject_person_id', '=', outsider.id)
      .where('action', '=', 'deny')
      .execute();
    expect(deny.length).toBe(1);
    const ok = await json<{ ok: boolean; encoding: string }>(
      await post('/api/attendance/import', {
        contentBase64: latin1(`${header}\r\n${outsider.personnummer};2026-V11;40;0;\r\n`),
      }),
      200,
    );
    expect(ok).toMatchObject({ ok: true, encoding: 'windows-1252' });
  });

  it('shows the case worker absence per person and period', async () => {
    const one = await json<{
      weeks: { week: string; absenceHours: number }[];
      totals: { hoursPresent: number; absence: Record<string, number>; absenceHours: number };
    }>(
      await t.request('GET', `/api/attendance/absence/${person.id}?from=2026-03-01&to=2026-03-31`, {
        session: s.handlaggare,
      }),
      200,
    );
    expect(one.weeks.map((w) => w.week)).toEqual(['2026-W10', '2026-W11', '2026-W12']);
    expect(one.totals).toEqual({
      hoursPresent: 102,
      absence: { sjuk: 16, vab: 2, ledig: 0, ogiltig: 0, annat: 0 },
      absenceHours: 18,
    });
    const list = await json<{ persons: { name: string; absenceHours: number }[] }>(
      await t.request('GET', '/api/attendance/absence?from=2026-03-01&to=2026-03-31', {
        session: s.handlaggare,
      }),
      200,
    );
    expect(list.persons).toContainEqual(
      expect.objectContaining({ name: 'Närvaro Testsson', absenceHours: 18 }),
    );
    expect(list.persons.map((p) => p.name)).not.toContain(expect.stringContaining('Kanarie'));
  });
});
