// Throwaway PostgreSQL cluster for tests and benchmarks: initdb into a temp dir owned by the
// `postgres` user (initdb refuses root), start on a loopback port, stop by its own pid file.
// Usage as a module: `const c = await startCluster({ port }); ...; await c.stop();`
// Usage as a script: `node scripts/pg-cluster.mjs start <dir> <port>` / `stop <dir>`.
import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export function pgBinDir() {
  const root = '/usr/lib/postgresql';
  if (process.env.PG_BIN_DIR) return process.env.PG_BIN_DIR;
  const versions = existsSync(root)
    ? readdirSync(root)
        .filter((v) => /^\d+$/.test(v))
        .sort((a, b) => b - a)
    : [];
  const preferred = versions.includes('15') ? '15' : versions[0];
  if (!preferred)
    throw new Error(
      'PostgreSQL server binaries not found under /usr/lib/postgresql (apt-get install postgresql-15)',
    );
  return path.join(root, preferred, 'bin');
}

function asPostgres(cmd, args) {
  const isRoot = process.getuid?.() === 0;
  const r = isRoot
    ? spawnSync('runuser', ['-u', 'postgres', '--', cmd, ...args], { encoding: 'utf8' })
    : spawnSync(cmd, args, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${path.basename(cmd)} failed (${r.status}): ${r.stderr || r.stdout}`);
  return r.stdout;
}

export async function startCluster({ port = 54329, dir } = {}) {
  const bin = pgBinDir();
  const base = dir ?? mkdtempSync(path.join(os.tmpdir(), 'insats-pg-'));
  mkdirSync(base, { recursive: true });
  const data = path.join(base, 'data');
  if (process.getuid?.() === 0) {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
    chownSync(base, uid, gid);
  }
  asPostgres(path.join(bin, 'initdb'), [
    '-D',
    data,
    '-A',
    'trust',
    '-U',
    'postgres',
    '--no-sync',
    '-E',
    'UTF8',
    '--locale=C',
  ]);
  asPostgres(path.join(bin, 'pg_ctl'), [
    '-D',
    data,
    '-o',
    `-p ${port} -k ${base} -c listen_addresses=127.0.0.1 -c max_connections=200 -c fsync=on`,
    '-l',
    path.join(base, 'log'),
    '-w',
    'start',
  ]);
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  return {
    url,
    dir: base,
    port,
    async stop() {
      try {
        asPostgres(path.join(bin, 'pg_ctl'), ['-D', data, '-m', 'fast', '-w', 'stop']);
      } finally {
        rmSync(base, { recursive: true, force: true });
      }
    },
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [cmd, dir, port] = process.argv.slice(2);
  if (cmd === 'start') {
    const c = await startCluster({ dir, port: Number(port ?? 54329) });
    console.log(c.url);
  } else if (cmd === 'stop') {
    asPostgres(path.join(pgBinDir(), 'pg_ctl'), ['-D', path.join(dir, 'data'), '-m', 'fast', '-w', 'stop']);
  } else {
    console.error('usage: pg-cluster.mjs start <dir> [port] | stop <dir>');
    process.exit(2);
  }
}
