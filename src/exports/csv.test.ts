import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { neutralizeFormula, parseCsv, toCsv } from './csv.ts';

describe('csv for Swedish Excel', () => {
  it('writes BOM, semicolons, CRLF, decimal comma and RFC 4180 quoting', () => {
    const text = toCsv([
      ['Namn', 'Andel'],
      ['a;b', 60.6],
      ['säger "hej"', -70000],
      ['två\r\nrader', null],
    ]);
    expect(text).toBe('\uFEFFNamn;Andel\r\n"a;b";60,6\r\n"säger ""hej""";-70000\r\n"två\r\nrader";\r\n');
  });

  it('neutralises every cell that starts like a formula', () => {
    for (const d of ['=1+1', '+1', '-1+1', '@SUM(A1)', '\t=1', '\r=1']) {
      expect(neutralizeFormula(d)).toBe(`'${d}`);
      expect(parseCsv(toCsv([[d]]))[0]![0]).toBe(`'${d}`);
    }
    expect(neutralizeFormula('Kvinnor')).toBe('Kvinnor');
  });

  it('round-trips any text: parsed cells equal the neutralised input', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.string(), { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 5 }),
        (rows) => {
          const parsed = parseCsv(toCsv(rows));
          expect(parsed).toEqual(rows.map((r) => r.map(neutralizeFormula)));
          for (const r of parsed) for (const c of r) expect(/^[=+\-@\t\r]/.test(c)).toBe(false);
        },
      ),
    );
  });
});
