import type { Insertable, Updateable } from 'kysely';
import type { Tx } from '../../db/connection.ts';
import type {
  WorkplaceAgreementTable,
  WorkplaceComplianceCheckTable,
  WorkplaceOccupationTable,
  WorkplaceSlotTable,
  WorkplaceSupervisorTable,
  WorkplaceTable,
} from '../../db/schema.ts';

/** SQL for the workplace register. Every query is scoped by organisation_id. */

export async function insertWorkplace(tx: Tx, row: Insertable<WorkplaceTable>) {
  await tx.insertInto('workplace').values(row).execute();
}

export async function updateWorkplaceRow(
  tx: Tx,
  organisationId: string,
  id: string,
  set: Updateable<WorkplaceTable>,
) {
  await tx
    .updateTable('workplace')
    .set(set)
    .where('organisation_id', '=', organisationId)
    .where('id', '=', id)
    .execute();
}

export async function findWorkplace(tx: Tx, organisationId: string, id: string, lock = false) {
  let q = tx
    .selectFrom('workplace')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .where('id', '=', id);
  if (lock) q = q.forUpdate();
  return q.executeTakeFirst();
}

export async function listWorkplaceRows(tx: Tx, organisationId: string) {
  return tx.selectFrom('workplace').selectAll().where('organisation_id', '=', organisationId).execute();
}

export async function replaceOccupations(
  tx: Tx,
  organisationId: string,
  workplaceId: string,
  codes: { code: string; version: string }[],
) {
  await tx
    .deleteFrom('workplace_occupation')
    .where('organisation_id', '=', organisationId)
    .where('workplace_id', '=', workplaceId)
    .execute();
  if (codes.length === 0) return;
  await tx
    .insertInto('workplace_occupation')
    .values(
      codes.map((c) => ({
        organisation_id: organisationId,
        workplace_id: workplaceId,
        ssyk_code: c.code,
        ssyk_version: c.version,
      })),
    )
    .execute();
}

export async function occupationsOf(tx: Tx, organisationId: string, workplaceId: string) {
  return tx
    .selectFrom('workplace_occupation as o')
    .leftJoin('code as c', (j) =>
      j
        .on('c.system', '=', 'SSYK2012')
        .onRef('c.version', '=', 'o.ssyk_version')
        .onRef('c.code', '=', 'o.ssyk_code'),
    )
    .select(['o.ssyk_code', 'o.ssyk_version', 'c.name'])
    .where('o.organisation_id', '=', organisationId)
    .where('o.workplace_id', '=', workplaceId)
    .orderBy('o.ssyk_code')
    .execute();
}

/** The newest loaded version of a code list. */
export async function latestCodeListVersion(tx: Tx, system: string): Promise<string | undefined> {
  const rows = await tx.selectFrom('code_list').select('version').where('system', '=', system).execute();
  return rows
    .map((r) => r.version)
    .sort()
    .at(-1);
}

export async function existingCodes(tx: Tx, system: string, version: string, codes: string[]) {
  if (codes.length === 0) return new Map<string, string>();
  const rows = await tx
    .selectFrom('code')
    .select(['code', 'name'])
    .where('system', '=', system)
    .where('version', '=', version)
    .where('code', 'in', codes)
    .execute();
  return new Map(rows.map((r) => [r.code, r.name]));
}

export async function codesOfList(tx: Tx, system: string, version: string) {
  return tx
    .selectFrom('code')
    .select(['code', 'name', 'name_lang', 'parent', 'level', 'concept_id'])
    .where('system', '=', system)
    .where('version', '=', version)
    .orderBy('code')
    .execute();
}

// ---------------------------------------------------------------------------------------------
// Supervisors

export async function insertSupervisors(tx: Tx, rows: Insertable<WorkplaceSupervisorTable>[]) {
  if (rows.length > 0) await tx.insertInto('workplace_supervisor').values(rows).execute();
}

export async function updateSupervisorRow(
  tx: Tx,
  organisationId: string,
  workplaceId: string,
  id: string,
  set: Updateable<WorkplaceSupervisorTable>,
) {
  const r = await tx
    .updateTable('workplace_supervisor')
    .set(set)
    .where('organisation_id', '=', organisationId)
    .where('workplace_id', '=', workplaceId)
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

export async function deleteSupervisorRow(tx: Tx, organisationId: string, workplaceId: string, id: string) {
  const r = await tx
    .deleteFrom('workplace_supervisor')
    .where('organisation_id', '=', organisationId)
    .where('workplace_id', '=', workplaceId)
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(r.numDeletedRows);
}

export async function supervisorsOf(tx: Tx, organisationId: string, workplaceId: string) {
  return tx
    .selectFrom('workplace_supervisor')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .where('workplace_id', '=', workplaceId)
    .execute();
}

// ---------------------------------------------------------------------------------------------
// Agreements

export async function insertAgreements(tx: Tx, rows: Insertable<WorkplaceAgreementTable>[]) {
  if (rows.length > 0) await tx.insertInto('workplace_agreement').values(rows).execute();
}

export async function updateAgreementRow(
  tx: Tx,
  organisationId: string,
  workplaceId: string,
  id: string,
  set: Updateable<WorkplaceAgreementTable>,
) {
  const r = await tx
    .updateTable('workplace_agreement')
    .set(set)
    .where('organisation_id', '=', organisationId)
    .where('workplace_id', '=', workplaceId)
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

export async function deleteAgreementRow(tx: Tx, organisationId: string, workplaceId: string, id: string) {
  const r = await tx
    .deleteFrom('workplace_agreement')
    .where('organisation_id', '=', organisationId)
    .where('workplace_id', '=', workplaceId)
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(r.numDeletedRows);
}

export async function agreementsOf(tx: Tx, organisationId: string, workplaceId: string) {
  return tx
    .selectFrom('workplace_agreement')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .where('workplace_id', '=', workplaceId)
    .orderBy('valid_from')
    .execute();
}

// ---------------------------------------------------------------------------------------------
// Compliance checks

export async function insertComplianceCheck(tx: Tx, row: Insertable<WorkplaceComplianceCheckTable>) {
  await tx.insertInto('workplace_compliance_check').values(row).execute();
}

export async function complianceChecksOf(tx: Tx, organisationId: string, workplaceId: string) {
  return tx
    .selectFrom('workplace_compliance_check')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .where('workplace_id', '=', workplaceId)
    .orderBy('checked_on', 'desc')
    .orderBy('recorded_at', 'desc')
    .execute();
}

// ---------------------------------------------------------------------------------------------
// Slots

export async function insertSlots(tx: Tx, rows: Insertable<WorkplaceSlotTable>[]) {
  if (rows.length > 0) await tx.insertInto('workplace_slot').values(rows).execute();
}

export async function updateSlotRow(
  tx: Tx,
  organisationId: string,
  workplaceId: string,
  id: string,
  set: Updateable<WorkplaceSlotTable>,
) {
  const r = await tx
    .updateTable('workplace_slot')
    .set(set)
    .where('organisation_id', '=', organisationId)
    .where('workplace_id', '=', workplaceId)
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

export async function deleteSlotRow(tx: Tx, organisationId: string, workplaceId: string, id: string) {
  const r = await tx
    .deleteFrom('workplace_slot')
    .where('organisation_id', '=', organisationId)
    .where('workplace_id', '=', workplaceId)
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(r.numDeletedRows);
}

export async function slotsOf(tx: Tx, organisationId: string, workplaceId: string) {
  return tx
    .selectFrom('workplace_slot as s')
    .leftJoin('code as c', (j) =>
      j
        .on('c.system', '=', 'SSYK2012')
        .onRef('c.version', '=', 's.ssyk_version')
        .onRef('c.code', '=', 's.ssyk_code'),
    )
    .selectAll('s')
    .select('c.name as ssyk_name')
    .where('s.organisation_id', '=', organisationId)
    .where('s.workplace_id', '=', workplaceId)
    .orderBy('s.period_from')
    .execute();
}

// ---------------------------------------------------------------------------------------------
// List aggregates

export async function supervisorCounts(tx: Tx, organisationId: string) {
  return tx
    .selectFrom('workplace_supervisor')
    .select(['workplace_id'])
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('organisation_id', '=', organisationId)
    .where('active', '=', true)
    .groupBy('workplace_id')
    .execute();
}

export async function agreementPeriods(tx: Tx, organisationId: string) {
  return tx
    .selectFrom('workplace_agreement')
    .select(['workplace_id', 'valid_from', 'valid_to'])
    .where('organisation_id', '=', organisationId)
    .execute();
}

export async function lastChecks(tx: Tx, organisationId: string) {
  return tx
    .selectFrom('workplace_compliance_check')
    .select(['workplace_id'])
    .select((eb) => eb.fn.max('checked_on').as('last'))
    .where('organisation_id', '=', organisationId)
    .groupBy('workplace_id')
    .execute();
}

/**
 * Periods of live placements at a workplace. Read here (not through the placements feature) because
 * agreement changes must not leave a placement outside every agreement; it reads only dates.
 */
export async function livePlacementPeriods(tx: Tx, organisationId: string, workplaceId: string) {
  return tx
    .selectFrom('placement')
    .select(['id', 'start_date', 'end_date'])
    .where('organisation_id', '=', organisationId)
    .where('workplace_id', '=', workplaceId)
    .where('status', '=', 'aktiv')
    .execute();
}

/** Whether any placement names this supervisor or slot (they are then kept, not deleted). */
export async function partUsedByPlacement(
  tx: Tx,
  organisationId: string,
  part: 'supervisor_id' | 'slot_id',
  id: string,
): Promise<boolean> {
  const row = await tx
    .selectFrom('placement')
    .select('id')
    .where('organisation_id', '=', organisationId)
    .where(part, '=', id)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

export async function workplaceNamesByIds(tx: Tx, organisationId: string, ids: string[]) {
  if (ids.length === 0) return [];
  return tx
    .selectFrom('workplace')
    .select(['id', 'name'])
    .where('organisation_id', '=', organisationId)
    .where('id', 'in', ids)
    .execute();
}

/** Inserts new workplaces with their parts, one multi-row statement per table. */
export async function insertWorkplaceRows(
  tx: Tx,
  rows: {
    workplaces: Insertable<WorkplaceTable>[];
    occupations: Insertable<WorkplaceOccupationTable>[];
    supervisors: Insertable<WorkplaceSupervisorTable>[];
    agreements: Insertable<WorkplaceAgreementTable>[];
    slots: Insertable<WorkplaceSlotTable>[];
    checks: Insertable<WorkplaceComplianceCheckTable>[];
  },
) {
  if (rows.workplaces.length > 0) await tx.insertInto('workplace').values(rows.workplaces).execute();
  if (rows.occupations.length > 0)
    await tx.insertInto('workplace_occupation').values(rows.occupations).execute();
  await insertSupervisors(tx, rows.supervisors);
  await insertAgreements(tx, rows.agreements);
  await insertSlots(tx, rows.slots);
  if (rows.checks.length > 0) await tx.insertInto('workplace_compliance_check').values(rows.checks).execute();
}
