import type { Ctx, RoleGrant } from '../../context.ts';
import type { CsvCell } from '../../exports/csv.ts';
import { recordAudit } from '../audit/record-event.ts';
import { buildDashboard, type Dashboard } from './dashboard.ts';
import { type ExportFormat, type ReportDocument, renderDocument } from './export-report.ts';
import type { Figure } from './figures.ts';
import type { DashboardQuery } from './schema.ts';

const cell = (f: Figure | undefined): CsvCell => (f ? (f.value !== null ? f.value : f.display) : '');
const imported = (v: number | null | undefined): CsvCell => (v === null || v === undefined ? '' : v);

/** The dashboard as a document: one table per chart, months as rows (the charts' data tables). */
export function dashboardDocument(d: Dashboard): ReportDocument {
  const goalLine = (name: string, g: Dashboard['unemployment']['goal'], unit: string) =>
    g
      ? [`Mål för ${name}: ${String(g.target).replace('.', ',')}${unit}${g.label ? ` (${g.label})` : ''}`]
      : [];
  return {
    title: d.title,
    meta: [
      `Period: ${d.from} – ${d.to}`,
      `Enhet: ${d.unit ? d.unit.name : 'Alla enheter'}`,
      ...d.notes,
      ...goalLine('andel inskrivna arbetslösa', d.unemployment.goal, ' %'),
      ...goalLine('ansökningar om försörjningsstöd', d.socialAssistance.goal, ''),
    ],
    texts: [],
    tables: [
      {
        heading: 'Anvisningar och påbörjade inskrivningar per månad',
        headers: ['Månad', 'Anvisningar', 'Påbörjade inskrivningar'],
        rows: [
          ...d.months.map((m, i) => [m, cell(d.referrals.figures[i]), cell(d.enrolmentsStarted.figures[i])]),
          ['Totalt', cell(d.referrals.total), cell(d.enrolmentsStarted.total)],
        ],
      },
      {
        heading: 'Avslut per månad och avslutsorsak',
        headers: ['Månad', ...d.exits.reasons.map((r) => r.label), 'Totalt'],
        rows: [
          ...d.months.map((m, i) => [m, ...(d.exits.cells[i] ?? []).map(cell), cell(d.exits.monthTotals[i])]),
          ['Totalt', ...d.exits.reasonTotals.map(cell), cell(d.exits.total)],
        ],
      },
      {
        heading: 'Ansökningar om försörjningsstöd per månad (importerad statistik)',
        headers: ['Månad', 'Ansökningar'],
        rows: d.months.map((m, i) => [m, imported(d.socialAssistance.applications[i])]),
      },
      {
        heading: 'Inskrivna arbetslösa per åldersgrupp, Arbetsförmedlingen (importerad statistik)',
        headers: ['Månad', ...d.unemployment.ageGroups.flatMap((a) => [`${a} antal`, `${a} andel (%)`])],
        rows: d.months.map((m, i) => [
          m,
          ...d.unemployment.ageGroups.flatMap((_, a) => [
            imported(d.unemployment.registered[a]?.[i]),
            imported(d.unemployment.sharePercent[a]?.[i]),
          ]),
        ]),
      },
    ],
    definitions: d.definitions,
  };
}

/** Exports the dashboard (always suppressed, like every export). Writes an 'export' audit event. */
export async function exportDashboard(
  ctx: Ctx,
  grant: RoleGrant | null,
  q: DashboardQuery & { format: ExportFormat },
) {
  return ctx.db.transaction().execute(async (tx) => {
    const d = await buildDashboard(ctx, tx, q);
    const bytes = await renderDocument(dashboardDocument(d), q.format, ctx.clock.now());
    await recordAudit(tx, ctx, {
      action: 'export',
      objectType: 'report',
      objectId: 'oversikt',
      ...(grant ? { role: grant.role, unitId: grant.unitId } : {}),
      details: {
        kind: 'oversikt',
        format: q.format,
        from: d.from,
        to: d.to,
        unitId: q.unitId,
        suppressed: true,
        bytes: bytes.length,
      },
    });
    return { bytes, name: `oversikt-${d.from}-${d.to}` };
  });
}
