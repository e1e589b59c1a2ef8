import type { Ctx } from '../../context.ts';
import {
  type AmountLine,
  type CategoryComparison,
  COST_CATEGORIES,
  compareByCategory,
  employmentCostByMonth,
  oreToSek,
  type Range,
  yearRange,
  yearTable,
} from '../../domain/budget.ts';
import { swedishDate } from '../../domain/dates.ts';
import { employmentPlacements, listBudgetLines, listCostOutcomes } from './repo.ts';
import { organisationOf, requireProgramme, toLine } from './shared.ts';

export type CostComparisonRow = CategoryComparison;

export interface ComparisonPeriod {
  /** A calendar year. */
  year?: number;
  /** Or a range (either end may be left open). */
  from?: string;
  to?: string;
}

/**
 * Where the outcome for 'anstallning' comes from:
 * - 'bokford': entered or imported ledger rows for the category exist in the period; they are the book of
 *   record and are used as they stand (placement salaries are then not added, to avoid counting twice);
 * - 'placeringar': no such rows, but the programme's placements carry employment details (migration 006:
 *   monthly salary, employer cost factor, subsidy): outcome = salary × factor − subsidy per month worked;
 * - 'saknas': neither.
 */
export type EmploymentOutcomeSource = 'bokford' | 'placeringar' | 'saknas';

function toRange(p: ComparisonPeriod): Range | null {
  if (p.year !== undefined) return yearRange(p.year);
  if (p.from === undefined && p.to === undefined) return null;
  return { from: p.from ?? '0001-01-01', to: p.to ?? '9999-12-31' };
}

const overlaps = (l: AmountLine, r: Range | null) => !r || (l.periodTo >= r.from && l.periodFrom <= r.to);

async function loadLines(ctx: Ctx, programmeId: string, range: Range | null) {
  const organisationId = organisationOf(ctx);
  const [budgetRows, outcomeRows] = await Promise.all([
    listBudgetLines(ctx.db, organisationId, programmeId),
    listCostOutcomes(ctx.db, organisationId, programmeId),
  ]);
  const budget = budgetRows.map(toLine);
  const outcome = outcomeRows.map(toLine);
  let employmentSource: EmploymentOutcomeSource = 'saknas';
  if (outcome.some((l) => l.category === 'anstallning' && overlaps(l, range))) {
    employmentSource = 'bokford';
  } else {
    const placements = await employmentPlacements(ctx.db, organisationId, programmeId);
    if (placements.length > 0) {
      employmentSource = 'placeringar';
      const today = swedishDate(ctx.clock.now());
      for (const p of placements) {
        const end = p.end_date ?? (range ? range.to : today);
        const from = range && range.from > p.start_date ? range.from : p.start_date;
        const to = range && range.to < end ? range.to : end;
        if (to < from) continue;
        const byMonth = employmentCostByMonth(
          {
            startDate: p.start_date,
            endDate: p.end_date ?? to,
            monthlySalarySek: Number(p.monthly_salary_sek),
            employerCostFactor: Number(p.employer_cost_factor),
            subsidyMonthlySek: p.subsidy_monthly_sek === null ? null : Number(p.subsidy_monthly_sek),
            subsidyFrom: p.subsidy_from,
            subsidyTo: p.subsidy_to,
          },
          { from, to },
        );
        for (const [month, ore] of byMonth) {
          const first = `${month}-01`;
          const last = `${month}-28`;
          outcome.push({ category: 'anstallning', periodFrom: first, periodTo: last, amountOre: ore });
        }
      }
    }
  }
  return { budget, outcome, employmentSource };
}

/**
 * Cost outcome vs forecast per category for a programme: `[{category, forecastSek, outcomeSek, deviationSek}]`
 * in the order the categories were first entered (budget lines first). Forecast = the budgeted amounts;
 * outcome = entered and imported rows (and placement salaries for 'anstallning', see
 * {@link EmploymentOutcomeSource}); deviation = outcome − forecast. Amounts are summed in öre and rounded
 * once to whole kronor (half away from zero). A line that only partly overlaps the period counts with its
 * months inside it (even monthly spread). Without a period, everything recorded counts.
 *
 * Used by the follow-up report (src/features/reports). Scoped to the actor's organisation; the caller
 * authorises.
 */
export async function costComparison(
  ctx: Ctx,
  programmeId: string,
  period: ComparisonPeriod = {},
): Promise<CostComparisonRow[]> {
  await requireProgramme(ctx, programmeId);
  const range = toRange(period);
  const { budget, outcome } = await loadLines(ctx, programmeId, range);
  return compareByCategory(budget, outcome, range);
}

/** The month table of one year: budget, outcome, deviation and run-rate forecast per category. */
export async function budgetYear(ctx: Ctx, programmeId: string, year: number, closedMonths?: number) {
  const programme = await requireProgramme(ctx, programmeId);
  const range = yearRange(year);
  const { budget, outcome, employmentSource } = await loadLines(ctx, programmeId, range);
  const today = swedishDate(ctx.clock.now());
  const thisYear = Number(today.slice(0, 4));
  const closed = closedMonths ?? (year < thisYear ? 12 : year > thisYear ? 0 : Number(today.slice(5, 7)) - 1);
  const table = yearTable(budget, outcome, year, closed, COST_CATEGORIES);
  const sek = (ore: number) => oreToSek(ore);
  const rows = table.map((c) => ({
    category: c.category,
    budgetSek: sek(c.budgetOre),
    outcomeSek: sek(c.outcomeOre),
    deviationSek: sek(c.deviationOre),
    forecastYearSek: sek(c.forecastYearOre),
    forecastDeviationSek: sek(c.forecastDeviationOre),
    months: c.months.map((m) => ({
      month: m.month,
      budgetSek: sek(m.budgetOre),
      outcomeSek: sek(m.outcomeOre),
      deviationSek: sek(m.deviationOre),
    })),
  }));
  const total = (f: (c: (typeof table)[number]) => number) => sek(table.reduce((s, c) => s + f(c), 0));
  return {
    programme: { id: programme.id, code: programme.code, name: programme.name },
    year,
    closedMonths: closed,
    employmentOutcomeSource: employmentSource,
    forecastMethod:
      'Prognos för helåret = utfall t.o.m. senast stängda månad + (utfall ÷ antal stängda månader) × återstående månader. ' +
      'Utan stängd månad gäller budgeten. Belopp summeras i öre och avrundas en gång till hela kronor.',
    categories: rows,
    totals: {
      budgetSek: total((c) => c.budgetOre),
      outcomeSek: total((c) => c.outcomeOre),
      deviationSek: total((c) => c.deviationOre),
      forecastYearSek: total((c) => c.forecastYearOre),
      forecastDeviationSek: total((c) => c.forecastDeviationOre),
    },
  };
}
