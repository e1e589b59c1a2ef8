/**
 * Test helpers for the case-work tests: persons are registered through the registry's public route
 * (`POST /api/participants`, see test/participants.ts) by a test registrar who may register in every
 * unit. Two things have no simple public path in a test and are set directly (TEST-ONLY, never import
 * this outside tests): the protection grade of a person, and a user's permission for a grade.
 */
import type { ProtectionLevel } from '../src/db/schema.ts';
import type { TestApp, TestSession } from './app.ts';
import { extraUser, numberSource, register, unitId, userId } from './participants.ts';

export interface TestPersonOptions {
  firstName?: string;
  lastName?: string;
  unitName?: string;
  caseWorkerUsername?: string | null;
  protectionLevel?: ProtectionLevel;
}

const registrars = new WeakMap<TestApp, TestSession>();
const numbers = new WeakMap<TestApp, ReturnType<typeof numberSource>>();
let counter = 0;

async function registrar(t: TestApp): Promise<TestSession> {
  let s = registrars.get(t);
  if (!s) {
    s = (
      await extraUser(t, 'casework-registrar', [{ role: 'enhetschef', unit: 'Arbetsmarknadsförvaltningen' }])
    ).session;
    registrars.set(t, s);
  }
  return s;
}

/** A registered person, by default in Jobbcentrum without a case worker (reachable by its staff). */
export async function insertTestPerson(t: TestApp, o: TestPersonOptions = {}): Promise<string> {
  let next = numbers.get(t);
  if (!next) {
    next = numberSource(3003);
    numbers.set(t, next);
  }
  counter += 1;
  const id = await register(t, await registrar(t), {
    personnummer: next(),
    firstName: o.firstName ?? 'Testa',
    lastName: o.lastName ?? `Person${counter}`,
    responsibleUnitId: await unitId(t, o.unitName ?? 'Jobbcentrum'),
    ...(o.caseWorkerUsername ? { caseWorkerUserId: await userId(t, o.caseWorkerUsername) } : {}),
  });
  if (o.protectionLevel && o.protectionLevel !== 'none') {
    // TEST-ONLY: the grade is set directly; the registry's protection route has its own tests.
    await t.db
      .updateTable('person')
      .set({ protection_level: o.protectionLevel })
      .where('id', '=', id)
      .execute();
  }
  return id;
}

/** Gives a demo user explicit permission for a protection grade (TEST-ONLY, direct insert). */
export async function grantProtectionPermission(
  t: TestApp,
  username: string,
  level: Exclude<ProtectionLevel, 'none'>,
): Promise<void> {
  const user = await t.db
    .selectFrom('app_user')
    .select(['organisation_id', 'id'])
    .where('username', '=', username)
    .executeTakeFirstOrThrow();
  await t.db
    .insertInto('user_protection_permission')
    .values({
      organisation_id: user.organisation_id,
      user_id: user.id,
      protection_level: level,
      granted_at: t.clock.now(),
    })
    .onConflict((oc) => oc.columns(['organisation_id', 'user_id', 'protection_level']).doNothing())
    .execute();
}

/** The audit events about one person written by one user (default: the demo handläggare), oldest first. */
export async function auditEventsAbout(
  t: TestApp,
  personId: string,
  username: string | null = 'handlaggare',
) {
  let q = t.db.selectFrom('audit_event').selectAll().where('subject_person_id', '=', personId);
  if (username) q = q.where('actor_username', '=', username);
  return q.orderBy('seq').execute();
}
