/**
 * Calendar-date helpers on plain `YYYY-MM-DD` strings. Dates are civil dates without time zone,
 * so nothing here depends on the machine's clock or time zone.
 */

export interface CivilDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** True if the date exists in the proleptic Gregorian calendar. */
export function dateExists(year: number, month: number, day: number): boolean {
  return (
    Number.isInteger(year) &&
    Number.isInteger(month) &&
    Number.isInteger(day) &&
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysInMonth(year, month)
  );
}

/** Parses `YYYY-MM-DD`; returns null if the string is malformed or the date does not exist. */
export function parseIsoDate(value: string): CivilDate | null {
  const match = ISO_DATE.exec(value);
  if (!match) return null;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  return dateExists(year, month, day) ? { year, month, day } : null;
}

/** Like {@link parseIsoDate} but throws (a programming error, not a user error). */
export function requireIsoDate(value: string, what: string): CivilDate {
  const date = parseIsoDate(value);
  if (!date)
    throw new RangeError(`${what} måste vara ett giltigt datum på formen ÅÅÅÅ-MM-DD, fick "${value}".`);
  return date;
}

export function formatIsoDate(date: CivilDate): string {
  return `${String(date.year).padStart(4, '0')}-${pad2(date.month)}-${pad2(date.day)}`;
}

/** Negative if a < b, 0 if equal, positive if a > b. */
export function compareCivilDates(a: CivilDate, b: CivilDate): number {
  return a.year - b.year || a.month - b.month || a.day - b.day;
}

export function pad2(value: number): string {
  return String(value).padStart(2, '0');
}
