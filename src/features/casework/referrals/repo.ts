import type { Tx } from '../../../db/connection.ts';

/** SQL for anvisningar. Callers have authorised the person; every query is bound to organisation and person. */

export interface NewReferral {
  organisationId: string;
  id: string;
  personId: string;
  source: string;
  referralDate: string;
  referringOfficerName: string | null;
  referringOfficerTitle: string | null;
  commissioningUnit: string | null;
  reason: string;
  requestedProgramme: string | null;
  createdBy: string | null;
  at: Date;
}

export async function insertReferral(tx: Tx, r: NewReferral): Promise<void> {
  await tx
    .insertInto('referral')
    .values({
      organisation_id: r.organisationId,
      id: r.id,
      person_id: r.personId,
      source: r.source,
      referral_date: r.referralDate,
      referring_officer_name: r.referringOfficerName,
      referring_officer_title: r.referringOfficerTitle,
      commissioning_unit: r.commissioningUnit,
      reason: r.reason,
      requested_programme: r.requestedProgramme,
      created_by: r.createdBy,
      created_at: r.at,
      updated_at: r.at,
    })
    .execute();
}

const referralColumns = [
  'r.id',
  'r.person_id',
  'r.source',
  'r.referral_date',
  'r.referring_officer_name',
  'r.referring_officer_title',
  'r.commissioning_unit',
  'r.reason',
  'r.requested_programme',
  'r.status',
  'r.decision_reason',
  'r.decision_date',
  'r.decided_at',
  'r.start_date',
  'r.created_at',
] as const;

function referralQuery(tx: Tx, organisationId: string, personId: string) {
  return tx
    .selectFrom('referral as r')
    .leftJoin('app_user as u', (j) =>
      j.onRef('u.organisation_id', '=', 'r.organisation_id').onRef('u.id', '=', 'r.decided_by'),
    )
    .select([...referralColumns, 'u.display_name as decided_by_name'])
    .where('r.organisation_id', '=', organisationId)
    .where('r.person_id', '=', personId);
}

export type ReferralRow = NonNullable<Awaited<ReturnType<typeof findReferral>>>;

export async function findReferral(tx: Tx, organisationId: string, personId: string, id: string) {
  return referralQuery(tx, organisationId, personId).where('r.id', '=', id).executeTakeFirst();
}

/** Locks the referral row for a decision, so two decisions cannot race. */
export async function lockReferral(tx: Tx, organisationId: string, personId: string, id: string) {
  return tx
    .selectFrom('referral')
    .select(['id', 'status', 'referral_date'])
    .where('organisation_id', '=', organisationId)
    .where('person_id', '=', personId)
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}

export async function listReferrals(tx: Tx, organisationId: string, personId: string) {
  return referralQuery(tx, organisationId, personId)
    .orderBy('r.referral_date', 'desc')
    .orderBy('r.created_at', 'desc')
    .execute();
}

export async function listDecisions(tx: Tx, organisationId: string, referralIds: string[]) {
  if (referralIds.length === 0) return [];
  return tx
    .selectFrom('referral_decision as d')
    .leftJoin('app_user as u', (j) =>
      j.onRef('u.organisation_id', '=', 'd.organisation_id').onRef('u.id', '=', 'd.decided_by'),
    )
    .select([
      'd.referral_id',
      'd.seq',
      'd.decision',
      'd.reason',
      'd.decision_date',
      'd.decided_at',
      'u.display_name as decided_by_name',
    ])
    .where('d.organisation_id', '=', organisationId)
    .where('d.referral_id', 'in', referralIds)
    .orderBy('d.referral_id')
    .orderBy('d.seq')
    .execute();
}

export interface DecisionWrite {
  organisationId: string;
  referralId: string;
  decision: 'accept' | 'waitlist' | 'decline';
  status: 'accepted' | 'waitlisted' | 'declined';
  reason: string | null;
  decisionDate: string;
  startDate: string | null;
  decidedBy: string | null;
  at: Date;
}

/** Appends the decision to the history and makes it the referral's current one. Call with the row locked. */
export async function writeDecision(tx: Tx, d: DecisionWrite): Promise<void> {
  const last = await tx
    .selectFrom('referral_decision')
    .select((eb) => eb.fn.max('seq').as('seq'))
    .where('organisation_id', '=', d.organisationId)
    .where('referral_id', '=', d.referralId)
    .executeTakeFirst();
  await tx
    .insertInto('referral_decision')
    .values({
      organisation_id: d.organisationId,
      referral_id: d.referralId,
      seq: Number(last?.seq ?? 0) + 1,
      decision: d.decision,
      reason: d.reason,
      decision_date: d.decisionDate,
      decided_by: d.decidedBy,
      decided_at: d.at,
    })
    .execute();
  await tx
    .updateTable('referral')
    .set({
      status: d.status,
      decision_reason: d.reason,
      decision_date: d.decisionDate,
      decided_by: d.decidedBy,
      decided_at: d.at,
      start_date: d.startDate,
      updated_at: d.at,
    })
    .where('organisation_id', '=', d.organisationId)
    .where('id', '=', d.referralId)
    .execute();
}

export async function setStartDate(
  tx: Tx,
  organisationId: string,
  referralId: string,
  startDate: string,
  at: Date,
): Promise<void> {
  await tx
    .updateTable('referral')
    .set({ start_date: startDate, updated_at: at })
    .where('organisation_id', '=', organisationId)
    .where('id', '=', referralId)
    .execute();
}
