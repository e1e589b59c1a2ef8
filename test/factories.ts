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
  /** Months of the last 12 with ekonomiskt bistånd; default null (not recorded). */
  assistanceMonths?: number | null;
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
      assistance_months: o.assistanceMonths ?? null,
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

export interface SummerSeasonRows {
  seasonId: string;
  periodId: string;
  slotId: string;
  runId: string;
}

/** A summer-job season with one period (ending `periodEnds`), one slot at a new workplace and one run. */
export async function insertSummerSeason(
  db: Db,
  organisationId: string,
  o: { year: number; periodEnds?: string },
): Promise<SummerSeasonRows> {
  const now = new Date(`${o.year}-01-15T10:00:00Z`);
  const ids = { seasonId: randomUUID(), periodId: randomUUID(), slotId: randomUUID(), runId: randomUUID() };
  const workplaceId = randomUUID();
  await db
    .insertInto('summer_season')
    .values({
      organisation_id: organisationId,
      id: ids.seasonId,
      name: `Sommar ${o.year} ${ids.seasonId.slice(0, 4)}`,
      year: o.year,
      birth_year_from: 1900,
      birth_year_to: 2020,
      municipality_code: null,
      hours_per_day: 6,
      hourly_pay_sek: 100,
      opens_at: new Date(`${o.year}-02-01T00:00:00Z`),
      closes_at: new Date(`${o.year}-04-01T00:00:00Z`),
      max_choices: 3,
      mechanism: 'optimal',
      priority_first_time: true,
      priority_social: false,
      offer_days: 3,
      created_at: now,
      updated_at: now,
    })
    .execute();
  await db
    .insertInto('summer_period')
    .values({
      organisation_id: organisationId,
      season_id: ids.seasonId,
      id: ids.periodId,
      code: 'P1',
      starts_on: `${o.year}-06-16`,
      ends_on: o.periodEnds ?? `${o.year}-08-15`,
    })
    .execute();
  await db
    .insertInto('workplace')
    .values({
      organisation_id: organisationId,
      id: workplaceId,
      kind: 'kommunal',
      name: `Feriearbetsplats ${workplaceId.slice(0, 4)}`,
      created_at: now,
      updated_at: now,
    })
    .execute();
  await db
    .insertInto('summer_slot')
    .values({
      organisation_id: organisationId,
      season_id: ids.seasonId,
      id: ids.slotId,
      workplace_id: workplaceId,
      period_id: ids.periodId,
      area: 'Park',
      places: 10,
      created_at: now,
    })
    .execute();
  await db
    .insertInto('summer_run')
    .values({
      organisation_id: organisationId,
      season_id: ids.seasonId,
      id: ids.runId,
      mode: 'optimal',
      input: '{}',
      result: '{}',
      report: '{}',
      created_at: now,
    })
    .execute();
  return ids;
}

/**
 * A summer-job application with a ranked choice, a link and a mailed receipt; with `offer`, also an
 * accepted offer with reported hours and its mail. `personnummer` defaults to a fresh synthetic one.
 */
export async function insertSummerApplication(
  db: Db,
  organisationId: string,
  season: SummerSeasonRows,
  o: {
    personnummer?: string;
    firstName?: string;
    birthDate?: string;
    email?: string;
    protectedIdentity?: boolean;
    offer?: boolean;
    at?: string;
  } = {},
): Promise<{ id: string; personnummer: string; reference: string }> {
  const id = randomUUID();
  const birthDate = o.birthDate ?? '2008-03-04';
  let personnummer = o.personnummer;
  if (!personnummer) {
    personnummer = syntheticPersonnummer(rng, { birthDate, sex: 'K' });
    while (used.has(personnummer)) personnummer = syntheticPersonnummer(rng, { birthDate, sex: 'K' });
    used.add(personnummer);
  }
  const reference = `F-${id.slice(0, 8).toUpperCase()}`;
  const email = o.email ?? `${reference.toLowerCase()}@example.se`;
  const at = new Date(o.at ?? '2024-03-01T10:00:00Z');
  await db
    .insertInto('summer_application')
    .values({
      organisation_id: organisationId,
      season_id: season.seasonId,
      id,
      reference,
      personnummer,
      first_name: o.firstName ?? 'Ferie',
      last_name: 'Sökande',
      sex: 'K',
      birth_date: birthDate,
      municipality_code: '0180',
      email,
      protected_identity: o.protectedIdentity ?? false,
      first_time: true,
      available_period_ids: [season.periodId],
      created_at: at,
      updated_at: at,
    })
    .execute();
  await db
    .insertInto('summer_choice')
    .values({ organisation_id: organisationId, application_id: id, rank: 1, slot_id: season.slotId })
    .execute();
  await db
    .insertInto('summer_access_token')
    .values({
      organisation_id: organisationId,
      token_hash: randomUUID(),
      application_id: id,
      purpose: 'application',
      created_at: at,
      expires_at: new Date(at.getTime() + 30 * 86_400_000),
    })
    .execute();
  const mail = (kind: string, subject: string) =>
    db
      .insertInto('outbox')
      .values({
        organisation_id: organisationId,
        id: randomUUID(),
        recipient: email,
        subject,
        body: 'Länk',
        kind,
        created_at: at,
      })
      .execute();
  await mail('ferie-kvitto', `Kvitto på din ansökan om feriearbete (${reference})`);
  if (o.offer) {
    await db
      .insertInto('summer_offer')
      .values({
        organisation_id: organisationId,
        season_id: season.seasonId,
        id: randomUUID(),
        application_id: id,
        slot_id: season.slotId,
        run_id: season.runId,
        status: 'accepterad',
        offered_at: at,
        expires_at: new Date(at.getTime() + 3 * 86_400_000),
        answered_at: at,
        hours: 60,
        hours_reported_at: at,
      })
      .execute();
    await mail('ferie-erbjudande', `Erbjudande om feriearbete (${reference})`);
  }
  return { id, personnummer, reference };
}
