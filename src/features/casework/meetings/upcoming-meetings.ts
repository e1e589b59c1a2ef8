import type { Expression, ExpressionBuilder, SqlBool } from 'kysely';
import type { Ctx } from '../../../context.ts';
import type { Tx } from '../../../db/connection.ts';
import type { Schema } from '../../../db/schema.ts';
import { loadActorProtection, visiblePersons } from '../../participants/access.ts';
import { caseworkPolicy } from '../policy.ts';

export interface UpcomingMeeting {
  personId: string;
  meetingId: string;
  startsAt: string;
  place: string;
}

/**
 * For the caseload's "upcoming meetings" filter: planned meetings from now until `days` days ahead for
 * the given persons, earliest first. The query itself narrows to persons the actor may see in lists
 * (`visiblePersons` with the case-work read rule), so ids the actor cannot reach simply yield nothing.
 * It writes no audit event: the calling list writes its own read event. Pass `tx` to run inside the
 * caller's transaction.
 */
export async function upcomingMeetingsFor(
  ctx: Ctx,
  personIds: readonly string[],
  days: number,
  tx?: Tx,
): Promise<UpcomingMeeting[]> {
  const actor = ctx.actor;
  if (!actor || personIds.length === 0 || days <= 0) return [];
  const db = tx ?? ctx.db;
  const from = ctx.clock.now();
  const to = new Date(from.getTime() + days * 86_400_000);
  const protection = await loadActorProtection(db, actor);
  const ids = [...new Set(personIds)].filter((id) => /^[0-9a-f-]{36}$/i.test(id));
  if (ids.length === 0) return [];
  const rows = await visiblePersons(
    db.selectFrom('person as p'),
    actor,
    caseworkPolicy.rules.read,
    protection,
  )
    .innerJoin('meeting as m', (j) =>
      j.onRef('m.organisation_id', '=', 'p.organisation_id').onRef('m.person_id', '=', 'p.id'),
    )
    .select(['m.person_id', 'm.id', 'm.starts_at', 'm.place'])
    .where('p.id', 'in', ids)
    .where('m.status', '=', 'planerat')
    .where('m.starts_at', '>=', from)
    .where('m.starts_at', '<', to)
    .orderBy('m.starts_at')
    .execute();
  return rows.map((r) => ({
    personId: r.person_id,
    meetingId: r.id,
    startsAt: new Date(r.starts_at).toISOString(),
    place: r.place,
  }));
}

/**
 * The same rule as a condition on `person as p`, for the registry's caseload filter extension
 * (`meetingWithinDays`, see participants/caseload-extensions.ts): a planned meeting from `now` until
 * `days` days ahead. `now` must come from the request's clock, so the extension needs the clock passed
 * in (its `where` signature has only the actor today).
 */
export function hasUpcomingMeeting(
  eb: ExpressionBuilder<Schema & { p: Schema['person'] }, 'p'>,
  days: number,
  now: Date,
): Expression<SqlBool> {
  const to = new Date(now.getTime() + days * 86_400_000);
  return eb.exists(
    eb
      .selectFrom('meeting as m')
      .select('m.id')
      .whereRef('m.organisation_id', '=', 'p.organisation_id')
      .whereRef('m.person_id', '=', 'p.id')
      .where('m.status', '=', 'planerat')
      .where('m.starts_at', '>=', now)
      .where('m.starts_at', '<', to),
  );
}
