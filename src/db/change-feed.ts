import pg from 'pg';
import type { WriteCounter } from './read-cache.ts';

/** The channel the `data_changed` statement triggers notify on (migration 017). */
export const CHANGE_CHANNEL = 'insats_data_changed';

export interface ChangeFeedOptions {
  /** Connection settings for the listening connection (the pool's own). */
  connection: pg.ClientConfig;
  /** Writes through this process's pool, counted as they happen. */
  local: WriteCounter;
  /** The exact version to use while not listening: the server's snapshot. */
  fallback: () => Promise<string>;
  /** Wait before reconnecting a lost listening connection (default 1 s). */
  retryMs?: number;
}

export interface ChangeFeed {
  /** The data version for cached reads (see read-cache.ts). */
  version(): string | Promise<string>;
  /** True while notifications are being received. */
  readonly listening: boolean;
  close(): Promise<void>;
}

/**
 * PostgreSQL's data version without a round trip per request. Every table has a statement trigger that
 * notifies `insats_data_changed` (migration 017), whoever writes: this process, another instance, the
 * CLI or SQL by hand. One connection LISTENs, and the version is the count of notifications received
 * plus this process's own writes (counted as they commit, so a user always reads their own writes).
 *
 * Another process's commit is seen when its notification arrives, a few milliseconds later; that is the
 * one way this differs from reading the database. While the listening connection is down (before it has
 * connected, or after it is lost), the version is the server's snapshot, which is exact; on reconnect the
 * epoch moves, so nothing read before the gap is served after it.
 */
export function startChangeFeed(opts: ChangeFeedOptions): ChangeFeed {
  const retryMs = opts.retryMs ?? 1_000;
  let epoch = 0;
  let received = 0;
  let client: pg.Client | undefined;
  let listening = false;
  let closed = false;
  let retry: NodeJS.Timeout | undefined;

  const lost = (c: pg.Client) => {
    if (client !== c) return;
    client = undefined;
    listening = false;
    c.removeAllListeners('notification');
    c.end().catch(() => {});
    if (!closed) {
      retry = setTimeout(connect, retryMs);
      retry.unref();
    }
  };

  async function connect() {
    retry = undefined;
    if (closed) return;
    const c = new pg.Client(opts.connection);
    client = c;
    c.on('error', () => lost(c));
    c.on('end', () => lost(c));
    c.on('notification', (msg) => {
      if (msg.channel === CHANGE_CHANNEL) received++;
    });
    try {
      await c.connect();
      await c.query(`LISTEN ${CHANGE_CHANNEL}`);
      // The listening connection never keeps the process alive on its own.
      (c as unknown as { connection?: { stream?: { unref?: () => void } } }).connection?.stream?.unref?.();
      if (client !== c || closed) {
        await c.end().catch(() => {});
        return;
      }
      // Anything cached before now may have missed a notification: start a new epoch.
      epoch++;
      listening = true;
    } catch {
      lost(c);
    }
  }

  // Connects on first use: a CLI command that never reads through the cache opens no extra connection.
  let started = false;

  return {
    version() {
      if (!started && !closed) {
        started = true;
        void connect();
      }
      if (!listening) return opts.fallback();
      return `${epoch}.${received}.${opts.local.version}`;
    },
    get listening() {
      return listening;
    },
    async close() {
      closed = true;
      listening = false;
      if (retry) clearTimeout(retry);
      const c = client;
      client = undefined;
      await c?.end().catch(() => {});
    },
  };
}
