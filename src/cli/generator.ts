import { createHash } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import {
  type CatalogueQuery,
  dropDefinitions,
  droppableDefinitions,
  rebuildStatements,
} from '../db/bulk-definitions.ts';
import type { BulkConnection, Database } from '../db/connection.ts';
import { BinaryCopyWriter, hexBytes, parseUuid } from '../db/copy-binary.ts';
import { normalizeForSearch } from '../domain/codelists.ts';
import { luhnCheckDigit } from '../domain/luhn.ts';
import { createSeededRng, type Rng } from '../domain/personnummer.ts';
import { personSortKey } from '../domain/swedish-sort.ts';
import { FOLLOW_UP_OUTCOMES as OUTCOMES } from '../features/programmes/follow-up-outcomes.ts';
import { FIRST_NAMES_K, FIRST_NAMES_M, LAST_NAMES } from './demo-participants.ts';

/**
 * The synthetic-data generator behind `insats generate` and `npm run bench -- reports`: participants,
 * enrolments and follow-ups (the rows the outcome refresh reads) for one generator organisation,
 * loaded with COPY in chunks so memory stays bounded.
 *
 * "Events" are the dated source facts the outcome rows summarise: an enrolment's start, its exit (when
 * exited) and each follow-up. Participant number `i` of a run gets `⌊M(i+1)/P⌋ − ⌊Mi/P⌋` events, so the
 * total is exactly M; they are laid out as exited enrolments (start + exit + 0–3 follow-ups) and, when
 * one event is left over, an open enrolment (start only).
 *
 * Everything is a function of the seed, the organisation code and how many persons the organisation
 * already has (a second run into the same organisation appends). Personnummer are valid (Luhn) and
 * unique: birth dates 1961–2005 × birth numbers 001–999, walked by a fixed permutation, so runs with
 * different seeds into one organisation never collide. Dates are relative to a fixed reference date,
 * not today, so the same seed gives the same rows on any day. No audit events are written: this is
 * bulk synthetic data, not case work.
 */

export interface GenerateOptions {
  participants: number;
  events: number;
  seed?: number;
  /** Municipality code of the generator organisation (created on first use, reused after). */
  organisationCode?: string;
  /** Rows per COPY (roughly; the three tables are loaded per chunk of persons). */
  chunkRows?: number;
  /**
   * Drop the loaded tables' secondary indexes and foreign keys during the load and recreate them
   * (same definitions) before commit. 'auto': when the load is at least 100,000 rows.
   */
  rebuildIndexes?: boolean | 'auto';
  /**
   * Build the COPY data (after the first chunk) in a worker thread while the previous chunk loads.
   * 'auto' (default): when participants + events exceed three chunks.
   */
  worker?: boolean | 'auto';
  onProgress?: (rowsDone: number, rowsTotal: number) => void;
  /** Called when the load moves on to rebuilding indexes and keys, and to ANALYZE. */
  onPhase?: (phase: 'index' | 'analyze') => void;
}

export interface GenerateResult {
  organisationId: string;
  unitIds: string[];
  programmeIds: string[];
  participants: number;
  events: number;
  enrolments: number;
  exitedEnrolments: number;
  followUps: number;
  /** Rows written: persons + enrolments + follow-ups. */
  rows: number;
  /** Seconds for the whole load (transaction, COPY, index rebuild, ANALYZE). */
  seconds: number;
  /** Seconds from the start until the last COPY ended (set-up, dropping keys, building and copying). */
  copySeconds: number;
  indexSeconds: number;
  rebuiltIndexes: boolean;
}

export const GENERATOR_REFERENCE_DATE = '2026-01-01';
const STAMP = '2026-01-01 00:00:00+00';
const DEFAULT_CODE = '9999';
const TABLES = ['person', 'enrolment', 'follow_up'] as const;

const EPOCH = Date.UTC(1961, 0, 1);
const DAY = 86_400_000;
const BIRTH_DAYS = (Date.UTC(2006, 0, 1) - EPOCH) / DAY; // 1961-01-01 … 2005-12-31
const BIRTH_NUMBERS = 999;
/** How many distinct personnummer the generator can hand out per organisation. */
export const MAX_PARTICIPANTS = BIRTH_DAYS * BIRTH_NUMBERS;
const PERMUTATION_STEP = 1_000_003; // prime, coprime with MAX_PARTICIPANTS
const PERMUTATION_OFFSET = 7_654_321;
const DATES: string[] = [];
for (let d = 0; d < (Date.UTC(2100, 0, 1) - EPOCH) / DAY; d++) {
  DATES.push(new Date(EPOCH + d * DAY).toISOString().slice(0, 10));
}
const dayIndex = (iso: string) => (Date.parse(`${iso}T00:00:00Z`) - EPOCH) / DAY;
const REFERENCE = dayIndex(GENERATOR_REFERENCE_DATE);
const FIRST_START = dayIndex('2012-01-01');

const UNIT_NAMES = ['Generator Nord', 'Generator Syd', 'Generator Öst', 'Generator Väst'];
const PROGRAMMES: { code: string; name: string; kind: 'anstallning' | 'aktivitet' | 'utbildning' }[] = [
  { code: 'gen-arbetstraning', name: 'Arbetsträning (generator)', kind: 'aktivitet' },
  { code: 'gen-praktik', name: 'Praktik (generator)', kind: 'aktivitet' },
  { code: 'gen-extratjanst', name: 'Extratjänst (generator)', kind: 'anstallning' },
  { code: 'gen-trainee', name: 'Trainee (generator)', kind: 'anstallning' },
  { code: 'gen-sfi-yrke', name: 'Yrkessvenska (generator)', kind: 'utbildning' },
  { code: 'gen-jobbspar', name: 'Jobbspår (generator)', kind: 'utbildning' },
];
const EXIT_REASONS = [
  'arbete',
  'arbete',
  'arbete',
  'studier',
  'studier',
  'annan_insats',
  'flytt',
  'sjukdom',
  'avbrott',
  'annat',
];
const EMPLOYMENT_FORMS = ['tillsvidare', 'visstid', 'timanställning'];
/** The outcomes a follow-up may record (as the API accepts them), with 'arbete' twice so work is the most common. */
const FOLLOW_UP_OUTCOMES: readonly string[] = ['arbete', ...OUTCOMES];
const FOLLOW_UP_MONTHS = [6, 12, 18];
const INCOME = [
  'forsorjningsstod',
  'forsorjningsstod',
  'forsorjningsstod',
  'aktivitetsstod',
  'ingen',
  'annan',
];

export const PERSON_COLUMNS = [
  'organisation_id',
  'id',
  'personnummer',
  'identity_kind',
  'first_name',
  'last_name',
  'sex',
  'birth_date',
  'protection_level',
  'protection_source',
  'income_source',
  'responsible_unit_id',
  'status',
  'sort_key',
  'search_name',
  'last_entry_at',
  'created_at',
  'updated_at',
] as const;
export const ENROLMENT_COLUMNS = [
  'organisation_id',
  'id',
  'person_id',
  'programme_id',
  'unit_id',
  'status',
  'referred_on',
  'start_date',
  'exit_date',
  'exit_reason',
  'exit_employment_form',
  'created_at',
  'updated_at',
] as const;
export const FOLLOW_UP_COLUMNS = [
  'organisation_id',
  'id',
  'enrolment_id',
  'person_id',
  'months_after_exit',
  'due_on',
  'status',
  'outcome',
  'recorded_at',
] as const;

const sha = (text: string) => createHash('sha256').update(text).digest('hex');
/** A UUID-formatted id from a hex string of at least 32 digits (version nibble 4, variant 8). */
const asUuid = (h: string) =>
  `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
const pick = <T>(rng: Rng, xs: readonly T[]) => xs[Math.floor(rng() * xs.length)]!;

const slotOf = (index: number) => (PERMUTATION_STEP * index + PERMUTATION_OFFSET) % MAX_PARTICIPANTS;
/** The birth day (days since 1961-01-01) of person number `index`, without building the personnummer. */
const birthDayOf = (index: number) => Math.floor(slotOf(index) / BIRTH_NUMBERS);

/** Person number `index` of the organisation: birth day and birth number from the fixed permutation. */
export function generatedPersonnummer(index: number): {
  personnummer: string;
  birthDay: number;
  sex: 'K' | 'M';
} {
  const slot = slotOf(index);
  const birthDay = Math.floor(slot / BIRTH_NUMBERS);
  const birthNumber = 1 + (slot % BIRTH_NUMBERS);
  const date = DATES[birthDay]!;
  const payload = `${date.slice(2, 4)}${date.slice(5, 7)}${date.slice(8, 10)}${String(birthNumber).padStart(3, '0')}`;
  return {
    personnummer: `${date.slice(0, 2)}${payload}${luhnCheckDigit(payload)}`,
    birthDay,
    sex: birthNumber % 2 === 1 ? 'M' : 'K',
  };
}

/** One enrolment of a person's plan: programme index, days, and follow-ups (exited only). */
interface PlannedEnrolment {
  programme: number;
  start: number;
  exit: number | null;
  followUps: number;
}

/** The enrolments of person `index` (global) with `quota` events, from the person's own random stream. */
function planPerson(seed: number, index: number, quota: number, birthDay: number): PlannedEnrolment[] {
  const rng = createSeededRng((Math.imul(seed, 0x9e3779b1) ^ Math.imul(index + 1, 0x85ebca6b)) >>> 0);
  const plan: PlannedEnrolment[] = [];
  let day = Math.max(FIRST_START, birthDay + 18 * 365 + 5) + Math.floor(rng() * 1460);
  let rem = quota;
  while (rem > 0) {
    const programme = Math.floor(rng() * PROGRAMMES.length);
    if (rem === 1) {
      plan.push({ programme, start: day, exit: null, followUps: 0 });
      rem = 0;
    } else {
      const followUps = Math.min(rem - 2, Math.floor(rng() * 4));
      const exit = day + 30 + Math.floor(rng() * 330);
      plan.push({ programme, start: day, exit, followUps });
      rem -= 2 + followUps;
      day = exit + 1 + Math.floor(rng() * 90);
    }
  }
  return plan;
}

const quotaOf = (i: number, participants: number, events: number) =>
  Math.floor((events * (i + 1)) / participants) - Math.floor((events * i) / participants);

/** Counts of a run without generating its rows (for the progress total). */
export function plannedCounts(seed: number, offset: number, participants: number, events: number) {
  let enrolments = 0;
  let exited = 0;
  let followUps = 0;
  for (let i = 0; i < participants; i++) {
    const quota = quotaOf(i, participants, events);
    if (quota === 0) continue;
    for (const e of planPerson(seed, offset + i, quota, birthDayOf(offset + i))) {
      enrolments++;
      if (e.exit !== null) exited++;
      followUps += e.followUps;
    }
  }
  return { enrolments, exited, followUps };
}

/** What a chunk of persons needs to be built anywhere (main thread or worker). */
export interface ChunkSpec {
  seed: number;
  offset: number;
  participants: number;
  events: number;
  organisationId: string;
  unitIds: string[];
  programmeIds: string[];
  idPrefix: string;
}

/** The COPY data of persons `from`…`to − 1` of a run (three tables) and how many rows each holds. */
export interface Chunk {
  person: Uint8Array;
  enrolment: Uint8Array;
  followUp: Uint8Array;
  persons: number;
  enrolments: number;
  exited: number;
  followUps: number;
}

/** Sort key and search name per first and last name (a few hundred pairs, each computed once). */
const nameKeys = new Map<string, { sortKey: string; searchName: string }>();
const EPOCH_DAYS = EPOCH / DAY;
const STAMP_MS = Date.parse(STAMP.replace(' ', 'T').replace('+00', 'Z'));
const NINE_HOURS = 9 * 3_600_000;

export function buildChunk(spec: ChunkSpec, from: number, to: number): Chunk {
  const { seed, offset, participants, events, organisationId, unitIds, programmeIds, idPrefix } = spec;
  const rows = to - from;
  const person = new BinaryCopyWriter(rows * 360);
  const enrolment = new BinaryCopyWriter(rows * 600);
  const followUp = new BinaryCopyWriter(rows * 600);
  const org = parseUuid(organisationId);
  const units = unitIds.map(parseUuid);
  const programmes = programmeIds.map(parseUuid);
  const personPrefix = hexBytes(`${idPrefix}8001`, 10);
  const enrolmentPrefix = hexBytes(`${idPrefix}8002`, 10);
  const followUpPrefix = hexBytes(`${idPrefix}8003`, 10);
  let exitedEnrolments = 0;
  let followUps = 0;
  for (let i = from; i < to; i++) {
    const index = offset + i;
    const quota = quotaOf(i, participants, events);
    const { personnummer, birthDay, sex } = generatedPersonnummer(index);
    const rng = createSeededRng((Math.imul(seed, 0x2c1b3c6d) ^ Math.imul(index + 1, 0x297a2d39)) >>> 0);
    const first = pick(rng, sex === 'K' ? FIRST_NAMES_K : FIRST_NAMES_M);
    const last = pick(rng, LAST_NAMES);
    const nameKey = `${first}\t${last}`;
    let keys = nameKeys.get(nameKey);
    if (keys === undefined) {
      keys = { sortKey: personSortKey(last, first), searchName: normalizeForSearch(`${first} ${last}`) };
      nameKeys.set(nameKey, keys);
    }
    const r = rng();
    const [protectionLevel, protectionSource] =
      r < 0.002
        ? ['skyddad_folkbokforing', 'folkbokforing']
        : r < 0.005
          ? ['sekretessmarkering', 'folkbokforing']
          : ['none', null];
    const unit = units[Math.floor(rng() * units.length)]!;
    const income = pick(rng, INCOME);
    const plan = quota > 0 ? planPerson(seed, index, quota, birthDay) : [];
    const open = plan.length > 0 && plan[plan.length - 1]!.exit === null;
    person
      .row(PERSON_COLUMNS.length)
      .uuidBytes(org)
      .uuidNumbered(personPrefix, index)
      .text(personnummer)
      .text('personnummer')
      .text(first)
      .text(last)
      .text(sex)
      .date(EPOCH_DAYS + birthDay)
      .text(protectionLevel)
      .textOrNull(protectionSource)
      .text(income)
      .uuidBytes(unit)
      .text(open || plan.length === 0 ? 'aktiv' : 'avslutad')
      .text(keys.sortKey)
      .text(keys.searchName)
      .timestamptz(STAMP_MS)
      .timestamptz(STAMP_MS)
      .timestamptz(STAMP_MS);
    for (const [k, e] of plan.entries()) {
      const enrolmentIndex = index * 256 + k;
      enrolment
        .row(ENROLMENT_COLUMNS.length)
        .uuidBytes(org)
        .uuidNumbered(enrolmentPrefix, enrolmentIndex)
        .uuidNumbered(personPrefix, index)
        .uuidBytes(programmes[e.programme]!)
        .uuidBytes(unit);
      if (e.exit === null) {
        enrolment
          .text(enrolmentIndex % 10 === 3 ? 'paused' : 'enrolled')
          .date(EPOCH_DAYS + e.start - 7 - (enrolmentIndex % 21))
          .date(EPOCH_DAYS + e.start)
          .null()
          .null()
          .null();
      } else {
        const reason = EXIT_REASONS[(enrolmentIndex * 7 + e.start) % EXIT_REASONS.length]!;
        enrolment
          .text('exited')
          .date(EPOCH_DAYS + e.start - 7 - (enrolmentIndex % 21))
          .date(EPOCH_DAYS + e.start)
          .date(EPOCH_DAYS + e.exit)
          .text(reason)
          .textOrNull(reason === 'arbete' ? EMPLOYMENT_FORMS[e.exit % EMPLOYMENT_FORMS.length]! : null);
        exitedEnrolments++;
        for (let f = 0; f < e.followUps; f++) {
          const months = FOLLOW_UP_MONTHS[f]!;
          const due = e.exit + Math.round(months * 30.44);
          followUp
            .row(FOLLOW_UP_COLUMNS.length)
            .uuidBytes(org)
            .uuidNumbered(followUpPrefix, enrolmentIndex * 4 + f)
            .uuidNumbered(enrolmentPrefix, enrolmentIndex)
            .uuidNumbered(personPrefix, index)
            .int32(months)
            .date(EPOCH_DAYS + due);
          const recordedAt = EPOCH + due * DAY + NINE_HOURS;
          if (due > REFERENCE) followUp.text('planerad').null().null();
          else if ((enrolmentIndex + f) % 7 === 0) followUp.text('ej_nadd').null().timestamptz(recordedAt);
          else
            followUp
              .text('genomford')
              .text(FOLLOW_UP_OUTCOMES[(enrolmentIndex * 3 + f * 5 + due) % FOLLOW_UP_OUTCOMES.length]!)
              .timestamptz(recordedAt);
        }
        followUps += e.followUps;
      }
      enrolment.timestamptz(STAMP_MS).timestamptz(STAMP_MS);
    }
  }
  const enrolments = enrolment.rows;
  return {
    person: person.finish(),
    enrolment: enrolment.finish(),
    followUp: followUp.finish(),
    persons: rows,
    enrolments,
    exited: exitedEnrolments,
    followUps,
  };
}

interface ChunkProducer {
  build(spec: ChunkSpec, from: number, to: number): Promise<Chunk>;
  close(): Promise<void>;
}

const inlineProducer: ChunkProducer = {
  build: async (spec, from, to) => buildChunk(spec, from, to),
  close: async () => {},
};

/**
 * Builds chunks in a worker thread (generator-worker.mjs), in request order. Started before the
 * load is set up, so the worker has loaded its modules (most of a second) by the time it is asked.
 */
function workerProducer(): ChunkProducer {
  const worker = new Worker(new URL('./generator-worker.mjs', import.meta.url));
  const waiting: { resolve: (c: Chunk) => void; reject: (e: Error) => void }[] = [];
  let failure: Error | null = null;
  const fail = (err: Error) => {
    failure = err;
    for (const w of waiting.splice(0)) w.reject(err);
  };
  worker.on('message', (m: Chunk | { error: string }) => {
    const w = waiting.shift();
    if ('error' in m) fail(new Error(m.error));
    else w?.resolve(m);
  });
  worker.on('error', fail);
  worker.on('exit', (code) => {
    if (waiting.length > 0) fail(new Error(`Generatorns arbetstråd avslutades (kod ${code}).`));
  });
  return {
    build(spec, from, to) {
      if (failure) return Promise.reject(failure);
      return new Promise<Chunk>((resolve, reject) => {
        waiting.push({ resolve, reject });
        worker.postMessage({ spec, from, to });
      });
    },
    close: async () => void (await worker.terminate()),
  };
}

interface Setup {
  organisationId: string;
  unitIds: string[];
  programmeIds: string[];
  offset: number;
}

/** Creates the generator organisation, its units and programmes, or finds them from an earlier run. */
async function setUp(conn: BulkConnection, code: string): Promise<Setup> {
  const existing = await conn.query<{ id: string }>(
    'SELECT id FROM organisation WHERE municipality_code = $1 ORDER BY created_at, id LIMIT 1',
    [code],
  );
  const organisationId = existing[0]?.id ?? asUuid(sha(`insats-generate:organisation:${code}`));
  if (!existing[0]) {
    await conn.query(
      'INSERT INTO organisation (id, name, municipality_code, created_at) VALUES ($1, $2, $3, $4)',
      [organisationId, `Generatorkommun ${code}`, code, STAMP],
    );
  }
  const unitIds: string[] = [];
  for (const name of UNIT_NAMES) {
    const found = await conn.query<{ id: string }>(
      'SELECT id FROM unit WHERE organisation_id = $1 AND name = $2 ORDER BY id LIMIT 1',
      [organisationId, name],
    );
    const id = found[0]?.id ?? asUuid(sha(`insats-generate:unit:${organisationId}:${name}`));
    if (!found[0]) {
      await conn.query(
        "INSERT INTO unit (organisation_id, id, parent_id, name, kind, created_at) VALUES ($1, $2, NULL, $3, 'enhet', $4)",
        [organisationId, id, name, STAMP],
      );
    }
    unitIds.push(id);
  }
  const programmeIds: string[] = [];
  for (const [i, p] of PROGRAMMES.entries()) {
    const found = await conn.query<{ id: string }>(
      'SELECT id FROM programme WHERE organisation_id = $1 AND code = $2',
      [organisationId, p.code],
    );
    const id = found[0]?.id ?? asUuid(sha(`insats-generate:programme:${organisationId}:${p.code}`));
    if (!found[0]) {
      await conn.query(
        `INSERT INTO programme (organisation_id, id, code, name, kind, unit_id, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $7)`,
        [organisationId, id, p.code, p.name, p.kind, unitIds[i % unitIds.length], STAMP],
      );
    }
    programmeIds.push(id);
  }
  const count = await conn.query<{ n: string | number }>(
    'SELECT count(*) AS n FROM person WHERE organisation_id = $1',
    [organisationId],
  );
  return { organisationId, unitIds, programmeIds, offset: Number(count[0]?.n ?? 0) };
}

/** Generates and loads one run; see the module comment. One transaction: all or nothing. */
export async function generate(database: Database, opts: GenerateOptions): Promise<GenerateResult> {
  const participants = opts.participants;
  const events = opts.events;
  const seed = opts.seed ?? 1;
  const code = opts.organisationCode ?? DEFAULT_CODE;
  if (!Number.isSafeInteger(participants) || participants < 1)
    throw new Error('Antalet deltagare ska vara ett positivt heltal.');
  if (!Number.isSafeInteger(events) || events < 0)
    throw new Error('Antalet händelser ska vara ett heltal ≥ 0.');
  if (events > participants * 100) throw new Error('Högst 100 händelser per deltagare.');
  const started = process.hrtime.bigint();
  const chunkRows = opts.chunkRows ?? 300_000;
  // At most participants + events rows (each exited enrolment holds two events in one row).
  const useWorker =
    opts.worker === 'auto' || opts.worker === undefined ? participants + events > 3 * chunkRows : opts.worker;
  // The worker starts loading its modules now; the first chunk is built here while it does.
  const worker = useWorker ? workerProducer() : null;

  try {
    return await database.bulk(async (conn) => {
      await conn.query('BEGIN');
      try {
        const setup = await setUp(conn, code);
        const { organisationId, unitIds, programmeIds, offset } = setup;
        if (offset + participants > MAX_PARTICIPANTS) {
          throw new Error(`Organisationen rymmer högst ${MAX_PARTICIPANTS} genererade deltagare.`);
        }
        const counts = plannedCounts(seed, offset, participants, events);
        const rowsTotal = participants + counts.enrolments + counts.followUps;
        const rebuild =
          opts.rebuildIndexes === 'auto' || opts.rebuildIndexes === undefined
            ? rowsTotal >= 100_000
            : opts.rebuildIndexes;
        // Sort memory for rebuilding the indexes (maintenance_work_mem) and for the joins that check the
        // re-added foreign keys (work_mem): at 1M participants and 20M events the rebuild took 243 s
        // with 256MB / 4MB and 197 s with these. PGlite's WASM heap is capped at 2 GB; these fit beside
        // its 128MB of shared buffers, and both end with the load's transaction.
        await conn.query("SET LOCAL maintenance_work_mem = '1GB'");
        await conn.query("SET LOCAL work_mem = '512MB'");
        // No outcome marks per loaded enrolment (migration 015): the caller rebuilds every outcome row
        // after the load instead (refreshAllOutcomes), which is one statement instead of a mark per row.
        await conn.query("SELECT set_config('insats.bulk_load', 'on', true)");
        // What makes COPY slow is dropped before the load and built again after it (bulk-definitions.ts).
        const catalogue: CatalogueQuery = (text, params) => conn.query(text, params);
        const saved = rebuild
          ? await droppableDefinitions(catalogue, TABLES)
          : { primaryKeys: [], indexes: [], foreignKeys: [] };
        await dropDefinitions(catalogue, saved);

        const idBase = sha(`insats-generate:rows:${organisationId}:${seed}`);
        const spec: ChunkSpec = {
          seed,
          offset,
          participants,
          events,
          organisationId,
          unitIds,
          programmeIds,
          idPrefix: `${idBase.slice(0, 8)}-${idBase.slice(8, 12)}-4${idBase.slice(13, 16)}-`,
        };
        const personsPerChunk = Math.max(1, Math.floor(chunkRows / (rowsTotal / participants)));
        const chunks: [number, number][] = [];
        for (let from = 0; from < participants; from += personsPerChunk) {
          chunks.push([from, Math.min(participants, from + personsPerChunk)]);
        }
        let rowsDone = 0;
        let enrolments = 0;
        let exitedEnrolments = 0;
        let followUps = 0;
        opts.onProgress?.(0, rowsTotal);
        // While one chunk is copied, the worker (if any) builds the next. The first chunk is built here
        // while the worker is still loading its modules.
        const build = (c: number) =>
          (c === 0 ? inlineProducer : (worker ?? inlineProducer)).build(spec, ...chunks[c]!);
        let next = chunks.length > 0 ? build(0) : null;
        for (let c = 0; c < chunks.length; c++) {
          const chunk = await next!;
          next = c + 1 < chunks.length ? build(c + 1) : null;
          enrolments += chunk.enrolments;
          exitedEnrolments += chunk.exited;
          followUps += chunk.followUps;
          for (const [table, columns, data, rows] of [
            ['person', PERSON_COLUMNS, chunk.person, chunk.persons],
            ['enrolment', ENROLMENT_COLUMNS, chunk.enrolment, chunk.enrolments],
            ['follow_up', FOLLOW_UP_COLUMNS, chunk.followUp, chunk.followUps],
          ] as const) {
            if (rows === 0) continue;
            await conn.copyIn(table, columns, data);
            rowsDone += rows;
            opts.onProgress?.(rowsDone, rowsTotal);
          }
        }
        const copySeconds = Number(process.hrtime.bigint() - started) / 1e9;

        if (rebuild) opts.onPhase?.('index');
        const indexStarted = process.hrtime.bigint();
        for (const statement of rebuildStatements(saved)) await conn.query(statement);
        const indexSeconds = Number(process.hrtime.bigint() - indexStarted) / 1e9;
        await conn.query('COMMIT');
        opts.onPhase?.('analyze');
        for (const table of TABLES) await conn.query(`ANALYZE ${table}`);
        return {
          organisationId,
          unitIds,
          programmeIds,
          participants,
          events,
          enrolments,
          exitedEnrolments,
          followUps,
          rows: rowsDone,
          seconds: Number(process.hrtime.bigint() - started) / 1e9,
          copySeconds,
          indexSeconds,
          rebuiltIndexes: rebuild,
        };
      } catch (err) {
        await conn.query('ROLLBACK').catch(() => {});
        throw err;
      }
    });
  } finally {
    await worker?.close();
  }
}
