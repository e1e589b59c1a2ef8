import type { Ctx } from '../../context.ts';
import { recordAudit } from '../audit/record-event.ts';
import { auditFields } from '../participants/access.ts';
import { MAX_WEEK_HOURS } from './attendance-csv.ts';
import { loadPlacementForActor } from './load.ts';
import { parseIsoWeek, periodsOverlap } from './periods.ts';
import { placementsPolicy } from './policy.ts';
import { attendanceOfPlacements, upsertAttendance } from './repo.ts';
import { PlacementIssues } from './rules.ts';
import type { AttendanceInput } from './schema.ts';

/** Staff enter one ISO week for a placement: hours present and absence hours per reason (replaces the week). */
export async function recordAttendance(
  ctx: Ctx,
  placementId: string,
  weekText: string,
  input: AttendanceInput,
  opts: { purpose?: string | null } = {},
) {
  const issues: PlacementIssues = new PlacementIssues(ctx.lang);
  const week = parseIsoWeek(weekText);
  if (!week) issues.fail('params.week', 'Veckan finns inte.', 'The week does not exist.');
  const reasons = new Set<string>();
  for (const a of input.absences) {
    if (reasons.has(a.reason))
      issues.add(
        'body.absences',
        `Orsaken ${a.reason} står två gånger.`,
        `The reason ${a.reason} is given twice.`,
      );
    reasons.add(a.reason);
  }
  const total = input.hoursPresent + input.absences.reduce((s, a) => s + a.hours, 0);
  if (total > MAX_WEEK_HOURS) {
    issues.add(
      'body.hoursPresent',
      `Närvaro och frånvaro är tillsammans fler än veckans ${MAX_WEEK_HOURS} timmar.`,
      `Presence and absence together exceed the week's ${MAX_WEEK_HOURS} hours.`,
    );
  }
  return ctx.db.transaction().execute(async (tx) => {
    const { placement, access } = await loadPlacementForActor(
      ctx,
      tx,
      placementId,
      placementsPolicy.rules.recordAttendance,
      opts.purpose,
    );
    if (placement.status !== 'aktiv') {
      issues.add('params.week', 'Placeringen är avbruten.', 'The placement is cancelled.');
    } else if (
      !periodsOverlap(
        { start: week.start, end: week.end },
        { start: placement.start_date, end: placement.end_date },
      )
    ) {
      issues.add(
        'params.week',
        `Vecka ${week.label} ligger utanför placeringen ${placement.start_date}–${placement.end_date ?? ''}.`,
        `Week ${week.label} is outside the placement ${placement.start_date}–${placement.end_date ?? ''}.`,
      );
    }
    issues.throwIfAny();
    await upsertAttendance(
      tx,
      {
        organisation_id: placement.organisation_id,
        placement_id: placement.id,
        iso_week: week.label,
        week_start: week.start,
        hours_present: input.hoursPresent,
        recorded_by: ctx.actor!.userId,
        recorded_at: ctx.clock.now(),
        source: 'manuell',
      },
      input.absences,
    );
    await recordAudit(tx, ctx, {
      action: 'update',
      ...auditFields(access),
      objectType: 'placement_attendance',
      objectId: `${placement.id}:${week.label}`,
      details: {
        week: week.label,
        hoursPresent: input.hoursPresent,
        absenceHours: total - input.hoursPresent,
      },
    });
    return { week: week.label };
  });
}

/** A placement's recorded weeks, oldest first, with absence per reason. */
export async function listAttendance(ctx: Ctx, placementId: string, opts: { purpose?: string | null } = {}) {
  return ctx.db.transaction().execute(async (tx) => {
    const { placement, access } = await loadPlacementForActor(
      ctx,
      tx,
      placementId,
      placementsPolicy.rules.read,
      opts.purpose,
    );
    const { weeks, absences } = await attendanceOfPlacements(tx, placement.organisation_id, [placement.id]);
    await recordAudit(tx, ctx, {
      action: 'read',
      ...auditFields(access),
      objectType: 'placement_attendance',
      objectId: placement.id,
      details: { weeks: weeks.length },
    });
    return weeks.map((w) => ({
      week: w.iso_week,
      weekStart: w.week_start,
      hoursPresent: w.hours_present,
      source: w.source as 'manuell' | 'import',
      absences: absences
        .filter((a) => a.iso_week === w.iso_week)
        .map((a) => ({ reason: a.reason, hours: a.hours }))
        .sort((a, b) => a.reason.localeCompare(b.reason)),
    }));
  });
}
