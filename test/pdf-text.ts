import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * Test helpers around poppler-utils (`apt-get install poppler-utils`): the text of a PDF as a reader
 * would extract it, and the document info and structure tree.
 */
function withFile<T>(pdf: Uint8Array, fn: (file: string) => T): T {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'insats-pdf-'));
  const file = path.join(dir, 'doc.pdf');
  try {
    writeFileSync(file, pdf);
    return fn(file);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function run(cmd: string, args: string[]): string {
  try {
    return execFileSync(cmd, args, { encoding: 'utf8' });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT')
      throw new Error(`${cmd} saknas: installera poppler-utils (apt-get install -y poppler-utils)`);
    throw err;
  }
}

export function pdfText(pdf: Uint8Array): string {
  return withFile(pdf, (f) => run('pdftotext', ['-raw', '-enc', 'UTF-8', f, '-']));
}

export function pdfInfo(pdf: Uint8Array): { info: string; structure: string } {
  return withFile(pdf, (f) => ({ info: run('pdfinfo', [f]), structure: run('pdfinfo', ['-struct', f]) }));
}
