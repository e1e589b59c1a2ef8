/**
 * `npm run bench [-- part ...]`: runs the named benchmark parts (all when none is named).
 * Each part is bench/<part>.ts exporting `run(args: string[]): Promise<void>`.
 *
 * Prints each part's wall time and the total, and writes bench/results/run.json. When every part runs
 * (issue 10: within 20 minutes on the 2-core machine) the load part runs for ALL_PARTS_LOAD_SECONDS
 * unless `--seconds` is given; `npm run bench -- load` alone keeps its 10-minute default (issue 9).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { writeResult } from './lib.ts';

const ALL = [
  'allocation',
  'http',
  'reports',
  'generate',
  'import',
  'load',
  'audit',
  'caseload',
  'summer',
  'pdf',
];
const ALL_PARTS_LOAD_SECONDS = 120;

async function main() {
  const args = process.argv.slice(2);
  // Part names come before the first --flag; everything from there on belongs to the parts.
  const firstFlag = args.findIndex((a) => a.startsWith('--'));
  const named = (firstFlag === -1 ? args : args.slice(0, firstFlag)).filter((a) => !a.startsWith('-'));
  const parts = named.length > 0 ? named : ALL;
  const timings: { part: string; seconds: number }[] = [];
  const started = performance.now();
  for (const part of parts) {
    const file = path.resolve(import.meta.dirname, `${part}.ts`);
    if (!existsSync(file)) {
      if (named.length > 0) {
        console.error(`Okänd benchmark-del: ${part}`);
        process.exitCode = 2;
      } else {
        console.log(`[bench] ${part}: not implemented yet, skipped`);
      }
      continue;
    }
    console.log(`\n[bench] ${part}`);
    const mod = (await import(file)) as { run: (a: string[]) => Promise<void> };
    const partArgs = args.filter((a) => a !== part);
    if (part === 'load' && named.length === 0 && !partArgs.includes('--seconds')) {
      partArgs.push('--seconds', String(ALL_PARTS_LOAD_SECONDS));
    }
    const t = performance.now();
    await mod.run(partArgs);
    timings.push({ part, seconds: Math.round((performance.now() - t) / 100) / 10 });
  }
  const totalSeconds = Math.round((performance.now() - started) / 100) / 10;
  console.log('\n[bench] wall time per part:');
  for (const t of timings) console.log(`  ${t.part.padEnd(12)} ${t.seconds.toFixed(1).padStart(7)} s`);
  console.log(`  ${'total'.padEnd(12)} ${totalSeconds.toFixed(1).padStart(7)} s`);
  if (named.length === 0) writeResult('run', { parts: timings, totalSeconds, budgetSeconds: 20 * 60 });
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
