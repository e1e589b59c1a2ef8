import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testEngine } from '../../test/db.ts';
import type { Database } from './connection.ts';
import { BinaryCopyWriter, hexBytes, parseUuid } from './copy-binary.ts';

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
}, 120_000);
afterAll(async () => {
  await database?.close();
});

const DAY = 86_400_000;
const wellFormed = (s: string) => new TextDecoder().decode(new TextEncoder().encode(s));
const uuidText = fc.uuid({ version: [1, 2, 3, 4, 5] });
/** PostgreSQL text holds no NUL; lone surrogates are sent as U+FFFD, as TextEncoder does. */
const text = fc.string({ unit: 'binary', maxLength: 40 }).map((s) => s.replaceAll('\0', ''));
const row = fc.record({
  id: uuidText,
  t: fc.option(text, { nil: null }),
  i: fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }),
  d: fc.integer({ min: Date.UTC(1900, 0, 1) / DAY, max: Date.UTC(2099, 11, 31) / DAY }),
  ts: fc.integer({ min: Date.UTC(1900, 0, 1), max: Date.UTC(2099, 11, 31, 23, 59, 59, 999) }),
  n: fc.integer({ min: 0, max: 2 ** 48 - 1 }),
});

describe(`binary COPY (${testEngine})`, () => {
  it('every value written comes back from the database as it went in', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(row, { maxLength: 30 }), async (rows) => {
        const w = new BinaryCopyWriter(64);
        const prefix = hexBytes('0190a1b2-c3d4-4e5f-8a6b', 10);
        for (const r of rows) {
          w.row(6)
            .uuid(r.id)
            .textOrNull(r.t)
            .int32(r.i)
            .date(r.d)
            .timestamptz(r.ts)
            .uuidNumbered(prefix, r.n);
        }
        const back = await database.bulk(async (conn) => {
          await conn.query('BEGIN');
          await conn.query(
            'CREATE TEMP TABLE copy_roundtrip (k serial, id uuid, t text, i int4, d date, ts timestamptz, n uuid) ON COMMIT DROP',
          );
          await conn.copyIn('copy_roundtrip', ['id', 't', 'i', 'd', 'ts', 'n'], w.finish());
          const out = await conn.query<Record<string, string | number | null>>(
            `SELECT id::text AS id, t, i, d::text AS d,
               to_char(ts AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS ts, n::text AS n
             FROM copy_roundtrip ORDER BY k`,
          );
          await conn.query('COMMIT');
          return out;
        });
        expect(back).toEqual(
          rows.map((r) => ({
            id: r.id.toLowerCase(),
            t: r.t === null ? null : wellFormed(r.t),
            i: r.i,
            d: new Date(r.d * DAY).toISOString().slice(0, 10),
            ts: new Date(r.ts).toISOString(),
            n: `0190a1b2-c3d4-4e5f-8a6b-${r.n.toString(16).padStart(12, '0')}`,
          })),
        );
        expect(w.rows).toBe(rows.length);
      }),
      { numRuns: 40 },
    );
  });

  it('a chunk of many COPY buffers arrives whole, also from a view into a larger buffer', async () => {
    // 40,000 rows of 87–113 bytes (about 4 MB): some 60 of PostgreSQL's 64 kB COPY reads, rows split across them.
    const w = new BinaryCopyWriter(64);
    const prefix = hexBytes('0190a1b2-c3d4-4e5f-8a6b', 10);
    let expectedSum = 0;
    for (let k = 0; k < 40_000; k++) {
      const t = `rad ${k} åäö ${'x'.repeat(k % 23)}`;
      expectedSum += k * 3;
      w.row(6)
        .uuidNumbered(prefix, k)
        .text(t)
        .int32(k * 3)
        .date(k % 30_000)
        .timestamptz(k * 1000)
        .uuidNumbered(prefix, k);
    }
    const bytes = w.finish();
    // The same bytes seven bytes into a larger buffer, as a subarray: only the view may be read.
    const host = new Uint8Array(bytes.length + 16).fill(0xff);
    host.set(bytes, 7);
    const view = host.subarray(7, 7 + bytes.length);
    const back = await database.bulk(async (conn) => {
      await conn.query('BEGIN');
      await conn.query(
        'CREATE TEMP TABLE copy_large (id uuid, t text, i int4, d date, ts timestamptz, n uuid) ON COMMIT DROP',
      );
      await conn.copyIn('copy_large', ['id', 't', 'i', 'd', 'ts', 'n'], view);
      const out = await conn.query<{ rows: number; sum: number; bad: number }>(
        `SELECT count(*)::int AS rows, sum(i)::float8 AS sum,
           count(*) FILTER (WHERE t <> 'rad ' || (i / 3) || ' åäö ' || repeat('x', (i / 3) % 23))::int AS bad
         FROM copy_large`,
      );
      await conn.query('COMMIT');
      return out[0]!;
    });
    expect(back).toEqual({ rows: 40_000, sum: expectedSum, bad: 0 });
  });

  it('a COPY that fails leaves nothing behind and the next one on the connection works', async () => {
    const good = new BinaryCopyWriter();
    good.row(1).int32(42);
    const bytes = good.finish();
    const truncated = bytes.subarray(0, bytes.length - 3);
    const after = await database.bulk(async (conn) => {
      await conn.query('CREATE TEMP TABLE copy_retry (i int4)');
      await conn.query('BEGIN');
      await expect(conn.copyIn('copy_retry', ['i'], truncated)).rejects.toThrow();
      await conn.query('ROLLBACK');
      await conn.copyIn('copy_retry', ['i'], bytes);
      const rows = await conn.query<{ i: number }>('SELECT i FROM copy_retry');
      await conn.query('DROP TABLE copy_retry');
      return rows;
    });
    expect(after).toEqual([{ i: 42 }]);
  });

  it('refuses what would corrupt the data instead of sending it', () => {
    const w = new BinaryCopyWriter();
    expect(() => w.uuid('0190a1b2-c3d4-4e5f-8a6b-00000000000')).toThrow(/Ogiltigt/);
    expect(() => w.uuid('0190a1b2-c3d4-4e5f-8a6b-0000000000000')).toThrow(/Ogiltigt/);
    expect(() => w.uuid('0190a1b2-c3d4-4e5f-8a6b-00000000000g')).toThrow(/Ogiltigt/);
    expect(() => w.uuidBytes(new Uint8Array(15))).toThrow(/16 byte/);
    expect(() => w.uuidNumbered(new Uint8Array(10), 2 ** 48)).toThrow(/48 bitar/);
    expect(() => w.uuidNumbered(new Uint8Array(10), -1)).toThrow(/48 bitar/);
    expect(() => w.uuidNumbered(new Uint8Array(9), 1)).toThrow(/10 byte/);
    expect([...parseUuid('00010203-0405-0607-0809-0A0B0C0D0E0F')]).toEqual([...Array(16).keys()]);
  });

  it('starts with the signature and header and ends with the trailer', () => {
    const bytes = new BinaryCopyWriter().finish();
    expect([...bytes]).toEqual([
      0x50, 0x47, 0x43, 0x4f, 0x50, 0x59, 0x0a, 0xff, 0x0d, 0x0a, 0x00, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff,
    ]);
  });
});
