/**
 * `npm run bench [-- part ...]`: runs the named benchmark parts (all when none is named).
 * Each part is bench/<part>.ts exporting `run(args: string[]): Promise<void>`.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';

const ALL = ['allocation', 'http', 'reports', 'import', 'load', 'audit', 'caseload', 'summer', 'pdf'];

async function main() {
  const args = process.argv.slice(2);
  // Part names come before the first --flag; everything from there on belongs to the parts.
  const firstFlag = args.findIndex((a) => a.startsWith('--'));
  const named = (firstFlag === -1 ? args : args.slice(0, firstFlag)).filter((a) => !a.startsWith('-'));
  const parts = named.length > 0 ? named : ALL;
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
    await mod.run(args.filter((a) => a !== part));
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
