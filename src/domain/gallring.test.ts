import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  completeBy,
  countByType,
  dutyArises,
  GALLRING_TRIGGERS,
  type GallringRecord,
  type GallringRule,
  recordsDue,
} from './gallring.ts';

/**
 * Reference model, written independently of the implementation: a record is due on `today` iff
 * (today's year, month, day) ≥ (trigger year + years, trigger month, trigger day) compared as
 * tuples. A 29 February anniversary in a common year is then first reached on 1 March, and a
 * date is never due before its full anniversary.
 */
function referenceDue(rules: GallringRule[], records: GallringRecord[], today: string): Set<string> {
  const [ty, tm, td] = today.split('-').map(Number) as [number, number, number];
  const out = new Set<string>();
  for (const rec of records) {
    const rule = rules.find((r) => r.recordType === rec.recordType);
    if (!rule) continue;
    const trig = rec.triggerDates[rule.trigger];
    if (!trig) continue;
    if (rec.categories.some((c) => rule.exceptionCategories.includes(c))) continue;
    if (rec.birthDate && rule.exceptionBirthDays.includes(Number(rec.birthDate.slice(8, 10)))) continue;
    const [y, m, d] = trig.split('-').map(Number) as [number, number, number];
    const target = [y + rule.years, m, d];
    const now = [ty, tm, td];
    let cmp = 0;
    for (let i = 0; i < 3 && cmp === 0; i++) cmp = Math.sign(now[i]! - target[i]!);
    if (cmp >= 0) out.add(rec.id);
  }
  return out;
}

const iso = (d: Date) => d.toISOString().slice(0, 10);
const dateArb = fc
  .date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2035-12-31T00:00:00Z'), noInvalidDate: true })
  .map(iso);
// Dates near the interesting edges: leap days and year ends.
const edgeDateArb = fc.oneof(
  dateArb,
  fc.constantFrom(
    '2016-02-29',
    '2020-02-29',
    '2024-02-29',
    '2019-12-31',
    '2020-12-31',
    '2021-01-01',
    '2020-02-28',
  ),
);
const TYPES = ['personakt_sol', 'personakt_ame', 'ansokan_feriearbete', 'okand'];
const CATEGORIES = ['faderskap', 'adoption', 'placering_barn', 'forskning'];

const ruleArb = (recordType: string) =>
  fc.record({
    recordType: fc.constant(recordType),
    trigger: fc.constantFrom(...GALLRING_TRIGGERS),
    years: fc.integer({ min: 0, max: 12 }),
    exceptionCategories: fc.subarray(CATEGORIES),
    exceptionBirthDays: fc.subarray([5, 15, 25, 29]),
  });
const rulesArb = fc
  .tuple(ruleArb('personakt_sol'), ruleArb('personakt_ame'), ruleArb('ansokan_feriearbete'))
  .chain((rules) => fc.subarray(rules));

const recordArb = fc.record({
  id: fc.uuid(),
  recordType: fc.constantFrom(...TYPES),
  triggerDates: fc.record({
    last_entry: fc.option(edgeDateArb, { nil: null }),
    last_contact: fc.option(edgeDateArb, { nil: null }),
    exit: fc.option(edgeDateArb, { nil: null }),
    season_end: fc.option(edgeDateArb, { nil: null }),
  }),
  categories: fc.subarray(CATEGORIES, { maxLength: 2 }),
  birthDate: fc.option(edgeDateArb, { nil: null }),
});

describe('gallring: records due', () => {
  it('matches the reference model for any rules, records and injected date', () => {
    fc.assert(
      fc.property(rulesArb, fc.array(recordArb, { maxLength: 30 }), edgeDateArb, (rules, records, today) => {
        const due = recordsDue(rules, records, today);
        expect(new Set(due.map((d) => d.id))).toEqual(referenceDue(rules, records, today));
        for (const d of due) {
          expect(d.dueDate <= today).toBe(true);
          expect(d.completeBy).toBe(`${Number(d.dueDate.slice(0, 4)) + 1}-12-31`);
          expect(d.overdue).toBe(today > d.completeBy);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('is monotone in time: once due, a record stays due (unless its trigger moves)', () => {
    fc.assert(
      fc.property(
        rulesArb,
        fc.array(recordArb, { maxLength: 20 }),
        dateArb,
        fc.integer({ min: 0, max: 4000 }),
        (rules, records, today, days) => {
          const later = iso(new Date(Date.parse(`${today}T00:00:00Z`) + days * 86_400_000));
          const before = new Set(recordsDue(rules, records, today).map((d) => d.id));
          const after = new Set(recordsDue(rules, records, later).map((d) => d.id));
          for (const id of before) expect(after.has(id)).toBe(true);
        },
      ),
    );
  });

  it('never lists a record in an exception category', () => {
    fc.assert(
      fc.property(rulesArb, fc.array(recordArb, { maxLength: 20 }), edgeDateArb, (rules, records, today) => {
        for (const d of recordsDue(rules, records, today)) {
          const rec = records.find((r) => r.id === d.id)!;
          const rule = rules.find((r) => r.recordType === rec.recordType)!;
          expect(rec.categories.some((c) => rule.exceptionCategories.includes(c))).toBe(false);
        }
      }),
    );
  });

  it('newer activity postpones the duty: moving the trigger later never makes a record due', () => {
    fc.assert(
      fc.property(
        ruleArb('personakt_ame'),
        recordArb,
        dateArb,
        fc.integer({ min: 1, max: 3000 }),
        (rule, rec, today, days) => {
          const r = { ...rec, recordType: 'personakt_ame' };
          const trig = r.triggerDates[rule.trigger];
          fc.pre(trig !== null);
          const newer = iso(new Date(Date.parse(`${trig}T00:00:00Z`) + days * 86_400_000));
          const moved = { ...r, triggerDates: { ...r.triggerDates, [rule.trigger]: newer } };
          const wasDue = recordsDue([rule], [r], today).length === 1;
          const isDue = recordsDue([rule], [moved], today).length === 1;
          if (isDue) expect(wasDue).toBe(true);
        },
      ),
    );
  });
});

describe('gallring: edge cases', () => {
  const rule: GallringRule = {
    recordType: 'personakt_sol',
    trigger: 'last_entry',
    years: 5,
    exceptionCategories: ['faderskap'],
    exceptionBirthDays: [5, 15, 25],
  };
  const rec = (lastEntry: string, o: Partial<GallringRecord> = {}): GallringRecord => ({
    id: 'r1',
    recordType: 'personakt_sol',
    triggerDates: { last_entry: lastEntry },
    categories: [],
    birthDate: '1980-01-01',
    ...o,
  });

  it('leap day: 29 Feb 2020 + 5 years arises on 1 Mar 2025, + 4 years on 29 Feb 2024', () => {
    expect(dutyArises('2020-02-29', 5)).toBe('2025-03-01');
    expect(dutyArises('2020-02-29', 4)).toBe('2024-02-29');
    expect(recordsDue([rule], [rec('2020-02-29')], '2025-02-28')).toEqual([]);
    expect(recordsDue([rule], [rec('2020-02-29')], '2025-03-01')).toHaveLength(1);
  });

  it('last entry on 31 December: due on 31 Dec five years later, to be completed by the end of the next year', () => {
    expect(recordsDue([rule], [rec('2020-12-31')], '2025-12-30')).toEqual([]);
    expect(recordsDue([rule], [rec('2020-12-31')], '2025-12-31')).toEqual([
      {
        id: 'r1',
        recordType: 'personakt_sol',
        dueDate: '2025-12-31',
        completeBy: '2026-12-31',
        overdue: false,
      },
    ]);
    expect(recordsDue([rule], [rec('2020-12-31')], '2027-01-01')[0]!.overdue).toBe(true);
    expect(completeBy('2025-01-01')).toBe('2026-12-31');
  });

  it('exception categories and research birth days are never due', () => {
    expect(recordsDue([rule], [rec('2000-01-01', { categories: ['faderskap'] })], '2030-01-01')).toEqual([]);
    expect(recordsDue([rule], [rec('2000-01-01', { birthDate: '1975-03-15' })], '2030-01-01')).toEqual([]);
    expect(recordsDue([rule], [rec('2000-01-01', { birthDate: '1975-03-16' })], '2030-01-01')).toHaveLength(
      1,
    );
  });

  it('a record with newer activity, without a trigger date or without a rule is not due', () => {
    expect(recordsDue([rule], [rec('2024-06-01')], '2026-11-23')).toEqual([]);
    expect(
      recordsDue([rule], [rec('2020-06-01', { triggerDates: { last_entry: null } })], '2026-11-23'),
    ).toEqual([]);
    expect(recordsDue([rule], [rec('2000-01-01', { recordType: 'personakt_ame' })], '2026-11-23')).toEqual(
      [],
    );
  });

  it('a summer-job application is due the stated years after its season ends, on that day and not before', () => {
    const summer: GallringRule = {
      recordType: 'ansokan_feriearbete',
      trigger: 'season_end',
      years: 2,
      exceptionCategories: ['forskning'],
      exceptionBirthDays: [],
    };
    const application = (o: Partial<GallringRecord> = {}): GallringRecord => ({
      id: 'a1',
      recordType: 'ansokan_feriearbete',
      triggerDates: { season_end: '2024-08-16', last_entry: '2024-09-01' },
      categories: [],
      birthDate: '2008-05-05',
      ...o,
    });
    expect(recordsDue([summer], [application()], '2026-08-15')).toEqual([]);
    expect(recordsDue([summer], [application()], '2026-08-16')).toEqual([
      {
        id: 'a1',
        recordType: 'ansokan_feriearbete',
        dueDate: '2026-08-16',
        completeBy: '2027-12-31',
        overdue: false,
      },
    ]);
    expect(recordsDue([summer], [application({ categories: ['forskning'] })], '2030-01-01')).toEqual([]);
    // A personakt rule never reaches an application, nor the application rule a personakt.
    expect(recordsDue([rule], [application()], '2030-01-01')).toEqual([]);
    expect(recordsDue([summer], [rec('2000-01-01')], '2030-01-01')).toEqual([]);
  });

  it('counts per record type', () => {
    expect(countByType([{ recordType: 'a' }, { recordType: 'b' }, { recordType: 'a' }])).toEqual({
      a: 2,
      b: 1,
    });
  });
});
