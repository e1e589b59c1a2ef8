import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestSession } from '../../../test/app.ts';
import {
  insertPerson,
  insertSummerApplication,
  insertSummerSeason,
  unitIdByName,
} from '../../../test/factories.ts';
import { verifyAudit } from '../audit/verify-audit.ts';
import { foreignKeys, reachableTables, tablesWithPersonColumns } from '../subject-access/foreign-keys.ts';
import { deletionOrder } from './cull.ts';

let t: TestApp;
let admin: TestSession;
let hl: TestSession;
let chef: TestSession;
let granskare: TestSession;
let org: string;
let unit: string;

const TODAY = '2026-03-02T08:00:00.000Z';
const DECISION = 'SN 2025/117 § 42';

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.login('admin');
  hl = await t.login('handlaggare');
  chef = await t.login('enhetschef');
  granskare = await t.login('granskare');
  org = admin.user.organisation.id;
  unit = await unitIdByName(t.db, org, 'Jobbcentrum');
}, 120_000);
afterAll(async () => {
  await t.close();
});

type ErrorBody = { error: { code: string; message: string } };

const rule = (o: Record<string, unknown> = {}) => ({
  recordType: 'personakt_ame',
  trigger: 'last_entry',
  years: 5,
  exceptionCategories: ['forskning'],
  exceptionBirthDays: [5, 15, 25],
  decisionReference: DECISION,
  decisionDate: '2025-11-20',
  decisionBody: 'Socialnämnden',
  ...o,
});

async function expectRuleRefused(body: Record<string, unknown>, code: string, message: string) {
  const res = await t.request('POST', '/api/gallring/rules', { session: admin, body });
  expect(res.status).toBe(422);
  const e = (await res.json()) as ErrorBody;
  expect(e.error.code).toBe(code);
  expect(e.error.message).toContain(message);
}

async function setDates(personId: string, lastEntry: string) {
  await t.db
    .updateTable('person')
    .set({ last_entry_at: `${lastEntry}T10:00:00Z` })
    .where('organisation_id', '=', org)
    .where('id', '=', personId)
    .execute();
}

async function maxSeq(): Promise<number> {
  const r = await sql<{
    s: string;
  }>`SELECT coalesce(max(seq), 0)::text AS s FROM audit_event WHERE organisation_id = ${org}`.execute(t.db);
  return Number(r.rows[0]!.s);
}

async function eventsAfter(seq: number) {
  return t.db
    .selectFrom('audit_event')
    .selectAll()
    .where('organisation_id', '=', org)
    .where('seq', '>', seq)
    .execute();
}

async function auditCount(): Promise<number> {
  const r = await sql<{
    n: string;
  }>`SELECT count(*)::text AS n FROM audit_event WHERE organisation_id = ${org}`.execute(t.db);
  return Number(r.rows[0]!.n);
}

describe('gallring: schema coverage', () => {
  it('every table naming a person is reached by the foreign-key walk, and can be ordered for deletion', async () => {
    const fks = await foreignKeys(t.db);
    const reachable = reachableTables(fks);
    const named = await tablesWithPersonColumns(t.db);
    // audit_event is append-only by design: events about culled persons are kept.
    const uncovered = named.filter((n) => !reachable.has(n.table) && n.table !== 'audit_event');
    expect(uncovered, `tables naming a person outside the walk: ${JSON.stringify(uncovered)}`).toEqual([]);
    expect(reachable.has('gallring_exception')).toBe(true);
    const order = deletionOrder(reachable, fks);
    expect(order).toHaveLength(reachable.size);
    for (const fk of fks.filter(
      (f) => reachable.has(f.child) && reachable.has(f.parent) && f.child !== f.parent,
    )) {
      expect(order.indexOf(fk.child), `${fk.child} before ${fk.parent}`).toBeLessThan(
        order.indexOf(fk.parent),
      );
    }
  });

  it('a new table referencing a person is covered without code changes; a foreign-key cycle is refused', () => {
    const fks = [
      {
        child: 'person',
        childColumns: ['organisation_id', 'household_id'],
        parent: 'household',
        parentColumns: ['organisation_id', 'id'],
      },
      {
        child: 'ny_tabell',
        childColumns: ['organisation_id', 'person_id'],
        parent: 'person',
        parentColumns: ['organisation_id', 'id'],
      },
      {
        child: 'ny_rad',
        childColumns: ['organisation_id', 'tabell_id'],
        parent: 'ny_tabell',
        parentColumns: ['organisation_id', 'id'],
      },
    ];
    expect([...reachableTables(fks)].sort()).toEqual(['household', 'ny_rad', 'ny_tabell', 'person']);
    expect(deletionOrder(['person', 'ny_tabell', 'ny_rad'], fks)).toEqual(['ny_rad', 'ny_tabell', 'person']);
    const cycle = [
      { child: 'a', childColumns: ['x'], parent: 'b', parentColumns: ['id'] },
      { child: 'b', childColumns: ['y'], parent: 'a', parentColumns: ['id'] },
    ];
    expect(() => deletionOrder(['a', 'b'], cycle)).toThrow('cykliska');
  });
});

describe('gallring: rules and access', () => {
  it('a handläggare gets 403 on rules, dry run and execute; a granskare may view runs but not run', async () => {
    expect((await t.request('POST', '/api/gallring/rules', { session: hl, body: rule() })).status).toBe(403);
    expect((await t.request('POST', '/api/gallring/dry-run', { session: hl })).status).toBe(403);
    expect(
      (await t.request('POST', `/api/gallring/runs/${randomUUID()}/execute`, { session: hl })).status,
    ).toBe(403);
    expect((await t.request('GET', '/api/gallring/runs', { session: hl })).status).toBe(403);
    expect((await t.request('POST', '/api/gallring/dry-run', { session: chef })).status).toBe(403);
    expect((await t.request('POST', '/api/gallring/dry-run', { session: granskare })).status).toBe(403);
    expect((await t.request('GET', '/api/gallring/runs', { session: granskare })).status).toBe(200);
  });

  it('refuses an unknown record type and negative years with a Swedish 422', async () => {
    await expectRuleRefused(rule({ recordType: 'okand_akt' }), 'unknown_record_type', 'Okänd akttyp');
    await expectRuleRefused(rule({ years: -1 }), 'negative_years', 'får inte vara negativt');
  });

  it('creates, updates, lists and deletes rules, each audited', async () => {
    const before = await auditCount();
    const created = await t.request('POST', '/api/gallring/rules', {
      session: admin,
      body: rule({ recordType: 'personakt_sol', years: 3 }),
    });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    expect(
      (
        await t.request('POST', '/api/gallring/rules', {
          session: admin,
          body: rule({ recordType: 'personakt_sol' }),
        })
      ).status,
    ).toBe(409);
    const updated = await t.request('PUT', `/api/gallring/rules/${id}`, {
      session: admin,
      body: rule({ recordType: 'personakt_sol', years: 4 }),
    });
    expect(updated.status).toBe(200);
    expect(((await updated.json()) as { years: number }).years).toBe(4);
    const list = (await (await t.request('GET', '/api/gallring/rules', { session: granskare })).json()) as {
      id: string;
      decisionReference: string;
    }[];
    expect(list.find((r) => r.id === id)?.decisionReference).toBe(DECISION);
    expect((await t.request('DELETE', `/api/gallring/rules/${id}`, { session: admin })).status).toBe(204);
    expect((await t.request('DELETE', `/api/gallring/rules/${id}`, { session: admin })).status).toBe(404);
    const events = await t.db
      .selectFrom('audit_event')
      .select(['action', 'object_type'])
      .where('organisation_id', '=', org)
      .where('object_id', '=', id)
      .orderBy('seq')
      .execute();
    expect(events.map((e) => e.action)).toEqual(['create', 'update', 'delete']);
    expect(await auditCount()).toBe(before + 3);
  });
});

describe('gallring: dry run and execution', () => {
  const ids: Record<string, string> = {};
  let household: string;
  let ameHousehold: string;
  let dryRunId: string;

  it('a dry run lists exactly the records due and nothing else', async () => {
    t.clock.set(TODAY);
    for (const r of [
      rule(),
      rule({ recordType: 'personakt_sol', exceptionCategories: ['placering_barn'], exceptionBirthDays: [] }),
    ]) {
      expect((await t.request('POST', '/api/gallring/rules', { session: admin, body: r })).status).toBe(201);
    }
    // Due: municipal record whose last entry is 5 years and 1 day old.
    ids.ame = await insertPerson(t.db, org, unit, {
      incomeSource: 'ingen',
      birthDate: '1980-01-02',
      childrenAtHome: 0,
    });
    ameHousehold = (
      await t.db
        .selectFrom('person')
        .select('household_id')
        .where('id', '=', ids.ame)
        .executeTakeFirstOrThrow()
    ).household_id!;
    // Due: socialtjänst record with a full set of data (household with a child, languages, an
    // enrolment with follow-ups, journal notes with a correction) and a household partner.
    ids.sol = await insertPerson(t.db, org, unit, {
      firstName: 'Gallras',
      languages: ['ar', 'so'],
      childrenAtHome: 1,
      birthDate: '1979-07-07',
    });
    household = (
      await t.db
        .selectFrom('person')
        .select('household_id')
        .where('id', '=', ids.sol)
        .executeTakeFirstOrThrow()
    ).household_id!;
    await t.db
      .insertInto('household_child')
      .values({
        organisation_id: org,
        household_id: household,
        id: randomUUID(),
        birth_year_month: '2012-04',
      })
      .execute();
    const programme = await t.request('POST', '/api/programmes', {
      session: chef,
      body: { code: `gallring-${Date.now()}`, name: 'Gallring', kind: 'aktivitet', unitId: unit },
    });
    const { id: programmeId } = (await programme.json()) as { id: string };
    const enrolled = await t.request('POST', `/api/programmes/${programmeId}/enrolments`, {
      session: hl,
      body: { personId: ids.sol, startDate: '2026-01-10' },
    });
    expect(enrolled.status).toBe(201);
    const note = randomUUID();
    for (const [id, corrects] of [
      [note, null],
      [randomUUID(), note],
    ] as const) {
      await t.db
        .insertInto('journal_note')
        .values({
          organisation_id: org,
          id,
          person_id: ids.sol,
          text: 'Anteckning',
          author_user_id: hl.user.id,
          author_name: 'Handläggare',
          written_at: new Date('2020-05-01T10:00:00Z'),
          corrects_note_id: corrects,
        })
        .execute();
    }
    // Not due: shares the household, recent activity.
    ids.partner = await insertPerson(t.db, org, unit, { firstName: 'Partner', incomeSource: 'ingen' });
    await t.db.updateTable('person').set({ household_id: household }).where('id', '=', ids.partner).execute();
    // Not due: newer activity (due tomorrow).
    ids.recent = await insertPerson(t.db, org, unit, { incomeSource: 'ingen' });
    // Not due: exception category (marked through the API) and research birth day.
    ids.excepted = await insertPerson(t.db, org, unit, { incomeSource: 'ingen' });
    expect(
      (
        await t.request('PUT', `/api/participants/${ids.excepted}/gallring-exceptions`, {
          session: admin,
          body: { category: 'forskning', reason: 'Arkivbeslut om forskningsurval' },
        })
      ).status,
    ).toBe(204);
    ids.birthday = await insertPerson(t.db, org, unit, { incomeSource: 'ingen', birthDate: '1981-05-15' });

    await setDates(ids.ame, '2021-03-01');
    await setDates(ids.sol, '2020-06-01');
    await setDates(ids.partner, '2026-02-01');
    await setDates(ids.recent, '2021-03-03');
    await setDates(ids.excepted, '2015-01-01');
    await setDates(ids.birthday, '2015-01-01');

    // Precondition: every other person of the demo municipality has activity in the last 5 years.
    const old = await t.db
      .selectFrom('person')
      .select('id')
      .where('organisation_id', '=', org)
      .where('last_entry_at', '<', new Date('2021-03-03T00:00:00Z'))
      .execute();
    expect(old.map((p) => p.id).sort()).toEqual([ids.ame, ids.sol, ids.excepted, ids.birthday].sort());

    const res = await t.request('POST', '/api/gallring/dry-run', { session: admin });
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      runId: string;
      total: number;
      counts: Record<string, number>;
      records: { personId: string; recordType: string; dueDate: string; completeBy: string }[];
    };
    dryRunId = body.runId;
    expect(body.records).toEqual([
      {
        personId: ids.sol,
        recordType: 'personakt_sol',
        dueDate: '2025-06-01',
        completeBy: '2026-12-31',
        overdue: false,
      },
      {
        personId: ids.ame,
        recordType: 'personakt_ame',
        dueDate: '2026-03-01',
        completeBy: '2027-12-31',
        overdue: false,
      },
    ]);
    expect(body.counts).toEqual({ personakt_ame: 1, personakt_sol: 1 });
    expect(body.total).toBe(2);
    expect(JSON.stringify(body)).not.toContain('Gallras');
    const audit = await t.db
      .selectFrom('audit_event')
      .select(['action', 'details'])
      .where('organisation_id', '=', org)
      .where('object_id', '=', dryRunId)
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.action).toBe('read');
    expect((audit[0]!.details as { personIds: string[] }).personIds.sort()).toEqual(
      [ids.ame, ids.sol].sort(),
    );
  });

  it('refuses to execute an unknown, stale or changed dry run', async () => {
    expect(
      (await t.request('POST', `/api/gallring/runs/${randomUUID()}/execute`, { session: admin })).status,
    ).toBe(404);
    // A dry run from yesterday.
    t.clock.set('2026-03-01T08:00:00.000Z');
    const old = (await (await t.request('POST', '/api/gallring/dry-run', { session: admin })).json()) as {
      runId: string;
    };
    t.clock.set(TODAY);
    const stale = await t.request('POST', `/api/gallring/runs/${old.runId}/execute`, { session: admin });
    expect(stale.status).toBe(422);
    expect(((await stale.json()) as ErrorBody).error.message).toContain('Gör en ny provkörning i dag');
    // The list changes after the dry run: a newly due person appears.
    const extra = await insertPerson(t.db, org, unit, { incomeSource: 'ingen' });
    await setDates(extra, '2019-01-01');
    const changed = await t.request('POST', `/api/gallring/runs/${dryRunId}/execute`, { session: admin });
    expect(changed.status).toBe(409);
    expect(((await changed.json()) as ErrorBody).error.code).toBe('gallring_list_changed');
    await t.db.deleteFrom('person').where('organisation_id', '=', org).where('id', '=', extra).execute();
    expect(
      await t.db.selectFrom('person').select('id').where('id', '=', ids.sol!).executeTakeFirst(),
    ).toBeDefined();
  });

  it('execution removes every row about the culled persons in every table, keeps the rest, writes one non-personal audit event', async () => {
    const culled = [ids.sol!, ids.ame!];
    const kept = [ids.partner!, ids.recent!, ids.excepted!, ids.birthday!];
    const personsBefore = await t.db
      .selectFrom('person')
      .select('id')
      .where('organisation_id', '=', org)
      .execute();
    const enrolmentIds = (
      await t.db.selectFrom('enrolment').select('id').where('person_id', '=', ids.sol!).execute()
    ).map((e) => e.id);
    expect(enrolmentIds).toHaveLength(1);
    const countBefore = await auditCount();
    const seqBefore = await maxSeq();

    const res = await t.request('POST', `/api/gallring/runs/${dryRunId}/execute`, { session: admin });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { runId: string; total: number; rowsDeleted: Record<string, number> };
    expect(body.total).toBe(2);
    expect(body.rowsDeleted.person).toBe(2);
    expect(body.rowsDeleted.journal_note).toBe(2);
    expect(body.rowsDeleted.enrolment).toBe(1);

    // Every table that names a person (derived from the schema) holds nothing about the culled.
    const named = await tablesWithPersonColumns(t.db);
    for (const { table, column } of named) {
      if (table === 'audit_event') continue;
      const r = await sql<{ n: string }>`
        SELECT count(*)::text AS n FROM ${sql.table(table)} WHERE ${sql.ref(column)} IN (${sql.join(culled)})`.execute(
        t.db,
      );
      expect(Number(r.rows[0]!.n), `${table}.${column}`).toBe(0);
    }
    const person = await t.db.selectFrom('person').select('id').where('id', 'in', culled).execute();
    expect(person).toEqual([]);
    // Rows reached only through the enrolment (follow-ups) are gone too.
    const fks = await foreignKeys(t.db);
    for (const fk of fks.filter((f) => f.parent === 'enrolment')) {
      const col = fk.childColumns[fk.childColumns.length - 1]!;
      const r = await sql<{ n: string }>`
        SELECT count(*)::text AS n FROM ${sql.table(fk.child)} WHERE ${sql.ref(col)} IN (${sql.join(enrolmentIds)})`.execute(
        t.db,
      );
      expect(Number(r.rows[0]!.n), fk.child).toBe(0);
    }
    // The shared household stays (the partner still lives there), with its child.
    expect(
      await t.db.selectFrom('household').select('id').where('id', '=', household).executeTakeFirst(),
    ).toBeDefined();
    // A household of the culled person alone goes with them.
    expect(
      await t.db.selectFrom('household').select('id').where('id', '=', ameHousehold).executeTakeFirst(),
    ).toBeUndefined();
    expect(body.rowsDeleted.household).toBe(1);
    // Everyone else is untouched.
    const personsAfter = await t.db
      .selectFrom('person')
      .select('id')
      .where('organisation_id', '=', org)
      .execute();
    expect(personsAfter.map((p) => p.id).sort()).toEqual(
      personsBefore
        .map((p) => p.id)
        .filter((id) => !culled.includes(id))
        .sort(),
    );
    for (const id of kept) expect(personsAfter.some((p) => p.id === id)).toBe(true);
    expect(
      await t.db
        .selectFrom('gallring_exception')
        .select('category')
        .where('person_id', '=', ids.excepted!)
        .execute(),
    ).toEqual([{ category: 'forskning' }]);

    // Exactly one new audit event: non-personal, naming the decision and the counts.
    const events = await eventsAfter(seqBefore);
    expect(await auditCount()).toBe(countBefore + 1);
    expect(events).toHaveLength(1);
    const e = events[0]!;
    expect(e.action).toBe('delete');
    expect(e.object_type).toBe('gallring_run');
    expect(e.subject_person_id).toBeNull();
    const details = JSON.stringify(e.details);
    expect(details).toContain(DECISION);
    expect(details).toContain('"personakt_sol":1');
    for (const id of culled) expect(details).not.toContain(id);
    expect(details).not.toContain('Gallras');

    // Audit events about the culled persons are kept and the chain verifies.
    const about = await t.db
      .selectFrom('audit_event')
      .select('seq')
      .where('organisation_id', '=', org)
      .where('subject_person_id', '=', ids.sol!)
      .execute();
    expect(about.length).toBeGreaterThan(0);
    expect((await verifyAudit(t.db)).ok).toBe(true);

    // Executing the same dry run again is refused; a granskare sees the runs without person ids.
    expect(
      (await t.request('POST', `/api/gallring/runs/${dryRunId}/execute`, { session: admin })).status,
    ).toBe(409);
    const runs = await (await t.request('GET', '/api/gallring/runs', { session: granskare })).text();
    expect(runs).toContain(body.runId);
    for (const id of culled) expect(runs).not.toContain(id);
    // Journal notes stay append-only outside a gallring run.
    const note = await t.db.selectFrom('journal_note').select('id').limit(1).executeTakeFirst();
    if (note)
      await expect(t.db.deleteFrom('journal_note').where('id', '=', note.id).execute()).rejects.toThrow();
  });
});

describe('gallring: summer-job applications', () => {
  const SUMMER_DECISION = 'AMN 2026/12 § 3';
  const summerRule = (o: Record<string, unknown> = {}) =>
    rule({
      recordType: 'ansokan_feriearbete',
      trigger: 'season_end',
      years: 2,
      decisionReference: SUMMER_DECISION,
      decisionBody: 'Arbetsmarknadsnämnden',
      ...o,
    });

  it('refuses a trigger the record type has no date for', async () => {
    await expectRuleRefused(summerRule({ trigger: 'exit' }), 'trigger_not_for_record_type', 'season_end');
    await expectRuleRefused(rule({ trigger: 'season_end' }), 'trigger_not_for_record_type', 'last_entry');
  });

  it('the dry run lists exactly the applications due; execution removes them from every table they touch and writes one non-personal event', async () => {
    t.clock.set(TODAY);
    expect(
      (await t.request('POST', '/api/gallring/rules', { session: admin, body: summerRule() })).status,
    ).toBe(201);
    // Season 2023 ended 2023-08-15: its applications are due on 2025-08-15.
    const old = await insertSummerSeason(t.db, org, { year: 2023, periodEnds: '2023-08-15' });
    const due1 = await insertSummerApplication(t.db, org, old, { offer: true, firstName: 'Gallrad' });
    const due2 = await insertSummerApplication(t.db, org, old);
    // Not due: the youth is also a registered participant marked with an exception category.
    const registered = await insertPerson(t.db, org, unit, {
      incomeSource: 'ingen',
      firstName: 'Registrerad',
    });
    expect(
      (
        await t.request('PUT', `/api/participants/${registered}/gallring-exceptions`, {
          session: admin,
          body: { category: 'forskning', reason: 'Forskningsurval' },
        })
      ).status,
    ).toBe(204);
    const { personnummer: registeredPnr } = await t.db
      .selectFrom('person')
      .select('personnummer')
      .where('id', '=', registered)
      .executeTakeFirstOrThrow();
    const excepted = await insertSummerApplication(t.db, org, old, {
      personnummer: registeredPnr,
      offer: true,
    });
    // Not due: born on a research birth day.
    const birthday = await insertSummerApplication(t.db, org, old, { birthDate: '2007-06-15' });
    // Not due: season 2024 ended 2024-08-16, due on 2026-08-16.
    const recent = await insertSummerSeason(t.db, org, { year: 2024, periodEnds: '2024-08-16' });
    const notYet = await insertSummerApplication(t.db, org, recent, { offer: true });
    const kept = [excepted, birthday, notYet];

    // Precondition: no other application of the organisation belongs to a season that ended before 2024-03-03.
    const older = await sql<{ id: string }>`
      SELECT a.id FROM summer_application a
       WHERE a.organisation_id = ${org}
         AND (SELECT max(p.ends_on) FROM summer_period p
               WHERE p.organisation_id = a.organisation_id AND p.season_id = a.season_id) < '2024-03-03'
       ORDER BY a.id`.execute(t.db);
    expect(older.rows.map((r) => r.id)).toEqual([due1.id, due2.id, excepted.id, birthday.id].sort());

    const dry = await t.request('POST', '/api/gallring/dry-run', { session: admin });
    expect(dry.status).toBe(200);
    const body = (await dry.json()) as {
      runId: string;
      counts: Record<string, number>;
      records: Record<string, unknown>[];
    };
    expect(body.records).toEqual(
      [due1.id, due2.id].sort().map((applicationId) => ({
        applicationId,
        recordType: 'ansokan_feriearbete',
        dueDate: '2025-08-15',
        completeBy: '2026-12-31',
        overdue: false,
      })),
    );
    expect(body.counts.ansokan_feriearbete).toBe(2);
    expect(JSON.stringify(body)).not.toContain('Gallrad');
    const dryAudit = await t.db
      .selectFrom('audit_event')
      .select('details')
      .where('organisation_id', '=', org)
      .where('object_id', '=', body.runId)
      .executeTakeFirstOrThrow();
    expect((dryAudit.details as { applicationIds: string[] }).applicationIds.sort()).toEqual(
      [due1.id, due2.id].sort(),
    );

    const seqBefore = await maxSeq();
    const res = await t.request('POST', `/api/gallring/runs/${body.runId}/execute`, { session: admin });
    expect(res.status).toBe(200);
    const executed = (await res.json()) as { total: number; rowsDeleted: Record<string, number> };
    expect(executed.total).toBe(2);
    expect(executed.rowsDeleted).toEqual({
      outbox: 3,
      summer_access_token: 2,
      summer_application: 2,
      summer_choice: 2,
      summer_offer: 1,
    });

    // Nothing about the culled applications is left in any table that references an application.
    const culled = [due1.id, due2.id];
    const fks = await foreignKeys(t.db);
    const tables = [
      'summer_application',
      ...fks.filter((f) => f.parent === 'summer_application').map((f) => f.child),
    ];
    for (const table of tables) {
      const column = table === 'summer_application' ? 'id' : 'application_id';
      const r = await sql<{ n: string }>`
        SELECT count(*)::text AS n FROM ${sql.table(table)} WHERE ${sql.ref(column)} IN (${sql.join(culled)})`.execute(
        t.db,
      );
      expect(Number(r.rows[0]!.n), table).toBe(0);
    }
    const mails = await t.db
      .selectFrom('outbox')
      .select('subject')
      .where('organisation_id', '=', org)
      .where('kind', 'like', 'ferie-%')
      .execute();
    for (const a of [due1, due2]) expect(mails.some((m) => m.subject.includes(a.reference))).toBe(false);
    // The others keep their application, choices, links, offers and mails; the seasons and the
    // registered person stay.
    for (const a of kept) {
      expect(
        mails.some((m) => m.subject.includes(a.reference)),
        a.reference,
      ).toBe(true);
      for (const table of ['summer_application', 'summer_choice', 'summer_access_token'] as const) {
        const r = await sql<{ n: string }>`
          SELECT count(*)::text AS n FROM ${sql.table(table)}
           WHERE ${sql.ref(table === 'summer_application' ? 'id' : 'application_id')} = ${a.id}`.execute(
          t.db,
        );
        expect(Number(r.rows[0]!.n), `${table} ${a.reference}`).toBe(1);
      }
    }
    expect(
      await t.db.selectFrom('summer_offer').select('hours').where('application_id', '=', notYet.id).execute(),
    ).toHaveLength(1);
    expect(
      await t.db.selectFrom('summer_season').select('id').where('id', '=', old.seasonId).executeTakeFirst(),
    ).toBeDefined();
    expect(
      await t.db.selectFrom('person').select('id').where('id', '=', registered).executeTakeFirst(),
    ).toBeDefined();

    // One audit event, naming the decision and counts, without application ids, references or names.
    const events = await eventsAfter(seqBefore);
    expect(events).toHaveLength(1);
    expect(events[0]!.action).toBe('delete');
    expect(events[0]!.object_type).toBe('gallring_run');
    const details = JSON.stringify(events[0]!.details);
    expect(details).toContain(SUMMER_DECISION);
    expect(details).toContain('"ansokan_feriearbete":2');
    for (const a of [due1, due2]) {
      expect(details).not.toContain(a.id);
      expect(details).not.toContain(a.reference);
      expect(details).not.toContain(a.personnummer);
    }
    expect(details).not.toContain('Gallrad');
    expect((await verifyAudit(t.db)).ok).toBe(true);

    // A second dry run the same day finds nothing more to cull among the applications.
    const again = (await (await t.request('POST', '/api/gallring/dry-run', { session: admin })).json()) as {
      counts: Record<string, number>;
    };
    expect(again.counts.ansokan_feriearbete).toBe(0);
  });
});
