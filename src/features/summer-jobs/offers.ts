import { randomUUID } from 'node:crypto';
import type { Ctx, RoleGrant } from '../../context.ts';
import type { Tx } from '../../db/connection.ts';
import { type AllocationResult, ageOn } from '../../domain/allocation/index.ts';
import { AppError, notFound } from '../../http/errors.ts';
import { recordAudit } from '../audit/record-event.ts';
import { tierOf } from './allocate.ts';
import { applicationForToken, issueLink, throttlePublic } from './apply.ts';
import {
  expiredOffers,
  findOffer,
  findRun,
  insertOffers,
  listApplications,
  listOffers,
  listPeriods,
  listSeasons,
  listSlots,
  seasonChoices,
  updateApplication,
  updateOffer,
} from './repo.ts';
import { grantFields, requireSeason } from './season.ts';
import { DAY } from './time.ts';

const closed = () => new AppError(409, 'summer_offer_closed', 'summer_offer_closed');

/**
 * Offers the freed places of a slot to the next in line: applicants never offered a place this season
 * who chose the slot, can work its period and are old enough; by priority tier, then the published
 * lottery's numbers (lottery runs) or the order of application.
 */
async function offerNext(ctx: Ctx, tx: Tx, organisationId: string, seasonId: string, slotId: string) {
  const season = await requireSeason(tx, organisationId, seasonId);
  if (!season.published_run_id) return 0;
  const slot = (await listSlots(tx, organisationId, seasonId, [slotId]))[0];
  if (!slot) return 0;
  const offers = await listOffers(tx, organisationId, seasonId);
  const holders = offers.filter(
    (o) => o.slot_id === slotId && (o.status === 'erbjuden' || o.status === 'accepterad'),
  );
  let free = slot.places - holders.length;
  if (free <= 0) return 0;
  const everOffered = new Set(offers.map((o) => o.application_id));
  const choosers = new Set(
    (await seasonChoices(tx, organisationId, seasonId))
      .filter((c) => c.slot_id === slotId)
      .map((c) => c.application_id),
  );
  const run = await findRun(tx, organisationId, seasonId, season.published_run_id);
  const lotteryNumbers = (run?.result as AllocationResult | undefined)?.lotteryNumbers ?? {};
  const applications = await listApplications(tx, organisationId, seasonId);
  const order = new Map(applications.map((a, i) => [a.id, i]));
  const candidates = applications
    .filter(
      (a) =>
        a.status !== 'aterkallad' &&
        !everOffered.has(a.id) &&
        choosers.has(a.id) &&
        a.available_period_ids.includes(slot.period_id) &&
        (slot.min_age === null || ageOn(a.birth_date, slot.starts_on) >= slot.min_age),
    )
    .sort((x, y) => {
      const tx1 = tierOf(season, x) ?? 99;
      const ty1 = tierOf(season, y) ?? 99;
      if (tx1 !== ty1) return tx1 - ty1;
      const lx = lotteryNumbers[x.id] ?? Number.MAX_SAFE_INTEGER;
      const ly = lotteryNumbers[y.id] ?? Number.MAX_SAFE_INTEGER;
      if (lx !== ly) return lx - ly;
      return order.get(x.id)! - order.get(y.id)!;
    });
  const now = ctx.clock.now();
  const expiresAt = new Date(now.getTime() + season.offer_days * DAY);
  let made = 0;
  for (const a of candidates) {
    if (free <= 0) break;
    const id = randomUUID();
    await insertOffers(tx, [
      {
        organisation_id: organisationId,
        season_id: seasonId,
        id,
        application_id: a.id,
        slot_id: slotId,
        run_id: season.published_run_id,
        status: 'erbjuden',
        offered_at: now,
        expires_at: expiresAt,
        answered_at: null,
        hours: null,
        hours_reported_by: null,
        hours_reported_at: null,
      },
    ]);
    await updateApplication(tx, organisationId, a.id, { status: 'aktiv', updated_at: now });
    await issueLink(
      ctx,
      tx,
      { organisationId, applicationId: a.id, email: a.email, reference: a.reference },
      'offer',
      expiresAt,
    );
    await recordAudit(tx, ctx, {
      action: 'create',
      organisationId,
      objectType: 'summer_offer',
      objectId: id,
      severity: a.protected_identity ? 'raised' : 'normal',
      details: { applicationId: a.id, slotId, nextInLine: true },
    });
    free--;
    made++;
  }
  return made;
}

async function answer(
  ctx: Ctx,
  tx: Tx,
  organisationId: string,
  offer: NonNullable<Awaited<ReturnType<typeof findOffer>>>,
  reply: 'accept' | 'decline',
  grant: RoleGrant | null,
  channel: 'e-tjanst' | 'personal',
) {
  const now = ctx.clock.now();
  if (offer.status !== 'erbjuden' || new Date(offer.expires_at) <= now) throw closed();
  const status = reply === 'accept' ? 'accepterad' : 'avbojd';
  await updateOffer(tx, organisationId, offer.id, { status, answered_at: now });
  await updateApplication(tx, organisationId, offer.application_id, {
    status: reply === 'accept' ? 'placerad' : 'aterkallad',
    updated_at: now,
  });
  await recordAudit(tx, ctx, {
    action: 'update',
    organisationId,
    objectType: 'summer_offer',
    objectId: offer.id,
    ...grantFields(grant),
    details: { answer: reply, channel, applicationId: offer.application_id },
  });
  const nextOffered =
    reply === 'decline' ? await offerNext(ctx, tx, organisationId, offer.season_id, offer.slot_id) : 0;
  return { status, nextOffered };
}

/** Staff record the answer (e.g. given on the phone). */
export async function answerOfferAsStaff(
  ctx: Ctx,
  grant: RoleGrant | null,
  organisationId: string,
  offerId: string,
  reply: 'accept' | 'decline',
) {
  return ctx.db.transaction().execute(async (tx) => {
    const offer = await findOffer(tx, organisationId, offerId, true);
    if (!offer) throw notFound();
    return answer(ctx, tx, organisationId, offer, reply, grant, 'personal');
  });
}

/** The young person answers through the offer link. */
export async function answerOfferByLink(
  ctx: Ctx,
  organisationId: string,
  token: string,
  reply: 'accept' | 'decline',
) {
  await throttlePublic(ctx);
  return ctx.db.transaction().execute(async (tx) => {
    const a = await applicationForToken(ctx, tx, organisationId, token, 'offer');
    const current = (await listOffers(tx, organisationId, a.season_id)).find(
      (o) => o.application_id === a.id && o.status === 'erbjuden',
    );
    if (!current) throw closed();
    const offer = await findOffer(tx, organisationId, current.id, true);
    return answer(ctx, tx, organisationId, offer!, reply, null, 'e-tjanst');
  });
}

/**
 * Moves offers whose deadline has passed to the reserve list and offers each freed place to the next
 * in line. Idempotent; call it from a route, the CLI or a scheduled job.
 */
export async function processExpiredOffers(ctx: Ctx, organisationId: string, seasonId?: string) {
  const seasons = seasonId ? [seasonId] : (await listSeasons(ctx.db, organisationId)).map((s) => s.id);
  let expired = 0;
  let offered = 0;
  for (const sid of seasons) {
    await ctx.db.transaction().execute(async (tx) => {
      await requireSeason(tx, organisationId, sid, true);
      const now = ctx.clock.now();
      const rows = await expiredOffers(tx, organisationId, sid, now);
      for (const o of rows) {
        await updateOffer(tx, organisationId, o.id, { status: 'utgangen', answered_at: now });
        await updateApplication(tx, organisationId, o.application_id, { status: 'reserv', updated_at: now });
        await recordAudit(tx, ctx, {
          action: 'update',
          organisationId,
          objectType: 'summer_offer',
          objectId: o.id,
          details: { expired: true, applicationId: o.application_id },
        });
      }
      expired += rows.length;
      for (const slotId of new Set(rows.map((o) => o.slot_id))) {
        offered += await offerNext(ctx, tx, organisationId, sid, slotId);
      }
    });
  }
  return { expired, offered };
}

/** Staff list of a season's offers (reference and status; names only for staff). */
export async function offerList(ctx: Ctx, organisationId: string, seasonId: string) {
  await requireSeason(ctx.db, organisationId, seasonId);
  const [offers, applications, slots, periods] = await Promise.all([
    listOffers(ctx.db, organisationId, seasonId),
    listApplications(ctx.db, organisationId, seasonId),
    listSlots(ctx.db, organisationId, seasonId),
    listPeriods(ctx.db, organisationId, seasonId),
  ]);
  void periods;
  const apps = new Map(applications.map((a) => [a.id, a]));
  const slotById = new Map(slots.map((s) => [s.id, s]));
  return offers.map((o) => {
    const a = apps.get(o.application_id)!;
    const s = slotById.get(o.slot_id)!;
    return {
      id: o.id,
      status: o.status,
      reference: a.reference,
      applicationId: a.id,
      workplaceName: s.workplace_name,
      period: s.period_code,
      offeredAt: new Date(o.offered_at).toISOString(),
      expiresAt: new Date(o.expires_at).toISOString(),
      hours: o.hours === null ? null : Number(o.hours),
    };
  });
}
