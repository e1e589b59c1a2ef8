import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestSession } from '../../../test/app.ts';
import { insertPerson, unitIdByName } from '../../../test/factories.ts';
import { verifyAudit } from '../audit/verify-audit.ts';

// The test clock stands at 2026-03-02.
let t: TestApp;
let chef: TestSession;
let hl: TestSession;
let org: string;
let jobbcentrum: string;

beforeAll(async () => {
  t = await createTestApp();
  chef = await t.login('enhetschef');
  hl = await t.login('handlaggare');
  org = chef.user.organisation.id;
  jobbcentrum = await unitIdByName(t.db, org, 'Jobbcentrum');
});
afterAll(async () => {
  await t.close();
});

async function json<T>(res: Response, status: number): Promise<T> {
  const text = await res.text();
  expect(res.status, text).toBe(status);
  return (text ? JSON.parse(text) : null) as T;
}

/** A programme with two phases and an annual cap of 2, an intake on 2026-04-01 and three enrolments. */
async function setUp(code: string) {
  const { id: programmeId } = await json<{ id: string }>(
    await t.request('POST', '/api/programmes', {
      session: chef,
      body: {
        code,
        name: 'Jobbspår vård',
        kind: 'aktivitet',
        unitId: jobbcentrum,
        capacityMode: 'annual',
        capacities: [{ validFrom: '2026-01-01', places: 2 }],
        phases: [
          { code: 'intro', name: 'Introduktion', weeks: 4 },
          { code: 'praktik', name: 'Praktik', months: 6 },
        ],
      },
    }),
    201,
  );
  const { id: intakeId } = await json<{ id: string }>(
    await t.request('POST', `/api/programmes/${programmeId}/intakes`, {
      session: chef,
      body: { startsOn: '2026-04-01' },
    }),
    201,
  );
  const persons = [
    await insertPerson(t.db, org, jobbcentrum),
    await insertPerson(t.db, org, jobbcentrum),
    await insertPerson(t.db, org, jobbcentrum),
  ];
  const enrolments: { id: string; status: string }[] = [];
  for (const personId of persons) {
    enrolments.push(
      await json(
        await t.request('POST', `/api/programmes/${programmeId}/enrolments`, {
          session: hl,
          body: { personId, intakeId },
        }),
        201,
      ),
    );
  }
  return { programmeId, intakeId, persons, enrolments };
}

describe('programme overview figures', () => {
  it('lists places used this year and the cap in force, and counts enrolled, waiting, exits and due follow-ups', async () => {
    const { programmeId, enrolments, persons } = await setUp('views-counts');
    expect(enrolments.map((e) => e.status)).toEqual(['enrolled', 'enrolled', 'waitlisted']);
    await json(
      await t.request('POST', `/api/enrolments/${enrolments[0]!.id}/exit`, {
        session: hl,
        body: { exitDate: '2026-05-01', reason: 'arbete', employmentForm: 'Tillsvidare' },
      }),
      200,
    );
    const catalogue = await json<{
      year: number;
      programmes: { id: string; capacityToday: number | null; placesUsedThisYear: number }[];
    }>(await t.request('GET', '/api/programmes', { session: hl }), 200);
    expect(catalogue.year).toBe(2026);
    const row = catalogue.programmes.find((p) => p.id === programmeId)!;
    expect(row.capacityToday).toBe(2);
    expect(row.placesUsedThisYear).toBe(2);

    const detail = await json<{
      counts: {
        enrolled: number;
        waiting: number;
        exited: number;
        exitsByReason: Record<string, number>;
        followUpsDue: number;
      };
    }>(await t.request('GET', `/api/programmes/${programmeId}`, { session: hl }), 200);
    expect(detail.counts).toEqual({
      enrolled: 1,
      waiting: 1,
      exited: 1,
      exitsByReason: { arbete: 1 },
      followUpsDue: 0,
    });
    // Six months later the first follow-up is due.
    const before = t.clock.now();
    t.clock.set(new Date('2026-11-02T08:00:00.000Z'));
    try {
      const hlLater = await t.login('handlaggare');
      const later = await json<{ counts: { followUpsDue: number } }>(
        await t.request('GET', `/api/programmes/${programmeId}`, { session: hlLater }),
        200,
      );
      expect(later.counts.followUpsDue).toBe(1);
      const due = await json<{ followUps: { personId: string; name: string; monthsAfterExit: number }[] }>(
        await t.request('GET', `/api/programmes/${programmeId}/follow-ups/due`, { session: hlLater }),
        200,
      );
      expect(due.followUps).toHaveLength(1);
      expect(due.followUps[0]!.monthsAfterExit).toBe(6);
      expect(due.followUps[0]!.personId).toBe(persons[0]);
      expect(due.followUps[0]!.name).toMatch(/, /);
      const read = await t.db
        .selectFrom('audit_event')
        .selectAll()
        .where('action', '=', 'read')
        .where('object_type', '=', 'follow_up')
        .where('object_id', '=', programmeId)
        .execute();
      expect(read).toHaveLength(1);
      expect(JSON.stringify(read[0]!.details)).toContain(persons[0]!);
      const analyst = await t.login('analytiker');
      const denied = await t.request('GET', `/api/programmes/${programmeId}/follow-ups/due`, {
        session: analyst,
      });
      expect(denied.status).toBe(403);
    } finally {
      t.clock.set(before);
    }
  });
});

describe("a person's enrolments", () => {
  it('shows phases, pauses, exit and follow-ups, and writes one read event on the person', async () => {
    const { enrolments, persons } = await setUp('views-person');
    const e = enrolments[0]!;
    await json(
      await t.request('POST', `/api/enrolments/${e.id}/adjustments`, {
        session: hl,
        body: { kind: 'sjukdom', fromDate: '2026-04-10', toDate: '2026-04-16', days: 7 },
      }),
      200,
    );
    await json(
      await t.request('POST', `/api/enrolments/${e.id}/phase`, {
        session: hl,
        body: { phaseCode: 'praktik', startedOn: '2026-04-29' },
      }),
      204,
    );
    await json(
      await t.request('POST', `/api/enrolments/${e.id}/exit`, {
        session: hl,
        body: { exitDate: '2026-09-30', reason: 'studier', incomeSourceAtExit: 'studiemedel' },
      }),
      200,
    );
    const readsBefore = await t.db
      .selectFrom('audit_event')
      .select('seq')
      .where('subject_person_id', '=', persons[0]!)
      .where('action', '=', 'read')
      .execute();
    const body = await json<{
      enrolments: {
        id: string;
        status: string;
        exitReason: string;
        programme: { code: string };
        programmePhases: { code: string }[];
        phases: { code: string; startedOn: string; endedOn: string | null }[];
        adjustments: { kind: string; days: number }[];
        followUps: { monthsAfterExit: number; dueOn: string; status: string }[];
      }[];
    }>(await t.request('GET', `/api/participants/${persons[0]}/enrolments`, { session: hl }), 200);
    expect(body.enrolments).toHaveLength(1);
    const got = body.enrolments[0]!;
    expect(got.programme.code).toBe('views-person');
    expect(got.status).toBe('exited');
    expect(got.exitReason).toBe('studier');
    expect(got.programmePhases.map((p) => p.code)).toEqual(['intro', 'praktik']);
    expect(got.phases).toEqual([
      { seq: 1, code: 'intro', startedOn: '2026-04-01', endedOn: '2026-04-29' },
      { seq: 2, code: 'praktik', startedOn: '2026-04-29', endedOn: '2026-09-30' },
    ]);
    expect(got.adjustments.map((a) => [a.kind, a.days])).toEqual([['sjukdom', 7]]);
    expect(got.followUps.map((f) => [f.monthsAfterExit, f.dueOn, f.status])).toEqual([
      [6, '2027-03-30', 'planerad'],
      [12, '2027-09-30', 'planerad'],
      [18, '2028-03-30', 'planerad'],
    ]);
    const readsAfter = await t.db
      .selectFrom('audit_event')
      .selectAll()
      .where('subject_person_id', '=', persons[0]!)
      .where('action', '=', 'read')
      .execute();
    expect(readsAfter.length - readsBefore.length).toBe(1);
    expect(readsAfter.at(-1)!.object_type).toBe('enrolment');
    expect((await verifyAudit(t.db)).ok).toBe(true);
  });

  it('answers 404 for a protected person the viewer may not see, and an analyst may not read at all', async () => {
    const hidden = await insertPerson(t.db, org, jobbcentrum, { protectionLevel: 'skyddad_folkbokforing' });
    const res = await t.request('GET', `/api/participants/${hidden}/enrolments`, { session: hl });
    expect(res.status).toBe(404);
    const analyst = await t.login('analytiker');
    const person = await insertPerson(t.db, org, jobbcentrum);
    const denied = await t.request('GET', `/api/participants/${person}/enrolments`, { session: analyst });
    expect(denied.status).toBe(403);
  });
});
