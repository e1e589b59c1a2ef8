import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestSession } from '../../../test/app.ts';
import {
  DEMO_UNITS,
  demoOrganisationId,
  extraUser,
  numberSource,
  register,
  unitId,
  userId,
} from '../../../test/participants.ts';

let t: TestApp;
let chef: TestSession;
let hl: TestSession;
let jc: string;
const nextNumber = numberSource(31337);
const sv = new Intl.Collator('sv');

interface Item {
  id: string;
  firstName: string;
  lastName: string;
  lastContactAt: string | null;
  status: string;
}
interface Page {
  items: Item[];
  total: number;
  page: number;
  pageSize: number;
  pageCount: number;
}

const NAMES: [string, string][] = [
  ['Örjan', 'Öberg'],
  ['Åsa', 'Åberg'],
  ['Ärla', 'Ärlig'],
  ['Adam', 'Aberg'],
  ['Zenon', 'Zetterlund'],
  ['Vera', 'Wahl'],
  ['Valter', 'Vall'],
  ['Éva', 'Ekdahl'],
  ['Eva', 'ekdahl'],
  ['Anna', 'de la Cruz'],
  ['Bo', 'De Geer'],
  ['Per', 'Müller'],
  ['Pia', 'Myhr'],
  ['Lars', 'Lindqvist'],
  ['Lena', 'Lind-Qvist'],
  ['Ida', 'Östlund'],
  ['Ola', 'Øster'],
  ['Siv', 'Sjöberg'],
];

beforeAll(async () => {
  t = await createTestApp();
  chef = await t.login('enhetschef');
  hl = await t.login('handlaggare');
  // Its own unit, so the demo participants do not get in the way of exact expectations.
  const org = await demoOrganisationId(t);
  const parent = await unitId(t, DEMO_UNITS.forvaltning);
  jc = randomUUID();
  await t.db
    .insertInto('unit')
    .values({ organisation_id: org, id: jc, parent_id: parent, name: 'Sorteringsenheten', kind: 'enhet' })
    .execute();
  await t.db
    .insertInto('user_role')
    .values({ organisation_id: org, user_id: await userId(t, 'enhetschef'), role: 'enhetschef', unit_id: jc })
    .execute();
  await t.db
    .insertInto('user_role')
    .values({
      organisation_id: org,
      user_id: await userId(t, 'handlaggare'),
      role: 'handlaggare',
      unit_id: jc,
    })
    .execute();
  chef = await t.login('enhetschef');
  hl = await t.login('handlaggare');
  for (const [first, last] of NAMES) {
    await register(t, chef, {
      personnummer: nextNumber(),
      firstName: first,
      lastName: last,
      responsibleUnitId: jc,
    });
  }
});
afterAll(async () => {
  await t.close();
});

async function page(session: TestSession, query: string): Promise<Page> {
  const res = await t.request('GET', `/api/participants?unitId=${jc}&${query}`, { session });
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json()) as Page;
}

describe('caseload order and paging', () => {
  it('sorts in Swedish collation order in SQL, across pages', async () => {
    const expected = [...NAMES].sort((a, b) => sv.compare(a[1], b[1]) || sv.compare(a[0], b[0]));
    const seen: Item[] = [];
    for (let p = 1; p <= 4; p++) {
      const body = await page(chef, `scope=unit&pageSize=5&page=${p}`);
      expect(body.total).toBe(NAMES.length);
      expect(body.pageCount).toBe(4);
      seen.push(...body.items);
    }
    expect(seen.map((i) => [i.firstName, i.lastName])).toEqual(expected);
    expect(seen.slice(-5).map((i) => i.lastName)).toEqual(['Åberg', 'Ärlig', 'Öberg', 'Øster', 'Östlund']);
    const desc = await page(chef, 'scope=unit&pageSize=100&sort=-name');
    expect(desc.items.map((i) => i.id)).toEqual([...seen].reverse().map((i) => i.id));
  });

  it('searches names by prefix, ignoring case and diacritics', async () => {
    const names = async (q: string) =>
      (await page(chef, `scope=unit&q=${encodeURIComponent(q)}`)).items
        .map((i) => i.lastName)
        .sort(sv.compare);
    expect(await names('ober')).toEqual(['Öberg']);
    expect(await names('ÖBERG')).toEqual(['Öberg']);
    expect(await names('ab')).toEqual(['Aberg', 'Åberg']);
    expect(await names('lind')).toEqual(['Lind-Qvist', 'Lindqvist']);
    expect(await names('qvist')).toEqual(['Lind-Qvist']);
    expect(await names('eva ek')).toEqual(['ekdahl', 'Ekdahl']);
    expect(await names('mull')).toEqual(['Müller']);
    expect(await names('erg')).toEqual([]);
  });

  it('finds a person by exact number in any accepted form, and nothing for an invalid one', async () => {
    const n = nextNumber();
    const id = await register(t, chef, {
      personnummer: n,
      firstName: 'Nummer',
      lastName: 'Sökt',
      responsibleUnitId: jc,
    });
    for (const q of [n, n.slice(2), `${n.slice(2, 8)}-${n.slice(8)}`, `${n.slice(0, 8)}-${n.slice(8)}`]) {
      const body = await page(chef, `scope=unit&q=${encodeURIComponent(q)}`);
      expect(
        body.items.map((i) => i.id),
        q,
      ).toEqual([id]);
    }
    expect((await page(chef, `scope=unit&q=${n.slice(0, 11)}0`)).items.length).toBeLessThanOrEqual(1);
    expect((await page(chef, 'scope=unit&q=12345')).items).toEqual([]);
  });

  it('narrows by scope mine/team, status and last contact', async () => {
    const me = await userId(t, 'handlaggare');
    const mine = await register(t, chef, {
      personnummer: nextNumber(),
      firstName: 'Min',
      lastName: 'Deltagare',
      responsibleUnitId: jc,
      caseWorkerUserId: me,
    });
    const org = await demoOrganisationId(t);
    const teamId = randomUUID();
    await t.db
      .insertInto('team')
      .values({ organisation_id: org, id: teamId, unit_id: jc, name: 'Team Syd' })
      .execute();
    await t.db
      .insertInto('team_member')
      .values({ organisation_id: org, team_id: teamId, user_id: me })
      .execute();
    const colleague = await extraUser(t, 'kollega', [{ role: 'handlaggare', unit: 'Sorteringsenheten' }]);
    const teams = await register(t, chef, {
      personnummer: nextNumber(),
      firstName: 'Team',
      lastName: 'Deltagare',
      responsibleUnitId: jc,
      caseWorkerUserId: colleague.id,
      teamId,
    });
    expect((await page(hl, 'scope=mine')).items.map((i) => i.id)).toEqual([mine]);
    expect((await page(hl, 'scope=team')).items.map((i) => i.id)).toEqual([teams]);
    // The colleague's person is in the handläggare's caseload through the team; another colleague's is not.
    const other = await register(t, chef, {
      personnummer: nextNumber(),
      firstName: 'Annans',
      lastName: 'Deltagare',
      responsibleUnitId: jc,
      caseWorkerUserId: colleague.id,
    });
    const unitIds = (await page(hl, 'scope=unit&pageSize=100')).items.map((i) => i.id);
    expect(unitIds).toContain(teams);
    expect(unitIds).not.toContain(other);

    await t.request('PATCH', `/api/participants/${mine}`, { session: chef, body: { status: 'avslutad' } });
    expect((await page(chef, 'scope=unit&status=avslutad')).items.map((i) => i.id)).toEqual([mine]);

    // Last contact: a person seen yesterday is not "older than 30 days"; never-contacted persons are.
    await t.db
      .updateTable('person')
      .set({ last_contact_at: new Date(t.clock.now().getTime() - 86_400_000) })
      .where('id', '=', teams)
      .execute();
    const stale = (await page(chef, 'scope=unit&pageSize=100&lastContactOlderThanDays=30')).items.map(
      (i) => i.id,
    );
    expect(stale).not.toContain(teams);
    expect(stale).toContain(mine);
  });

  it('narrows to an active programme and to an upcoming planned meeting', async () => {
    const all = await page(chef, `scope=unit&unitId=${jc}&pageSize=100`);
    const [a, b, c] = all.items;
    const programme = await t.request('POST', '/api/programmes', {
      session: chef,
      body: {
        code: 'filter-test',
        name: 'Filtertest',
        kind: 'aktivitet',
        unitId: jc,
        maxLengthMonths: 12,
        capacityMode: null,
        capacities: [],
        phases: [{ code: 'insats', months: 6 }],
        eligibility: {},
        priorityGroups: [],
      },
    });
    expect(programme.status).toBe(201);
    const programmeId = ((await programme.json()) as { id: string }).id;
    const enrol = await t.request('POST', `/api/programmes/${programmeId}/enrolments`, {
      session: chef,
      body: { personId: a!.id },
    });
    expect(enrol.status).toBeLessThan(300);
    const inProgramme = await page(chef, `scope=unit&unitId=${jc}&programme=${programmeId}`);
    expect(inProgramme.items.map((i) => i.id)).toEqual([a!.id]);

    const now = t.clock.now().getTime();
    for (const [person, days] of [
      [b!, 3],
      [c!, 20],
    ] as const) {
      const res = await t.request('POST', `/api/participants/${person.id}/meetings`, {
        session: chef,
        body: {
          startsAt: new Date(now + days * 86_400_000).toISOString(),
          durationMinutes: 30,
          place: 'Jobbcentrum',
          purpose: 'Uppföljning',
        },
      });
      expect(res.status).toBe(201);
    }
    const soon = await page(chef, `scope=unit&unitId=${jc}&meetingWithinDays=7`);
    expect(soon.items.map((i) => i.id)).toEqual([b!.id]);
    const month = await page(chef, `scope=unit&unitId=${jc}&meetingWithinDays=30`);
    expect(month.items.map((i) => i.id).sort()).toEqual([b!.id, c!.id].sort());
    expect((await t.request('GET', '/api/participants?programme=nej', { session: chef })).status).toBe(400);
  });

  it('writes one read event per list request, listing the ids shown', async () => {
    const before = await t.db
      .selectFrom('audit_event')
      .select('seq')
      .where('object_type', '=', 'person_list')
      .execute();
    const body = await page(chef, 'scope=unit&pageSize=3');
    const after = await t.db
      .selectFrom('audit_event')
      .selectAll()
      .where('object_type', '=', 'person_list')
      .orderBy('seq')
      .execute();
    expect(after.length).toBe(before.length + 1);
    expect(after.at(-1)!.details).toMatchObject({
      personIds: body.items.map((i) => i.id),
      total: body.total,
    });
  });

  it('never puts contact details in list rows', async () => {
    const res = await t.request('GET', `/api/participants?unitId=${jc}&pageSize=100`, { session: chef });
    const text = await res.text();
    expect(text).not.toMatch(/"address"|"email"|"phone"|adjustment/);
  });
});
