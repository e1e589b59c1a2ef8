import ExcelJS from 'exceljs';
import type { Ctx, RoleGrant } from '../../context.ts';
import { ACTORS } from '../../domain/socioeconomic.ts';
import { createTaggedPdf } from '../../exports/pdf.ts';
import { recordAudit } from '../audit/record-event.ts';
import { type EvaluationRequest, evaluateProgramme, type ProgrammeEvaluation } from './evaluate-programme.ts';
import { grantFields } from './shared.ts';

/**
 * The evaluation as PDF (tagged, through src/exports/pdf.ts) or XLSX (exceljs directly: there is no shared
 * src/exports/xlsx.ts yet), with the assumptions, the parameter set and its sources printed. Audited ('export').
 */

const ACTOR_LABEL: Record<string, string> = {
  kommun: 'Kommun',
  region: 'Region',
  stat: 'Staten',
  individ: 'Individ',
  offentlig_sektor: 'Offentlig sektor',
};
const kr = (n: number) => `${new Intl.NumberFormat('sv-SE').format(n)} kr`;
/** A parameter or share as a Swedish reader writes it: decimal comma, spaces between thousands. */
const num = (n: number) => new Intl.NumberFormat('sv-SE', { maximumFractionDigits: 6 }).format(n);
const horizonLabel = (h: number | 'arbetsliv', years: number) =>
  h === 'arbetsliv' ? `Arbetsliv (${years} år)` : `${years} år`;
const ratio = (r: number | null) =>
  r === null ? '–' : new Intl.NumberFormat('sv-SE', { minimumFractionDigits: 2 }).format(r);
const months = (m: number | null) => (m === null ? 'ingen inom arbetslivet' : `${m} mån`);

function tables(e: ProgrammeEvaluation) {
  const r = e.result;
  const params = {
    headers: ['År', 'Parameter', 'Värde', 'Enhet', 'Källa', 'Inlagd av'],
    rows: e.parameters.map((p) => [String(p.year), p.key, num(p.value), p.unit, p.source, p.enteredBy ?? '']),
  };
  const scenarios = r.scenarios.map((s) => ({
    title: `${s.label === 'observerad' ? 'Observerad effekt' : 'Scenario'}: andel ${num(s.sharePercent)} %`,
    headers: [
      'Horisont',
      'Aktör',
      'Kostnad',
      'Intäkt/besparing',
      'Netto',
      'Per investerad krona',
      'Återbetalningstid',
    ],
    rows: s.horizons.flatMap((h) =>
      h.actors.map((a) => [
        horizonLabel(h.horizon, h.years),
        ACTOR_LABEL[a.actor] ?? a.actor,
        kr(a.costSek),
        kr(a.gainSek),
        kr(a.netSek),
        ratio(a.returnPerKrona),
        months(a.paybackMonths),
      ]),
    ),
    breakEven: s.horizons.map(
      (h) =>
        `${horizonLabel(h.horizon, h.years)}: break-even vid ${h.breakEvenSharePercent === null || h.breakEvenSharePercent === undefined ? '–' : num(h.breakEvenSharePercent)} % lyckade`,
    ),
  }));
  const sensitivity = {
    headers: [
      'Parameter',
      'Värde',
      'Netto 4 år −20 %',
      'Netto 4 år +20 %',
      'Netto arbetsliv −20 %',
      'Netto arbetsliv +20 %',
    ],
    rows: r.sensitivity.map((s) => [
      s.key,
      num(s.baseValue),
      kr(s.low.netMandateSek),
      kr(s.high.netMandateSek),
      kr(s.low.netWorkingLifeSek),
      kr(s.high.netWorkingLifeSek),
    ]),
  };
  const participants = {
    headers: [
      'Deltagare',
      'Ålder',
      'Mån. fs före',
      'Mån. fs efter',
      'Undvikna mån.',
      'Kostnad kommun',
      'År kvar i arbetslivet',
    ],
    rows: r.participants.map((p) => [
      p.ref,
      String(p.ageAtExit),
      String(p.monthsBefore),
      String(p.monthsAfter),
      String(p.avoidedMonths),
      kr(p.cost.kommun),
      String(p.remainingWorkingYears),
    ]),
  };
  return { params, scenarios, sensitivity, participants };
}

async function toPdf(e: ProgrammeEvaluation, createdAt: Date): Promise<Buffer> {
  const t = tables(e);
  const pdf = createTaggedPdf({ title: `Socioekonomisk bedömning – ${e.programme.name}`, createdAt });
  pdf.h1(`Socioekonomisk bedömning – ${e.programme.name}`);
  pdf.p(
    `Period ${e.period.from}–${e.period.to}. Parametrar för ${e.parameterYear}. Uppföljningsfönster ${e.result.observationMonths} månader.`,
  );
  pdf.h2('Antaganden');
  pdf.list([...e.result.assumptions]);
  pdf.h2('Underlag');
  pdf.list(e.dataSources);
  pdf.h2('Parametrar och källor');
  pdf.table({ ...t.params, widths: [1, 3, 2, 2, 4, 2] });
  pdf.h2('Värde per person-år utan försörjningsstöd');
  pdf.table({
    headers: ['Aktör', 'Värde per år'],
    rows: ACTORS.map((a) => [ACTOR_LABEL[a]!, kr(e.result.valuePerPersonYear[a])]),
  });
  for (const s of t.scenarios) {
    pdf.h2(s.title);
    pdf.p('Antagandena ovan gäller varje siffra i tabellen.');
    pdf.table({ headers: s.headers, rows: s.rows, widths: [2, 2, 2, 2, 2, 2, 2] });
    pdf.list(s.breakEven);
  }
  pdf.h2('Känslighet (±20 % per parameter, observerad andel)');
  pdf.table(t.sensitivity);
  pdf.h2('Deltagare (pseudonymiserade)');
  pdf.table(t.participants);
  return pdf.toBuffer();
}

async function toXlsx(e: ProgrammeEvaluation, createdAt: Date): Promise<Buffer> {
  const t = tables(e);
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Insats';
  wb.created = createdAt;
  const sheet = (name: string, headers: string[], rows: string[][], intro: string[] = []) => {
    const ws = wb.addWorksheet(name);
    for (const line of intro) ws.addRow([line]);
    if (intro.length > 0) ws.addRow([]);
    const h = ws.addRow(headers);
    h.font = { bold: true };
    for (const r of rows) ws.addRow(r);
    ws.columns.forEach((c) => {
      c.width = 22;
    });
  };
  sheet(
    'Antaganden',
    ['Antagande'],
    e.result.assumptions.map((a) => [a]),
    [
      `Socioekonomisk bedömning – ${e.programme.name}`,
      `Period ${e.period.from}–${e.period.to}; parametrar för ${e.parameterYear}`,
      ...e.dataSources,
    ],
  );
  sheet('Parametrar', t.params.headers, t.params.rows);
  t.scenarios.forEach((s, i) => {
    sheet(`Resultat ${i + 1}`, s.headers, s.rows, [
      s.title,
      ...s.breakEven,
      'Se fliken Antaganden: de gäller varje siffra.',
    ]);
  });
  sheet('Känslighet', t.sensitivity.headers, t.sensitivity.rows);
  sheet('Deltagare', t.participants.headers, t.participants.rows);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export async function exportEvaluation(
  ctx: Ctx,
  grant: RoleGrant | null,
  programmeId: string,
  req: EvaluationRequest,
  format: 'pdf' | 'xlsx',
): Promise<{ bytes: Buffer; contentType: string; filename: string }> {
  const evaluation = await evaluateProgramme(ctx, programmeId, req);
  const now = ctx.clock.now();
  const bytes = format === 'pdf' ? await toPdf(evaluation, now) : await toXlsx(evaluation, now);
  await ctx.db.transaction().execute(async (tx) => {
    await recordAudit(tx, ctx, {
      action: 'export',
      objectType: 'socioeconomic_evaluation',
      objectId: programmeId,
      ...grantFields(grant),
      details: {
        format,
        from: req.from,
        to: req.to,
        parameterIds: evaluation.parameters.map((p) => p.id),
      },
    });
  });
  const filename = `socioekonomisk-bedomning-${evaluation.programme.code}-${req.to}.${format}`;
  return {
    bytes,
    contentType:
      format === 'pdf'
        ? 'application/pdf'
        : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    filename,
  };
}
