import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatIsoDate } from './iso-date.ts';
import { luhnCheckDigit } from './luhn.ts';
import {
  ageOn,
  createSeededRng,
  formatPersonnummer,
  type LegalSex,
  type PersonnummerResult,
  parsePersonnummer,
  syntheticPersonnummer,
} from './personnummer.ts';

const REF = '2025-06-01';
const parse = (
  input: string,
  referenceDate = REF,
  extra: { allowCoordination?: boolean; allowInterim?: boolean } = {},
) => parsePersonnummer(input, { referenceDate, ...extra });

function expectOk(result: PersonnummerResult) {
  if (!result.ok) throw new Error(`väntade ok, fick ${result.code}: ${result.message}`);
  return result.value;
}

function expectCode(result: PersonnummerResult, code: string) {
  expect(result.ok).toBe(false);
  if (!result.ok) {
    expect(result.code).toBe(code);
    expect(result.message.length).toBeGreaterThan(0);
  }
}

describe('parsePersonnummer: DOMAIN.md test vectors', () => {
  it('800101-8129 is a woman born 1980-01-01', () => {
    expect(expectOk(parse('800101-8129'))).toEqual({
      normalized: '198001018129',
      birthDate: '1980-01-01',
      kind: 'personnummer',
      legalSexDefault: 'K',
      unverified: false,
    });
  });

  it('accepts all five input forms for the same number', () => {
    for (const input of ['8001018129', '800101-8129', '198001018129', '19800101-8129', ' 800101-8129 ']) {
      expect(expectOk(parse(input)).normalized).toBe('198001018129');
    }
    expect(expectOk(parse('800101+8129')).normalized).toBe('188001018129');
  });

  it('640823-3234 and 850709-9805', () => {
    const a = expectOk(parse('640823-3234'));
    expect(a.normalized).toBe('196408233234');
    expect(a.legalSexDefault).toBe('M');
    const b = expectOk(parse('850709-9805'));
    expect(b.normalized).toBe('198507099805');
    expect(b.legalSexDefault).toBe('K');
  });

  it('121212-1212 and 121212+1212 with reference 2025-06-01', () => {
    expect(expectOk(parse('121212-1212')).normalized).toBe('201212121212');
    expect(expectOk(parse('121212+1212')).normalized).toBe('191212121212');
  });

  it('samordningsnummer 701063-2391 is a man born 1970-10-03', () => {
    expect(expectOk(parse('701063-2391'))).toEqual({
      normalized: '197010632391',
      birthDate: '1970-10-03',
      kind: 'samordningsnummer',
      legalSexDefault: 'M',
      unverified: false,
    });
  });
});

describe('parsePersonnummer: century rule', () => {
  it('takes the latest century that puts the birth date on or before the reference date', () => {
    expect(expectOk(parse(`250601-001${checkFor('250601001')}`)).birthDate).toBe('2025-06-01');
    // 2025-06-02 would be after the reference date, so 1925.
    const next = `250602-001${checkFor('250602001')}`;
    expect(expectOk(parse(next)).birthDate).toBe('1925-06-02');
  });

  it('+ means at least 100 calendar years before the reference year', () => {
    // Born 1925-12-31: turns 100 in 2025, so shown with + during all of 2025, also before the birthday.
    const plus = `251231+002${checkFor('251231002')}`;
    expect(expectOk(parse(plus)).birthDate).toBe('1925-12-31');
    expect(formatPersonnummer(`19251231002${checkFor('251231002')}`, REF)).toBe(plus);
  });

  it('leap days depend on the resolved century', () => {
    const number = `000229-002${checkFor('000229002')}`;
    expect(expectOk(parse(number)).birthDate).toBe('2000-02-29');
    expectCode(parse(number.replace('-', '+')), 'INVALID_DATE'); // 1900 is not a leap year
  });
});

describe('parsePersonnummer: rejections', () => {
  it.each([
    ['', 'EMPTY'],
    ['   ', 'EMPTY'],
    ['80010-18129', 'FORMAT'],
    ['800101 8129', 'FORMAT'],
    ['800101--8129', 'FORMAT'],
    ['80010181290', 'FORMAT'],
    ['abcdefghij', 'FORMAT'],
    ['19800101+8129', 'PLUS_WITH_CENTURY'],
    ['800101-8128', 'CHECK_DIGIT'],
    ['801301-8129', 'INVALID_DATE'],
    ['800100-8129', 'INVALID_DATE'],
    ['800132-8129', 'INVALID_DATE'],
    ['800160-8129', 'INVALID_DATE'],
    ['800192-8129', 'INVALID_DATE'],
    ['20300101-0010', 'FUTURE_DATE'],
    ['000101-T220', 'INTERIM_NOT_ALLOWED'],
    ['000101-Q220', 'FORMAT'],
  ])('%j → %s', (input, code) => {
    expectCode(parse(input), code);
  });

  it('rejects birth number 000 even with a matching check digit', () => {
    expectCode(parse(`800101-000${checkFor('800101000')}`), 'INVALID_BIRTH_NUMBER');
  });

  it('rejects 29 February in a non-leap year', () => {
    expectCode(parse(`19810229-002${checkFor('810229002')}`), 'INVALID_DATE');
  });

  it('can refuse samordningsnummer', () => {
    expectCode(parse('701063-2391', REF, { allowCoordination: false }), 'COORDINATION_NOT_ALLOWED');
  });

  it('gives Swedish messages', () => {
    const result = parse('800101-8128');
    expect(result.ok ? '' : result.message).toBe('Kontrollsiffran stämmer inte.');
    const date = parse('801301-8129');
    expect(date.ok ? '' : date.message).toBe('Datumet finns inte.');
    const format = parse('x');
    expect(format.ok ? '' : format.message).toMatch(/^Ogiltigt format: /);
  });

  it('throws on a malformed reference date (a programming error)', () => {
    expect(() => parse('800101-8129', '2025-13-01')).toThrow(RangeError);
  });
});

describe('parsePersonnummer: interimsnummer', () => {
  it('accepts T-nummer behind allowInterim and marks them unverified', () => {
    const input = `000101-T22${checkFor('000101122')}`;
    const value = expectOk(parse(input, REF, { allowInterim: true }));
    expect(value.kind).toBe('interimsnummer');
    expect(value.unverified).toBe(true);
    expect(value.normalized).toBe(`20000101T22${checkFor('000101122')}`);
    expect(formatPersonnummer(value.normalized, REF)).toBe(input);
  });
});

describe('formatPersonnummer', () => {
  it('uses - below 100 and + from the calendar year the person turns 100', () => {
    expect(formatPersonnummer('198001018129', REF)).toBe('800101-8129');
    expect(formatPersonnummer('191212121212', '2011-12-31')).toBe('121212-1212');
    expect(formatPersonnummer('191212121212', '2012-01-01')).toBe('121212+1212');
  });

  it('rejects anything but the stored form', () => {
    expect(() => formatPersonnummer('800101-8129', REF)).toThrow(RangeError);
  });
});

describe('ageOn', () => {
  it('counts whole years', () => {
    expect(ageOn('1980-01-01', '2025-06-01')).toBe(45);
    expect(ageOn('1980-06-02', '2025-06-01')).toBe(44);
    expect(ageOn('1980-06-01', '2025-06-01')).toBe(45);
    expect(ageOn('2000-02-29', '2021-02-28')).toBe(20);
    expect(ageOn('2000-02-29', '2021-03-01')).toBe(21);
    expect(() => ageOn('2000-01-02', '2000-01-01')).toThrow(RangeError);
  });
});

describe('syntheticPersonnummer', () => {
  it('is deterministic for a seed and valid', () => {
    const a = syntheticPersonnummer(createSeededRng(42), { birthDate: '1990-05-17', sex: 'K' });
    const b = syntheticPersonnummer(createSeededRng(42), { birthDate: '1990-05-17', sex: 'K' });
    expect(a).toBe(b);
    const value = expectOk(parse(a));
    expect(value.birthDate).toBe('1990-05-17');
    expect(value.legalSexDefault).toBe('K');
  });

  it('makes samordningsnummer', () => {
    const n = syntheticPersonnummer(createSeededRng(1), {
      birthDate: '1970-10-03',
      sex: 'M',
      coordination: true,
    });
    const value = expectOk(parse(n));
    expect(value.kind).toBe('samordningsnummer');
    expect(value.birthDate).toBe('1970-10-03');
  });
});

// ---------------------------------------------------------------------------------------------
// Property tests

const REF_YEAR = 2025;
const civilDateArb = fc
  .record({
    year: fc.integer({ min: REF_YEAR - 199, max: REF_YEAR }),
    month: fc.integer({ min: 1, max: 12 }),
    day: fc.integer({ min: 1, max: 31 }),
  })
  .filter(({ year, month, day }) => {
    const d = new Date(Date.UTC(year, month - 1, day));
    return d.getUTCMonth() === month - 1 && formatIsoDate({ year, month, day }) <= REF;
  })
  .map((d) => formatIsoDate(d));

const numberArb = fc
  .record({
    birthDate: civilDateArb,
    sex: fc.constantFrom<LegalSex>('K', 'M'),
    coordination: fc.boolean(),
    seed: fc.integer(),
  })
  .map((o) => ({ ...o, normalized: syntheticPersonnummer(createSeededRng(o.seed), o) }));

describe('properties', () => {
  it('generated numbers are accepted with the right date, sex and kind', () => {
    fc.assert(
      fc.property(numberArb, ({ normalized, birthDate, sex, coordination }) => {
        const value = expectOk(parse(normalized));
        expect(value.normalized).toBe(normalized);
        expect(value.birthDate).toBe(birthDate);
        expect(value.legalSexDefault).toBe(sex);
        expect(value.kind).toBe(coordination ? 'samordningsnummer' : 'personnummer');
      }),
      { numRuns: 300 },
    );
  });

  it('any change of one digit in the 10-digit part is rejected', () => {
    fc.assert(
      fc.property(
        numberArb,
        fc.integer({ min: 2, max: 11 }),
        fc.integer({ min: 1, max: 9 }),
        ({ normalized }, position, delta) => {
          const digit = (Number(normalized.charAt(position)) + delta) % 10;
          const mutated = normalized.slice(0, position) + digit + normalized.slice(position + 1);
          expect(parse(mutated).ok).toBe(false);
          expect(parse(mutated.slice(2)).ok).toBe(false);
        },
      ),
      { numRuns: 400 },
    );
  });

  it('normalisation is idempotent', () => {
    fc.assert(
      fc.property(numberArb, ({ normalized }) => {
        const once = expectOk(parse(normalized)).normalized;
        expect(expectOk(parse(once)).normalized).toBe(once);
      }),
      { numRuns: 200 },
    );
  });

  it('the 10-digit display form parses back to the same 12-digit number', () => {
    fc.assert(
      fc.property(numberArb, ({ normalized }) => {
        const display = formatPersonnummer(normalized, REF);
        expect(display).toMatch(/^\d{6}[-+]\d{4}$/);
        expect(expectOk(parse(display)).normalized).toBe(normalized);
        // Without separator the short form is read as '-'; it agrees whenever the sign is '-'.
        if (display.charAt(6) === '-')
          expect(expectOk(parse(display.replace('-', ''))).normalized).toBe(normalized);
      }),
      { numRuns: 300 },
    );
  });
});

function checkFor(payload: string): string {
  return String(luhnCheckDigit(payload));
}
