/**
 * Test helpers for the participant registry: demo units and users by name, synthetic identity numbers,
 * and registration through the public API (so tests exercise the same path as the web app).
 */

import type { Role } from '../src/context.ts';
import { createSeededRng, type Rng, syntheticPersonnummer } from '../src/domain/personnummer.ts';
import { createUser } from '../src/features/admin/create-user.ts';
import type { TestApp, TestSession } from './app.ts';

export const DEMO_UNITS = {
  forvaltning: 'Arbetsmarknadsförvaltningen',
  jobbcentrum: 'Jobbcentrum',
  kcNorr: 'Kompetenscenter Norr',
  kcSoder: 'Kompetenscenter Söder',
  vux: 'Vuxenutbildningscentrum',
} as const;

export async function demoOrganisationId(t: TestApp): Promise<string> {
  const org = await t.db
    .selectFrom('organisation')
    .select('id')
    .where('name', '=', 'Exempelby kommun')
    .executeTakeFirstOrThrow();
  return org.id;
}

export async function unitId(t: TestApp, name: string): Promise<string> {
  const u = await t.db.selectFrom('unit').select('id').where('name', '=', name).executeTakeFirstOrThrow();
  return u.id;
}

export async function userId(t: TestApp, username: string): Promise<string> {
  const u = await t.db
    .selectFrom('app_user')
    .select('id')
    .where('username', '=', username)
    .executeTakeFirstOrThrow();
  return u.id;
}

/** Creates a user with the given grants (unit names) and logs in. */
export async function extraUser(
  t: TestApp,
  username: string,
  roles: { role: Role; unit: string }[],
): Promise<{ id: string; session: TestSession }> {
  const organisationId = await demoOrganisationId(t);
  const grants = [];
  for (const r of roles) grants.push({ role: r.role, unitId: await unitId(t, r.unit) });
  const password = `test-${username}-password-2026`;
  const { userId: id } = await createUser(t.systemCtx, {
    organisationId,
    username,
    displayName: username,
    password,
    roles: grants,
  });
  return { id, session: await t.login(username, password) };
}

/** Deterministic, valid numbers (12 digits) for tests; never real-looking in a UI. */
export function numberSource(seed: number) {
  const rng: Rng = createSeededRng(seed);
  const used = new Set<string>();
  return (opts: { birthDate?: string; sex?: 'K' | 'M'; coordination?: boolean } = {}): string => {
    for (;;) {
      const year = 1960 + Math.floor(rng() * 45);
      const month = 1 + Math.floor(rng() * 12);
      const day = 1 + Math.floor(rng() * 28);
      const birthDate =
        opts.birthDate ?? `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
      const n = syntheticPersonnummer(rng, {
        birthDate,
        sex: opts.sex ?? (rng() < 0.5 ? 'K' : 'M'),
        coordination: opts.coordination ?? false,
      });
      if (!used.has(n)) {
        used.add(n);
        return n;
      }
    }
  };
}

export interface RegisterBody {
  personnummer: string;
  firstName: string;
  lastName: string;
  responsibleUnitId: string;
  [key: string]: unknown;
}

export async function register(t: TestApp, session: TestSession, body: RegisterBody): Promise<string> {
  const res = await t.request('POST', '/api/participants', { session, body });
  if (res.status !== 201) throw new Error(`register failed: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { id: string }).id;
}

/** Events about a person, oldest first. */
export async function eventsAbout(t: TestApp, personId: string) {
  return t.db
    .selectFrom('audit_event')
    .selectAll()
    .where('subject_person_id', '=', personId)
    .orderBy('seq')
    .execute();
}

export async function countPersons(t: TestApp): Promise<number> {
  const r = await t.db
    .selectFrom('person')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export const purposeHeader = (purpose: string) => ({ 'x-insats-purpose': encodeURIComponent(purpose) });
