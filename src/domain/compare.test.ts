import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareCodePoints } from './compare.ts';

const sign = (n: number) => Math.sign(n);

describe('compareCodePoints', () => {
  it('orders by UTF-16 code units, not by locale', () => {
    expect(compareCodePoints('a', 'b')).toBe(-1);
    expect(compareCodePoints('b', 'a')).toBe(1);
    expect(compareCodePoints('abc', 'abc')).toBe(0);
    expect(compareCodePoints('', 'a')).toBe(-1);
    expect(compareCodePoints('ab', 'abc')).toBe(-1);
    expect(compareCodePoints('Z', 'a')).toBe(-1); // upper case before lower case
    expect(compareCodePoints('z', 'å')).toBe(-1);
    expect(compareCodePoints('ö', 'ä')).toBe(1); // U+00F6 after U+00E4, whatever Swedish says
    expect(compareCodePoints('\uffff', '\u{1f600}')).toBe(1); // code units: U+FFFF > U+D83D
    expect(['b', 'B', 'a', 'å', 'A'].sort(compareCodePoints)).toEqual(['A', 'B', 'a', 'b', 'å']);
  });

  it('agrees with the default sort order', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'binary' })), (xs) => {
        expect([...xs].sort(compareCodePoints)).toEqual([...xs].sort());
      }),
    );
  });

  it('is antisymmetric and zero exactly for equal strings', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.string({ unit: 'binary' }), (a, b) => {
        expect(sign(compareCodePoints(a, b)) + sign(compareCodePoints(b, a))).toBe(0);
        expect(compareCodePoints(a, b) === 0).toBe(a === b);
        expect(compareCodePoints(a, a)).toBe(0);
      }),
    );
  });

  it('is transitive on sorted triples', () => {
    fc.assert(
      fc.property(
        fc.tuple(fc.string({ unit: 'binary' }), fc.string({ unit: 'binary' }), fc.string({ unit: 'binary' })),
        (triple) => {
          // sorted by the default order (UTF-16 code units per the spec), not by the function under test
          const [a, b, c] = [...triple].sort() as [string, string, string];
          expect(compareCodePoints(a, b)).toBeLessThanOrEqual(0);
          expect(compareCodePoints(b, c)).toBeLessThanOrEqual(0);
          expect(compareCodePoints(a, c)).toBeLessThanOrEqual(0);
          if (compareCodePoints(a, b) < 0 || compareCodePoints(b, c) < 0)
            expect(compareCodePoints(a, c)).toBe(-1);
        },
      ),
    );
  });
});
