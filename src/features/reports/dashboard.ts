import type { Ctx } from '../../context.ts';
import type { Tx } from '../../db/connection.ts';
import { swedishDate } from '../../domain/dates.ts';
import { AppError } from '../../http/errors.ts';
import { componentTable, countList, type Figure, type SuppressionChoice } from './figures.ts';
import {
  dashboardGoals,
  type MonthCount,
  monthlyEnrolmentsStarted,
  monthlyExits,
  monthlyReferrals,
  socialAssistanceMonths,
  suppressionThreshold,
  unemploymentMonths,
  unitNames,
} from './repo.ts';
import type { DashboardQuery } from './schema.ts';

/**
 * The dashboard: monthly trends over a period (default the last 24 months up to the current one).
 * Counts of people from Insats's own data (referrals, enrolments started, exits by reason) are
 * always small-cell suppressed. The imported monthly statistics (social assistance applications,
 * Arbetsförmedlingen's registered unemployed) are aggregates published by others, not counts of
 * our persons, and are shown as imported.
 */

export const DEFAULT_MONTHS = 24;
export const MAX_MONTHS = 120;

export const EXIT_REASONS: { key: string; label: string }[] = [
  { key: 'arbete', label: 'Arbete' },
  { key: 'studier', label: 'Studier' },
  { key: 'annan_insats', label: 'Annan insats' },
  { key: 'flytt', label: 'Flytt' },
  { key: 'sjukdom', label: 'Sjukdom' },
  { key: 'avbrott', label: 'Avbrott' },
  { key: 'annat', label: 'Annat' },
  { key: 'okand', label: 'Orsak saknas' },
];

export interface CountSeries {
  /** One figure per month of `months`. */
  figures: Figure[];
  total: Figure;
}

export interface Dashboard {
  title: string;
  from: string;
  to: string;
  months: string[];
  unit: { id: string; name: string } | null;
  units: { id: string; name: string }[];
  suppression: { applied: true; threshold: number };
  referrals: CountSeries;
  enrolmentsStarted: CountSeries;
  exits: {
    reasons: { key: string; label: string }[];
    /** months × reasons */
    cells: Figure[][];
    monthTotals: Figure[];
    reasonTotals: Figure[];
    total: Figure;
  };
  socialAssistance: {
    /** Applications per month; null when the month has not been imported. */
    applications: (number | null)[];
    goal: Goal | null;
  };
  unemployment: {
    ageGroups: string[];
    /** ageGroups × months; null when not imported or hidden by Arbetsförmedlingen. */
    registered: (number | null)[][];
    sharePercent: (number | null)[][];
    goal: Goal | null;
  };
  notes: string[];
  definitions: { term: string; text: string }[];
}

export interface Goal {
  target: number;
  label: string | null;
}

export const DASHBOARD_DEFINITIONS: { term: string; text: string }[] = [
  {
    term: 'Anvisningar',
    text: 'Anvisningar (remisser) med anvisningsdatum i månaden. Enhet: deltagarens ansvariga enhet.',
  },
  {
    term: 'Påbörjade inskrivningar',
    text: 'Inskrivningar i en insats med startdatum i månaden (inskriven, pausad eller avslutad).',
  },
  { term: 'Avslut', text: 'Inskrivningar med avslutsdatum i månaden, per avslutsorsak.' },
  {
    term: 'Ansökningar om försörjningsstöd',
    text: 'Antal ansökningar per månad enligt socialtjänstens statistik, importerad från fil.',
  },
  {
    term: 'Inskrivna arbetslösa',
    text:
      'Arbetsförmedlingens månadsstatistik per åldersgrupp: antal inskrivna arbetslösa och andel av ' +
      'befolkningen i procent, importerad från fil.',
  },
  {
    term: 'Röjandekontroll',
    text:
      'Antal personer 1 till gränsvärdet minus 1 visas som "<gränsvärdet"; celler som annars kunde räknas ' +
      'fram döljs också (".."). Gäller Insats egna siffror, inte importerad statistik.',
  },
];

export const IMPORTED_NOTE =
  'Ansökningar om försörjningsstöd och Arbetsförmedlingens statistik är importerade totalsiffror ' +
  'som andra har publicerat, inte antal personer i Insats. De visas som de importerades, utan ' +
  'Insats röjandekontroll (Arbetsförmedlingen döljer själv antal under 5).';

const pad2 = (n: number) => String(n).padStart(2, '0');

export function addMonths(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const total = y * 12 + (m - 1) + n;
  return `${Math.floor(total / 12)}-${pad2((total % 12) + 1)}`;
}

export function monthsFrom(from: string, to: string): string[] {
  const out: string[] = [];
  for (let m = from; m <= to; m = addMonths(m, 1)) out.push(m);
  return out;
}

export function resolvePeriod(q: DashboardQuery, today: string): { from: string; to: string } {
  const to = (q.to ?? today).slice(0, 7);
  const from = q.from?.slice(0, 7) ?? addMonths(to, -(DEFAULT_MONTHS - 1));
  if (from > to)
    throw new AppError(400, 'bad_period', {
      sv: 'Första månaden ligger efter den sista.',
      en: 'The first month is after the last.',
    });
  if (monthsFrom(from, to).length > MAX_MONTHS)
    throw new AppError(400, 'bad_period', {
      sv: `Välj högst ${MAX_MONTHS} månader.`,
      en: `Choose at most ${MAX_MONTHS} months.`,
    });
  return { from, to };
}

function series(months: string[], rows: MonthCount[], choice: SuppressionChoice): CountSeries {
  const byMonth = new Map(rows.map((r) => [r.month, r]));
  const counts = months.map((m) => byMonth.get(m)?.n ?? 0);
  const prot = months.map((m) => byMonth.get(m)?.p ?? 0);
  const list = countList(
    counts,
    prot,
    counts.reduce((a, b) => a + b, 0),
    choice,
  );
  return { figures: list.counts, total: list.total };
}

const ageOrder = (a: string, b: string) =>
  a === 'totalt' ? 1 : b === 'totalt' ? -1 : a.localeCompare(b, 'sv', { numeric: true });

export async function buildDashboard(ctx: Ctx, tx: Tx, q: DashboardQuery): Promise<Dashboard> {
  const organisationId = ctx.actor!.organisationId;
  const today = swedishDate(ctx.clock.now());
  const { from, to } = resolvePeriod(q, today);
  const units = (await unitNames(tx, organisationId))
    .map((u) => ({ id: u.id, name: u.name }))
    .sort((a, b) => a.name.localeCompare(b.name, 'sv'));
  const unit = q.unitId ? units.find((u) => u.id === q.unitId) : undefined;
  if (q.unitId && !unit) throw new AppError(404, 'not_found', 'not_found');
  const months = monthsFrom(from, to);
  const range = {
    organisationId,
    fromDate: `${from}-01`,
    toDateExclusive: `${addMonths(to, 1)}-01`,
    today,
    unitId: q.unitId,
  };
  const choice: SuppressionChoice = {
    suppress: true,
    threshold: await suppressionThreshold(tx, organisationId),
  };

  const exitRows = await monthlyExits(tx, range);
  const exitCell = new Map(exitRows.map((r) => [`${r.month} ${r.key}`, r]));
  const exitTable = componentTable(
    months.map((m) => EXIT_REASONS.map((r) => exitCell.get(`${m} ${r.key}`)?.n ?? 0)),
    months.map((m) => EXIT_REASONS.map((r) => exitCell.get(`${m} ${r.key}`)?.p ?? 0)),
    choice,
  );

  const social = new Map(
    (await socialAssistanceMonths(tx, organisationId, from, to)).map((r) => [r.month, r.applications]),
  );
  const unemployment = await unemploymentMonths(tx, organisationId, from, to);
  const ageGroups = [...new Set(unemployment.map((r) => r.age_group))].sort(ageOrder);
  const ue = new Map(unemployment.map((r) => [`${r.month} ${r.age_group}`, r]));
  const goals = new Map(
    (await dashboardGoals(tx, organisationId)).map((g) => [
      g.metric,
      { target: Number(g.target), label: g.label },
    ]),
  );

  return {
    title: `Översikt ${from} – ${to}${unit ? `, ${unit.name}` : ''}`,
    from,
    to,
    months,
    unit: unit ?? null,
    units,
    suppression: { applied: true, threshold: choice.threshold },
    referrals: series(months, await monthlyReferrals(tx, range), choice),
    enrolmentsStarted: series(months, await monthlyEnrolmentsStarted(tx, range), choice),
    exits: {
      reasons: EXIT_REASONS,
      cells: exitTable.cells,
      monthTotals: exitTable.rowTotals,
      reasonTotals: exitTable.columnTotals,
      total: exitTable.grandTotal,
    },
    socialAssistance: {
      applications: months.map((m) => social.get(m) ?? null),
      goal: goals.get('social_assistance_applications') ?? null,
    },
    unemployment: {
      ageGroups,
      registered: ageGroups.map((a) => months.map((m) => ue.get(`${m} ${a}`)?.registered ?? null)),
      sharePercent: ageGroups.map((a) => months.map((m) => ue.get(`${m} ${a}`)?.share_percent ?? null)),
      goal: goals.get('unemployment_share') ?? null,
    },
    notes: [
      `Röjandekontroll för Insats egna siffror: antal under ${choice.threshold} visas som "<${choice.threshold}", kompletterande döljning som "..".`,
      IMPORTED_NOTE,
      ...(unit
        ? ['Enhetsurvalet gäller Insats egna siffror; den importerade statistiken gäller hela kommunen.']
        : []),
    ],
    definitions: DASHBOARD_DEFINITIONS,
  };
}

export async function dashboard(ctx: Ctx, q: DashboardQuery): Promise<Dashboard> {
  return ctx.db.transaction().execute((tx) => buildDashboard(ctx, tx, q));
}
