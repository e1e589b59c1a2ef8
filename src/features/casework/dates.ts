/** Calendar helpers for case work: dates are `YYYY-MM-DD` in Swedish time. */

/** The calendar date in Sweden at the given instant (one definition, in the domain). */
export { swedishDate } from '../../domain/dates.ts';

/** Whole days from `from` to `to` (both `YYYY-MM-DD`); negative if `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** A `date` column as `YYYY-MM-DD` (both engines already return strings; this keeps the type narrow). */
export function isoDate(value: string | Date | null): string | null {
  if (value === null) return null;
  return typeof value === 'string' ? value : value.toISOString().slice(0, 10);
}
