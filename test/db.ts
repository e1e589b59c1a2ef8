import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { inject } from 'vitest';
import { type Database, openDatabase } from '../src/db/connection.ts';

export const testEngine: 'pglite' | 'pg' = process.env.TEST_DATABASE_URL ? 'pg' : 'pglite';

/**
 * A fresh, migrated database for one test file: a PGlite loaded from the template dump, or a
 * PostgreSQL database created from the template database. `close()` drops it again.
 */
export async function createTestDatabase(): Promise<Database> {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) {
    const template = inject('pgliteTemplate');
    const database = template
      ? await openDatabase({ loadDataDir: new Blob([readFileSync(template)]), migrate: false })
      : await openDatabase({});
    return database;
  }
  const name = `insats_t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name} TEMPLATE ${inject('pgTemplateDb')}`);
  await admin.end();
  const u = new URL(url);
  u.pathname = `/${name}`;
  const database = await openDatabase({ url: u.toString(), migrate: false, poolSize: 20 });
  const close = database.close.bind(database);
  database.close = async () => {
    await close();
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await c.end();
  };
  return database;
}
