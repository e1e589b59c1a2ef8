/**
 * Shared set-up for the participant benchmarks: a fresh in-memory PGlite with the demo municipality,
 * the app in process (`app.request`, no sockets), sign-in, and synthetic import files.
 */
import { randomUUID } from 'node:crypto';
import { demoPassword, loadDemo } from '../src/cli/demo.ts';
import { ManualClock } from '../src/clock.ts';
import { loadConfig } from '../src/config.ts';
import type { Ctx } from '../src/context.ts';
import { openDatabase } from '../src/db/connection.ts';
import { createSeededRng, syntheticPersonnummer } from '../src/domain/personnummer.ts';
import { createLogger } from '../src/log.ts';
import { buildApp, buildDeps } from '../src/server.ts';

export interface Session {
  cookie: string;
  csrfToken: string;
}

export async function benchApp(opts: { bodyLimitBytes?: number } = {}) {
  const database = await openDatabase({});
  const clock = new ManualClock('2026-03-02T08:00:00.000Z');
  const config = {
    ...loadConfig({}),
    cookieInsecure: false,
    bodyLimitBytes: opts.bodyLimitBytes ?? 1024 * 1024,
  };
  const deps = buildDeps(database, config, createLogger('silent'), clock);
  const app = buildApp(deps);
  const ctx: Ctx = {
    db: database.db,
    clock,
    actor: null,
    requestId: `bench-${randomUUID()}`,
    clientAddress: null,
    lang: 'sv',
  };
  await loadDemo(ctx, () => {}, { size: 'small' });

  async function login(username: string): Promise<Session> {
    const res = await app.request('/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password: demoPassword(username) }),
    });
    if (res.status !== 200) throw new Error(`login ${username}: ${res.status}`);
    const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!;
    const { csrfToken } = (await res.json()) as { csrfToken: string };
    return { cookie, csrfToken };
  }
  /** A signed-in JSON request that changes something (session cookie + CSRF token); a string body goes as is. */
  function send(session: Session, method: string, path: string, body: unknown) {
    return app.request(path, {
      method,
      headers: {
        'content-type': 'application/json',
        cookie: session.cookie,
        'x-csrf-token': session.csrfToken,
      },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
  }
  async function unitId(name: string) {
    return (
      await database.db.selectFrom('unit').select('id').where('name', '=', name).executeTakeFirstOrThrow()
    ).id;
  }
  return { app, database, clock, login, send, unitId, close: () => database.close() };
}

const FIRST = [
  'Anna',
  'Ahmed',
  'Åsa',
  'Erik',
  'Fatima',
  'Örjan',
  'Maria',
  'Mohammed',
  'Elin',
  'Ali',
  'Zeynep',
  'Björn',
];
const LAST = [
  'Andersson',
  'Öberg',
  'Hassan',
  'Åkesson',
  'Nilsson',
  'Ali',
  'Ekström',
  'Lindqvist',
  'Yilmaz',
  'Nguyen',
];
const LANGS = ['ar (tolk), sv', 'sv', 'so, sv', 'Persiska (Farsi) (tolk)', 'ti (tolk)', 'en, sv', ''];
const SSYK = ['5120, 9412', '9111', '5321', '4222, 5223', '8332', ''];

/** A `;`-separated UTF-8 CSV (with BOM) of `rows` valid participants, deterministic from `seed`. */
export function syntheticImportCsv(rows: number, seed: number): Uint8Array {
  const rng = createSeededRng(seed);
  const used = new Set<string>();
  const lines = [
    'Personnummer;Förnamn;Efternamn;E-post;Telefon;Gatuadress;Postnummer;Ort;Språk;Utbildningsnivå;Yrkesintresse;Körkort;A-kassa;Försörjning före start',
  ];
  for (let i = 0; i < rows; i++) {
    let pnr = '';
    do {
      const y = 1960 + Math.floor(rng() * 45);
      const m = 1 + Math.floor(rng() * 12);
      const d = 1 + Math.floor(rng() * 28);
      pnr = syntheticPersonnummer(rng, {
        birthDate: `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`,
        sex: rng() < 0.5 ? 'K' : 'M',
      });
    } while (used.has(pnr));
    used.add(pnr);
    const pick = <T>(xs: T[]) => xs[Math.floor(rng() * xs.length)]!;
    lines.push(
      [
        `${pnr.slice(0, 8)}-${pnr.slice(8)}`,
        pick(FIRST),
        `${pick(LAST)}${i % 97 === 0 ? '-Berg' : ''}`,
        `person${i}@example.se`,
        `070-${String(i).padStart(7, '0').slice(0, 3)} ${String(i).padStart(7, '0').slice(3, 5)} ${String(i).padStart(7, '0').slice(5)}`,
        `Storgatan ${1 + (i % 90)}`,
        `${10000 + (i % 89999)}`,
        'Exempelby',
        pick(LANGS),
        pick(['206', '310', '337', '415', '536']),
        pick(SSYK),
        pick(['B', '', 'B, C']),
        pick(['Kommunalarbetarnas a-kassa', 'Unionens a-kassa', '']),
        pick(['Försörjningsstöd', 'Aktivitetsstöd', 'Ingen']),
      ].join(';'),
    );
  }
  return new TextEncoder().encode(`\uFEFF${lines.join('\r\n')}\r\n`);
}

export const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
export const round = (x: number, digits = 1) => Math.round(x * 10 ** digits) / 10 ** digits;
