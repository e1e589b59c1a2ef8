import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestSession } from '../../../test/app.ts';
import { count, demoOrg, insertPerson, json } from '../../../test/placements.ts';

let t: TestApp;
let handlaggare: TestSession;
let org: string;

async function interest(personId: string, ssyk: string, city: string) {
  await t.db
    .insertInto('person_occupation')
    .values({
      organisation_id: org,
      person_id: personId,
      kind: 'intresse',
      ssyk_code: ssyk,
      ssyk_version: '2012',
    })
    .execute();
  await t.db.updateTable('person').set({ address_city: city }).where('id', '=', personId).execute();
}

async function workplaceWithSlot(name: string, ssyk: string, places: number, area: string) {
  const id = randomUUID();
  const now = t.clock.now();
  await t.db
    .insertInto('workplace')
    .values({ organisation_id: org, id, kind: 'kommunal', name, area, created_at: now, updated_at: now })
    .execute();
  const slotId = randomUUID();
  await t.db
    .insertInto('workplace_slot')
    .values({
      organisation_id: org,
      workplace_id: id,
      id: slotId,
      period_from: '2031-03-01',
      period_to: '2031-08-31',
      places,
      ssyk_code: ssyk,
      ssyk_version: '2012',
      created_at: now,
      updated_at: now,
    })
    .execute();
  return { id, slotId };
}

interface Proposals {
  proposals: {
    personId: string;
    slotId: string;
    workplaceName: string;
    score: number;
    components: { key: string; points: number }[];
    text: string;
  }[];
  unplaced: { personId: string; reasons: string[] }[];
  report: { placed: number; unplaced: number; slots: number };
}

beforeAll(async () => {
  t = await createTestApp();
  handlaggare = await t.login('handlaggare');
  org = (await demoOrg(t)).organisationId;
});
afterAll(async () => {
  await t.close();
});

describe('placement proposals (allocation engine, optimal mode)', () => {
  it('proposes the best assignment by suitability, explains each proposal and each person left out, books nothing', async () => {
    const cook = await insertPerson(t, { caseWorker: 'handlaggare', firstName: 'Kock' });
    const carer = await insertPerson(t, { caseWorker: 'handlaggare', firstName: 'Vårdare' });
    const third = await insertPerson(t, { caseWorker: 'handlaggare', firstName: 'Trea' });
    await interest(cook.id, '5120', 'Norrby');
    await interest(carer.id, '5321', 'Norrby');
    await interest(third.id, '5120', 'Söderby');
    const kitchen = await workplaceWithSlot('Storköket Norrby', '5120', 1, 'Norrby');
    const care = await workplaceWithSlot('Äldreboendet Norrby', '5321', 1, 'Norrby');
    const placementsBefore = await count(t, 'placement');

    const body = await json<Proposals>(
      await t.request('POST', '/api/placements/proposals', {
        session: handlaggare,
        // A date when only this test's two slots are open (the demo's workplaces have their own).
        body: { personIds: [cook.id, carer.id, third.id], onDate: '2031-03-02' },
      }),
      200,
    );
    const byPerson = new Map(body.proposals.map((p) => [p.personId, p]));
    // The kitchen's one place goes to the cook who lives in its area, not to the one in another area.
    expect(byPerson.get(cook.id)?.slotId).toBe(kitchen.slotId);
    expect(byPerson.get(carer.id)?.slotId).toBe(care.slotId);
    expect(byPerson.has(third.id)).toBe(false);
    const cookProposal = byPerson.get(cook.id)!;
    expect(cookProposal.components.find((c) => c.key === 'ssyk')?.points).toBeGreaterThan(0);
    expect(cookProposal.components.find((c) => c.key === 'omrade')?.points).toBeGreaterThan(0);
    expect(cookProposal.score).toBe(cookProposal.components.reduce((s, c) => s + c.points, 0));
    expect(cookProposal.text.length).toBeGreaterThan(0);
    const left = body.unplaced.find((u) => u.personId === third.id);
    expect(left?.reasons[0]).toMatch(/\S/);
    expect(body.report).toMatchObject({ placed: 2, unplaced: 1 });
    expect(await count(t, 'placement')).toBe(placementsBefore);

    const reads = await t.db
      .selectFrom('audit_event')
      .select(['subject_person_id', 'details'])
      .where('action', '=', 'read')
      .where('object_type', '=', 'person')
      .where('subject_person_id', 'in', [cook.id, carer.id, third.id])
      .execute();
    expect(reads.map((r) => r.subject_person_id).sort()).toEqual([cook.id, carer.id, third.id].sort());
  });

  it('answers 404 when one of the persons is outside the actor’s caseload, and reads no one', async () => {
    const mine = await insertPerson(t, { caseWorker: 'handlaggare' });
    const other = await insertPerson(t, { caseWorker: null, unitName: 'Kompetenscenter Norr' });
    const res = await t.request('POST', '/api/placements/proposals', {
      session: handlaggare,
      body: { personIds: [mine.id, other.id], onDate: '2026-03-02' },
    });
    expect(res.status).toBe(404);
    const reads = await t.db
      .selectFrom('audit_event')
      .select('seq')
      .where('action', '=', 'read')
      .where('subject_person_id', '=', mine.id)
      .execute();
    expect(reads).toEqual([]);
  });

  it('rejects an empty selection with a Swedish message', async () => {
    const res = await t.request('POST', '/api/placements/proposals', {
      session: handlaggare,
      body: { personIds: [], onDate: '2026-03-02' },
    });
    expect([400, 422]).toContain(res.status);
    expect(await res.text()).toMatch(/Välj minst en deltagare/);
  });
});
