import { randomUUID } from 'node:crypto';
import type { Ctx } from '../../../context.ts';
import type { Tx } from '../../../db/connection.ts';
import { notFound, ruleViolation } from '../../../http/errors.ts';
import { recordAudit } from '../../audit/record-event.ts';
import { auditFields, type PersonAccess } from '../../participants/access.ts';
import { touchPersonActivity } from '../person-activity.ts';
import { type PersonOpts, withPerson } from '../person-tx.ts';
import { caseworkPolicy } from '../policy.ts';
import { loadPlanView } from './present.ts';
import {
  ensurePlan,
  findActivity,
  findGoal,
  insertActivity,
  insertGoal,
  savePlanHeader as saveHeaderRow,
  touchPlan,
  updateActivity as updateActivityRow,
  updateGoal as updateGoalRow,
} from './repo.ts';
import type { ActivityInput, GoalInput, PlanHeaderInput, PlanView } from './schema.ts';

/**
 * Changes to the handlingsplan. Each runs in one transaction with the person's authorisation, bumps the
 * plan's "updated" stamp and the person's last entry, writes one audit event and returns the whole plan.
 * Goals and activities are never deleted: they end with the status "avbrutet"/"avbruten".
 */
async function editPlan(
  ctx: Ctx,
  personId: string,
  opts: PersonOpts,
  change: (
    tx: Tx,
    access: PersonAccess,
    organisationId: string,
    now: Date,
  ) => Promise<{
    objectType: 'plan' | 'plan_goal' | 'plan_activity';
    objectId: string;
    action: 'create' | 'update';
    details?: Record<string, unknown>;
  }>,
): Promise<PlanView> {
  const now = ctx.clock.now();
  return withPerson(ctx, personId, caseworkPolicy.rules.write, opts, async (tx, access) => {
    const actor = ctx.actor!;
    const event = await change(tx, access, actor.organisationId, now);
    await touchPlan(tx, actor.organisationId, access.person.id, actor.userId, now);
    await touchPersonActivity(tx, actor.organisationId, access.person.id, { entryAt: now });
    await recordAudit(tx, ctx, { ...auditFields(access), ...event });
    return loadPlanView(tx, actor.organisationId, access.person.id);
  });
}

function checkPlanDates(input: PlanHeaderInput): void {
  if (input.agreedOn && input.followUpOn && input.followUpOn < input.agreedOn) {
    const message = 'Datum för uppföljning kan inte vara före datum då planen gjordes.';
    throw ruleViolation(
      'follow_up_before_agreed',
      message,
      'The follow-up date cannot be before the plan date.',
      [{ path: 'body.followUpOn', message }],
    );
  }
}

export function savePlanHeader(ctx: Ctx, personId: string, input: PlanHeaderInput, opts: PersonOpts = {}) {
  checkPlanDates(input);
  return editPlan(ctx, personId, opts, async (tx, access, organisationId, now) => {
    await saveHeaderRow(tx, {
      organisationId,
      personId: access.person.id,
      agreedOn: input.agreedOn,
      followUpOn: input.followUpOn,
      by: ctx.actor!.userId,
      at: now,
    });
    return { action: 'update', objectType: 'plan', objectId: access.person.id };
  });
}

export function addGoal(ctx: Ctx, personId: string, input: GoalInput, opts: PersonOpts = {}) {
  return editPlan(ctx, personId, opts, async (tx, access, organisationId, now) => {
    await ensurePlan(tx, organisationId, access.person.id, ctx.actor!.userId, now);
    const id = randomUUID();
    await insertGoal(tx, {
      ...input,
      organisationId,
      id,
      personId: access.person.id,
      by: ctx.actor!.userId,
      at: now,
    });
    return { action: 'create', objectType: 'plan_goal', objectId: id, details: { status: input.status } };
  });
}

export function updateGoal(
  ctx: Ctx,
  personId: string,
  goalId: string,
  input: GoalInput,
  opts: PersonOpts = {},
) {
  return editPlan(ctx, personId, opts, async (tx, access, organisationId, now) => {
    const goal = await findGoal(tx, organisationId, access.person.id, goalId);
    if (!goal) throw notFound();
    await updateGoalRow(tx, { ...input, organisationId, id: goalId, by: ctx.actor!.userId, at: now });
    return { action: 'update', objectType: 'plan_goal', objectId: goalId, details: { status: input.status } };
  });
}

async function checkGoal(tx: Tx, organisationId: string, personId: string, goalId: string | null) {
  if (goalId && !(await findGoal(tx, organisationId, personId, goalId))) {
    const message = 'Målet finns inte i den här planen.';
    throw ruleViolation('unknown_goal', message, 'The goal is not part of this plan.', [
      { path: 'body.goalId', message },
    ]);
  }
}

export function addActivity(ctx: Ctx, personId: string, input: ActivityInput, opts: PersonOpts = {}) {
  return editPlan(ctx, personId, opts, async (tx, access, organisationId, now) => {
    await ensurePlan(tx, organisationId, access.person.id, ctx.actor!.userId, now);
    await checkGoal(tx, organisationId, access.person.id, input.goalId);
    const id = randomUUID();
    await insertActivity(tx, {
      ...input,
      organisationId,
      id,
      personId: access.person.id,
      by: ctx.actor!.userId,
      at: now,
    });
    return {
      action: 'create',
      objectType: 'plan_activity',
      objectId: id,
      details: { kind: input.kind, status: input.status },
    };
  });
}

export function updateActivity(
  ctx: Ctx,
  personId: string,
  activityId: string,
  input: ActivityInput,
  opts: PersonOpts = {},
) {
  return editPlan(ctx, personId, opts, async (tx, access, organisationId, now) => {
    const activity = await findActivity(tx, organisationId, access.person.id, activityId);
    if (!activity) throw notFound();
    await checkGoal(tx, organisationId, access.person.id, input.goalId);
    await updateActivityRow(tx, { ...input, organisationId, id: activityId, by: ctx.actor!.userId, at: now });
    return {
      action: 'update',
      objectType: 'plan_activity',
      objectId: activityId,
      details: { kind: input.kind, status: input.status },
    };
  });
}
