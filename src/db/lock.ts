import { closeSync, linkSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import path from 'node:path';

export class DataDirLockedError extends Error {
  constructor(
    readonly lockFile: string,
    readonly holderPid: number,
  ) {
    super(
      `Databasen i ${path.dirname(lockFile)} används redan av en annan Insats-process (pid ${holderPid}). ` +
        'Stoppa den processen först, eller ange en annan INSATS_DATA_DIR.',
    );
    this.name = 'DataDirLockedError';
  }
}

function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readHolder(lockFile: string): number {
  try {
    return Number.parseInt(readFileSync(lockFile, 'utf8').trim(), 10);
  } catch {
    return Number.NaN;
  }
}

/**
 * Takes the embedded database's lock file (`<dataDir>/insats.lock`, holding the owner's pid).
 * The file is created complete under a temporary name and hard-linked into place, which is atomic and
 * fails if the lock exists. A lock left by a dead process is taken over. Returns a release function.
 */
export function acquireDataDirLock(dataDir: string): () => void {
  const lockFile = path.join(dataDir, 'insats.lock');
  const tmp = `${lockFile}.${process.pid}.tmp`;
  const fd = openSync(tmp, 'w', 0o600);
  writeSync(fd, `${process.pid}\n`);
  closeSync(fd);
  try {
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        linkSync(tmp, lockFile);
        let released = false;
        return () => {
          if (released) return;
          released = true;
          if (readHolder(lockFile) === process.pid) unlinkSync(lockFile);
        };
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
        const holder = readHolder(lockFile);
        if (holder === process.pid) throw new DataDirLockedError(lockFile, holder);
        if (isAlive(holder)) throw new DataDirLockedError(lockFile, holder);
        // Stale lock of a dead process (or an unreadable one): remove it and try again.
        try {
          unlinkSync(lockFile);
        } catch {
          /* another process may have removed it first */
        }
      }
    }
    throw new DataDirLockedError(lockFile, readHolder(lockFile));
  } finally {
    try {
      unlinkSync(tmp);
    } catch {
      /* already gone */
    }
  }
}
