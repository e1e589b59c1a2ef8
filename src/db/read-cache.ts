import { sql } from 'kysely';
import type { Db } from './connection.ts';

/**
 * Cached reads keyed on a data version: a value that changes whenever committed data may have
 * changed. A cached value is served only while the version it was read under is still current, so a
 * cached read never returns data older than a plain read would; a cache only skips work.
 *
 * - **PGlite:** the process owns the data directory (file lock) and its one connection, so every write
 *   passes through this process's driver, which counts them (`WriteCounter`). Reading the version is
 *   free.
 * - **PostgreSQL:** other processes write too (other app instances, the CLI, SQL by hand), so the
 *   version also counts the notifications that every table's `data_changed` trigger sends at commit
 *   (change-feed.ts): another process's write is seen when its notification arrives, milliseconds
 *   after the commit. While not listening, the version is the server's snapshot
 *   (`pg_current_snapshot()`: xmin, xmax and the transactions in progress), which is exact: two equal
 *   snapshots see the same committed data, since a transaction that ends moves xmax or leaves the
 *   in-progress list. It costs one trivial round trip per read.
 *
 * The version is read before the data, so a cached value is never older than its version; a write
 * that lands in between only makes the value newer, and the version has moved on by then.
 */
export type VersionSource = () => string | Promise<string>;

const sources = new WeakMap<Db, VersionSource>();

export function registerDataVersion(db: Db, source: VersionSource): void {
  sources.set(db, source);
}

/** PostgreSQL's version source: the current snapshot as text. */
export function snapshotVersion(db: Db): () => Promise<string> {
  return async () => {
    const r = await sql<{ v: string }>`SELECT pg_current_snapshot()::text AS v`.execute(db);
    return r.rows[0]!.v;
  };
}

/**
 * Counts this process's writes (on PGlite all writes). Conservative by design: every statement that is
 * not plainly a read (see isPlainRead) counts, before and after it runs, and so does every
 * transaction's begin and end, so reads inside a transaction need no classification. A false "write"
 * only costs a cache miss.
 */
export class WriteCounter {
  private n = 0;
  get version(): string {
    return String(this.n);
  }
  bump(): void {
    this.n++;
  }
  /** Runs `work` counted as a write, before and after: a read that took the version in between reads newer data. */
  count<T>(work: () => Promise<T>): Promise<T> {
    this.bump();
    return work().finally(() => this.bump());
  }
  /** Runs one statement, counted as a write unless it is plainly a read. */
  statement<T>(sql: string, run: () => Promise<T>): Promise<T> {
    return isPlainRead(sql) ? run() : this.count(run);
  }
}

// Functions that write or change session state although called from a SELECT.
const WRITING_CALL = /\b(outcome_rollup_rebuild|set_config|nextval|setval|pg_notify|pg_advisory\w*)\s*\(/i;
const DATA_MODIFYING = /\b(insert|update|delete|merge|truncate|copy)\b/i;

/** True when a statement can only read (see WriteCounter); unknown shapes count as writes. */
export function isPlainRead(statement: string): boolean {
  const s = statement.replace(/^(\s|--[^\n]*\n|\()+/, '');
  if (/^select\b/i.test(s)) return !WRITING_CALL.test(s) && !/\binto\b/i.test(s);
  if (/^with\b/i.test(s)) return !WRITING_CALL.test(s) && !DATA_MODIFYING.test(s);
  return false;
}

interface Entry {
  version: string;
  value: unknown;
}

const caches = new WeakMap<Db, Map<string, Entry>>();
// Keys are per organisation, session or day; this only guards memory.
const MAX_ENTRIES = 10_000;

/**
 * Reads `key` through the cache: the stored value when it was read under the current data version,
 * else `load()` (and stores it). Without a registered version source (e.g. `db` is a transaction),
 * it simply loads. Callers must treat the returned value as read-only: it is shared between requests.
 */
export async function cachedRead<T>(db: Db, key: string, load: () => Promise<T>): Promise<T> {
  const source = sources.get(db);
  if (!source) return load();
  const version = await source();
  let cache = caches.get(db);
  if (!cache) {
    cache = new Map();
    caches.set(db, cache);
  }
  const hit = cache.get(key);
  if (hit && hit.version === version) return hit.value as T;
  const value = await load();
  if (cache.size >= MAX_ENTRIES) cache.clear();
  cache.set(key, { version, value });
  return value;
}
