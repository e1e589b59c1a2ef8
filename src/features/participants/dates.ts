import type { Clock } from '../../clock.ts';
import { swedishDate } from '../../domain/dates.ts';

/** Today's date in Sweden, `YYYY-MM-DD`: the reference date for identity numbers and ages. */
export function todayInSweden(clock: Clock): string {
  return swedishDate(clock.now());
}
