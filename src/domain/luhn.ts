/**
 * Luhn (modulus 10) check digits, as used by Swedish personnummer, samordningsnummer and
 * organisationsnummer (DOMAIN.md §2.2).
 *
 * Weights 2,1,2,1,… are applied from the rightmost payload digit leftwards (for the nine-digit
 * payloads of Swedish identity numbers this is the same as 2,1,2,… from the left). Each product's
 * digits are added (16 → 1 + 6) and the check digit is `(10 − (sum mod 10)) mod 10`.
 *
 * A property worth knowing: changing any single digit always changes the check digit, because both
 * `d ↦ d` and `d ↦ digitsum(2d)` are permutations of 0–9.
 */

const DIGITS = /^\d+$/;

/** Luhn sum (before the final `mod 10`) of a payload of digits, weights 2,1,2,… from the right. */
export function luhnSum(payload: string): number {
  if (!DIGITS.test(payload)) {
    throw new TypeError('Luhn: underlaget får bara innehålla siffror.');
  }
  let sum = 0;
  for (let i = 0; i < payload.length; i++) {
    const digit = payload.charCodeAt(payload.length - 1 - i) - 48;
    const product = i % 2 === 0 ? digit * 2 : digit;
    sum += product > 9 ? product - 9 : product;
  }
  return sum;
}

/** The check digit (0–9) for a payload of digits. */
export function luhnCheckDigit(payload: string): number {
  return (10 - (luhnSum(payload) % 10)) % 10;
}

/** True if the last digit of `digits` is the correct Luhn check digit for the digits before it. */
export function isValidLuhn(digits: string): boolean {
  if (digits.length < 2 || !DIGITS.test(digits)) return false;
  return luhnCheckDigit(digits.slice(0, -1)) === digits.charCodeAt(digits.length - 1) - 48;
}
