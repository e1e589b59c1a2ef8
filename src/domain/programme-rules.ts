import { addDays, addMonths } from './dates.ts';
import { ageOn } from './personnummer.ts';

/**
 * Programme rules as data: eligibility with reasons, priority groups and phase dates. Pure; the
 * programmes feature stores the rules as JSON and evaluates them here.
 */

export interface EligibilityRules {
  /** The person's income source before start must be one of these. */
  incomeSources?: string[];
  /** Age on the start date (inclusive bounds). */
  minAge?: number;
  maxAge?: number;
  /** Must speak at least one of these languages (ISO 639). */
  speaksOneOf?: string[];
  /** Must be registered (folkbokförd) in one of these municipalities (kommunkod). */
  municipalityCodes?: string[];
}

export interface EligibilitySubject {
  birthDate: string;
  incomeSource: string | null;
  languages: string[];
  municipalityCode: string | null;
}

export interface RuleFailure {
  rule: keyof EligibilityRules;
  sv: string;
  en: string;
}

const INCOME_SV: Record<string, string> = {
  forsorjningsstod: 'försörjningsstöd',
  aktivitetsstod: 'aktivitetsstöd',
  ingen: 'ingen inkomst',
  annan: 'annan inkomst',
};

/** Every rule the person fails, in Swedish and English; empty when eligible. */
export function evaluateEligibility(
  rules: EligibilityRules,
  who: EligibilitySubject,
  onDate: string,
): RuleFailure[] {
  const failures: RuleFailure[] = [];
  if (rules.incomeSources && rules.incomeSources.length > 0) {
    if (!who.incomeSource || !rules.incomeSources.includes(who.incomeSource)) {
      const wanted = rules.incomeSources.map((s) => INCOME_SV[s] ?? s).join(' eller ');
      failures.push({
        rule: 'incomeSources',
        sv: `Insatsen kräver ${wanted} före start; deltagaren har ${who.incomeSource ? (INCOME_SV[who.incomeSource] ?? who.incomeSource) : 'ingen registrerad inkomstkälla'}.`,
        en: `The programme requires income source ${rules.incomeSources.join(' or ')} before start.`,
      });
    }
  }
  const age = ageOn(who.birthDate, onDate);
  if (rules.minAge !== undefined && age < rules.minAge) {
    failures.push({
      rule: 'minAge',
      sv: `Deltagaren är ${age} år vid start; lägsta ålder är ${rules.minAge}.`,
      en: `The participant is ${age} at start; the minimum age is ${rules.minAge}.`,
    });
  }
  if (rules.maxAge !== undefined && age > rules.maxAge) {
    failures.push({
      rule: 'maxAge',
      sv: `Deltagaren är ${age} år vid start; högsta ålder är ${rules.maxAge}.`,
      en: `The participant is ${age} at start; the maximum age is ${rules.maxAge}.`,
    });
  }
  if (
    rules.speaksOneOf &&
    rules.speaksOneOf.length > 0 &&
    !who.languages.some((l) => rules.speaksOneOf!.includes(l))
  ) {
    failures.push({
      rule: 'speaksOneOf',
      sv: `Insatsen kräver att deltagaren talar något av språken ${rules.speaksOneOf.join(', ')}.`,
      en: `The programme requires one of the languages ${rules.speaksOneOf.join(', ')}.`,
    });
  }
  if (rules.municipalityCodes && rules.municipalityCodes.length > 0) {
    if (!who.municipalityCode || !rules.municipalityCodes.includes(who.municipalityCode)) {
      failures.push({
        rule: 'municipalityCodes',
        sv: 'Deltagaren är inte folkbokförd i en kommun som insatsen gäller för.',
        en: 'The participant is not registered in a municipality the programme covers.',
      });
    }
  }
  return failures;
}

/** Priority groups known to the engine; a programme lists the ones it uses, highest first. */
export type PriorityGroup = 'barnfamilj' | 'ung_vuxen' | 'langvarigt_bistand';

export interface PrioritySubject {
  childrenAtHome: number;
  birthDate: string;
  /** Months, of the last 12, with ekonomiskt bistånd (person.assistance_months); null = not recorded. */
  assistanceMonths: number | null;
}

/**
 * Långvarigt bistånd as Socialstyrelsen defines it: bistånd received in at least 10 of the 12 months
 * of a year. Duration alone decides; the income source says nothing about it, and a person whose
 * months are not recorded is not in the group.
 */
export const LONG_TERM_ASSISTANCE_MONTHS = 10;

export function isLongTermAssistance(assistanceMonths: number | null): boolean {
  return assistanceMonths !== null && assistanceMonths >= LONG_TERM_ASSISTANCE_MONTHS;
}

/**
 * Rank for the waiting list: the index of the first listed group the person belongs to (0 = highest);
 * people in no group rank after all groups. Ties are broken by referral date by the caller.
 * barnfamilj: children living at home; ung_vuxen: under 25 on the date; langvarigt_bistand:
 * {@link isLongTermAssistance} (at least 10 of the last 12 months, Socialstyrelsen).
 */
export function priorityRank(groups: PriorityGroup[], who: PrioritySubject, onDate: string): number {
  for (const [i, g] of groups.entries()) {
    if (g === 'barnfamilj' && who.childrenAtHome > 0) return i;
    if (g === 'ung_vuxen' && ageOn(who.birthDate, onDate) < 25) return i;
    if (g === 'langvarigt_bistand' && isLongTermAssistance(who.assistanceMonths)) return i;
  }
  return groups.length;
}

export interface PhaseSpec {
  code: string;
  weeks?: number | null;
  months?: number | null;
}

export interface PlannedPhase {
  code: string;
  startsOn: string;
  endsOn: string; // inclusive last day
}

/**
 * Consecutive phases from a start date; each starts the day after the previous one ends. A phase with
 * neither weeks nor months is open-ended and must be last. `extraDays` (pauses, extensions) lengthen
 * the last phase, and so the planned end.
 */
export function planPhases(start: string, phases: PhaseSpec[], extraDays = 0): PlannedPhase[] {
  const out: PlannedPhase[] = [];
  let from = start;
  for (const [i, p] of phases.entries()) {
    let next: string;
    if (p.weeks) next = addDays(from, p.weeks * 7);
    else if (p.months) next = addMonths(from, p.months);
    else {
      if (i !== phases.length - 1) throw new Error(`Fasen ${p.code} saknar längd men är inte sista fasen.`);
      out.push({ code: p.code, startsOn: from, endsOn: addDays(from, extraDays) });
      return out;
    }
    const last = i === phases.length - 1;
    out.push({ code: p.code, startsOn: from, endsOn: addDays(next, (last ? extraDays : 0) - 1) });
    from = next;
  }
  return out;
}

/** Planned end: the last phase's end, capped by the programme's maximum length (plus pauses). */
export function plannedEnd(
  start: string,
  phases: PhaseSpec[],
  maxLengthMonths: number | null,
  extraDays = 0,
): string | null {
  const planned = planPhases(start, phases, extraDays);
  const phaseEnd =
    planned.length > 0 && (phases.at(-1)?.weeks || phases.at(-1)?.months) ? planned.at(-1)!.endsOn : null;
  const maxEnd = maxLengthMonths ? addDays(addMonths(start, maxLengthMonths), extraDays - 1) : null;
  if (phaseEnd && maxEnd) return phaseEnd < maxEnd ? phaseEnd : maxEnd;
  return phaseEnd ?? maxEnd;
}

/** The cap in force on a date from dated capacity rows (latest valid_from on or before the date). */
export function capacityOn(rows: { validFrom: string; places: number }[], date: string): number | null {
  let best: { validFrom: string; places: number } | null = null;
  for (const r of rows) if (r.validFrom <= date && (!best || r.validFrom > best.validFrom)) best = r;
  return best ? best.places : null;
}
