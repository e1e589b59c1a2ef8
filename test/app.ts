import { randomBytes, randomUUID } from 'node:crypto';
import { demoPassword, loadDemo } from '../src/cli/demo.ts';
import { ManualClock } from '../src/clock.ts';
import { loadConfig } from '../src/config.ts';
import type { Ctx, Role } from '../src/context.ts';
import type { Database } from '../src/db/connection.ts';
import { createOrganisation } from '../src/features/admin/create-organisation.ts';
import { createUser } from '../src/features/admin/create-user.ts';
import { createLogger } from '../src/log.ts';
import { buildApp, buildDeps } from '../src/server.ts';
import { createTestDatabase } from './db.ts';

export interface TestSession {
  cookie: string;
  csrfToken: string;
  user: { id: string; organisation: { id: string }; roles: { role: string; unitId: string }[] };
}

export interface RequestOptions {
  body?: unknown;
  rawBody?: string;
  session?: TestSession | null;
  csrf?: boolean;
  headers?: Record<string, string>;
}

/** An in-process app on a fresh test database with the demo municipality loaded. */
export async function createTestApp(opts: { demo?: boolean; env?: NodeJS.ProcessEnv } = {}) {
  const database: Database = await createTestDatabase();
  const clock = new ManualClock('2026-03-02T08:00:00.000Z');
  const config = { ...loadConfig(opts.env ?? {}), cookieInsecure: false };
  const deps = buildDeps(database, config, createLogger('silent'), clock);
  const app = buildApp(deps);
  const systemCtx: Ctx = {
    db: database.db,
    clock,
    actor: null,
    requestId: `test-${randomUUID()}`,
    clientAddress: null,
    lang: 'sv',
  };
  if (opts.demo !== false) await loadDemo(systemCtx, () => {}, { size: 'small' });

  async function request(method: string, path: string, o: RequestOptions = {}): Promise<Response> {
    const headers: Record<string, string> = { ...(o.headers ?? {}) };
    if (o.body !== undefined || o.rawBody !== undefined) headers['content-type'] ??= 'application/json';
    if (o.session) {
      headers.cookie = o.session.cookie;
      if (o.csrf !== false && method !== 'GET') headers['x-csrf-token'] = o.session.csrfToken;
    }
    return app.request(path, {
      method,
      headers,
      ...(o.rawBody !== undefined
        ? { body: o.rawBody }
        : o.body !== undefined
          ? { body: JSON.stringify(o.body) }
          : {}),
    });
  }

  async function login(username: string, password = demoPassword(username)): Promise<TestSession> {
    const res = await request('POST', '/api/auth/login', { body: { username, password } });
    if (res.status !== 200) throw new Error(`login ${username} failed: ${res.status} ${await res.text()}`);
    const setCookie = res.headers.get('set-cookie') ?? '';
    const cookie = setCookie.split(';')[0]!;
    const json = (await res.json()) as { csrfToken: string; user: TestSession['user'] };
    return { cookie, csrfToken: json.csrfToken, user: json.user };
  }

  /**
   * Another municipality (name, one root unit) with a user holding `roles` at its root, signed in:
   * the actor that must reach nothing of the demo municipality.
   */
  async function loginElsewhere(username: string, roles: readonly Role[], name = 'Annanby kommun') {
    const org = await createOrganisation(systemCtx, {
      name,
      units: [
        { key: 'root', name, kind: 'forvaltning' },
        { key: 'ajc', name: `${name} Jobbcentrum`, kind: 'enhet', parentKey: 'root' },
      ],
    });
    const password = randomBytes(18).toString('base64url');
    await createUser(systemCtx, {
      organisationId: org.organisationId,
      username,
      displayName: `Utomstående ${username}`,
      password,
      roles: roles.map((role) => ({ role, unitId: org.unitIds.get('root')! })),
    });
    return { session: await login(username, password), password };
  }

  return {
    app,
    database,
    db: database.db,
    clock,
    deps,
    systemCtx,
    request,
    login,
    loginElsewhere,
    close: () => database.close(),
  };
}

export type TestApp = Awaited<ReturnType<typeof createTestApp>>;
