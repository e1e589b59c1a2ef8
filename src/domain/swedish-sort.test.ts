import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  compareSortKeys,
  EXPANSIONS,
  personSortKey,
  SORT_REPERTOIRE,
  swedishSortKey,
} from './swedish-sort.ts';

const sv = new Intl.Collator('sv');
const sign = (n: number) => (n < 0 ? -1 : n > 0 ? 1 : 0);
const byKey = (a: string, b: string) => compareSortKeys(swedishSortKey(a), swedishSortKey(b));

describe('swedishSortKey', () => {
  it('puts å, ä, ö after z and treats accents and case as ICU does', () => {
    const names = ['Öberg', 'Zetterlund', 'Åberg', 'Ägren', 'Aberg', 'Ek', 'Eke', 'Éklund', 'Wallin', 'Vall'];
    const expected = [...names].sort(sv.compare);
    expect([...names].sort(byKey)).toEqual(expected);
    expect(expected.slice(-3)).toEqual(['Åberg', 'Ägren', 'Öberg']);
  });

  it('sorts ü as y, æ as ä and ø as ö, and punctuation before letters', () => {
    const names = [
      'Müller',
      'Myhr',
      'Mz',
      'Mæhle',
      'Mähle',
      'Mølle',
      'Möller',
      'de la Cruz',
      'De la Cruz',
      'de-la',
      'dela',
    ];
    expect([...names].sort(byKey)).toEqual([...names].sort(sv.compare));
  });

  it('agrees with Intl.Collator("sv") on random strings over the repertoire', () => {
    const exact = SORT_REPERTOIRE.filter((c) => !(c in EXPANSIONS));
    const letters = exact.filter((c) => /\p{L}/u.test(c));
    const common = [..."aeiouyåäöAEIOUÅÄÖéüæøszSZ -'"];
    const char = fc.oneof(
      { arbitrary: fc.constantFrom(...common), weight: 4 },
      { arbitrary: fc.constantFrom(...letters), weight: 1 },
      { arbitrary: fc.constantFrom(...exact), weight: 1 },
    );
    const text = fc.array(char, { minLength: 0, maxLength: 6 }).map((cs) => cs.join(''));
    fc.assert(
      fc.property(text, text, (a, b) => {
        const expected = sign(sv.compare(a.replace(/\s+/g, ' ').trim(), b.replace(/\s+/g, ' ').trim()));
        const actual = sign(byKey(a, b));
        // Strings Intl calls equal may still get different keys; the caller's id tie-break decides.
        if (expected !== 0) expect(actual, `${JSON.stringify(a)} vs ${JSON.stringify(b)}`).toBe(expected);
      }),
      { numRuns: 20_000 },
    );
  });

  it('orders persons by last name, then first name', () => {
    const people = [
      { last: 'Ås', first: 'Bo' },
      { last: 'As', first: 'Öa' },
      { last: 'As', first: 'Åa' },
      { last: 'Asp', first: 'Al' },
      { last: 'as', first: 'Ab' },
    ];
    const expected = [...people].sort((x, y) => sv.compare(x.last, y.last) || sv.compare(x.first, y.first));
    const actual = [...people].sort((x, y) =>
      compareSortKeys(personSortKey(x.last, x.first), personSortKey(y.last, y.first)),
    );
    expect(actual).toEqual(expected);
  });

  it('produces text PostgreSQL can store (no NUL, no lone surrogates)', () => {
    const key = personSortKey('Кузнецова 😀', 'Zoë');
    expect(key).not.toContain('\u0000');
    expect(Buffer.from(key, 'utf8').toString('utf8')).toBe(key);
  });
});
