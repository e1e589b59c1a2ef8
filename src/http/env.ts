import type { Logger } from 'pino';
import type { Clock } from '../clock.ts';
import type { Config } from '../config.ts';
import type { Ctx } from '../context.ts';
import type { Database } from '../db/connection.ts';
import type { OidcLogin } from '../features/auth/oidc.ts';
import type { UserView } from '../features/auth/sessions.ts';

export interface AppDeps {
  database: Database;
  clock: Clock;
  config: Config;
  log: Logger;
  oidc?: OidcLogin;
}

export interface SessionInfo {
  idHash: string;
  csrfToken: string;
  user: UserView;
}

/** Hono context variables set by the middleware chain. */
export interface AppEnv {
  Variables: {
    deps: AppDeps;
    ctx: Ctx;
    session: SessionInfo | null;
    sessionExpired: boolean;
  };
}
