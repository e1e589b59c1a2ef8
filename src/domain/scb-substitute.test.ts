import { describe, expect, it } from 'vitest';
import {
  resolveScbSubstituteSuffixes,
  SCB_SUBSTITUTE_SUFFIX_WOMEN_DEFAULT,
  ScbSubstituteConfigError,
  type ScbSubstituteSuffixes,
  scbSubstituteNumber,
} from './scb-substitute.ts';

// A placeholder for tests only: the real men's suffix must come from SCB via configuration.
const CONFIG: ScbSubstituteSuffixes = { men: 'XX99' };

describe('scbSubstituteNumber', () => {
  it('builds ÅÅÅÅMMDDTF29 for women by default', () => {
    expect(SCB_SUBSTITUTE_SUFFIX_WOMEN_DEFAULT).toBe('TF29');
    expect(scbSubstituteNumber('1980-01-01', 'K', CONFIG)).toBe('19800101TF29');
  });

  it('uses the configured men’s suffix', () => {
    expect(scbSubstituteNumber('2001-12-31', 'M', CONFIG)).toBe('20011231XX99');
  });

  it('lets configuration override the women’s suffix', () => {
    expect(scbSubstituteNumber('1980-01-01', 'K', { women: 'AB12', men: 'XX99' })).toBe('19800101AB12');
  });

  it('throws a Swedish configuration error when the men’s suffix is missing, for any sex', () => {
    const missing = [undefined, {}, { men: '' }, { men: '   ' }] as unknown as ScbSubstituteSuffixes[];
    for (const suffixes of missing) {
      for (const sex of ['K', 'M'] as const) {
        expect(() => scbSubstituteNumber('1980-01-01', sex, suffixes)).toThrow(ScbSubstituteConfigError);
        expect(() => scbSubstituteNumber('1980-01-01', sex, suffixes)).toThrow(
          /suffixet för män är inte konfigurerat/,
        );
      }
    }
  });

  it('rejects malformed or clashing suffixes', () => {
    expect(() => resolveScbSubstituteSuffixes({ men: 'tf2' })).toThrow(ScbSubstituteConfigError);
    expect(() => resolveScbSubstituteSuffixes({ men: 'TF29' })).toThrow(/får inte vara lika/);
    expect(resolveScbSubstituteSuffixes({ men: ' XX99 ' })).toEqual({ women: 'TF29', men: 'XX99' });
  });

  it('rejects invalid dates and sexes outside K/M', () => {
    expect(() => scbSubstituteNumber('1980-02-30', 'K', CONFIG)).toThrow(RangeError);
    expect(() => scbSubstituteNumber('1980-01-01', 'X' as 'K', CONFIG)).toThrow(/bara för kön K/);
  });
});
