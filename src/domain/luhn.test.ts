import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isValidLuhn, luhnCheckDigit, luhnSum } from './luhn.ts';

describe('luhn', () => {
  it('matches the worked example in DOMAIN.md §2.2', () => {
    expect(luhnSum('800101812')).toBe(21);
    expect(luhnCheckDigit('800101812')).toBe(9);
    expect(luhnSum('640823323')).toBe(36);
    expect(luhnSum('121212121')).toBe(18);
    expect(luhnSum('850709980')).toBe(45);
    expect(luhnSum('701063239')).toBe(29);
  });

  it('validates', () => {
    expect(isValidLuhn('8001018129')).toBe(true);
    expect(isValidLuhn('8001018128')).toBe(false);
    expect(isValidLuhn('5560160680')).toBe(true);
    expect(isValidLuhn('')).toBe(false);
    expect(isValidLuhn('80010-8129')).toBe(false);
    expect(() => luhnSum('12a')).toThrow(TypeError);
  });

  it('detects every single-digit change', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^\d{9}$/),
        fc.nat(9),
        fc.integer({ min: 1, max: 9 }),
        (payload, pos, delta) => {
          const full = `${payload}${luhnCheckDigit(payload)}`;
          expect(isValidLuhn(full)).toBe(true);
          const digit = (Number(full.charAt(pos)) + delta) % 10;
          expect(isValidLuhn(full.slice(0, pos) + digit + full.slice(pos + 1))).toBe(false);
        },
      ),
      { numRuns: 300 },
    );
  });
});
