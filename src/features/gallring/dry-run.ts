import { randomUUID } from 'node:crypto';
import type { Ctx } from '../../context.ts';
import { unauthenticated } from '../../http/errors.ts';
import { recordAudit } from '../audit/record-event.ts';
import { computeDueList, type Decision, dueIds } from './due-list.ts';
import { SUMMER_APPLICATION } from './record-types.ts';
import { insertRun } from './repo.ts';

export interface DryRunResult {
  runId: string;
  asOf: string;
  total: number;
  counts: Record<string, number>;
  decisions: Decision[];
  /**
   * Exactly the records due: the person's id, or for a summer-job application the application's id
   * (no names), with record type and dates.
   */
  records: ({ recordType: string; dueDate: string; completeBy: string; overdue: boolean } & (
    | { personId: string }
    | { applicationId: string }
  ))[];
}

/**
 * Lists exactly the records due for culling today. The run itself stores only counts and a hash of
 * the list; because the answer names persons and summer-job applications (by id), writing it is audited
 * with their ids (`personIds`, `applicationIds`), so a later registerutdrag shows the listing.
 */
export async function gallringDryRun(ctx: Ctx): Promise<DryRunResult> {
  const actor = ctx.actor;
  if (!actor) throw unauthenticated();
  const runId = randomUUID();
  const now = ctx.clock.now();
  return ctx.db.transaction().execute(async (tx) => {
    const list = await computeDueList(tx, actor.organisationId, now);
    const { personIds, applicationIds } = dueIds(list.due);
    await insertRun(tx, {
      organisationId: actor.organisationId,
      id: runId,
      mode: 'dry_run',
      dryRunId: null,
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
      action: 'read',
      role: 'administrator',
      objectType: 'gallring_run',
      objectId: runId,
      details: {
        mode: 'dry_run',
        asOf: list.asOf,
        total: list.due.length,
        counts: list.counts,
        personIds,
        ...(applicationIds.length > 0 ? { applicationIds } : {}),
      },
    });
    return {
      runId,
      asOf: list.asOf,
      total: list.due.length,
      counts: list.counts,
      decisions: list.decisions,
      records: list.due.map((d) => ({
        ...(d.recordType === SUMMER_APPLICATION ? { applicationId: d.id } : { personId: d.id }),
        recordType: d.recordType,
        dueDate: d.dueDate,
        completeBy: d.completeBy,
        overdue: d.overdue,
      })),
    };
  });
}
