import { existsSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect, type Transaction } from 'kysely';
import pg from 'pg';
import { type ChangeFeed, startChangeFeed } from './change-feed.ts';
import { loadCodeLists } from './codelists.ts';
import { copyFromStdin } from './copy-in.ts';
import { acquireDataDirLock } from './lock.ts';
import { migrate } from './migrate.ts';
import { type CopyDevice, createCopyDevice } from './pglite-copy-device.ts';
import { Mutex, PGliteDialect } from './pglite-driver.ts';
import { registerDataVersion, snapshotVersion, WriteCounter } from './read-cache.ts';
import type { Schema } from './schema.ts';

export type Db = Kysely<Schema>;
/** A query target: the database or an open transaction on it. */
export type Tx = Transaction<Schema> | Db;

/** One open database, embedded (PGlite) or server (PostgreSQL), behind the same Kysely API. */
export interface Database {
  kind: 'pglite' | 'pg';
  db: Db;
  /** Runs a multi-statement script without parameters (migrations, maintenance). */
  runScript(script: string): Promise<void>;
  /** Forces dirty pages to disk (CHECKPOINT). */
  checkpoint(): Promise<void>;
  close(): Promise<void>;
  /** PGlite only: the whole data directory as a tarball (backup). */
  dumpDataDir?(): Promise<Blob>;
  /**
   * Bulk loading (`insats generate`): runs `fn` on one dedicated connection (on PGlite its only one,
   * held for the whole call) that can COPY. Nothing else may use that connection meanwhile.
   */
  bulk<T>(fn: (conn: BulkConnection) => Promise<T>): Promise<T>;
  /** PostgreSQL only: the notifications that version cached reads (change-feed.ts). */
  changeFeed?: ChangeFeed;
}

/** One connection for bulk loading: plain statements and COPY of binary-format data (copy-binary.ts). */
export interface BulkConnection {
  query<R = Record<string, unknown>>(text: string, params?: unknown[]): Promise<R[]>;
  /** COPY `table (columns)` from `data` in PostgreSQL's binary COPY format (BinaryCopyWriter). */
  copyIn(table: string, columns: readonly string[], data: Uint8Array): Promise<void>;
}

const copyStatement = (table: string, columns: readonly string[], source: string) =>
  `COPY ${table} (${columns.join(', ')}) FROM ${source} WITH (FORMAT binary)`;

// Same value shapes on both engines: int8 and numeric as numbers, date as 'YYYY-MM-DD' strings.
const OID_INT8 = 20;
const OID_NUMERIC = 1700;
const OID_DATE = 1082;
const toNumber = (v: string) => Number(v);
const asIs = (v: string) => v;

export interface OpenOptions {
  /** PostgreSQL connection string; embedded PGlite when absent. */
  url?: string;
  /** PGlite data directory root (`<dataDir>/pgdata` holds the cluster); in-memory when absent. */
  dataDir?: string;
  /** PGlite only: start from a dumped data directory (tests clone a migrated template this way). */
  loadDataDir?: Blob;
  /** Apply pending migrations on open (default true). */
  migrate?: boolean;
  /** Pool size for PostgreSQL (default 10). */
  poolSize?: number;
  /** Cached reads keyed on a data version (read-cache.ts; default true). Off, every read queries. */
  readCache?: boolean;
}

export async function openDatabase(opts: OpenOptions): Promise<Database> {
  const readCache = opts.readCache !== false;
  const database = opts.url
    ? openPostgres(opts.url, opts.poolSize ?? 10, readCache)
    : await openPglite(opts, readCache);
  if (opts.migrate !== false) {
    try {
      await migrate(database);
      await loadCodeLists(database.db);
    } catch (err) {
      await database.close();
      throw err;
    }
  }
  return database;
}

function openPostgres(url: string, poolSize: number, readCache: boolean): Database {
  const pool = new pg.Pool({
    connectionString: url,
    max: poolSize,
    connectionTimeoutMillis: 5_000,
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
        if (oid === OID_INT8 || oid === OID_NUMERIC) return toNumber;
        if (oid === OID_DATE) return asIs;
        return pg.types.getTypeParser(oid, format);
      }) as typeof pg.types.getTypeParser,
    },
  });
  // An idle client that loses its server must not crash the process; the next query reports it.
  pool.on('error', () => {});
  const writes = new WriteCounter();
  const db = new Kysely<Schema>({ dialect: new PostgresDialect({ pool: countingPool(pool, writes) }) });
  const feed = readCache
    ? startChangeFeed({
        connection: { connectionString: url, connectionTimeoutMillis: 5_000 },
        local: writes,
        fallback: snapshotVersion(db),
      })
    : undefined;
  if (feed) registerDataVersion(db, () => feed.version());
  return {
    kind: 'pg',
    db,
    ...(feed ? { changeFeed: feed } : {}),
    async runScript(script) {
      const client = await pool.connect();
      try {
        await writes.count(() => client.query(script));
      } catch (err) {
        await client.query('ROLLBACK').catch(() => {});
        throw err;
      } finally {
        client.release();
      }
    },
    async checkpoint() {
      // A non-superuser may not CHECKPOINT; the server flushes on its own schedule.
    },
    async close() {
      await feed?.close();
      await db.destroy();
    },
    async bulk(fn) {
      const client = await pool.connect();
      try {
        return await writes.count(() =>
          fn({
            query: async (text, params) => (await client.query(text, params)).rows,
            copyIn: async (table, columns, data) =>
              void (await copyFromStdin(client, copyStatement(table, columns, 'STDIN'), data)),
          }),
        );
      } finally {
        client.release();
      }
    },
  };
}

/**
 * The pool as Kysely sees it, with every statement that is not plainly a read counted (before and
 * after) as this process's write, for cached reads (read-cache.ts). One wrapper per pooled client, so
 * Kysely's per-client state stays attached to the same object.
 */
function countingPool(pool: pg.Pool, writes: WriteCounter) {
  const wrapped = new WeakMap<pg.PoolClient, pg.PoolClient>();
  const wrap = (client: pg.PoolClient): pg.PoolClient => {
    let w = wrapped.get(client);
    if (!w) {
      const query = (text: unknown, params?: unknown[]) => {
        // Kysely passes SQL text, or a cursor when streaming a SELECT (returned as is).
        if (typeof text !== 'string') return client.query(text as never);
        return writes.statement(text, () => client.query(text, params));
      };
      w = { query, release: (err?: Error | boolean) => client.release(err) } as unknown as pg.PoolClient;
      wrapped.set(client, w);
    }
    return w;
  };
  return {
    connect: async () => wrap(await pool.connect()),
    end: () => pool.end(),
  };
}

/** Session setting that is 'on' on PGlite, whose one connection is the only session there is. */
export const SINGLE_SESSION_SETTING = 'insats.single_session';

function pgliteOptions() {
  return {
    parsers: { [OID_INT8]: toNumber, [OID_NUMERIC]: toNumber, [OID_DATE]: asIs },
  };
}

async function openPglite(opts: OpenOptions, readCache: boolean): Promise<Database> {
  let release: (() => void) | undefined;
  let pgl: PGlite;
  if (opts.dataDir) {
    mkdirSync(opts.dataDir, { recursive: true });
    release = acquireDataDirLock(opts.dataDir);
    try {
      const finalDir = path.join(opts.dataDir, 'pgdata');
      removeInterruptedInits(opts.dataDir);
      if (!existsSync(finalDir)) await initialiseDataDir(opts.dataDir, finalDir);
      pgl = new PGlite(finalDir, pgliteOptions());
      await pgl.waitReady;
    } catch (err) {
      release();
      throw err;
    }
  } else {
    pgl = new PGlite({ ...pgliteOptions(), ...(opts.loadDataDir ? { loadDataDir: opts.loadDataDir } : {}) });
    await pgl.waitReady;
  }
  // Marks the session as the database's only one (PGlite has one connection, serialised by a mutex):
  // statements that are safe only without concurrent sessions check it (refresh-outcomes.ts).
  await pgl.exec(`SET ${SINGLE_SESSION_SETTING} = 'on'`);
  return wrapPglite(pgl, release, readCache);
}

function wrapPglite(pgl: PGlite, release?: () => void, readCache = true): Database {
  const mutex = new Mutex();
  const writes = new WriteCounter();
  const db = new Kysely<Schema>({ dialect: new PGliteDialect(pgl, mutex, writes) });
  if (readCache) registerDataVersion(db, () => writes.version);
  let closed = false;
  let copyDevice: CopyDevice | undefined;
  return {
    kind: 'pglite',
    db,
    runScript: (script) =>
      mutex.run(() =>
        writes.count(async () => {
          try {
            await pgl.exec(script);
          } catch (err) {
            await pgl.exec('ROLLBACK').catch(() => {});
            throw err;
          }
        }),
      ),
    checkpoint: () => mutex.run(async () => void (await pgl.exec('CHECKPOINT'))),
    async close() {
      if (closed) return;
      closed = true;
      try {
        if (!pgl.closed) {
          await mutex.run(async () => {
            await pgl.exec('CHECKPOINT');
            await pgl.close();
          });
        }
      } finally {
        release?.();
      }
    },
    dumpDataDir: () => mutex.run(async () => (await pgl.dumpDataDir('gzip')) as Blob),
    bulk: (fn) =>
      mutex.run(() =>
        writes.count(() =>
          fn({
            query: async (text, params) => (await pgl.query(text, params)).rows as never[],
            // PGlite reads COPY input from a file in its virtual file system: our device (pglite-copy-device.ts).
            copyIn: async (table, columns, data) => {
              copyDevice ??= createCopyDevice(pgl);
              const device = copyDevice;
              await device.serve(data, () => pgl.query(copyStatement(table, columns, `'${device.path}'`)));
            },
          }),
        ),
      ),
  };
}

/** Leftovers of a first start that was interrupted before its rename are thrown away. */
function removeInterruptedInits(dataDir: string): void {
  for (const name of readdirSync(dataDir)) {
    if (name.startsWith('pgdata.init-')) rmSync(path.join(dataDir, name), { recursive: true, force: true });
  }
}

/**
 * First start: initdb and migrate into a temporary directory, then rename it into place, so an
 * interrupted first start never leaves a half-made database behind.
 */
async function initialiseDataDir(dataDir: string, finalDir: string): Promise<void> {
  const tmpDir = path.join(dataDir, `pgdata.init-${process.pid}`);
  const pgl = new PGlite(tmpDir, pgliteOptions());
  await pgl.waitReady;
  const tmpDb = wrapPglite(pgl);
  try {
    await migrate(tmpDb);
    await loadCodeLists(tmpDb.db);
  } finally {
    await tmpDb.close();
  }
  renameSync(tmpDir, finalDir);
}
