import path from 'node:path';

/** Runtime configuration, read once from the environment. Fixed interface: PORT, INSATS_DATA_DIR, DATABASE_URL. */
export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  /** Session idle timeout in minutes (default 30) and absolute lifetime in hours (default 10). */
  sessionIdleMinutes: number;
  sessionAbsoluteHours: number;
  /** When true, the session cookie is `insats_session` without `Secure` (plain-http deployments behind nothing). */
  cookieInsecure: boolean;
  bodyLimitBytes: number;
  /** API requests handled at once; more are answered 503 with Retry-After (load shedding). */
  maxInFlight: number;
  oidc?: {
    issuer: string;
    clientId: string;
    clientSecret: string;
    redirectUri: string;
    label: string;
    usernameClaim?: string;
  };
  logLevel: string;
  /** Cached reads keyed on a data version (src/db/read-cache.ts); INSATS_READ_CACHE=off turns them off. */
  readCache: boolean;
  /** Scheduled backups (INSATS_BACKUP_DIR; off when unset): every `everyHours`, keeping the newest `keep`. */
  backup?: { dir: string; everyHours: number; keep: number };
}

function intFromEnv(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`Ogiltigt värde för ${name}: ${raw}`);
  return n;
}

function readCacheFromEnv(raw: string | undefined): boolean {
  if (raw === undefined || raw === '' || raw === 'on') return true;
  if (raw === 'off') return false;
  throw new Error(`Ogiltigt värde för INSATS_READ_CACHE: ${raw} (on eller off)`);
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const oidcIssuer = env.INSATS_OIDC_ISSUER;
  return {
    port: intFromEnv(env, 'PORT', 3000),
    host: env.HOST ?? '127.0.0.1',
    dataDir: path.resolve(env.INSATS_DATA_DIR ?? './data'),
    databaseUrl: env.DATABASE_URL || undefined,
    sessionIdleMinutes: intFromEnv(env, 'INSATS_SESSION_IDLE_MINUTES', 30),
    sessionAbsoluteHours: intFromEnv(env, 'INSATS_SESSION_ABSOLUTE_HOURS', 10),
    cookieInsecure: env.INSATS_COOKIE_INSECURE === '1',
    bodyLimitBytes: intFromEnv(env, 'INSATS_BODY_LIMIT_BYTES', 1024 * 1024),
    maxInFlight: intFromEnv(env, 'INSATS_MAX_IN_FLIGHT', 64),
    oidc: oidcIssuer
      ? {
          issuer: oidcIssuer,
          clientId: env.INSATS_OIDC_CLIENT_ID ?? '',
          clientSecret: env.INSATS_OIDC_CLIENT_SECRET ?? '',
          redirectUri: env.INSATS_OIDC_REDIRECT_URI ?? '',
          label: env.INSATS_OIDC_LABEL ?? 'SSO',
          ...(env.INSATS_OIDC_USERNAME_CLAIM ? { usernameClaim: env.INSATS_OIDC_USERNAME_CLAIM } : {}),
        }
      : undefined,
    logLevel: env.INSATS_LOG_LEVEL ?? 'info',
    readCache: readCacheFromEnv(env.INSATS_READ_CACHE),
    ...(env.INSATS_BACKUP_DIR
      ? {
          backup: {
            dir: path.resolve(env.INSATS_BACKUP_DIR),
            everyHours: intFromEnv(env, 'INSATS_BACKUP_EVERY_HOURS', 24),
            keep: Math.floor(intFromEnv(env, 'INSATS_BACKUP_KEEP', 14)),
          },
        }
      : {}),
  };
}
