import { compareCodePoints } from './compare.ts';
import { isLeapYear, requireIsoDate } from './iso-date.ts';

/**
 * Gallring (lawful culling of records) as data: each rule says which record type is culled how many
 * years after which trigger date, and which exception categories are never culled automatically.
 *
 * Semantics (DOMAIN.md §8, SoL 12 kap. 1–2 §§):
 * - The duty to cull arises on the anniversary: `years` full years after the trigger date. A trigger
 *   on 29 February whose anniversary falls in a common year arises on 1 March (never early: culling
 *   one day too early destroys an allmän handling without support).
 * - The culling must be completed by the end of the calendar year after the year the duty arose
 *   (`completeBy`). A dry run lists every record whose duty has arisen; the deadline is reported so
 *   that overdue culling is visible.
 * - A record without a trigger date (e.g. no recorded contact) is never due.
 * - A record carrying any of the rule's exception categories, or whose person is born on one of the
 *   rule's exception birth days (forskningsändamål: day 5, 15 or 25), is never due.
 */

/**
 * - last_entry: the last entry in the record; last_contact: the last recorded contact; exit: the end
 *   of the last enrolment (none while one is open).
 * - season_end: the last day of the season a summer-job application belongs to (its last period's end).
 */
export const GALLRING_TRIGGERS = ['last_entry', 'last_contact', 'exit', 'season_end'] as const;
export type GallringTrigger = (typeof GALLRING_TRIGGERS)[number];

export interface GallringRule {
  recordType: string;
  trigger: GallringTrigger;
  years: number;
  exceptionCategories: readonly string[];
  /** Days of the month (1–31) of the birth date that exempt a person (e.g. [5, 15, 25]). */
  exceptionBirthDays: readonly number[];
}

export interface GallringRecord {
  id: string;
  recordType: string;
  /** Trigger dates as `YYYY-MM-DD`; null or missing means the trigger has not occurred. */
  triggerDates: Partial<Record<GallringTrigger, string | null>>;
  categories: readonly string[];
  /** `YYYY-MM-DD`, for the birth-day exception. */
  birthDate?: string | null;
}

export interface DueRecord {
  id: string;
  recordType: string;
  /** The day the duty to cull arose. */
  dueDate: string;
  /** The last day by which the culling must be completed (31 December of the following year). */
  completeBy: string;
  overdue: boolean;
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** The day the duty arises: the anniversary `years` after `trigger`, 29 Feb → 1 Mar in a common year. */
export function dutyArises(trigger: string, years: number): string {
  const d = requireIsoDate(trigger, 'Datum');
  const year = d.year + years;
  if (d.month === 2 && d.day === 29 && !isLeapYear(year)) return `${pad(year, 4)}-03-01`;
  return `${pad(year, 4)}-${pad(d.month)}-${pad(d.day)}`;
}

/** 31 December of the year after the duty arose. */
export function completeBy(dueDate: string): string {
  return `${pad(requireIsoDate(dueDate, 'Datum').year + 1, 4)}-12-31`;
}

/** Whether the record is exempt from automatic culling under the rule. */
export function isExempt(rule: GallringRule, record: GallringRecord): boolean {
  if (record.categories.some((c) => rule.exceptionCategories.includes(c))) return true;
  if (record.birthDate && rule.exceptionBirthDays.length > 0) {
    const day = requireIsoDate(record.birthDate, 'Födelsedatum').day;
    if (rule.exceptionBirthDays.includes(day)) return true;
  }
  return false;
}

/** The due entry for one record under its rule on `today`, or null if it is not due. */
export function dueUnder(rule: GallringRule, record: GallringRecord, today: string): DueRecord | null {
  if (rule.recordType !== record.recordType) return null;
  const trigger = record.triggerDates[rule.trigger];
  if (!trigger) return null;
  if (isExempt(rule, record)) return null;
  const dueDate = dutyArises(trigger, rule.years);
  if (dueDate > today) return null;
  const deadline = completeBy(dueDate);
  return {
    id: record.id,
    recordType: record.recordType,
    dueDate,
    completeBy: deadline,
    overdue: today > deadline,
  };
}

/**
 * The records due for culling on `today` (`YYYY-MM-DD`, from the injected clock). Records of a type
 * without a rule are never due. Sorted by due date, then id, so the list is reproducible.
 */
export function recordsDue(
  rules: readonly GallringRule[],
  records: readonly GallringRecord[],
  today: string,
): DueRecord[] {
  requireIsoDate(today, 'Dagens datum');
  const byType = new Map(rules.map((r) => [r.recordType, r]));
  const due: DueRecord[] = [];
  for (const record of records) {
    const rule = byType.get(record.recordType);
    if (!rule) continue;
    const d = dueUnder(rule, record, today);
    if (d) due.push(d);
  }
  return due.sort((a, b) => compareCodePoints(a.dueDate, b.dueDate) || compareCodePoints(a.id, b.id));
}

/** Counts per record type, for the non-personal run record and audit event. */
export function countByType(due: readonly { recordType: string }[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const d of due) counts[d.recordType] = (counts[d.recordType] ?? 0) + 1;
  return counts;
}
