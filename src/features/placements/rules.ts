import type { Lang } from '../../context.ts';
import type { FieldIssue } from '../../http/errors.ts';
import { ruleViolation } from '../../http/errors.ts';
import type { PlacementTerms } from '../workplaces/placement-terms.ts';
import { type Period, periodCovered, periodsOverlap } from './periods.ts';
import type { EmploymentInput } from './schema.ts';

/** Collects field issues in the request's language; one 422 answer lists them all. */
export class PlacementIssues {
  readonly list: FieldIssue[] = [];
  constructor(private readonly lang: Lang) {}
  add(path: string, sv: string, en: string) {
    this.list.push({ path, message: this.lang === 'en' ? en : sv });
  }
  /** Adds one issue and throws with everything collected so far. */
  fail(path: string, sv: string, en: string): never {
    this.add(path, sv, en);
    throw this.error();
  }
  throwIfAny() {
    if (this.list.length > 0) throw this.error();
  }
  private error() {
    // The message repeats every field message, for clients that show only the message.
    const all = this.list.map((i) => i.message).join(' ');
    return ruleViolation(
      'invalid_placement',
      this.list.length === 1 ? all : `Placeringen kan inte sparas: ${all}`,
      this.list.length === 1 ? all : `The placement cannot be saved: ${all}`,
      this.list,
    );
  }
}

export interface EnrolmentFacts {
  status: string;
  start_date: string | null;
  exit_date: string | null;
  programme_kind: string;
}

export interface PlacementDraft {
  workplaceId: string;
  slotId: string | null;
  supervisorId: string | null;
  startDate: string;
  endDate: string | null;
  employment: EmploymentInput | null;
}

const fmt = (p: Period) => `${p.start}–${p.end ?? ''}`;

/**
 * Every rule a placement must meet. Returns the end date to store: an open placement in an enrolment
 * that has an exit date ends on that date. All problems are collected before anything is written.
 */
export function checkPlacement(
  draft: PlacementDraft,
  enrolment: EnrolmentFacts,
  terms: PlacementTerms,
  others: { id: string; start_date: string; end_date: string | null; workplace_name: string }[],
  slotUse: { id: string; start_date: string; end_date: string | null }[],
  issues: PlacementIssues,
): { endDate: string | null } {
  let endDate = draft.endDate;
  if (endDate === null && enrolment.exit_date && draft.startDate <= enrolment.exit_date)
    endDate = enrolment.exit_date;
  const period: Period = { start: draft.startDate, end: endDate };

  if (!terms.active) {
    issues.add('body.workplaceId', 'Arbetsplatsen är inaktiv.', 'The workplace is inactive.');
  }
  if (!['enrolled', 'paused', 'exited'].includes(enrolment.status) || !enrolment.start_date) {
    issues.add(
      'body.enrolmentId',
      'Deltagaren har inget startdatum i insatsen. Skriv in deltagaren innan placeringen planeras.',
      'The participant has no start date in the programme. Enrol them before planning a placement.',
    );
  } else if (draft.startDate < enrolment.start_date) {
    issues.add(
      'body.startDate',
      `Placeringen kan inte börja före insatsens startdatum ${enrolment.start_date}.`,
      `The placement cannot start before the enrolment's start date ${enrolment.start_date}.`,
    );
  }
  if (enrolment.exit_date) {
    if (draft.startDate > enrolment.exit_date) {
      issues.add(
        'body.startDate',
        `Placeringen kan inte börja efter att deltagaren avslutat insatsen ${enrolment.exit_date}.`,
        `The placement cannot start after the enrolment's exit date ${enrolment.exit_date}.`,
      );
    } else if (endDate !== null && endDate > enrolment.exit_date) {
      issues.add(
        'body.endDate',
        `Placeringen kan inte sluta efter insatsens avslutsdatum ${enrolment.exit_date}.`,
        `The placement cannot end after the enrolment's exit date ${enrolment.exit_date}.`,
      );
    }
  }
  if (endDate !== null && endDate < draft.startDate) {
    issues.add(
      'body.endDate',
      'Slutdatum kan inte ligga före startdatum.',
      'The end date is before the start date.',
    );
  }
  if (draft.supervisorId) {
    const s = terms.supervisors.find((x) => x.id === draft.supervisorId);
    if (!s) {
      issues.add(
        'body.supervisorId',
        'Handledaren hör inte till den valda arbetsplatsen.',
        'The supervisor does not belong to the chosen workplace.',
      );
    } else if (!s.active) {
      issues.add('body.supervisorId', 'Handledaren är inaktiv.', 'The supervisor is inactive.');
    }
  }
  if (draft.slotId) {
    const slot = terms.slots.find((x) => x.id === draft.slotId);
    if (!slot) {
      issues.add(
        'body.slotId',
        'Platsen hör inte till den valda arbetsplatsen.',
        'The slot does not belong to the chosen workplace.',
      );
    } else {
      if (draft.startDate < slot.start || draft.startDate > slot.end) {
        issues.add(
          'body.slotId',
          `Placeringen börjar utanför platsens period ${slot.start}–${slot.end}.`,
          `The placement starts outside the slot's period ${slot.start}–${slot.end}.`,
        );
      }
      const inUse = slotUse.filter((u) => periodsOverlap({ start: u.start_date, end: u.end_date }, period));
      if (inUse.length >= slot.places) {
        issues.add(
          'body.slotId',
          `Platserna för perioden är fyllda (${slot.places} av ${slot.places}).`,
          `The slot's places are all taken (${slot.places} of ${slot.places}).`,
        );
      }
    }
  }
  if (terms.agreementRequired && !periodCovered(period, terms.agreements)) {
    const startCovered = periodCovered({ start: draft.startDate, end: draft.startDate }, terms.agreements);
    const valid = terms.agreements.map(fmt).join(', ');
    const path = startCovered ? 'body.endDate' : 'body.startDate';
    if (terms.agreements.length === 0) {
      issues.add(
        path,
        'Arbetsplatsen har inget avtal. Registrera ett avtal innan placeringen planeras.',
        'The workplace has no agreement. Record one before planning the placement.',
      );
    } else if (endDate === null && startCovered) {
      issues.add(
        path,
        `Ange slutdatum: placeringen måste rymmas inom arbetsplatsens avtal (${valid}).`,
        `Give an end date: the placement must fit within the workplace's agreements (${valid}).`,
      );
    } else {
      issues.add(
        path,
        `Placeringen ligger utanför arbetsplatsens avtal (${valid}).`,
        `The placement lies outside the workplace's agreements (${valid}).`,
      );
    }
  }
  for (const o of others) {
    if (periodsOverlap(period, { start: o.start_date, end: o.end_date })) {
      issues.add(
        'body.startDate',
        `Deltagaren har redan en placering ${o.start_date}–${o.end_date ?? 'tills vidare'} (${o.workplace_name}) som överlappar.`,
        `The participant already has an overlapping placement ${o.start_date}–${o.end_date ?? 'open'} (${o.workplace_name}).`,
      );
    }
  }
  const e = draft.employment;
  if (e) {
    const hasAny = [e.form, e.hoursPerWeek, e.monthlySalarySek, e.employerCostFactor, e.subsidy].some(
      (v) => v !== null && v !== undefined,
    );
    if (hasAny && enrolment.programme_kind !== 'anstallning') {
      issues.add(
        'body.employment',
        'Anställningsuppgifter hör bara till insatser som är anställningar.',
        'Employment details belong only to employment programmes.',
      );
    }
    if (e.subsidy?.from && e.subsidy.to && e.subsidy.to < e.subsidy.from) {
      issues.add(
        'body.employment.subsidy.to',
        'Stödperiodens slut ligger före dess början.',
        'The subsidy period ends before it starts.',
      );
    }
  }
  return { endDate };
}

/** Columns for the employment details (all null when none are given). */
export function employmentColumns(e: EmploymentInput | null | undefined) {
  return {
    employment_form: e?.form ?? null,
    hours_per_week: e?.hoursPerWeek ?? null,
    monthly_salary_sek: e?.monthlySalarySek ?? null,
    employer_cost_factor: e?.employerCostFactor ?? null,
    subsidy_kind: e?.subsidy?.kind ?? null,
    subsidy_decision_id: e?.subsidy?.decisionId?.trim() || null,
    subsidy_monthly_sek: e?.subsidy?.monthlyAmountSek ?? null,
    subsidy_from: e?.subsidy?.from ?? null,
    subsidy_to: e?.subsidy?.to ?? null,
  };
}
