import type { Ctx, RoleGrant } from '../../context.ts';
import { type BarDatum, drawBarsPdf } from '../../exports/charts.ts';
import { type CsvCell, toCsvBytes } from '../../exports/csv.ts';
import { createTaggedPdf } from '../../exports/pdf.ts';
import { toXlsx } from '../../exports/xlsx.ts';
import { recordAudit } from '../audit/record-event.ts';
import type { Figure } from './figures.ts';
import {
  buildFollowUpReport,
  type CountRow,
  costsForReport,
  type FollowUpReport,
} from './follow-up-report.ts';
import { buildOutcomeReport, type OutcomeGroup, type OutcomeReport } from './outcome-report.ts';
import { refreshStaleOutcomes } from './refresh-outcomes.ts';

export type ExportFormat = 'csv' | 'xlsx' | 'pdf';

/** A report as a format-neutral document: sections of tables, each optionally charted. */
export interface ReportTable {
  heading: string;
  headers: string[];
  rows: CsvCell[][];
  /** Column (index) to chart as bars, with the row label in column 0. */
  chartColumn?: number;
}

export interface ReportDocument {
  title: string;
  meta: string[];
  texts: { heading: string; body: string }[];
  tables: ReportTable[];
  definitions: { term: string; text: string }[];
}

/** A figure as a cell: the number when shown, else its display text (`<5`, `..`). */
const cell = (f: Figure): CsvCell => (f.value !== null ? f.value : f.display);

const OUTCOME_HEADERS = [
  'Grupp',
  'Deltagare',
  'Avslutade',
  'Till arbete',
  'Till studier',
  'Till arbete eller studier',
  'Andel av avslutade (%)',
  'Inom 18 månader',
  'Andel inom 18 månader (%)',
];

function outcomeRows(groups: OutcomeGroup[]): CsvCell[][] {
  return groups.map((g) => [
    g.label,
    cell(g.figures.participants),
    cell(g.figures.exited),
    cell(g.figures.intoWork),
    cell(g.figures.intoStudies),
    cell(g.figures.intoWorkOrStudies),
    cell(g.figures.shareOfExitedPercent),
    cell(g.figures.within18Months),
    cell(g.figures.shareWithin18MonthsPercent),
  ]);
}

function suppressionLine(s: { applied: boolean; threshold: number }) {
  return s.applied
    ? `Röjandekontroll: antal under ${s.threshold} visas som "<${s.threshold}", kompletterande döljning som "..".`
    : 'Interna siffror utan röjandekontroll.';
}

export function outcomeDocument(r: OutcomeReport): ReportDocument {
  const table = (heading: string, groups: OutcomeGroup[]): ReportTable => ({
    heading,
    headers: OUTCOME_HEADERS,
    rows: outcomeRows(groups),
    chartColumn: 6,
  });
  return {
    title: r.title,
    meta: [`Referensdatum: ${r.referenceDate}`, suppressionLine(r.suppression)],
    texts: [],
    tables: [
      {
        heading: 'Totalt',
        headers: OUTCOME_HEADERS,
        rows: outcomeRows([{ key: 'total', label: 'Totalt', figures: r.total }]),
      },
      table('Per insats', r.byProgramme),
      table('Per enhet', r.byUnit),
      table('Per område', r.byDistrict),
      table('Per kön', r.bySex),
      table('Per åldersgrupp vid start', r.byAgeBand),
      table('Per startkohort', r.byCohort),
      {
        heading: 'Uppföljning efter avslut',
        headers: ['Månader efter avslut', 'Status', 'Antal'],
        rows: r.followUps.map((f) => [f.months, f.label, cell(f.count)]),
      },
    ],
    definitions: r.definitions,
  };
}

const countRows = (rows: CountRow[]): CsvCell[][] => rows.map((r) => [r.label, cell(r.count)]);

export function followUpDocument(r: FollowUpReport): ReportDocument {
  return {
    title: r.title,
    meta: [`Referensdatum: ${r.referenceDate}`, suppressionLine(r.suppression)],
    texts: r.texts.map((t) => ({ heading: t.section.replaceAll('_', ' '), body: t.body })),
    tables: [
      {
        heading: 'Deltagare och hushåll',
        headers: ['Uppgift', 'Värde'],
        rows: [
          ['Deltagare', cell(r.participants)],
          ['Yngst (år)', cell(r.ageMin)],
          ['Äldst (år)', cell(r.ageMax)],
          ['Hushåll', cell(r.households)],
          ['Par där båda deltar', cell(r.couples)],
          ['Berörda barn', cell(r.childrenAffected)],
          ['Deltagare utan hemmavarande barn', cell(r.participantsWithoutChildrenAtHome)],
          ['Medlemmar i a-kassa', cell(r.akassaMembers)],
        ],
      },
      { heading: 'Per kön', headers: ['Kön', 'Antal'], rows: countRows(r.bySex), chartColumn: 1 },
      {
        heading: 'Per åldersgrupp',
        headers: ['Ålder', 'Antal'],
        rows: countRows(r.byAgeBand),
        chartColumn: 1,
      },
      { heading: 'Språk', headers: ['Språk', 'Antal'], rows: countRows(r.languagesByCount), chartColumn: 1 },
      {
        heading: 'Placeringar per sektor',
        headers: ['Sektor', 'Antal'],
        rows: countRows(r.sectorsByCount),
        chartColumn: 1,
      },
      {
        heading: 'Försörjning före start',
        headers: ['Försörjning', 'Antal'],
        rows: countRows(r.incomeSourceBeforeStart),
      },
      {
        heading: `Kostnader, utfall mot prognos (kr)${r.costSource === 'fallback' ? ' – manuellt angivna' : ''}`,
        headers: ['Kategori', 'Prognos', 'Utfall', 'Avvikelse'],
        rows: r.costs.map((c) => [c.category, c.forecastSek, c.outcomeSek, c.deviationSek]),
      },
    ],
    definitions: r.definitions,
  };
}

/** All tables of a document as CSV rows (sections separated by an empty row). */
export function documentCsvRows(d: ReportDocument): CsvCell[][] {
  const rows: CsvCell[][] = [[d.title], ...d.meta.map((m) => [m])];
  for (const t of d.texts) rows.push([], [t.heading], [t.body]);
  for (const t of d.tables) rows.push([], [t.heading], t.headers, ...t.rows);
  rows.push([], ['Definitioner'], ...d.definitions.map((x) => [x.term, x.text]));
  return rows;
}

const asText = (c: CsvCell): string =>
  c === null || c === undefined ? '' : typeof c === 'number' ? String(c).replace('.', ',') : c;

export async function renderDocument(
  d: ReportDocument,
  format: ExportFormat,
  createdAt: Date,
): Promise<Uint8Array> {
  if (format === 'csv') return toCsvBytes(documentCsvRows(d));
  if (format === 'xlsx') {
    return toXlsx(
      [
        {
          name: 'Rapport',
          rows: documentCsvRows(d),
          boldRows: [0],
          columnWidths: [34, 14, 14, 14, 14, 18, 16, 14, 16],
        },
      ],
      { title: d.title, createdAt },
    );
  }
  const pdf = createTaggedPdf({ title: d.title, lang: 'sv-SE', createdAt, author: 'Insats' });
  pdf.h1(d.title);
  for (const m of d.meta) pdf.p(m);
  for (const t of d.texts) {
    pdf.h2(t.heading);
    pdf.p(t.body);
  }
  for (const t of d.tables) {
    pdf.h2(t.heading);
    if (t.rows.length === 0) {
      pdf.p('Inga uppgifter.');
      continue;
    }
    if (t.chartColumn !== undefined) {
      const col = t.chartColumn;
      const data: BarDatum[] = t.rows.map((r) => {
        const v = r[col];
        return { label: asText(r[0]), value: typeof v === 'number' ? v : null, display: asText(v) };
      });
      drawBarsPdf(pdf, data);
    }
    pdf.table({
      headers: t.headers,
      rows: t.rows.map((r) => r.map(asText)),
      widths: t.headers.map((_, i) => (i === 0 ? 3 : 1.4)),
    });
  }
  pdf.h2('Definitioner');
  pdf.list(d.definitions.map((x) => `${x.term}: ${x.text}`));
  return new Uint8Array(await pdf.toBuffer());
}

const slug = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

async function exportWith<R extends { title: string; referenceDate: string }>(
  ctx: Ctx,
  grant: RoleGrant | null,
  kind: string,
  format: ExportFormat,
  params: Record<string, string | undefined>,
  build: (tx: Parameters<typeof refreshStaleOutcomes>[0]) => Promise<R>,
  toDocument: (r: R) => ReportDocument,
) {
  const organisationId = ctx.actor!.organisationId;
  return ctx.db.transaction().execute(async (tx) => {
    await refreshStaleOutcomes(tx, organisationId);
    const report = await build(tx);
    const bytes = await renderDocument(toDocument(report), format, ctx.clock.now());
    await recordAudit(tx, ctx, {
      action: 'export',
      objectType: 'report',
      objectId: kind,
      ...(grant ? { role: grant.role, unitId: grant.unitId } : {}),
      details: { kind, format, ...params, suppressed: true, bytes: bytes.length },
    });
    return { bytes, name: `${slug(kind)}-${report.referenceDate}` };
  });
}

/** Exports are always small-cell suppressed, whoever asks. Writes an 'export' audit event. */
export function exportOutcomeReport(
  ctx: Ctx,
  grant: RoleGrant | null,
  q: { programmeId?: string | undefined; referenceDate: string; format: ExportFormat },
) {
  return exportWith(
    ctx,
    grant,
    'utfall',
    q.format,
    { programmeId: q.programmeId, referenceDate: q.referenceDate },
    (tx) =>
      buildOutcomeReport(ctx, tx, ctx.actor!.organisationId, {
        programmeId: q.programmeId,
        referenceDate: q.referenceDate,
        unsuppressed: false,
      }),
    outcomeDocument,
  );
}

export async function exportFollowUpReport(
  ctx: Ctx,
  grant: RoleGrant | null,
  q: { programmeId: string; referenceDate: string; format: ExportFormat },
) {
  const costs = await costsForReport(ctx, q.programmeId, q.referenceDate);
  return exportWith(
    ctx,
    grant,
    'uppfoljning',
    q.format,
    { programmeId: q.programmeId, referenceDate: q.referenceDate },
    (tx) =>
      buildFollowUpReport(
        ctx,
        tx,
        ctx.actor!.organisationId,
        {
          programmeId: q.programmeId,
          referenceDate: q.referenceDate,
          unsuppressed: false,
        },
        costs,
      ),
    followUpDocument,
  );
}
