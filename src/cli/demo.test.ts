import { describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/app.ts';
import type { Db } from '../db/connection.ts';
import { DEMO_USERS } from './demo.ts';

/** Sorted personnummer and row counts of the tables the demo fills: same seed → same data. */
async function fingerprint(db: Db) {
  const persons = await db
    .selectFrom('person')
    .select(['personnummer', 'first_name', 'last_name', 'income_source', 'assistance_months'])
    .execute();
  const count = async (table: 'person' | 'workplace' | 'household' | 'person_language' | 'app_user') =>
    Number(
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  return {
    personnummer: persons.map((p) => p.personnummer).sort(),
    names: persons.map((p) => `${p.personnummer} ${p.first_name} ${p.last_name}`).sort(),
    assistance: persons
      .map((p) => ({ pnr: p.personnummer, income: p.income_source, months: p.assistance_months }))
      .sort((x, y) => (x.pnr < y.pnr ? -1 : 1)),
    persons: await count('person'),
    workplaces: await count('workplace'),
    households: await count('household'),
    languages: await count('person_language'),
    users: await count('app_user'),
  };
}

describe('small demo (what every test file loads)', () => {
  it('is deterministic: two loads in two fresh databases give the same persons and counts', async () => {
    const apps: TestApp[] = [await createTestApp(), await createTestApp()];
    try {
      const [a, b] = await Promise.all(apps.map((app) => fingerprint(app.db)));
      expect(a).toEqual(b);
      expect(a!.persons).toBe(42);
      expect(a!.users).toBe(DEMO_USERS.length);
      expect(new Set(a!.personnummer).size).toBe(a!.persons);
      // Months with bistånd: recorded only for försörjningsstöd, mostly långvarigt (10–12), some fewer.
      const months = a!.assistance.filter((p) => p.income === 'forsorjningsstod').map((p) => p.months);
      expect(
        a!.assistance.filter((p) => p.income !== 'forsorjningsstod').every((p) => p.months === null),
      ).toBe(true);
      expect(months.every((m) => m !== null && m >= 1 && m <= 12)).toBe(true);
      expect(months.filter((m) => m! >= 10).length).toBeGreaterThan(months.length / 2);
      expect(months.some((m) => m! < 10)).toBe(true);
    } finally {
      for (const app of apps) await app.close();
    }
  }, 120_000);
});
