import { describe, expect, it } from 'vitest';
import { decodeCsvBytes, parseAttendanceCsv, parseCsvRecords } from './attendance-csv.ts';

const REF = '2026-03-02';
const HEADER = 'personnummer;vecka;närvarotimmar;frånvarotimmar;orsak';
const utf8 = (s: string) => new TextEncoder().encode(s);
const bom = (s: string) => new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(s)]);
/** Windows-1252 for the Latin-1 range (å ä ö Å Ä Ö are the same code points). */
const cp1252 = (s: string) => new Uint8Array([...s].map((ch) => ch.charCodeAt(0)));

describe('decoding', () => {
  it('detects UTF-8 with BOM, plain UTF-8 and Windows-1252', () => {
    expect(decodeCsvBytes(bom('åäö'))).toEqual({ text: 'åäö', encoding: 'utf-8' });
    expect(decodeCsvBytes(utf8('åäö'))).toEqual({ text: 'åäö', encoding: 'utf-8' });
    expect(decodeCsvBytes(cp1252('åäö€'.replace('€', '')))).toEqual({
      text: 'åäö',
      encoding: 'windows-1252',
    });
    expect(decodeCsvBytes(new Uint8Array([0x80])).text).toBe('€');
  });
});

describe('records', () => {
  it('handles quotes, doubled quotes, separators and newlines inside quotes, CRLF and blank lines', () => {
    const { records, error } = parseCsvRecords('a;"b;c"\r\n"d ""e""";"f\ng"\r\n\r\nh;i');
    expect(error).toBeNull();
    expect(records).toEqual([
      { line: 1, fields: ['a', 'b;c'] },
      { line: 2, fields: ['d "e"', 'f\ng'] },
      { line: 5, fields: ['h', 'i'] },
    ]);
  });

  it('reports a quote that never ends, with its line', () => {
    expect(parseCsvRecords('a;b\n"c;d\ne').error).toMatchObject({ line: 2 });
  });
});

describe('attendance file', () => {
  it('reads valid rows with decimal commas, a Windows-1252 header and reasons in any case', () => {
    const text = `${HEADER}\r\n196408233234;2026-V10;32,5;7,5;SJUK\r\n640823-3234;2026W11;40;;\r\n`;
    const r = parseAttendanceCsv(cp1252(text), REF);
    expect(r.encoding).toBe('windows-1252');
    expect(r.issues).toEqual([]);
    expect(r.rows).toMatchObject([
      { line: 2, personnummer: '196408233234', hoursPresent: 32.5, absenceHours: 7.5, reason: 'sjuk' },
      { line: 3, week: { label: '2026-W11' }, hoursPresent: 40, absenceHours: 0, reason: null },
    ]);
  });

  it('reports every bad row with line, column and reason, and returns no rows', () => {
    const text = [
      HEADER,
      '196408233234;2026-V10;40;0;',
      '196408233235;2026-V10;40;0;', // check digit
      '196408233234;2026-V54;40;0;', // no such week
      '196408233234;2026-V12;fyrtio;0;', // hours
      '196408233234;2026-V13;40;8;', // reason missing
      '196408233234;2026-V14;40;0;semester', // unknown reason
      '196408233234;2026-V10;30;0;', // duplicate week
      '196408233234;2026-V15;40', // column count
      '196408233234;2026-V16;160;10;annat', // more than a week
    ].join('\n');
    const r = parseAttendanceCsv(bom(text), REF);
    expect(r.rows).toEqual([]);
    expect(r.issues.map((i) => [i.line, i.column])).toEqual([
      [3, 'personnummer'],
      [4, 'vecka'],
      [5, 'närvarotimmar'],
      [6, 'orsak'],
      [7, 'orsak'],
      [8, 'vecka'],
      [9, null],
      [10, 'frånvarotimmar'],
    ]);
    for (const i of r.issues) expect(i.message.length).toBeGreaterThan(10);
  });

  it('requires the header row', () => {
    const r = parseAttendanceCsv(utf8('pnr;v;n;f;o\n196408233234;2026-V10;40;0;'), REF);
    expect(r.issues).toMatchObject([{ line: 1, column: null }]);
    expect(parseAttendanceCsv(utf8(''), REF).issues).toMatchObject([{ line: 1, message: 'Filen är tom.' }]);
  });
});
