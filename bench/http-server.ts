/**
 * Child process for bench/http.ts: `bare` (node:http), `framework` (Hono on @hono/node-server, same
 * JSON), or `app` (the real Insats app on the configured database). Prints READY <port>.
 */
import http from 'node:http';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';

const kind = process.argv[2];
const body = JSON.stringify({ status: 'ok', service: 'insats' });

if (kind === 'bare') {
  const server = http.createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(body);
  });
  server.keepAliveTimeout = 60_000;
  server.listen(0, '127.0.0.1', () => console.log(`READY ${(server.address() as { port: number }).port}`));
} else if (kind === 'framework') {
  const app = new Hono();
  app.get('/', (c) => c.json({ status: 'ok', service: 'insats' }));
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) =>
    console.log(`READY ${info.port}`),
  );
  (server as http.Server).keepAliveTimeout = 60_000;
} else if (kind === 'app') {
  const { loadConfig } = await import('../src/config.ts');
  const { openDatabase } = await import('../src/db/connection.ts');
  const { createLogger } = await import('../src/log.ts');
  const { buildDeps, listen } = await import('../src/server.ts');
  const { loadDemo } = await import('../src/cli/demo.ts');
  const config = { ...loadConfig(), port: 0 };
  const database = config.databaseUrl
    ? await openDatabase({ url: config.databaseUrl, poolSize: 20, readCache: config.readCache })
    : await openDatabase({ dataDir: config.dataDir, readCache: config.readCache });
  const { systemCtx } = await import('../src/cli/context.ts');
  await loadDemo(systemCtx(database), () => {}, { size: 'small' });
  const server = await listen(buildDeps(database, config, createLogger('warn')));
  server.keepAliveTimeout = 60_000;
  console.log(`READY ${(server.address() as { port: number }).port}`);
} else {
  console.error('usage: http-server.ts bare|framework|app');
  process.exit(2);
}
