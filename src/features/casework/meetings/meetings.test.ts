import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestSession } from '../../../../test/app.ts';
import { auditEventsAbout, grantProtectionPermission, insertTestPerson } from '../../../../test/persons.ts';
import { MINUTE } from '../../../clock.ts';
import type { Ctx } from '../../../context.ts';
import { loadActor } from '../../auth/sessions.ts';
import type { MeetingView, StaffView } from './schema.ts';
import { hasUpcomingMeeting, upcomingMeetingsFor } from './upcoming-meetings.ts';

let t: TestApp;
let hl: TestSession;
let personId: string;
let staff: StaffView[];

beforeAll(async () => {
  t = await createTestApp();
  hl = await t.login('handlaggare');
  personId = await insertTestPerson(t);
  staff = (
    (await (await t.request('GET', '/api/casework/staff', { session: hl })).json()) as { staff: StaffView[] }
  ).staff;
});
afterAll(async () => {
  await t.close();
});

const url = (id: string) => `/api/participants/${id}/meetings`;

describe('meetings', () => {
  let meeting: MeetingView;

  it('lists staff who can be invited, with their roles', () => {
    const names = staff.map((s) => s.displayName);
    expect(names).toEqual(
      expect.arrayContaining([
        'Erik Enhetschef',
        'Hanna Handläggare',
        'Jonas Jobbmäklare',
        'Sara Studievägledare',
      ]),
    );
    expect(names).toEqual([...names].sort(new Intl.Collator('sv').compare));
    expect(names).not.toContain('Anna Analytiker');
    expect(staff.find((s) => s.displayName === 'Sara Studievägledare')?.roles).toEqual([
      'studie_yrkesvagledare',
    ]);
  });

  it('books a meeting with staff and an external person, and writes a create event', async () => {
    const jonas = staff.find((s) => s.displayName === 'Jonas Jobbmäklare')!;
    const res = await t.request('POST', url(personId), {
      session: hl,
      body: {
        startsAt: '2026-03-02T09:10:00+01:00',
        durationMinutes: 45,
        place: 'Jobbcentrum, rum 3',
        purpose: 'Gå igenom praktikplatser',
        attendees: [
          { kind: 'staff', userId: jonas.id, role: 'jobbmaklare' },
          { kind: 'external', name: 'Karin Arbetsgivare', role: 'Handledare på Solgården' },
        ],
      },
    });
    expect(res.status).toBe(201);
    meeting = (await res.json()) as MeetingView;
    expect(meeting).toMatchObject({ status: 'planerat', upcoming: true, participantAttendance: null });
    expect(meeting.attendees.map((a) => [a.kind, a.name, a.role])).toEqual([
      ['staff', 'Jonas Jobbmäklare', 'jobbmaklare'],
      ['external', 'Karin Arbetsgivare', 'Handledare på Solgården'],
    ]);
    expect((await auditEventsAbout(t, personId)).at(-1)).toMatchObject({
      action: 'create',
      object_type: 'meeting',
      object_id: meeting.id,
      subject_person_id: personId,
    });
  });

  it('refuses staff with a role they do not hold', async () => {
    const jonas = staff.find((s) => s.displayName === 'Jonas Jobbmäklare')!;
    const res = await t.request('POST', url(personId), {
      session: hl,
      body: {
        startsAt: '2026-03-04T09:00:00+01:00',
        place: 'X',
        purpose: 'Y',
        attendees: [{ kind: 'staff', userId: jonas.id, role: 'enhetschef' }],
      },
    });
    expect(res.status).toBe(422);
  });

  it('refuses attendance before the meeting, then records it (absence needs a reason)', async () => {
    const early = await t.request('POST', `${url(personId)}/${meeting.id}/attendance`, {
      session: hl,
      body: { participant: { attendance: 'narvarande' } },
    });
    expect(early.status).toBe(422);
    t.clock.advance(20 * MINUTE);
    const noReason = await t.request('POST', `${url(personId)}/${meeting.id}/attendance`, {
      session: hl,
      body: {
        participant: { attendance: 'narvarande' },
        attendees: [{ id: meeting.attendees[1]!.id, attendance: 'franvarande' }],
      },
    });
    expect(noReason.status).toBe(400);
    const fields = ((await noReason.json()) as { error: { fields: { path: string; message: string }[] } })
      .error.fields;
    expect(fields).toEqual([
      { path: 'body.attendees.0.absenceReason', message: 'Ange orsaken till frånvaron.' },
    ]);
    const res = await t.request('POST', `${url(personId)}/${meeting.id}/attendance`, {
      session: hl,
      body: {
        participant: { attendance: 'narvarande' },
        attendees: [
          { id: meeting.attendees[0]!.id, attendance: 'narvarande' },
          { id: meeting.attendees[1]!.id, attendance: 'franvarande', absenceReason: 'Sjuk' },
        ],
      },
    });
    expect(res.status).toBe(200);
    const held = (await res.json()) as MeetingView;
    expect(held).toMatchObject({ status: 'genomfort', participantAttendance: 'narvarande', upcoming: false });
    expect(held.attendees[1]).toMatchObject({ attendance: 'franvarande', absenceReason: 'Sjuk' });
    const person = await t.db
      .selectFrom('person')
      .select(['last_contact_at'])
      .where('id', '=', personId)
      .executeTakeFirstOrThrow();
    expect(new Date(person.last_contact_at!).toISOString()).toBe('2026-03-02T08:10:00.000Z');
    expect((await auditEventsAbout(t, personId)).at(-1)).toMatchObject({
      action: 'update',
      object_type: 'meeting',
    });
  });

  it('records an absence with a reason; cancelled meetings take no attendance', async () => {
    const m = (await (
      await t.request('POST', url(personId), {
        session: hl,
        body: { startsAt: '2026-03-02T09:15:00+01:00', place: 'Telefon', purpose: 'Avstämning' },
      })
    ).json()) as MeetingView;
    const absent = await t.request('POST', `${url(personId)}/${m.id}/attendance`, {
      session: hl,
      body: { participant: { attendance: 'franvarande', absenceReason: 'Vabb' } },
    });
    expect(await absent.json()).toMatchObject({
      participantAttendance: 'franvarande',
      participantAbsenceReason: 'Vabb',
    });
    const cancelled = await t.request('PUT', `${url(personId)}/${m.id}`, {
      session: hl,
      body: {
        startsAt: m.startsAt,
        durationMinutes: 60,
        place: m.place,
        purpose: m.purpose,
        status: 'installt',
      },
    });
    expect(((await cancelled.json()) as MeetingView).status).toBe('installt');
    const again = await t.request('POST', `${url(personId)}/${m.id}/attendance`, {
      session: hl,
      body: { participant: { attendance: 'narvarande' } },
    });
    expect(again.status).toBe(422);
  });

  it('lets the jobbmäklare book meetings too, and lists meetings with a read event', async () => {
    const jm = await t.login('jobbmaklare');
    const res = await t.request('POST', url(personId), {
      session: jm,
      body: { startsAt: '2026-03-10T13:00:00+01:00', place: 'Solgården', purpose: 'Besök på praktikplatsen' },
    });
    expect(res.status).toBe(201);
    const list = await t.request('GET', url(personId), { session: hl });
    const body = (await list.json()) as { meetings: MeetingView[] };
    expect(body.meetings.map((m) => m.purpose)).toEqual([
      'Gå igenom praktikplatser',
      'Avstämning',
      'Besök på praktikplatsen',
    ]);
    expect(body.meetings.map((m) => m.upcoming)).toEqual([false, false, true]);
    expect((await auditEventsAbout(t, personId)).at(-1)).toMatchObject({
      action: 'read',
      object_type: 'meeting',
    });
  });
});

describe('upcomingMeetingsFor', () => {
  async function ctxFor(session: TestSession): Promise<Ctx> {
    const actor = await loadActor(t.db, session.user.organisation.id, session.user.id, null);
    return { ...t.systemCtx, actor: actor! };
  }

  it('returns planned meetings within the window, only for persons the actor may see', async () => {
    const hidden = await insertTestPerson(t, { unitName: 'Kompetenscenter Norr' });
    await t.db
      .insertInto('meeting')
      .values({
        organisation_id: (
          await t.db
            .selectFrom('person')
            .select('organisation_id')
            .where('id', '=', hidden)
            .executeTakeFirstOrThrow()
        ).organisation_id,
        id: crypto.randomUUID(),
        person_id: hidden,
        starts_at: '2026-03-05T09:00:00Z',
        place: 'Hemligt',
        purpose: 'Dolt',
        created_at: t.clock.now(),
        updated_at: t.clock.now(),
      })
      .execute();
    const ctx = await ctxFor(hl);
    const in10 = await upcomingMeetingsFor(ctx, [personId, hidden], 10);
    expect(in10).toEqual([
      expect.objectContaining({ personId, place: 'Solgården', startsAt: '2026-03-10T12:00:00.000Z' }),
    ]);
    expect(await upcomingMeetingsFor(ctx, [personId, hidden], 5)).toEqual([]);
    // The hidden person's meeting is inside the window but never returned.
    expect((await upcomingMeetingsFor(ctx, [hidden], 10)).length).toBe(0);
    expect(await upcomingMeetingsFor(ctx, [], 30)).toEqual([]);

    // The condition form for the caseload filter (visibility is the caseload's job there).
    const withMeeting = async (days: number) =>
      (
        await t.db
          .selectFrom('person as p')
          .select('p.id')
          .where((eb) => hasUpcomingMeeting(eb, days, t.clock.now()))
          .where('p.id', 'in', [personId, hidden])
          .execute()
      )
        .map((r) => r.id)
        .sort();
    expect(await withMeeting(10)).toEqual([personId, hidden].sort());
    expect(await withMeeting(2)).toEqual([]);
  });
});

describe('access', () => {
  it('answers 404 outside the caseload and books nothing', async () => {
    const other = await insertTestPerson(t, { caseWorkerUsername: 'enhetschef' });
    const res = await t.request('POST', url(other), {
      session: hl,
      body: { startsAt: '2026-03-10T13:00:00+01:00', place: 'X', purpose: 'Y' },
    });
    expect(res.status).toBe(404);
    expect(
      await t.db.selectFrom('meeting').select('id').where('person_id', '=', other).execute(),
    ).toHaveLength(0);
  });

  it('needs a purpose for a protected person', async () => {
    const p = await insertTestPerson(t, { protectionLevel: 'sekretessmarkering' });
    await grantProtectionPermission(t, 'handlaggare', 'sekretessmarkering');
    expect((await t.request('GET', url(p), { session: hl })).status).toBe(403);
    const ok = await t.request('GET', url(p), {
      session: hl,
      headers: { 'x-insats-purpose': 'Planera möte' },
    });
    expect(ok.status).toBe(200);
    expect((await auditEventsAbout(t, p)).at(-1)).toMatchObject({ action: 'read', severity: 'raised' });
  });
});
