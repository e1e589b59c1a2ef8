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

describe('registerutdrag from a personnummer', () => {
  type Extract = {
    personId: string | null;
    tables: { table: string; rows: Record<string, unknown>[] }[];
    auditEvents: { action: string; object_type: string }[];
  };
  type ErrorBody = { error: { code: string; message: string; fields?: { message: string }[] } };
  const typed = (pnr: string) => `${pnr.slice(0, 8)}-${pnr.slice(8)}`;
  const extract = (session: TestSession, personnummer: string, purpose?: string) =>
    t.request('POST', '/api/registerutdrag', {
      session,
      body: { personnummer, ...(purpose ? { purpose } : {}) },
    });
  const exportEvents = () =>
    t.db
      .selectFrom('audit_event')
      .selectAll()
      .where('organisation_id', '=', org)
      .where('object_type', '=', 'registerutdrag')
      .orderBy('seq')
      .execute();

  it('a youth only in summer-job applications gets the same document, with what hangs on the applications, and it is audited', async () => {
    const season = await insertSummerSeason(t.db, org, { year: 2025 });
    const later = await insertSummerSeason(t.db, org, { year: 2026 });
    const youth = await insertSummerApplication(t.db, org, season, {
      firstName: 'Ferieungdom',
      email: 'ungdom@example.se',
      offer: true,
    });
    const second = await insertSummerApplication(t.db, org, later, { personnummer: youth.personnummer });
    await insertSummerApplication(t.db, org, season, {
      firstName: 'Grannsökande',
      email: 'granne@example.se',
    });
    // Staff set a social priority: the extract shows that action in its log part.
    expect(
      (
        await t.request('PATCH', `/api/summer-jobs/applications/${youth.id}`, {
          session: chef,
          body: { socialPriority: true },
        })
      ).status,
    ).toBe(204);

    const res = await extract(chef, typed(youth.personnummer));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toContain('registerutdrag');
    const body = (await res.json()) as Extract;
    expect(body.personId).toBeNull();
    const byTable = Object.fromEntries(body.tables.map((x) => [x.table, x.rows]));
    expect(byTable.summer_application!.map((r) => r.id).sort()).toEqual([youth.id, second.id].sort());
    expect(byTable.summer_choice).toHaveLength(2);
    expect(byTable.summer_access_token).toHaveLength(2);
    expect(byTable.summer_offer).toHaveLength(1);
    expect(Number(byTable.summer_offer![0]!.hours)).toBe(60);
    expect(byTable.person).toEqual([]);
    expect(JSON.stringify(body)).not.toContain('granne@example.se');
    expect(body.auditEvents).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ action: 'update', object_type: 'summer_application' }),
      ]),
    );
    // Same format as the extract for a registered person: the same list of tables.
    const person = await insertPerson(t.db, org, unit);
    const personal = (await (
      await t.request('GET', `/api/participants/${person}/registerutdrag`, { session: chef })
    ).json()) as Extract;
    expect(body.tables.map((x) => x.table)).toEqual(personal.tables.map((x) => x.table));

    const events = await exportEvents();
    const e = events.find((x) => x.object_id === [youth.id, second.id].sort()[0])!;
    expect(e.action).toBe('export');
    expect(e.role).toBe('enhetschef');
    expect(e.severity).toBe('normal');
    expect(e.subject_person_id).toBeNull();
    expect((e.details as { applicationIds: string[] }).applicationIds).toEqual([youth.id, second.id].sort());
    expect(JSON.stringify(e.details)).not.toContain(youth.personnummer);
    // The next extract shows that this one was made.
    const again = (await (await extract(chef, youth.personnummer)).json()) as Extract;
    expect(again.auditEvents.some((x) => x.action === 'export' && x.object_type === 'registerutdrag')).toBe(
      true,
    );
  });

  it('a registered person gets the extract of the person, with the same access check', async () => {
    const person = await insertPerson(t.db, org, unit, { firstName: 'Registrerad' });
    const { personnummer } = await t.db
      .selectFrom('person')
      .select('personnummer')
      .where('id', '=', person)
      .executeTakeFirstOrThrow();
    // An application made with the person's earlier samordningsnummer belongs to the person too.
    const season = await insertSummerSeason(t.db, org, { year: 2026 });
    const early = await insertSummerApplication(t.db, org, season, { birthDate: '2008-03-04' });
    await t.db
      .insertInto('person_identity_history')
      .values({
        organisation_id: org,
        person_id: person,
        personnummer: early.personnummer,
        identity_kind: 'samordningsnummer',
        valid_to: new Date('2025-12-31T00:00:00Z'),
      })
      .execute();
    for (const number of [typed(personnummer), early.personnummer]) {
      const res = await extract(chef, number);
      expect(res.status).toBe(200);
      const body = (await res.json()) as Extract;
      expect(body.personId).toBe(person);
      const byTable = Object.fromEntries(body.tables.map((x) => [x.table, x.rows]));
      expect(byTable.summer_application!.map((r) => r.id)).toEqual([early.id]);
      expect(byTable.person_identity_history).toHaveLength(1);
    }
    // A person the manager may not reach (skyddad folkbokföring, not on the access list) is answered
    // as an unknown number.
    const protectedPerson = await insertPerson(t.db, org, unit, { protectionLevel: 'skyddad_folkbokforing' });
    const { personnummer: hidden } = await t.db
      .selectFrom('person')
      .select('personnummer')
      .where('id', '=', protectedPerson)
      .executeTakeFirstOrThrow();
    const refused = await extract(chef, hidden, 'Begäran om registerutdrag');
    expect(refused.status).toBe(404);
    expect(((await refused.json()) as ErrorBody).error.code).toBe('registerutdrag_nothing_found');
  });

  it('a personnummer with nothing anywhere gets a clear Swedish message; a malformed one a field message', async () => {
    const nothing = await extract(chef, '19991231-1231');
    const text = await nothing.text();
    expect(nothing.status, text).toBe(404);
    const body = JSON.parse(text) as ErrorBody;
    expect(body.error.code).toBe('registerutdrag_nothing_found');
    expect(body.error.message).toContain('Det finns inga uppgifter om personnumret');
    expect(text).not.toMatch(/at .*\.ts|stack/i);
    const malformed = await extract(chef, '19991231-1232');
    expect(malformed.status).toBe(422);
    const m = (await malformed.json()) as ErrorBody;
    expect(m.error.fields?.[0]?.message).toBe('Kontrollsiffran stämmer inte.');
  });

  it('protected applications need a protection permission (otherwise: nothing found, raised deny) and a purpose; the export is raised', async () => {
    const season = await insertSummerSeason(t.db, org, { year: 2026 });
    const youth = await insertSummerApplication(t.db, org, season, {
      protectedIdentity: true,
      firstName: 'Skyddad',
    });
    await t.db
      .deleteFrom('user_protection_permission')
      .where('organisation_id', '=', org)
      .where('user_id', '=', chef.user.id)
      .execute();
    const denied = await extract(chef, youth.personnummer, 'Begäran');
    expect(denied.status).toBe(404);
    const deniedText = await denied.text();
    expect((JSON.parse(deniedText) as ErrorBody).error.code).toBe('registerutdrag_nothing_found');
    expect(deniedText).not.toContain('Skyddad');
    const deny = await t.db
      .selectFrom('audit_event')
      .select(['outcome', 'severity'])
      .where('organisation_id', '=', org)
      .where('object_id', '=', youth.id)
      .where('outcome', '=', 'denied')
      .execute();
    expect(deny).toEqual([{ outcome: 'denied', severity: 'raised' }]);

    await t.db
      .insertInto('user_protection_permission')
      .values({
        organisation_id: org,
        user_id: chef.user.id,
        protection_level: 'sekretessmarkering',
        granted_at: new Date(),
      })
      .execute();
    const noPurpose = await extract(chef, youth.personnummer);
    expect(noPurpose.status).toBe(403);
    expect(((await noPurpose.json()) as ErrorBody).error.code).toBe('purpose_required');
    const ok = await extract(chef, youth.personnummer, 'Begäran om registerutdrag');
    expect(ok.status).toBe(200);
    const e = (await exportEvents()).find((x) => x.object_id === youth.id)!;
    expect(e.severity).toBe('raised');
    expect(e.purpose).toBe('Begäran om registerutdrag');
  });

  it('another municipality gets nothing; other roles are refused', async () => {
    const season = await insertSummerSeason(t.db, org, { year: 2026 });
    const youth = await insertSummerApplication(t.db, org, season, {
      firstName: 'Hemmasökande',
      email: 'hemma@example.se',
    });
    const { session: foreign } = await t.loginElsewhere('annanby-chef', ['enhetschef']);
    const res = await extract(foreign, youth.personnummer, 'Begäran');
    const text = await res.text();
    expect(res.status).toBe(404);
    expect((JSON.parse(text) as ErrorBody).error.code).toBe('registerutdrag_nothing_found');
    for (const secret of ['Hemmasökande', 'hemma@example.se', youth.id]) expect(text).not.toContain(secret);
    expect((await extract(hl, youth.personnummer)).status).toBe(403);
    expect((await extract(granskare, youth.personnummer)).status).toBe(403);
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
