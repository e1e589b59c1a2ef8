import { randomUUID } from 'node:crypto';
import type { Ctx } from '../../context.ts';
import { AppError, notFound, unauthenticated } from '../../http/errors.ts';
import { recordAudit } from '../audit/record-event.ts';
import { deleteApplications, deletePersons } from './cull.ts';
import { computeDueList, type Decision, dueIds } from './due-list.ts';
import { findExecutionOf, findRun, insertRun } from './repo.ts';

export interface ExecuteResult {
  runId: string;
  dryRunId: string;
  asOf: string;
  total: number;
  counts: Record<string, number>;
  decisions: Decision[];
  /** Rows removed per table (the walk over every table referencing a person or an application). */
  rowsDeleted: Record<string, number>;
}

function mergeCounts(...parts: Record<string, number>[]): Record<string, number> {
  const total: Record<string, number> = {};
  for (const part of parts) for (const [t, n] of Object.entries(part)) total[t] = (total[t] ?? 0) + n;
  return Object.fromEntries(Object.entries(total).sort(([a], [b]) => a.localeCompare(b)));
}

/**
 * Executes a dry run made the same day: re-computes the due list and refuses if it changed, then in
 * ONE transaction removes every row about the due persons, and every due summer-job application
 * with what hangs on it, in every table (foreign-key walk, see cull.ts) and writes ONE audit event that names the decisions and counts, without person ids.
 * Audit events about the culled persons are kept: the log is append-only and its chain still verifies.
 *
 * Export files: Insats streams every export (CSV, XLSX, PDF) in the HTTP response and never stores
 * one on the server, so there is no export folder to clean. Backups (`insats backup`) are outside
 * this run and follow the backup retention.
 */
export async function executeGallring(
  ctx: Ctx,
  dryRunId: string,
  onProgress?: (table: string) => void,
): Promise<ExecuteResult> {
  const actor = ctx.actor;
  if (!actor) throw unauthenticated();
  const runId = randomUUID();
  const now = ctx.clock.now();
  return ctx.db.transaction().execute(async (tx) => {
    const dry = await findRun(tx, actor.organisationId, dryRunId);
    if (!dry) throw notFound();
    if (dry.mode !== 'dry_run') {
      throw new AppError(422, 'gallring_not_dry_run', {
        sv: 'Ange id:t för en provkörning, inte för en verkställd gallring.',
        en: 'Give the id of a dry run, not of an executed run.',
      });
    }
    if (await findExecutionOf(tx, actor.organisationId, dryRunId)) {
      throw new AppError(409, 'gallring_already_executed', {
        sv: 'Provkörningen är redan verkställd.',
        en: 'The dry run has already been executed.',
      });
    }
    const list = await computeDueList(tx, actor.organisationId, now);
    if (dry.as_of !== list.asOf) {
      throw new AppError(422, 'gallring_dry_run_stale', {
        sv: `Provkörningen gjordes ${dry.as_of}. Gör en ny provkörning i dag och verkställ den.`,
        en: `The dry run was made on ${dry.as_of}. Make a new dry run today and execute it.`,
      });
    }
    if (dry.due_list_hash !== list.hash) {
      throw new AppError(409, 'gallring_list_changed', {
        sv: 'Listan över akter att gallra har ändrats sedan provkörningen. Gör en ny provkörning.',
        en: 'The list of records due has changed since the dry run. Make a new dry run.',
      });
    }
    const { personIds, applicationIds } = dueIds(list.due);
    const rowsDeleted = mergeCounts(
      await deletePersons(tx, actor.organisationId, personIds, runId, onProgress),
      await deleteApplications(tx, actor.organisationId, applicationIds, onProgress),
    );
    await insertRun(tx, {
      organisationId: actor.organisationId,
      id: runId,
      mode: 'executed',
      dryRunId,
      asOf: list.asOf,
      runBy: actor.userId,
      runByUsername: actor.username,
      runAt: now,
      total: list.due.length,
      counts: list.counts,
      decisions: list.decisions,
      dueListHash: list.hash,
    });
    await recordAudit(tx, ctx, {
      action: 'delete',
      role: 'administrator',
      objectType: 'gallring_run',
      objectId: runId,
      details: {
        mode: 'executed',
        dryRunId,
        asOf: list.asOf,
        decisions: list.decisions,
        counts: list.counts,
        total: list.due.length,
        rowsDeleted: Object.values(rowsDeleted).reduce((a, b) => a + b, 0),
      },
    });
    return {
      runId,
      dryRunId,
      asOf: list.asOf,
      total: list.due.length,
      counts: list.counts,
      decisions: list.decisions,
      rowsDeleted,
    };
  });
}
