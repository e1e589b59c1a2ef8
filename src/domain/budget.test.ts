import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  amountInRange,
  compareByCategory,
  divRound,
  employmentCostByMonth,
  monthsBetween,
  runRateForecast,
  spreadOverMonths,
  yearRange,
  yearTable,
} from './budget.ts';

describe('divRound', () => {
  it('rounds half away from zero', () => {
    expect(divRound(5, 2)).toBe(3);
    expect(divRound(-5, 2)).toBe(-3);
    expect(divRound(4, 3)).toBe(1);
    expect(divRound(-149, 100)).toBe(-1);
    expect(divRound(150, 100)).toBe(2);
  });
  it('is the nearest integer', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e9, max: 1e9 }), fc.integer({ min: 1, max: 10_000 }), (a, b) => {
        expect(Math.abs(divRound(a, b) * b - a) * 2).toBeLessThanOrEqual(b);
      }),
    );
  });
});

describe('spreadOverMonths', () => {
  it('gives the remainder öre to the earliest months', () => {
    expect([...spreadOverMonths(1000, '2026-01-15', '2026-03-02').values()]).toEqual([334, 333, 333]);
    expect(monthsBetween('2025-11-01', '2026-02-28')).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
  });
  it('always sums to the amount (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1e12, max: 1e12 }),
        fc.integer({ min: 0, max: 40 }),
        fc.integer({ min: 0, max: 40 }),
        (amount, a, len) => {
          const from = `${2020 + Math.floor(a / 12)}-${String((a % 12) + 1).padStart(2, '0')}-01`;
          const b = a + len;
          const to = `${2020 + Math.floor(b / 12)}-${String((b % 12) + 1).padStart(2, '0')}-28`;
          const parts = [...spreadOverMonths(amount, from, to).values()];
          expect(parts).toHaveLength(len + 1);
          expect(parts.reduce((s, x) => s + x, 0)).toBe(amount);
        },
      ),
    );
  });
  it('counts a partly overlapping line by its months inside the range', () => {
    const line = {
      category: 'utbildning' as const,
      periodFrom: '2016-09-01',
      periodTo: '2017-08-31',
      amountOre: 1200,
    };
    expect(amountInRange(line, yearRange(2016))).toBe(400);
    expect(amountInRange(line, yearRange(2017))).toBe(800);
    expect(amountInRange(line, null)).toBe(1200);
  });
});

describe('compareByCategory', () => {
  it('keeps entry order and computes deviation = outcome − forecast', () => {
    const rows = compareByCategory(
      [
        { category: 'anstallning', periodFrom: '2016-09-01', periodTo: '2017-08-31', amountOre: 720_000_000 },
        { category: 'utbildning', periodFrom: '2016-09-01', periodTo: '2017-08-31', amountOre: 60_000_000 },
      ],
      [
        { category: 'utbildning', periodFrom: '2016-09-01', periodTo: '2017-08-31', amountOre: 19_000_000 },
        { category: 'anstallning', periodFrom: '2016-09-01', periodTo: '2017-08-31', amountOre: 713_000_000 },
        { category: 'ovrigt', periodFrom: '2016-09-01', periodTo: '2016-09-30', amountOre: 12_345 },
      ],
      null,
    );
    expect(rows).toEqual([
      { category: 'anstallning', forecastSek: 7_200_000, outcomeSek: 7_130_000, deviationSek: -70_000 },
      { category: 'utbildning', forecastSek: 600_000, outcomeSek: 190_000, deviationSek: -410_000 },
      { category: 'ovrigt', forecastSek: 0, outcomeSek: 123, deviationSek: 123 },
    ]);
  });
});

describe('runRateForecast', () => {
  it('projects actual-to-date at its monthly average over the remaining months', () => {
    const months = [100, 200, 300, 0, 0, 0, 0, 0, 0, 0, 0, 0];
    // m = 3, actual = 600, run rate 200/month, forecast = 600 + 200 × 9 = 2400
    expect(runRateForecast(months, 3, 9999)).toBe(2400);
    // m = 0: no run rate, the budget stands
    expect(runRateForecast(months, 0, 9999)).toBe(9999);
    // m = 7, actual = 600: 600 + round(600 × 5 / 7) = 600 + round(428.57) = 1029
    expect(runRateForecast(months, 7, 0)).toBe(1029);
    expect(runRateForecast(months, 12, 0)).toBe(600);
  });
  it('builds a year table per category and month', () => {
    const table = yearTable(
      [{ category: 'handledning', periodFrom: '2026-01-01', periodTo: '2026-12-31', amountOre: 1_200_00 }],
      [
        { category: 'handledning', periodFrom: '2026-01-10', periodTo: '2026-01-10', amountOre: 15_000 },
        { category: 'handledning', periodFrom: '2026-02-10', periodTo: '2026-02-10', amountOre: 5_000 },
      ],
      2026,
      2,
      ['handledning'],
    );
    const h = table[0]!;
    // budget 120 000 öre over 12 months = 10 000 öre a month
    expect(h.budgetOre).toBe(120_000);
    expect(h.months[0]).toEqual({
      month: '2026-01',
      budgetOre: 10_000,
      outcomeOre: 15_000,
      deviationOre: 5_000,
    });
    expect(h.outcomeOre).toBe(20_000);
    expect(h.deviationOre).toBe(-100_000);
    // 20 000 öre in 2 closed months → 20 000 + 20 000 × 10 / 2 = 120 000
    expect(h.forecastYearOre).toBe(120_000);
    expect(h.forecastDeviationOre).toBe(0);
  });
});

describe('employmentCostByMonth', () => {
  it('is salary × factor − subsidy, pro rata by days', () => {
    const cost = employmentCostByMonth(
      {
        startDate: '2026-01-16',
        endDate: null,
        monthlySalarySek: 25_000,
        employerCostFactor: 1.3142,
        subsidyMonthlySek: 20_000,
        subsidyFrom: '2026-02-01',
        subsidyTo: null,
      },
      { from: '2026-01-01', to: '2026-03-31' },
    );
    // January: 16 of 31 days: 25 000 × 100 × 1.3142 × 16 / 31 = 1 695 741.935… → 1 695 742 öre; no subsidy
    expect(cost.get('2026-01')).toBe(1_695_742);
    // February: full month 3 285 500 öre − 2 000 000 öre subsidy
    expect(cost.get('2026-02')).toBe(1_285_500);
    expect(cost.get('2026-03')).toBe(1_285_500);
  });
});
