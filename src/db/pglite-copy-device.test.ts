import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngine } from '../../test/db.ts';
import { BinaryCopyWriter } from './copy-binary.ts';
import { createCopyDevice } from './pglite-copy-device.ts';

// The device belongs to PGlite's virtual file system; PostgreSQL reads COPY data from the socket.
describe.runIf(testEngine === 'pglite')('PGlite COPY device', () => {
  let pgl: PGlite;
  beforeAll(async () => {
    pgl = await PGlite.create();
    await pgl.exec('CREATE TABLE t (i int4)');
  }, 60_000);
  afterAll(async () => {
    await pgl?.close();
  });

  const chunk = (...values: number[]) => {
    const w = new BinaryCopyWriter();
    for (const v of values) w.row(1).int32(v);
    return w.finish();
  };

  it('serves one chunk per COPY and nothing outside it', async () => {
    const device = createCopyDevice(pgl);
    const copy = `COPY t (i) FROM '${device.path}' WITH (FORMAT binary)`;
    await device.serve(chunk(1, 2), () => pgl.query(copy));
    await device.serve(chunk(3), () => pgl.query(copy));
    expect((await pgl.query<{ i: number }>('SELECT i FROM t ORDER BY i')).rows).toEqual([
      { i: 1 },
      { i: 2 },
      { i: 3 },
    ]);
    // Outside serve() the device has no data: the read fails instead of returning an empty file.
    await expect(pgl.query(copy)).rejects.toThrow();
    // One chunk at a time: a second serve while the first runs is refused.
    await expect(device.serve(chunk(4), () => device.serve(chunk(5), () => pgl.query(copy)))).rejects.toThrow(
      /används redan/,
    );
    expect((await pgl.query<{ n: number }>('SELECT count(*)::int AS n FROM t')).rows[0]!.n).toBe(3);
  });

  it('two devices on one PGlite get their own device numbers', async () => {
    const a = createCopyDevice(pgl, '/dev/insats-copy-a');
    const b = createCopyDevice(pgl, '/dev/insats-copy-b');
    await pgl.exec('TRUNCATE t');
    await a.serve(chunk(10), () =>
      b.serve(chunk(20), async () => {
        await pgl.query(`COPY t (i) FROM '${b.path}' WITH (FORMAT binary)`);
        await pgl.query(`COPY t (i) FROM '${a.path}' WITH (FORMAT binary)`);
      }),
    );
    expect((await pgl.query<{ i: number }>('SELECT i FROM t ORDER BY i')).rows).toEqual([
      { i: 10 },
      { i: 20 },
    ]);
  });
});
