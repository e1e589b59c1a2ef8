/**
 * `npm run bench -- caseload`: the caseload page (`GET /api/participants`) for a unit with 5,000
 * participants, on an in-memory PGlite, through `app.request` (session lookup, visibility and
 * protection filter, count, page in Swedish order, one audit event per request). 200 requests per
 * query shape after 10 warm-up requests; p50/p95 in ms. Target p95 < 100 ms for the first page.
 */
import { peakRssMB, writeResult } from './lib.ts';
import { benchApp, percentile, round, syntheticImportCsv } from './participants-lib.ts';

export async function run(args: string[]): Promise<void> {
  const persons = Number(args.find((a) => a.startsWith('--persons='))?.slice(10) ?? 5_000);
  const requests = Number(args.find((a) => a.startsWith('--requests='))?.slice(11) ?? 200);
  const b = await benchApp({ bodyLimitBytes: 64 * 1024 * 1024 });
  try {
    const chef = await b.login('enhetschef');
    const unit = await b.unitId('Jobbcentrum');
    const res = await b.send(chef, 'POST', '/api/participants/import', {
      filename: 'deltagare.csv',
      contentBase64: Buffer.from(syntheticImportCsv(persons, 5000)).toString('base64'),
      responsibleUnitId: unit,
    });
    if (res.status !== 201)
      throw new Error(`setup import failed: ${res.status} ${(await res.text()).slice(0, 300)}`);
    const hl = await b.login('handlaggare');
    const shapes: Record<string, { session: typeof chef; path: string }> = {
      firstPage: { session: chef, path: '/api/participants?scope=unit&pageSize=25' },
      deepPage: { session: chef, path: '/api/participants?scope=unit&pageSize=25&page=150' },
      nameSearch: { session: chef, path: `/api/participants?scope=unit&q=${encodeURIComponent('ah')}` },
      handlaggareUnit: { session: hl, path: '/api/participants?scope=unit&pageSize=25' },
      lastContact: {
        session: chef,
        path: '/api/participants?scope=unit&lastContactOlderThanDays=30&sort=lastContact',
      },
    };
    const results: Record<string, { p50: number; p95: number; max: number; total: number }> = {};
    for (const [name, shape] of Object.entries(shapes)) {
      const times: number[] = [];
      let total = 0;
      for (let i = 0; i < requests + 10; i++) {
        // Session "last seen" is written at most once a minute; keep the clock still like a burst of use.
        const t0 = performance.now();
        const r = await b.app.request(shape.path, { headers: { cookie: shape.session.cookie } });
        const body = (await r.json()) as { total: number };
        const ms = performance.now() - t0;
        if (r.status !== 200) throw new Error(`${name}: ${r.status}`);
        total = body.total;
        if (i >= 10) times.push(ms);
      }
      times.sort((x, y) => x - y);
      results[name] = {
        p50: round(percentile(times, 50)),
        p95: round(percentile(times, 95)),
        max: round(times.at(-1)!),
        total,
      };
      console.log(
        `[bench] caseload ${name}: p50 ${results[name].p50} ms, p95 ${results[name].p95} ms (total ${total})`,
      );
    }
    const first = results.firstPage!;
    console.log(
      `[bench] wrote ${writeResult('caseload', {
        engine: 'pglite (in memory)',
        persons,
        requestsPerShape: requests,
        targetMs: 100,
        withinTarget: first.p95 < 100,
        shapes: results,
        peakRssMB: peakRssMB(),
      })}`,
    );
  } finally {
    await b.close();
  }
}
