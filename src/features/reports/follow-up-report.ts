import type { Ctx } from '../../context.ts';
import type { Tx } from '../../db/connection.ts';
import { compareCodePoints } from '../../domain/compare.ts';
import { AppError } from '../../http/errors.ts';
import { costComparison } from '../finance/cost-comparison.ts';
import { countList, type Figure, type SuppressionChoice, shown, singleCount } from './figures.ts';
import { mayViewUnsuppressed } from './outcome-report.ts';
import { refreshStaleOutcomes } from './refresh-outcomes.ts';
import {
  fallbackCosts,
  followUpPeople,
  languagesOf,
  placementSectors,
  programmeNames,
  reportTexts,
  suppressionThreshold,
} from './repo.ts';

export interface CountRow {
  code: string;
  label: string;
  count: Figure;
}

export interface CostRow {
  category: string;
  forecastSek: number;
  outcomeSek: number;
  deviationSek: number;
}

export interface FollowUpReport {
  kind: 'uppfoljning';
  title: string;
  programme: { id: string; name: string };
  referenceDate: string;
  suppression: { applied: boolean; threshold: number };
  definitions: { term: string; text: string }[];
  participants: Figure;
  bySex: CountRow[];
  ageMin: Figure;
  ageMax: Figure;
  byAgeBand: CountRow[];
  households: Figure;
  couples: Figure;
  childrenAffected: Figure;
  participantsWithoutChildrenAtHome: Figure;
  languagesByCount: CountRow[];
  sectorsByCount: CountRow[];
  akassaMembers: Figure;
  incomeSourceBeforeStart: CountRow[];
  costs: CostRow[];
  /** Where the cost figures come from. */
  costSource: 'finance' | 'fallback';
  texts: { section: string; body: string }[];
}

export const FOLLOW_UP_DEFINITIONS = [
  {
    term: 'Deltagare',
    text: 'Personer med en inskrivning i insatsen som startat på eller före referensdatumet.',
  },
  { term: 'Ålder', text: 'Ålder i hela år på referensdatumet.' },
  {
    term: 'Hushåll',
    text: 'Deltagarnas hushåll, vart och ett räknat en gång; en deltagare utan registrerat hushåll är ett eget hushåll.',
  },
  { term: 'Par', text: 'Par där båda deltar (kopplade som partner i registret).' },
  {
    term: 'Berörda barn',
    text: 'Summan av barn som bor hemma i deltagarnas hushåll, varje hushåll räknat en gång.',
  },
  { term: 'Språk', text: 'Antal deltagare som talar språket; en deltagare kan tala flera språk.' },
  {
    term: 'Sektor',
    text: 'Sektor för deltagarens senaste placering som startat på eller före referensdatumet.',
  },
  { term: 'A-kassa', text: 'Deltagare med registrerat medlemskap i en arbetslöshetskassa.' },
  { term: 'Kostnader', text: 'Utfall minus prognos per kostnadskategori, i kronor.' },
];

const SEX_LABELS: Record<string, string> = { K: 'Kvinnor', M: 'Män', X: 'Annat juridiskt kön' };
const INCOME_LABELS: Record<string, string> = {
  forsorjningsstod: 'Försörjningsstöd',
  aktivitetsstod: 'Aktivitetsstöd',
  ingen: 'Ingen',
  annan: 'Annan',
  okand: 'Uppgift saknas',
};
const AGE_BANDS = [
  { code: '-24', label: 'Under 25 år', to: 24 },
  { code: '25-29', label: '25–29 år', to: 29 },
  { code: '30-39', label: '30–39 år', to: 39 },
  { code: '40-49', label: '40–49 år', to: 49 },
  { code: '50-59', label: '50–59 år', to: 59 },
  { code: '60-', label: '60 år och äldre', to: Number.POSITIVE_INFINITY },
];

/** Age in whole years on a date (both ISO strings). */
export function ageOn(birthDate: string, on: string): number {
  const years = Number(on.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return on.slice(5, 10) < birthDate.slice(5, 10) ? years - 1 : years;
}

interface Tally {
  code: string;
  label: string;
  n: number;
  p: number;
}

/** Counts of people by category → suppressed rows, ordered by count (desc) then code. */
function rowsByCount(
  tallies: Tally[],
  total: number,
  choice: SuppressionChoice,
  sortByCount: boolean,
): CountRow[] {
  const sorted = sortByCount
    ? [...tallies].sort((a, b) => b.n - a.n || compareCodePoints(a.code, b.code))
    : tallies;
  const list = countList(
    sorted.map((t) => t.n),
    sorted.map((t) => t.p),
    total,
    choice,
  );
  return sorted.map((t, i) => ({ code: t.code, label: t.label, count: list.counts[i]! }));
}

function tally(items: { code: string; protected: boolean }[], label: (c: string) => string): Tally[] {
  const m = new Map<string, Tally>();
  for (const it of items) {
    const t = m.get(it.code) ?? { code: it.code, label: label(it.code), n: 0, p: 0 };
    t.n += 1;
    if (it.protected) t.p += 1;
    m.set(it.code, t);
  }
  return [...m.values()];
}

export interface FollowUpReportInput {
  programmeId: string;
  referenceDate: string;
  unsuppressed?: boolean;
}

export interface CostSection {
  source: 'finance' | 'fallback';
  rows: CostRow[];
}

/**
 * Cost outcome vs forecast per category, from the finance area's use case (up to the reference date).
 * Runs outside the report's transaction (PGlite has one connection). If finance has nothing for the
 * programme, the report falls back to costs entered through PUT /api/reports/costs (report_cost_fallback).
 */
export async function costsForReport(
  ctx: Ctx,
  programmeId: string,
  referenceDate: string,
): Promise<CostSection> {
  const rows = await costComparison(ctx, programmeId, { to: referenceDate });
  if (rows.length > 0) return { source: 'finance', rows: rows.map((r) => ({ ...r })) };
  const fallback = await fallbackCosts(ctx.db, ctx.actor!.organisationId, programmeId);
  return {
    source: 'fallback',
    rows: fallback.map((r) => ({ ...r, deviationSek: r.outcomeSek - r.forecastSek })),
  };
}

export async function followUpReport(ctx: Ctx, input: FollowUpReportInput): Promise<FollowUpReport> {
  const organisationId = ctx.actor!.organisationId;
  const costs = await costsForReport(ctx, input.programmeId, input.referenceDate);
  return ctx.db.transaction().execute(async (tx) => {
    await refreshStaleOutcomes(tx, organisationId);
    return buildFollowUpReport(ctx, tx, organisationId, input, costs);
  });
}

export async function buildFollowUpReport(
  ctx: Ctx,
  tx: Tx,
  organisationId: string,
  input: FollowUpReportInput,
  costs: CostSection,
): Promise<FollowUpReport> {
  const programme = (await programmeNames(tx, organisationId)).find((p) => p.id === input.programmeId);
  if (!programme) throw new AppError(404, 'not_found', 'not_found');
  if (input.unsuppressed && !mayViewUnsuppressed(ctx, [programme.unit_id])) {
    throw new AppError(403, 'forbidden', {
      sv: 'Bara enhetschefen för insatsens enhet kan se siffror utan röjandekontroll.',
      en: "Only the manager of the programme's unit may see unsuppressed figures.",
    });
  }
  const choice: SuppressionChoice = {
    suppress: !input.unsuppressed,
    threshold: await suppressionThreshold(tx, organisationId),
  };
  const ref = input.referenceDate;
  const people = await followUpPeople(tx, organisationId, input.programmeId, ref);
  const isProtected = new Map(people.map((p) => [p.id, p.protection_level !== 'none']));
  const ids = new Set(people.map((p) => p.id));
  const n = people.length;
  const protectedTotal = people.filter((p) => p.protection_level !== 'none').length;

  const bySex = rowsByCount(
    ['K', 'M', 'X']
      .map((code) => ({
        code,
        label: SEX_LABELS[code] ?? code,
        n: people.filter((p) => p.sex === code).length,
        p: people.filter((p) => p.sex === code && p.protection_level !== 'none').length,
      }))
      .filter((t) => t.code !== 'X' || t.n > 0),
    n,
    choice,
    false,
  );

  // Ages: min and max each describe one person; with disclosure control on, they are given only when
  // the population is at least the threshold and neither extreme is a protected person.
  const ages = people.map((p) => ({ age: ageOn(p.birth_date, ref), prot: p.protection_level !== 'none' }));
  const extreme = (pick: (a: number, b: number) => number): Figure => {
    if (ages.length === 0) return { value: null, display: '–' };
    const value = ages.map((a) => a.age).reduce(pick);
    const holders = ages.filter((a) => a.age === value);
    const hide = (choice.suppress && n < choice.threshold) || holders.some((h) => h.prot);
    return hide ? { value: null, display: '..', hidden: 'protected' } : shown(value);
  };
  const byAgeBand = rowsByCount(
    AGE_BANDS.map((b, i) => {
      const from = i === 0 ? Number.NEGATIVE_INFINITY : (AGE_BANDS[i - 1]?.to ?? 0) + 1;
      const inBand = ages.filter((a) => a.age >= from && a.age <= b.to);
      return { code: b.code, label: b.label, n: inBand.length, p: inBand.filter((a) => a.prot).length };
    }),
    n,
    choice,
    false,
  );

  // Households: each once; a participant without a household is a household of their own.
  const households = new Map<string, { children: number; prot: boolean }>();
  for (const p of people) {
    const key = p.household_id ?? `person:${p.id}`;
    const h = households.get(key) ?? { children: p.children_at_home ?? 0, prot: false };
    if (p.protection_level !== 'none') h.prot = true;
    households.set(key, h);
  }
  const hh = [...households.values()];
  const protectedHouseholds = hh.filter((h) => h.prot).length;
  const couples = people.filter(
    (p) => p.partner_person_id !== null && ids.has(p.partner_person_id) && p.id < p.partner_person_id,
  );
  const withoutChildren = people.filter((p) => (p.children_at_home ?? 0) === 0);

  const languages = await languagesOf(tx, organisationId, [...ids]);
  const sectors = await placementSectors(tx, organisationId, input.programmeId, ref);
  const incomeSources = people.map((p) => ({
    code: p.income_source ?? 'okand',
    protected: p.protection_level !== 'none',
  }));
  const texts = await reportTexts(tx, organisationId, 'uppfoljning', input.programmeId, ref);

  return {
    kind: 'uppfoljning',
    title: `Uppföljning – ${programme.name} per ${ref}`,
    programme: { id: programme.id, name: programme.name },
    referenceDate: ref,
    suppression: { applied: choice.suppress, threshold: choice.threshold },
    definitions: FOLLOW_UP_DEFINITIONS,
    participants: singleCount(n, choice, protectedTotal),
    bySex,
    ageMin: extreme((a, b) => Math.min(a, b)),
    ageMax: extreme((a, b) => Math.max(a, b)),
    byAgeBand,
    households: singleCount(hh.length, choice, protectedHouseholds),
    couples: singleCount(
      couples.length,
      choice,
      couples.filter((c) => c.protection_level !== 'none' || isProtected.get(c.partner_person_id ?? ''))
        .length,
    ),
    childrenAffected: singleCount(
      hh.reduce((a, h) => a + h.children, 0),
      choice,
      hh.filter((h) => h.prot && h.children > 0).length,
    ),
    participantsWithoutChildrenAtHome: singleCount(
      withoutChildren.length,
      choice,
      withoutChildren.filter((p) => p.protection_level !== 'none').length,
    ),
    languagesByCount: rowsByCount(
      tally(
        languages.map((l) => ({ code: l.language_code, protected: isProtected.get(l.person_id) ?? false })),
        (c) => c,
      ),
      n,
      choice,
      true,
    ),
    sectorsByCount: rowsByCount(
      tally(
        sectors.map((s) => ({ code: s.sector ?? 'okand', protected: isProtected.get(s.person_id) ?? false })),
        (c) => c,
      ),
      sectors.length,
      choice,
      true,
    ),
    akassaMembers: singleCount(
      people.filter((p) => p.akassa_code !== null).length,
      choice,
      people.filter((p) => p.akassa_code !== null && p.protection_level !== 'none').length,
    ),
    incomeSourceBeforeStart: rowsByCount(
      tally(incomeSources, (c) => INCOME_LABELS[c] ?? c),
      n,
      choice,
      true,
    ),
    costs: costs.rows,
    costSource: costs.source,
    texts: texts.map((t) => ({ section: t.section, body: t.body })),
  };
}
