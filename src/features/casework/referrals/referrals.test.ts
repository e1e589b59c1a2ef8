import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestSession } from '../../../../test/app.ts';
import { auditEventsAbout, grantProtectionPermission, insertTestPerson } from '../../../../test/persons.ts';
import type { ReferralView } from './schema.ts';

let t: TestApp;
let hl: TestSession;
let personId: string;

beforeAll(async () => {
  t = await createTestApp();
  hl = await t.login('handlaggare');
  personId = await insertTestPerson(t);
});
afterAll(async () => {
  await t.close();
});

const base = (id: string) => `/api/participants/${id}/referrals`;
const referralBody = {
  source: 'ekonomiskt_bistand',
  referralDate: '2026-02-20',
  referringOfficerName: 'Siv Socialsekreterare',
  referringOfficerTitle: 'Socialsekreterare',
  commissioningUnit: 'Försörjningsstöd Centrum',
  reason: 'Behöver stöd att komma närmare arbete.',
  requestedProgramme: 'JOBBSPAR-VARD',
};

describe('anvisningar', () => {
  let referral: ReferralView;

  it('creates a referral and writes a create event in the same transaction', async () => {
    const res = await t.request('POST', base(personId), { session: hl, body: referralBody });
    expect(res.status).toBe(201);
    referral = (await res.json()) as ReferralView;
    expect(referral).toMatchObject({
      status: 'received',
      source: 'ekonomiskt_bistand',
      daysReferralToStart: null,
    });
    const events = await auditEventsAbout(t, personId);
    expect(events.at(-1)).toMatchObject({
      action: 'create',
      object_type: 'referral',
      object_id: referral.id,
      subject_person_id: personId,
      severity: 'normal',
      role: 'handlaggare',
    });
    const person = await t.db
      .selectFrom('person')
      .select('last_entry_at')
      .where('id', '=', personId)
      .executeTakeFirstOrThrow();
    expect(new Date(person.last_entry_at).toISOString()).toBe(t.clock.now().toISOString());
  });

  it('refuses a referral date in the future and a missing reason (Swedish messages)', async () => {
    const future = await t.request('POST', base(personId), {
      session: hl,
      body: { ...referralBody, referralDate: '2026-03-03' },
    });
    expect(future.status).toBe(422);
    const empty = await t.request('POST', base(personId), {
      session: hl,
      body: { ...referralBody, reason: '  ' },
    });
    expect(empty.status).toBe(400);
    const body = (await empty.json()) as { error: { fields: { path: string; message: string }[] } };
    expect(body.error.fields).toContainEqual({
      path: 'body.reason',
      message: 'Ange skälet till anvisningen.',
    });
  });

  it('requires a reason to decline', async () => {
    const res = await t.request('POST', `${base(personId)}/${referral.id}/decision`, {
      session: hl,
      body: { decision: 'decline' },
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { fields: { path: string; message: string }[] } };
    expect(body.error.fields[0]).toMatchObject({ path: 'body.reason' });
  });

  it('waitlists, then accepts with a start date; days from referral are reported', async () => {
    const wait = await t.request('POST', `${base(personId)}/${referral.id}/decision`, {
      session: hl,
      body: { decision: 'waitlist', decisionDate: '2026-02-24' },
    });
    expect(wait.status).toBe(200);
    expect(await wait.json()).toMatchObject({ status: 'waitlisted', daysReferralToDecision: 4 });
    const accept = await t.request('POST', `${base(personId)}/${referral.id}/decision`, {
      session: hl,
      body: { decision: 'accept', startDate: '2026-03-09' },
    });
    expect(accept.status).toBe(200);
    const accepted = (await accept.json()) as ReferralView;
    expect(accepted).toMatchObject({
      status: 'accepted',
      decisionDate: '2026-03-02',
      daysReferralToDecision: 10,
      startDate: '2026-03-09',
      daysReferralToStart: 17,
      decidedByName: 'Hanna Handläggare',
    });
    expect(accepted.decisions.map((d) => d.decision)).toEqual(['waitlist', 'accept']);
    const last = (await auditEventsAbout(t, personId)).at(-1);
    expect(last).toMatchObject({ action: 'update', object_type: 'referral', object_id: referral.id });
    expect(last?.details).toEqual({ decision: 'accept' });
  });

  it('does not change an accepted decision, but moves the start date', async () => {
    const again = await t.request('POST', `${base(personId)}/${referral.id}/decision`, {
      session: hl,
      body: { decision: 'decline', reason: 'Ångrat' },
    });
    expect(again.status).toBe(422);
    const start = await t.request('POST', `${base(personId)}/${referral.id}/start`, {
      session: hl,
      body: { startDate: '2026-03-16' },
    });
    expect(start.status).toBe(200);
    expect(await start.json()).toMatchObject({ startDate: '2026-03-16', daysReferralToStart: 24 });
    const before = await t.request('POST', `${base(personId)}/${referral.id}/start`, {
      session: hl,
      body: { startDate: '2026-01-01' },
    });
    expect(before.status).toBe(422);
  });

  it('refuses a start date on a referral that is not accepted', async () => {
    const r = (await (
      await t.request('POST', base(personId), { session: hl, body: referralBody })
    ).json()) as ReferralView;
    const res = await t.request('POST', `${base(personId)}/${r.id}/start`, {
      session: hl,
      body: { startDate: '2026-03-16' },
    });
    expect(res.status).toBe(422);
    const declined = await t.request('POST', `${base(personId)}/${r.id}/decision`, {
      session: hl,
      body: { decision: 'decline', reason: 'Har fått arbete.' },
    });
    expect(await declined.json()).toMatchObject({ status: 'declined', decisionReason: 'Har fått arbete.' });
  });

  it('lists the referrals and writes one read event', async () => {
    const before = (await auditEventsAbout(t, personId)).length;
    const res = await t.request('GET', base(personId), { session: hl });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { referrals: ReferralView[] };
    expect(body.referrals).toHaveLength(2);
    const events = await auditEventsAbout(t, personId);
    expect(events.length).toBe(before + 1);
    expect(events.at(-1)).toMatchObject({
      action: 'read',
      object_type: 'referral',
      subject_person_id: personId,
    });
  });
});

describe('access', () => {
  it('answers 404 outside the caseload, writes nothing but a deny event', async () => {
    const other = await insertTestPerson(t, { unitName: 'Kompetenscenter Norr' });
    const res = await t.request('POST', base(other), { session: hl, body: referralBody });
    expect(res.status).toBe(404);
    const rows = await t.db.selectFrom('referral').select('id').where('person_id', '=', other).execute();
    expect(rows).toHaveLength(0);
    const events = await auditEventsAbout(t, other);
    expect(events.map((e) => [e.action, e.outcome])).toEqual([['deny', 'denied']]);
    const list = await t.request('GET', base(other), { session: hl });
    expect(list.status).toBe(404);
  });

  it('answers 404 for another handläggare’s case and for an unknown id', async () => {
    const others = await insertTestPerson(t, { caseWorkerUsername: 'enhetschef' });
    expect((await t.request('GET', base(others), { session: hl })).status).toBe(404);
    expect(
      (await t.request('GET', base('6a0b0c1e-9a55-4f1e-8c4b-2f7f2f1d9e01'), { session: hl })).status,
    ).toBe(404);
  });

  it('needs a purpose for a protected person and logs at raised severity', async () => {
    const protectedId = await insertTestPerson(t, { protectionLevel: 'sekretessmarkering' });
    // Without the grade permission: not found.
    expect((await t.request('GET', base(protectedId), { session: hl })).status).toBe(404);
    await grantProtectionPermission(t, 'handlaggare', 'sekretessmarkering');
    const noPurpose = await t.request('POST', base(protectedId), { session: hl, body: referralBody });
    expect(noPurpose.status).toBe(403);
    expect(((await noPurpose.json()) as { error: { code: string } }).error.code).toBe('purpose_required');
    expect(
      await t.db.selectFrom('referral').select('id').where('person_id', '=', protectedId).execute(),
    ).toHaveLength(0);
    const res = await t.request('POST', base(protectedId), {
      session: hl,
      body: referralBody,
      headers: { 'x-insats-purpose': 'Registrera anvisning' },
    });
    expect(res.status).toBe(201);
    expect((await auditEventsAbout(t, protectedId)).at(-1)).toMatchObject({
      action: 'create',
      object_type: 'referral',
      severity: 'raised',
      purpose: 'Registrera anvisning',
    });
  });

  it('refuses roles outside the policy with 403', async () => {
    const an = await t.login('analytiker');
    expect((await t.request('GET', base(personId), { session: an })).status).toBe(403);
    const jm = await t.login('jobbmaklare');
    expect((await t.request('GET', base(personId), { session: jm })).status).toBe(200);
    expect((await t.request('POST', base(personId), { session: jm, body: referralBody })).status).toBe(403);
  });
});
