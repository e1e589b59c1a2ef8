import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { createTestApp } from '../../test/app.ts';
import { verifyAudit } from '../features/audit/verify-audit.ts';
import { loadDemo } from './demo.ts';

/**
 * The full demo municipality (`insats demo`, `npm start`): counts and distributions within the ranges
 * stated in issue 10.1, constraints and audit chain intact. The only test file that loads it; every
 * other test file loads the small demo. It took 60 s of test time (105 s with start-up) on the shared
 * 2-core machine, so it runs only on request: `INSATS_FULL_DEMO_TEST=1 npx vitest run src/cli/demo-full.test.ts`.
 */
describe.skipIf(!process.env.INSATS_FULL_DEMO_TEST)('full demo municipality', () => {
  it('has ~1,500 participants, ~200 workplaces, the seed programmes and plausible distributions', async () => {
    const app = await createTestApp({ demo: false });
    try {
      const lines: string[] = [];
      await loadDemo(app.systemCtx, (l) => lines.push(l), { size: 'full' });
      expect(lines.some((l) => /^Deltagare 500\/\d+$/.test(l))).toBe(true);
      const one = async <T>(q: ReturnType<typeof sql<T>>) => (await q.execute(app.db)).rows[0]!;
      const all = async <T>(q: ReturnType<typeof sql<T>>) => (await q.execute(app.db)).rows;
      const today = '2026-03-02';

      const persons = await one(sql<{ n: number; women: number; minage: number; maxage: number }>`
        SELECT count(*)::int AS n, sum((sex = 'K')::int)::int AS women,
          min(extract(year FROM age(${today}::date, birth_date)))::int AS minage,
          max(extract(year FROM age(${today}::date, birth_date)))::int AS maxage FROM person`);
      expect(persons.n).toBeGreaterThanOrEqual(1400);
      expect(persons.n).toBeLessThanOrEqual(1600);
      expect(persons.women / persons.n).toBeGreaterThan(0.4);
      expect(persons.women / persons.n).toBeLessThan(0.6);
      expect(persons.minage).toBeGreaterThanOrEqual(18);
      expect(persons.maxage).toBeLessThanOrEqual(64);

      const grades = await all(sql<{ protection_level: string; n: number }>`
        SELECT protection_level, count(*)::int AS n FROM person WHERE protection_level <> 'none' GROUP BY 1`);
      expect(grades.map((g) => g.protection_level).sort()).toEqual([
        'sekretessmarkering',
        'skyddad_folkbokforing',
      ]);
      expect(grades.reduce((s, g) => s + g.n, 0)).toBeGreaterThanOrEqual(4);

      const langs = new Set(
        (await all(sql<{ c: string }>`SELECT DISTINCT language_code AS c FROM person_language`)).map(
          (r) => r.c,
        ),
      );
      for (const c of ['sv', 'ar', 'so', 'ti', 'fa', 'en']) expect(langs.has(c)).toBe(true);

      const wp = await one(sql<{ n: number; sup: number }>`
        SELECT (SELECT count(*)::int FROM workplace) AS n, (SELECT count(DISTINCT workplace_id)::int FROM workplace_supervisor) AS sup`);
      expect(wp.n).toBeGreaterThanOrEqual(180);
      expect(wp.n).toBeLessThanOrEqual(220);
      expect(wp.sup).toBe(wp.n);

      const programmes = await all(sql<{ code: string; n: number }>`
        SELECT p.code, count(e.id)::int AS n FROM programme p LEFT JOIN enrolment e ON e.programme_id = p.id
        GROUP BY 1 ORDER BY 1`);
      expect(programmes.map((p) => p.code)).toEqual([
        'arbetstraning',
        'extratjanst',
        'jobbspar',
        'kompetenscenter',
        'praktik',
        'servicetrainee',
        'trainee',
      ]);
      for (const p of programmes) expect(p.n).toBeGreaterThan(0);
      const tracks = await one(sql<{ n: number }>`SELECT count(*)::int AS n FROM programme_track`);
      expect(tracks.n).toBe(7);
      const traineeYears = await all(sql<{ n: number }>`
        SELECT count(*)::int AS n FROM enrolment e JOIN programme p ON p.id = e.programme_id
        WHERE p.code = 'trainee' GROUP BY extract(year FROM e.start_date)`);
      for (const y of traineeYears) expect(y.n).toBeLessThanOrEqual(150);

      const exits = await one(sql<{ n: number; work: number; studies: number; first: string; last: string }>`
        SELECT count(*)::int AS n, sum((exit_reason = 'arbete')::int)::int AS work,
          sum((exit_reason = 'studier')::int)::int AS studies, min(exit_date)::text AS first,
          max(exit_date)::text AS last FROM enrolment WHERE status = 'exited'`);
      expect(exits.n).toBeGreaterThan(600);
      expect(exits.work / exits.n).toBeGreaterThanOrEqual(0.3);
      expect(exits.work / exits.n).toBeLessThanOrEqual(0.4);
      expect(exits.studies / exits.n).toBeGreaterThanOrEqual(0.1);
      expect(exits.studies / exits.n).toBeLessThanOrEqual(0.15);
      expect(exits.first >= '2023-03-02').toBe(true);
      expect(exits.last < today).toBe(true);

      const other = await one(sql<{
        ref: number;
        plans: number;
        pl: number;
        fu: number;
        hh: number;
        kids: number;
      }>`
        SELECT (SELECT count(*)::int FROM referral) AS ref, (SELECT count(*)::int FROM plan) AS plans,
          (SELECT count(*)::int FROM placement) AS pl, (SELECT count(*)::int FROM follow_up) AS fu,
          (SELECT count(*)::int FROM household) AS hh, (SELECT count(*)::int FROM household_child) AS kids`);
      expect(other.ref).toBeGreaterThan(1300);
      expect(other.plans).toBeGreaterThan(1200);
      expect(other.pl).toBeGreaterThan(1000);
      expect(other.fu).toBeGreaterThan(1000);
      expect(other.hh).toBeGreaterThan(300);
      expect(other.kids).toBeGreaterThan(500);

      // A summer-jobs season for the coming summer: places, applications, and an unpublished run of each mode.
      const summer = await one(sql<{
        seasons: number;
        slots: number;
        apps: number;
        runs: number;
        published: number;
      }>`
        SELECT (SELECT count(*)::int FROM summer_season) AS seasons, (SELECT count(*)::int FROM summer_slot) AS slots,
          (SELECT count(*)::int FROM summer_application) AS apps, (SELECT count(*)::int FROM summer_run) AS runs,
          (SELECT count(*)::int FROM summer_season WHERE published_at IS NOT NULL) AS published`);
      expect(summer).toEqual({ seasons: 1, slots: 60, apps: 400, runs: 2, published: 0 });
      expect(
        lines.some((l) =>
          /^Feriearbete: 60 platsgrupper med \d+ platser, 400 ansökningar, \d+ placerade/.test(l),
        ),
      ).toBe(true);

      // Every person has its create event; the audit chain is whole.
      const missing = await one(sql<{ n: number }>`
        SELECT count(*)::int AS n FROM person p WHERE NOT EXISTS (SELECT 1 FROM audit_event a
          WHERE a.subject_person_id = p.id AND a.object_type = 'person' AND a.action = 'create')`);
      expect(missing.n).toBe(0);
      expect((await verifyAudit(app.db)).ok).toBe(true);
    } finally {
      await app.close();
    }
  }, 180_000);
});
