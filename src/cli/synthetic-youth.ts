import { type Rng, syntheticPersonnummer } from '../domain/personnummer.ts';

/** A synthetic young summer-job applicant: who they are and which places they ask for. */
export interface SyntheticYouth<T> {
  birthDate: string;
  sex: 'K' | 'M';
  personnummer: string;
  /** One to three distinct choices, first choice first. */
  choices: T[];
}

/**
 * One young applicant for a summer-jobs season, drawn from `rng`: born in one of the four years from
 * `birthYearFrom` (day 1–28 of a month), either sex, a valid personnummer not yet in `used` (added to
 * it), and one to three distinct choices among `choosable`. Used by the full demo's season
 * (src/cli/demo-summer.ts) and the summer benchmark (bench/summer.ts); the draws come in a fixed order,
 * so a seed gives the same applicants every time.
 */
export function syntheticYouth<T>(
  rng: Rng,
  opts: { birthYearFrom: number; used: Set<string>; choosable: readonly T[] },
): SyntheticYouth<T> {
  const year = opts.birthYearFrom + Math.floor(rng() * 4);
  const birthDate = `${year}-${String(1 + Math.floor(rng() * 12)).padStart(2, '0')}-${String(1 + Math.floor(rng() * 28)).padStart(2, '0')}`;
  const sex = rng() < 0.5 ? ('K' as const) : ('M' as const);
  let personnummer = '';
  do personnummer = syntheticPersonnummer(rng, { birthDate, sex });
  while (opts.used.has(personnummer));
  opts.used.add(personnummer);
  const choices = new Set<T>();
  const n = 1 + Math.floor(rng() * 3);
  while (choices.size < n) choices.add(opts.choosable[Math.floor(rng() * opts.choosable.length)]!);
  return { birthDate, sex, personnummer, choices: [...choices] };
}
