import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { ManualClock } from '../clock.ts';
import { loadConfig } from '../config.ts';
import type { Ctx } from '../context.ts';
import { type Database, openDatabase } from '../db/connection.ts';
import { createSeededRng, syntheticPersonnummer } from '../domain/personnummer.ts';
import { createOrganisation } from '../features/admin/create-organisation.ts';
import { createUser } from '../features/admin/create-user.ts';
import { createLogger } from '../log.ts';
import { buildApp, buildDeps } from '../server.ts';
import { loadReportData, REPORT_COMPUTATIONS, scenarioUnitOf } from './scenario-reports.ts';
import { isSummerScenario, runSummerScenario } from './scenario-summer.ts';

/**
 * `insats scenario <file>`: loads a scenario file into a fresh database through the public HTTP API
 * (in-process), performs its steps, computes every key of `expected` with Insats's own reports and
 * operations, and prints `{scenario, expected, actual}`. Exit 0 only when actual equals expected.
 *
 * Only the organisation, its units and one scenario user are created through the setup use cases
 * (the same ones `insats demo` uses); everything else goes through HTTP with that user's session.
 */

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

export interface ScenarioFile {
  name: string;
  referenceDate?: string;
  /** Missing in summer-jobs files: the runner then uses the file's name and no units. */
  organisation?: { name: string; units: { id: string; name: string }[] };
  programme?: {
    code: string;
    name: string;
    employment?: boolean;
    phases?: { code: string; weeks?: number; months?: number }[];
    lengthMonths?: number;
    maxLengthMonths?: number;
    annualCapacity?: number;
    intakes?: string[];
    eligibility?: { incomeSource?: string; speaksOneOf?: string[] };
    priorityGroups?: string[];
  };
  /** The people, or only how many (the runner then makes that many synthetic, valid people). */
  participants?: ScenarioParticipant[] | number;
  /** One step or a list of steps. */
  steps?: string | (string | { [k: string]: Json })[];
  expected: Record<string, Json>;
  [k: string]: unknown;
}

export interface ScenarioParticipant {
  id: string;
  personnummer: string;
  sex: 'K' | 'M' | 'X';
  birthDate?: string;
  incomeBeforeStart?: string;
  languages?: string[];
  akassaMember?: boolean;
  householdId?: string;
  referral?: { from: string; date: string };
  enrolment?: unknown;
}

export class ScenarioError extends Error {}

/** A scenario file with `participants` always a list and `steps` always a list. */
export type NormalisedScenarioFile = ScenarioFile & {
  participants: ScenarioParticipant[];
  steps: (string | { [k: string]: Json })[];
};

/** Deterministic seed from the file's `seed` text (or its name), so a re-run makes the same people. */
function seedOf(file: ScenarioFile): number {
  const text = typeof file.seed === 'string' ? file.seed : file.name;
  let h = 2166136261;
  for (const ch of text) h = Math.imul(h ^ ch.codePointAt(0)!, 16777619);
  return h >>> 0;
}

/**
 * Files may give only a count of participants (`"participants": 170`); the runner then registers that
 * many synthetic people with valid, distinct personal identity numbers (adults born 1960–1999, sex
 * alternating), referred on consecutive days up to the reference date so the waiting-list order is
 * defined. A single step may be given as a string.
 */
export function normaliseScenario(file: ScenarioFile): NormalisedScenarioFile {
  const steps = file.steps === undefined ? [] : typeof file.steps === 'string' ? [file.steps] : file.steps;
  let participants: ScenarioParticipant[];
  if (typeof file.participants === 'number') {
    const n = file.participants;
    if (!Number.isInteger(n) || n < 0 || n > 100_000)
      throw new ScenarioError(`"participants" måste vara en lista eller ett heltal 0–100000, inte ${n}.`);
    const rng = createSeededRng(seedOf(file));
    const reference = file.referenceDate ?? '2026-01-01';
    const seen = new Set<string>();
    participants = [];
    for (let i = 0; participants.length < n; i++) {
      const sex = i % 2 === 0 ? 'K' : 'M';
      const year = 1960 + Math.floor(rng() * 40);
      const birthDate = `${year}-${String(1 + Math.floor(rng() * 12)).padStart(2, '0')}-${String(1 + Math.floor(rng() * 28)).padStart(2, '0')}`;
      const personnummer = syntheticPersonnummer(rng, { birthDate, sex });
      if (seen.has(personnummer)) continue;
      seen.add(personnummer);
      const k = participants.length;
      participants.push({
        id: `p${String(k + 1).padStart(4, '0')}`,
        personnummer,
        sex,
        birthDate,
        incomeBeforeStart: 'forsorjningsstod',
        referral: { from: 'socialtjansten', date: addDays(reference, k - n) },
      });
    }
  } else {
    participants = file.participants ?? [];
  }
  return { ...file, participants, steps };
}

function addDays(isoDate: string, days: number): string {
  const d = new Date(`${isoDate}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

interface Session {
  cookie: string;
  csrf: string;
}

/** A small HTTP client over the in-process app: JSON in, JSON out, errors with their bodies. */
export class ApiClient {
  constructor(
    private readonly app: ReturnType<typeof buildApp>,
    private session: Session | null = null,
  ) {}

  async login(username: string, password: string): Promise<void> {
    const res = await this.app.request('/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password }),
    });
    if (res.status !== 200)
      throw new ScenarioError(`Inloggningen misslyckades: ${res.status} ${await res.text()}`);
    const body = (await res.json()) as { csrfToken: string };
    this.session = { cookie: (res.headers.get('set-cookie') ?? '').split(';')[0]!, csrf: body.csrfToken };
  }

  /** A client without the session, for the public (unauthenticated) e-services. */
  anonymous(): ApiClient {
    return new ApiClient(this.app, null);
  }

  async call<T>(method: string, url: string, body?: unknown, expect: number[] = [200, 201, 204]): Promise<T> {
    const headers: Record<string, string> = {};
    if (this.session) {
      headers.cookie = this.session.cookie;
      if (method !== 'GET') headers['x-csrf-token'] = this.session.csrf;
    }
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await this.app.request(url, {
      method,
      headers,
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const text = await res.text();
    if (!expect.includes(res.status)) throw new ScenarioError(`${method} ${url} gav ${res.status}: ${text}`);
    return (text ? JSON.parse(text) : null) as T;
  }
}

export interface ScenarioContext {
  file: NormalisedScenarioFile;
  api: ApiClient;
  unitIds: Map<string, string>;
  programmeId?: string;
  intakeIds: Map<string, string>;
  personIds: Map<string, string>;
}

async function freshDatabase(
  databaseUrl?: string,
): Promise<{ database: Database; cleanup: () => Promise<void> }> {
  if (!databaseUrl) {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'insats-scenario-'));
    const database = await openDatabase({ dataDir: dir });
    return {
      database,
      cleanup: async () => {
        await database.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const name = `insats_scenario_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: databaseUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const u = new URL(databaseUrl);
  u.pathname = `/${name}`;
  const database = await openDatabase({ url: u.toString(), poolSize: 30 });
  return {
    database,
    cleanup: async () => {
      await database.close();
      const c = new pg.Client({ connectionString: databaseUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

function programmeBody(file: ScenarioFile, unitId: string) {
  const p = file.programme!;
  const phases = p.phases ?? (p.lengthMonths ? [{ code: 'insats', months: p.lengthMonths }] : []);
  const firstIntake = p.intakes?.[0];
  const capacityFrom = firstIntake
    ? `${firstIntake.slice(0, 4)}-01-01`
    : `${(file.referenceDate ?? '2000-01-01').slice(0, 4)}-01-01`;
  const eligibility: Record<string, unknown> = {};
  if (p.eligibility?.incomeSource) eligibility.incomeSources = [p.eligibility.incomeSource];
  if (p.eligibility?.speaksOneOf) eligibility.speaksOneOf = p.eligibility.speaksOneOf;
  return {
    code: p.code,
    name: p.name,
    kind: p.employment ? 'anstallning' : 'aktivitet',
    unitId,
    maxLengthMonths: p.maxLengthMonths ?? null,
    capacityMode: p.annualCapacity !== undefined ? 'annual' : null,
    capacities: p.annualCapacity !== undefined ? [{ validFrom: capacityFrom, places: p.annualCapacity }] : [],
    phases,
    eligibility,
    priorityGroups: (p.priorityGroups ?? []).filter((g) =>
      ['barnfamilj', 'ung_vuxen', 'langvarigt_bistand'].includes(g),
    ),
  };
}

async function registerParticipants(s: ScenarioContext, unitFor: (p: ScenarioParticipant) => string) {
  // The files say only "member of an a-kassa"; the registry needs a fund from its code list, so the
  // runner takes the list's first fund (which fund does not change any figure).
  const akassaCode = (s.file.participants ?? []).some((p) => p.akassaMember)
    ? (
        await s.api.call<{ codes: { code: string }[] }>(
          'GET',
          '/api/codelists/JobTech-unemployment-fund?limit=1',
        )
      ).codes[0]?.code
    : undefined;
  for (const p of s.file.participants ?? []) {
    const body = {
      personnummer: p.personnummer,
      firstName: 'Deltagare',
      lastName: p.id,
      sex: p.sex,
      languages: (p.languages ?? []).map((code) => ({ code, needsInterpreter: false })),
      incomeSource: p.incomeBeforeStart ?? null,
      responsibleUnitId: unitFor(p),
      ...(p.akassaMember && akassaCode ? { akassa: { code: akassaCode, memberSince: null } } : {}),
    };
    const created = await s.api.call<{ id: string }>('POST', '/api/participants', body, [201]);
    s.personIds.set(p.id, created.id);
  }
}

/** Runs at most `inFlight` calls at a time until all are done. */
async function pool<T>(items: T[], inFlight: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const workers = Array.from({ length: Math.min(inFlight, items.length) }, async () => {
    while (next < items.length) {
      const item = items[next++]!;
      await fn(item);
    }
  });
  await Promise.all(workers);
}

const STEP_ENROL_CONCURRENTLY =
  /^enrol every participant into the (\d{4}-\d{2}-\d{2}) intake concurrently(?: \(at least (\d+) requests in flight\))?$/;

async function performStep(s: ScenarioContext, step: string | { [k: string]: Json }) {
  const text = typeof step === 'string' ? step.trim() : '';
  const m = STEP_ENROL_CONCURRENTLY.exec(text);
  if (m) {
    const intakeId = s.intakeIds.get(m[1]!);
    if (!intakeId) throw new ScenarioError(`Steget nämner intaget ${m[1]}, som inte finns i filen.`);
    const inFlight = Math.max(20, Number(m[2] ?? 20));
    const people = (s.file.participants ?? []).map((p) => ({ p, id: s.personIds.get(p.id)! }));
    await pool(people, inFlight, async ({ p, id }) => {
      await s.api.call('POST', `/api/programmes/${s.programmeId}/enrolments`, {
        personId: id,
        intakeId,
        ...(p.referral?.date ? { referredOn: p.referral.date } : {}),
      });
    });
    return;
  }
  throw new ScenarioError(`Okänt steg i scenariofilen: ${JSON.stringify(step)}`);
}

type Computation = (s: ScenarioContext) => Promise<Json>;

async function firstIntakeBoard(s: ScenarioContext) {
  const intakeId = [...s.intakeIds.values()][0];
  if (!intakeId) throw new ScenarioError('Scenariot har inget intag att räkna på.');
  return s.api.call<{ enrolled: unknown[]; waiting: unknown[]; overBooked: number }>(
    'GET',
    `/api/intakes/${intakeId}/board`,
  );
}

/** How each expected key is computed, with Insats's own operations and reports. */
export const COMPUTATIONS: Record<string, Computation> = {
  ...REPORT_COMPUTATIONS,
  enrolled: async (s) => (await firstIntakeBoard(s)).enrolled.length,
  waitlisted: async (s) => (await firstIntakeBoard(s)).waiting.length,
  overBooked: async (s) => (await firstIntakeBoard(s)).overBooked,
};

export async function runScenario(
  raw: ScenarioFile,
  opts: {
    databaseUrl?: string;
    progress?: (step: string) => void;
    /** Filled with timings of the steps that benchmarks measure (e.g. `allocationSeconds`). */
    timings?: Record<string, number>;
  } = {},
) {
  const file = normaliseScenario(raw);
  const { database, cleanup } = await freshDatabase(opts.databaseUrl);
  try {
    const summer = isSummerScenario(file);
    const clock = new ManualClock(
      summer
        ? `${Number(file.year)}-03-01T10:00:00.000Z`
        : `${file.referenceDate ?? '2026-01-01'}T10:00:00.000Z`,
    );
    const config = { ...loadConfig({}), cookieInsecure: false };
    const deps = buildDeps(database, config, createLogger('silent'), clock);
    const app = buildApp(deps);
    const ctx: Ctx = {
      db: database.db,
      clock,
      actor: null,
      requestId: `scenario-${randomUUID()}`,
      clientAddress: null,
      lang: 'sv',
    };
    const organisation = file.organisation ?? { name: file.name, units: [] };
    const { organisationId, unitIds } = await createOrganisation(ctx, {
      name: organisation.name,
      units: [
        { key: '__root', name: organisation.name, kind: 'forvaltning' },
        ...organisation.units.map((u) => ({
          key: u.id,
          name: u.name,
          kind: 'enhet',
          parentKey: '__root',
        })),
      ],
    });
    const password = randomBytes(18).toString('base64url');
    const root = unitIds.get('__root')!;
    const username = `scenario-${randomBytes(4).toString('hex')}`;
    await createUser(ctx, {
      organisationId,
      username,
      displayName: 'Scenariokörning',
      password,
      roles: (['enhetschef', 'handlaggare', 'jobbmaklare', 'analytiker', 'administrator'] as const).map(
        (role) => ({
          role,
          unitId: root,
        }),
      ),
    });
    const api = new ApiClient(app);
    await api.login(username, password);
    const s: ScenarioContext = { file, api, unitIds, intakeIds: new Map(), personIds: new Map() };
    if (summer) {
      const figures = await runSummerScenario(file, api, organisationId, opts.progress, opts.timings);
      const actual: Record<string, Json> = {};
      for (const key of Object.keys(file.expected))
        actual[key] = key === 'note' ? file.expected[key]! : (figures[key] ?? null);
      // The lottery mode's figures (and the rest of the report) beside the compared ones.
      for (const [key, value] of Object.entries(figures)) if (!(key in actual)) actual[key] = value;
      return { scenario: file.name, expected: file.expected, actual };
    }
    const firstUnit = organisation.units[0] ? unitIds.get(organisation.units[0].id)! : root;
    if (file.programme) {
      const created = await s.api.call<{ id: string }>(
        'POST',
        '/api/programmes',
        programmeBody(file, firstUnit),
        [201],
      );
      s.programmeId = created.id;
      for (const start of file.programme.intakes ?? []) {
        const intake = await s.api.call<{ id: string }>(
          'POST',
          `/api/programmes/${created.id}/intakes`,
          { startsOn: start },
          [201],
        );
        s.intakeIds.set(start, intake.id);
      }
    }
    await registerParticipants(s, (p) => scenarioUnitOf(s, p, firstUnit));
    await loadReportData(s);
    for (const step of file.steps) await performStep(s, step);
    const actual: Record<string, Json> = {};
    for (const key of Object.keys(file.expected)) {
      const compute = COMPUTATIONS[key];
      actual[key] = compute ? await compute(s) : null;
    }
    return { scenario: file.name, expected: file.expected, actual };
  } finally {
    await cleanup();
  }
}

/** Deep equality for JSON values (numbers compared exactly). */
export function jsonEqual(a: Json, b: Json): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Every key of `expected` equals the same key of `actual`; `actual` may carry more (shown, not compared). */
export function expectedMatch(expected: Record<string, Json>, actual: Record<string, Json>): boolean {
  return Object.keys(expected).every((k) => jsonEqual(expected[k]!, actual[k] ?? null));
}

export async function scenarioCommand(args: string[]): Promise<number> {
  const file = args.find((a) => !a.startsWith('--'));
  if (!file) throw new Error('Ange en scenariofil: insats scenario <fil> [--database-url URL]');
  const urlFlag = args.indexOf('--database-url');
  const databaseUrl = urlFlag >= 0 ? args[urlFlag + 1] : undefined;
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as ScenarioFile;
  const result = await runScenario(parsed, {
    ...(databaseUrl ? { databaseUrl } : {}),
    progress: (step) => process.stderr.write(`${step}\n`),
  });
  process.stdout.write(`${JSON.stringify(result)}\n`);
  return expectedMatch(result.expected, result.actual) ? 0 : 1;
}
