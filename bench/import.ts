/**
 * `npm run bench -- import`: imports 10,000 synthetic participants (one CSV, `syntheticPersonnummer`)
 * into one unit on an in-memory PGlite, through the HTTP API in process (`app.request`: JSON body with
 * the file in base64, login, CSRF, validation, one transaction, 10,001 audit events). Target < 10 s.
 *
 * The default API body limit (1 MB) is too small for such a file (≈2.5 MB as base64); the bench raises
 * it for its own app instance (INSATS_BODY_LIMIT_BYTES does the same for a server). Flags: `--rows=N`.
 */
import os from 'node:os';
import { peakRssMB, writeResult } from './lib.ts';
import { benchApp, round, syntheticImportCsv } from './participants-lib.ts';

export async function run(args: string[]): Promise<void> {
  const rows = Number(args.find((a) => a.startsWith('--rows='))?.slice(7) ?? 10_000);
  const csv = syntheticImportCsv(rows, 2026);
  const bodyBytes = Math.ceil(csv.length / 3) * 4 + 200;
  const b = await benchApp({ bodyLimitBytes: 64 * 1024 * 1024 });
  try {
    const session = await b.login('enhetschef');
    const unit = await b.unitId('Jobbcentrum');
    const body = JSON.stringify({
      filename: 'deltagare.csv',
      contentBase64: Buffer.from(csv).toString('base64'),
      responsibleUnitId: unit,
    });
    const countEvents = async () =>
      Number(
        (
          await b.database.db
            .selectFrom('audit_event')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const eventsBefore = await countEvents();
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const res = await b.send(session, 'POST', '/api/participants/import', body);
    const seconds = (performance.now() - t0) / 1000;
    const cpu = process.cpuUsage(cpu0);
    // PGlite runs in this process, so CPU time is the work itself; wall time also counts waiting for a
    // core on a busy machine. Both are reported, with the load average at the start.
    const cpuSeconds = (cpu.user + cpu.system) / 1e6;
    const answer = (await res.json()) as { imported?: number };
    if (res.status !== 201 || answer.imported !== rows) {
      throw new Error(`import failed: ${res.status} ${JSON.stringify(answer).slice(0, 500)}`);
    }
    const result = {
      engine: 'pglite (in memory)',
      rows,
      fileBytes: csv.length,
      requestBodyBytes: bodyBytes,
      seconds: round(seconds, 2),
      cpuSeconds: round(cpuSeconds, 2),
      loadAverage1m: round(os.loadavg()[0] ?? 0, 2),
      rowsPerSecond: Math.round(rows / seconds),
      targetSeconds: 10,
      withinTarget: seconds < 10,
      auditEventsWritten: (await countEvents()) - eventsBefore,
      peakRssMB: peakRssMB(),
    };
    console.log(
      `[bench] import: ${rows} rows in ${result.seconds} s wall / ${result.cpuSeconds} s CPU ` +
        `(load ${result.loadAverage1m}), ${result.auditEventsWritten} audit events, target < 10 s`,
    );
    console.log(`[bench] wrote ${writeResult('import', result)}`);
  } finally {
    await b.close();
  }
}
