import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestSession } from '../../../test/app.ts';
import { insertPerson, unitIdByName } from '../../../test/factories.ts';
import { verifyAudit } from '../audit/verify-audit.ts';

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

async function createTrainee(code = 'trainee', intakeStart = '2016-01-01') {
  const { id } = await json<{ id: string }>(
    await t.request('POST', '/api/programmes', {
      session: chef,
      body: {
        code,
        name: 'Trainee',
        kind: 'anstallning',
        unitId: jobbcentrum,
        capacityMode: 'annual',
        capacities: [
          { validFrom: '2013-01-01', places: 350 },
          { validFrom: '2015-01-01', places: 300 },
          { validFrom: '2016-01-01', places: 150 },
        ],
        phases: [
          { code: 'introduktion', weeks: 4 },
          { code: 'anstallning', months: 12 },
          { code: 'slutfas', weeks: 4 },
        ],
        eligibility: { incomeSources: ['forsorjningsstod'], minAge: 18, maxAge: 64 },
        priorityGroups: ['barnfamilj'],
      },
    }),
    201,
  );
  const intake = await json<{ id: string }>(
    await t.request('POST', `/api/programmes/${id}/intakes`, {
      session: chef,
      body: { startsOn: intakeStart },
    }),
    201,
  );
  return { programmeId: id, intakeId: intake.id };
}

describe('programme catalogue', () => {
  it('stores a programme as data and shows phases, dated capacity and places left', async () => {
    const { programmeId } = await createTrainee('trainee-catalogue');
    const p = await json<{
      phases: { code: string }[];
      capacities: unknown[];
      intakes: { placesLeft: number }[];
    }>(await t.request('GET', `/api/programmes/${programmeId}`, { session: hl }), 200);
    expect(p.phases.map((x) => x.code)).toEqual(['introduktion', 'anstallning', 'slutfas']);
    expect(p.capacities).toHaveLength(3);
    expect(p.intakes[0]!.placesLeft).toBe(150);
  });

  it('refuses a duplicate code and lets only managers create', async () => {
    await createTrainee('trainee-dup');
    const dup = await t.request('POST', '/api/programmes', {
      session: chef,
      body: { code: 'trainee-dup', name: 'X', kind: 'aktivitet', unitId: jobbcentrum },
    });
    expect(dup.status).toBe(409);
    const forbidden = await t.request('POST', '/api/programmes', {
      session: hl,
      body: { code: 'x', name: 'X', kind: 'aktivitet', unitId: jobbcentrum },
    });
    expect(forbidden.status).toBe(403);
  });
});

describe('enrolment under a cap', { timeout: 240_000 }, () => {
  it('enrols exactly 150 of 170 concurrent requests and waitlists 20 in priority then referral order', async () => {
    const { programmeId, intakeId } = await createTrainee('trainee-cap');
    const people: { id: string; referredOn: string; family: boolean }[] = [];
    for (let i = 0; i < 170; i++) {
      const family = i % 7 === 0;
      const id = await insertPerson(t.db, org, jobbcentrum, {
        childrenAtHome: family ? 2 : 0,
        birthDate: `19${60 + (i % 35)}-03-15`,
      });
      people.push({
        id,
        referredOn: `2015-${String(10 + (i % 3)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`,
        family,
      });
    }
    const results: { status: string }[] = [];
    const inFlight = 50;
    for (let i = 0; i < people.length; i += inFlight) {
      const batch = people.slice(i, i + inFlight);
      const answers = await Promise.all(
        batch.map((p) =>
          t.request('POST', `/api/programmes/${programmeId}/enrolments`, {
            session: hl,
            body: { personId: p.id, intakeId, referredOn: p.referredOn },
          }),
        ),
      );
      for (const a of answers) results.push(await json<{ status: string }>(a, 201));
    }
    expect(results.filter((r) => r.status === 'enrolled')).toHaveLength(150);
    expect(results.filter((r) => r.status === 'waitlisted')).toHaveLength(20);
    const counted = await t.db
      .selectFrom('enrolment')
      .select(['status', sql<number>`count(*)::int`.as('n')])
      .where('programme_id', '=', programmeId)
      .groupBy('status')
      .execute();
    expect(Object.fromEntries(counted.map((r) => [r.status, r.n]))).toEqual({
      enrolled: 150,
      waitlisted: 20,
    });

    const board = await json<{
      placesLeft: number;
      overBooked: number;
      waiting: { priorityRank: number; referredOn: string; name: string | null }[];
    }>(await t.request('GET', `/api/intakes/${intakeId}/board`, { session: chef }), 200);
    expect(board.placesLeft).toBe(0);
    expect(board.overBooked).toBe(0);
    expect(board.waiting).toHaveLength(20);
    for (let i = 1; i < board.waiting.length; i++) {
      const a = board.waiting[i - 1]!;
      const b = board.waiting[i]!;
      expect(
        a.priorityRank < b.priorityRank ||
          (a.priorityRank === b.priorityRank && a.referredOn <= b.referredOn),
      ).toBe(true);
    }
    expect(board.waiting.every((w) => w.name !== null)).toBe(true);
    const events = await t.db
      .selectFrom('audit_event')
      .select(sql<number>`count(*)::int`.as('n'))
      .where('object_type', '=', 'enrolment')
      .where('action', '=', 'create')
      .executeTakeFirstOrThrow();
    expect(events.n).toBeGreaterThanOrEqual(170);
  });
});

describe('priority group långvarigt bistånd', () => {
  it('counts at least 10 of 12 months with bistånd, not the income source försörjningsstöd', async () => {
    const { id: programmeId } = await json<{ id: string }>(
      await t.request('POST', '/api/programmes', {
        session: chef,
        body: {
          code: 'langvarigt-bistand',
          name: 'Prioriterar långvarigt bistånd',
          kind: 'aktivitet',
          unitId: jobbcentrum,
          capacityMode: 'concurrent',
          capacities: [{ validFrom: '2020-01-01', places: 1 }],
          phases: [{ code: 'insats', months: 3 }],
          eligibility: { incomeSources: ['forsorjningsstod'] },
          priorityGroups: ['langvarigt_bistand'],
        },
      }),
      201,
    );
    const { id: intakeId } = await json<{ id: string }>(
      await t.request('POST', `/api/programmes/${programmeId}/intakes`, {
        session: chef,
        body: { startsOn: '2026-02-02' },
      }),
      201,
    );
    const enrol = async (personId: string, referredOn: string) =>
      json<{ status: string; priorityRank: number }>(
        await t.request('POST', `/api/programmes/${programmeId}/enrolments`, {
          session: hl,
          body: { personId, intakeId, referredOn },
        }),
        201,
      );
    const person = (lastName: string, assistanceMonths: number | null) =>
      insertPerson(t.db, org, jobbcentrum, { lastName, incomeSource: 'forsorjningsstod', assistanceMonths });
    // The one place is taken; everyone after waits.
    expect((await enrol(await person('Platsen', 12), '2026-01-02')).status).toBe('enrolled');
    const short = await enrol(await person('Kort', 3), '2026-01-05');
    const unknown = await enrol(await person('Okänd', null), '2026-01-06');
    const nine = await enrol(await person('Nio', 9), '2026-01-07');
    const long = await enrol(await person('Lång', 11), '2026-01-20');
    const ten = await enrol(await person('Tio', 10), '2026-01-21');
    expect([short, unknown, nine, long, ten].map((e) => [e.status, e.priorityRank])).toEqual([
      ['waitlisted', 1],
      ['waitlisted', 1],
      ['waitlisted', 1],
      ['waitlisted', 0],
      ['waitlisted', 0],
    ]);
    const board = await json<{ waiting: { priorityRank: number; name: string | null }[] }>(
      await t.request('GET', `/api/intakes/${intakeId}/board`, { session: chef }),
      200,
    );
    // Referred last, the long-term recipients still come first; 3 or 9 months, or none recorded, do not.
    expect(board.waiting.map((w) => [w.name, w.priorityRank])).toEqual([
      [expect.stringContaining('Lång'), 0],
      [expect.stringContaining('Tio'), 0],
      [expect.stringContaining('Kort'), 1],
      [expect.stringContaining('Okänd'), 1],
      [expect.stringContaining('Nio'), 1],
    ]);
  });
});

describe('rules and lifecycle', () => {
  it('refuses an ineligible person with every failed rule in Swedish, writing nothing', async () => {
    const { programmeId } = await createTrainee('trainee-elig');
    const person = await insertPerson(t.db, org, jobbcentrum, {
      incomeSource: 'aktivitetsstod',
      birthDate: '1940-01-01',
    });
    const res = await t.request('POST', `/api/programmes/${programmeId}/enrolments`, {
      session: hl,
      body: { personId: person },
    });
    const body = await json<{ error: { code: string; fields: { path: string; message: string }[] } }>(
      res,
      422,
    );
    expect(body.error.code).toBe('not_eligible');
    expect(body.error.fields.map((f) => f.path)).toEqual(['eligibility.incomeSources', 'eligibility.maxAge']);
    expect(body.error.fields[0]!.message).toMatch(/försörjningsstöd/);
    const rows = await t.db.selectFrom('enrolment').select('id').where('person_id', '=', person).execute();
    expect(rows).toHaveLength(0);
  });

  it('takes the next person from the waiting list when a place is freed, never over the cap', async () => {
    const { id: programmeId } = await json<{ id: string }>(
      await t.request('POST', '/api/programmes', {
        session: chef,
        body: {
          code: 'concurrent-one',
          name: 'En plats åt gången',
          kind: 'aktivitet',
          unitId: jobbcentrum,
          capacityMode: 'concurrent',
          capacities: [{ validFrom: '2020-01-01', places: 1 }],
          phases: [{ code: 'insats', months: 3 }],
          eligibility: {},
          priorityGroups: [],
        },
      }),
      201,
    );
    const [a, b, c] = [
      await insertPerson(t.db, org, jobbcentrum),
      await insertPerson(t.db, org, jobbcentrum),
      await insertPerson(t.db, org, jobbcentrum),
    ];
    const ea = await json<{ id: string; status: string }>(
      await t.request('POST', `/api/programmes/${programmeId}/enrolments`, {
        session: hl,
        body: { personId: a, referredOn: '2026-01-10' },
      }),
      201,
    );
    expect(ea.status).toBe('enrolled');
    const eb = await json<{ id: string; status: string }>(
      await t.request('POST', `/api/programmes/${programmeId}/enrolments`, {
        session: hl,
        body: { personId: b, referredOn: '2026-02-01' },
      }),
      201,
    );
    const ec = await json<{ id: string; status: string }>(
      await t.request('POST', `/api/programmes/${programmeId}/enrolments`, {
        session: hl,
        body: { personId: c, referredOn: '2026-01-15' },
      }),
      201,
    );
    expect([eb.status, ec.status]).toEqual(['waitlisted', 'waitlisted']);

    const full = await t.request('POST', `/api/enrolments/${eb.id}/admit`, { session: hl, body: {} });
    expect(full.status).toBe(409);
    expect(await full.text()).toMatch(/ingen ledig plats/i);

    await json(
      await t.request('POST', `/api/enrolments/${ea.id}/exit`, {
        session: hl,
        body: { exitDate: '2026-03-02', reason: 'studier' },
      }),
      200,
    );
    const admitted = await json<{ status: string; startDate: string; plannedEndDate: string }>(
      await t.request('POST', `/api/enrolments/${eb.id}/admit`, {
        session: hl,
        body: { startDate: '2026-03-03' },
      }),
      200,
    );
    expect(admitted).toMatchObject({
      status: 'enrolled',
      startDate: '2026-03-03',
      plannedEndDate: '2026-06-02',
    });
    const event = await t.db
      .selectFrom('audit_event')
      .select(['details', 'subject_person_id'])
      .where('object_id', '=', eb.id)
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    // C was referred earlier and waited ahead of B: the event says one person was passed over.
    expect(event).toMatchObject({ subject_person_id: b, details: { to: 'enrolled', passedOver: 1 } });
    // The one place is taken again: C cannot be admitted, and B cannot be admitted twice.
    expect(
      (await t.request('POST', `/api/enrolments/${ec.id}/admit`, { session: hl, body: {} })).status,
    ).toBe(409);
    expect(
      (await t.request('POST', `/api/enrolments/${eb.id}/admit`, { session: hl, body: {} })).status,
    ).toBe(409);
  });

  it('lays out recurring intake periods year by year, skips existing ones and writes nothing on a bad date', async () => {
    const { programmeId } = await createTrainee('komvux-series', '2027-01-10');
    const periods = [
      { name: 'Vårterminen', startsOn: '01-10', applicationsOpen: '11-01', applicationsClose: '12-01' },
      { name: 'Period 2', startsOn: '03-20', applicationsOpen: '02-01', applicationsClose: '02-28' },
      { name: 'Period 3', startsOn: '05-25' },
      { name: 'Höstterminen', startsOn: '08-20', applicationsOpen: '04-15', applicationsClose: '05-15' },
      { name: 'Period 5', startsOn: '10-30', places: 20 },
    ];
    const first = await json<{ created: { id: string; startsOn: string }[]; skipped: string[] }>(
      await t.request('POST', `/api/programmes/${programmeId}/intake-series`, {
        session: chef,
        body: { fromYear: 2027, toYear: 2028, periods },
      }),
      201,
    );
    // 2027-01-10 existed already (created with the programme above).
    expect(first.created).toHaveLength(9);
    expect(first.skipped).toEqual(['2027-01-10']);
    const rows = await t.db
      .selectFrom('intake')
      .select(['name', 'starts_on', 'applications_open', 'applications_close', 'places'])
      .where('programme_id', '=', programmeId)
      .orderBy('starts_on')
      .execute();
    const iso = (d: unknown) => (d instanceof Date ? d.toISOString().slice(0, 10) : (d as string | null));
    const jan2028 = rows.find((r) => iso(r.starts_on) === '2028-01-10')!;
    // A window later in the calendar than the start belongs to the year before.
    expect([iso(jan2028.applications_open), iso(jan2028.applications_close)]).toEqual([
      '2027-11-01',
      '2027-12-01',
    ]);
    expect(jan2028.name).toBe('Vårterminen 2028');
    expect(rows.find((r) => iso(r.starts_on) === '2028-10-30')!.places).toBe(20);
    const again = await json<{ created: unknown[]; skipped: string[] }>(
      await t.request('POST', `/api/programmes/${programmeId}/intake-series`, {
        session: chef,
        body: { fromYear: 2027, toYear: 2028, periods },
      }),
      201,
    );
    expect(again.created).toEqual([]);
    expect(again.skipped).toHaveLength(10);

    const before = rows.length;
    const leap = await t.request('POST', `/api/programmes/${programmeId}/intake-series`, {
      session: chef,
      body: { fromYear: 2028, toYear: 2029, periods: [{ startsOn: '06-01' }, { startsOn: '02-29' }] },
    });
    expect(leap.status).toBe(422);
    expect(await leap.text()).toMatch(/inte finns år 2029/);
    const after = await t.db
      .selectFrom('intake')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('programme_id', '=', programmeId)
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(before);
    const denied = await t.request('POST', `/api/programmes/${programmeId}/intake-series`, {
      session: hl,
      body: { fromYear: 2030, toYear: 2030, periods },
    });
    expect(denied.status).toBe(403);
  });

  it('allows one open enrolment per programme and person', async () => {
    const { programmeId, intakeId } = await createTrainee('trainee-once');
    const person = await insertPerson(t.db, org, jobbcentrum);
    await json(
      await t.request('POST', `/api/programmes/${programmeId}/enrolments`, {
        session: hl,
        body: { personId: person, intakeId },
      }),
      201,
    );
    const again = await t.request('POST', `/api/programmes/${programmeId}/enrolments`, {
      session: hl,
      body: { personId: person, intakeId },
    });
    expect(again.status).toBe(409);
  });

  it('pauses move the planned end; exit creates follow-ups at 6, 12 and 18 months; exit before start is refused', async () => {
    const { programmeId, intakeId } = await createTrainee('trainee-life');
    const person = await insertPerson(t.db, org, jobbcentrum);
    const e = await json<{ id: string; plannedEndDate: string }>(
      await t.request('POST', `/api/programmes/${programmeId}/enrolments`, {
        session: hl,
        body: { personId: person, intakeId },
      }),
      201,
    );
    expect(e.plannedEndDate).toBe('2017-02-25');
    const adj = await json<{ plannedEndDate: string }>(
      await t.request('POST', `/api/enrolments/${e.id}/adjustments`, {
        session: hl,
        body: { kind: 'sjukdom', fromDate: '2016-03-01', toDate: '2016-03-14', days: 14 },
      }),
      200,
    );
    expect(adj.plannedEndDate).toBe('2017-03-11');
    await json(
      await t.request('POST', `/api/enrolments/${e.id}/phase`, {
        session: hl,
        body: { phaseCode: 'anstallning', startedOn: '2016-01-29' },
      }),
      204,
    );
    const early = await t.request('POST', `/api/enrolments/${e.id}/exit`, {
      session: hl,
      body: { exitDate: '2015-12-01', reason: 'arbete', employmentForm: 'tillsvidare' },
    });
    expect(early.status).toBe(422);
    const noForm = await t.request('POST', `/api/enrolments/${e.id}/exit`, {
      session: hl,
      body: { exitDate: '2016-10-01', reason: 'arbete' },
    });
    expect(noForm.status).toBe(422);
    const exit = await json<{ followUps: { monthsAfterExit: number; dueOn: string }[] }>(
      await t.request('POST', `/api/enrolments/${e.id}/exit`, {
        session: hl,
        body: {
          exitDate: '2016-10-01',
          reason: 'arbete',
          employmentForm: 'tillsvidare',
          incomeSourceAtExit: 'lon',
        },
      }),
      200,
    );
    expect(exit.followUps).toEqual([
      { monthsAfterExit: 6, dueOn: '2017-04-01' },
      { monthsAfterExit: 12, dueOn: '2017-10-01' },
      { monthsAfterExit: 18, dueOn: '2018-04-01' },
    ]);
    const fu = await t.db
      .selectFrom('follow_up')
      .select('id')
      .where('enrolment_id', '=', e.id)
      .where('months_after_exit', '=', 6)
      .executeTakeFirstOrThrow();
    await json(
      await t.request('POST', `/api/follow-ups/${fu.id}`, {
        session: hl,
        body: { status: 'genomford', outcome: 'arbete' },
      }),
      204,
    );
    const audit = await t.db
      .selectFrom('audit_event')
      .selectAll()
      .where('subject_person_id', '=', person)
      .orderBy('seq')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['create', 'update', 'update', 'update', 'update']);
    expect((await verifyAudit(t.db)).ok).toBe(true);
  });

  it('hides protected persons on the board from viewers without permission and answers 404 when enrolling them', async () => {
    const { programmeId, intakeId } = await createTrainee('trainee-prot');
    const person = await insertPerson(t.db, org, jobbcentrum, {
      protectionLevel: 'skyddad_folkbokforing',
      firstName: 'Kanariefågel',
    });
    const res = await t.request('POST', `/api/programmes/${programmeId}/enrolments`, {
      session: hl,
      body: { personId: person, intakeId },
    });
    expect(res.status).toBe(404);
    expect(await res.text()).not.toContain('Kanariefågel');
    const deny = await t.db
      .selectFrom('audit_event')
      .selectAll()
      .where('subject_person_id', '=', person)
      .where('action', '=', 'deny')
      .execute();
    expect(deny).toHaveLength(1);
    expect(deny[0]!.severity).toBe('raised');
  });
});
