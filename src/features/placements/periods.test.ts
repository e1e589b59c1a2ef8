import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  isoWeekOf,
  parseIsoWeek,
  periodCovered,
  periodsOverlap,
  weeksInIsoYear,
} from './periods.ts';

describe('ISO weeks', () => {
  it('knows the year boundaries', () => {
    expect(isoWeekOf('2026-01-01').label).toBe('2026-W01');
    expect(isoWeekOf('2027-01-01').label).toBe('2026-W53');
    expect(isoWeekOf('2024-12-30').label).toBe('2025-W01');
    expect(isoWeekOf('2026-03-02')).toMatchObject({
      label: '2026-W10',
      start: '2026-03-02',
      end: '2026-03-08',
    });
    expect(weeksInIsoYear(2026)).toBe(53);
    expect(weeksInIsoYear(2025)).toBe(52);
  });

  it('reads the ways people write weeks, and refuses weeks a year lacks', () => {
    for (const text of ['2026-W10', '2026W10', '2026-V10', '2026-v10', '2026-10', ' 2026 - W 10 '])
      expect(parseIsoWeek(text)?.label, text).toBe('2026-W10');
    expect(parseIsoWeek('2025-W53')).toBeNull();
    expect(parseIsoWeek('2026-W53')?.start).toBe('2026-12-28');
    for (const bad of ['2026-W00', '2026-W54', 'v10', '10', '2026-W1O'])
      expect(parseIsoWeek(bad), bad).toBeNull();
  });

  it('every date lies in the week isoWeekOf gives, and the week parses back', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 365 * 30 }), (n) => {
        const d = addDays('2000-01-01', n);
        const w = isoWeekOf(d);
        expect(d >= w.start && d <= w.end).toBe(true);
        expect(parseIsoWeek(w.label)).toEqual(w);
      }),
    );
  });
});

describe('periods', () => {
  it('overlap includes shared end days and open ends', () => {
    expect(
      periodsOverlap({ start: '2026-01-01', end: '2026-01-31' }, { start: '2026-01-31', end: null }),
    ).toBe(true);
    expect(
      periodsOverlap({ start: '2026-01-01', end: '2026-01-30' }, { start: '2026-01-31', end: null }),
    ).toBe(false);
    expect(periodsOverlap({ start: '2026-05-01', end: null }, { start: '2026-01-01', end: null })).toBe(true);
  });

  it('coverage joins agreements that follow each other without a gap', () => {
    const a = [
      { start: '2026-01-01', end: '2026-06-30' },
      { start: '2026-07-01', end: '2026-12-31' },
    ];
    expect(periodCovered({ start: '2026-05-01', end: '2026-08-31' }, a)).toBe(true);
    expect(periodCovered({ start: '2026-05-01', end: '2027-01-01' }, a)).toBe(false);
    expect(periodCovered({ start: '2026-05-01', end: null }, a)).toBe(false);
    expect(
      periodCovered({ start: '2026-05-01', end: null }, [...a, { start: '2027-01-01', end: null }]),
    ).toBe(true);
    expect(
      periodCovered({ start: '2026-05-01', end: '2026-08-31' }, [a[0]!, { start: '2026-07-02', end: null }]),
    ).toBe(false);
    expect(periodCovered({ start: '2025-12-31', end: '2026-01-05' }, a)).toBe(false);
  });
});
