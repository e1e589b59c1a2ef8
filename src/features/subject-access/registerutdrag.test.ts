import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestSession } from '../../../test/app.ts';
import {
  insertPerson,
  insertSummerApplication,
  insertSummerSeason,
  unitIdByName,
} from '../../../test/factories.ts';
import {
  foreignKeys,
  reachableTables,
  tablesKeyedByPersonnummer,
  tablesWithPersonColumns,
} from './foreign-keys.ts';

let t: TestApp;
let chef: TestSession;
let hl: TestSession;
let granskare: TestSession;
let org: string;
let unit: string;

beforeAll(async () => {
  t = await createTestApp();
  chef = await t.login('enhetschef');
  hl = await t.login('handlaggare');
  granskare = await t.login('granskare');
  org = chef.user.organisation.id;
  unit = await unitIdByName(t.db, org, 'Jobbcentrum');
});
afterAll(async () => {
  await t.close();
});

describe('registerutdrag', () => {
  it('covers every table that can reference a person (derived from the schema)', async () => {
    const fks = await foreignKeys(t.db);
    const byPersonnummer = await tablesKeyedByPersonnummer(t.db);
    expect(byPersonnummer).toContain('summer_application');
    const reachable = reachableTables(fks, byPersonnummer);
    const named = await tablesWithPersonColumns(t.db);
    const uncovered = named.filter((n) => !reachable.has(n.table) && n.table !== 'audit_event');
    expect(
      uncovered,
      `tables naming a person outside the foreign-key walk: ${JSON.stringify(uncovered)}`,
    ).toEqual([]);
    for (const fk of fks.filter((f) => f.parent === 'person')) expect(reachable.has(fk.child)).toBe(true);
  });

  it('extracts every row about the person, not their household partner, and is audited', async () => {
    const person = await insertPerson(t.db, org, unit, {
      firstName: 'Utdrag',
      languages: ['ar', 'so'],
      childrenAtHome: 2,
    });
    const household = (
      await t.db
        .selectFrom('person')
        .select('household_id')
        .where('id', '=', person)
        .executeTakeFirstOrThrow()
    ).household_id!;
    await t.db
      .insertInto('household_child')
      .values({
        organisation_id: org,
        household_id: household,
        id: randomUUID(),
        birth_year_month: '2015-04',
      })
      .execute();
    const partner = await insertPerson(t.db, org, unit, { firstName: 'Partner' });
    await t.db.updateTable('person').set({ household_id: household }).where('id', '=', partner).execute();
    const programme = await t.request('POST', '/api/programmes', {
      session: chef,
      body: { code: `utdrag-${Date.now()}`, name: 'Utdrag', kind: 'aktivitet', unitId: unit },
    });
    const { id: programmeId } = (await programme.json()) as { id: string };
    const enrolled = await t.request('POST', `/api/programmes/${programmeId}/enrolments`, {
      session: hl,
      body: { personId: person, startDate: '2026-01-10' },
    });
    const { id: enrolmentId } = (await enrolled.json()) as { id: string };
    expect(
      (
        await t.request('POST', `/api/enrolments/${enrolmentId}/exit`, {
          session: hl,
          body: { exitDate: '2026-02-10', reason: 'studier' },
        })
      ).status,
    ).toBe(200);

    const res = await t.request('GET', `/api/participants/${person}/registerutdrag`, { session: chef });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toContain('registerutdrag');
    const body = (await res.json()) as {
      tables: { table: string; rows: Record<string, unknown>[] }[];
      auditEvents: { action: string }[];
    };
    const byTable = Object.fromEntries(body.tables.map((x) => [x.table, x.rows]));
    expect(byTable.person).toHaveLength(1);
    expect(byTable.person![0]!.first_name).toBe('Utdrag');
    expect(byTable.person_language).toHaveLength(2);
    expect(byTable.household).toHaveLength(1);
    expect(byTable.household_child).toHaveLength(1);
    expect(byTable.enrolment).toHaveLength(1);
    expect(byTable.follow_up).toHaveLength(3);
    expect(JSON.stringify(body)).not.toContain('Partner');
    expect(body.auditEvents.map((e) => e.action)).toEqual(expect.arrayContaining(['create', 'update']));
    const exported = await t.db
      .selectFrom('audit_event')
      .selectAll()
      .where('subject_person_id', '=', person)
      .where('action', '=', 'export')
      .execute();
    expect(exported).toHaveLength(1);
    expect(exported[0]!.role).toBe('enhetschef');
  });

  it('includes summer-job applications made with the number of the person, and what hangs on them', async () => {
    const person = await insertPerson(t.db, org, unit, { firstName: 'Feriesökande' });
    const { personnummer } = await t.db
      .selectFrom('person')
      .select('personnummer')
      .where('id', '=', person)
      .executeTakeFirstOrThrow();
    const other = await insertPerson(t.db, org, unit, { firstName: 'Annan' });
    const otherPnr = (
      await t.db.selectFrom('person').select('personnummer').where('id', '=', other).executeTakeFirstOrThrow()
    ).personnummer;
    const season = await insertSummerSeason(t.db, org, { year: 2026 });
    const own = await insertSummerApplication(t.db, org, season, { personnummer, email: 'egen@example.se' });
    await insertSummerApplication(t.db, org, season, { personnummer: otherPnr, email: 'annan@example.se' });
    const res = await t.request('GET', `/api/participants/${person}/registerutdrag`, { session: chef });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { tables: { table: string; rows: Record<string, unknown>[] }[] };
    const byTable = Object.fromEntries(body.tables.map((x) => [x.table, x.rows]));
    expect(byTable.summer_application!.map((r) => r.reference)).toEqual([own.reference]);
    expect(byTable.summer_access_token).toHaveLength(1);
    expect(JSON.stringify(body)).not.toContain('annan@example.se');
  });

  it('is only for the unit manager', async () => {
    const person = await insertPerson(t.db, org, unit);
    expect(
      (await t.request('GET', `/api/participants/${person}/registerutdrag`, { session: hl })).status,
    ).toBe(403);
  });
});

describe('log review', () => {
  it('answers who accessed a person, what a user did, and gives a reproducible monthly sample; each review is logged', async () => {
    const person = await insertPerson(t.db, org, unit, { firstName: 'Granskad' });
    const programme = await t.request('POST', '/api/programmes', {
      session: chef,
      body: { code: `granskning-${Date.now()}`, name: 'G', kind: 'aktivitet', unitId: unit },
    });
    const { id: programmeId } = (await programme.json()) as { id: string };
    await t.request('POST', `/api/programmes/${programmeId}/enrolments`, {
      session: hl,
      body: { personId: person, startDate: '2026-03-02' },
    });
    const who = (await (
      await t.request('GET', `/api/audit/persons/${person}/access`, { session: granskare })
    ).json()) as {
      users: { username: string; events: number }[];
    };
    expect(who.users.map((u) => u.username)).toContain('handlaggare');
    const what = (await (
      await t.request('GET', `/api/audit/users/${hl.user.id}/activity?from=2026-03-01&to=2026-03-31`, {
        session: granskare,
      })
    ).json()) as {
      distinctPersons: number;
    };
    expect(what.distinctPersons).toBeGreaterThanOrEqual(1);
    const a = (await (
      await t.request('GET', '/api/audit/sample?month=2026-03&size=5', { session: granskare })
    ).json()) as { events: { seq: number }[] };
    const b = (await (
      await t.request('GET', '/api/audit/sample?month=2026-03&size=5', { session: granskare })
    ).json()) as { events: { seq: number }[] };
    expect(a.events.length).toBeGreaterThan(0);
    expect(b.events.map((e) => e.seq)).toEqual(a.events.map((e) => e.seq));
    const reviews = await t.db
      .selectFrom('audit_event')
      .select('object_id')
      .where('object_type', '=', 'audit_log')
      .execute();
    expect(reviews.map((r) => r.object_id)).toEqual(
      expect.arrayContaining(['person_access', 'user_activity', 'monthly_sample']),
    );
    expect((await t.request('GET', `/api/audit/persons/${person}/access`, { session: hl })).status).toBe(403);
  });
});
