import ExcelJS from 'exceljs';
import { neutralizeFormula } from './csv.ts';

/**
 * XLSX through exceljs (never the npm `xlsx` package). Numbers are typed numeric cells; text is
 * always written as a plain string value — never as a formula — and additionally neutralised like the
 * CSV (a leading `'`), so a file re-saved as CSV by Excel stays inert.
 */

export type XlsxCell = string | number | null | undefined;

export interface XlsxSheet {
  name: string;
  rows: readonly (readonly XlsxCell[])[];
  /** Rows (0-based) to make bold, e.g. headings. */
  boldRows?: readonly number[];
  columnWidths?: readonly number[];
}

/** Excel's sheet-name rules: at most 31 characters, none of `[]:*?/\`. */
export function sheetName(name: string): string {
  return name.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31) || 'Blad';
}

export async function toXlsx(
  sheets: readonly XlsxSheet[],
  meta: { title: string; createdAt?: Date },
): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Insats';
  wb.title = meta.title;
  if (meta.createdAt) {
    wb.created = meta.createdAt;
    wb.modified = meta.createdAt;
  }
  const used = new Set<string>();
  for (const s of sheets) {
    let name = sheetName(s.name);
    for (let i = 2; used.has(name); i++) name = sheetName(`${s.name.slice(0, 27)} ${i}`);
    used.add(name);
    const ws = wb.addWorksheet(name);
    s.rows.forEach((r, ri) => {
      const row = ws.getRow(ri + 1);
      r.forEach((c, ci) => {
        const cell = row.getCell(ci + 1);
        if (typeof c === 'number' && Number.isFinite(c)) cell.value = c;
        else if (c !== null && c !== undefined && c !== '') {
          cell.value = neutralizeFormula(String(c));
          cell.numFmt = '@';
        }
      });
      if (s.boldRows?.includes(ri)) row.font = { bold: true };
      row.commit();
    });
    s.columnWidths?.forEach((w, i) => {
      ws.getColumn(i + 1).width = w;
    });
  }
  const buffer = await wb.xlsx.writeBuffer();
  return new Uint8Array(buffer as ArrayBuffer);
}
