import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createTestApp, type TestApp, type TestSession } from '../../test/app.ts';
import { demoPassword } from '../cli/demo.ts';
import { ROLES, type Role } from '../context.ts';
import { createUser } from '../features/admin/create-user.ts';
import type { AnyRoute } from './registry.ts';
import { allRoutes } from './routes.ts';

/**
 * Generated access test (issue 9.1): every route × method × foreign actor, derived from the route
 * registry, so a new route is covered the day it is added.
 *
 * Actors: anonymous, an expired session, a demo user whose role the route's rule does not name (wrong
 * role), a user with every role in another municipality, and a case-work user in another unit of the
 * same municipality. Every route with path parameters is called with the id of every kind of object
 * the demo municipality owns (one id per tenant table), with a body generated from the route's own
 * schema so that most writes get past validation and reach the object check.
 *
 * Expected: 401 (anonymous, expired), 403 (wrong role), 403/404 for reads and 400/403/404/422 for
 * writes (foreign actors); no foreign data (personnummer, names, ids of the victims) in any body; the
 * victim municipality's rows unchanged (fingerprint of every tenant table before and after).
 */

let t: TestApp;
let orgA: string;
let victimUnit: string;
const demo: Partial<Record<Role, TestSession>> = {};
let foreignOrg: TestSession;
let otherUnit: TestSession;
let expired: TestSession;

/** One id per tenant table of the victim municipality: `table -> id`. */
const idPool = new Map<string, string>();
/** Strings that must never reach a foreign actor. */
let orgCanaries: string[] = [];
/** Personnummer and names only: what no list may show, whatever the actor typed itself. */
let orgSecrets: string[] = [];
let unitCanaries: string[] = [];

const SAMPLE_DATE = '2026-03-02';

const CASEWORK_ROLES: Role[] = ['handlaggare', 'jobbmaklare', 'studie_yrkesvagledare', 'enhetschef'];

async function tenantTables(): Promise<{ table: string; hasId: boolean }[]> {
  const rows = await sql<{ table_name: string; has_id: boolean }>`
    SELECT c.table_name,
           bool_or(c2.column_name IS NOT NULL) AS has_id
      FROM information_schema.columns c
      LEFT JOIN information_schema.columns c2
        ON c2.table_schema = c.table_schema AND c2.table_name = c.table_name
       AND c2.column_name = 'id' AND c2.data_type = 'uuid'
     WHERE c.table_schema = 'public' AND c.column_name = 'organisation_id'
     GROUP BY c.table_name
     ORDER BY c.table_name`.execute(t.db);
  return rows.rows.map((r) => ({ table: r.table_name, hasId: r.has_id }));
}

/**
 * Tables that legitimately change when a foreign actor is refused (audit trail, sessions), and the
 * derived outcome table, its rollup, its marks and its facts view (outcome_fact), which an allowed
 * report read brings up to date from the enrolments.
 */
const CHANGING = new Set([
  'audit_event',
  'audit_chain_head',
  'session',
  'login_attempt',
  'oidc_login',
  'enrolment_outcome',
  'outcome_rollup',
  'outcome_dirty',
  'outcome_fact',
]);

async function fingerprint(): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const { table } of await tenantTables()) {
    if (CHANGING.has(table)) continue;
    const r = await sql<{ n: string; h: string | null }>`
      SELECT count(*)::text AS n, md5(string_agg(x::text, '|' ORDER BY x::text)) AS h
        FROM ${sql.table(table)} x WHERE x.organisation_id = ${orgA}`.execute(t.db);
    out[table] = `${r.rows[0]!.n}:${r.rows[0]!.h ?? ''}`;
  }
  return out;
}

/** A value that satisfies the JSON schema's structure (refinements may still reject it). */
function sample(
  schema: Record<string, unknown> | boolean | undefined,
  id: string,
  depth = 0,
  key = '',
): unknown {
  if (!schema || schema === true || depth > 6) return null;
  const s = schema as Record<string, unknown>;
  if (s.const !== undefined) return s.const;
  if (Array.isArray(s.enum)) return s.enum[0];
  for (const key of ['anyOf', 'oneOf'] as const) {
    const options = s[key] as Record<string, unknown>[] | undefined;
    if (options?.length) {
      const nonNull = options.find((o) => o.type !== 'null') ?? options[0];
      return sample(nonNull, id, depth + 1);
    }
  }
  if (Array.isArray(s.allOf) && s.allOf.length)
    return sample(s.allOf[0] as Record<string, unknown>, id, depth + 1);
  const type = Array.isArray(s.type) ? (s.type as string[]).find((x) => x !== 'null') : (s.type as string);
  switch (type) {
    case 'object': {
      const props = (s.properties ?? {}) as Record<string, Record<string, unknown>>;
      const required = new Set((s.required as string[] | undefined) ?? Object.keys(props));
      const o: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(props)) if (required.has(k)) o[k] = sample(v, id, depth + 1, k);
      return o;
    }
    case 'array': {
      const min = (s.minItems as number | undefined) ?? 0;
      return Array.from({ length: Math.max(min, 1) }, () =>
        sample(s.items as Record<string, unknown>, id, depth + 1),
      );
    }
    case 'string': {
      if (s.format === 'uuid' || /uuid|[0-9a-f]{8}-/i.test(String(s.pattern ?? ''))) return id;
      if (s.format === 'date' || /\\d\{4\}-/.test(String(s.pattern ?? ''))) return SAMPLE_DATE;
      if (s.format === 'date-time') return `${SAMPLE_DATE}T10:00:00.000Z`;
      // Refined date strings are not representable in JSON Schema; their names give them away.
      if (/^(from|to)$|Date$|On$|^date$/.test(key)) return SAMPLE_DATE;
      if (/Id$|^id$/.test(key)) return id;
      if (s.format === 'email') return 'x@exempel.se';
      const min = (s.minLength as number | undefined) ?? 1;
      return 'x'.repeat(Math.min(Math.max(min, 1), 50));
    }
    case 'integer':
    case 'number': {
      const min = (s.minimum as number | undefined) ?? (s.exclusiveMinimum as number | undefined) ?? 1;
      return Math.max(1, Math.ceil(min));
    }
    case 'boolean':
      return false;
    default:
      return null;
  }
}

function bodyFor(route: AnyRoute, id: string): unknown {
  if (!route.body) return undefined;
  try {
    return sample(
      z.toJSONSchema(route.body, { unrepresentable: 'any', io: 'input' }) as Record<string, unknown>,
      id,
    );
  } catch {
    return {};
  }
}

const fill = (path: string, id: string) => path.replace(/:[A-Za-z0-9_]+/g, id);

/** Query string from the route's query schema, so a read gets past validation to the object check. */
function queryFor(route: AnyRoute, id: string): string {
  if (!route.query) return '';
  let q: unknown;
  try {
    q = sample(
      z.toJSONSchema(route.query, { unrepresentable: 'any', io: 'input' }) as Record<string, unknown>,
      id,
    );
  } catch {
    return '';
  }
  if (!q || typeof q !== 'object') return '';
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) {
    if (v === null || v === undefined || typeof v === 'object') continue;
    params.set(k, k === 'year' ? '2026' : k === 'month' ? '2026-03' : String(v));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

async function call(route: AnyRoute, path: string, session: TestSession | null, id: string) {
  const method = route.method.toUpperCase();
  const body = method === 'GET' || method === 'DELETE' ? undefined : (bodyFor(route, id) ?? {});
  const res = await t.request(method, `${path}${queryFor(route, id)}`, { session, body });
  return { status: res.status, text: await res.text() };
}

function leaks(text: string, canaries: string[]): string[] {
  return canaries.filter((c) => text.includes(c));
}

const policyRoutes = allRoutes.filter((r) => typeof r.access === 'object');
const guarded = allRoutes.filter((r) => r.access !== 'public');
const withParams = guarded.filter((r) => r.path.includes(':'));

beforeAll(async () => {
  t = await createTestApp();
  expired = await t.login('handlaggare');
  t.clock.advance(31 * 60 * 1000); // past the 30-minute idle limit; every later session is fresh
  const DEMO_USERNAMES: Partial<Record<Role, string>> = {
    handlaggare: 'handlaggare',
    jobbmaklare: 'jobbmaklare',
    studie_yrkesvagledare: 'syv',
    enhetschef: 'enhetschef',
    analytiker: 'analytiker',
    administrator: 'admin',
    granskare: 'granskare',
  };
  for (const role of ROLES) {
    const username = DEMO_USERNAMES[role];
    if (username) demo[role] = await t.login(username, demoPassword(username));
  }
  orgA = demo.handlaggare!.user.organisation.id;
  // Roles the demo has no user for (e.g. a summer-jobs supervisor) get one in the demo's root unit.
  const rootUnit = await t.db
    .selectFrom('unit')
    .select('id')
    .where('organisation_id', '=', orgA)
    .where('parent_id', 'is', null)
    .executeTakeFirstOrThrow();
  for (const role of ROLES) {
    if (demo[role]) continue;
    const pw = randomBytes(18).toString('base64url');
    await createUser(t.systemCtx, {
      organisationId: orgA,
      username: `matris-${role}`,
      displayName: `Matris ${role}`,
      password: pw,
      roles: [{ role, unitId: rootUnit.id }],
    });
    demo[role] = await t.login(`matris-${role}`, pw);
  }
  victimUnit = demo.handlaggare!.user.roles[0]!.unitId;

  // Another municipality with a user who holds every role at its root.
  const elsewhere = await t.loginElsewhere('utlanning', ROLES);
  foreignOrg = elsewhere.session;
  const password = elsewhere.password;

  // A case-work user in a unit of the same municipality that is not the victim unit nor above it.
  const units = await t.db
    .selectFrom('unit')
    .select(['id', 'parent_id'])
    .where('organisation_id', '=', orgA)
    .execute();
  const sibling = units.find(
    (u) => u.id !== victimUnit && u.parent_id !== null && u.parent_id !== victimUnit,
  );
  if (!sibling) throw new Error('demo municipality has no second unit');
  await createUser(t.systemCtx, {
    organisationId: orgA,
    username: 'grannenhet',
    displayName: 'Granne Enhetsson',
    password,
    roles: CASEWORK_ROLES.map((role) => ({ role, unitId: sibling.id })),
  });
  otherUnit = await t.login('grannenhet', password);

  // Objects the demo does not have yet: a programme with an intake and an enrolment in the victim unit.
  const chef = demo.enhetschef!;
  const programme = await t.request('POST', '/api/programmes', {
    session: chef,
    body: {
      code: 'akt-test',
      name: 'Åtkomsttest',
      kind: 'aktivitet',
      unitId: victimUnit,
      maxLengthMonths: 12,
      capacityMode: 'annual',
      capacities: [{ validFrom: '2026-01-01', places: 10 }],
      phases: [{ code: 'insats', months: 6 }],
      eligibility: {},
      priorityGroups: [],
    },
  });
  if (programme.status !== 201) throw new Error(`programme: ${programme.status} ${await programme.text()}`);
  const programmeId = ((await programme.json()) as { id: string }).id;
  const intake = await t.request('POST', `/api/programmes/${programmeId}/intakes`, {
    session: chef,
    body: { startsOn: '2026-04-01' },
  });
  const intakeId = ((await intake.json()) as { id: string }).id;
  const someone = await t.db
    .selectFrom('person')
    .select('id')
    .where('organisation_id', '=', orgA)
    .where('responsible_unit_id', '=', victimUnit)
    .where('protection_level', '=', 'none')
    .executeTakeFirstOrThrow();
  const enrol = await t.request('POST', `/api/programmes/${programmeId}/enrolments`, {
    session: chef,
    body: { personId: someone.id, intakeId },
  });
  if (enrol.status >= 300) throw new Error(`enrol: ${enrol.status} ${await enrol.text()}`);

  for (const { table, hasId } of await tenantTables()) {
    if (!hasId) continue;
    const row = await sql<{ id: string }>`
      SELECT id::text AS id FROM ${sql.table(table)} WHERE organisation_id = ${orgA} ORDER BY id LIMIT 1`.execute(
      t.db,
    );
    if (row.rows[0] && table !== 'organisation') idPool.set(table, row.rows[0].id);
  }
  const persons = await t.db
    .selectFrom('person')
    .select(['id', 'personnummer', 'first_name', 'last_name', 'responsible_unit_id'])
    .where('organisation_id', '=', orgA)
    .execute();
  const personCanaries = (p: (typeof persons)[number]) => [
    p.id,
    p.personnummer,
    `${p.personnummer.slice(0, 8)}-${p.personnummer.slice(8)}`,
    `${p.first_name} ${p.last_name}`,
  ];
  orgCanaries = [...persons.flatMap(personCanaries), ...idPool.values()];
  orgSecrets = persons.flatMap((p) => personCanaries(p).slice(1));
  unitCanaries = persons.filter((p) => p.responsible_unit_id === victimUnit).flatMap(personCanaries);
}, 300_000);

afterAll(async () => {
  await t?.close();
});

describe('generated access test', () => {
  it('covers every route and has objects of many kinds to aim at', () => {
    expect(guarded.length).toBeGreaterThan(50);
    expect(idPool.size).toBeGreaterThan(10);
    for (const table of ['person', 'programme', 'intake', 'enrolment', 'workplace', 'household'])
      expect(idPool.has(table), table).toBe(true);
    expect(unitCanaries.length).toBeGreaterThan(0);
  });

  it('anonymous and expired sessions get 401 on every non-public route', async () => {
    const wrong: string[] = [];
    for (const r of guarded) {
      for (const [who, session] of [
        ['anonymous', null],
        ['expired', expired],
      ] as const) {
        const id = idPool.get('person')!;
        const { status, text } = await call(r, fill(r.path, id), session, id);
        if (status !== 401) wrong.push(`${who} ${r.method.toUpperCase()} ${r.path} -> ${status}`);
        if (leaks(text, orgCanaries).length) wrong.push(`${who} ${r.method} ${r.path} leaks`);
      }
    }
    expect(wrong).toEqual([]);
  }, 300_000);

  it('a role the rule does not name gets 403 on every policy route, and changes nothing', async () => {
    const before = await fingerprint();
    const wrong: string[] = [];
    for (const r of policyRoutes) {
      if (typeof r.access !== 'object') continue;
      const allowed = new Set<string>(r.access.rule.roles);
      for (const role of ROLES) {
        if (allowed.has(role)) continue;
        const id = idPool.get('person')!;
        const { status, text } = await call(r, fill(r.path, id), demo[role]!, id);
        if (status !== 403) wrong.push(`${role} ${r.method.toUpperCase()} ${r.path} -> ${status}`);
        if (/"(personnummer|firstName|lastName)"/.test(text)) wrong.push(`${role} ${r.path} leaks`);
      }
    }
    expect(wrong).toEqual([]);
    expect(await fingerprint()).toEqual(before);
  }, 300_000);

  it('another municipality reaches nothing of this one, by any id, on any route', async () => {
    const before = await fingerprint();
    const wrong: string[] = [];
    for (const r of withParams) {
      const isRead = r.method === 'get';
      const okStatuses = isRead ? [403, 404] : [400, 403, 404, 422];
      for (const [table, id] of idPool) {
        const { status, text } = await call(r, fill(r.path, id), foreignOrg, id);
        if (!okStatuses.includes(status))
          wrong.push(`${r.method.toUpperCase()} ${r.path} with ${table} id -> ${status}`);
        const hits = leaks(text.replaceAll(id, ''), orgCanaries);
        if (hits.length)
          wrong.push(`${r.method.toUpperCase()} ${r.path} with ${table} id leaks ${hits.length}`);
      }
    }
    // Lists and searches without an id: only the foreign municipality's own (empty) data.
    for (const r of guarded.filter((x) => !x.path.includes(':') && x.method === 'get')) {
      const { text } = await call(r, r.path, foreignOrg, '');
      const hits = leaks(text, orgSecrets);
      if (hits.length) wrong.push(`GET ${r.path} lists ${hits.length} foreign values`);
    }
    expect(wrong).toEqual([]);
    expect(await fingerprint()).toEqual(before);
  }, 600_000);

  it('another unit of the same municipality reaches no person of the victim unit', async () => {
    const before = await fingerprint();
    const wrong: string[] = [];
    const personId = idPool.get('person')!;
    const person = await t.db
      .selectFrom('person')
      .select('responsible_unit_id')
      .where('id', '=', personId)
      .executeTakeFirstOrThrow();
    // Aim at a person of the victim unit.
    const target =
      person.responsible_unit_id === victimUnit
        ? personId
        : (
            await t.db
              .selectFrom('person')
              .select('id')
              .where('organisation_id', '=', orgA)
              .where('responsible_unit_id', '=', victimUnit)
              .executeTakeFirstOrThrow()
          ).id;
    for (const r of withParams.filter((x) => typeof x.access === 'object')) {
      const { status, text } = await call(r, fill(r.path, target), otherUnit, target);
      const okStatuses = r.method === 'get' ? [403, 404] : [400, 403, 404, 422];
      if (!okStatuses.includes(status)) wrong.push(`${r.method.toUpperCase()} ${r.path} -> ${status}`);
      const hits = leaks(text.replaceAll(target, ''), unitCanaries);
      if (hits.length) wrong.push(`${r.method.toUpperCase()} ${r.path} leaks ${hits.length}`);
    }
    for (const r of guarded.filter((x) => !x.path.includes(':') && x.method === 'get')) {
      const { text } = await call(r, r.path, otherUnit, '');
      const hits = leaks(text, unitCanaries);
      if (hits.length) wrong.push(`GET ${r.path} lists ${hits.length} values of the other unit`);
    }
    expect(wrong).toEqual([]);
    expect(await fingerprint()).toEqual(before);
  }, 600_000);
});

describe('field-level rules', () => {
  const READ_ONLY = [
    'organisationId',
    'createdAt',
    'createdBy',
    'updatedAt',
    'auditSeq',
    'ownerOrganisationId',
  ];

  it('every write schema rejects read-only fields (organisation, audit fields) instead of ignoring them', () => {
    const wrong: string[] = [];
    for (const r of allRoutes) {
      if (!r.body || r.method === 'get') continue;
      for (const field of READ_ONLY) {
        const base = bodyFor(r, '5b0f3c1e-9a55-4f1e-8c4b-2f7f2f1d9e01');
        const candidate =
          base && typeof base === 'object' && !Array.isArray(base)
            ? { ...(base as object), [field]: 'x' }
            : { [field]: 'x' };
        const parsed = r.body.safeParse(candidate);
        if (parsed.success) wrong.push(`${r.method.toUpperCase()} ${r.path} accepts ${field}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('the protection grade can only be written through the protection route', () => {
    const wrong: string[] = [];
    for (const r of allRoutes) {
      if (!r.body || r.method === 'get' || /protection/.test(r.path)) continue;
      for (const field of ['protectionLevel', 'protection_level']) {
        const base = bodyFor(r, '5b0f3c1e-9a55-4f1e-8c4b-2f7f2f1d9e01');
        const candidate =
          base && typeof base === 'object' && !Array.isArray(base)
            ? { ...(base as object), [field]: 'skyddad_folkbokforing' }
            : { [field]: 'skyddad_folkbokforing' };
        if (r.body.safeParse(candidate).success)
          wrong.push(`${r.method.toUpperCase()} ${r.path} accepts ${field}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('roles without access to persons never receive personal fields from any list', async () => {
    const PERSONAL = /"(personnummer|firstName|lastName|addressStreet|phone|email)"\s*:\s*"[^"]/;
    const wrong: string[] = [];
    for (const role of ['analytiker', 'granskare', 'administrator'] as Role[]) {
      for (const r of guarded.filter((x) => !x.path.includes(':') && x.method === 'get')) {
        const res = await t.request('GET', r.path, { session: demo[role]! });
        if (res.status !== 200) continue;
        const text = await res.text();
        // The auditor's log views show who did what: user names, never a participant's fields.
        if (
          PERSONAL.test(text) &&
          leaks(
            text,
            orgCanaries.filter((c) => /^\d{12}$/.test(c)),
          ).length
        )
          wrong.push(`${role} GET ${r.path}`);
      }
    }
    expect(wrong).toEqual([]);
  }, 300_000);
});
