import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { MINUTE } from '../../clock.ts';
import type { Ctx } from '../../context.ts';
import type { Tx } from '../../db/connection.ts';
import { ageOn } from '../../domain/allocation/index.ts';
import { swedishDate } from '../../domain/dates.ts';
import { PERSONNUMMER_MESSAGES, parsePersonnummer } from '../../domain/personnummer.ts';
import { AppError, type FieldIssue, notFound } from '../../http/errors.ts';
import { type MessageCode, message } from '../../http/messages.ts';
import { recordAudit } from '../audit/record-event.ts';
import { mailSender, publicLink } from './mail.ts';
import {
  choicesOf,
  countAttempts,
  findApplication,
  findApplicationByPersonnummer,
  findSeason,
  findToken,
  insertApplication,
  insertAttempt,
  insertToken,
  listPeriods,
  listSlots,
  replaceChoices,
  type SlotRow,
  updateApplication,
} from './repo.ts';
import type { ApplicationChange, ApplicationInput } from './schema.ts';

export const PUBLIC_WINDOW_MS = 15 * MINUTE;
/** Requests per client address to the public e-service within the window; then 429. */
export const MAX_PUBLIC_REQUESTS = 30;

const fail = (code: MessageCode, status = 422): AppError => new AppError(status, code, code);

/** The field issue carries the translated text, so a form can show it next to the field. */
function failWith(ctx: Ctx, code: MessageCode, path: string, status = 422): AppError {
  return new AppError(status, code, code, [{ path, message: message(code, ctx.lang) }]);
}

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/**
 * Rate limit for the public e-service (the login limiter's pattern, its own table), per client
 * address. In-process calls without an address (CLI, scenario runner) are not limited.
 */
export async function throttlePublic(ctx: Ctx, extraKey?: string) {
  const now = ctx.clock.now();
  const keys = [...(ctx.clientAddress ? [`ip:${ctx.clientAddress}`] : []), ...(extraKey ? [extraKey] : [])];
  if (keys.length === 0) return;
  const since = new Date(now.getTime() - PUBLIC_WINDOW_MS);
  for (const key of keys) {
    if ((await countAttempts(ctx.db, key, since)) >= MAX_PUBLIC_REQUESTS) {
      throw new AppError(429, 'summer_public_rate_limited', 'summer_public_rate_limited', undefined, {
        'Retry-After': String(PUBLIC_WINDOW_MS / 1000),
      });
    }
  }
  await ctx.db.transaction().execute(async (tx) => {
    for (const key of keys) await insertAttempt(tx, key, now);
  });
}

async function openSeason(ctx: Ctx, tx: Tx, organisationId: string, seasonId: string) {
  const season = await findSeason(tx, organisationId, seasonId);
  if (!season) throw notFound();
  const now = ctx.clock.now();
  if (now < new Date(season.opens_at)) throw fail('summer_window_not_open', 409);
  if (now >= new Date(season.closes_at)) throw fail('summer_window_closed', 409);
  return season;
}

/** Checks the choices and availability against the season; returns slot ids in rank order. */
function checkChoices(
  ctx: Ctx,
  season: { max_choices: number },
  periods: { id: string; code: string }[],
  slots: SlotRow[],
  choices: { slotId: string }[],
  availablePeriods: string[] | undefined,
): { slotIds: string[]; periodIds: string[] } {
  const byCode = new Map(periods.map((p) => [p.code, p.id]));
  const periodIds: string[] = [];
  for (const [i, code] of (availablePeriods ?? periods.map((p) => p.code)).entries()) {
    const id = byCode.get(code);
    if (!id) throw failWith(ctx, 'summer_choice_outside_season', `body.availablePeriods.${i}`);
    if (!periodIds.includes(id)) periodIds.push(id);
  }
  if (choices.length > season.max_choices) throw failWith(ctx, 'summer_too_many_choices', 'body.choices');
  const slotById = new Map(slots.map((s) => [s.id, s]));
  const seen = new Set<string>();
  choices.forEach((c, i) => {
    const slot = slotById.get(c.slotId);
    if (!slot) throw failWith(ctx, 'summer_choice_outside_season', `body.choices.${i}.slotId`);
    if (seen.has(c.slotId)) throw failWith(ctx, 'summer_duplicate_choice', `body.choices.${i}.slotId`);
    if (!periodIds.includes(slot.period_id))
      throw failWith(ctx, 'summer_choice_unavailable', `body.choices.${i}.slotId`);
    seen.add(c.slotId);
  });
  return { slotIds: choices.map((c) => c.slotId), periodIds };
}

function newReference(year: number) {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  const bytes = randomBytes(8);
  let s = '';
  for (const b of bytes) s += alphabet[b % alphabet.length];
  return `F${year}-${s}`;
}

function linkFor(organisationId: string, token: string, page: 'ansokan' | 'erbjudande') {
  return publicLink(`/ferie/${page}?org=${organisationId}#${token}`);
}

/** Issues a link token (only its hash is stored) and mails the link. */
export async function issueLink(
  ctx: Ctx,
  tx: Tx,
  a: { organisationId: string; applicationId: string; email: string; reference: string },
  purpose: 'application' | 'offer',
  expiresAt: Date,
) {
  const token = randomBytes(32).toString('base64url');
  const now = ctx.clock.now();
  await insertToken(tx, {
    organisationId: a.organisationId,
    tokenHash: hashToken(token),
    applicationId: a.applicationId,
    purpose,
    now,
    expiresAt,
  });
  const link = linkFor(a.organisationId, token, purpose === 'application' ? 'ansokan' : 'erbjudande');
  await mailSender().send(tx, {
    organisationId: a.organisationId,
    recipient: a.email,
    kind: purpose === 'application' ? 'ferie-kvitto' : 'ferie-erbjudande',
    subject:
      purpose === 'application'
        ? `Kvitto på din ansökan om feriearbete (${a.reference})`
        : `Erbjudande om feriearbete (${a.reference})`,
    body:
      purpose === 'application'
        ? `Tack för din ansökan. Referens: ${a.reference}.\nHär kan du se och ändra ansökan tills ansökningstiden går ut (${expiresAt.toISOString().slice(0, 16).replace('T', ' ')} UTC):\n${link}\n`
        : `Du erbjuds en plats. Svara senast ${expiresAt.toISOString().slice(0, 16).replace('T', ' ')} UTC:\n${link}\n`,
    at: now,
  });
  return token;
}

/** The public e-service: a young person applies. Everything or nothing is saved. */
export async function submitApplication(
  ctx: Ctx,
  organisationId: string,
  seasonId: string,
  input: ApplicationInput,
) {
  await throttlePublic(ctx);
  const now = ctx.clock.now();
  const today = swedishDate(now);
  const parsed = parsePersonnummer(input.personnummer, { referenceDate: today });
  if (!parsed.ok) {
    throw new AppError(422, 'personnummer', 'validation_failed', [
      { path: 'body.personnummer', message: PERSONNUMMER_MESSAGES[parsed.code] },
    ]);
  }
  const pnr = parsed.value;
  return submitInTransaction(ctx, organisationId, seasonId, input, pnr, now, today).catch((err: unknown) => {
    // Two simultaneous applications for one personnummer: the unique key decides, the loser gets 409.
    if ((err as { code?: string } | null)?.code === '23505') throw fail('summer_duplicate_application', 409);
    throw err;
  });
}

async function submitInTransaction(
  ctx: Ctx,
  organisationId: string,
  seasonId: string,
  input: ApplicationInput,
  pnr: { normalized: string; birthDate: string; legalSexDefault: 'K' | 'M' },
  now: Date,
  today: string,
) {
  return ctx.db.transaction().execute(async (tx) => {
    const season = await openSeason(ctx, tx, organisationId, seasonId);
    const birthYear = Number(pnr.birthDate.slice(0, 4));
    if (birthYear < season.birth_year_from || birthYear > season.birth_year_to) {
      throw failWith(ctx, 'summer_birth_year', 'body.personnummer');
    }
    if (season.municipality_code && season.municipality_code !== input.municipalityCode) {
      throw failWith(ctx, 'summer_residence', 'body.municipalityCode');
    }
    const under18 = ageOn(pnr.birthDate, today) < 18;
    if (under18 && !input.guardian?.consent) {
      throw failWith(ctx, 'summer_guardian_required', 'body.guardian');
    }
    const periods = await listPeriods(tx, organisationId, seasonId);
    const slots = await listSlots(
      tx,
      organisationId,
      seasonId,
      input.choices.map((c) => c.slotId),
    );
    const { slotIds, periodIds } = checkChoices(
      ctx,
      season,
      periods,
      slots,
      input.choices,
      input.availablePeriods,
    );
    if (await findApplicationByPersonnummer(tx, organisationId, seasonId, pnr.normalized)) {
      throw fail('summer_duplicate_application', 409);
    }
    const id = randomUUID();
    const reference = newReference(season.year);
    await insertApplication(tx, {
      organisation_id: organisationId,
      season_id: seasonId,
      id,
      reference,
      personnummer: pnr.normalized,
      first_name: input.firstName,
      last_name: input.lastName,
      sex: input.sex ?? pnr.legalSexDefault,
      birth_date: pnr.birthDate,
      municipality_code: input.municipalityCode,
      email: input.email,
      phone: input.phone ?? null,
      guardian_name: input.guardian?.name ?? null,
      guardian_email: input.guardian?.email ?? null,
      guardian_phone: input.guardian?.phone ?? null,
      guardian_consent_at: input.guardian?.consent ? now : null,
      protected_identity: input.protectedIdentity,
      first_time: input.firstTime,
      social_priority: false,
      available_period_ids: periodIds,
      created_at: now,
      updated_at: now,
    });
    await replaceChoices(tx, organisationId, id, slotIds);
    await issueLink(
      ctx,
      tx,
      { organisationId, applicationId: id, email: input.email, reference },
      'application',
      new Date(season.closes_at),
    );
    await recordAudit(tx, ctx, {
      action: 'create',
      organisationId,
      objectType: 'summer_application',
      objectId: id,
      severity: input.protectedIdentity ? 'raised' : 'normal',
      details: { seasonId, reference, channel: 'e-tjanst', choices: slotIds.length },
    });
    return { id, reference, submittedAt: now.toISOString(), choices: slotIds.length };
  });
}

/** Resolves a link token to its application; refused when unknown, replaced or expired. */
async function applicationForToken(
  ctx: Ctx,
  tx: Tx,
  organisationId: string,
  token: string,
  purpose: 'application' | 'offer',
) {
  const row = await findToken(tx, organisationId, hashToken(token));
  if (!row || row.purpose !== purpose || row.revoked_at) throw fail('summer_link_invalid', 404);
  if (new Date(row.expires_at) <= ctx.clock.now()) {
    // An application link runs out when the window closes: say so, rather than "invalid link".
    throw purpose === 'application' ? fail('summer_window_closed', 409) : fail('summer_link_invalid', 404);
  }
  const a = await findApplication(tx, organisationId, row.application_id, true);
  if (!a) throw fail('summer_link_invalid', 404);
  return a;
}

export { applicationForToken };

/**
 * The applicant's own application, with what the change form needs: the season's periods and places
 * (no person data of others) and when the window closes.
 */
async function presentOwn(tx: Tx, a: NonNullable<Awaited<ReturnType<typeof findApplication>>>) {
  const season = await findSeason(tx, a.organisation_id, a.season_id);
  const periods = await listPeriods(tx, a.organisation_id, a.season_id);
  const slotRows = await listSlots(tx, a.organisation_id, a.season_id);
  const slots = new Map(slotRows.map((s) => [s.id, s]));
  const choices = await choicesOf(tx, a.organisation_id, [a.id]);
  return {
    reference: a.reference,
    firstName: a.first_name,
    lastName: a.last_name,
    email: a.email,
    phone: a.phone,
    guardian: a.guardian_name
      ? {
          name: a.guardian_name,
          email: a.guardian_email ?? '',
          phone: a.guardian_phone,
          consent: a.guardian_consent_at !== null,
        }
      : null,
    status: a.status,
    season: {
      name: season?.name ?? '',
      closesAt: season ? new Date(season.closes_at).toISOString() : null,
      maxChoices: season?.max_choices ?? 1,
      periods: periods.map((p) => ({ code: p.code, startsOn: p.starts_on, endsOn: p.ends_on })),
      slots: slotRows.map((s) => ({
        id: s.id,
        workplaceName: s.workplace_name,
        area: s.area,
        period: s.period_code,
        minAge: s.min_age,
      })),
    },
    availablePeriods: periods.filter((p) => a.available_period_ids.includes(p.id)).map((p) => p.code),
    choices: choices.map((c) => {
      const s = slots.get(c.slot_id);
      return {
        rank: c.rank,
        slotId: c.slot_id,
        workplaceName: s?.workplace_name ?? null,
        period: s?.period_code ?? null,
        area: s?.area ?? null,
      };
    }),
  };
}

/** The applicant's own view through the link (one read event). */
export async function getOwnApplication(ctx: Ctx, organisationId: string, token: string) {
  await throttlePublic(ctx);
  return ctx.db.transaction().execute(async (tx) => {
    const a = await applicationForToken(ctx, tx, organisationId, token, 'application');
    await openSeason(ctx, tx, organisationId, a.season_id);
    await recordAudit(tx, ctx, {
      action: 'read',
      organisationId,
      objectType: 'summer_application',
      objectId: a.id,
      details: { channel: 'e-tjanst' },
    });
    return presentOwn(tx, a);
  });
}

/** The applicant changes contact, guardian, availability or choices until the window closes. */
export async function changeOwnApplication(
  ctx: Ctx,
  organisationId: string,
  token: string,
  change: ApplicationChange,
) {
  await throttlePublic(ctx);
  return ctx.db.transaction().execute(async (tx) => {
    const a = await applicationForToken(ctx, tx, organisationId, token, 'application');
    const season = await openSeason(ctx, tx, organisationId, a.season_id);
    const periods = await listPeriods(tx, organisationId, a.season_id);
    const current = await choicesOf(tx, organisationId, [a.id]);
    const availability =
      change.availablePeriods ??
      periods.filter((p) => a.available_period_ids.includes(p.id)).map((p) => p.code);
    const choices = change.choices ?? current.map((c) => ({ slotId: c.slot_id }));
    const slots = await listSlots(
      tx,
      organisationId,
      a.season_id,
      choices.map((c) => c.slotId),
    );
    const { slotIds, periodIds } = checkChoices(ctx, season, periods, slots, choices, availability);
    const now = ctx.clock.now();
    const guardian =
      change.guardian === undefined
        ? {}
        : {
            guardian_name: change.guardian?.name ?? null,
            guardian_email: change.guardian?.email ?? null,
            guardian_phone: change.guardian?.phone ?? null,
            guardian_consent_at: change.guardian?.consent ? (a.guardian_consent_at ?? now) : null,
          };
    if (change.guardian !== undefined && !change.guardian?.consent) {
      if (ageOn(a.birth_date, swedishDate(now)) < 18) {
        throw failWith(ctx, 'summer_guardian_required', 'body.guardian');
      }
    }
    await updateApplication(tx, organisationId, a.id, {
      email: change.email ?? a.email,
      phone: change.phone === undefined ? a.phone : change.phone,
      ...guardian,
      available_period_ids: periodIds,
      updated_at: now,
    });
    await replaceChoices(tx, organisationId, a.id, slotIds);
    await recordAudit(tx, ctx, {
      action: 'update',
      organisationId,
      objectType: 'summer_application',
      objectId: a.id,
      details: { channel: 'e-tjanst', fields: Object.keys(change) },
    });
    const updated = await findApplication(tx, organisationId, a.id);
    return presentOwn(tx, updated!);
  });
}

/** What the public form needs: periods and places (workplace, area, period) — no person data. */
export async function publicSeason(ctx: Ctx, organisationId: string, seasonId: string) {
  const season = await findSeason(ctx.db, organisationId, seasonId);
  if (!season) throw notFound();
  const periods = await listPeriods(ctx.db, organisationId, seasonId);
  const slots = await listSlots(ctx.db, organisationId, seasonId);
  return {
    id: season.id,
    name: season.name,
    year: season.year,
    birthYearFrom: season.birth_year_from,
    birthYearTo: season.birth_year_to,
    municipalityCode: season.municipality_code,
    opensAt: new Date(season.opens_at).toISOString(),
    closesAt: new Date(season.closes_at).toISOString(),
    maxChoices: season.max_choices,
    hoursPerDay: Number(season.hours_per_day),
    hourlyPaySek: Number(season.hourly_pay_sek),
    periods: periods.map((p) => ({ code: p.code, startsOn: p.starts_on, endsOn: p.ends_on })),
    slots: slots.map((s) => ({
      id: s.id,
      workplaceName: s.workplace_name,
      workplaceKind: s.workplace_kind,
      area: s.area,
      period: s.period_code,
      minAge: s.min_age,
      requirements: s.requirements,
    })),
  };
}

export type { FieldIssue };
