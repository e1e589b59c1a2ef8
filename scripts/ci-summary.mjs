// Totals the suites' JSON reports into the one line CI reads: "N passed, N failed".
// A suite that left no report counts as one failure, as does each failed non-test step.
import { existsSync, readFileSync } from 'node:fs';

const extraFailures = Number(process.argv[2] ?? 0);
const suites = [
  { name: 'vitest (PGlite)', file: 'test-results/vitest-pglite.json', kind: 'vitest' },
  { name: 'vitest (PostgreSQL)', file: 'test-results/vitest-pg.json', kind: 'vitest' },
  { name: 'playwright (Chromium)', file: 'test-results/e2e.json', kind: 'playwright' },
  { name: 'crash trials', file: 'test-results/crash.json', kind: 'plain' },
  { name: 'load test (1 min)', file: 'test-results/load.json', kind: 'plain' },
];
let passed = 0;
let failed = extraFailures;
for (const s of suites) {
  if (!existsSync(s.file)) {
    console.log(`${s.name}: no report (counted as 1 failed)`);
    failed += 1;
    continue;
  }
  const r = JSON.parse(readFileSync(s.file, 'utf8'));
  let p = 0;
  let f = 0;
  if (s.kind === 'vitest') {
    p = r.numPassedTests ?? 0;
    // A file that failed to load has no failed tests but fails the run: count it once.
    f = (r.numFailedTests ?? 0) + (r.success === false && !r.numFailedTests ? 1 : 0);
  } else if (s.kind === 'plain') {
    p = r.passed ?? 0;
    f = r.failed ?? 0;
  } else {
    p = (r.stats?.expected ?? 0) + (r.stats?.flaky ?? 0);
    f = r.stats?.unexpected ?? 0;
    if ((r.errors ?? []).length > 0) f += r.errors.length;
  }
  if (p + f === 0) {
    console.log(`${s.name}: ran no test (counted as 1 failed)`);
    f = 1;
  }
  console.log(`${s.name}: ${p} passed, ${f} failed`);
  passed += p;
  failed += f;
}
if (extraFailures) console.log(`other steps failed: ${extraFailures}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
