import type { FollowUpReport } from '../features/reports/follow-up-report.ts';
import type { OutcomeFigures, OutcomeReport } from '../features/reports/outcome-report.ts';
import type { ScenarioContext, ScenarioParticipant } from './scenario.ts';

/**
 * The report part of the scenario runner (issue 7): loads households, workplaces, enrolments with
 * placements and exits, and costs through the public API, and computes the report keys of `expected`.
 * Generic for any file of the same shape (DOMAIN scenarios/README.md).
 *
 * Conventions, documented here because the files do not say them:
 * - An exit with reason `arbete` needs an employment form in Insats; the files have none, so the runner
 *   passes the neutral `okand` (unknown). It does not affect any count.
 * - A household whose members are exactly two participants is registered as a couple taking part
 *   together (partner link), which is how the registry models "couples who both take part".
 * - Reports are computed with disclosure control OFF (the case team's internal view, asked for by the
 *   scenario user, who is enhetschef over every unit), as the published figures are unsuppressed.
 * - Costs go through the finance API (budget = forecast, cost outcome = outcome, for the period from the
 *   earliest start to the reference date); if finance is not installed, through PUT /api/reports/costs.
 */

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

interface ScenarioEnrolment {
  programme?: string;
  unit?: string;
  start?: string;
  placement?: { workplace: string; start: string } | null;
  exit?: { date: string; reason: string } | null;
}

interface ScenarioHousehold {
  id: string;
  childrenAtHome?: number;
  members: string[];
}

interface ScenarioWorkplace {
  id: string;
  name: string;
  kind?: string;
  sector?: string;
}

interface ScenarioCost {
  category: string;
  forecastSek: number;
  outcomeSek: number;
}

export interface ReportScenarioState {
  enrolmentIds: Map<string, string>;
  workplaceIds: Map<string, string>;
  outcome?: OutcomeReport;
  followUp?: FollowUpReport;
}

const state = new WeakMap<ScenarioContext, ReportScenarioState>();

function stateOf(s: ScenarioContext): ReportScenarioState {
  let st = state.get(s);
  if (!st) {
    st = { enrolmentIds: new Map(), workplaceIds: new Map() };
    state.set(s, st);
  }
  return st;
}

const enrolmentOf = (p: ScenarioParticipant): ScenarioEnrolment | null =>
  p.enrolment && typeof p.enrolment === 'object' ? (p.enrolment as ScenarioEnrolment) : null;

/** The unit a participant belongs to: their enrolment's unit when the file names one. */
export function scenarioUnitOf(s: ScenarioContext, p: ScenarioParticipant, fallback: string): string {
  const unit = enrolmentOf(p)?.unit;
  return (unit && s.unitIds.get(unit)) || fallback;
}

async function status(s: ScenarioContext, method: string, url: string, body?: unknown): Promise<number> {
  try {
    await s.api.call(method, url, body);
    return 200;
  } catch (e) {
    const m = /gav (\d{3})/.exec(String(e));
    if (m && (m[1] === '404' || m[1] === '405')) return Number(m[1]);
    throw e;
  }
}

/** Loads everything the report scenarios need, after the participants are registered. */
export async function loadReportData(s: ScenarioContext): Promise<void> {
  const st = stateOf(s);
  const file = s.file;
  const person = (id: string) => {
    const found = s.personIds.get(id);
    if (!found) throw new Error(`Okänd deltagare i scenariofilen: ${id}`);
    return found;
  };

  for (const h of (file.households as ScenarioHousehold[] | undefined) ?? []) {
    const [first, ...rest] = h.members;
    if (!first) continue;
    await s.api.call('POST', `/api/participants/${person(first)}/household`, {
      childrenAtHome: h.childrenAtHome ?? 0,
    });
    for (const m of rest) {
      await s.api.call('POST', `/api/participants/${person(m)}/household/join`, { personId: person(first) });
    }
    if (h.members.length === 2 && rest[0]) {
      await s.api.call('PUT', `/api/participants/${person(first)}/partner`, { partnerId: person(rest[0]) });
    }
  }

  for (const w of (file.workplaces as ScenarioWorkplace[] | undefined) ?? []) {
    try {
      const created = await s.api.call<{ id: string }>('POST', '/api/workplaces', {
        kind: w.kind ?? 'kommunal',
        name: w.name,
        sector: w.sector ?? null,
      });
      st.workplaceIds.set(w.id, created.id);
    } catch (e) {
      if (/gav 40[45]/.test(String(e))) break; // workplaces not installed: sectors stay empty
      throw e;
    }
  }

  if (!s.programmeId) return;
  for (const p of file.participants ?? []) {
    const e = enrolmentOf(p);
    if (!e?.start) continue;
    const enrolled = await s.api.call<{ id: string }>('POST', `/api/programmes/${s.programmeId}/enrolments`, {
      personId: person(p.id),
      ...(e.unit && s.unitIds.get(e.unit) ? { unitId: s.unitIds.get(e.unit) } : {}),
      startDate: e.start,
    });
    st.enrolmentIds.set(p.id, enrolled.id);
    const workplaceId = e.placement ? st.workplaceIds.get(e.placement.workplace) : undefined;
    if (e.placement && workplaceId) {
      await s.api.call('POST', '/api/placements', {
        enrolmentId: enrolled.id,
        workplaceId,
        startDate: e.placement.start,
      });
    }
    if (e.exit) {
      await s.api.call('POST', `/api/enrolments/${enrolled.id}/exit`, {
        exitDate: e.exit.date,
        reason: e.exit.reason,
        ...(e.exit.reason === 'arbete' ? { employmentForm: 'okand' } : {}),
      });
    }
  }

  const costs = (file.costs as ScenarioCost[] | undefined) ?? [];
  if (costs.length > 0) {
    const starts = (file.participants ?? [])
      .map((p) => enrolmentOf(p)?.start)
      .filter((d): d is string => typeof d === 'string')
      .sort();
    const to = file.referenceDate ?? starts.at(-1) ?? '2000-12-31';
    const from = starts[0] && starts[0] <= to ? starts[0] : `${to.slice(0, 4)}-01-01`;
    let viaFinance = true;
    for (const c of costs) {
      const line = { category: c.category, periodFrom: from, periodTo: to };
      if (
        (await status(s, 'POST', `/api/programmes/${s.programmeId}/budget`, {
          ...line,
          amountSek: c.forecastSek,
        })) !== 200
      ) {
        viaFinance = false;
        break;
      }
      await s.api.call('POST', `/api/programmes/${s.programmeId}/cost-outcomes`, {
        ...line,
        amountSek: c.outcomeSek,
      });
    }
    if (!viaFinance) {
      await s.api.call('PUT', '/api/reports/costs', { programmeId: s.programmeId, costs });
    }
  }
}

async function outcome(s: ScenarioContext): Promise<OutcomeReport> {
  const st = stateOf(s);
  if (!st.outcome) {
    const q = new URLSearchParams({
      referenceDate: s.file.referenceDate ?? '2100-12-31',
      suppress: 'false',
      ...(s.programmeId ? { programmeId: s.programmeId } : {}),
    });
    st.outcome = await s.api.call<OutcomeReport>('GET', `/api/reports/outcomes?${q}`);
  }
  return st.outcome;
}

async function followUp(s: ScenarioContext): Promise<FollowUpReport> {
  const st = stateOf(s);
  if (!s.programmeId) throw new Error('Uppföljningsrapporten kräver en insats i scenariofilen.');
  if (!st.followUp) {
    const q = new URLSearchParams({
      referenceDate: s.file.referenceDate ?? '2100-12-31',
      suppress: 'false',
      programmeId: s.programmeId,
    });
    st.followUp = await s.api.call<FollowUpReport>('GET', `/api/reports/follow-up?${q}`);
  }
  return st.followUp;
}

/** Keys only the follow-up report has: a file expecting any of them is a follow-up scenario. */
const FOLLOW_UP_KEYS = [
  'women',
  'men',
  'ageMin',
  'ageMax',
  'households',
  'couples',
  'childrenAffected',
  'participantsWithoutChildrenAtHome',
  'languagesByCount',
  'sectorsByCount',
  'akassaMembers',
  'costs',
];
const isFollowUp = (s: ScenarioContext) =>
  Object.keys(s.file.expected).some((k) => FOLLOW_UP_KEYS.includes(k));

const outcomeFigure = (pick: (f: OutcomeFigures) => { value: number | null }) => async (s: ScenarioContext) =>
  pick((await outcome(s)).total).value;

const countRows = (rows: { code: string; count: { value: number | null } }[]): Json =>
  rows.map((r) => [r.code, r.count.value]);

export const REPORT_COMPUTATIONS: Record<string, (s: ScenarioContext) => Promise<Json>> = {
  participants: async (s) =>
    isFollowUp(s) ? (await followUp(s)).participants.value : (await outcome(s)).total.participants.value,
  exited: outcomeFigure((f) => f.exited),
  intoWork: outcomeFigure((f) => f.intoWork),
  intoStudies: outcomeFigure((f) => f.intoStudies),
  intoWorkOrStudies: outcomeFigure((f) => f.intoWorkOrStudies),
  shareOfExitedPercent: outcomeFigure((f) => f.shareOfExitedPercent),
  shareWithin18MonthsPercent: outcomeFigure((f) => f.shareWithin18MonthsPercent),
  byUnit: async (s) => {
    const report = await outcome(s);
    return (s.file.organisation?.units ?? []).map((u) => {
      const g = report.byUnit.find((x) => x.key === s.unitIds.get(u.id));
      return {
        unit: u.id,
        participants: g?.figures.participants.value ?? 0,
        exited: g?.figures.exited.value ?? 0,
        intoWorkOrStudies: g?.figures.intoWorkOrStudies.value ?? 0,
        shareOfExitedPercent: g?.figures.shareOfExitedPercent.value ?? null,
      };
    });
  },
  women: async (s) => (await followUp(s)).bySex.find((r) => r.code === 'K')?.count.value ?? 0,
  men: async (s) => (await followUp(s)).bySex.find((r) => r.code === 'M')?.count.value ?? 0,
  ageMin: async (s) => (await followUp(s)).ageMin.value,
  ageMax: async (s) => (await followUp(s)).ageMax.value,
  households: async (s) => (await followUp(s)).households.value,
  couples: async (s) => (await followUp(s)).couples.value,
  childrenAffected: async (s) => (await followUp(s)).childrenAffected.value,
  participantsWithoutChildrenAtHome: async (s) => (await followUp(s)).participantsWithoutChildrenAtHome.value,
  languagesByCount: async (s) => countRows((await followUp(s)).languagesByCount),
  sectorsByCount: async (s) => countRows((await followUp(s)).sectorsByCount),
  akassaMembers: async (s) => (await followUp(s)).akassaMembers.value,
  costs: async (s) =>
    (await followUp(s)).costs.map((c) => ({
      category: c.category,
      forecastSek: c.forecastSek,
      outcomeSek: c.outcomeSek,
      deviationSek: c.deviationSek,
    })),
};
