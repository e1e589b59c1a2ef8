/**
 * Swedish organisationsnummer.
 *
 * - Legal entities: ten digits `NNNNNN-NNNN`, Luhn check digit over the first nine, and the third
 *   digit is at least 2 (so the number can never be read as a date of birth, whose month starts
 *   with 0 or 1). Accepted input: `NNNNNNNNNN`, `NNNNNN-NNNN`, and the 12-digit form with the prefix
 *   `16` that some Skatteverket files use (`16NNNNNNNNNN`, `16NNNNNN-NNNN`).
 *   Stored form: ten digits without separator. Display form: `NNNNNN-NNNN`.
 * - Enskild firma (sole trader): the organisation number is the owner's personnummer (or
 *   samordningsnummer). Accepted unless `allowSoleTrader: false`; stored as the 12-digit
 *   personnummer, because the ten-digit form does not say which century.
 */

import { isValidLuhn } from './luhn.ts';
import { formatPersonnummer, parsePersonnummer } from './personnummer.ts';

export type OrganisationsnummerKind = 'juridisk-person' | 'enskild-firma';

export interface OrganisationsnummerValue {
  /** Ten digits for a legal entity; the 12-digit personnummer for an enskild firma. */
  readonly normalized: string;
  /** `NNNNNN-NNNN`, or the personnummer display form for an enskild firma. */
  readonly display: string;
  readonly kind: OrganisationsnummerKind;
}

export type OrganisationsnummerErrorCode =
  | 'EMPTY'
  | 'FORMAT'
  | 'CHECK_DIGIT'
  | 'SOLE_TRADER_NOT_ALLOWED'
  | 'INVALID_SOLE_TRADER_NUMBER';

export type OrganisationsnummerResult =
  | { readonly ok: true; readonly value: OrganisationsnummerValue }
  | { readonly ok: false; readonly code: OrganisationsnummerErrorCode; readonly message: string };

export interface ParseOrganisationsnummerOptions {
  /** `YYYY-MM-DD`, normally today. Needed to read a sole trader's ten-digit personnummer. */
  readonly referenceDate: string;
  /** Accept a personnummer as the organisation number of an enskild firma. Default true. */
  readonly allowSoleTrader?: boolean;
}

export const ORGANISATIONSNUMMER_MESSAGES: Readonly<
  Record<Exclude<OrganisationsnummerErrorCode, 'INVALID_SOLE_TRADER_NUMBER'>, string>
> = {
  EMPTY: 'Ange ett organisationsnummer.',
  FORMAT: 'Ogiltigt format: ange organisationsnumret som NNNNNN-NNNN (tio siffror).',
  CHECK_DIGIT: 'Kontrollsiffran i organisationsnumret stämmer inte.',
  SOLE_TRADER_NOT_ALLOWED:
    'Numret är ett personnummer, inte ett organisationsnummer för en juridisk person (tredje siffran måste vara minst 2).',
};

const LEGAL_ENTITY_PATTERN = /^(?:16)?(\d{6})-?(\d{4})$/;
const PERSONNUMMER_SHAPE = /^(?:\d{2})?\d{6}[-+]?\d{4}$/;

function fail(
  code: Exclude<OrganisationsnummerErrorCode, 'INVALID_SOLE_TRADER_NUMBER'>,
): OrganisationsnummerResult {
  return { ok: false, code, message: ORGANISATIONSNUMMER_MESSAGES[code] };
}

export function parseOrganisationsnummer(
  input: string,
  options: ParseOrganisationsnummerOptions,
): OrganisationsnummerResult {
  const text = input.trim();
  if (text === '') return fail('EMPTY');

  const match = LEGAL_ENTITY_PATTERN.exec(text);
  if (match) {
    const digits = `${match[1]}${match[2]}`;
    if (Number(digits.charAt(2)) >= 2) {
      if (!isValidLuhn(digits)) return fail('CHECK_DIGIT');
      const display = `${digits.slice(0, 6)}-${digits.slice(6)}`;
      return { ok: true, value: { normalized: digits, display, kind: 'juridisk-person' } };
    }
  }

  // Third digit 0 or 1: only a personnummer (enskild firma) fits. The prefix 16 is for legal entities.
  if (!PERSONNUMMER_SHAPE.test(text) || /^16\d{6}-?\d{4}$/.test(text)) return fail('FORMAT');
  if (Number(text.replace(/[-+]/, '').slice(-10).charAt(2)) >= 2) return fail('FORMAT');
  if (options.allowSoleTrader === false) return fail('SOLE_TRADER_NOT_ALLOWED');
  const person = parsePersonnummer(text, { referenceDate: options.referenceDate, allowCoordination: true });
  if (!person.ok) {
    return {
      ok: false,
      code: 'INVALID_SOLE_TRADER_NUMBER',
      message: `${person.message} (Numret lästes som personnummer för enskild firma eftersom tredje siffran är 0 eller 1.)`,
    };
  }
  return {
    ok: true,
    value: {
      normalized: person.value.normalized,
      display: formatPersonnummer(person.value.normalized, options.referenceDate),
      kind: 'enskild-firma',
    },
  };
}

export function isValidOrganisationsnummer(input: string, options: ParseOrganisationsnummerOptions): boolean {
  return parseOrganisationsnummer(input, options).ok;
}

/** Display form of a stored number: `NNNNNN-NNNN` for ten digits, personnummer display for twelve. */
export function formatOrganisationsnummer(normalized: string, referenceDate: string): string {
  if (/^\d{10}$/.test(normalized)) return `${normalized.slice(0, 6)}-${normalized.slice(6)}`;
  return formatPersonnummer(normalized, referenceDate);
}
