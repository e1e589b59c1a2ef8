import { randomUUID } from 'node:crypto';
import type { Ctx, RoleGrant } from '../../context.ts';
import type { Tx } from '../../db/connection.ts';
import { AppError, notFound, ruleViolation } from '../../http/errors.ts';
import { recordAudit } from '../audit/record-event.ts';
import { loadPlacementTerms } from '../workplaces/placement-terms.ts';
import {
  findSeason,
  findSlotByWorkplacePeriod,
  insertPeriods,
  insertSeason,
  insertSlot,
  linkSupervisor,
  listPeriods,
  listSeasons,
  listSlots,
  listSupervisorUsers,
  userExists,
} from './repo.ts';
import type { SeasonInput, SlotInput } from './schema.ts';

export function organisationOf(ctx: Ctx): string {
  const id = ctx.actor?.organisationId;
  if (!id) throw new AppError(401, 'unauthenticated', 'unauthenticated');
  return id;
}

export function grantFields(grant: RoleGrant | null) {
  return grant ? { role: grant.role, unitId: grant.unitId } : {};
}

export async function requireSeason(tx: Tx, organisationId: string, seasonId: string, lock = false) {
  const s = await findSeason(tx, organisationId, seasonId, lock);
  if (!s) throw notFound();
  return s;
}

export function presentSeason(
  s: Awaited<ReturnType<typeof requireSeason>>,
  periods: Awaited<ReturnType<typeof listPeriods>>,
) {
  return {
    id: s.id,
    name: s.name,
    year: s.year,
    birthYearFrom: s.birth_year_from,
    birthYearTo: s.birth_year_to,
    municipalityCode: s.municipality_code,
    hoursPerDay: Number(s.hours_per_day),
    hourlyPaySek: Number(s.hourly_pay_sek),
    opensAt: new Date(s.opens_at).toISOString(),
    closesAt: new Date(s.closes_at).toISOString(),
    maxChoices: s.max_choices,
    mechanism: s.mechanism,
    priorityFirstTime: s.priority_first_time,
    prioritySocial: s.priority_social,
    offerDays: s.offer_days,
    publishedRunId: s.published_run_id,
    publishedAt: s.published_at ? new Date(s.published_at).toISOString() : null,
    periods: periods.map((p) => ({ id: p.id, code: p.code, startsOn: p.starts_on, endsOn: p.ends_on })),
  };
}

/** Sets up a season: year, periods, eligibility, hours and pay, window, priority rules, mechanism. */
export async function createSeason(ctx: Ctx, grant: RoleGrant | null, input: SeasonInput) {
  const org = organisationOf(ctx);
  if (input.birthYearTo < input.birthYearFrom) {
    throw ruleViolation(
      'birth_years',
      'Sista födelseåret måste vara samma som eller efter det första.',
      'The last birth year must not be before the first.',
      [
        {
          path: 'body.birthYearTo',
          message: 'Sista födelseåret måste vara samma som eller efter det första.',
        },
      ],
    );
  }
  if (new Date(input.closesAt) <= new Date(input.opensAt)) {
    throw ruleViolation(
      'window',
      'Ansökan måste stänga efter att den öppnar.',
      'The application window must close after it opens.',
      [{ path: 'body.closesAt', message: 'Ansökan måste stänga efter att den öppnar.' }],
    );
  }
  const codes = new Set<string>();
  input.periods.forEach((p, i) => {
    if (p.endsOn < p.startsOn || codes.has(p.code)) {
      const msg = codes.has(p.code)
        ? `Perioden "${p.code}" finns två gånger.`
        : 'Perioden slutar före start.';
      throw ruleViolation('period', msg, msg, [{ path: `body.periods.${i}`, message: msg }]);
    }
    codes.add(p.code);
  });
  const id = randomUUID();
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (tx) => {
    await insertSeason(tx, {
      organisation_id: org,
      id,
      name: input.name,
      year: input.year,
      birth_year_from: input.birthYearFrom,
      birth_year_to: input.birthYearTo,
      municipality_code: input.municipalityCode ?? null,
      hours_per_day: input.hoursPerDay,
      hourly_pay_sek: input.hourlyPaySek,
      opens_at: input.opensAt,
      closes_at: input.closesAt,
      max_choices: input.maxChoices,
      mechanism: input.mechanism,
      priority_first_time: input.priorityFirstTime,
      priority_social: input.prioritySocial,
      offer_days: input.offerDays,
      published_run_id: null,
      published_at: null,
      created_by: ctx.actor?.userId ?? null,
      created_at: now,
      updated_at: now,
    });
    await insertPeriods(
      tx,
      input.periods.map((p) => ({
        organisation_id: org,
        season_id: id,
        id: randomUUID(),
        code: p.code,
        starts_on: p.startsOn,
        ends_on: p.endsOn,
      })),
    );
    await recordAudit(tx, ctx, {
      action: 'create',
      objectType: 'summer_season',
      objectId: id,
      ...grantFields(grant),
      details: { ...input, periods: input.periods.map((p) => p.code) },
    });
  });
  return { id };
}

export async function getSeason(ctx: Ctx, seasonId: string) {
  const org = organisationOf(ctx);
  const s = await requireSeason(ctx.db, org, seasonId);
  const periods = await listPeriods(ctx.db, org, seasonId);
  const slots = await listSlots(ctx.db, org, seasonId);
  return { ...presentSeason(s, periods), slots: slots.map(presentSlot) };
}

export async function seasonList(ctx: Ctx) {
  const org = organisationOf(ctx);
  const rows = await listSeasons(ctx.db, org);
  return rows.map((s) => ({
    id: s.id,
    name: s.name,
    year: s.year,
    mechanism: s.mechanism,
    publishedAt: s.published_at,
  }));
}

export function presentSlot(s: Awaited<ReturnType<typeof listSlots>>[number]) {
  return {
    id: s.id,
    workplaceId: s.workplace_id,
    workplaceName: s.workplace_name,
    workplaceKind: s.workplace_kind,
    periodId: s.period_id,
    period: s.period_code,
    startsOn: s.starts_on,
    endsOn: s.ends_on,
    area: s.area,
    places: s.places,
    minAge: s.min_age,
    requirements: s.requirements,
  };
}

/** A workplace of the register offers places in one period of the season. */
export async function addSlot(ctx: Ctx, grant: RoleGrant | null, seasonId: string, input: SlotInput) {
  const org = organisationOf(ctx);
  const id = randomUUID();
  await ctx.db.transaction().execute(async (tx) => {
    const season = await requireSeason(tx, org, seasonId, true);
    if (season.published_at) throw new AppError(409, 'summer_season_published', 'summer_season_published');
    const period = (await listPeriods(tx, org, seasonId)).find((p) => p.code === input.period);
    if (!period) {
      const msg = `Perioden "${input.period}" finns inte i säsongen.`;
      throw ruleViolation('unknown_period', msg, `Period "${input.period}" is not in the season.`, [
        { path: 'body.period', message: msg },
      ]);
    }
    const workplace = await loadPlacementTerms(tx, org, input.workplaceId);
    if (!workplace) {
      const msg = 'Arbetsplatsen finns inte i registret.';
      throw ruleViolation('unknown_workplace', msg, 'The workplace is not in the register.', [
        { path: 'body.workplaceId', message: msg },
      ]);
    }
    if (await findSlotByWorkplacePeriod(tx, org, seasonId, input.workplaceId, period.id)) {
      throw new AppError(409, 'slot_exists', {
        sv: 'Arbetsplatsen har redan platser i den perioden. Ändra antalet i stället.',
        en: 'The workplace already has places in that period.',
      });
    }
    await insertSlot(tx, {
      organisation_id: org,
      season_id: seasonId,
      id,
      workplace_id: input.workplaceId,
      period_id: period.id,
      area: input.area,
      places: input.places,
      min_age: input.minAge ?? null,
      requirements: input.requirements ?? null,
      created_at: ctx.clock.now(),
    });
    await recordAudit(tx, ctx, {
      action: 'create',
      objectType: 'summer_slot',
      objectId: id,
      ...grantFields(grant),
      details: { seasonId, workplaceId: input.workplaceId, period: input.period, places: input.places },
    });
  });
  return { id };
}

/** Links a user with the role handledare to a workplace, so they see its summer places. */
export async function addWorkplaceSupervisor(
  ctx: Ctx,
  grant: RoleGrant | null,
  input: { userId: string; workplaceId: string },
) {
  const org = organisationOf(ctx);
  await ctx.db.transaction().execute(async (tx) => {
    if (!(await userExists(tx, org, input.userId))) throw notFound();
    if (!(await loadPlacementTerms(tx, org, input.workplaceId))) throw notFound();
    await linkSupervisor(tx, org, input.workplaceId, input.userId);
    await recordAudit(tx, ctx, {
      action: 'create',
      objectType: 'summer_workplace_user',
      objectId: `${input.workplaceId}:${input.userId}`,
      ...grantFields(grant),
      details: input,
    });
  });
}

/** Users with the role handledare (name only) and the workplaces each is linked to, for the link form. */
export async function supervisorList(ctx: Ctx) {
  const org = organisationOf(ctx);
  const { users, links } = await listSupervisorUsers(ctx.db, org);
  const collator = new Intl.Collator('sv');
  return users
    .map((u) => ({
      id: u.id,
      displayName: u.display_name,
      workplaces: links
        .filter((l) => l.user_id === u.id)
        .map((l) => ({ id: l.workplace_id, name: l.name }))
        .sort((a, b) => collator.compare(a.name, b.name)),
    }))
    .sort((a, b) => collator.compare(a.displayName, b.displayName));
}
