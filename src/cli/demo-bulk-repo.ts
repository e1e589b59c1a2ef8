import { type Insertable, sql } from 'kysely';
import type { Tx } from '../db/connection.ts';
import type { Schema } from '../db/schema.ts';

/**
 * SQL only: bulk writes for the full demo municipality (`insats demo`). The demo history of ~1,500
 * persons is written in a few transactions instead of one use-case call per step; the caller writes
 * one audit event per person-touching row in the same transaction (recordAuditMany) and builds rows
 * that satisfy every table constraint (the database checks them all the same).
 */

type Table = keyof Schema;

/** Multi-row INSERT in chunks that stay well below PostgreSQL's 65,535 bound parameters. */
export async function insertChunked<T extends Table>(
  tx: Tx,
  table: T,
  rows: Insertable<Schema[T]>[],
  chunk = 400,
): Promise<void> {
  for (let i = 0; i < rows.length; i += chunk) {
    await tx
      .insertInto(table)
      .values(rows.slice(i, i + chunk) as never)
      .execute();
  }
}

/** Sets household, partner and status of many persons in one statement. */
export async function updatePersonsHousehold(
  tx: Tx,
  organisationId: string,
  rows: { id: string; household_id: string | null; partner_person_id: string | null; status: string }[],
  now: Date,
): Promise<void> {
  for (let i = 0; i < rows.length; i += 2000) {
    const json = JSON.stringify(rows.slice(i, i + 2000));
    await sql`UPDATE person AS p
      SET household_id = x.household_id, partner_person_id = x.partner_person_id, status = x.status,
        updated_at = ${now}
      FROM jsonb_to_recordset(${json}::jsonb)
        AS x(id uuid, household_id uuid, partner_person_id uuid, status text)
      WHERE p.organisation_id = ${organisationId} AND p.id = x.id`.execute(tx);
  }
}

/** Personnummer of every person in the organisation, sorted (the determinism check and uniqueness). */
export async function personnummerList(tx: Tx, organisationId: string): Promise<string[]> {
  const rows = await tx
    .selectFrom('person')
    .select('personnummer')
    .where('organisation_id', '=', organisationId)
    .orderBy('personnummer')
    .execute();
  return rows.map((r) => r.personnummer);
}

/** Workplaces of the organisation with their supervisors (for demo placements). */
export async function workplacesWithSupervisors(tx: Tx, organisationId: string) {
  const wps = await tx
    .selectFrom('workplace')
    .select(['id', 'sector_label', 'kind'])
    .where('organisation_id', '=', organisationId)
    .orderBy('name')
    .execute();
  const sups = await tx
    .selectFrom('workplace_supervisor')
    .select(['id', 'workplace_id'])
    .where('organisation_id', '=', organisationId)
    .orderBy('id')
    .execute();
  return wps.map((w) => ({
    ...w,
    supervisorIds: sups.filter((s) => s.workplace_id === w.id).map((s) => s.id),
  }));
}

export async function analyzeDemoTables(tx: Tx): Promise<void> {
  await sql`ANALYZE person`.execute(tx);
  await sql`ANALYZE enrolment`.execute(tx);
}
