import type { Ctx } from '../../context.ts';
import { recordAudit } from '../audit/record-event.ts';
import { dashboardGoals, saveDashboardGoal } from './repo.ts';
import type { DashboardGoalInput } from './schema.ts';

/** Sets (or with target null removes) the goal drawn as a line on a dashboard chart. Audited. */
export async function setDashboardGoal(ctx: Ctx, input: DashboardGoalInput) {
  const actor = ctx.actor!;
  return ctx.db.transaction().execute(async (tx) => {
    const previous = (await dashboardGoals(tx, actor.organisationId)).find((g) => g.metric === input.metric);
    const label = input.label?.trim() ? input.label.trim() : null;
    await saveDashboardGoal(tx, {
      organisationId: actor.organisationId,
      metric: input.metric,
      target: input.target,
      label,
      userId: actor.userId,
      now: ctx.clock.now(),
    });
    await recordAudit(tx, ctx, {
      action: input.target === null ? 'delete' : 'update',
      objectType: 'dashboard_goal',
      objectId: input.metric,
      details: { target: input.target, previousTarget: previous ? Number(previous.target) : null },
    });
    return { metric: input.metric, target: input.target, label };
  });
}
