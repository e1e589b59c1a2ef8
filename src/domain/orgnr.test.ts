import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { luhnCheckDigit } from './luhn.ts';
import {
  formatOrganisationsnummer,
  type OrganisationsnummerResult,
  parseOrganisationsnummer,
} from './orgnr.ts';

const REF = '2025-06-01';
const parse = (input: string, allowSoleTrader?: boolean) =>
  parseOrganisationsnummer(input, {
    referenceDate: REF,
    ...(allowSoleTrader === undefined ? {} : { allowSoleTrader }),
  });

function expectOk(result: OrganisationsnummerResult) {
  if (!result.ok) throw new Error(`väntade ok, fick ${result.code}: ${result.message}`);
  return result.value;
}

function expectCode(result: OrganisationsnummerResult, code: string) {
  expect(result.ok).toBe(false);
  if (!result.ok) expect(result.code).toBe(code);
}

describe('parseOrganisationsnummer: legal entities', () => {
  it.each(['556016-0680', '5560160680', '16556016-0680', '165560160680', ' 212000-0142 '])(
    'accepts %j',
    (input) => {
      const value = expectOk(parse(input));
      expect(value.kind).toBe('juridisk-person');
      expect(value.normalized).toMatch(/^\d{10}$/);
      expect(value.display).toBe(`${value.normalized.slice(0, 6)}-${value.normalized.slice(6)}`);
    },
  );

  it('normalises to ten digits', () => {
    expect(expectOk(parse('16556016-0680')).normalized).toBe('5560160680');
  });

  it.each([
    ['', 'EMPTY'],
    ['556016-068', 'FORMAT'],
    ['556016+0680', 'FORMAT'],
    ['55601-60680', 'FORMAT'],
    ['AB556016-0680', 'FORMAT'],
    ['556016-0681', 'CHECK_DIGIT'],
    ['16800101-8129', 'FORMAT'],
  ])('%j → %s', (input, code) => {
    expectCode(parse(input), code);
  });

  it('gives Swedish messages', () => {
    const result = parse('556016-0681');
    expect(result.ok ? '' : result.message).toBe('Kontrollsiffran i organisationsnumret stämmer inte.');
  });
});

describe('parseOrganisationsnummer: enskild firma', () => {
  it('accepts the owner’s personnummer, stored with century', () => {
    expect(expectOk(parse('800101-8129'))).toEqual({
      normalized: '198001018129',
      display: '800101-8129',
      kind: 'enskild-firma',
    });
    expect(expectOk(parse('198001018129')).kind).toBe('enskild-firma');
    expect(expectOk(parse('701063-2391')).kind).toBe('enskild-firma');
  });

  it('can be switched off', () => {
    expectCode(parse('800101-8129', false), 'SOLE_TRADER_NOT_ALLOWED');
  });

  it('reports personnummer errors in Swedish', () => {
    const result = parse('800101-8128');
    expectCode(result, 'INVALID_SOLE_TRADER_NUMBER');
    expect(result.ok ? '' : result.message).toMatch(/^Kontrollsiffran stämmer inte\./);
  });
});

describe('formatOrganisationsnummer', () => {
  it('formats both stored forms', () => {
    expect(formatOrganisationsnummer('5560160680', REF)).toBe('556016-0680');
    expect(formatOrganisationsnummer('198001018129', REF)).toBe('800101-8129');
  });
});

describe('properties', () => {
  const payloadArb = fc
    .tuple(
      fc.integer({ min: 0, max: 99 }),
      fc.integer({ min: 2, max: 9 }),
      fc.integer({ min: 0, max: 999_999 }),
    )
    .map(([a, b, c]) => `${String(a).padStart(2, '0')}${b}${String(c).padStart(6, '0')}`);
  const orgnrArb = payloadArb.map((p) => `${p}${luhnCheckDigit(p)}`);

  it('valid numbers are accepted in every input form and normalise idempotently', () => {
    fc.assert(
      fc.property(orgnrArb, (n) => {
        const dashed = `${n.slice(0, 6)}-${n.slice(6)}`;
        for (const input of [n, dashed, `16${n}`, `16${dashed}`]) {
          const value = expectOk(parse(input));
          expect(value.normalized).toBe(n);
          expect(expectOk(parse(value.normalized)).normalized).toBe(n);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('a one-digit change is rejected or stops being a legal-entity number', () => {
    fc.assert(
      fc.property(
        orgnrArb,
        fc.integer({ min: 0, max: 9 }),
        fc.integer({ min: 1, max: 9 }),
        (n, pos, delta) => {
          const digit = (Number(n.charAt(pos)) + delta) % 10;
          const mutated = n.slice(0, pos) + digit + n.slice(pos + 1);
          const result = parse(mutated, false);
          expect(result.ok).toBe(false);
        },
      ),
      { numRuns: 300 },
    );
  });
});
