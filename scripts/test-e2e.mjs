#!/usr/bin/env node
// End-to-end test runner: builds the web app if needed, starts a throw-away Insats server on a free
// port with a temporary data directory, waits for /health, runs Playwright against it, then stops
// only the server it started and removes the temporary directory. Exits with Playwright's exit code.
//
//   node scripts/test-e2e.mjs [extra playwright args]
//   E2E_REBUILD=1   always run `npm run build` first
//   CHROMIUM_PATH   browser binary (default /usr/bin/chromium, see playwright.config.ts)

import { spawn } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const HEALTH_TIMEOUT_MS = 240_000;
const KILL_GRACE_MS = 10_000;
const npmCommand = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const npxCommand = process.platform === 'win32' ? 'npx.cmd' : 'npx';

function log(message) {
  console.log(`[test-e2e] ${message}`);
}

/** Run a command with inherited stdio; resolves with its exit code. */
function run(command, args, options = {}) {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, { cwd: root, stdio: 'inherit', ...options });
    child.on('error', reject);
    child.on('exit', (code, signal) => resolvePromise(code ?? (signal ? 1 : 0)));
  });
}

function freePort() {
  return new Promise((resolvePromise, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolvePromise(port));
    });
  });
}

const sleep = (ms) => new Promise((resolvePromise) => setTimeout(resolvePromise, ms));

async function waitForHealth(baseUrl, server) {
  const deadline = Date.now() + HEALTH_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (server.exitCode !== null || server.signalCode !== null) {
      throw new Error(`server exited early (code ${server.exitCode}, signal ${server.signalCode})`);
    }
    try {
      const response = await fetch(`${baseUrl}/health`, { signal: AbortSignal.timeout(2_000) });
      if (response.status === 200) return;
    } catch {
      // Not listening yet.
    }
    await sleep(250);
  }
  throw new Error(`server did not answer 200 on /health within ${HEALTH_TIMEOUT_MS / 1000} s`);
}

/** Stop the server we spawned (and only it): SIGTERM, then SIGKILL after a grace period. */
async function stopServer(server) {
  if (!server || server.exitCode !== null || server.signalCode !== null) return;
  const exited = new Promise((resolvePromise) => server.once('exit', resolvePromise));
  try {
    process.kill(server.pid, 'SIGTERM');
  } catch {
    return;
  }
  const timer = setTimeout(() => {
    log(`server (pid ${server.pid}) did not stop within ${KILL_GRACE_MS / 1000} s; sending SIGKILL`);
    try {
      process.kill(server.pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }, KILL_GRACE_MS);
  await exited;
  clearTimeout(timer);
}

async function main() {
  const webIndex = join(root, 'dist', 'web', 'index.html');
  if (process.env.E2E_REBUILD === '1' || !existsSync(webIndex)) {
    log('building the web app (npm run build)');
    const code = await run(npmCommand, ['run', 'build']);
    if (code !== 0) return code;
  }

  const dataDir = await mkdtemp(join(tmpdir(), 'insats-e2e-'));
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  mkdirSync(join(root, 'test-results'), { recursive: true });
  const serverLogPath = join(root, 'test-results', 'e2e-server.log');
  const serverLog = createWriteStream(serverLogPath);

  // The journeys are written against the small demo (the one the test suite loads).
  const serverEnv = {
    ...process.env,
    PORT: String(port),
    INSATS_DATA_DIR: dataDir,
    INSATS_DEMO_SIZE: 'small',
  };
  delete serverEnv.INSATS_COOKIE_INSECURE;

  let server;
  let exitCode = 1;
  const onSignal = (signal) => {
    log(`received ${signal}; stopping`);
    void stopServer(server).finally(() =>
      rm(dataDir, { recursive: true, force: true }).finally(() => process.exit(130)),
    );
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  try {
    log(`starting server on ${baseUrl} (data dir ${dataDir}, log ${serverLogPath})`);
    server = spawn(process.execPath, ['bin/insats.mjs', 'start'], {
      cwd: root,
      env: serverEnv,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    server.stdout.pipe(serverLog, { end: false });
    server.stderr.pipe(serverLog, { end: false });
    server.on('error', (error) => log(`could not start server: ${error.message}`));

    await waitForHealth(baseUrl, server);
    log('server is healthy; running Playwright');

    exitCode = await run(npxCommand, ['playwright', 'test', ...process.argv.slice(2)], {
      env: { ...process.env, E2E_BASE_URL: baseUrl },
    });
  } catch (error) {
    log(`failed: ${error instanceof Error ? error.message : String(error)}`);
    log(`see the server log: ${serverLogPath}`);
    exitCode = 1;
  } finally {
    await stopServer(server);
    serverLog.end();
    await rm(dataDir, { recursive: true, force: true });
  }
  log(`done (exit code ${exitCode})`);
  return exitCode;
}

process.exitCode = await main();
