import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import type { Database } from './connection.ts';

const MIGRATIONS_DIR = path.join(import.meta.dirname, 'migrations');

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** Numbered forward-only migrations: `src/db/migrations/NNN_name.sql`. */
export function listMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return readdirSync(dir)
    .filter((f) => /^\d{3}_[a-z0-9_]+\.sql$/.test(f))
    .sort()
    .map((f) => ({
      version: Number.parseInt(f.slice(0, 3), 10),
      name: f.slice(4, -4),
      sql: readFileSync(path.join(dir, f), 'utf8'),
    }));
}

/** Applies pending migrations, each in its own transaction, under an advisory lock. Returns those applied. */
export async function migrate(database: Database, migrations = listMigrations()): Promise<Migration[]> {
  await database.runScript(
    `CREATE TABLE IF NOT EXISTS schema_migration (
       version integer PRIMARY KEY,
       name text NOT NULL,
       applied_at timestamptz NOT NULL DEFAULT now()
     )`,
  );
  const applied: Migration[] = [];
  for (const m of migrations) {
    const done = await sql<{
      n: number;
    }>`SELECT count(*)::int AS n FROM schema_migration WHERE version = ${m.version}`.execute(database.db);
    if ((done.rows[0]?.n ?? 0) > 0) continue;
    // The advisory lock serialises concurrent starters on PostgreSQL; the re-check inside skips work done meanwhile.
    const script = `BEGIN;
SELECT pg_advisory_xact_lock(727274);
DO $$ BEGIN
  IF EXISTS (SELECT 1 FROM schema_migration WHERE version = ${m.version}) THEN
    RAISE EXCEPTION 'insats-migration-already-applied';
  END IF;
END $$;
${m.sql}
;
INSERT INTO schema_migration (version, name) VALUES (${m.version}, '${m.name}');
COMMIT;`;
    try {
      await database.runScript(script);
      applied.push(m);
    } catch (err) {
      if (String((err as Error).message).includes('insats-migration-already-applied')) continue;
      throw new Error(`Migrering ${m.version} (${m.name}) misslyckades: ${(err as Error).message}`);
    }
  }
  return applied;
}
