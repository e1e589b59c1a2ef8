import { sql } from 'kysely';
import type { Tx } from '../../db/connection.ts';
import { compareCodePoints } from '../../domain/compare.ts';
import { DEFAULT_SUPPRESSION_THRESHOLD } from '../../domain/suppression.ts';

/**
 * SQL of the reports area. Reports are a read model over other areas' tables (enrolment, person,
 * household, placement, workplace); they read counts only and never return a person.
 */

export type OutcomeDimension = 'total' | 'programme' | 'unit' | 'sex' | 'ageBand' | 'cohort';

/** Age bands at start (inclusive lower bounds). */
export const AGE_BANDS = [
  { key: '16-24', from: 16 },
  { key: '25-29', from: 25 },
  { key: '30-39', from: 30 },
  { key: '40-49', from: 40 },
  { key: '50-59', from: 50 },
  { key: '60-', from: 60 },
] as const;

export interface OutcomeGroupRow {
  key: string;
  into_work: number;
  into_studies: number;
  exited_other: number;
  open: number;
  within_limit: number;
  p_into_work: number;
  p_into_studies: number;
  p_exited_other: number;
  p_open: number;
}

export interface OutcomeFilter {
  organisationId: string;
  programmeId?: string | undefined;
  referenceDate: string;
}

export interface FollowUpCount {
  months: number;
  status: string;
  n: number;
  /** Of which protected persons. */
  p: number;
}

export interface OutcomeCube {
  groups: Record<OutcomeDimension, OutcomeGroupRow[]>;
  /** Follow-up statuses at 6, 12 and 18 months after exit, of enrolments exited by the date. */
  followUps: FollowUpCount[];
}

const DIMENSIONS: OutcomeDimension[] = ['total', 'programme', 'unit', 'sex', 'ageBand', 'cohort'];
const FOLLOW_UP_KIND = /^fu(6|12|18):(.+)$/;

/**
 * The counts behind the outcome report for a reference date R, per group of every dimension, and the
 * follow-up statuses. "Started" means started on or before R, "exited" exited on or before R.
 *
 * Reads the rollup for the months before R's month and the outcome rows whose facts fall in R's month
 * up to R (both through the SQL function `outcome_facts` and its view `outcome_fact`, migration 015),
 * so the figures are exact for any day while the work stays proportional to one month of rows plus
 * the rollup's size.
 */
export async function outcomeCube(tx: Tx, f: OutcomeFilter): Promise<OutcomeCube> {
  const month = f.referenceDate.slice(0, 7);
  const first = `${month}-01`;
  const programme = (alias: string) =>
    f.programmeId ? sql`AND ${sql.ref(`${alias}.programme_id`)} = ${f.programmeId}` : sql``;
  const r = await sql<{ dim: string; key: string; kind: string; p: boolean; n: number }>`
    SELECT x.dim, CASE WHEN x.dim = 'total' THEN x.programme_id::text ELSE x.key END AS key, x.kind,
      x.is_protected AS p, sum(x.n)::int AS n
    FROM (
      SELECT r.dim, r.programme_id, r.key, r.kind, r.is_protected, r.n
      FROM outcome_rollup r
      WHERE r.organisation_id = ${f.organisationId} AND r.month < ${month} ${programme('r')}
      UNION ALL
      SELECT s.dim, s.programme_id, s.key, s.kind, s.is_protected, 1
      FROM outcome_fact s
      WHERE s.organisation_id = ${f.organisationId} ${programme('s')}
        AND (s.start_date BETWEEN ${first} AND ${f.referenceDate}
          OR s.exit_date BETWEEN ${first} AND ${f.referenceDate})
        AND s.fact_date BETWEEN ${first} AND ${f.referenceDate}
    ) x
    GROUP BY 1, 2, 3, 4`.execute(tx);

  type Tally = Record<'start' | 'work' | 'studies' | 'other' | 'within', [number, number]>;
  const tallies = new Map<OutcomeDimension, Map<string, Tally>>(DIMENSIONS.map((d) => [d, new Map()]));
  const followUps = new Map<string, FollowUpCount>();
  const add = (d: OutcomeDimension, key: string, kind: keyof Tally, p: boolean, n: number) => {
    const byKey = tallies.get(d)!;
    let t = byKey.get(key);
    if (!t) {
      t = { start: [0, 0], work: [0, 0], studies: [0, 0], other: [0, 0], within: [0, 0] };
      byKey.set(key, t);
    }
    t[kind][0] += n;
    if (p) t[kind][1] += n;
  };
  for (const row of r.rows) {
    const n = Number(row.n);
    const fu = FOLLOW_UP_KIND.exec(row.kind);
    if (fu) {
      const id = `${fu[1]}:${fu[2]}`;
      const c = followUps.get(id) ?? { months: Number(fu[1]), status: fu[2]!, n: 0, p: 0 };
      c.n += n;
      if (row.p) c.p += n;
      followUps.set(id, c);
      continue;
    }
    const kind = row.kind as keyof Tally;
    if (row.dim === 'total') {
      add('total', 'total', kind, row.p, n);
      add('programme', row.key, kind, row.p, n);
    } else add(row.dim as OutcomeDimension, row.key, kind, row.p, n);
  }

  const groups = {} as Record<OutcomeDimension, OutcomeGroupRow[]>;
  for (const d of DIMENSIONS) {
    groups[d] = [...tallies.get(d)!]
      .filter(([, t]) => t.start[0] > 0)
      .sort(([a], [b]) => compareCodePoints(a, b))
      .map(([key, t]) => ({
        key,
        into_work: t.work[0],
        into_studies: t.studies[0],
        exited_other: t.other[0],
        open: t.start[0] - t.work[0] - t.studies[0] - t.other[0],
        within_limit: t.within[0],
        p_into_work: t.work[1],
        p_into_studies: t.studies[1],
        p_exited_other: t.other[1],
        p_open: t.start[1] - t.work[1] - t.studies[1] - t.other[1],
      }));
  }
  // "ingen" (no follow-up recorded) last, as NULL sorted in the direct query.
  const order = (c: FollowUpCount) => [c.months, c.status === 'ingen' ? 1 : 0] as const;
  return {
    groups,
    followUps: [...followUps.values()]
      .filter((c) => c.n > 0)
      .sort((a, b) => {
        const [am, ai] = order(a);
        const [bm, bi] = order(b);
        return am - bm || ai - bi || compareCodePoints(a.status, b.status);
      }),
  };
}

export async function unitNames(tx: Tx, organisationId: string) {
  return tx
    .selectFrom('unit')
    .select(['id', 'name', 'parent_id'])
    .where('organisation_id', '=', organisationId)
    .execute();
}

export async function programmeNames(tx: Tx, organisationId: string) {
  return tx
    .selectFrom('programme')
    .select(['id', 'name', 'code', 'unit_id'])
    .where('organisation_id', '=', organisationId)
    .execute();
}

export async function suppressionThreshold(tx: Tx, organisationId: string): Promise<number> {
  const row = await tx
    .selectFrom('report_setting')
    .select('suppression_threshold')
    .where('organisation_id', '=', organisationId)
    .executeTakeFirst();
  return row?.suppression_threshold ?? DEFAULT_SUPPRESSION_THRESHOLD;
}

export async function saveReportSettings(
  tx: Tx,
  organisationId: string,
  settings: { threshold: number; scbSuffixMen?: string | null | undefined },
  now: Date,
) {
  const values = {
    suppression_threshold: settings.threshold,
    ...(settings.scbSuffixMen !== undefined ? { scb_suffix_men: settings.scbSuffixMen } : {}),
    updated_at: now,
  };
  await tx
    .insertInto('report_setting')
    .values({ organisation_id: organisationId, ...values })
    .onConflict((oc) => oc.column('organisation_id').doUpdateSet(values))
    .execute();
}

/** The people of a programme's follow-up: one row per person with a started enrolment by the date. */
export async function followUpPeople(
  tx: Tx,
  organisationId: string,
  programmeId: string,
  referenceDate: string,
) {
  return tx
    .selectFrom('person as p')
    .leftJoin('household as h', (j) =>
      j.onRef('h.organisation_id', '=', 'p.organisation_id').onRef('h.id', '=', 'p.household_id'),
    )
    .select([
      'p.id',
      'p.sex',
      'p.birth_date',
      'p.household_id',
      'p.partner_person_id',
      'p.akassa_code',
      'p.income_source',
      'p.protection_level',
      'h.children_at_home',
    ])
    .where('p.organisation_id', '=', organisationId)
    .where('p.id', 'in', (eb) =>
      eb
        .selectFrom('enrolment_outcome as o')
        .select('o.person_id')
        .where('o.organisation_id', '=', organisationId)
        .where('o.programme_id', '=', programmeId)
        .where('o.start_date', '<=', referenceDate),
    )
    .execute();
}

export async function languagesOf(tx: Tx, organisationId: string, personIds: string[]) {
  if (personIds.length === 0) return [];
  return tx
    .selectFrom('person_language')
    .select(['person_id', 'language_code'])
    .where('organisation_id', '=', organisationId)
    .where('person_id', 'in', personIds)
    .execute();
}

/** Sector of each person's placement in the programme started by the date (the latest one). */
export async function placementSectors(
  tx: Tx,
  organisationId: string,
  programmeId: string,
  referenceDate: string,
): Promise<{ person_id: string; sector: string | null }[]> {
  const r = await sql<{ person_id: string; sector: string | null }>`
    SELECT DISTINCT ON (pl.person_id) pl.person_id, coalesce(w.sector_label, w.sector_code) AS sector
    FROM placement pl
    JOIN enrolment e ON e.organisation_id = pl.organisation_id AND e.id = pl.enrolment_id
    JOIN workplace w ON w.organisation_id = pl.organisation_id AND w.id = pl.workplace_id
    WHERE pl.organisation_id = ${organisationId} AND e.programme_id = ${programmeId}
      AND pl.start_date <= ${referenceDate} AND pl.status <> 'avbruten'
    ORDER BY pl.person_id, pl.start_date DESC, pl.id`.execute(tx);
  return r.rows;
}

export async function reportTexts(
  tx: Tx,
  organisationId: string,
  kind: string,
  programmeId: string,
  referenceDate: string,
) {
  return tx
    .selectFrom('report_text')
    .select(['section', 'body', 'updated_at'])
    .where('organisation_id', '=', organisationId)
    .where('report_kind', '=', kind)
    .where('programme_id', '=', programmeId)
    .where('reference_date', '=', referenceDate)
    .orderBy('section')
    .execute();
}

export async function saveReportText(
  tx: Tx,
  row: {
    organisationId: string;
    kind: string;
    programmeId: string;
    referenceDate: string;
    section: string;
    body: string;
    userId: string | null;
    now: Date;
  },
) {
  await tx
    .insertInto('report_text')
    .values({
      organisation_id: row.organisationId,
      report_kind: row.kind,
      programme_id: row.programmeId,
      reference_date: row.referenceDate,
      section: row.section,
      body: row.body,
      updated_by: row.userId,
      updated_at: row.now,
    })
    .onConflict((oc) =>
      oc
        .columns(['organisation_id', 'report_kind', 'programme_id', 'reference_date', 'section'])
        .doUpdateSet({ body: row.body, updated_by: row.userId, updated_at: row.now }),
    )
    .execute();
}

export async function fallbackCosts(tx: Tx, organisationId: string, programmeId: string) {
  const rows = await tx
    .selectFrom('report_cost_fallback')
    .select(['category', 'forecast_sek', 'outcome_sek'])
    .where('organisation_id', '=', organisationId)
    .where('programme_id', '=', programmeId)
    .orderBy('seq')
    .execute();
  return rows.map((r) => ({
    category: r.category,
    forecastSek: Number(r.forecast_sek),
    outcomeSek: Number(r.outcome_sek),
  }));
}

export async function replaceFallbackCosts(
  tx: Tx,
  organisationId: string,
  programmeId: string,
  costs: { category: string; forecastSek: number; outcomeSek: number }[],
  now: Date,
) {
  await tx
    .deleteFrom('report_cost_fallback')
    .where('organisation_id', '=', organisationId)
    .where('programme_id', '=', programmeId)
    .execute();
  if (costs.length === 0) return;
  await tx
    .insertInto('report_cost_fallback')
    .values(
      costs.map((c, seq) => ({
        organisation_id: organisationId,
        programme_id: programmeId,
        category: c.category,
        seq,
        forecast_sek: c.forecastSek,
        outcome_sek: c.outcomeSek,
        updated_at: now,
      })),
    )
    .execute();
}

// ---------------------------------------------------------------------------------------------
// Dashboard: monthly counts from Insats's own data and the imported monthly statistics.

const chunks = <T>(rows: T[], size: number): T[][] =>
  Array.from({ length: Math.ceil(rows.length / size) }, (_, i) => rows.slice(i * size, (i + 1) * size));

export interface MonthRange {
  organisationId: string;
  /** First day of the first month, 'YYYY-MM-01'. */
  fromDate: string;
  /** First day after the last month. */
  toDateExclusive: string;
  /** Nothing after this date is counted (today, in Swedish time). */
  today: string;
  unitId?: string | undefined;
}

export interface MonthCount {
  month: string;
  key: string;
  n: number;
  /** Of which persons with protected identity. */
  p: number;
}

const monthCounts = (rows: Record<string, unknown>[]): MonthCount[] =>
  rows.map((x) => ({
    month: String(x.month),
    key: String(x.key ?? ''),
    n: Number(x.n),
    p: Number(x.p),
  }));

/** Referrals (anvisningar) received per month; the unit is the person's responsible unit. */
export async function monthlyReferrals(tx: Tx, f: MonthRange): Promise<MonthCount[]> {
  const r = await sql<Record<string, unknown>>`
    SELECT to_char(r.referral_date, 'YYYY-MM') AS month, 'total' AS key, count(*)::int AS n,
      count(*) FILTER (WHERE p.protection_level <> 'none')::int AS p
    FROM referral r
    JOIN person p ON p.organisation_id = r.organisation_id AND p.id = r.person_id
    WHERE r.organisation_id = ${f.organisationId}
      AND r.referral_date >= ${f.fromDate}::date AND r.referral_date < ${f.toDateExclusive}::date
      AND r.referral_date <= ${f.today}::date
      ${f.unitId ? sql`AND p.responsible_unit_id = ${f.unitId}` : sql``}
    GROUP BY 1
    ORDER BY 1`.execute(tx);
  return monthCounts(r.rows);
}

/** Enrolments started per month (status enrolled, paused or exited; start date passed). */
export async function monthlyEnrolmentsStarted(tx: Tx, f: MonthRange): Promise<MonthCount[]> {
  const r = await sql<Record<string, unknown>>`
    SELECT to_char(e.start_date, 'YYYY-MM') AS month, 'total' AS key, count(*)::int AS n,
      count(*) FILTER (WHERE p.protection_level <> 'none')::int AS p
    FROM enrolment e
    JOIN person p ON p.organisation_id = e.organisation_id AND p.id = e.person_id
    WHERE e.organisation_id = ${f.organisationId}
      AND e.status IN ('enrolled', 'paused', 'exited')
      AND e.start_date >= ${f.fromDate}::date AND e.start_date < ${f.toDateExclusive}::date
      AND e.start_date <= ${f.today}::date
      ${f.unitId ? sql`AND e.unit_id = ${f.unitId}` : sql``}
    GROUP BY 1
    ORDER BY 1`.execute(tx);
  return monthCounts(r.rows);
}

/** Exits per month and exit reason ('okand' when the reason is missing). */
export async function monthlyExits(tx: Tx, f: MonthRange): Promise<MonthCount[]> {
  const r = await sql<Record<string, unknown>>`
    SELECT to_char(e.exit_date, 'YYYY-MM') AS month, coalesce(e.exit_reason, 'okand') AS key,
      count(*)::int AS n, count(*) FILTER (WHERE p.protection_level <> 'none')::int AS p
    FROM enrolment e
    JOIN person p ON p.organisation_id = e.organisation_id AND p.id = e.person_id
    WHERE e.organisation_id = ${f.organisationId}
      AND e.exit_date >= ${f.fromDate}::date AND e.exit_date < ${f.toDateExclusive}::date
      AND e.exit_date <= ${f.today}::date
      ${f.unitId ? sql`AND e.unit_id = ${f.unitId}` : sql``}
    GROUP BY 1, 2
    ORDER BY 1, 2`.execute(tx);
  return monthCounts(r.rows);
}

export async function socialAssistanceMonths(tx: Tx, organisationId: string, from: string, to: string) {
  return tx
    .selectFrom('dashboard_social_assistance_month')
    .select(['month', 'applications'])
    .where('organisation_id', '=', organisationId)
    .where('month', '>=', from)
    .where('month', '<=', to)
    .orderBy('month')
    .execute();
}

export async function unemploymentMonths(tx: Tx, organisationId: string, from: string, to: string) {
  return tx
    .selectFrom('dashboard_unemployment_month')
    .select(['month', 'age_group', 'registered', 'share_percent'])
    .where('organisation_id', '=', organisationId)
    .where('month', '>=', from)
    .where('month', '<=', to)
    .orderBy('month')
    .orderBy('age_group')
    .execute();
}

export async function dashboardGoals(tx: Tx, organisationId: string) {
  return tx
    .selectFrom('dashboard_goal')
    .select(['metric', 'target', 'label', 'updated_at'])
    .where('organisation_id', '=', organisationId)
    .orderBy('metric')
    .execute();
}

export async function saveDashboardGoal(
  tx: Tx,
  row: {
    organisationId: string;
    metric: string;
    target: number | null;
    label: string | null;
    userId: string | null;
    now: Date;
  },
) {
  if (row.target === null) {
    await tx
      .deleteFrom('dashboard_goal')
      .where('organisation_id', '=', row.organisationId)
      .where('metric', '=', row.metric)
      .execute();
    return;
  }
  const values = { target: row.target, label: row.label, updated_by: row.userId, updated_at: row.now };
  await tx
    .insertInto('dashboard_goal')
    .values({ organisation_id: row.organisationId, metric: row.metric, ...values })
    .onConflict((oc) => oc.columns(['organisation_id', 'metric']).doUpdateSet(values))
    .execute();
}

/** Replaces the given months of the social-assistance series; returns the months that existed. */
export async function replaceSocialAssistanceMonths(
  tx: Tx,
  organisationId: string,
  importId: string,
  rows: { month: string; applications: number }[],
  userId: string | null,
  now: Date,
): Promise<string[]> {
  const months = rows.map((r) => r.month);
  const replaced = await tx
    .deleteFrom('dashboard_social_assistance_month')
    .where('organisation_id', '=', organisationId)
    .where('month', 'in', months)
    .returning('month')
    .execute();
  for (const part of chunks(rows, 1000)) {
    await tx
      .insertInto('dashboard_social_assistance_month')
      .values(
        part.map((r) => ({
          organisation_id: organisationId,
          month: r.month,
          applications: r.applications,
          import_id: importId,
          imported_by: userId,
          imported_at: now,
        })),
      )
      .execute();
  }
  return replaced.map((r) => r.month).sort();
}

/** Replaces every age group of the given months of Arbetsförmedlingen's statistics. */
export async function replaceUnemploymentMonths(
  tx: Tx,
  organisationId: string,
  importId: string,
  rows: { month: string; ageGroup: string; registered: number | null; sharePercent: number | null }[],
  userId: string | null,
  now: Date,
): Promise<string[]> {
  const months = [...new Set(rows.map((r) => r.month))];
  const replaced = await tx
    .deleteFrom('dashboard_unemployment_month')
    .where('organisation_id', '=', organisationId)
    .where('month', 'in', months)
    .returning('month')
    .execute();
  for (const part of chunks(rows, 1000)) {
    await tx
      .insertInto('dashboard_unemployment_month')
      .values(
        part.map((r) => ({
          organisation_id: organisationId,
          month: r.month,
          age_group: r.ageGroup,
          registered: r.registered,
          share_percent: r.sharePercent,
          import_id: importId,
          imported_by: userId,
          imported_at: now,
        })),
      )
      .execute();
  }
  return [...new Set(replaced.map((r) => r.month))].sort();
}
