import ExcelJS from 'exceljs';
import { normalizeForSearch } from '../../domain/codelists.ts';

/**
 * Reading an import file into header + rows of text, with the line (CSV) or row (XLSX) number of each
 * record, so every error can name where it is. No rules about participants here.
 *
 * CSV as Swedish Excel writes it: `;` separated (`,` or tab accepted when the header has no `;`),
 * RFC 4180 quoting, CRLF or LF. Encoding: UTF-8 with BOM; without BOM, UTF-8 if the bytes are valid
 * UTF-8, else Windows-1252 (what Excel's "CSV (semikolonavgränsad)" writes on Swedish Windows).
 */

export interface ImportTable {
  format: 'csv' | 'xlsx';
  encoding: 'utf-8' | 'utf-8-bom' | 'windows-1252' | null;
  /** Header cells as written in the file. */
  headers: string[];
  /** Data records; `line` is the 1-based line (CSV) or row (XLSX) where the record starts. */
  rows: { line: number; cells: string[] }[];
}

export class ImportFileError extends Error {
  constructor(
    readonly sv: string,
    readonly en: string,
  ) {
    super(sv);
  }
}

export function decodeCsvBytes(bytes: Uint8Array): { text: string; encoding: ImportTable['encoding'] } {
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8-bom' };
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('windows-1252').decode(bytes), encoding: 'windows-1252' };
  }
}

/** RFC 4180 records with the line each starts on. Quoted fields may hold separators and line breaks. */
export function parseCsvRecords(text: string, separator: string): { line: number; cells: string[] }[] {
  const records: { line: number; cells: string[] }[] = [];
  let cells: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let recordLine = 1;
  let atFieldStart = true;
  const endRecord = () => {
    cells.push(field);
    records.push({ line: recordLine, cells });
    cells = [];
    field = '';
    atFieldStart = true;
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text.charAt(i);
    if (quoted) {
      if (ch === '"') {
        if (text.charAt(i + 1) === '"') {
          field += '"';
          i++;
        } else {
          quoted = false;
        }
      } else {
        if (ch === '\n') line++;
        field += ch;
      }
      continue;
    }
    if (ch === '"' && atFieldStart) {
      quoted = true;
      atFieldStart = false;
    } else if (ch === separator) {
      cells.push(field);
      field = '';
      atFieldStart = true;
    } else if (ch === '\r' || ch === '\n') {
      if (ch === '\r' && text.charAt(i + 1) === '\n') i++;
      endRecord();
      line++;
      recordLine = line;
    } else {
      field += ch;
      atFieldStart = false;
    }
  }
  if (field !== '' || cells.length > 0) endRecord();
  return records;
}

function detectSeparator(firstLine: string): string {
  if (firstLine.includes(';')) return ';';
  if (firstLine.includes('\t')) return '\t';
  if (firstLine.includes(',')) return ',';
  return ';';
}

function readCsv(bytes: Uint8Array): ImportTable {
  const { text, encoding } = decodeCsvBytes(bytes);
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  const records = parseCsvRecords(text, detectSeparator(firstLine));
  const nonEmpty = records.filter((r) => r.cells.some((c) => c.trim() !== ''));
  const [header, ...rows] = nonEmpty;
  if (!header) throw new ImportFileError('Filen är tom.', 'The file is empty.');
  return { format: 'csv', encoding, headers: header.cells.map((c) => c.trim()), rows };
}

type CellValue = ExcelJS.CellValue;

function cellText(value: CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'number') return Number.isInteger(value) ? value.toFixed(0) : String(value);
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'ja' : 'nej';
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('formula' in value || 'sharedFormula' in value)
      return cellText((value as { result?: CellValue }).result ?? null);
    if ('text' in value && typeof value.text === 'string') return value.text;
    if ('error' in value) return '';
  }
  return String(value);
}

async function readXlsx(bytes: Uint8Array): Promise<ImportTable> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw new ImportFileError(
      'Filen kunde inte läsas som en Excel-fil (.xlsx).',
      'The file could not be read as an Excel file (.xlsx).',
    );
  }
  const sheet = workbook.worksheets[0];
  if (!sheet)
    throw new ImportFileError('Arbetsboken har inget kalkylblad.', 'The workbook has no worksheet.');
  const out: { line: number; cells: string[] }[] = [];
  let width = 0;
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: string[] = [];
    const count = row.cellCount;
    for (let col = 1; col <= count; col++) cells.push(cellText(row.getCell(col).value).trim());
    width = Math.max(width, cells.length);
    if (cells.some((c) => c !== '')) out.push({ line: rowNumber, cells });
  });
  const [header, ...rows] = out;
  if (!header) throw new ImportFileError('Kalkylbladet är tomt.', 'The worksheet is empty.');
  return { format: 'xlsx', encoding: null, headers: header.cells, rows };
}

/** Reads a CSV or XLSX file by its name's extension (or its ZIP signature). */
export async function readImportFile(filename: string, bytes: Uint8Array): Promise<ImportTable> {
  const lower = filename.toLowerCase();
  const isZip =
    bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
  if (lower.endsWith('.xlsx') || isZip) return readXlsx(bytes);
  if (lower.endsWith('.csv') || lower.endsWith('.txt')) return readCsv(bytes);
  if (lower.endsWith('.xls')) {
    throw new ImportFileError(
      'Det gamla Excel-formatet (.xls) stöds inte. Spara filen som .xlsx eller CSV (semikolonavgränsad).',
      'The old Excel format (.xls) is not supported. Save the file as .xlsx or CSV (semicolon separated).',
    );
  }
  return readCsv(bytes);
}

/** Header text folded for matching (case, diacritics and punctuation ignored). */
export const foldHeader = (h: string) => normalizeForSearch(h);
