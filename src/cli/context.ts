import { randomUUID } from 'node:crypto';
import { type Clock, systemClock } from '../clock.ts';
import { type Config, loadConfig } from '../config.ts';
import type { Ctx } from '../context.ts';
import { type Database, openDatabase } from '../db/connection.ts';

/** Opens the configured database (embedded unless DATABASE_URL is set), migrated. */
export async function openConfiguredDatabase(config: Config = loadConfig()): Promise<Database> {
  const readCache = config.readCache;
  return config.databaseUrl
    ? openDatabase({ url: config.databaseUrl, readCache })
    : openDatabase({ dataDir: config.dataDir, readCache });
}

/** A context for work done by the system itself (CLI commands): no actor, a request id per command. */
export function systemCtx(database: Database, clock: Clock = systemClock): Ctx {
  return {
    db: database.db,
    clock,
    actor: null,
    requestId: `cli-${randomUUID()}`,
    clientAddress: null,
    lang: 'sv',
  };
}
