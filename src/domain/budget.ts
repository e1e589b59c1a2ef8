/**
 * Budget, outcome, deviation and run-rate forecast per programme, cost category and month. Pure.
 *
 * Money is integer öre throughout (bigint columns in the database, safe integers here). Nothing is
 * accumulated in floating point: the only divisions are {@link divRound} on integers.
 *
 * Rounding (documented, tested):
 * - A line covering several months is spread evenly over the calendar months it touches (by month, not by
 *   day): each month gets ⌊amount / n⌋ öre and the remainder öre go one each to the earliest months, so the
 *   months always sum to the line exactly.
 * - Reported SEK = the öre sum rounded half away from zero to whole kronor, once, at the end.
 * - Employment cost from a placement (salary × employer cost factor − subsidy) is pro rata by calendar days
 *   of each month and rounded to whole öre per placement and month.
 */

import { daysInMonth } from './iso-date.ts';

export const COST_CATEGORIES = [
  'anstallning',
  'utbildning',
  'handledning',
  'administration',
  'ovrigt',
] as const;
export type CostCategory = (typeof COST_CATEGORIES)[number];

/** A month as 'YYYY-MM'. */
export type YearMonth = string;

export interface AmountLine {
  category: CostCategory;
  periodFrom: string;
  periodTo: string;
  amountOre: number;
}

/** Integer a / b rounded half away from zero (b ≠ 0), exact for safe integers. */
export function divRound(a: number, b: number): number {
  if (b === 0) throw new RangeError('divRound: division med noll.');
  const q = Math.trunc(a / b);
  const r = a - q * b;
  if (2 * Math.abs(r) >= Math.abs(b)) return q + Math.sign(a) * Math.sign(b);
  return q;
}

/** Whole SEK from öre, half away from zero. */
export function oreToSek(ore: number): number {
  return divRound(ore, 100);
}

export function sekToOre(sek: number): number {
  return Math.round(sek * 100);
}

const ym = (iso: string): YearMonth => iso.slice(0, 7);

/** The calendar months from the month of `from` to the month of `to`, inclusive. */
export function monthsBetween(from: string, to: string): YearMonth[] {
  let y = Number(from.slice(0, 4));
  let m = Number(from.slice(5, 7));
  const end = ym(to);
  const out: YearMonth[] = [];
  for (;;) {
    const cur = `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}`;
    if (cur > end) break;
    out.push(cur);
    m += 1;
    if (m === 13) {
      m = 1;
      y += 1;
    }
  }
  return out;
}

/** Spreads an amount evenly over the months a period touches; the months sum to the amount exactly. */
export function spreadOverMonths(
  amountOre: number,
  periodFrom: string,
  periodTo: string,
): Map<YearMonth, number> {
  const months = monthsBetween(periodFrom, periodTo);
  const n = months.length;
  const sign = amountOre < 0 ? -1 : 1;
  const abs = Math.abs(amountOre);
  const base = Math.floor(abs / n);
  const remainder = abs - base * n;
  const out = new Map<YearMonth, number>();
  months.forEach((month, i) => {
    out.set(month, sign * (base + (i < remainder ? 1 : 0)));
  });
  return out;
}

export interface Range {
  from: string;
  to: string;
}

/** The calendar year as a range. */
export function yearRange(year: number): Range {
  return { from: `${year}-01-01`, to: `${year}-12-31` };
}

/**
 * The part of a line that falls in a range. A line wholly inside counts in full; a line that only partly
 * overlaps counts with the months (of its even monthly spread) that fall inside the range.
 */
export function amountInRange(line: AmountLine, range: Range | null): number {
  if (!range) return line.amountOre;
  if (line.periodFrom >= range.from && line.periodTo <= range.to) return line.amountOre;
  if (line.periodTo < range.from || line.periodFrom > range.to) return 0;
  const from = ym(range.from);
  const to = ym(range.to);
  let sum = 0;
  for (const [month, ore] of spreadOverMonths(line.amountOre, line.periodFrom, line.periodTo)) {
    if (month >= from && month <= to) sum += ore;
  }
  return sum;
}

export interface CategoryComparison {
  category: CostCategory;
  forecastSek: number;
  outcomeSek: number;
  deviationSek: number;
}

/**
 * Forecast (budget) vs outcome per category over a range (null = all recorded periods). Categories come in
 * the order they were first entered: budget lines first (in entry order), then categories that only have
 * outcome. Deviation = outcome − forecast, computed in öre and rounded once.
 */
export function compareByCategory(
  budget: readonly AmountLine[],
  outcome: readonly AmountLine[],
  range: Range | null,
): CategoryComparison[] {
  const order: CostCategory[] = [];
  const forecast = new Map<CostCategory, number>();
  const actual = new Map<CostCategory, number>();
  const touch = (c: CostCategory) => {
    if (!order.includes(c)) order.push(c);
  };
  for (const line of budget) {
    const part = amountInRange(line, range);
    if (range && part === 0 && (line.periodTo < range.from || line.periodFrom > range.to)) continue;
    touch(line.category);
    forecast.set(line.category, (forecast.get(line.category) ?? 0) + part);
  }
  for (const line of outcome) {
    const part = amountInRange(line, range);
    if (range && part === 0 && (line.periodTo < range.from || line.periodFrom > range.to)) continue;
    touch(line.category);
    actual.set(line.category, (actual.get(line.category) ?? 0) + part);
  }
  return order.map((category) => {
    const f = forecast.get(category) ?? 0;
    const o = actual.get(category) ?? 0;
    return { category, forecastSek: oreToSek(f), outcomeSek: oreToSek(o), deviationSek: oreToSek(o - f) };
  });
}

export interface MonthCell {
  month: YearMonth;
  budgetOre: number;
  outcomeOre: number;
  deviationOre: number;
}

export interface CategoryYear {
  category: CostCategory;
  months: MonthCell[];
  budgetOre: number;
  outcomeOre: number;
  deviationOre: number;
  /** Outcome to date + run rate × remaining months (see {@link runRateForecast}). */
  forecastYearOre: number;
  /** forecastYearOre − budgetOre: the expected deviation at year end. */
  forecastDeviationOre: number;
}

/**
 * Run-rate forecast for the year, in öre:
 *
 *   m         = number of closed months (January … the last closed month, 0–12)
 *   actual    = outcome of months 1 … m
 *   runRate   = actual / m                                       (average outcome per closed month)
 *   forecast  = actual + round(actual × (12 − m) / m)             (rounded half away from zero, once)
 *
 * With no closed month (m = 0) there is no run rate and the forecast is the budget for the year.
 * Outcome already booked in months after m (e.g. prepayments) is added as it stands.
 */
export function runRateForecast(
  outcomeByMonth: readonly number[],
  closedMonths: number,
  budgetYearOre: number,
): number {
  if (outcomeByMonth.length !== 12) throw new RangeError('runRateForecast: tolv månader krävs.');
  const m = Math.max(0, Math.min(12, Math.trunc(closedMonths)));
  if (m === 0) return budgetYearOre;
  const actual = outcomeByMonth.slice(0, m).reduce((a, b) => a + b, 0);
  const later = outcomeByMonth.slice(m).reduce((a, b) => a + b, 0);
  return actual + divRound(actual * (12 - m), m) + later;
}

/** Budget, outcome and deviation per category and month of one year, with the run-rate forecast. */
export function yearTable(
  budget: readonly AmountLine[],
  outcome: readonly AmountLine[],
  year: number,
  closedMonths: number,
  categories: readonly CostCategory[] = COST_CATEGORIES,
): CategoryYear[] {
  const months = monthsBetween(`${year}-01-01`, `${year}-12-31`);
  const add = (target: Map<string, number>, lines: readonly AmountLine[]) => {
    for (const line of lines) {
      for (const [month, ore] of spreadOverMonths(line.amountOre, line.periodFrom, line.periodTo)) {
        if (!month.startsWith(`${year}-`)) continue;
        const key = `${line.category}|${month}`;
        target.set(key, (target.get(key) ?? 0) + ore);
      }
    }
  };
  const b = new Map<string, number>();
  const o = new Map<string, number>();
  add(b, budget);
  add(o, outcome);
  return categories.map((category) => {
    const cells = months.map((month) => {
      const budgetOre = b.get(`${category}|${month}`) ?? 0;
      const outcomeOre = o.get(`${category}|${month}`) ?? 0;
      return { month, budgetOre, outcomeOre, deviationOre: outcomeOre - budgetOre };
    });
    const budgetOre = cells.reduce((s, c) => s + c.budgetOre, 0);
    const outcomeOre = cells.reduce((s, c) => s + c.outcomeOre, 0);
    const forecastYearOre = runRateForecast(
      cells.map((c) => c.outcomeOre),
      closedMonths,
      budgetOre,
    );
    return {
      category,
      months: cells,
      budgetOre,
      outcomeOre,
      deviationOre: outcomeOre - budgetOre,
      forecastYearOre,
      forecastDeviationOre: forecastYearOre - budgetOre,
    };
  });
}

export interface EmploymentTerms {
  startDate: string;
  endDate: string | null;
  monthlySalarySek: number;
  /** e.g. 1.3142 (salary + employer contributions + other on-costs). */
  employerCostFactor: number;
  subsidyMonthlySek: number | null;
  subsidyFrom: string | null;
  subsidyTo: string | null;
}

function overlapDays(aFrom: string, aTo: string, bFrom: string, bTo: string): number {
  const from = aFrom > bFrom ? aFrom : bFrom;
  const to = aTo < bTo ? aTo : bTo;
  if (to < from) return 0;
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;
}

/**
 * Net employment cost of one placement per month, in öre, for the months of `range`:
 *
 *   cost(month) = salary × 100 × factor × daysWorked / daysInMonth
 *               − subsidy × 100 × daysSubsidised / daysInMonth
 *
 * each term rounded half away from zero to whole öre. The factor is taken to 4 decimals (as stored).
 * An open placement (no end date) runs to the end of the range.
 */
export function employmentCostByMonth(terms: EmploymentTerms, range: Range): Map<YearMonth, number> {
  const out = new Map<YearMonth, number>();
  const end = terms.endDate ?? range.to;
  const factor10k = Math.round(terms.employerCostFactor * 10_000);
  const subFrom = terms.subsidyFrom ?? terms.startDate;
  const subTo = terms.subsidyTo ?? end;
  for (const month of monthsBetween(range.from, range.to)) {
    const y = Number(month.slice(0, 4));
    const m = Number(month.slice(5, 7));
    const dim = daysInMonth(y, m);
    const mFrom = `${month}-01`;
    const mTo = `${month}-${String(dim).padStart(2, '0')}`;
    const worked = overlapDays(terms.startDate, end, mFrom, mTo);
    if (worked === 0) continue;
    const salary = divRound(terms.monthlySalarySek * 100 * factor10k * worked, 10_000 * dim);
    let subsidy = 0;
    if (terms.subsidyMonthlySek) {
      const from = subFrom > terms.startDate ? subFrom : terms.startDate;
      const to = subTo < end ? subTo : end;
      const days = overlapDays(from, to, mFrom, mTo);
      subsidy = divRound(terms.subsidyMonthlySek * 100 * days, dim);
    }
    out.set(month, salary - subsidy);
  }
  return out;
}
