/**
 * TEST-ONLY helpers for the workplace and placement tests: persons, programmes and enrolments are
 * inserted directly with Kysely (the registry's and programmes' use cases are tested in their own
 * features, and their inputs are still changing). Never import this outside tests.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { ProtectionLevel } from '../src/db/schema.ts';
import { createSeededRng, syntheticPersonnummer } from '../src/domain/personnummer.ts';
import type { TestApp, TestSession } from './app.ts';

const rng = createSeededRng(4711);
const used = new Set<string>();

export async function demoOrg(t: TestApp) {
  const org = await t.db
    .selectFrom('organisation')
    .select('id')
    .where('name', '=', 'Exempelby kommun')
    .executeTakeFirstOrThrow();
  const units = await t.db
    .selectFrom('unit')
    .select(['id', 'name'])
    .where('organisation_id', '=', org.id)
    .execute();
  const unit = (name: string) => units.find((u) => u.name === name)!.id;
  return { organisationId: org.id, unit };
}

export async function userIdOf(t: TestApp, username: string) {
  return (
    await t.db.selectFrom('app_user').select('id').where('username', '=', username).executeTakeFirstOrThrow()
  ).id;
}

export interface PersonOptions {
  firstName?: string;
  lastName?: string;
  protectionLevel?: ProtectionLevel;
  phone?: string | null;
  email?: string | null;
  addressStreet?: string | null;
  caseWorker?: string | null;
  unitName?: string;
}

/** A person with a valid synthetic personnummer (so CSV imports can name them). */
export async function insertPerson(t: TestApp, o: PersonOptions = {}) {
  const { organisationId, unit } = await demoOrg(t);
  let personnummer = '';
  do {
    personnummer = syntheticPersonnummer(rng, { birthDate: '1988-04-12', sex: rng() < 0.5 ? 'K' : 'M' });
  } while (used.has(personnummer));
  used.add(personnummer);
  const id = randomUUID();
  const now = t.clock.now();
  await t.db
    .insertInto('person')
    .values({
      organisation_id: organisationId,
      id,
      personnummer,
      identity_kind: 'personnummer',
      first_name: o.firstName ?? 'Test',
      last_name: o.lastName ?? `Deltagare${used.size}`,
      sex: 'X',
      birth_date: '1988-04-12',
      protection_level: o.protectionLevel ?? 'none',
      phone: o.phone ?? null,
      email: o.email ?? null,
      address_street: o.addressStreet ?? null,
      responsible_unit_id: unit(o.unitName ?? 'Jobbcentrum'),
      case_worker_user_id: o.caseWorker ? await userIdOf(t, o.caseWorker) : null,
      last_entry_at: now,
      created_at: now,
      updated_at: now,
    })
    .execute();
  return { id, personnummer };
}

export async function insertProgramme(t: TestApp, kind: 'anstallning' | 'aktivitet' = 'aktivitet') {
  const { organisationId, unit } = await demoOrg(t);
  const id = randomUUID();
  const now = t.clock.now();
  await t.db
    .insertInto('programme')
    .values({
      organisation_id: organisationId,
      id,
      code: `test-${id.slice(0, 8)}`,
      name: kind === 'anstallning' ? 'Traineejobb (test)' : 'Arbetsträning (test)',
      kind,
      unit_id: unit('Jobbcentrum'),
      eligibility: '{}',
      priority_groups: '[]',
      created_at: now,
      updated_at: now,
    })
    .execute();
  return id;
}

export async function insertEnrolment(
  t: TestApp,
  o: {
    personId: string;
    programmeId: string;
    status?: 'enrolled' | 'waitlisted' | 'exited' | 'paused';
    startDate?: string | null;
    exitDate?: string | null;
  },
) {
  const { organisationId, unit } = await demoOrg(t);
  const id = randomUUID();
  const now = t.clock.now();
  await t.db
    .insertInto('enrolment')
    .values({
      organisation_id: organisationId,
      id,
      person_id: o.personId,
      programme_id: o.programmeId,
      unit_id: unit('Jobbcentrum'),
      status: o.status ?? 'enrolled',
      start_date: o.startDate === undefined ? '2026-01-05' : o.startDate,
      exit_date: o.exitDate ?? null,
      exit_reason: o.exitDate ? 'arbete' : null,
      created_at: now,
      updated_at: now,
    })
    .execute();
  return id;
}

/** A person enrolled in a programme, in one call. */
export async function enrolledPerson(
  t: TestApp,
  o: PersonOptions & {
    kind?: 'anstallning' | 'aktivitet';
    startDate?: string;
    exitDate?: string | null;
  } = {},
) {
  const person = await insertPerson(t, o);
  const programmeId = await insertProgramme(t, o.kind ?? 'aktivitet');
  const enrolmentId = await insertEnrolment(t, {
    personId: person.id,
    programmeId,
    ...(o.startDate ? { startDate: o.startDate } : {}),
    ...(o.exitDate ? { exitDate: o.exitDate, status: 'exited' as const } : {}),
  });
  return { ...person, programmeId, enrolmentId };
}

/** Idempotent: the demo already gives the enhetschef both grades. */
export async function grantProtection(t: TestApp, username: string, level: Exclude<ProtectionLevel, 'none'>) {
  const { organisationId } = await demoOrg(t);
  await t.db
    .insertInto('user_protection_permission')
    .values({
      organisation_id: organisationId,
      user_id: await userIdOf(t, username),
      protection_level: level,
      granted_at: t.clock.now(),
    })
    .onConflict((oc) => oc.doNothing())
    .execute();
}

export async function addToAccessList(t: TestApp, personId: string, username: string) {
  const { organisationId } = await demoOrg(t);
  await t.db
    .insertInto('person_access')
    .values({
      organisation_id: organisationId,
      person_id: personId,
      user_id: await userIdOf(t, username),
      granted_at: t.clock.now(),
    })
    .execute();
}

export async function count(
  t: TestApp,
  table: 'placement' | 'workplace' | 'placement_attendance' | 'audit_event' | 'workplace_supervisor',
) {
  const r = await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(table)}`.execute(t.db);
  return r.rows[0]!.n;
}

export async function lastEvent(t: TestApp) {
  return t.db
    .selectFrom('audit_event')
    .selectAll()
    .orderBy('occurred_at', 'desc')
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirstOrThrow();
}

export async function json<T>(res: Response, status: number): Promise<T> {
  const text = await res.text();
  if (res.status !== status) throw new Error(`expected ${status}, got ${res.status}: ${text}`);
  return JSON.parse(text) as T;
}

export async function createWorkplace(t: TestApp, s: TestSession, body: Record<string, unknown>) {
  return json<{
    id: string;
    supervisors: { id: string; name: string }[];
    agreements: { id: string }[];
    slots: { id: string }[];
  }>(await t.request('POST', '/api/workplaces', { session: s, body }), 201);
}
