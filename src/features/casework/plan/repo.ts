import { sql } from 'kysely';
import type { Tx } from '../../../db/connection.ts';

/** SQL for the handlingsplan: header, goals and activities of one person. */

export async function findPlan(tx: Tx, organisationId: string, personId: string) {
  return tx
    .selectFrom('plan as p')
    .leftJoin('app_user as u', (j) =>
      j.onRef('u.organisation_id', '=', 'p.organisation_id').onRef('u.id', '=', 'p.updated_by'),
    )
    .select(['p.agreed_on', 'p.follow_up_on', 'p.updated_at', 'u.display_name as updated_by_name'])
    .where('p.organisation_id', '=', organisationId)
    .where('p.person_id', '=', personId)
    .executeTakeFirst();
}

/** Creates the plan header if the person has none (goals and activities hang on it). */
export async function ensurePlan(
  tx: Tx,
  organisationId: string,
  personId: string,
  by: string | null,
  at: Date,
) {
  await tx
    .insertInto('plan')
    .values({ organisation_id: organisationId, person_id: personId, updated_by: by, updated_at: at })
    .onConflict((oc) => oc.columns(['organisation_id', 'person_id']).doNothing())
    .execute();
}

export async function savePlanHeader(
  tx: Tx,
  h: {
    organisationId: string;
    personId: string;
    agreedOn: string | null;
    followUpOn: string | null;
    by: string | null;
    at: Date;
  },
) {
  await tx
    .insertInto('plan')
    .values({
      organisation_id: h.organisationId,
      person_id: h.personId,
      agreed_on: h.agreedOn,
      follow_up_on: h.followUpOn,
      updated_by: h.by,
      updated_at: h.at,
    })
    .onConflict((oc) =>
      oc.columns(['organisation_id', 'person_id']).doUpdateSet({
        agreed_on: h.agreedOn,
        follow_up_on: h.followUpOn,
        updated_by: h.by,
        updated_at: h.at,
      }),
    )
    .execute();
}

export async function touchPlan(
  tx: Tx,
  organisationId: string,
  personId: string,
  by: string | null,
  at: Date,
) {
  await tx
    .updateTable('plan')
    .set({ updated_by: by, updated_at: at })
    .where('organisation_id', '=', organisationId)
    .where('person_id', '=', personId)
    .execute();
}

export async function listGoals(tx: Tx, organisationId: string, personId: string) {
  return tx
    .selectFrom('plan_goal')
    .select(['id', 'description', 'target_date', 'status', 'created_at', 'updated_at'])
    .where('organisation_id', '=', organisationId)
    .where('person_id', '=', personId)
    .orderBy(sql`target_date IS NULL`)
    .orderBy('target_date')
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

export async function listActivities(tx: Tx, organisationId: string, personId: string) {
  return tx
    .selectFrom('plan_activity')
    .select([
      'id',
      'goal_id',
      'kind',
      'description',
      'owner_role',
      'due_date',
      'status',
      'created_at',
      'updated_at',
    ])
    .where('organisation_id', '=', organisationId)
    .where('person_id', '=', personId)
    .orderBy(sql`due_date IS NULL`)
    .orderBy('due_date')
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

export async function findGoal(tx: Tx, organisationId: string, personId: string, id: string) {
  return tx
    .selectFrom('plan_goal')
    .select(['id', 'description', 'target_date', 'status'])
    .where('organisation_id', '=', organisationId)
    .where('person_id', '=', personId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function findActivity(tx: Tx, organisationId: string, personId: string, id: string) {
  return tx
    .selectFrom('plan_activity')
    .select(['id', 'goal_id', 'kind', 'description', 'owner_role', 'due_date', 'status'])
    .where('organisation_id', '=', organisationId)
    .where('person_id', '=', personId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export interface GoalFields {
  description: string;
  targetDate: string | null;
  status: string;
}

export async function insertGoal(
  tx: Tx,
  g: GoalFields & { organisationId: string; id: string; personId: string; by: string | null; at: Date },
) {
  await tx
    .insertInto('plan_goal')
    .values({
      organisation_id: g.organisationId,
      id: g.id,
      person_id: g.personId,
      description: g.description,
      target_date: g.targetDate,
      status: g.status,
      created_by: g.by,
      created_at: g.at,
      updated_by: g.by,
      updated_at: g.at,
    })
    .execute();
}

export async function updateGoal(
  tx: Tx,
  g: GoalFields & { organisationId: string; id: string; by: string | null; at: Date },
) {
  await tx
    .updateTable('plan_goal')
    .set({
      description: g.description,
      target_date: g.targetDate,
      status: g.status,
      updated_by: g.by,
      updated_at: g.at,
    })
    .where('organisation_id', '=', g.organisationId)
    .where('id', '=', g.id)
    .execute();
}

export interface ActivityFields {
  goalId: string | null;
  kind: string;
  description: string;
  ownerRole: string;
  dueDate: string | null;
  status: string;
}

export async function insertActivity(
  tx: Tx,
  a: ActivityFields & { organisationId: string; id: string; personId: string; by: string | null; at: Date },
) {
  await tx
    .insertInto('plan_activity')
    .values({
      organisation_id: a.organisationId,
      id: a.id,
      person_id: a.personId,
      goal_id: a.goalId,
      kind: a.kind,
      description: a.description,
      owner_role: a.ownerRole,
      due_date: a.dueDate,
      status: a.status,
      created_by: a.by,
      created_at: a.at,
      updated_by: a.by,
      updated_at: a.at,
    })
    .execute();
}

export async function updateActivity(
  tx: Tx,
  a: ActivityFields & { organisationId: string; id: string; by: string | null; at: Date },
) {
  await tx
    .updateTable('plan_activity')
    .set({
      goal_id: a.goalId,
      kind: a.kind,
      description: a.description,
      owner_role: a.ownerRole,
      due_date: a.dueDate,
      status: a.status,
      updated_by: a.by,
      updated_at: a.at,
    })
    .where('organisation_id', '=', a.organisationId)
    .where('id', '=', a.id)
    .execute();
}

/** The name of the person's case worker, for the "questions?" line of the printed plan. */
export async function caseWorkerName(tx: Tx, organisationId: string, userId: string | null) {
  if (!userId) return null;
  const row = await tx
    .selectFrom('app_user')
    .select('display_name')
    .where('organisation_id', '=', organisationId)
    .where('id', '=', userId)
    .executeTakeFirst();
  return row?.display_name ?? null;
}
