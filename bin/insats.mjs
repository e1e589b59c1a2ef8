#!/usr/bin/env node
// Entry point for `npx insats <command>`: runs the TypeScript CLI through tsx's loader.
import { readFileSync } from 'node:fs';
import path from 'node:path';

// Fast refusal before the (slow) TypeScript load: if the embedded database is held by a live
// process, say so at once. The atomic lock itself is taken in src/db/lock.ts.
const command = process.argv[2];
const usesEmbeddedDb =
  !process.env.DATABASE_URL &&
  ['start', 'serve', 'migrate', 'demo', 'verify-audit', 'backup', 'restore', 'generate'].includes(command);
if (usesEmbeddedDb) {
  const dataDir = path.resolve(process.env.INSATS_DATA_DIR ?? './data');
  const lockFile = path.join(dataDir, 'insats.lock');
  let holder = Number.NaN;
  try {
    holder = Number.parseInt(readFileSync(lockFile, 'utf8').trim(), 10);
  } catch {
    /* no lock */
  }
  if (Number.isInteger(holder) && holder > 0 && holder !== process.pid) {
    let alive = false;
    try {
      process.kill(holder, 0);
      alive = true;
    } catch (err) {
      alive = err.code === 'EPERM';
    }
    if (alive) {
      console.error(
        `Fel: Databasen i ${dataDir} används redan av en annan Insats-process (pid ${holder}). ` +
          'Stoppa den processen först, eller ange en annan INSATS_DATA_DIR.',
      );
      process.exit(1);
    }
  }
}

const { register } = await import('tsx/esm/api');
register();
await import('../src/cli/insats.ts');
