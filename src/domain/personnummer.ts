/**
 * Swedish personnummer and samordningsnummer (DOMAIN.md §2.1–2.4).
 *
 * - Stored form: `YYYYMMDDNNNC`, 12 characters, no separator. The 10-character form with `-` or `+`
 *   is a presentation format only ({@link formatPersonnummer}).
 * - Accepted input: `YYMMDDNNNC`, `YYMMDD-NNNC`, `YYMMDD+NNNC`, `YYYYMMDDNNNC`, `YYYYMMDD-NNNC`
 *   (surrounding white space is ignored). `+` together with a four-digit year is rejected.
 * - Check digit: Luhn over the ten digits `YYMMDDNNN` + `C`; the century never takes part.
 * - Samordningsnummer: the day is raised by 60 (61–91); the check digit covers the raised day.
 * - Interimsnummer ("T-nummer"): a letter in position 7, accepted only with `allowInterim`.
 *   The rule that the letter counts as 1 in the check-digit sum is unverified (DOMAIN.md §2.4),
 *   so such results carry `unverified: true` and are never population-register identities.
 *
 * Century for short input (DOMAIN.md §2.1), given an injected reference date (normally today):
 * - no sign or `-`: the latest century that puts the birth date on or before the reference date;
 * - `+`: the latest year ending in `YY` that is at least 100 calendar years before the reference
 *   year. This is DOMAIN.md's "subtract 100 years" in every case but one: in the calendar year a
 *   person turns 100, before the birthday, DOMAIN.md's literal rule would give a person aged 199.
 *   The rule used here is the inverse of the display rule ("`+` from the calendar year the person
 *   turns 100", folkbokföringslagen 18 §), so the 10- and 12-digit forms always agree for people
 *   younger than 200.
 */

import {
  type CivilDate,
  compareCivilDates,
  dateExists,
  formatIsoDate,
  pad2,
  requireIsoDate,
} from './iso-date.ts';
import { isValidLuhn, luhnCheckDigit } from './luhn.ts';

export type IdentityNumberKind = 'personnummer' | 'samordningsnummer' | 'interimsnummer';

/** Legal sex as derived from the birth number: K (kvinna) or M (man). Only ever a default. */
export type LegalSex = 'K' | 'M';

export interface PersonnummerValue {
  /** Stored form `YYYYMMDDNNNC` (for interimsnummer the letter stays in position 9, upper case). */
  readonly normalized: string;
  /** Real date of birth, `YYYY-MM-DD` (for samordningsnummer the day minus 60). */
  readonly birthDate: string;
  readonly kind: IdentityNumberKind;
  /** From digit 9 (odd = M, even = K). A default only: keep legal sex as its own field. */
  readonly legalSexDefault: LegalSex;
  /** True for interimsnummer: the check-digit rule is unverified and it is no register identity. */
  readonly unverified: boolean;
}

export type PersonnummerErrorCode =
  | 'EMPTY'
  | 'FORMAT'
  | 'PLUS_WITH_CENTURY'
  | 'INTERIM_NOT_ALLOWED'
  | 'INVALID_BIRTH_NUMBER'
  | 'INVALID_DATE'
  | 'COORDINATION_NOT_ALLOWED'
  | 'FUTURE_DATE'
  | 'CHECK_DIGIT';

export type PersonnummerResult =
  | { readonly ok: true; readonly value: PersonnummerValue }
  | { readonly ok: false; readonly code: PersonnummerErrorCode; readonly message: string };

export interface ParsePersonnummerOptions {
  /** `YYYY-MM-DD`, normally today's date in Sweden. Decides the century of short input. */
  readonly referenceDate: string;
  /** Accept samordningsnummer (day 61–91). Default true. */
  readonly allowCoordination?: boolean;
  /** Accept interimsnummer (T-nummer). Default false; enable per installation only. */
  readonly allowInterim?: boolean;
}

export const PERSONNUMMER_MESSAGES: Readonly<Record<PersonnummerErrorCode, string>> = {
  EMPTY: 'Ange ett personnummer eller samordningsnummer.',
  FORMAT: 'Ogiltigt format: ange numret som ÅÅMMDD-NNNN, ÅÅMMDD+NNNN eller ÅÅÅÅMMDDNNNN.',
  PLUS_WITH_CENTURY:
    'Ogiltigt format: plustecken kan bara användas med tvåsiffrigt årtal (ÅÅMMDD+NNNN), inte med ÅÅÅÅMMDD.',
  INTERIM_NOT_ALLOWED: 'Interimsnummer (t.ex. T-nummer) är inte tillåtna här.',
  INVALID_BIRTH_NUMBER: 'Ogiltigt födelsenummer: siffrorna 7–9 kan inte vara 000.',
  INVALID_DATE: 'Datumet finns inte.',
  COORDINATION_NOT_ALLOWED: 'Samordningsnummer är inte tillåtna här.',
  FUTURE_DATE: 'Födelsedatumet ligger i framtiden.',
  CHECK_DIGIT: 'Kontrollsiffran stämmer inte.',
};

/** Letters used in interimsnummer (as in the `personnummer` packages); the letter counts as 1. */
const INTERIM_LETTERS = 'TRSUWXJKLMN';
const INPUT_PATTERN = /^(\d{2})?(\d{2})(\d{2})(\d{2})([-+]?)(\d{3}|[A-Za-z]\d{2})(\d)$/;
const NORMALIZED_PATTERN = new RegExp(`^(\\d{4})(\\d{2})(\\d{2})(\\d{3}|[${INTERIM_LETTERS}]\\d{2})(\\d)$`);
const COORDINATION_DAY_OFFSET = 60;

function fail(code: PersonnummerErrorCode): PersonnummerResult {
  return { ok: false, code, message: PERSONNUMMER_MESSAGES[code] };
}

/** Century rule for short input; see the module comment. */
function resolveYear(yy: number, month: number, day: number, plus: boolean, reference: CivilDate): number {
  if (plus) {
    const latest = reference.year - 100;
    return latest - ((((latest - yy) % 100) + 100) % 100);
  }
  let year = reference.year - (reference.year % 100) + yy;
  if (compareCivilDates({ year, month, day }, reference) > 0) year -= 100;
  return year;
}

/** Parses and validates a personnummer, samordningsnummer or (optionally) interimsnummer. */
export function parsePersonnummer(input: string, options: ParsePersonnummerOptions): PersonnummerResult {
  const reference = requireIsoDate(options.referenceDate, 'Referensdatumet');
  const allowCoordination = options.allowCoordination ?? true;
  const allowInterim = options.allowInterim ?? false;

  const text = input.trim();
  if (text === '') return fail('EMPTY');
  const match = INPUT_PATTERN.exec(text);
  if (!match) return fail('FORMAT');
  const century = match[1];
  const yyText = match[2] ?? '';
  const mmText = match[3] ?? '';
  const ddText = match[4] ?? '';
  const sign = match[5] ?? '';
  const birthNumberRaw = match[6] ?? '';
  const checkText = match[7] ?? '';
  if (century !== undefined && sign === '+') return fail('PLUS_WITH_CENTURY');

  const birthNumber = birthNumberRaw.toUpperCase();
  const interim = !/^\d/.test(birthNumber);
  if (interim) {
    if (!INTERIM_LETTERS.includes(birthNumber.charAt(0))) return fail('FORMAT');
    if (!allowInterim) return fail('INTERIM_NOT_ALLOWED');
  } else if (birthNumber === '000') {
    return fail('INVALID_BIRTH_NUMBER');
  }

  const month = Number(mmText);
  const rawDay = Number(ddText);
  const coordination = rawDay > COORDINATION_DAY_OFFSET;
  if (coordination && interim) return fail('INVALID_DATE');
  const day = coordination ? rawDay - COORDINATION_DAY_OFFSET : rawDay;
  if (month < 1 || month > 12 || day < 1 || day > 31) return fail('INVALID_DATE');
  if (coordination && !allowCoordination) return fail('COORDINATION_NOT_ALLOWED');

  const year =
    century !== undefined
      ? Number(century + yyText)
      : resolveYear(Number(yyText), month, day, sign === '+', reference);
  if (!dateExists(year, month, day)) return fail('INVALID_DATE');
  const birth: CivilDate = { year, month, day };
  if (compareCivilDates(birth, reference) > 0) return fail('FUTURE_DATE');

  const luhnDigits = `${yyText}${mmText}${ddText}${interim ? `1${birthNumber.slice(1)}` : birthNumber}${checkText}`;
  if (!isValidLuhn(luhnDigits)) return fail('CHECK_DIGIT');

  const sexDigit = Number(birthNumber.charAt(2));
  return {
    ok: true,
    value: {
      normalized: `${String(year).padStart(4, '0')}${mmText}${ddText}${birthNumber}${checkText}`,
      birthDate: formatIsoDate(birth),
      kind: interim ? 'interimsnummer' : coordination ? 'samordningsnummer' : 'personnummer',
      legalSexDefault: sexDigit % 2 === 1 ? 'M' : 'K',
      unverified: interim,
    },
  };
}

export function isValidPersonnummer(input: string, options: ParsePersonnummerOptions): boolean {
  return parsePersonnummer(input, options).ok;
}

/**
 * Display form `YYMMDD-NNNC`, or `YYMMDD+NNNC` from the calendar year in which the person turns 100
 * (folkbokföringslagen 18 § 2 st.). Expects the stored 12-character form; throws on anything else.
 */
export function formatPersonnummer(normalized: string, referenceDate: string): string {
  const reference = requireIsoDate(referenceDate, 'Referensdatumet');
  const match = NORMALIZED_PATTERN.exec(normalized);
  if (!match) {
    throw new RangeError('Personnumret måste vara lagrat på formen ÅÅÅÅMMDDNNNK (12 tecken).');
  }
  const birthYear = Number(match[1]);
  const sign = reference.year - birthYear >= 100 ? '+' : '-';
  return `${normalized.slice(2, 8)}${sign}${normalized.slice(8)}`;
}

/**
 * Age in whole years on `date` (both `YYYY-MM-DD`). Someone born on 29 February becomes a year older
 * on 1 March in non-leap years. Throws if `date` is before `birthDate`.
 */
export function ageOn(birthDate: string, date: string): number {
  const birth = requireIsoDate(birthDate, 'Födelsedatumet');
  const on = requireIsoDate(date, 'Datumet');
  if (compareCivilDates(on, birth) < 0) throw new RangeError('Datumet ligger före födelsedatumet.');
  const beforeBirthday = on.month < birth.month || (on.month === birth.month && on.day < birth.day);
  return on.year - birth.year - (beforeBirthday ? 1 : 0);
}

/** A pseudo-random source returning numbers in [0, 1), like `Math.random`. */
export type Rng = () => number;

/** Small deterministic PRNG (mulberry32) for tests and demo data. Not for anything secret. */
export function createSeededRng(seed: number): Rng {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface SyntheticPersonnummerOptions {
  /** `YYYY-MM-DD`. */
  readonly birthDate: string;
  readonly sex: LegalSex;
  /** Produce a samordningsnummer (day + 60). Default false. */
  readonly coordination?: boolean;
}

/**
 * A valid number (stored 12-digit form) for the given birth date and sex, with the birth number drawn
 * from `rng`: odd 001–999 for men (500 values), even 002–998 for women (499 values).
 *
 * Warning: the result is a *valid* number and may belong to a real person. Use it for tests and
 * generated demo data only, never where it can be mistaken for, or sent as, a real identity;
 * prefer Skatteverket's published test numbers where real systems are involved.
 */
export function syntheticPersonnummer(rng: Rng, options: SyntheticPersonnummerOptions): string {
  const birth = requireIsoDate(options.birthDate, 'Födelsedatumet');
  const draw = rng();
  if (!(draw >= 0 && draw < 1)) throw new RangeError('Slumpkällan måste ge tal i intervallet [0, 1).');
  const choices = options.sex === 'M' ? 500 : 499;
  const index = Math.floor(draw * choices);
  const birthNumber = options.sex === 'M' ? 2 * index + 1 : 2 * index + 2;
  const day = birth.day + (options.coordination ? COORDINATION_DAY_OFFSET : 0);
  const payload = `${pad2(birth.year % 100)}${pad2(birth.month)}${pad2(day)}${String(birthNumber).padStart(3, '0')}`;
  return `${String(birth.year).padStart(4, '0').slice(0, 2)}${payload}${luhnCheckDigit(payload)}`;
}
