import type { Ctx, RoleGrant } from '../../context.ts';
import type { Tx } from '../../db/connection.ts';
import { toCsvBytes } from '../../exports/csv.ts';
import { toXlsx } from '../../exports/xlsx.ts';
import { AppError, DeniedError, notFound, ruleViolation } from '../../http/errors.ts';
import { type AuditInput, recordAudit, recordAuditMany } from '../audit/record-event.ts';
import {
  findApplication,
  findOffer,
  listApplications,
  listOffers,
  listSeasons,
  listSlots,
  updateOffer,
  workplacesOfUser,
} from './repo.ts';
import { grantFields, organisationOf, requireSeason } from './season.ts';

const isSupervisor = (grant: RoleGrant | null) => grant?.role === 'handledare';

/** A supervisor acts only on the workplaces they are linked to; staff (manage) on all. */
async function checkWorkplace(
  ctx: Ctx,
  tx: Tx,
  grant: RoleGrant | null,
  workplaceId: string,
  objectId: string,
) {
  if (!isSupervisor(grant)) return;
  const own = await workplacesOfUser(tx, organisationOf(ctx), ctx.actor!.userId);
  if (!own.has(workplaceId)) {
    throw new DeniedError(new AppError(403, 'summer_not_own_workplace', 'summer_not_own_workplace'), {
      objectType: 'summer_offer',
      objectId,
      severity: 'normal',
      details: { workplaceId },
    });
  }
}

/**
 * What a supervisor sees of the youths placed at their own workplaces: reference, name and phone —
 * never personnummer, address or guardian; for a protected identity not even the name (the
 * ferieverksamhet passes on what is needed another way). One read event per person shown.
 */
export async function supervisorPlaces(ctx: Ctx, grant: RoleGrant | null) {
  const org = organisationOf(ctx);
  return ctx.db.transaction().execute(async (tx) => {
    const own = await workplacesOfUser(tx, org, ctx.actor!.userId);
    const out = [];
    const events: AuditInput[] = [];
    for (const season of await listSeasons(tx, org)) {
      if (!season.published_at) continue;
      const slots = new Map(
        (await listSlots(tx, org, season.id)).filter((s) => own.has(s.workplace_id)).map((s) => [s.id, s]),
      );
      if (slots.size === 0) continue;
      const apps = new Map((await listApplications(tx, org, season.id)).map((a) => [a.id, a]));
      for (const o of await listOffers(tx, org, season.id)) {
        const s = slots.get(o.slot_id);
        if (!s || (o.status !== 'accepterad' && o.status !== 'erbjuden')) continue;
        const a = apps.get(o.application_id)!;
        const hidden = a.protected_identity;
        out.push({
          offerId: o.id,
          season: season.name,
          workplaceId: s.workplace_id,
          workplaceName: s.workplace_name,
          period: s.period_code,
          startsOn: s.starts_on,
          endsOn: s.ends_on,
          status: o.status,
          reference: a.reference,
          name: hidden ? null : `${a.first_name} ${a.last_name}`,
          phone: hidden ? null : a.phone,
          protectedIdentity: hidden,
          hours: o.hours === null ? null : Number(o.hours),
        });
        events.push({
          action: 'read',
          objectType: 'summer_offer',
          objectId: o.id,
          ...grantFields(grant),
          severity: hidden ? 'raised' : 'normal',
          details: { view: 'handledare', applicationId: a.id, nameShown: !hidden },
        });
      }
    }
    if (events.length > 0) await recordAuditMany(tx, ctx, events);
    return out;
  });
}

/** Hours worked per youth and period, reported by the workplace's supervisor (or staff). */
export async function reportHours(ctx: Ctx, grant: RoleGrant | null, offerId: string, hours: number) {
  const org = organisationOf(ctx);
  await ctx.db.transaction().execute(async (tx) => {
    const offer = await findOffer(tx, org, offerId, true);
    if (!offer) throw notFound();
    const slot = (await listSlots(tx, org, offer.season_id, [offer.slot_id]))[0]!;
    await checkWorkplace(ctx, tx, grant, slot.workplace_id, offerId);
    if (offer.status !== 'accepterad') {
      throw ruleViolation(
        'not_accepted',
        'Timmar kan bara rapporteras för en accepterad plats.',
        'Hours can be reported only for an accepted place.',
      );
    }
    const season = await requireSeason(tx, org, offer.season_id);
    const days = Math.round((Date.parse(slot.ends_on) - Date.parse(slot.starts_on)) / 86_400_000) + 1;
    const max = days * Number(season.hours_per_day);
    if (hours > max) {
      const msg = `Högst ${max} timmar kan rapporteras för perioden (${days} dagar × ${season.hours_per_day} timmar).`;
      throw ruleViolation('too_many_hours', msg, msg, [{ path: 'body.hours', message: msg }]);
    }
    const a = await findApplication(tx, org, offer.application_id);
    await updateOffer(tx, org, offerId, {
      hours,
      hours_reported_by: ctx.actor?.userId ?? null,
      hours_reported_at: ctx.clock.now(),
    });
    await recordAudit(tx, ctx, {
      action: 'update',
      objectType: 'summer_offer',
      objectId: offerId,
      ...grantFields(grant),
      severity: a?.protected_identity ? 'raised' : 'normal',
      details: { hours, applicationId: offer.application_id },
    });
  });
}

async function payrollRows(ctx: Ctx, grant: RoleGrant | null, seasonId: string, format: string) {
  const org = organisationOf(ctx);
  return ctx.db.transaction().execute(async (tx) => {
    const season = await requireSeason(tx, org, seasonId);
    const slots = new Map((await listSlots(tx, org, seasonId)).map((s) => [s.id, s]));
    const apps = new Map((await listApplications(tx, org, seasonId)).map((a) => [a.id, a]));
    const pay = Number(season.hourly_pay_sek);
    const rows = (await listOffers(tx, org, seasonId))
      .filter((o) => o.status === 'accepterad' && o.hours !== null)
      .map((o) => {
        const a = apps.get(o.application_id)!;
        const hours = Number(o.hours);
        return {
          applicationId: a.id,
          personnummer: `${a.personnummer.slice(0, 8)}-${a.personnummer.slice(8)}`,
          name: `${a.last_name}, ${a.first_name}`,
          period: slots.get(o.slot_id)!.period_code,
          hours,
          pay,
          total: Math.round(hours * pay * 100) / 100,
          protectedIdentity: a.protected_identity,
        };
      })
      .sort((x, y) => x.personnummer.localeCompare(y.personnummer) || x.period.localeCompare(y.period));
    await recordAudit(tx, ctx, {
      action: 'export',
      objectType: 'summer_payroll',
      objectId: seasonId,
      ...grantFields(grant),
      severity: rows.some((r) => r.protectedIdentity) ? 'raised' : 'normal',
      details: { format, rows: rows.length, applicationIds: rows.map((r) => r.applicationId) },
    });
    return { season, rows };
  });
}

const HEADER = ['Personnummer', 'Namn', 'Period', 'Timmar', 'Timlön (kr)', 'Summa (kr)'];

/** Payroll file: one row per youth and period (Swedish Excel CSV, formula-safe). */
export async function payrollCsv(ctx: Ctx, grant: RoleGrant | null, seasonId: string) {
  const { rows } = await payrollRows(ctx, grant, seasonId, 'csv');
  return toCsvBytes([
    HEADER,
    ...rows.map((r) => [r.personnummer, r.name, r.period, r.hours, r.pay, r.total]),
  ]);
}

/** XLSX summary: the payroll rows and a sheet of totals per period. */
export async function payrollXlsx(ctx: Ctx, grant: RoleGrant | null, seasonId: string) {
  const { season, rows } = await payrollRows(ctx, grant, seasonId, 'xlsx');
  const byPeriod = new Map<string, { youths: number; hours: number; total: number }>();
  for (const r of rows) {
    const p = byPeriod.get(r.period) ?? { youths: 0, hours: 0, total: 0 };
    p.youths++;
    p.hours += r.hours;
    p.total += r.total;
    byPeriod.set(r.period, p);
  }
  return toXlsx(
    [
      {
        name: 'Sammanfattning',
        rows: [
          ['Period', 'Ungdomar', 'Timmar', 'Summa (kr)'],
          ...[...byPeriod].map(([p, v]) => [p, v.youths, v.hours, Math.round(v.total * 100) / 100]),
          [
            'Totalt',
            rows.length,
            rows.reduce((s, r) => s + r.hours, 0),
            Math.round(rows.reduce((s, r) => s + r.total, 0) * 100) / 100,
          ],
        ],
        boldRows: [0],
      },
      {
        name: 'Lönefil',
        rows: [HEADER, ...rows.map((r) => [r.personnummer, r.name, r.period, r.hours, r.pay, r.total])],
        boldRows: [0],
      },
    ],
    { title: `Lön feriearbete ${season.name}`, createdAt: ctx.clock.now() },
  );
}
