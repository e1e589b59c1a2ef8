import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  type CodeListEntry,
  type CodeListFile,
  getCode,
  normalizeForSearch,
  parseCodeListFile,
  searchCodes,
} from './codelists.ts';

const list: CodeListFile = {
  system: 'TEST',
  version: '1',
  source: 'test',
  retrieved: '2025-01-01',
  licence: 'test',
  codes: [
    { code: '2', name: 'Yrken med krav på fördjupad högskolekompetens', nameLang: 'sv', level: 1 },
    { code: '25', name: 'Yrken inom IT', nameLang: 'sv', parent: '2', level: 2 },
    {
      code: '251',
      name: 'IT-arkitekter, systemutvecklare och testledare',
      nameLang: 'sv',
      parent: '25',
      level: 3,
    },
    { code: '2512', name: 'Mjukvaru- och systemutvecklare m.fl.', nameLang: 'sv', parent: '251', level: 4 },
    { code: '1280', name: 'Malmö', nameLang: 'sv', conceptId: 'oYPt_yRA_Smm' },
    { code: '0180', name: 'Stockholm', nameLang: 'sv' },
    { code: '9', name: 'Ålands språk', nameLang: 'sv' },
    { code: '7', name: 'Københavnsk', nameLang: 'sv' },
  ],
};

const codesOf = (entries: readonly CodeListEntry[]) => entries.map((e) => e.code);

describe('normalizeForSearch', () => {
  it('folds case, diacritics and punctuation', () => {
    expect(normalizeForSearch('  Malmö ')).toBe('malmo');
    expect(normalizeForSearch('Hälso- och  sjukvård')).toBe('halso och sjukvard');
    expect(normalizeForSearch('Ærø')).toBe('aro');
    expect(normalizeForSearch('Café')).toBe('cafe');
    expect(normalizeForSearch('47.111')).toBe('47 111');
  });
});

describe('searchCodes', () => {
  it('ranks exact code, then code prefixes (shorter first), then names', () => {
    expect(codesOf(searchCodes(list, '25'))).toEqual(['25', '251', '2512']);
    // Codes that merely contain the query come last.
    expect(codesOf(searchCodes(list, '2'))).toEqual(['2', '25', '251', '2512', '1280']);
  });

  it('is case- and diacritic-insensitive both ways', () => {
    expect(codesOf(searchCodes(list, 'malmo'))).toEqual(['1280']);
    expect(codesOf(searchCodes(list, 'MALMÖ'))).toEqual(['1280']);
    expect(codesOf(searchCodes(list, 'alands'))).toEqual(['9']);
    expect(codesOf(searchCodes(list, 'kobenhavn'))).toEqual(['7']);
  });

  it('keeps leading zeros in codes', () => {
    expect(codesOf(searchCodes(list, '0180'))).toEqual(['0180']);
    expect(codesOf(searchCodes(list, '018'))).toEqual(['0180']);
  });

  it('finds concept ids exactly', () => {
    expect(codesOf(searchCodes(list, 'oYPt_yRA_Smm'))).toEqual(['1280']);
  });

  it('ranks name prefix > word prefixes > substring', () => {
    // "yrken" starts two names; "system" starts a word in 251 and 2512's "systemutvecklare".
    expect(codesOf(searchCodes(list, 'yrken'))).toEqual(['2', '25']);
    expect(codesOf(searchCodes(list, 'utvecklare'))).toEqual(['251', '2512']);
    expect(codesOf(searchCodes(list, 'system utv'))).toEqual(['251', '2512']);
    expect(codesOf(searchCodes(list, 'mjukvaru system'))).toEqual(['2512']);
    // "IT-arkitekter…" starts with "it" (name prefix), "Yrken inom IT" has a word starting with it.
    expect(codesOf(searchCodes(list, 'it'))).toEqual(['251', '25']);
    expect(codesOf(searchCodes(list, 'kompetens'))).toEqual(['2']); // substring inside a word
  });

  it('honours the limit and empty queries', () => {
    expect(searchCodes(list, '2', 2)).toHaveLength(2);
    expect(searchCodes(list, '   ')).toEqual([]);
    expect(searchCodes(list, '2', 0)).toEqual([]);
    expect(searchCodes(list.codes, 'stockholm')).toHaveLength(1);
  });

  it('getCode finds exact codes', () => {
    expect(getCode(list, '2512')?.name).toMatch(/^Mjukvaru/);
    expect(getCode(list, '25120')).toBeUndefined();
  });
});

describe('parseCodeListFile', () => {
  it('accepts a valid list', () => {
    expect(parseCodeListFile(JSON.parse(JSON.stringify(list)))).toEqual(list);
  });

  it('rejects malformed lists with Swedish messages', () => {
    expect(() => parseCodeListFile(null)).toThrow(/Ogiltig kodlista/);
    expect(() => parseCodeListFile({ ...list, codes: [...list.codes, list.codes[0]] })).toThrow(
      /flera gånger/,
    );
    expect(() =>
      parseCodeListFile({ ...list, codes: [{ code: 'x', name: 'x', nameLang: 'sv', parent: 'nope' }] }),
    ).toThrow(/förälder/);
    expect(() => parseCodeListFile({ ...list, codes: [{ code: 'x', name: 'x', nameLang: 'de' }] })).toThrow(
      /nameLang/,
    );
    expect(() => parseCodeListFile({ ...list, version: undefined })).toThrow(/version/);
  });
});

describe('shipped code-list files', () => {
  const dir = fileURLToPath(new URL('../../codelists/', import.meta.url));
  const files = readdirSync(dir).filter((f) => f.endsWith('.json') && f !== 'index.json');
  const load = (file: string) => parseCodeListFile(JSON.parse(readFileSync(`${dir}${file}`, 'utf8')));

  it('all parse, with metadata', () => {
    expect(files.length).toBeGreaterThanOrEqual(10);
    for (const file of files) {
      const parsed = load(file);
      expect(parsed.codes.length, file).toBeGreaterThan(0);
      expect(parsed.retrieved, file).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(parsed.licence, file).not.toBe('');
    }
  });

  it('SSYK 2012 keeps leading zeros and all four levels', () => {
    const ssyk = load('ssyk-2012.json');
    expect(getCode(ssyk, '0110')).toMatchObject({ parent: '011', level: 4, nameLang: 'en' });
    expect(codesOf(searchCodes(ssyk, '2512', 1))).toEqual(['2512']);
    const counts = [1, 2, 3, 4].map((level) => ssyk.codes.filter((c) => c.level === level).length);
    expect(counts).toEqual([10, 46, 148, 429]);
  });

  it('JobTech lists have the expected sizes', () => {
    expect(load('jobtech-language.json').codes).toHaveLength(435);
    expect(load('jobtech-municipality.json').codes).toHaveLength(290);
    expect(load('jobtech-unemployment-fund.json').codes).toHaveLength(26);
    expect(load('jobtech-occupation-name.json').codes).toHaveLength(3431);
    expect(codesOf(searchCodes(load('jobtech-municipality.json'), 'malmo', 1))).toHaveLength(1);
  });
});
