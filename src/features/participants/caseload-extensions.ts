/**
 * Extension point for caseload filters that depend on other areas' tables (issue 3 leaves them out on
 * purpose rather than faking them):
 *
 * - `programme=<id>`: persons with an active enrolment in a programme (programmes area);
 * - `meetingWithinDays=<n>`: persons with an upcoming meeting (case work area).
 *
 * How to add one: the owning feature exports a `CaseloadFilterExtension` (its query parameter, a zod
 * schema for the value, and a function returning an `EXISTS (...)` condition over `person as p` built
 * on its own tables), and it is appended to `caseloadFilterExtensions` below. The caseload query
 * schema (`caseloadQuery` in routes.ts) and `listCaseload` pick the entries up; visibility, protection
 * and paging stay in listCaseload, so an extension can only narrow the list, never widen it.
 */
import type { Expression, ExpressionBuilder, SqlBool } from 'kysely';
import { z } from 'zod';
import type { Actor } from '../../context.ts';
import type { Schema } from '../../db/schema.ts';

export interface CaseloadFilterExtension<T = unknown> {
  /** Query parameter name, e.g. `programme`. */
  param: string;
  schema: z.ZodType<T>;
  /** A condition on `p` (the person row); it may only narrow the result. */
  where: (
    eb: ExpressionBuilder<Schema & { p: Schema['person'] }, 'p'>,
    value: T,
    actor: Actor,
    /** The request's clock time (never the database's), for filters relative to today. */
    now: Date,
  ) => Expression<SqlBool>;
}

const uuidValue = z
  .string()
  .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, { error: 'Ogiltigt id.' });

/** `programme=<id>`: persons enrolled in (or paused in) the programme right now. */
const byProgramme: CaseloadFilterExtension<string> = {
  param: 'programme',
  schema: uuidValue,
  where: (eb, programmeId, actor) =>
    eb.exists(
      eb
        .selectFrom('enrolment as e')
        .select('e.id')
        .whereRef('e.person_id', '=', 'p.id')
        .where('e.organisation_id', '=', actor.organisationId)
        .where('e.programme_id', '=', programmeId)
        .where('e.status', 'in', ['enrolled', 'paused']),
    ),
};

/** `meetingWithinDays=<n>`: persons with a planned meeting from now to n days ahead. */
const byUpcomingMeeting: CaseloadFilterExtension<number> = {
  param: 'meetingWithinDays',
  schema: z.coerce.number().int().min(0).max(365),
  where: (eb, days, actor, now) =>
    eb.exists(
      eb
        .selectFrom('meeting as m')
        .select('m.id')
        .whereRef('m.person_id', '=', 'p.id')
        .where('m.organisation_id', '=', actor.organisationId)
        .where('m.status', '=', 'planerat')
        .where('m.starts_at', '>=', now)
        .where('m.starts_at', '<', new Date(now.getTime() + (days + 1) * 86_400_000)),
    ),
};

// biome-ignore lint/suspicious/noExplicitAny: a heterogeneous list; each entry is typed where it is defined.
export const caseloadFilterExtensions: CaseloadFilterExtension<any>[] = [byProgramme, byUpcomingMeeting];
