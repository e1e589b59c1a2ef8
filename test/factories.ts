import { randomUUID } from 'node:crypto';
import type { Db } from '../src/db/connection.ts';
import { createSeededRng, syntheticPersonnummer } from '../src/domain/personnummer.ts';

/**
 * Test-only factories for rows that tests need as a starting point. Scenario tests never use these:
 * they go through the public API.
 */

const rng = createSeededRng(20260302);
const used = new Set<string>();

export async function unitIdByName(db: Db, organisationId: string, name: string): Promise<string> {
  const u = await db
    .selectFrom('unit')
    .select('id')
    .where('organisation_id', '=', organisationId)
    .where('name', '=', name)
    .executeTakeFirstOrThrow();
  return u.id;
}

export interface PersonOverrides {
  birthDate?: string;
  sex?: 'K' | 'M';
  firstName?: string;
  lastName?: string;
  incomeSource?: string | null;
  protectionLevel?: 'none' | 'sekretessmarkering' | 'skyddad_folkbokforing';
  caseWorkerUserId?: string | null;
  languages?: string[];
  childrenAtHome?: number;
}

export async function insertPerson(
  db: Db,
  organisationId: string,
  unitId: string,
  o: PersonOverrides = {},
): Promise<string> {
  const id = randomUUID();
  const birthDate = o.birthDate ?? '1985-04-12';
  const sex = o.sex ?? 'K';
  let pnr = syntheticPersonnummer(rng, { birthDate, sex });
  while (used.has(pnr)) pnr = syntheticPersonnummer(rng, { birthDate, sex });
  used.add(pnr);
  const now = new Date('2026-01-01T00:00:00Z');
  let householdId: string | null = null;
  if (o.childrenAtHome !== undefined) {
    householdId = randomUUID();
    await db
      .insertInto('household')
      .values({
        organisation_id: organisationId,
        id: householdId,
        children_at_home: o.childrenAtHome,
        created_at: now,
        updated_at: now,
      })
      .execute();
  }
  await db
    .insertInto('person')
    .values({
      organisation_id: organisationId,
      id,
      personnummer: pnr,
      identity_kind: 'personnummer',
      first_name: o.firstName ?? 'Test',
      last_name: o.lastName ?? `Person ${id.slice(0, 6)}`,
      sex,
      birth_date: birthDate,
      protection_level: o.protectionLevel ?? 'none',
      email: null,
      phone: null,
      address_street: null,
      address_postal_code: null,
      address_city: null,
      municipality_code: null,
      education_level_code: null,
      education_level_version: null,
      akassa_code: null,
      akassa_member_since: null,
      income_source: o.incomeSource === undefined ? 'forsorjningsstod' : o.incomeSource,
      adjustment_needs: null,
      household_id: householdId,
      responsible_unit_id: unitId,
      team_id: null,
      case_worker_user_id: o.caseWorkerUserId ?? null,
      last_contact_at: null,
      last_entry_at: now,
      created_at: now,
      updated_at: now,
    })
    .execute();
  for (const l of o.languages ?? []) {
    await db
      .insertInto('person_language')
      .values({ organisation_id: organisationId, person_id: id, language_code: l })
      .execute();
  }
  return id;
}
