import ExcelJS from 'exceljs';
import { IMPORT_COLUMNS } from './import-columns.ts';

/**
 * The downloadable import template: the column headers (CSV: UTF-8 with BOM, `;`, CRLF, as Swedish
 * Excel opens it), or an XLSX workbook with the headers, text-formatted number columns, choice lists
 * and a sheet of instructions. It contains no personal data.
 */
export function importTemplateCsv(): Uint8Array {
  const quote = (v: string) => (/[;"\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  const line = IMPORT_COLUMNS.map((c) => quote(c.header)).join(';');
  return new TextEncoder().encode(`\uFEFF${line}\r\n`);
}

export async function importTemplateXlsx(): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Insats';
  const sheet = wb.addWorksheet('Deltagare');
  sheet.columns = IMPORT_COLUMNS.map((c) => ({
    header: c.header,
    key: c.key,
    width: Math.max(14, c.header.length + 4),
    ...(c.text ? { style: { numFmt: '@' } } : {}),
  }));
  sheet.getRow(1).font = { bold: true };
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  const col = (key: string) => IMPORT_COLUMNS.findIndex((c) => c.key === key) + 1;
  const choices = (key: string, list: string[]) => {
    const letter = sheet.getColumn(col(key)).letter;
    for (let r = 2; r <= 1000; r++) {
      sheet.getCell(`${letter}${r}`).dataValidation = {
        type: 'list',
        allowBlank: true,
        formulae: [`"${list.join(',')}"`],
      };
    }
  };
  choices('sex', ['K', 'M', 'X']);
  choices('incomeSource', ['Försörjningsstöd', 'Aktivitetsstöd', 'Ingen', 'Annan']);

  const help = wb.addWorksheet('Instruktioner');
  help.columns = [
    { header: 'Kolumn', key: 'header', width: 26 },
    { header: 'Obligatorisk', key: 'required', width: 14 },
    { header: 'Beskrivning', key: 'description', width: 80 },
    { header: 'Exempel', key: 'example', width: 28 },
  ];
  help.getRow(1).font = { bold: true };
  for (const c of IMPORT_COLUMNS) {
    help.addRow({
      header: c.header,
      required: c.required ? 'Ja' : 'Nej',
      description: c.description,
      example: c.example,
    });
  }
  help.addRow({});
  help.addRow({
    header: 'Om filen',
    description:
      'En fil med ett enda fel importeras inte alls: rätta raderna som anges och importera igen. ' +
      'Personer med skyddade personuppgifter registreras för hand, inte via import.',
  });
  const buffer = await wb.xlsx.writeBuffer();
  return new Uint8Array(buffer as ArrayBuffer);
}
