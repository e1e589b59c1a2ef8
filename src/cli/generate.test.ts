import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testEngine } from '../../test/db.ts';
import type { Database } from '../db/connection.ts';
import { parsePersonnummer } from '../domain/personnummer.ts';
import { refreshAllOutcomes } from '../features/reports/refresh-outcomes.ts';
import { outcomeCube } from '../features/reports/repo.ts';
import { generateCommand, parseGenerateArgs } from './generate.ts';
import { GENERATOR_REFERENCE_DATE, type GenerateResult, generate, plannedCounts } from './generator.ts';
import { createProgress } from './progress.ts';

const P = 2_000;
const M = 20_000;

let a: Database;
let b: Database;
let first: GenerateResult;

/** Index and constraint definitions of the whole schema, to compare before and after a load. */
async function schemaShape(database: Database) {
  const indexes = await sql<{ d: string }>`
    SELECT indexdef AS d FROM pg_indexes WHERE schemaname = current_schema() ORDER BY indexname`.execute(
    database.db,
  );
  const constraints = await sql<{ d: string }>`
    SELECT conrelid::regclass::text || ' ' || conname || ' ' || pg_get_constraintdef(oid) AS d
    FROM pg_constraint WHERE connamespace = current_schema()::regnamespace ORDER BY 1`.execute(database.db);
  return [...indexes.rows.map((r) => r.d), ...constraints.rows.map((r) => r.d)];
}

/** A digest of every generated row of the organisation, in id order. */
async function digest(database: Database, org: string) {
  const r = await sql<{ p: string; e: string; f: string }>`
    SELECT
      (SELECT md5(string_agg(row(x.*)::text, '|' ORDER BY x.id)) FROM person x WHERE x.organisation_id = ${org}) AS p,
      (SELECT md5(string_agg(row(x.*)::text, '|' ORDER BY x.id)) FROM enrolment x WHERE x.organisation_id = ${org}) AS e,
      (SELECT md5(string_agg(row(x.*)::text, '|' ORDER BY x.id)) FROM follow_up x WHERE x.organisation_id = ${org}) AS f`.execute(
    database.db,
  );
  return r.rows[0]!;
}

beforeAll(async () => {
  [a, b] = await Promise.all([createTestDatabase(), createTestDatabase()]);
}, 120_000);
afterAll(async () => {
  await a?.close();
  await b?.close();
});

describe(`insats generate (${testEngine})`, () => {
  it('loads exactly N participants and M events with COPY and leaves the schema as the migrations made it', async () => {
    const before = await schemaShape(a);
    const progress: number[] = [];
    first = await generate(a, {
      participants: P,
      events: M,
      seed: 7,
      rebuildIndexes: true,
      worker: false,
      chunkRows: 5_000,
      onProgress: (done) => progress.push(done),
    });
    expect(await schemaShape(a)).toEqual(before);
    expect(first.rebuiltIndexes).toBe(true);

    const org = first.organisationId;
    const counts = await sql<{ persons: number; enrolments: number; exits: number; follow_ups: number }>`
      SELECT
        (SELECT count(*)::int FROM person WHERE organisation_id = ${org}) AS persons,
        (SELECT count(*)::int FROM enrolment WHERE organisation_id = ${org}) AS enrolments,
        (SELECT count(*)::int FROM enrolment WHERE organisation_id = ${org} AND exit_date IS NOT NULL) AS exits,
        (SELECT count(*)::int FROM follow_up WHERE organisation_id = ${org}) AS follow_ups`.execute(a.db);
    const c = counts.rows[0]!;
    expect(c.persons).toBe(P);
    expect(c.enrolments + c.exits + c.follow_ups).toBe(M);
    expect(c).toEqual({
      persons: P,
      enrolments: first.enrolments,
      exits: first.exitedEnrolments,
      follow_ups: first.followUps,
    });
    expect(first.rows).toBe(P + first.enrolments + first.followUps);
    const planned = plannedCounts(7, 0, P, M);
    expect(planned).toEqual({
      enrolments: first.enrolments,
      exited: first.exitedEnrolments,
      followUps: first.followUps,
    });
    // Progress went up to the total in several steps (the chunks).
    expect(progress.at(-1)).toBe(first.rows);
    expect(progress.length).toBeGreaterThan(3);
  }, 120_000);

  it('writes valid, unique personnummer that agree with birth date and sex', async () => {
    const rows = await a.db
      .selectFrom('person')
      .select(['personnummer', 'birth_date', 'sex'])
      .where('organisation_id', '=', first.organisationId)
      .execute();
    expect(new Set(rows.map((r) => r.personnummer)).size).toBe(P);
    for (const r of rows) {
      const parsed = parsePersonnummer(r.personnummer, { referenceDate: GENERATOR_REFERENCE_DATE });
      expect(parsed.ok, r.personnummer).toBe(true);
      if (!parsed.ok) continue;
      expect(parsed.value.kind).toBe('personnummer');
      expect(parsed.value.birthDate).toBe(r.birth_date);
      expect(parsed.value.legalSexDefault).toBe(r.sex);
    }
  });

  it('is deterministic: the same seed gives the same rows in another database (worker thread, other chunks), a second run appends', async () => {
    // Built in a worker thread this time, in other chunks, with the indexes kept: the same rows.
    const again = await generate(b, {
      participants: P,
      events: M,
      seed: 7,
      rebuildIndexes: false,
      worker: true,
      chunkRows: 7_000,
    });
    expect(again.organisationId).toBe(first.organisationId);
    expect(again.enrolments).toBe(first.enrolments);
    expect(await digest(b, again.organisationId)).toEqual(await digest(a, first.organisationId));

    // Another seed into the same organisation: appended, no personnummer or id collides.
    const more = await generate(b, { participants: 500, events: 3_000, seed: 8 });
    expect(more.organisationId).toBe(first.organisationId);
    const n = await b.db
      .selectFrom('person')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('organisation_id', '=', first.organisationId)
      .executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(P + 500);
  }, 120_000);

  it('the outcome refresh runs on the generated data and its report totals match the source rows', async () => {
    const org = first.organisationId;
    const refreshed = await a.db.transaction().execute((tx) => refreshAllOutcomes(tx, org));
    expect(refreshed).toBe(first.enrolments);

    const filter = { organisationId: org, referenceDate: '2100-12-31' };
    const cube = await outcomeCube(a.db, filter);
    const [total] = cube.groups.total;
    const source = await sql<{ work: number; studies: number; exited: number }>`
      SELECT count(*) FILTER (WHERE exit_reason = 'arbete')::int AS work,
        count(*) FILTER (WHERE exit_reason = 'studier')::int AS studies,
        count(*) FILTER (WHERE exit_date IS NOT NULL)::int AS exited
      FROM enrolment WHERE organisation_id = ${org}`.execute(a.db);
    const s = source.rows[0]!;
    expect(total!.into_work).toBe(s.work);
    expect(total!.into_studies).toBe(s.studies);
    expect(total!.into_work + total!.into_studies + total!.exited_other).toBe(first.exitedEnrolments);
    expect(total!.open).toBe(first.enrolments - first.exitedEnrolments);

    let perProgramme = 0;
    for (const g of cube.groups.programme) {
      perProgramme += g.into_work + g.into_studies + g.exited_other + g.open;
    }
    expect(perProgramme).toBe(first.enrolments);

    // Every follow-up is in the outcome rows: done ones with their outcome, others with their status.
    const fu = cube.followUps;
    const fuTotal = fu.filter((x) => x.status !== 'ingen').reduce((sum, x) => sum + x.n, 0);
    expect(fuTotal).toBe(first.followUps);
    expect(fu.filter((x) => x.months === 6).reduce((sum, x) => sum + x.n, 0)).toBe(first.exitedEnrolments);
  }, 120_000);

  it('the command loads the data, prints the Swedish summary and rebuilds the outcome rows and rollup', async () => {
    // Another organisation code than the tests above, so their rows do not count here.
    const lines: string[] = [];
    const result = await generateCommand(
      a,
      [
        '--participants',
        '300',
        '--events',
        '1_500',
        '--seed',
        '11',
        '--organisation',
        'CMD-1',
        '--no-results',
      ],
      (line) => lines.push(line),
    );
    expect(result.participants).toBe(300);
    expect(result.events).toBe(1_500);
    expect(result.rows).toBe(300 + result.enrolments + result.followUps);
    expect(result.enrolments).toBeGreaterThan(0);

    const rows = result.rows.toLocaleString('sv-SE');
    const enrolments = result.enrolments.toLocaleString('sv-SE');
    expect(
      lines.some((l) => l.startsWith(`Klart: ${rows} rader (300 deltagare, ${enrolments} insatser`)),
    ).toBe(true);
    expect(
      lines.some((l) =>
        /Inläsningen med COPY tog \d+,\d s \([\d\s]+ rader\/s\), index och främmande nycklar återskapades på \d+,\d s\./.test(
          l,
        ),
      ),
    ).toBe(true);
    expect(result.copySeconds).toBeGreaterThan(0);
    expect(result.copySeconds).toBeLessThanOrEqual(result.seconds);
    expect(lines).toContain(`Organisation: ${result.organisationId}`);
    expect(lines.some((l) => l.startsWith(`Utfallstabellen: ${enrolments} rader på `))).toBe(true);
    expect(lines.some((l) => l.startsWith('Resultat skrivet'))).toBe(false); // --no-results

    // The load marks nothing for the reports; the command itself built one outcome row per enrolment.
    const org = result.organisationId;
    const outcome = await sql<{
      enrolments: number;
      outcomes: number;
      distinct_outcomes: number;
      missing: number;
    }>`
      SELECT
        (SELECT count(*)::int FROM enrolment WHERE organisation_id = ${org}) AS enrolments,
        (SELECT count(*)::int FROM enrolment_outcome WHERE organisation_id = ${org}) AS outcomes,
        (SELECT count(DISTINCT enrolment_id)::int FROM enrolment_outcome WHERE organisation_id = ${org}) AS distinct_outcomes,
        (SELECT count(*)::int FROM enrolment e WHERE e.organisation_id = ${org} AND NOT EXISTS (
           SELECT 1 FROM enrolment_outcome o WHERE o.organisation_id = e.organisation_id AND o.enrolment_id = e.id
         )) AS missing`.execute(a.db);
    expect(outcome.rows[0]).toEqual({
      enrolments: result.enrolments,
      outcomes: result.enrolments,
      distinct_outcomes: result.enrolments,
      missing: 0,
    });
    const rollup = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM outcome_rollup WHERE organisation_id = ${org}`.execute(a.db);
    expect(rollup.rows[0]!.n).toBeGreaterThan(0);
  }, 120_000);
});

describe('generate arguments and progress', () => {
  it('parses the command line and refuses bad numbers', () => {
    expect(
      parseGenerateArgs(['--participants', '1_000_000', '--events', '20000000', '--seed', '3']),
    ).toMatchObject({
      participants: 1_000_000,
      events: 20_000_000,
      seed: 3,
      organisationCode: '9999',
    });
    expect(() => parseGenerateArgs(['--events', '10'])).toThrow(/--participants/);
    expect(() => parseGenerateArgs(['--participants', 'x', '--events', '1'])).toThrow(/heltal/);
  });

  it('writes plain lines at most every few seconds when stderr is not a terminal', () => {
    const lines: string[] = [];
    let now = 0;
    const stream = { isTTY: false, write: (s: string) => lines.push(s) } as unknown as NodeJS.WriteStream;
    const p = createProgress('Läser in', { stream, now: () => now, plainEverySeconds: 5 });
    for (let i = 0; i <= 100; i++) {
      now = i * 100; // 10 s in 0.1 s steps
      p.update(i * 1000, 100_000);
    }
    p.finish(100_000, 100_000);
    expect(lines.length).toBe(4); // t = 0, 5 and 10 s, then the final line
    expect(lines.at(-1)).toMatch(/100,0 %.*100\s000 \/ 100\s000 rader.*rader\/s/);
    expect(lines.every((l) => l.endsWith('\n') && !l.includes('\r'))).toBe(true);
  });
});
