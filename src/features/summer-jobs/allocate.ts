import { randomUUID } from 'node:crypto';
import type { Ctx, RoleGrant } from '../../context.ts';
import type { Tx } from '../../db/connection.ts';
import {
  type AllocationInput,
  AllocationInputError,
  type AllocationResult,
  allocateLottery,
  allocateOptimal,
  buildSummerJobsInput,
  newSeed,
  type RunReport,
  runReport,
  type SummerYouth,
} from '../../domain/allocation/index.ts';
import { AppError, notFound, ruleViolation } from '../../http/errors.ts';
import { type AuditInput, recordAudit, recordAuditMany } from '../audit/record-event.ts';
import { issueLink } from './apply.ts';
import {
  findRun,
  insertOffers,
  insertRun,
  listApplications,
  listApplicationsForAllocation,
  listPeriods,
  listRuns,
  listSlots,
  seasonChoices,
  updateApplication,
  updateSeason,
} from './repo.ts';
import type { RunInput } from './schema.ts';
import { grantFields, requireSeason } from './season.ts';
import { DAY } from './time.ts';

export type Progress = (step: string) => void;

/** Priority tiers: social reasons (decided by staff) first, then first-timers, as the season says. */
export function tierOf(
  season: { priority_first_time: boolean; priority_social: boolean },
  a: { first_time: boolean; social_priority: boolean },
): number | undefined {
  if (season.priority_social && a.social_priority) return 0;
  if (season.priority_first_time && a.first_time) return 1;
  return undefined;
}

/** Builds the engine input from the season's stored applications and slots. */
export async function seasonInput(tx: Tx, organisationId: string, seasonId: string) {
  const season = await requireSeason(tx, organisationId, seasonId);
  const periods = await listPeriods(tx, organisationId, seasonId);
  const slots = await listSlots(tx, organisationId, seasonId);
  const applications = await listApplicationsForAllocation(tx, organisationId, seasonId);
  const choices = await seasonChoices(tx, organisationId, seasonId);
  const byApplication = new Map<string, string[]>();
  for (const c of choices)
    byApplication.set(c.application_id, [...(byApplication.get(c.application_id) ?? []), c.slot_id]);
  const periodStart = new Map(periods.map((p) => [p.id, p.starts_on]));
  const youths: SummerYouth[] = applications.map((a) => {
    const tier = tierOf(season, a);
    return {
      id: a.id,
      birthDate: a.birth_date,
      area: a.municipality_code,
      ...(tier !== undefined ? { priority: tier } : {}),
    };
  });
  const input = buildSummerJobsInput({
    youths,
    slots: slots.map((s) => ({
      id: s.id,
      workplaceId: s.workplace_id,
      periodId: s.period_id,
      periodStart: periodStart.get(s.period_id)!,
      capacity: s.places,
      ...(s.min_age !== null ? { minAge: s.min_age } : {}),
      label: `${s.workplace_name} ${s.period_code}`,
    })),
    applications: applications.map((a) => ({ youthId: a.id, choices: byApplication.get(a.id) ?? [] })),
  });
  return { season, input, applications, slots };
}

function runView(r: {
  id: string;
  mode: string;
  seed: number | null;
  report: unknown;
  created_at: Date | string;
}) {
  return {
    id: r.id,
    mode: r.mode,
    seed: r.seed === null ? null : Number(r.seed),
    report: r.report as RunReport,
    createdAt: new Date(r.created_at).toISOString(),
  };
}

/**
 * Runs the allocation for a season (optimal, lottery or both on the same input), stores each run with
 * its seed, input and result, and returns the run reports. Re-runnable until a run is published.
 */
export async function runAllocation(
  ctx: Ctx,
  grant: RoleGrant | null,
  organisationId: string,
  seasonId: string,
  opts: RunInput,
  progress: Progress = () => {},
) {
  progress('Läser ansökningar och platser');
  const { season, input } = await seasonInput(ctx.db, organisationId, seasonId);
  if (season.published_at) throw new AppError(409, 'summer_season_published', 'summer_season_published');
  if (input.applicants.length === 0 || input.workplaces.length === 0) {
    throw ruleViolation(
      'nothing_to_allocate',
      'Säsongen saknar ansökningar eller platser att fördela.',
      'The season has no applications or places to allocate.',
    );
  }
  progress(`${input.applicants.length} sökande, ${input.workplaces.length} platsgrupper`);
  const results: AllocationResult[] = [];
  try {
    if (opts.mode !== 'lottery') {
      progress('Kör optimal fördelning');
      results.push(await allocateOptimal(input, { maxChoices: 10 }));
    }
    if (opts.mode !== 'optimal') {
      const seed = opts.seed ?? newSeed();
      progress(`Kör lottning (frö ${seed})`);
      results.push(allocateLottery(input, { seed, maxChoices: 10 }));
    }
  } catch (err) {
    if (err instanceof AllocationInputError)
      throw ruleViolation('allocation_input', err.message, err.message);
    throw err;
  }
  const optimal = results.find((r) => r.mode === 'optimal');
  const lottery = results.find((r) => r.mode === 'lottery');
  const now = ctx.clock.now();
  progress('Sparar körningen');
  const runs = await ctx.db.transaction().execute(async (tx) => {
    const locked = await requireSeason(tx, organisationId, seasonId, true);
    if (locked.published_at) throw new AppError(409, 'summer_season_published', 'summer_season_published');
    const out = [];
    for (const result of results) {
      const other = result.mode === 'optimal' ? lottery : optimal;
      const report = runReport(input, result, other);
      const id = randomUUID();
      const row = {
        organisation_id: organisationId,
        season_id: seasonId,
        id,
        mode: result.mode,
        seed: result.seed ?? null,
        input: JSON.stringify(input),
        result: JSON.stringify(result),
        report: JSON.stringify(report),
        created_by: ctx.actor?.userId ?? null,
        created_at: now,
      };
      await insertRun(tx, row);
      await recordAudit(tx, ctx, {
        action: 'create',
        organisationId,
        objectType: 'summer_run',
        objectId: id,
        ...grantFields(grant),
        details: { seasonId, mode: result.mode, seed: result.seed ?? null, placed: report.placed },
      });
      out.push(runView({ id, mode: result.mode, seed: result.seed ?? null, report, created_at: now }));
    }
    return out;
  });
  progress('Klart');
  return { runs };
}

export async function getRun(ctx: Ctx, organisationId: string, seasonId: string, runId: string) {
  const r = await findRun(ctx.db, organisationId, seasonId, runId);
  if (!r) throw notFound();
  const result = r.result as AllocationResult;
  return { ...runView(r), assignments: result.assignments.length, unplaced: result.unplaced.length };
}

export async function runList(ctx: Ctx, organisationId: string, seasonId: string) {
  await requireSeason(ctx.db, organisationId, seasonId);
  return (await listRuns(ctx.db, organisationId, seasonId)).map(runView);
}

/** Publishing a run creates one offer per assignment (answer within the season's offer days). */
export async function publishRun(
  ctx: Ctx,
  grant: RoleGrant | null,
  organisationId: string,
  seasonId: string,
  runId: string,
) {
  return ctx.db.transaction().execute(async (tx) => {
    const season = await requireSeason(tx, organisationId, seasonId, true);
    if (season.published_at) throw new AppError(409, 'summer_season_published', 'summer_season_published');
    const run = await findRun(tx, organisationId, seasonId, runId);
    if (!run) throw notFound();
    const result = run.result as AllocationResult;
    const input = run.input as AllocationInput;
    const now = ctx.clock.now();
    const expiresAt = new Date(now.getTime() + season.offer_days * DAY);
    const applications = new Map(
      (await listApplications(tx, organisationId, seasonId)).map((a) => [a.id, a] as const),
    );
    const offers = result.assignments.map((as) => ({
      organisation_id: organisationId,
      season_id: seasonId,
      id: randomUUID(),
      application_id: as.applicantId,
      slot_id: as.workplaceId,
      run_id: runId,
      status: 'erbjuden' as const,
      offered_at: now,
      expires_at: expiresAt,
      answered_at: null,
      hours: null,
      hours_reported_by: null,
      hours_reported_at: null,
    }));
    await insertOffers(tx, offers);
    for (const o of offers) {
      const a = applications.get(o.application_id);
      if (!a) continue;
      await issueLink(
        ctx,
        tx,
        { organisationId, applicationId: a.id, email: a.email, reference: a.reference },
        'offer',
        expiresAt,
      );
    }
    const placed = new Set(offers.map((o) => o.application_id));
    for (const a of input.applicants) {
      if (!placed.has(a.id))
        await updateApplication(tx, organisationId, a.id, { status: 'reserv', updated_at: now });
    }
    await updateSeason(tx, organisationId, seasonId, {
      published_run_id: runId,
      published_at: now,
      updated_at: now,
    });
    const events: AuditInput[] = [
      {
        action: 'update',
        objectType: 'summer_season',
        objectId: seasonId,
        ...grantFields(grant),
        details: { published: runId, offers: offers.length },
      },
      ...offers.map(
        (o): AuditInput => ({
          action: 'create',
          objectType: 'summer_offer',
          objectId: o.id,
          ...grantFields(grant),
          severity: applications.get(o.application_id)?.protected_identity ? 'raised' : 'normal',
          details: { applicationId: o.application_id, slotId: o.slot_id, runId },
        }),
      ),
    ];
    if (ctx.actor) await recordAuditMany(tx, ctx, events);
    else for (const e of events) await recordAudit(tx, ctx, { ...e, organisationId });
    return {
      offers: offers.length,
      reserve: input.applicants.length - placed.size,
      expiresAt: expiresAt.toISOString(),
    };
  });
}
