import type { Tx } from '../../../db/connection.ts';
import { isoDate } from '../dates.ts';
import { findPlan, listActivities, listGoals } from './repo.ts';
import type { ActivityView, GoalView, PlanView } from './schema.ts';

/** The plan of one person as the API shows it (allow-list of fields). */
export async function loadPlanView(tx: Tx, organisationId: string, personId: string): Promise<PlanView> {
  const [plan, goals, activities] = await Promise.all([
    findPlan(tx, organisationId, personId),
    listGoals(tx, organisationId, personId),
    listActivities(tx, organisationId, personId),
  ]);
  return {
    personId,
    agreedOn: isoDate(plan?.agreed_on ?? null),
    followUpOn: isoDate(plan?.follow_up_on ?? null),
    updatedAt: plan ? new Date(plan.updated_at).toISOString() : null,
    updatedByName: plan?.updated_by_name ?? null,
    goals: goals.map(
      (g): GoalView => ({
        id: g.id,
        description: g.description,
        targetDate: isoDate(g.target_date),
        status: g.status as GoalView['status'],
        createdAt: new Date(g.created_at).toISOString(),
        updatedAt: new Date(g.updated_at).toISOString(),
      }),
    ),
    activities: activities.map(
      (a): ActivityView => ({
        id: a.id,
        goalId: a.goal_id,
        kind: a.kind as ActivityView['kind'],
        description: a.description,
        ownerRole: a.owner_role as ActivityView['ownerRole'],
        dueDate: isoDate(a.due_date),
        status: a.status as ActivityView['status'],
        createdAt: new Date(a.created_at).toISOString(),
        updatedAt: new Date(a.updated_at).toISOString(),
      }),
    ),
  };
}
