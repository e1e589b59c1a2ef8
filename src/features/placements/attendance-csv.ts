/**
 * Reads an attendance file as Swedish Excel writes it: `;` separator, RFC 4180 quoting, CRLF or LF,
 * UTF-8 (with or without BOM) or Windows-1252. Columns, in this order, with a header row:
 * `personnummer;vecka;närvarotimmar;frånvarotimmar;orsak`. Pure: no I/O; the use case resolves
 * people and placements. Every problem is reported with line, column and reason.
 */
import { normalizeForSearch } from '../../domain/codelists.ts';
import { parsePersonnummer } from '../../domain/personnummer.ts';
import { type IsoWeek, parseIsoWeek } from './periods.ts';

export const ABSENCE_REASONS = ['sjuk', 'vab', 'ledig', 'ogiltig', 'annat'] as const;
export type AbsenceReason = (typeof ABSENCE_REASONS)[number];

export const ATTENDANCE_COLUMNS = [
  'personnummer',
  'vecka',
  'närvarotimmar',
  'frånvarotimmar',
  'orsak',
] as const;
export type AttendanceColumn = (typeof ATTENDANCE_COLUMNS)[number];

export interface ImportIssue {
  /** Physical line in the file where the record starts (the header is line 1). */
  line: number;
  /** Column name, or null when the whole row is wrong. */
  column: AttendanceColumn | null;
  message: string;
}

export interface AttendanceRow {
  line: number;
  personnummer: string;
  week: IsoWeek;
  hoursPresent: number;
  absenceHours: number;
  reason: AbsenceReason | null;
}

export const MAX_WEEK_HOURS = 168;

/** UTF-8 when the bytes carry a BOM or are valid UTF-8; otherwise Windows-1252 (Excel "CSV (semikolonavgränsad)"). */
export function decodeCsvBytes(bytes: Uint8Array): { text: string; encoding: 'utf-8' | 'windows-1252' } {
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8' };
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: decodeWindows1252(bytes), encoding: 'windows-1252' };
  }
}

/** 0x80–0x9F in Windows-1252 (undefined positions kept as the C1 control). */
const CP1252_HIGH =
  '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f' +
  '\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

/**
 * Windows-1252 by table: Node's TextDecoder treats the label as ISO-8859-1 and gets 0x80–0x9F
 * (e.g. € and the typographic quotes Excel writes) wrong.
 */
export function decodeWindows1252(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += b >= 0x80 && b <= 0x9f ? CP1252_HIGH[b - 0x80] : String.fromCharCode(b);
  return out;
}

/** Splits CSV text into records of fields, each with the line it starts on. */
export function parseCsvRecords(
  text: string,
  separator = ';',
): { records: { line: number; fields: string[] }[]; error: ImportIssue | null } {
  const records: { line: number; fields: string[] }[] = [];
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let recordLine = 1;
  let inQuotes = false;
  let quotedStartLine = 1;
  let i = 0;
  const endRecord = () => {
    fields.push(field);
    // A line with nothing on it is skipped (Excel often ends files with one).
    if (!(fields.length === 1 && fields[0]!.trim() === '')) records.push({ line: recordLine, fields });
    fields = [];
    field = '';
  };
  while (i < text.length) {
    const ch = text[i]!;
    if (inQuotes) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        inQuotes = false;
        i += 1;
        continue;
      }
      if (ch === '\n') line += 1;
      field += ch;
      i += 1;
      continue;
    }
    if (ch === '"' && field.trim() === '') {
      inQuotes = true;
      quotedStartLine = line;
      field = '';
      i += 1;
      continue;
    }
    if (ch === separator) {
      fields.push(field);
      field = '';
      i += 1;
      continue;
    }
    if (ch === '\r' || ch === '\n') {
      endRecord();
      i += ch === '\r' && text[i + 1] === '\n' ? 2 : 1;
      line += 1;
      recordLine = line;
      continue;
    }
    field += ch;
    i += 1;
  }
  if (inQuotes) {
    return {
      records,
      error: { line: quotedStartLine, column: null, message: 'Citattecknet som börjar här avslutas aldrig.' },
    };
  }
  if (field !== '' || fields.length > 0) endRecord();
  return { records, error: null };
}

/** Decimal hours as written in Swedish Excel: `7,5`, `7.5`, `8`. */
export function parseHours(text: string): number | null {
  const t = text.trim().replace(/\s/g, '');
  if (!/^\d{1,3}([.,]\d{1,2})?$/.test(t)) return null;
  return Number(t.replace(',', '.'));
}

function checkHours(
  raw: string,
  column: AttendanceColumn,
  line: number,
  issues: ImportIssue[],
  emptyAsZero: boolean,
): number | null {
  if (raw.trim() === '') {
    if (emptyAsZero) return 0;
    issues.push({ line, column, message: 'Ange antal timmar (0 om inga).' });
    return null;
  }
  const value = parseHours(raw);
  if (value === null) {
    issues.push({
      line,
      column,
      message: `"${raw.trim().slice(0, 20)}" är inget antal timmar: ange t.ex. 7,5 (högst två decimaler).`,
    });
    return null;
  }
  if (value > MAX_WEEK_HOURS) {
    issues.push({ line, column, message: `En vecka har högst ${MAX_WEEK_HOURS} timmar.` });
    return null;
  }
  return value;
}

/**
 * Parses a whole attendance file. Returns the rows when every row is valid, else every issue found
 * (the caller writes nothing then). Rows for the same person and week twice are an error.
 */
export function parseAttendanceCsv(
  bytes: Uint8Array,
  referenceDate: string,
): { rows: AttendanceRow[]; issues: ImportIssue[]; encoding: 'utf-8' | 'windows-1252' } {
  const { text, encoding } = decodeCsvBytes(bytes);
  const { records, error } = parseCsvRecords(text);
  const issues: ImportIssue[] = error ? [error] : [];
  const [header, ...data] = records;
  if (!header) {
    return { rows: [], issues: [{ line: 1, column: null, message: 'Filen är tom.' }], encoding };
  }
  const expected = ATTENDANCE_COLUMNS.map(normalizeForSearch);
  const got = header.fields.map((f) => normalizeForSearch(f));
  if (got.length !== expected.length || got.some((g, idx) => g !== expected[idx])) {
    issues.push({
      line: header.line,
      column: null,
      message: `Första raden ska vara rubrikerna ${ATTENDANCE_COLUMNS.join(';')} (semikolonavgränsad).`,
    });
    return { rows: [], issues, encoding };
  }
  if (data.length === 0)
    issues.push({ line: header.line, column: null, message: 'Filen har inga datarader.' });
  const rows: AttendanceRow[] = [];
  const seen = new Map<string, number>();
  for (const rec of data) {
    const line = rec.line;
    if (rec.fields.length !== ATTENDANCE_COLUMNS.length) {
      issues.push({
        line,
        column: null,
        message: `Raden har ${rec.fields.length} kolumner; den ska ha ${ATTENDANCE_COLUMNS.length} åtskilda med semikolon.`,
      });
      continue;
    }
    const [pnrRaw, weekRaw, presentRaw, absentRaw, reasonRaw] = rec.fields as [
      string,
      string,
      string,
      string,
      string,
    ];
    const before = issues.length;
    const pnr = parsePersonnummer(pnrRaw, { referenceDate });
    if (!pnr.ok) issues.push({ line, column: 'personnummer', message: pnr.message });
    const week = parseIsoWeek(weekRaw);
    if (!week) {
      issues.push({
        line,
        column: 'vecka',
        message: 'Ange veckan som ÅÅÅÅ-Vnn (t.ex. 2026-V10); veckan måste finnas det året.',
      });
    }
    const present = checkHours(presentRaw, 'närvarotimmar', line, issues, false);
    const absent = checkHours(absentRaw, 'frånvarotimmar', line, issues, true);
    const reasonText = reasonRaw.trim().toLocaleLowerCase('sv-SE');
    let reason: AbsenceReason | null = null;
    if (reasonText !== '') {
      if ((ABSENCE_REASONS as readonly string[]).includes(reasonText)) reason = reasonText as AbsenceReason;
      else {
        issues.push({
          line,
          column: 'orsak',
          message: `Okänd orsak "${reasonRaw.trim().slice(0, 20)}": använd ${ABSENCE_REASONS.join(', ')}.`,
        });
      }
    }
    if (absent !== null && absent > 0 && reasonText === '') {
      issues.push({ line, column: 'orsak', message: 'Ange orsak när frånvarotimmar är fler än 0.' });
    }
    if (absent === 0 && reason !== null) {
      issues.push({ line, column: 'orsak', message: 'Orsak anges bara när det finns frånvarotimmar.' });
    }
    if (present !== null && absent !== null && present + absent > MAX_WEEK_HOURS) {
      issues.push({
        line,
        column: 'frånvarotimmar',
        message: `Närvaro och frånvaro är tillsammans fler än veckans ${MAX_WEEK_HOURS} timmar.`,
      });
    }
    if (issues.length > before || !pnr.ok || !week || present === null || absent === null) continue;
    const key = `${pnr.value.normalized}|${week.label}`;
    const first = seen.get(key);
    if (first !== undefined) {
      issues.push({
        line,
        column: 'vecka',
        message: `Personen har redan en rad för vecka ${week.label} (rad ${first}). Ange varje vecka en gång.`,
      });
      continue;
    }
    seen.set(key, line);
    rows.push({
      line,
      personnummer: pnr.value.normalized,
      week,
      hoursPresent: present,
      absenceHours: absent,
      reason,
    });
  }
  return { rows: issues.length > 0 ? [] : rows, issues, encoding };
}
