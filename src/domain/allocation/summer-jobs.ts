/**
 * Summer jobs: youths rank workplace × period slots. Eligibility (age on the period's start, home area,
 * licence) filters the arcs; ineligible choices stay in the input (eligible: false) so that explanations can
 * say why. Priority groups (first-timers, social reasons …) are passed through as priority tiers.
 */
import { AllocationInputError } from './errors.ts';
import type { AllocationInput, AttributeValue, Choice } from './types.ts';

export interface SummerYouth {
  id: string;
  /** ISO date `YYYY-MM-DD`. */
  birthDate: string;
  /** Home area (district code). */
  area: string;
  licences?: string[];
  /** Priority tier (0 highest) or true; e.g. first-timers 0, social reasons 0, others none. */
  priority?: boolean | number;
  attributes?: Record<string, AttributeValue>;
}

export interface SummerSlot {
  /** One id per workplace × period, e.g. `bibliotek-norr:v26-28`. */
  id: string;
  workplaceId: string;
  periodId: string;
  /** ISO date `YYYY-MM-DD`: age is computed on this day. */
  periodStart: string;
  capacity: number;
  /** Home areas that may apply; absent = all. */
  areas?: string[];
  minAge?: number;
  maxAge?: number;
  requiredLicence?: string;
  label?: string;
}

export interface SummerApplication {
  youthId: string;
  /** Slot ids, first choice first. */
  choices: string[];
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function parseDate(s: string): { y: number; m: number; d: number } | null {
  const match = ISO_DATE.exec(s ?? '');
  if (match === null) return null;
  const y = Number(match[1]);
  const m = Number(match[2]);
  const d = Number(match[3]);
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return { y, m, d };
}

/** Age in whole years on `onDate` (both ISO dates). */
export function ageOn(birthDate: string, onDate: string): number {
  const b = parseDate(birthDate);
  const o = parseDate(onDate);
  if (b === null || o === null) throw new RangeError(`Ogiltigt datum: ${b === null ? birthDate : onDate}`);
  let age = o.y - b.y;
  if (o.m < b.m || (o.m === b.m && o.d < b.d)) age--;
  return age;
}

/** Why a youth may not take a slot (empty = eligible). */
export function summerIneligibility(youth: SummerYouth, slot: SummerSlot): string[] {
  const reasons: string[] = [];
  const age = ageOn(youth.birthDate, slot.periodStart);
  if (slot.minAge !== undefined && age < slot.minAge) {
    reasons.push(`För ung: ${age} år vid periodstart ${slot.periodStart}, minst ${slot.minAge}`);
  }
  if (slot.maxAge !== undefined && age > slot.maxAge) {
    reasons.push(`För gammal: ${age} år vid periodstart ${slot.periodStart}, högst ${slot.maxAge}`);
  }
  if (slot.areas !== undefined && !slot.areas.includes(youth.area)) {
    reasons.push(`Bor i område ${youth.area}, platsen är för ${slot.areas.join(', ')}`);
  }
  if (slot.requiredLicence !== undefined && !(youth.licences ?? []).includes(slot.requiredLicence)) {
    reasons.push(`Saknar körkort (${slot.requiredLicence})`);
  }
  return reasons;
}

export function buildSummerJobsInput(data: {
  youths: SummerYouth[];
  slots: SummerSlot[];
  applications: SummerApplication[];
}): AllocationInput {
  const { youths, slots, applications } = data;
  const youthById = new Map<string, SummerYouth>();
  youths.forEach((y, index) => {
    if (parseDate(y?.birthDate) === null) {
      throw new AllocationInputError(
        `Ungdom "${y?.id}" har ogiltigt födelsedatum "${y?.birthDate}"`,
        'bad-date',
        {
          kind: 'applicant',
          id: y?.id,
          index,
        },
      );
    }
    youthById.set(y.id, y);
  });
  const slotById = new Map<string, SummerSlot>();
  slots.forEach((s, index) => {
    if (parseDate(s?.periodStart) === null) {
      throw new AllocationInputError(
        `Plats "${s?.id}" har ogiltigt startdatum "${s?.periodStart}"`,
        'bad-date',
        {
          kind: 'workplace',
          id: s?.id,
          index,
        },
      );
    }
    slotById.set(s.id, s);
  });
  const preferences = applications.map((app, index) => {
    const youth = youthById.get(app.youthId);
    if (youth === undefined) {
      throw new AllocationInputError(
        `Sökande "${app.youthId}" finns inte (ansökan nr ${index + 1})`,
        'unknown-applicant',
        {
          kind: 'preference',
          id: app.youthId,
          index,
        },
      );
    }
    const choices: Choice[] = app.choices.map((slotId, c) => {
      const slot = slotById.get(slotId);
      if (slot === undefined) {
        throw new AllocationInputError(
          `Arbetsplats "${slotId}" finns inte (sökande "${app.youthId}", val ${c + 1})`,
          'unknown-workplace',
          {
            kind: 'choice',
            id: app.youthId,
            index,
            choice: c + 1,
          },
        );
      }
      const reasons = summerIneligibility(youth, slot);
      return reasons.length === 0
        ? { workplaceId: slotId }
        : { workplaceId: slotId, eligible: false, ineligibleReasons: reasons };
    });
    return { applicantId: app.youthId, choices };
  });
  return {
    applicants: youths.map((y) => ({
      id: y.id,
      ...(y.priority !== undefined ? { priority: y.priority } : {}),
      ...(y.attributes !== undefined ? { attributes: y.attributes } : {}),
    })),
    workplaces: slots.map((s) => ({
      id: s.id,
      capacity: s.capacity,
      label: s.label ?? `${s.workplaceId} ${s.periodId}`,
    })),
    preferences,
  };
}
