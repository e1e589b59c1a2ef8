import fc from 'fast-check';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testEngine } from '../../test/db.ts';
import { loadConfig } from '../config.ts';
import { type Database, openDatabase } from './connection.ts';
import { cachedRead, isPlainRead } from './read-cache.ts';

describe('isPlainRead', () => {
  it('counts only plain reads as reads; every other shape is a write', () => {
    const reads = [
      'select * from "programme" where "organisation_id" = $1',
      '  SELECT 1',
      '(select 1) union (select 2)',
      '-- a comment\nselect n from t',
      'with x as (select 1) select * from x',
      'select "updated_at", "deleted" from t',
      'select pg_current_snapshot()::text',
    ];
    const writes = [
      'insert into "audit_event" ("id") values ($1)',
      'update "session" set "last_seen_at" = $1',
      'delete from t',
      'begin',
      'commit',
      'rollback',
      'truncate t',
      'with x as (delete from t returning *) select * from x',
      'with x as (select 1) insert into t select * from x',
      "SELECT set_config('insats.bulk_load', 'on', true)",
      'SELECT outcome_rollup_rebuild($1::uuid)',
      'select pg_advisory_xact_lock(1, 2)',
      'select nextval($1)',
      'select 1 into t2',
      'CREATE TABLE t (n int)',
      'copy t from stdin',
      'vacuum',
      '',
    ];
    for (const s of reads) expect(isPlainRead(s), s).toBe(true);
    for (const s of writes) expect(isPlainRead(s), s).toBe(false);
  });
});

describe('INSATS_READ_CACHE', () => {
  it('is on unless set to off; anything else is refused in Swedish', async () => {
    expect(loadConfig({}).readCache).toBe(true);
    expect(loadConfig({ INSATS_READ_CACHE: 'on' }).readCache).toBe(true);
    expect(loadConfig({ INSATS_READ_CACHE: 'off' }).readCache).toBe(false);
    expect(() => loadConfig({ INSATS_READ_CACHE: 'nej' })).toThrow(/Ogiltigt värde för INSATS_READ_CACHE/);
  });

  it('off: every cached read queries', async () => {
    const database = await openDatabase({ readCache: false, migrate: false });
    try {
      let loads = 0;
      const read = () =>
        cachedRead(database.db, 'k', async () => {
          loads++;
          return (await sql<{ n: number }>`SELECT 1 AS n`.execute(database.db)).rows[0]!.n;
        });
      await read();
      await read();
      expect(loads).toBe(2);
    } finally {
      await database.close();
    }
  });
});

describe(`cached reads (${testEngine})`, () => {
  let database: Database;
  let outside: pg.Client | undefined;

  beforeAll(async () => {
    database = await createTestDatabase();
    await database.runScript(`CREATE TABLE cache_probe (id serial PRIMARY KEY, n int NOT NULL);
      CREATE TRIGGER data_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON cache_probe
        FOR EACH STATEMENT EXECUTE FUNCTION notify_data_changed();`);
    if (testEngine === 'pg') {
      // A second writer the app's pool knows nothing of: another instance, the CLI, SQL by hand.
      const name = (await sql<{ d: string }>`SELECT current_database() AS d`.execute(database.db)).rows[0]!.d;
      const u = new URL(process.env.TEST_DATABASE_URL!);
      u.pathname = `/${name}`;
      outside = new pg.Client({ connectionString: u.toString() });
      await outside.connect();
    }
  });
  afterAll(async () => {
    await outside?.end();
    await database?.close();
  });

  const fresh = async () =>
    Number(
      (await sql<{ s: number }>`SELECT coalesce(sum(n), 0)::int AS s FROM cache_probe`.execute(database.db))
        .rows[0]!.s,
    );

  let loads = 0;
  const cached = () =>
    cachedRead(database.db, 'probe', async () => {
      loads++;
      return fresh();
    });

  const eventually = async (check: () => Promise<void>, ms = 2_000) => {
    const until = Date.now() + ms;
    for (;;) {
      try {
        return await check();
      } catch (err) {
        if (Date.now() > until) throw err;
        await new Promise((r) => setTimeout(r, 10));
      }
    }
  };

  type Op = { kind: string; n: number };
  const write = async (op: Op) => {
    const db = database.db;
    switch (op.kind) {
      case 'insert':
        await db
          .insertInto('cache_probe' as never)
          .values({ n: op.n } as never)
          .execute();
        break;
      case 'update-in-transaction':
        await db.transaction().execute(async (tx) => {
          await sql`UPDATE cache_probe SET n = n + ${op.n}`.execute(tx);
        });
        break;
      case 'rolled-back':
        await db
          .transaction()
          .execute(async (tx) => {
            await sql`INSERT INTO cache_probe (n) VALUES (${op.n})`.execute(tx);
            throw new Error('rollback');
          })
          .catch(() => {});
        break;
      case 'delete-via-cte':
        await sql`WITH gone AS (DELETE FROM cache_probe WHERE n % 2 = 0 RETURNING id) SELECT count(*) FROM gone`.execute(
          db,
        );
        break;
      case 'script':
        await database.runScript(
          `INSERT INTO cache_probe (n) VALUES (${op.n}); UPDATE cache_probe SET n = n - 1;`,
        );
        break;
      case 'outside':
        // PostgreSQL: another connection altogether. PGlite: the bulk connection, which bypasses Kysely.
        if (outside) await outside.query('INSERT INTO cache_probe (n) VALUES ($1)', [op.n]);
        else await database.bulk((conn) => conn.query('INSERT INTO cache_probe (n) VALUES ($1)', [op.n]));
        break;
    }
  };

  it('never serves a value older than a plain read, whatever writes come between', async () => {
    const op = fc.record({
      kind: fc.constantFrom(
        'insert',
        'update-in-transaction',
        'rolled-back',
        'delete-via-cte',
        'script',
        'outside',
        'read',
        'concurrent',
      ),
      n: fc.integer({ min: 1, max: 50 }),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 12 }), async (ops) => {
        for (const o of ops) {
          if (o.kind === 'concurrent') {
            // A cached read racing a write: whatever it returns, the next read must be current.
            await Promise.all([cached(), write({ kind: 'insert', n: o.n })]);
          } else if (o.kind === 'outside' && testEngine === 'pg') {
            // Another process's write is seen when its notification arrives: within milliseconds.
            await write(o);
            await eventually(async () => expect(await cached()).toBe(await fresh()));
          } else if (o.kind !== 'read') {
            await write(o);
          }
          expect(await cached()).toBe(await fresh());
        }
      }),
      { numRuns: testEngine === 'pg' ? 25 : 40 },
    );
  });

  it('every table notifies its writes (a table added later needs the data_changed trigger too)', async () => {
    const missing = await sql<{ t: string }>`
      SELECT c.relname AS t FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p')
         AND NOT EXISTS (SELECT 1 FROM pg_trigger g WHERE g.tgrelid = c.oid AND g.tgname = 'data_changed')
       ORDER BY 1`.execute(database.db);
    expect(missing.rows.map((r) => r.t)).toEqual([]);
    const tables = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = current_schema() AND c.relkind = 'r'`.execute(database.db);
    expect(tables.rows[0]!.n).toBeGreaterThan(40);
  });

  it.runIf(testEngine === 'pg')(
    'while the listening connection is lost, reads are versioned by the snapshot, exactly; it reconnects',
    async () => {
      const feed = database.changeFeed!;
      await cached();
      await eventually(async () => expect(feed.listening).toBe(true));
      // Notified writes from elsewhere reach the cache without a query per read.
      await write({ kind: 'outside', n: 7 });
      await eventually(async () => expect(await cached()).toBe(await fresh()));
      await outside!.query(
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
          WHERE datname = current_database() AND pid <> pg_backend_pid() AND query ILIKE 'LISTEN%'`,
      );
      await eventually(async () => expect(feed.listening).toBe(false));
      for (let i = 0; i < 3; i++) {
        await write({ kind: 'outside', n: i + 1 });
        expect(await cached()).toBe(await fresh());
      }
      await eventually(async () => expect(feed.listening).toBe(true), 5_000);
      await write({ kind: 'outside', n: 5 });
      await eventually(async () => expect(await cached()).toBe(await fresh()));
    },
  );

  it('serves repeated reads from the cache until something is written', async () => {
    await cached(); // on PostgreSQL the first read starts the listening connection
    if (database.changeFeed) await eventually(async () => expect(database.changeFeed!.listening).toBe(true));
    await cached();
    const before = loads;
    for (let i = 0; i < 5; i++) await cached();
    expect(loads).toBe(before);
    const loaded = loads;
    await write({ kind: 'insert', n: 3 });
    expect(await cached()).toBe(await fresh());
    expect(loads).toBeGreaterThan(loaded);
  });

  it('loads every time inside a transaction (no version source there)', async () => {
    await database.db.transaction().execute(async (tx) => {
      const before = loads;
      const read = () =>
        cachedRead(tx as never, 'probe', async () => {
          loads++;
          return 0;
        });
      await read();
      await read();
      expect(loads).toBe(before + 2);
    });
  });
});
