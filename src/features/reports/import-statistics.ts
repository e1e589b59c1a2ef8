import { randomUUID } from 'node:crypto';
import type { Ctx } from '../../context.ts';
import { toCsvBytes } from '../../exports/csv.ts';
import { toXlsx } from '../../exports/xlsx.ts';
import { AppError } from '../../http/errors.ts';
import { recordAudit } from '../audit/record-event.ts';
import { ImportFileError, type ImportTable, readImportFile } from '../participants/import-file.ts';
import { ImportRejected } from '../participants/import-participants.ts';
import { replaceSocialAssistanceMonths, replaceUnemploymentMonths } from './repo.ts';
import {
  type Checked,
  checkSocialAssistance,
  checkUnemployment,
  MAX_STATISTICS_ROWS,
} from './statistics-file.ts';

/**
 * Imports of the dashboard's monthly statistics (CSV or XLSX). All or nothing: the whole file is
 * checked first and every problem is returned with line, column and a Swedish reason; otherwise one
 * transaction replaces the months the file holds (a re-imported month replaces the earlier one,
 * every age group of it for Arbetsförmedlingen's statistics) and writes one `import` audit event.
 */

export type StatisticsKind = 'forsorjningsstod' | 'arbetsformedlingen';

export interface StatisticsImportResult {
  importId: string;
  kind: StatisticsKind;
  rows: number;
  months: number;
  firstMonth: string;
  lastMonth: string;
  replacedMonths: string[];
  ignoredColumns: string[];
}

async function readTable(filename: string, content: Uint8Array): Promise<ImportTable> {
  let table: ImportTable;
  try {
    table = await readImportFile(filename, content);
  } catch (err) {
    if (err instanceof ImportFileError)
      throw new AppError(422, 'import_unreadable', { sv: err.sv, en: err.en });
    throw err;
  }
  if (table.rows.length === 0)
    throw new AppError(422, 'import_empty', {
      sv: 'Filen har inga rader med siffror.',
      en: 'The file has no rows with figures.',
    });
  if (table.rows.length > MAX_STATISTICS_ROWS)
    throw new AppError(422, 'import_too_large', {
      sv: `Filen har fler än ${MAX_STATISTICS_ROWS} rader. Dela upp den.`,
      en: `The file has more than ${MAX_STATISTICS_ROWS} rows. Split it.`,
    });
  return table;
}

export async function importStatistics(
  ctx: Ctx,
  kind: StatisticsKind,
  input: { filename: string; content: Uint8Array },
): Promise<StatisticsImportResult> {
  const actor = ctx.actor!;
  const table = await readTable(input.filename, input.content);
  const social = kind === 'forsorjningsstod' ? checkSocialAssistance(table) : null;
  const unemployment = kind === 'arbetsformedlingen' ? checkUnemployment(table) : null;
  const checked: Checked<{ month: string }> = (social ?? unemployment)!;
  if (checked.issues.length > 0) throw new ImportRejected(checked.issues);
  const importId = randomUUID();
  const months = [...new Set(checked.rows.map((r) => r.month))].sort();
  const now = ctx.clock.now();
  const replacedMonths = await ctx.db.transaction().execute(async (tx) => {
    const replaced = social
      ? await replaceSocialAssistanceMonths(
          tx,
          actor.organisationId,
          importId,
          social.rows,
          actor.userId,
          now,
        )
      : await replaceUnemploymentMonths(
          tx,
          actor.organisationId,
          importId,
          unemployment?.rows ?? [],
          actor.userId,
          now,
        );
    await recordAudit(tx, ctx, {
      action: 'import',
      objectType: kind === 'forsorjningsstod' ? 'dashboard_social_assistance' : 'dashboard_unemployment',
      objectId: importId,
      details: {
        format: table.format,
        rows: checked.rows.length,
        months: months.length,
        firstMonth: months[0],
        lastMonth: months.at(-1),
        replacedMonths: replaced,
      },
    });
    return replaced;
  });
  return {
    importId,
    kind,
    rows: checked.rows.length,
    months: months.length,
    firstMonth: months[0] ?? '',
    lastMonth: months.at(-1) ?? '',
    replacedMonths,
    ignoredColumns: checked.ignoredColumns,
  };
}

/** An import template: the header the import reads and two example rows (no personal data). */
export async function statisticsTemplate(
  kind: StatisticsKind,
  format: 'csv' | 'xlsx',
): Promise<{ bytes: Uint8Array; name: string }> {
  const rows: (string | number)[][] =
    kind === 'forsorjningsstod'
      ? [
          ['Månad', 'Antal ansökningar'],
          ['2026-01', 134],
          ['2026-02', 128],
        ]
      : [
          ['Månad', 'Åldersgrupp', 'Antal inskrivna arbetslösa', 'Andel (%)'],
          ['2026-01', '16-24', 512, 11.5],
          ['2026-01', '25-64', 1840, 6.2],
        ];
  const name = kind === 'forsorjningsstod' ? 'forsorjningsstod-mall' : 'arbetsformedlingen-mall';
  if (format === 'csv') return { bytes: toCsvBytes(rows), name };
  return {
    bytes: await toXlsx([{ name: 'Mall', rows, boldRows: [0], columnWidths: [12, 16, 26, 12] }], {
      title: name,
    }),
    name,
  };
}
