import {
  type Expression,
  type ExpressionBuilder,
  type Insertable,
  type Selectable,
  type SqlBool,
  sql,
  type Updateable,
} from 'kysely';
import type { Actor } from '../../context.ts';
import type { Tx } from '../../db/connection.ts';
import type { PersonTable, ProtectionLevel, Schema } from '../../db/schema.ts';
import type { PolicyRule } from '../../http/policy.ts';
import { type ActorProtection, visiblePersons } from './access.ts';

/** SQL of the participant registry. No rules here: the use cases decide, this file only reads and writes. */

type PersonEb = ExpressionBuilder<Schema & { p: Schema['person'] }, 'p'>;

// ---------------------------------------------------------------------------------------------
// Code lists

export async function currentCodeListVersion(db: Tx, system: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('code_list')
    .select('version')
    .where('system', '=', system)
    .orderBy('loaded_at', 'desc')
    .orderBy('version', 'desc')
    .executeTakeFirst();
  return row?.version;
}

export async function codesOf(db: Tx, system: string, version: string) {
  return db
    .selectFrom('code')
    .select(['code', 'name', 'name_lang', 'parent', 'level', 'concept_id'])
    .where('system', '=', system)
    .where('version', '=', version)
    .orderBy('code')
    .execute();
}

// ---------------------------------------------------------------------------------------------
// Organisation lookups

export async function unitsOf(db: Tx, organisationId: string) {
  return db
    .selectFrom('unit')
    .select(['id', 'parent_id', 'name'])
    .where('organisation_id', '=', organisationId)
    .execute();
}

export async function activeUsersWithRoles(db: Tx, organisationId: string, userIds?: string[]) {
  let q = db
    .selectFrom('app_user as u')
    .innerJoin('user_role as r', (j) =>
      j.onRef('r.organisation_id', '=', 'u.organisation_id').onRef('r.user_id', '=', 'u.id'),
    )
    .select(['u.id', 'u.display_name', 'u.username', 'r.role', 'r.unit_id'])
    .where('u.organisation_id', '=', organisationId)
    .where('u.active', '=', true);
  if (userIds) {
    if (userIds.length === 0) return [];
    q = q.where('u.id', 'in', userIds);
  }
  return q.execute();
}

export async function findUser(db: Tx, organisationId: string, userId: string) {
  return db
    .selectFrom('app_user')
    .select(['id', 'display_name', 'username', 'active'])
    .where('organisation_id', '=', organisationId)
    .where('id', '=', userId)
    .executeTakeFirst();
}

export async function findTeam(db: Tx, organisationId: string, teamId: string) {
  return db
    .selectFrom('team')
    .select(['id', 'unit_id', 'name'])
    .where('organisation_id', '=', organisationId)
    .where('id', '=', teamId)
    .executeTakeFirst();
}

export async function teamsOfUnits(db: Tx, organisationId: string, unitIds: string[]) {
  if (unitIds.length === 0) return [];
  return db
    .selectFrom('team')
    .select(['id', 'unit_id', 'name'])
    .where('organisation_id', '=', organisationId)
    .where('unit_id', 'in', unitIds)
    .execute();
}

// ---------------------------------------------------------------------------------------------
// Persons: identity numbers

/** Persons holding any of the numbers, now or in their identity history. */
export async function personsByNumbers(db: Tx, organisationId: string, numbers: string[]) {
  if (numbers.length === 0) return [];
  const current = await db
    .selectFrom('person')
    .select(['id', 'personnummer', 'protection_level'])
    .where('organisation_id', '=', organisationId)
    .where(sql<boolean>`personnummer = ANY(${numbers}::text[])`)
    .execute();
  const history = await db
    .selectFrom('person_identity_history as h')
    .innerJoin('person as p', (j) =>
      j.onRef('p.organisation_id', '=', 'h.organisation_id').onRef('p.id', '=', 'h.person_id'),
    )
    .select(['p.id', 'h.personnummer', 'p.protection_level'])
    .where('h.organisation_id', '=', organisationId)
    .where(sql<boolean>`h.personnummer = ANY(${numbers}::text[])`)
    .execute();
  return [...current, ...history];
}

/** The ids among `ids` that the actor may see under `rule` (lists, search, duplicate messages). */
export async function visibleIds(
  db: Tx,
  actor: Actor,
  rule: PolicyRule,
  protection: ActorProtection,
  ids: string[],
): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await visiblePersons(db.selectFrom('person as p'), actor, rule, protection)
    .select('p.id')
    .where('p.id', 'in', ids)
    .execute();
  return new Set(rows.map((r) => r.id));
}

// ---------------------------------------------------------------------------------------------
// Persons: writes

export type NewPerson = Insertable<PersonTable>;

export async function insertPersons(db: Tx, rows: NewPerson[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 500) {
    await db
      .insertInto('person')
      .values(rows.slice(i, i + 500))
      .execute();
  }
}

/**
 * Bulk insert for imports: each chunk of rows travels as one JSON parameter and is expanded by
 * `jsonb_to_recordset`, which is several times faster than multi-row VALUES with thousands of bound
 * parameters (notably on PGlite). Columns left out get their defaults.
 */
export async function bulkInsertPersons(db: Tx, rows: NewPerson[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 2500) {
    const json = JSON.stringify(rows.slice(i, i + 2500));
    await sql`INSERT INTO person (organisation_id, id, personnummer, identity_kind, first_name, last_name,
        sort_key, search_name, sex, birth_date, email, phone, address_street, address_postal_code, address_city,
        municipality_code, education_level_code, education_level_version, driving_licences, akassa_code,
        akassa_member_since, akassa_version, income_source, assistance_months, adjustment_needs,
        responsible_unit_id, team_id, case_worker_user_id, last_entry_at, created_at, updated_at)
      SELECT organisation_id, id, personnummer, identity_kind, first_name, last_name,
        sort_key, search_name, sex, birth_date, email, phone, address_street, address_postal_code, address_city,
        municipality_code, education_level_code, education_level_version, coalesce(driving_licences, '{}'),
        akassa_code, akassa_member_since, akassa_version, income_source, assistance_months, adjustment_needs,
        responsible_unit_id, team_id, case_worker_user_id, last_entry_at, created_at, updated_at
      FROM jsonb_to_recordset(${json}::jsonb) AS x(organisation_id uuid, id uuid, personnummer text,
        identity_kind text, first_name text, last_name text, sort_key text, search_name text, sex text,
        birth_date date, email text, phone text, address_street text, address_postal_code text, address_city text,
        municipality_code text, education_level_code text, education_level_version text, driving_licences text[],
        akassa_code text, akassa_member_since date, akassa_version text, income_source text,
        assistance_months smallint, adjustment_needs text,
        responsible_unit_id uuid, team_id uuid, case_worker_user_id uuid, last_entry_at timestamptz,
        created_at timestamptz, updated_at timestamptz)`.execute(db);
  }
}

/**
 * Refreshes the planner statistics of `person` inside the transaction. After a bulk insert the cached
 * plans of the foreign-key checks that point at `person` (languages, occupations) may still assume a
 * tiny table and scan it row by row per check; ANALYZE invalidates them so they use the primary key.
 */
export async function analyzePersons(db: Tx): Promise<void> {
  await sql`ANALYZE person`.execute(db);
}

export async function bulkInsertLanguages(
  db: Tx,
  rows: { organisation_id: string; person_id: string; language_code: string; needs_interpreter: boolean }[],
): Promise<void> {
  for (let i = 0; i < rows.length; i += 10_000) {
    const json = JSON.stringify(rows.slice(i, i + 10_000));
    await sql`INSERT INTO person_language (organisation_id, person_id, language_code, needs_interpreter)
      SELECT organisation_id, person_id, language_code, needs_interpreter
      FROM jsonb_to_recordset(${json}::jsonb)
        AS x(organisation_id uuid, person_id uuid, language_code text, needs_interpreter boolean)`.execute(
      db,
    );
  }
}

export async function bulkInsertOccupations(
  db: Tx,
  rows: {
    organisation_id: string;
    person_id: string;
    kind: string;
    ssyk_code: string;
    ssyk_version: string;
  }[],
): Promise<void> {
  for (let i = 0; i < rows.length; i += 10_000) {
    const json = JSON.stringify(rows.slice(i, i + 10_000));
    await sql`INSERT INTO person_occupation (organisation_id, person_id, kind, ssyk_code, ssyk_version)
      SELECT organisation_id, person_id, kind, ssyk_code, ssyk_version
      FROM jsonb_to_recordset(${json}::jsonb)
        AS x(organisation_id uuid, person_id uuid, kind text, ssyk_code text, ssyk_version text)`.execute(db);
  }
}

export async function insertLanguages(
  db: Tx,
  rows: { organisation_id: string; person_id: string; language_code: string; needs_interpreter: boolean }[],
) {
  for (let i = 0; i < rows.length; i += 2000) {
    await db
      .insertInto('person_language')
      .values(rows.slice(i, i + 2000))
      .execute();
  }
}

export async function insertOccupations(
  db: Tx,
  rows: {
    organisation_id: string;
    person_id: string;
    kind: string;
    ssyk_code: string;
    ssyk_version: string;
  }[],
) {
  for (let i = 0; i < rows.length; i += 2000) {
    await db
      .insertInto('person_occupation')
      .values(rows.slice(i, i + 2000))
      .execute();
  }
}

export async function updatePersonRow(
  db: Tx,
  organisationId: string,
  personId: string,
  patch: Updateable<PersonTable>,
): Promise<void> {
  await db
    .updateTable('person')
    .set(patch)
    .where('organisation_id', '=', organisationId)
    .where('id', '=', personId)
    .execute();
}

/**
 * Updates one person row as an edit of its registry fields: `updated_at` becomes `now`, or one
 * millisecond after its old value if that is not earlier, so every save gives a new value to the
 * millisecond (the precision the API shows). With `expectedUpdatedAt`, only if `updated_at` is
 * still that; the condition is part of the UPDATE, so a concurrent save that commits first is seen
 * once its row lock is released. Returns the new `updated_at`, or null when the condition failed.
 */
export async function updatePersonEdited(
  db: Tx,
  organisationId: string,
  personId: string,
  patch: Omit<Updateable<PersonTable>, 'updated_at'>,
  now: Date,
  expectedUpdatedAt?: Date,
): Promise<Date | null> {
  let q = db
    .updateTable('person')
    .set({
      ...patch,
      updated_at: sql<Date>`greatest(${now}::timestamptz, date_trunc('milliseconds', updated_at) + interval '1 millisecond')`,
    })
    .where('organisation_id', '=', organisationId)
    .where('id', '=', personId);
  if (expectedUpdatedAt) q = q.where(sql`date_trunc('milliseconds', updated_at)`, '=', expectedUpdatedAt);
  const row = await q.returning('updated_at').executeTakeFirst();
  return row ? new Date(row.updated_at) : null;
}

export async function replaceLanguages(
  db: Tx,
  organisationId: string,
  personId: string,
  languages: { code: string; needsInterpreter: boolean }[],
) {
  await db
    .deleteFrom('person_language')
    .where('organisation_id', '=', organisationId)
    .where('person_id', '=', personId)
    .execute();
  await insertLanguages(
    db,
    languages.map((l) => ({
      organisation_id: organisationId,
      person_id: personId,
      language_code: l.code,
      needs_interpreter: l.needsInterpreter,
    })),
  );
}

export async function replaceOccupations(
  db: Tx,
  organisationId: string,
  personId: string,
  rows: { kind: 'intresse' | 'erfarenhet'; code: string; version: string }[],
) {
  await db
    .deleteFrom('person_occupation')
    .where('organisation_id', '=', organisationId)
    .where('person_id', '=', personId)
    .execute();
  await insertOccupations(
    db,
    rows.map((o) => ({
      organisation_id: organisationId,
      person_id: personId,
      kind: o.kind,
      ssyk_code: o.code,
      ssyk_version: o.version,
    })),
  );
}

export async function insertIdentityHistory(
  db: Tx,
  row: {
    organisationId: string;
    personId: string;
    personnummer: string;
    identityKind: string;
    validTo: Date;
  },
) {
  await db
    .insertInto('person_identity_history')
    .values({
      organisation_id: row.organisationId,
      person_id: row.personId,
      personnummer: row.personnummer,
      identity_kind: row.identityKind,
      valid_to: row.validTo,
    })
    .execute();
}

// ---------------------------------------------------------------------------------------------
// Persons: reads for the person page

export async function personDetails(db: Tx, person: Selectable<PersonTable>) {
  const org = person.organisation_id;
  const [languages, occupations, history, unit, team, caseWorker] = await Promise.all([
    db
      .selectFrom('person_language')
      .select(['language_code', 'needs_interpreter'])
      .where('organisation_id', '=', org)
      .where('person_id', '=', person.id)
      .orderBy('language_code')
      .execute(),
    db
      .selectFrom('person_occupation')
      .select(['kind', 'ssyk_code', 'ssyk_version'])
      .where('organisation_id', '=', org)
      .where('person_id', '=', person.id)
      .orderBy('ssyk_code')
      .execute(),
    db
      .selectFrom('person_identity_history')
      .select(['personnummer', 'identity_kind', 'valid_to'])
      .where('organisation_id', '=', org)
      .where('person_id', '=', person.id)
      .orderBy('valid_to')
      .execute(),
    db
      .selectFrom('unit')
      .select(['id', 'name'])
      .where('organisation_id', '=', org)
      .where('id', '=', person.responsible_unit_id)
      .executeTakeFirstOrThrow(),
    person.team_id ? findTeam(db, org, person.team_id) : Promise.resolve(undefined),
    person.case_worker_user_id ? findUser(db, org, person.case_worker_user_id) : Promise.resolve(undefined),
  ]);
  return { languages, occupations, history, unit, team, caseWorker };
}

export async function codeNames(db: Tx, refs: { system: string; version: string; codes: string[] }[]) {
  const wanted = refs.filter((r) => r.codes.length > 0);
  if (wanted.length === 0) return new Map<string, { name: string; nameLang: string }>();
  const rows = await db
    .selectFrom('code')
    .select(['system', 'version', 'code', 'name', 'name_lang'])
    .where((eb) =>
      eb.or(
        wanted.map((r) =>
          eb.and([eb('system', '=', r.system), eb('version', '=', r.version), eb('code', 'in', r.codes)]),
        ),
      ),
    )
    .execute();
  return new Map(
    rows.map((r) => [`${r.system}@${r.version}:${r.code}`, { name: r.name, nameLang: r.name_lang }]),
  );
}

// ---------------------------------------------------------------------------------------------
// Caseload

export interface CaseloadFilter {
  scope: 'mine' | 'team' | 'unit';
  unitId?: string;
  status?: string;
  lastContactBefore?: Date;
  /** Exact identity numbers (12 digits) to match, current or historic. */
  numbers?: string[];
  /** Folded name tokens; each must start a word of the folded name. */
  nameTokens?: string[];
  /** Conditions from caseload filter extensions (caseload-extensions.ts); each may only narrow. */
  extra?: ((eb: PersonEb) => Expression<SqlBool>)[];
  sort: 'name' | '-name' | 'lastContact' | '-lastContact';
  limit: number;
  offset: number;
}

function caseloadBase(
  db: Tx,
  actor: Actor,
  rule: PolicyRule,
  protection: ActorProtection,
  f: CaseloadFilter,
) {
  let q = visiblePersons(db.selectFrom('person as p'), actor, rule, protection);
  if (f.scope === 'mine') q = q.where('p.case_worker_user_id', '=', actor.userId);
  if (f.scope === 'team') {
    const teams = [...protection.teamIds];
    q = teams.length > 0 ? q.where('p.team_id', 'in', teams) : q.where(sql<boolean>`false`);
  }
  if (f.unitId) q = q.where('p.responsible_unit_id', '=', f.unitId);
  if (f.status) q = q.where('p.status', '=', f.status);
  if (f.lastContactBefore) {
    const before = f.lastContactBefore;
    q = q.where((eb: PersonEb) =>
      eb.or([eb('p.last_contact_at', 'is', null), eb('p.last_contact_at', '<', before)]),
    );
  }
  if (f.numbers) {
    const numbers = f.numbers;
    q = q.where((eb: PersonEb) =>
      eb.or([
        eb('p.personnummer', 'in', numbers),
        eb.exists(
          eb
            .selectFrom('person_identity_history as h')
            .select('h.person_id')
            .whereRef('h.organisation_id', '=', 'p.organisation_id')
            .whereRef('h.person_id', '=', 'p.id')
            .where('h.personnummer', 'in', numbers),
        ),
      ]),
    );
  }
  for (const condition of f.extra ?? []) q = q.where((eb: PersonEb) => condition(eb));
  for (const token of f.nameTokens ?? []) {
    // Tokens are folded to letters and digits only (normalizeForSearch), so no LIKE escaping is needed.
    q = q.where(sql<boolean>`(' ' || p.search_name) LIKE ${`% ${token}%`}`);
  }
  return q;
}

export async function caseloadPage(
  db: Tx,
  actor: Actor,
  rule: PolicyRule,
  protection: ActorProtection,
  f: CaseloadFilter,
) {
  const countRow = await caseloadBase(db, actor, rule, protection, f)
    .select(sql<number>`count(*)::int`.as('n'))
    .executeTakeFirstOrThrow();
  let q = caseloadBase(db, actor, rule, protection, f)
    .innerJoin('unit as u', (j) =>
      j.onRef('u.organisation_id', '=', 'p.organisation_id').onRef('u.id', '=', 'p.responsible_unit_id'),
    )
    .leftJoin('app_user as cw', (j) =>
      j.onRef('cw.organisation_id', '=', 'p.organisation_id').onRef('cw.id', '=', 'p.case_worker_user_id'),
    )
    .select([
      'p.id',
      'p.first_name',
      'p.last_name',
      'p.personnummer',
      'p.birth_date',
      'p.status',
      'p.last_contact_at',
      'p.protection_level',
      'p.responsible_unit_id',
      'u.name as unit_name',
      'p.case_worker_user_id',
      'cw.display_name as case_worker_name',
    ]);
  switch (f.sort) {
    case 'name':
      q = q.orderBy('p.sort_key', 'asc').orderBy('p.id', 'asc');
      break;
    case '-name':
      q = q.orderBy('p.sort_key', 'desc').orderBy('p.id', 'desc');
      break;
    case 'lastContact':
      q = q
        .orderBy(sql`p.last_contact_at ASC NULLS FIRST`)
        .orderBy('p.sort_key', 'asc')
        .orderBy('p.id', 'asc');
      break;
    case '-lastContact':
      q = q
        .orderBy(sql`p.last_contact_at DESC NULLS LAST`)
        .orderBy('p.sort_key', 'asc')
        .orderBy('p.id', 'asc');
      break;
  }
  const rows = await q.limit(f.limit).offset(f.offset).execute();
  return { total: countRow.n, rows };
}

// ---------------------------------------------------------------------------------------------
// Households

export async function householdOf(db: Tx, organisationId: string, householdId: string) {
  const household = await db
    .selectFrom('household')
    .select(['id', 'children_at_home', 'updated_at'])
    .where('organisation_id', '=', organisationId)
    .where('id', '=', householdId)
    .executeTakeFirst();
  if (!household) return undefined;
  const [children, members] = await Promise.all([
    db
      .selectFrom('household_child')
      .select(['id', 'birth_year_month'])
      .where('organisation_id', '=', organisationId)
      .where('household_id', '=', householdId)
      .orderBy('birth_year_month')
      .orderBy('id')
      .execute(),
    db
      .selectFrom('person')
      .select(['id', 'partner_person_id'])
      .where('organisation_id', '=', organisationId)
      .where('household_id', '=', householdId)
      .execute(),
  ]);
  return { household, children, members };
}

/** Members of a household the actor may see, with names, in Swedish order. */
export async function visibleHouseholdMembers(
  db: Tx,
  actor: Actor,
  rule: PolicyRule,
  protection: ActorProtection,
  householdId: string,
) {
  return visiblePersons(db.selectFrom('person as p'), actor, rule, protection)
    .select(['p.id', 'p.first_name', 'p.last_name', 'p.partner_person_id'])
    .where('p.household_id', '=', householdId)
    .orderBy('p.sort_key')
    .orderBy('p.id')
    .execute();
}

export async function protectionLevelOf(db: Tx, organisationId: string, personId: string): Promise<string> {
  const r = await db
    .selectFrom('person')
    .select('protection_level')
    .where('organisation_id', '=', organisationId)
    .where('id', '=', personId)
    .executeTakeFirst();
  return r?.protection_level ?? 'none';
}

export async function insertHousehold(
  db: Tx,
  organisationId: string,
  id: string,
  now: Date,
  children: number,
) {
  await db
    .insertInto('household')
    .values({
      organisation_id: organisationId,
      id,
      children_at_home: children,
      created_at: now,
      updated_at: now,
    })
    .execute();
}

export async function setHouseholdChildren(
  db: Tx,
  organisationId: string,
  householdId: string,
  now: Date,
  count: number,
  children: { id: string; birthYearMonth: string }[],
) {
  await db
    .deleteFrom('household_child')
    .where('organisation_id', '=', organisationId)
    .where('household_id', '=', householdId)
    .execute();
  if (children.length > 0) {
    await db
      .insertInto('household_child')
      .values(
        children.map((c) => ({
          organisation_id: organisationId,
          household_id: householdId,
          id: c.id,
          birth_year_month: c.birthYearMonth,
        })),
      )
      .execute();
  }
  await db
    .updateTable('household')
    .set({ children_at_home: count, updated_at: now })
    .where('organisation_id', '=', organisationId)
    .where('id', '=', householdId)
    .execute();
}

export async function countHouseholdMembers(db: Tx, organisationId: string, householdId: string) {
  const r = await db
    .selectFrom('person')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('organisation_id', '=', organisationId)
    .where('household_id', '=', householdId)
    .executeTakeFirstOrThrow();
  return r.n;
}

export async function deleteHousehold(db: Tx, organisationId: string, householdId: string) {
  await db
    .deleteFrom('household_child')
    .where('organisation_id', '=', organisationId)
    .where('household_id', '=', householdId)
    .execute();
  await db
    .deleteFrom('household')
    .where('organisation_id', '=', organisationId)
    .where('id', '=', householdId)
    .execute();
}

// ---------------------------------------------------------------------------------------------
// Protection

export async function insertProtectionChange(
  db: Tx,
  row: {
    organisationId: string;
    id: string;
    personId: string;
    from: ProtectionLevel;
    to: ProtectionLevel;
    source: string;
    decidedOn: string | null;
    recordedBy: string;
    recordedAt: Date;
  },
) {
  await db
    .insertInto('protection_change')
    .values({
      organisation_id: row.organisationId,
      id: row.id,
      person_id: row.personId,
      from_level: row.from,
      to_level: row.to,
      source: row.source,
      decided_on: row.decidedOn,
      recorded_by: row.recordedBy,
      recorded_at: row.recordedAt,
    })
    .execute();
}

export async function protectionChanges(db: Tx, organisationId: string, personId: string) {
  return db
    .selectFrom('protection_change as c')
    .leftJoin('app_user as u', (j) =>
      j.onRef('u.organisation_id', '=', 'c.organisation_id').onRef('u.id', '=', 'c.recorded_by'),
    )
    .select(['c.from_level', 'c.to_level', 'c.source', 'c.decided_on', 'c.recorded_at', 'u.display_name'])
    .where('c.organisation_id', '=', organisationId)
    .where('c.person_id', '=', personId)
    .orderBy('c.recorded_at')
    .execute();
}

export async function accessList(db: Tx, organisationId: string, personId: string) {
  return db
    .selectFrom('person_access as a')
    .innerJoin('app_user as u', (j) =>
      j.onRef('u.organisation_id', '=', 'a.organisation_id').onRef('u.id', '=', 'a.user_id'),
    )
    .select(['a.user_id', 'u.display_name', 'u.username', 'a.granted_at'])
    .where('a.organisation_id', '=', organisationId)
    .where('a.person_id', '=', personId)
    .execute();
}

export async function addToAccessList(
  db: Tx,
  row: { organisationId: string; personId: string; userId: string; grantedBy: string; grantedAt: Date },
) {
  await db
    .insertInto('person_access')
    .values({
      organisation_id: row.organisationId,
      person_id: row.personId,
      user_id: row.userId,
      granted_by: row.grantedBy,
      granted_at: row.grantedAt,
    })
    .onConflict((oc) => oc.columns(['organisation_id', 'person_id', 'user_id']).doNothing())
    .execute();
}

export async function removeFromAccessList(db: Tx, organisationId: string, personId: string, userId: string) {
  const r = await db
    .deleteFrom('person_access')
    .where('organisation_id', '=', organisationId)
    .where('person_id', '=', personId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return Number(r.numDeletedRows);
}

export async function protectionPermissions(db: Tx, organisationId: string) {
  return db
    .selectFrom('user_protection_permission as p')
    .innerJoin('app_user as u', (j) =>
      j.onRef('u.organisation_id', '=', 'p.organisation_id').onRef('u.id', '=', 'p.user_id'),
    )
    .leftJoin('app_user as g', (j) =>
      j.onRef('g.organisation_id', '=', 'p.organisation_id').onRef('g.id', '=', 'p.granted_by'),
    )
    .select([
      'p.user_id',
      'u.display_name',
      'u.username',
      'p.protection_level',
      'p.granted_at',
      'g.display_name as granted_by_name',
    ])
    .where('p.organisation_id', '=', organisationId)
    .execute();
}

export async function permissionLevelsOf(db: Tx, organisationId: string, userIds: string[]) {
  if (userIds.length === 0) return [];
  return db
    .selectFrom('user_protection_permission')
    .select(['user_id', 'protection_level'])
    .where('organisation_id', '=', organisationId)
    .where('user_id', 'in', userIds)
    .execute();
}

export async function insertProtectionPermission(
  db: Tx,
  row: { organisationId: string; userId: string; level: string; grantedBy: string; grantedAt: Date },
) {
  const r = await db
    .insertInto('user_protection_permission')
    .values({
      organisation_id: row.organisationId,
      user_id: row.userId,
      protection_level: row.level,
      granted_by: row.grantedBy,
      granted_at: row.grantedAt,
    })
    .onConflict((oc) => oc.columns(['organisation_id', 'user_id', 'protection_level']).doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0);
}

export async function deleteProtectionPermission(
  db: Tx,
  organisationId: string,
  userId: string,
  level: string,
) {
  const r = await db
    .deleteFrom('user_protection_permission')
    .where('organisation_id', '=', organisationId)
    .where('user_id', '=', userId)
    .where('protection_level', '=', level)
    .executeTakeFirst();
  return Number(r.numDeletedRows);
}
