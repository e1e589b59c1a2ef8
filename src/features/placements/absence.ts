import type { Ctx } from '../../context.ts';
import { recordAudit } from '../audit/record-event.ts';
import { auditFields, authorizePerson, loadActorProtection } from '../participants/access.ts';
import { workplaceNames } from '../workplaces/placement-terms.ts';
import { ABSENCE_REASONS, type AbsenceReason } from './attendance-csv.ts';
import { isoWeekOf } from './periods.ts';
import { placementsPolicy } from './policy.ts';
import { attendanceOfPlacements, placementsOfPerson, visibleAbsence } from './repo.ts';

const collator = new Intl.Collator('sv');

type ByReason = Record<AbsenceReason, number>;
const emptyReasons = (): ByReason => ({ sjuk: 0, vab: 0, ledig: 0, ogiltig: 0, annat: 0 });
const round2 = (n: number) => Math.round(n * 100) / 100;

/** Weeks whose Monday lies in [Monday of from's week, to]. */
function weekRange(period: { from: string; to: string }) {
  return { from: isoWeekOf(period.from).start, to: period.to };
}

/** One person's attendance and absence per week in a period, for their case worker. */
export async function personAbsence(
  ctx: Ctx,
  personId: string,
  period: { from: string; to: string },
  opts: { purpose?: string | null } = {},
) {
  return ctx.db.transaction().execute(async (tx) => {
    const access = await authorizePerson(ctx, tx, personId, placementsPolicy.rules.readAbsence, opts);
    const org = access.person.organisation_id;
    const placements = await placementsOfPerson(tx, org, personId);
    const names = await workplaceNames(
      tx,
      org,
      placements.map((p) => p.workplace_id),
    );
    const { weeks, absences } = await attendanceOfPlacements(
      tx,
      org,
      placements.map((p) => p.id),
      weekRange(period),
    );
    const totals = emptyReasons();
    let present = 0;
    const rows = weeks.map((w) => {
      const byReason = emptyReasons();
      for (const a of absences) {
        if (a.placement_id === w.placement_id && a.iso_week === w.iso_week) {
          byReason[a.reason as AbsenceReason] += a.hours;
          totals[a.reason as AbsenceReason] += a.hours;
        }
      }
      present += w.hours_present;
      const placement = placements.find((p) => p.id === w.placement_id);
      return {
        week: w.iso_week,
        placementId: w.placement_id,
        workplaceName: placement ? (names.get(placement.workplace_id) ?? '') : '',
        hoursPresent: w.hours_present,
        absence: byReason,
        absenceHours: round2(ABSENCE_REASONS.reduce((s, r) => s + byReason[r], 0)),
      };
    });
    await recordAudit(tx, ctx, {
      action: 'read',
      ...auditFields(access),
      objectType: 'placement_attendance',
      details: { from: period.from, to: period.to, weeks: rows.length },
    });
    return {
      person: { id: access.person.id, name: `${access.person.first_name} ${access.person.last_name}` },
      from: period.from,
      to: period.to,
      weeks: rows,
      totals: {
        hoursPresent: round2(present),
        absence: Object.fromEntries(ABSENCE_REASONS.map((r) => [r, round2(totals[r])])) as ByReason,
        absenceHours: round2(ABSENCE_REASONS.reduce((s, r) => s + totals[r], 0)),
      },
    };
  });
}

/**
 * Absence per person in a period for the actor's caseload (persons they may list). Persons with
 * protected identity are left out of the list (DOMAIN.md §2.5); open them one by one instead.
 */
export async function caseloadAbsence(ctx: Ctx, period: { from: string; to: string }) {
  const actor = ctx.actor!;
  return ctx.db.transaction().execute(async (tx) => {
    const protection = await loadActorProtection(tx, actor);
    const rows = await visibleAbsence(
      tx,
      actor,
      placementsPolicy.rules.readAbsence,
      protection,
      weekRange(period),
    );
    const byPerson = new Map<
      string,
      { personId: string; name: string; weeks: Set<string>; hoursPresent: number; absence: ByReason }
    >();
    const presentCounted = new Set<string>();
    let leftOut = 0;
    const protectedSeen = new Set<string>();
    for (const r of rows) {
      if (r.protection_level !== 'none') {
        if (!protectedSeen.has(r.person_id)) leftOut += 1;
        protectedSeen.add(r.person_id);
        continue;
      }
      let p = byPerson.get(r.person_id);
      if (!p) {
        p = {
          personId: r.person_id,
          name: `${r.first_name} ${r.last_name}`,
          weeks: new Set(),
          hoursPresent: 0,
          absence: emptyReasons(),
        };
        byPerson.set(r.person_id, p);
      }
      const weekKey = `${r.placement_id}|${r.iso_week}`;
      if (!presentCounted.has(weekKey)) {
        presentCounted.add(weekKey);
        p.hoursPresent += r.hours_present;
        p.weeks.add(r.iso_week);
      }
      if (r.reason && r.hours !== null) p.absence[r.reason as AbsenceReason] += r.hours;
    }
    const persons = [...byPerson.values()]
      .map((p) => ({
        personId: p.personId,
        name: p.name,
        weeks: p.weeks.size,
        hoursPresent: round2(p.hoursPresent),
        absence: Object.fromEntries(ABSENCE_REASONS.map((r) => [r, round2(p.absence[r])])) as ByReason,
        absenceHours: round2(ABSENCE_REASONS.reduce((s, r) => s + p.absence[r], 0)),
      }))
      .sort((a, b) => b.absenceHours - a.absenceHours || collator.compare(a.name, b.name));
    await recordAudit(tx, ctx, {
      action: 'read',
      objectType: 'absence_overview',
      details: { from: period.from, to: period.to, persons: persons.length },
    });
    return { from: period.from, to: period.to, persons, protectedLeftOut: leftOut };
  });
}
