import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestSession } from '../../../../test/app.ts';
import { pdfInfo, pdfText } from '../../../../test/pdf-text.ts';
import { auditEventsAbout, grantProtectionPermission, insertTestPerson } from '../../../../test/persons.ts';
import type { PlanView } from './schema.ts';

let t: TestApp;
let hl: TestSession;
let personId: string;

beforeAll(async () => {
  t = await createTestApp();
  hl = await t.login('handlaggare');
  personId = await insertTestPerson(t, {
    firstName: 'Amira',
    lastName: 'Exempelsson',
    caseWorkerUsername: 'handlaggare',
  });
});
afterAll(async () => {
  await t.close();
});

const planUrl = (id: string) => `/api/participants/${id}/plan`;

describe('handlingsplan', () => {
  let plan: PlanView;

  it('starts empty and logs the read', async () => {
    const res = await t.request('GET', planUrl(personId), { session: hl });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ goals: [], activities: [], agreedOn: null });
    expect((await auditEventsAbout(t, personId)).at(-1)).toMatchObject({
      action: 'read',
      object_type: 'plan',
    });
  });

  it('adds goals and activities, each with its own create event', async () => {
    let res = await t.request('POST', `${planUrl(personId)}/goals`, {
      session: hl,
      body: { description: 'Få ett arbete inom äldreomsorgen', targetDate: '2026-12-31' },
    });
    expect(res.status).toBe(200);
    plan = (await res.json()) as PlanView;
    const goalId = plan.goals[0]!.id;
    expect(plan.goals[0]).toMatchObject({ status: 'ej_paborjat', targetDate: '2026-12-31' });
    const goalEvent = (await auditEventsAbout(t, personId)).at(-1);
    expect(goalEvent).toMatchObject({
      action: 'create',
      object_type: 'plan_goal',
      object_id: goalId,
      subject_person_id: personId,
    });

    res = await t.request('POST', `${planUrl(personId)}/activities`, {
      session: hl,
      body: {
        goalId,
        kind: 'praktik',
        description: 'Praktik på Solgårdens äldreboende',
        ownerRole: 'jobbmaklare',
        dueDate: '2026-06-30',
      },
    });
    expect(res.status).toBe(200);
    res = await t.request('POST', `${planUrl(personId)}/activities`, {
      session: hl,
      body: { kind: 'sfi', description: 'Läsa sfi kurs C', ownerRole: 'deltagare', status: 'pagar' },
    });
    plan = (await res.json()) as PlanView;
    expect(plan.activities.map((a) => a.kind)).toEqual(['praktik', 'sfi']);
    expect((await auditEventsAbout(t, personId)).at(-1)).toMatchObject({
      action: 'create',
      object_type: 'plan_activity',
    });
  });

  it('saves the plan dates and updates goals and activities', async () => {
    const header = await t.request('PUT', planUrl(personId), {
      session: hl,
      body: { agreedOn: '2026-03-02', followUpOn: '2026-04-15' },
    });
    expect(header.status).toBe(200);
    expect(await header.json()).toMatchObject({
      agreedOn: '2026-03-02',
      followUpOn: '2026-04-15',
      updatedByName: 'Hanna Handläggare',
    });
    const bad = await t.request('PUT', planUrl(personId), {
      session: hl,
      body: { agreedOn: '2026-03-02', followUpOn: '2026-01-01' },
    });
    expect(bad.status).toBe(422);
    const goal = plan.goals[0]!;
    const res = await t.request('PUT', `${planUrl(personId)}/goals/${goal.id}`, {
      session: hl,
      body: { description: goal.description, targetDate: goal.targetDate, status: 'pagar' },
    });
    expect(((await res.json()) as PlanView).goals[0]!.status).toBe('pagar');
    expect((await auditEventsAbout(t, personId)).at(-1)).toMatchObject({
      action: 'update',
      object_type: 'plan_goal',
      object_id: goal.id,
    });
  });

  it('refuses an activity tied to another person’s goal', async () => {
    const other = await insertTestPerson(t);
    const otherPlan = (await (
      await t.request('POST', `${planUrl(other)}/goals`, { session: hl, body: { description: 'Annat mål' } })
    ).json()) as PlanView;
    const res = await t.request('POST', `${planUrl(personId)}/activities`, {
      session: hl,
      body: { goalId: otherPlan.goals[0]!.id, kind: 'annat', description: 'X', ownerRole: 'deltagare' },
    });
    expect(res.status).toBe(422);
  });

  it('prints a tagged PDF in plain Swedish with the goals and activities, and logs a print event', async () => {
    const res = await t.request('GET', `${planUrl(personId)}.pdf`, { session: hl });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    const bytes = new Uint8Array(await res.arrayBuffer());
    const text = pdfText(bytes).replace(/\s+/g, ' ');
    for (const s of [
      'Din handlingsplan',
      'Amira Exempelsson',
      'Dina mål',
      'Få ett arbete inom äldreomsorgen',
      '31 december 2026',
      'Pågår',
      'Det här ska göras',
      'Praktik på Solgårdens äldreboende',
      'Jobbmäklaren',
      'Läsa sfi kurs C',
      'Sfi (svenska för invandrare)',
      'Vi följer upp planen 15 april 2026',
      'Hanna Handläggare',
    ])
      expect(text).toContain(s);
    expect(text).not.toMatch(/19900101/);
    const { info } = pdfInfo(bytes);
    expect(info).toMatch(/Tagged:\s+yes/);
    expect(info).toMatch(/Title:\s+Handlingsplan för Amira Exempelsson/);
    expect((await auditEventsAbout(t, personId)).at(-1)).toMatchObject({
      action: 'print',
      object_type: 'plan',
      subject_person_id: personId,
      severity: 'normal',
    });
  });
});

describe('access', () => {
  it('answers 404 outside the caseload and writes no plan', async () => {
    const other = await insertTestPerson(t, { unitName: 'Kompetenscenter Norr' });
    const res = await t.request('POST', `${planUrl(other)}/goals`, {
      session: hl,
      body: { description: 'Mål' },
    });
    expect(res.status).toBe(404);
    expect(
      await t.db.selectFrom('plan_goal').select('id').where('person_id', '=', other).execute(),
    ).toHaveLength(0);
    expect(
      await t.db.selectFrom('plan').select('person_id').where('person_id', '=', other).execute(),
    ).toHaveLength(0);
    expect((await t.request('GET', `${planUrl(other)}.pdf`, { session: hl })).status).toBe(404);
    expect((await auditEventsAbout(t, other)).map((e) => e.action)).toEqual(['deny', 'deny']);
  });

  it('prints for a protected person only with a purpose, at raised severity', async () => {
    const p = await insertTestPerson(t, { protectionLevel: 'sekretessmarkering' });
    await grantProtectionPermission(t, 'handlaggare', 'sekretessmarkering');
    expect((await t.request('GET', `${planUrl(p)}.pdf`, { session: hl })).status).toBe(403);
    const res = await t.request(
      'GET',
      `${planUrl(p)}.pdf?purpose=${encodeURIComponent('Utskrift till deltagaren')}`,
      {
        session: hl,
      },
    );
    expect(res.status).toBe(200);
    expect((await auditEventsAbout(t, p)).at(-1)).toMatchObject({
      action: 'print',
      severity: 'raised',
      purpose: 'Utskrift till deltagaren',
    });
  });
});
