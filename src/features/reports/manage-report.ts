import type { Ctx } from '../../context.ts';
import { AppError } from '../../http/errors.ts';
import { recordAudit } from '../audit/record-event.ts';
import { refreshAllOutcomes } from './refresh-outcomes.ts';
import {
  programmeNames,
  replaceFallbackCosts,
  saveReportSettings,
  saveReportText,
  suppressionThreshold,
} from './repo.ts';
import type { CostsInput, ReportTextInput } from './schema.ts';

async function requireProgramme(ctx: Ctx, programmeId: string) {
  const found = (await programmeNames(ctx.db, ctx.actor!.organisationId)).some((p) => p.id === programmeId);
  if (!found) throw new AppError(404, 'not_found', 'not_found');
}

/** Saves one free-text section of a report (goes into the document as written). */
export async function writeReportText(ctx: Ctx, input: ReportTextInput) {
  await requireProgramme(ctx, input.programmeId);
  await ctx.db.transaction().execute(async (tx) => {
    await saveReportText(tx, {
      organisationId: ctx.actor!.organisationId,
      kind: input.reportKind,
      programmeId: input.programmeId,
      referenceDate: input.referenceDate,
      section: input.section,
      body: input.body,
      userId: ctx.actor!.userId,
      now: ctx.clock.now(),
    });
    await recordAudit(tx, ctx, {
      action: 'update',
      objectType: 'report_text',
      objectId: `${input.reportKind}:${input.programmeId}:${input.referenceDate}:${input.section}`,
    });
  });
}

/** FALLBACK cost entry until the finance area offers forecast and outcome per category. */
export async function replaceCosts(ctx: Ctx, input: CostsInput) {
  await requireProgramme(ctx, input.programmeId);
  await ctx.db.transaction().execute(async (tx) => {
    await replaceFallbackCosts(
      tx,
      ctx.actor!.organisationId,
      input.programmeId,
      input.costs,
      ctx.clock.now(),
    );
    await recordAudit(tx, ctx, {
      action: 'update',
      objectType: 'report_cost_fallback',
      objectId: input.programmeId,
      details: { categories: input.costs.length },
    });
  });
}

export async function getReportSettings(ctx: Ctx) {
  const organisationId = ctx.actor!.organisationId;
  const row = await ctx.db
    .selectFrom('report_setting')
    .select('scb_suffix_men')
    .where('organisation_id', '=', organisationId)
    .executeTakeFirst();
  return {
    suppressionThreshold: await suppressionThreshold(ctx.db, organisationId),
    scbSuffixMenConfigured: Boolean(row?.scb_suffix_men),
  };
}

export async function updateReportSettings(
  ctx: Ctx,
  input: { suppressionThreshold: number; scbSuffixMen?: string | null | undefined },
) {
  await ctx.db.transaction().execute(async (tx) => {
    await saveReportSettings(
      tx,
      ctx.actor!.organisationId,
      { threshold: input.suppressionThreshold, scbSuffixMen: input.scbSuffixMen },
      ctx.clock.now(),
    );
    await recordAudit(tx, ctx, {
      action: 'update',
      objectType: 'report_setting',
      objectId: ctx.actor!.organisationId,
      details: {
        suppressionThreshold: input.suppressionThreshold,
        scbSuffixMenChanged: input.scbSuffixMen !== undefined,
      },
    });
  });
  return getReportSettings(ctx);
}

/** Full rebuild of the outcome table (administration; reports refresh stale rows on their own). */
export async function rebuildOutcomes(ctx: Ctx) {
  return ctx.db.transaction().execute(async (tx) => {
    const rows = await refreshAllOutcomes(tx, ctx.actor!.organisationId);
    await recordAudit(tx, ctx, { action: 'update', objectType: 'enrolment_outcome', details: { rows } });
    return { rows };
  });
}
