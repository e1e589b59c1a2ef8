import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestSession } from '../../../../test/app.ts';
import { auditEventsAbout, grantProtectionPermission, insertTestPerson } from '../../../../test/persons.ts';
import type { FormDetailView, FormSummaryView, KartlaggningView } from './schema.ts';

let t: TestApp;
let hl: TestSession;
let chef: TestSession;
let personId: string;
let formId: string;

beforeAll(async () => {
  t = await createTestApp();
  hl = await t.login('handlaggare');
  chef = await t.login('enhetschef');
  personId = await insertTestPerson(t);
});
afterAll(async () => {
  await t.close();
});

const answersV1 = {
  utbildningsniva: 'gymnasium',
  svenska: 4,
  tidigare_arbete: true,
  onskat_arbete: 'Barnskötare',
};

describe('kartläggning forms', () => {
  it('lists the demo default form to the team', async () => {
    const res = await t.request('GET', '/api/kartlaggning-forms', { session: hl });
    expect(res.status).toBe(200);
    const { forms } = (await res.json()) as { forms: FormSummaryView[] };
    expect(forms).toHaveLength(1);
    expect(forms[0]).toMatchObject({
      name: 'Kartläggning – arbete och studier',
      currentVersion: 1,
      active: true,
    });
    formId = forms[0]!.id;
  });

  it('lets only administrator and enhetschef manage forms', async () => {
    const res = await t.request('POST', '/api/kartlaggning-forms', {
      session: hl,
      body: { name: 'X', questions: [{ id: 'a', label: 'A', type: 'text' }] },
    });
    expect(res.status).toBe(403);
    const admin = await t.login('admin');
    const created = await t.request('POST', '/api/kartlaggning-forms', {
      session: admin,
      body: {
        name: 'Kort uppföljning',
        questions: [{ id: 'mar', label: 'Hur mår du?', type: 'scale', scale: { min: 1, max: 5 } }],
      },
    });
    expect(created.status).toBe(201);
    const detail = (await created.json()) as FormDetailView;
    expect(detail.version.version).toBe(1);
    const ev = await t.db
      .selectFrom('audit_event')
      .selectAll()
      .where('object_id', '=', detail.id)
      .executeTakeFirstOrThrow();
    expect(ev).toMatchObject({ action: 'create', object_type: 'kartlaggning_form', role: 'administrator' });
  });

  it('rejects an invalid form definition with field paths', async () => {
    const res = await t.request('POST', '/api/kartlaggning-forms', {
      session: chef,
      body: { name: 'Trasig', questions: [{ id: 'val', label: 'Välj', type: 'choice', options: [] }] },
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { fields: { path: string; message: string }[] } };
    expect(body.error.fields).toContainEqual({
      path: 'body.questions.0.options',
      message: 'En flervalsfråga behöver minst två alternativ.',
    });
  });
});

describe('kartläggning and versioning', () => {
  let k1: KartlaggningView;

  it('writes a kartläggning with the current version and a create event', async () => {
    const res = await t.request('POST', `/api/participants/${personId}/kartlaggning`, {
      session: hl,
      body: {
        formId,
        answers: answersV1,
        strengths: ['Noggrann', ' '],
        barriers: ['Saknar körkort'],
        goals: ['Arbete inom förskola'],
      },
    });
    expect(res.status).toBe(201);
    k1 = (await res.json()) as KartlaggningView;
    expect(k1.form.version).toBe(1);
    expect(k1.strengths).toEqual(['Noggrann']);
    expect(k1.answers).toEqual(answersV1);
    expect((await auditEventsAbout(t, personId)).at(-1)).toMatchObject({
      action: 'create',
      object_type: 'kartlaggning',
      object_id: k1.id,
      subject_person_id: personId,
      severity: 'normal',
    });
  });

  it('refuses answers that do not fit the version, per question, and writes nothing', async () => {
    const before = (await auditEventsAbout(t, personId)).length;
    const res = await t.request('POST', `/api/participants/${personId}/kartlaggning`, {
      session: hl,
      body: { formId, answers: { ...answersV1, svenska: 7, onskat_arbete: '' } },
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { fields: { path: string; message: string }[] } };
    expect(body.error.fields).toEqual([
      {
        path: 'body.answers.svenska',
        message: 'Ange ett värde mellan 1 och 5 för ”Hur väl talar du svenska?”.',
      },
      {
        path: 'body.answers.onskat_arbete',
        message: 'Svara på frågan ”Vilket arbete eller vilken utbildning vill du ha?”.',
      },
    ]);
    expect((await auditEventsAbout(t, personId)).length).toBe(before);
  });

  it('editing the form makes version 2; the old kartläggning keeps version 1 and validates against it', async () => {
    const current = (await (
      await t.request('GET', `/api/kartlaggning-forms/${formId}`, { session: chef })
    ).json()) as FormDetailView;
    const questions = current.version.questions
      .filter((q) => q.id !== 'svenska')
      .map((q) => (q.id === 'onskat_arbete' ? { ...q, required: false } : q));
    questions.push({
      id: 'sfi',
      label: 'Läser du sfi?',
      type: 'yes_no',
      required: true,
      help: null,
      section: 'Utbildning och språk',
    });
    const res = await t.request('PUT', `/api/kartlaggning-forms/${formId}`, {
      session: chef,
      body: {
        definition: { name: current.name, description: current.description, questions },
        baseVersion: 1,
      },
    });
    expect(res.status).toBe(200);
    const v2 = (await res.json()) as FormDetailView;
    expect(v2.currentVersion).toBe(2);
    expect(v2.versions.map((v) => v.version)).toEqual([2, 1]);

    // A stale editor gets 409.
    const stale = await t.request('PUT', `/api/kartlaggning-forms/${formId}`, {
      session: chef,
      body: { definition: { name: 'Annat', description: null, questions }, baseVersion: 1 },
    });
    expect(stale.status).toBe(409);

    // Saving the same definition again adds no version.
    const same = await t.request('PUT', `/api/kartlaggning-forms/${formId}`, {
      session: chef,
      body: { definition: { name: current.name, description: current.description, questions } },
    });
    expect(((await same.json()) as FormDetailView).currentVersion).toBe(2);

    // Version 1 is still there, unchanged.
    const old = (await (
      await t.request('GET', `/api/kartlaggning-forms/${formId}?version=1`, { session: hl })
    ).json()) as FormDetailView;
    expect(old.version.questions.map((q) => q.id)).toContain('svenska');

    // The old kartläggning still renders with version 1 and is validated against it.
    const list = (await (
      await t.request('GET', `/api/participants/${personId}/kartlaggning`, { session: hl })
    ).json()) as {
      kartlaggningar: KartlaggningView[];
    };
    expect(list.kartlaggningar[0]!.form.version).toBe(1);
    expect(list.kartlaggningar[0]!.form.questions.map((q) => q.id)).toContain('svenska');
    const missingV1 = await t.request('PUT', `/api/participants/${personId}/kartlaggning/${k1.id}`, {
      session: hl,
      body: { answers: { ...answersV1, svenska: null } },
    });
    expect(missingV1.status).toBe(400);
    const okV1 = await t.request('PUT', `/api/participants/${personId}/kartlaggning/${k1.id}`, {
      session: hl,
      body: { answers: { ...answersV1, svenska: 5 }, strengths: ['Noggrann', 'Social'] },
    });
    expect(okV1.status).toBe(200);
    expect(((await okV1.json()) as KartlaggningView).form.version).toBe(1);
    expect((await auditEventsAbout(t, personId)).at(-1)).toMatchObject({
      action: 'update',
      object_type: 'kartlaggning',
    });

    // A new kartläggning uses version 2, where sfi is required and svenska is gone.
    const newWithOld = await t.request('POST', `/api/participants/${personId}/kartlaggning`, {
      session: hl,
      body: { formId, answers: answersV1 },
    });
    expect(newWithOld.status).toBe(400);
    const fields = ((await newWithOld.json()) as { error: { fields: { path: string }[] } }).error.fields.map(
      (f) => f.path,
    );
    expect(fields).toEqual(['body.answers.svenska', 'body.answers.sfi']);
    const newOk = await t.request('POST', `/api/participants/${personId}/kartlaggning`, {
      session: hl,
      body: { formId, answers: { utbildningsniva: 'grundskola', tidigare_arbete: false, sfi: true } },
    });
    expect(newOk.status).toBe(201);
    expect(((await newOk.json()) as KartlaggningView).form.version).toBe(2);
  });

  it('refuses to change or delete a stored form version', async () => {
    await expect(sql`UPDATE kartlaggning_form_version SET name = 'x'`.execute(t.db)).rejects.toThrow(
      /skrivskyddad/,
    );
    await expect(sql`DELETE FROM kartlaggning_form_version`.execute(t.db)).rejects.toThrow(/skrivskyddad/);
  });

  it('shows the kartläggning to the team (jobbmäklare reads, cannot write) and logs the read', async () => {
    const jm = await t.login('jobbmaklare');
    const res = await t.request('GET', `/api/participants/${personId}/kartlaggning`, { session: jm });
    expect(res.status).toBe(200);
    expect((await auditEventsAbout(t, personId, 'jobbmaklare')).at(-1)).toMatchObject({
      action: 'read',
      object_type: 'kartlaggning',
      role: 'jobbmaklare',
    });
    const write = await t.request('POST', `/api/participants/${personId}/kartlaggning`, {
      session: jm,
      body: { formId, answers: {} },
    });
    expect(write.status).toBe(403);
  });
});

describe('access', () => {
  it('answers 404 outside the caseload and writes no kartläggning', async () => {
    const other = await insertTestPerson(t, { unitName: 'Kompetenscenter Söder' });
    const res = await t.request('POST', `/api/participants/${other}/kartlaggning`, {
      session: hl,
      body: { formId, answers: {} },
    });
    expect(res.status).toBe(404);
    expect(
      await t.db.selectFrom('kartlaggning').select('id').where('person_id', '=', other).execute(),
    ).toHaveLength(0);
    expect((await auditEventsAbout(t, other)).map((e) => e.action)).toEqual(['deny']);
  });

  it('needs a purpose for a protected person and raises severity', async () => {
    const p = await insertTestPerson(t, { protectionLevel: 'sekretessmarkering' });
    await grantProtectionPermission(t, 'handlaggare', 'sekretessmarkering');
    expect((await t.request('GET', `/api/participants/${p}/kartlaggning`, { session: hl })).status).toBe(403);
    const res = await t.request('GET', `/api/participants/${p}/kartlaggning`, {
      session: hl,
      headers: { 'x-insats-purpose': 'Planera insats' },
    });
    expect(res.status).toBe(200);
    expect((await auditEventsAbout(t, p)).at(-1)).toMatchObject({
      action: 'read',
      severity: 'raised',
      purpose: 'Planera insats',
    });
  });
});
