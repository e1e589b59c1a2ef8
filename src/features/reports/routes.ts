import { z } from 'zod';
import type { Ctx } from '../../context.ts';
import { defineRoute, FILE_UPLOAD_BODY_LIMIT } from '../../http/registry.ts';
import { ImportRejected } from '../participants/import-participants.ts';
import { dashboard } from './dashboard.ts';
import { scbMonthlyFile } from './esf-scb-file.ts';
import { exportDashboard } from './export-dashboard.ts';
import { type ExportFormat, exportFollowUpReport, exportOutcomeReport } from './export-report.ts';
import { followUpReport } from './follow-up-report.ts';
import { importStatistics, type StatisticsKind, statisticsTemplate } from './import-statistics.ts';
import {
  getReportSettings,
  rebuildOutcomes,
  replaceCosts,
  updateReportSettings,
  writeReportText,
} from './manage-report.ts';
import { outcomeReport } from './outcome-report.ts';
import { reportsPolicy } from './policy.ts';
import {
  costsBody,
  dashboardExportQuery,
  dashboardGoalBody,
  dashboardQuery,
  followUpExportQuery,
  followUpQuery,
  outcomeExportQuery,
  outcomeQuery,
  reportTextBody,
  settingsBody,
  statisticsImportBody,
} from './schema.ts';
import { setDashboardGoal } from './set-dashboard-goal.ts';

const CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
};
const fileHeaders = (format: ExportFormat, name: string) => ({
  'Content-Type': CONTENT_TYPES[format],
  'Content-Disposition': `attachment; filename="${name}.${format}"`,
  'Cache-Control': 'no-store',
});

/** A rejected import answers 422 with every issue (line, column, reason), like the participant import. */
function rejection(ctx: Ctx, err: unknown) {
  if (err instanceof ImportRejected && typeof err.text !== 'string') {
    return {
      error: { code: err.code, message: err.text[ctx.lang], requestId: ctx.requestId },
      errors: err.issues,
    };
  }
  return null;
}

const importResult = z.object({
  importId: z.string(),
  kind: z.string(),
  rows: z.number(),
  months: z.number(),
  firstMonth: z.string(),
  lastMonth: z.string(),
  replacedMonths: z.array(z.string()),
  ignoredColumns: z.array(z.string()),
});

function statisticsImportRoute(kind: StatisticsKind, path: string, summary: string) {
  return defineRoute({
    method: 'post',
    path,
    summary,
    tags: ['reports'],
    access: reportsPolicy.ref('importStatistics'),
    maxBodyBytes: FILE_UPLOAD_BODY_LIMIT,
    body: statisticsImportBody,
    responses: {
      201: { description: 'Importerad', schema: importResult },
      403: { description: 'Saknar behörighet' },
      422: {
        description: 'Filen har fel; ingenting importerades. Varje fel med rad, kolumn och orsak.',
        schema: z.object({
          error: z.object({ code: z.string(), message: z.string() }),
          errors: z.array(z.object({ line: z.number(), column: z.string().nullable(), message: z.string() })),
        }),
      },
    },
    handler: async ({ ctx, body, c }) => {
      const content = Buffer.from(body.contentBase64, 'base64');
      try {
        return c.json(await importStatistics(ctx, kind, { filename: body.filename, content }), 201);
      } catch (err) {
        const answer = rejection(ctx, err);
        if (answer) return c.json(answer, 422);
        throw err;
      }
    },
  });
}

const forbidden = { 403: { description: 'Saknar behörighet (t.ex. siffror utan röjandekontroll)' } };

export const reportRoutes = [
  defineRoute({
    method: 'get',
    path: '/api/reports/dashboard',
    summary:
      'Översikt: anvisningar, påbörjade inskrivningar och avslut per orsak per månad (röjandekontroll), ' +
      'importerade ansökningar om försörjningsstöd och Arbetsförmedlingens statistik, mål',
    tags: ['reports'],
    access: reportsPolicy.ref('view'),
    query: dashboardQuery,
    responses: { 200: { description: 'Översikten' }, 404: { description: 'Enheten finns inte' } },
    handler: async ({ ctx, query, c }) => c.json(await dashboard(ctx, query)),
  }),
  defineRoute({
    method: 'get',
    path: '/api/reports/dashboard/export',
    summary: 'Exportera översikten (CSV, Excel eller PDF), alltid med röjandekontroll',
    tags: ['reports'],
    access: reportsPolicy.ref('export'),
    query: dashboardExportQuery,
    responses: { 200: { description: 'Filen' } },
    handler: async ({ ctx, grant, query, c }) => {
      const file = await exportDashboard(ctx, grant, query);
      return c.body(file.bytes as Uint8Array<ArrayBuffer>, 200, fileHeaders(query.format, file.name));
    },
  }),
  statisticsImportRoute(
    'forsorjningsstod',
    '/api/reports/dashboard/social-assistance',
    'Importera antal ansökningar om försörjningsstöd per månad (CSV eller XLSX: Månad;Antal ansökningar)',
  ),
  statisticsImportRoute(
    'arbetsformedlingen',
    '/api/reports/dashboard/unemployment',
    'Importera Arbetsförmedlingens månadsstatistik per åldersgrupp (CSV eller XLSX: Månad;Åldersgrupp;Antal;Andel)',
  ),
  defineRoute({
    method: 'get',
    path: '/api/reports/dashboard/template',
    summary: 'Importmall för översiktens månadsstatistik (CSV eller XLSX)',
    tags: ['reports'],
    access: reportsPolicy.ref('importStatistics'),
    query: z.strictObject({
      kind: z.enum(['forsorjningsstod', 'arbetsformedlingen']),
      format: z.enum(['csv', 'xlsx']).default('csv'),
    }),
    responses: { 200: { description: 'Filen' } },
    handler: async ({ query, c }) => {
      const file = await statisticsTemplate(query.kind, query.format);
      return c.body(file.bytes as Uint8Array<ArrayBuffer>, 200, fileHeaders(query.format, file.name));
    },
  }),
  defineRoute({
    method: 'put',
    path: '/api/reports/dashboard/goal',
    summary: 'Sätt eller ta bort ett mål som visas som linje i översikten',
    tags: ['reports'],
    access: reportsPolicy.ref('setGoal'),
    body: dashboardGoalBody,
    responses: { 200: { description: 'Sparat' } },
    handler: async ({ ctx, body, c }) => c.json(await setDashboardGoal(ctx, body)),
  }),
  defineRoute({
    method: 'get',
    path: '/api/reports/outcomes',
    summary:
      'Utfallsrapport: avslutade till arbete eller studier, per insats, enhet, kön, ålder och startkohort',
    tags: ['reports'],
    access: reportsPolicy.ref('view'),
    query: outcomeQuery,
    responses: { 200: { description: 'Rapporten' }, ...forbidden },
    handler: async ({ ctx, query, c }) =>
      c.json(
        await outcomeReport(ctx, {
          programmeId: query.programmeId,
          referenceDate: query.referenceDate,
          unsuppressed: query.suppress === 'false',
        }),
      ),
  }),
  defineRoute({
    method: 'get',
    path: '/api/reports/follow-up',
    summary:
      'Uppföljningsrapport för en insats: kön, ålder, hushåll, barn, språk, sektorer, a-kassa, kostnader',
    tags: ['reports'],
    access: reportsPolicy.ref('view'),
    query: followUpQuery,
    responses: { 200: { description: 'Rapporten' }, ...forbidden, 404: { description: 'Finns inte' } },
    handler: async ({ ctx, query, c }) =>
      c.json(
        await followUpReport(ctx, {
          programmeId: query.programmeId,
          referenceDate: query.referenceDate,
          unsuppressed: query.suppress === 'false',
        }),
      ),
  }),
  defineRoute({
    method: 'get',
    path: '/api/reports/outcomes/export',
    summary: 'Exportera utfallsrapporten (CSV, Excel eller PDF), alltid med röjandekontroll',
    tags: ['reports'],
    access: reportsPolicy.ref('export'),
    query: outcomeExportQuery,
    responses: { 200: { description: 'Filen' } },
    handler: async ({ ctx, grant, query, c }) => {
      const file = await exportOutcomeReport(ctx, grant, query);
      return c.body(file.bytes as Uint8Array<ArrayBuffer>, 200, fileHeaders(query.format, file.name));
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/reports/follow-up/export',
    summary: 'Exportera uppföljningsrapporten (CSV, Excel eller PDF), alltid med röjandekontroll',
    tags: ['reports'],
    access: reportsPolicy.ref('export'),
    query: followUpExportQuery,
    responses: { 200: { description: 'Filen' } },
    handler: async ({ ctx, grant, query, c }) => {
      const file = await exportFollowUpReport(ctx, grant, query);
      return c.body(file.bytes as Uint8Array<ArrayBuffer>, 200, fileHeaders(query.format, file.name));
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/reports/esf/scb-file',
    summary:
      'SCB:s månadsfil för ESF: personnummer, start, slut i datumordning (skyddade med ersättningsnummer)',
    tags: ['reports'],
    access: reportsPolicy.ref('exportScb'),
    query: z.strictObject({
      programmeId: z.uuid(),
      month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, { error: 'Ange månaden som ÅÅÅÅ-MM.' }),
      format: z.enum(['csv', 'xlsx']).default('xlsx'),
    }),
    responses: { 200: { description: 'Filen' }, 422: { description: 'Ersättningsnummer kan inte skapas' } },
    handler: async ({ ctx, grant, query, c }) => {
      const file = await scbMonthlyFile(ctx, grant, query);
      return c.body(file.bytes as Uint8Array<ArrayBuffer>, 200, fileHeaders(query.format, file.name));
    },
  }),
  defineRoute({
    method: 'put',
    path: '/api/reports/texts',
    summary: 'Spara ett fritextavsnitt i en rapport',
    tags: ['reports'],
    access: reportsPolicy.ref('writeText'),
    body: reportTextBody,
    responses: { 204: { description: 'Sparat' } },
    handler: async ({ ctx, body, c }) => {
      await writeReportText(ctx, body);
      return c.body(null, 204);
    },
  }),
  defineRoute({
    method: 'put',
    path: '/api/reports/costs',
    summary: 'Ange prognos och utfall per kostnadskategori (reservlösning tills ekonomimodulen finns)',
    tags: ['reports'],
    access: reportsPolicy.ref('writeText'),
    body: costsBody,
    responses: { 204: { description: 'Sparat' } },
    handler: async ({ ctx, body, c }) => {
      await replaceCosts(ctx, body);
      return c.body(null, 204);
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/reports/settings',
    summary: 'Gränsvärde för röjandekontroll',
    tags: ['reports'],
    access: reportsPolicy.ref('view'),
    responses: {
      200: {
        description: 'OK',
        schema: z.object({ suppressionThreshold: z.number(), scbSuffixMenConfigured: z.boolean() }),
      },
    },
    handler: async ({ ctx, c }) => c.json(await getReportSettings(ctx)),
  }),
  defineRoute({
    method: 'put',
    path: '/api/reports/settings',
    summary: 'Ändra gränsvärdet för röjandekontroll',
    tags: ['reports'],
    access: reportsPolicy.ref('manage'),
    body: settingsBody,
    responses: { 200: { description: 'OK' } },
    handler: async ({ ctx, body, c }) => c.json(await updateReportSettings(ctx, body)),
  }),
  defineRoute({
    method: 'post',
    path: '/api/reports/outcomes/rebuild',
    summary: 'Bygg om hela utfallstabellen',
    tags: ['reports'],
    access: reportsPolicy.ref('manage'),
    responses: { 200: { description: 'OK', schema: z.object({ rows: z.number() }) } },
    handler: async ({ ctx, c }) => c.json(await rebuildOutcomes(ctx)),
  }),
];
