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
import type { z } from 'zod';
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
  ) => Expression<SqlBool>;
}

// biome-ignore lint/suspicious/noExplicitAny: a heterogeneous list; each entry is typed where it is defined.
export const caseloadFilterExtensions: CaseloadFilterExtension<any>[] = [];
