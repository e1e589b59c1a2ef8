import type { Clock } from '../../clock.ts';

const swedishDate = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Europe/Stockholm',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** Today's date in Sweden, `YYYY-MM-DD`: the reference date for identity numbers and ages. */
export function todayInSweden(clock: Clock): string {
  return swedishDate.format(clock.now());
}
