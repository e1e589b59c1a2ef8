import type { Server } from 'node:http';
import { serve } from '@hono/node-server';
import type { Logger } from 'pino';
import { type Clock, systemClock } from './clock.ts';
import type { Config } from './config.ts';
import type { Database } from './db/connection.ts';
import { OidcLogin } from './features/auth/oidc.ts';
import { createApp } from './http/app.ts';
import type { AppDeps } from './http/env.ts';
import { allRoutes } from './http/routes.ts';

export function buildDeps(
  database: Database,
  config: Config,
  log: Logger,
  clock: Clock = systemClock,
): AppDeps {
  const oidc = config.oidc
    ? new OidcLogin({
        ...config.oidc,
        allowHttp: /^http:\/\/(127\.0\.0\.1|localhost)(:\d+)?\//.test(
          config.oidc.issuer.endsWith('/') ? config.oidc.issuer : `${config.oidc.issuer}/`,
        ),
      })
    : undefined;
  return { database, clock, config, log, ...(oidc ? { oidc } : {}) };
}

export function buildApp(deps: AppDeps) {
  return createApp(deps, { routes: allRoutes });
}

/** Starts the HTTP server; resolves once it listens. */
export function listen(deps: AppDeps): Promise<Server> {
  const app = buildApp(deps);
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: app.fetch, port: deps.config.port, hostname: deps.config.host }, () =>
      resolve(server as Server),
    ) as Server;
    server.once('error', reject);
    server.keepAliveTimeout = 5_000;
    server.requestTimeout = 60_000;
  });
}
