/**
 * Pure date-period rules for placements: ISO weeks, overlap and coverage of closed date intervals.
 * Dates are civil `YYYY-MM-DD` strings (compare as strings); `null` as an end means open-ended.
 */
import { compareCodePoints } from '../../domain/compare.ts';
import { parseIsoDate } from '../../domain/iso-date.ts';

export interface Period {
  start: string;
  end: string | null;
}

const DAY_MS = 86_400_000;

function toUtc(date: string): number {
  const d = parseIsoDate(date);
  if (!d) throw new RangeError(`Ogiltigt datum: ${date}`);
  return Date.UTC(d.year, d.month - 1, d.day);
}

function fromUtc(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
  return fromUtc(toUtc(date) + days * DAY_MS);
}

/** Two periods share at least one day. */
export function periodsOverlap(a: Period, b: Period): boolean {
  const aEndsBeforeB = a.end !== null && a.end < b.start;
  const bEndsBeforeA = b.end !== null && b.end < a.start;
  return !aEndsBeforeB && !bEndsBeforeA;
}

/**
 * True if every day of `period` lies in the union of `intervals` (so consecutive agreements that
 * follow each other without a gap cover a placement across both). An open-ended period is covered
 * only by an open-ended run of intervals.
 */
export function periodCovered(period: Period, intervals: readonly Period[]): boolean {
  const sorted = [...intervals].sort((x, y) => compareCodePoints(x.start, y.start));
  let cursor = period.start; // first day not yet known to be covered
  for (const iv of sorted) {
    if (iv.start > cursor) break;
    if (iv.end === null) return true;
    if (iv.end >= cursor) {
      if (period.end !== null && iv.end >= period.end) return true;
      cursor = addDays(iv.end, 1);
    }
  }
  return false;
}

// ---------------------------------------------------------------------------------------------
// ISO 8601 weeks (Monday first; week 1 holds the year's first Thursday)

export interface IsoWeek {
  year: number;
  week: number;
  /** `YYYY-Www`, e.g. `2026-W10`. */
  label: string;
  /** Monday, `YYYY-MM-DD`. */
  start: string;
  /** Sunday, `YYYY-MM-DD`. */
  end: string;
}

function mondayOfWeek1(year: number): number {
  const jan4 = Date.UTC(year, 0, 4);
  const weekday = (new Date(jan4).getUTCDay() + 6) % 7; // Monday 0 … Sunday 6
  return jan4 - weekday * DAY_MS;
}

export function weeksInIsoYear(year: number): number {
  return Math.round((mondayOfWeek1(year + 1) - mondayOfWeek1(year)) / (7 * DAY_MS));
}

function makeWeek(year: number, week: number): IsoWeek {
  const start = mondayOfWeek1(year) + (week - 1) * 7 * DAY_MS;
  return {
    year,
    week,
    label: `${year}-W${String(week).padStart(2, '0')}`,
    start: fromUtc(start),
    end: fromUtc(start + 6 * DAY_MS),
  };
}

/** The ISO week a date falls in. */
export function isoWeekOf(date: string): IsoWeek {
  const ms = toUtc(date);
  const d = new Date(ms);
  let year = d.getUTCFullYear();
  if (ms < mondayOfWeek1(year)) year -= 1;
  else if (ms >= mondayOfWeek1(year + 1)) year += 1;
  const week = Math.floor((ms - mondayOfWeek1(year)) / (7 * DAY_MS)) + 1;
  return makeWeek(year, week);
}

const WEEK_PATTERN = /^(\d{4})\s*-?\s*[WwVv]?\s*(\d{1,2})$/;

/**
 * Reads a week as people write it: `2026-W10`, `2026W10`, `2026-V10` (Swedish "vecka"), `2026-10`.
 * Returns null for malformed input or a week the year does not have (week 53 only in long years).
 */
export function parseIsoWeek(text: string): IsoWeek | null {
  const m = WEEK_PATTERN.exec(text.trim());
  if (!m) return null;
  const year = Number(m[1]);
  const week = Number(m[2]);
  if (year < 1900 || year > 2200 || week < 1 || week > weeksInIsoYear(year)) return null;
  return makeWeek(year, week);
}
