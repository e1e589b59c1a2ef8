/**
 * CSV for Swedish Excel: `;` separator, UTF-8 with BOM, CRLF line ends, RFC 4180 quoting, decimal
 * comma for numbers, and formula neutralisation — a text cell starting with `=`, `+`, `-`, `@`, tab
 * or carriage return gets a leading `'` so that no spreadsheet evaluates it (CSV injection, OWASP).
 */

export type CsvCell = string | number | null | undefined;

const BOM = '\uFEFF';
const FORMULA_START = /^[=+\-@\t\r]/;

/** A text value made inert for spreadsheets. */
export function neutralizeFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** Formats a number with a decimal comma and no thousands separator (e.g. `60,6`, `-70000`). */
export function formatNumberSv(value: number): string {
  if (!Number.isFinite(value)) return '';
  return String(value).replace('.', ',');
}

function cellText(cell: CsvCell): string {
  if (cell === null || cell === undefined) return '';
  // Negative numbers are typed numbers, not text: Excel reads `-70000` as a number, not a formula.
  if (typeof cell === 'number') return formatNumberSv(cell);
  return neutralizeFormula(cell);
}

function quote(text: string): string {
  return /[;"\r\n]/.test(text) || text !== text.trim() ? `"${text.replaceAll('"', '""')}"` : text;
}

/** The CSV text (with BOM) of rows of cells. */
export function toCsv(rows: readonly (readonly CsvCell[])[]): string {
  return `${BOM + rows.map((r) => r.map((c) => quote(cellText(c))).join(';')).join('\r\n')}\r\n`;
}

/** The CSV as UTF-8 bytes. */
export function toCsvBytes(rows: readonly (readonly CsvCell[])[]): Uint8Array {
  return new TextEncoder().encode(toCsv(rows));
}

/** Parses CSV written by {@link toCsv} (RFC 4180, `;`, CRLF; BOM stripped). For tests and round trips. */
export function parseCsv(text: string): string[][] {
  const src = text.startsWith(BOM) ? text.slice(1) : text;
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let inQuotes = false;
  for (let i = 0; i < src.length; i++) {
    const ch = src[i]!;
    if (inQuotes) {
      if (ch === '"') {
        if (src[i + 1] === '"') {
          cell += '"';
          i++;
        } else inQuotes = false;
      } else cell += ch;
    } else if (ch === '"') inQuotes = true;
    else if (ch === ';') {
      row.push(cell);
      cell = '';
    } else if (ch === '\r' && src[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += ch;
  }
  if (cell !== '' || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}
