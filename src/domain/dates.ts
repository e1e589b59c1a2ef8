import { formatIsoDate, requireIsoDate } from './iso-date.ts';

/** Integer-day arithmetic on `YYYY-MM-DD` civil dates (no time zones, no clock). */

const MS_PER_DAY = 86_400_000;

export function toDayNumber(iso: string): number {
  const d = requireIsoDate(iso, 'Datum');
  return Date.UTC(d.year, d.month - 1, d.day) / MS_PER_DAY;
}

export function fromDayNumber(n: number): string {
  const d = new Date(n * MS_PER_DAY);
  return formatIsoDate({ year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() });
}

export function addDays(iso: string, days: number): string {
  return fromDayNumber(toDayNumber(iso) + days);
}

export function daysBetween(from: string, to: string): number {
  return toDayNumber(to) - toDayNumber(from);
}

/** Adds calendar months; a day past the end of the target month is clamped (31 Jan + 1 month = 28/29 Feb). */
export function addMonths(iso: string, months: number): string {
  const d = requireIsoDate(iso, 'Datum');
  const total = d.year * 12 + (d.month - 1) + months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return formatIsoDate({ year, month, day: Math.min(d.day, last) });
}

const stockholmDay = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Europe/Stockholm',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

// Swedish time is UTC plus whole hours, so the date can only change on a whole UTC minute: the last
// answer holds for the rest of its minute. Most requests ask for today's date.
let lastMinute = Number.NaN;
let lastDate = '';

/** The civil date of an instant in Swedish time (Europe/Stockholm). */
export function swedishDate(instant: Date): string {
  const minute = Math.floor(instant.getTime() / 60_000);
  if (minute !== lastMinute) {
    lastDate = stockholmDay.format(instant);
    lastMinute = minute;
  }
  return lastDate;
}

export function maxDate(a: string, b: string): string {
  return a >= b ? a : b;
}
