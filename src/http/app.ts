import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { type Context, Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { sql } from 'kysely';
import { z } from 'zod';
import type { Ctx } from '../context.ts';
import { recordAudit } from '../features/audit/record-event.ts';
import { resolveSession, tokensEqual } from '../features/auth/sessions.ts';
import { readSessionCookie } from './cookies.ts';
import type { AppDeps, AppEnv } from './env.ts';
import { AppError, DeniedError, type FieldIssue, forbidden, unauthenticated } from './errors.ts';
import { type MessageCode, message, pickLang } from './messages.ts';
import { buildOpenApi } from './openapi.ts';
import { grantsFor } from './policy.ts';
import type { AnyRoute } from './registry.ts';

export const API_VERSION = '0.1.0';
const WEB_ROOT = path.resolve(import.meta.dirname, '../../dist/web');

export const SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy':
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; " +
    "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'; object-src 'none'",
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=()',
  'Strict-Transport-Security': 'max-age=31536000; includeSubDomains',
};

function errorBody(c: Context<AppEnv>, err: AppError) {
  const lang = c.get('ctx')?.lang ?? 'sv';
  const text = typeof err.text === 'string' ? message(err.text, lang) : err.text[lang];
  return {
    error: {
      code: err.code,
      message: text,
      ...(err.fields ? { fields: err.fields } : {}),
      requestId: c.get('ctx')?.requestId,
    },
  };
}

const DB_DOWN_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  '57P01',
  '57P02',
  '57P03',
  '08000',
  '08001',
  '08003',
  '08006',
]);

export function isDatabaseUnavailable(err: unknown): boolean {
  const e = err as { code?: string; message?: string } | null;
  if (!e) return false;
  if (e.code && DB_DOWN_CODES.has(e.code)) return true;
  const m = e.message ?? '';
  return /Connection terminated|timeout exceeded when trying to connect|connect ECONNREFUSED|Client has encountered a connection error/.test(
    m,
  );
}

function zodIssues(error: z.ZodError, prefix: string): FieldIssue[] {
  return error.issues.map((i) => ({
    path: [prefix, ...i.path.map(String)].filter(Boolean).join('.'),
    message: i.message,
  }));
}

function parseWith<T>(schema: z.ZodType<T>, value: unknown, lang: 'sv' | 'en', where: string): T {
  const r = schema.safeParse(value, { error: (lang === 'en' ? z.locales.en() : z.locales.sv()).localeError });
  if (!r.success)
    throw new AppError(400, 'validation_failed', 'validation_failed', zodIssues(r.error, where));
  return r.data;
}

/** Cross-site checks for state-changing requests. */
function checkOrigin(c: Context<AppEnv>): void {
  const fetchSite = c.req.header('sec-fetch-site');
  if (fetchSite && fetchSite !== 'same-origin' && fetchSite !== 'none')
    throw new AppError(403, 'csrf', 'csrf');
  const origin = c.req.header('origin');
  if (origin) {
    let originHost: string;
    try {
      originHost = new URL(origin).host;
    } catch {
      throw new AppError(403, 'csrf', 'csrf');
    }
    if (originHost !== c.req.header('host')) throw new AppError(403, 'csrf', 'csrf');
  }
}

function mountRoute(app: Hono<AppEnv>, route: AnyRoute): void {
  app.on(route.method.toUpperCase(), route.path, async (c) => {
    const ctx = c.get('ctx');
    const session = c.get('session');
    if (route.method !== 'get') {
      checkOrigin(c);
      if (route.access !== 'public' && session) {
        const token = c.req.header('x-csrf-token') ?? '';
        if (!tokensEqual(token, session.csrfToken)) throw new AppError(403, 'csrf', 'csrf');
      }
    }
    let grant = null;
    if (route.access !== 'public') {
      if (!ctx.actor) throw unauthenticated(c.get('sessionExpired'));
      if (typeof route.access === 'object') {
        const grants = grantsFor(ctx.actor, route.access.rule);
        if (grants.length === 0) {
          const permission = route.access.permission;
          await ctx.db.transaction().execute((tx) =>
            recordAudit(tx, ctx, {
              action: 'deny',
              outcome: 'denied',
              objectType: 'route',
              objectId: `${route.method.toUpperCase()} ${route.path}`,
              details: { permission },
            }),
          );
          throw forbidden();
        }
        grant = grants[0]!;
      }
    }
    let body: unknown;
    if (route.body) {
      const type = c.req.header('content-type') ?? '';
      if (!type.toLowerCase().startsWith('application/json')) {
        throw new AppError(415, 'unsupported_media_type', 'unsupported_media_type');
      }
      const text = await c.req.text();
      let raw: unknown;
      try {
        raw = JSON.parse(text);
      } catch {
        throw new AppError(400, 'invalid_json', 'invalid_json');
      }
      body = parseWith(route.body, raw, ctx.lang, 'body');
    }
    const query = route.query ? parseWith(route.query, c.req.query(), ctx.lang, 'query') : undefined;
    const params = route.params ? parseWith(route.params, c.req.param(), ctx.lang, 'params') : undefined;
    return route.handler({ ctx, body, query, params, grant, c });
  });
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.json': 'application/json',
  '.txt': 'text/plain; charset=utf-8',
};

function serveWeb(c: Context<AppEnv>, webRoot: string): Response {
  const indexFile = path.join(webRoot, 'index.html');
  if (!existsSync(indexFile)) {
    return c.text('Webbgränssnittet är inte byggt. Kör "npm run build" eller starta med "npm start".', 503);
  }
  const rel = decodeURIComponent(new URL(c.req.url).pathname);
  const file = path.normalize(path.join(webRoot, rel));
  if (file.startsWith(webRoot + path.sep) && existsSync(file) && statSync(file).isFile()) {
    const ext = path.extname(file);
    const immutable = rel.startsWith('/assets/');
    return c.body(readFileSync(file), 200, {
      'Content-Type': CONTENT_TYPES[ext] ?? 'application/octet-stream',
      'Cache-Control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
    });
  }
  // Single-page app: unknown paths get the shell; the router shows its own 404 page.
  return c.body(readFileSync(indexFile), 200, {
    'Content-Type': CONTENT_TYPES['.html']!,
    'Cache-Control': 'no-store',
  });
}

export interface CreateAppOptions {
  routes: AnyRoute[];
  webRoot?: string;
}

export function createApp(deps: AppDeps, opts: CreateAppOptions): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const { config, clock, database } = deps;
  const sessionSettings = {
    idleMs: config.sessionIdleMinutes * 60_000,
    absoluteMs: config.sessionAbsoluteHours * 3_600_000,
  };

  app.use('*', async (c, next) => {
    const requestId = randomUUID();
    const incoming = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming;
    const ctx: Ctx = {
      db: database.db,
      clock,
      actor: null,
      requestId,
      clientAddress: incoming?.socket?.remoteAddress ?? c.req.header('x-test-client-address') ?? null,
      lang: pickLang(c.req.header('accept-language')),
    };
    c.set('deps', deps);
    c.set('ctx', ctx);
    c.set('session', null);
    c.set('sessionExpired', false);
    await next();
    for (const [k, v] of Object.entries(SECURITY_HEADERS)) c.res.headers.set(k, v);
    c.res.headers.set('X-Request-Id', requestId);
    const p = c.req.path;
    if (p.startsWith('/api/') || p === '/health' || p === '/ready')
      c.res.headers.set('Cache-Control', 'no-store');
  });

  app.onError(async (err, c) => {
    if (err instanceof DeniedError) {
      const ctx = c.get('ctx');
      try {
        await ctx.db
          .transaction()
          .execute((tx) => recordAudit(tx, ctx, { action: 'deny', outcome: 'denied', ...err.audit }));
      } catch (auditErr) {
        deps.log.error({ err: auditErr, requestId: ctx.requestId }, 'could not write deny event');
        return c.json(errorBody(c, new AppError(500, 'internal', 'internal')), 500);
      }
    }
    if (err instanceof AppError) {
      return c.json(errorBody(c, err), err.status as 400, err.headers);
    }
    if (isDatabaseUnavailable(err)) {
      deps.log.warn({ err, requestId: c.get('ctx')?.requestId }, 'database unavailable');
      return c.json(errorBody(c, new AppError(503, 'service_unavailable', 'service_unavailable')), 503, {
        'Retry-After': '5',
      });
    }
    deps.log.error({ err, requestId: c.get('ctx')?.requestId, path: c.req.path }, 'unhandled error');
    return c.json(errorBody(c, new AppError(500, 'internal', 'internal')), 500);
  });

  // Load shedding: beyond `maxInFlight` concurrent API requests the server answers at once with 503
  // and Retry-After instead of queueing without bound (health and readiness are never shed).
  let inFlight = 0;
  app.use('/api/*', async (c, next) => {
    if (inFlight >= config.maxInFlight) {
      return c.json(errorBody(c, new AppError(503, 'overloaded', 'overloaded')), 503, { 'Retry-After': '2' });
    }
    inFlight++;
    try {
      // Yield once to the event loop so requests already waiting on their sockets are read and
      // counted: an embedded database answers without giving the loop a turn, which would otherwise
      // hide the queue from this count and serve a burst strictly one by one.
      await new Promise<void>((resolve) => setImmediate(resolve));
      await next();
    } finally {
      inFlight--;
    }
  });

  const tooLarge = (c: Context) =>
    c.json(errorBody(c as Context<AppEnv>, new AppError(413, 'payload_too_large', 'payload_too_large')), 413);
  const defaultLimit = bodyLimit({ maxSize: config.bodyLimitBytes, onError: tooLarge });
  // Routes that take files (imports as base64) declare their own, larger limit.
  const routeLimits = new Map(
    opts.routes
      .filter((r) => r.maxBodyBytes !== undefined && !r.path.includes(':'))
      .map((r) => [
        `${r.method.toUpperCase()} ${r.path}`,
        bodyLimit({ maxSize: r.maxBodyBytes!, onError: tooLarge }),
      ]),
  );
  app.use('/api/*', (c, next) => {
    // GET and HEAD routes never read a body; checking one would build a full WHATWG Request (and its
    // AbortSignal) on every read, which costs more than the rest of a cached read.
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return next();
    const limit = routeLimits.get(`${c.req.method} ${c.req.path}`) ?? defaultLimit;
    return limit(c, next);
  });

  app.use('/api/*', async (c, next) => {
    const found = await resolveSession(database.db, clock, sessionSettings, readSessionCookie(c, config));
    if (found.status === 'ok') {
      c.get('ctx').actor = found.actor;
      c.set('session', { idHash: found.idHash, csrfToken: found.csrfToken, user: found.actor.view });
    } else if (found.status === 'expired') {
      c.set('sessionExpired', true);
    }
    await next();
  });

  const health = async (c: Context<AppEnv>) => {
    await sql`SELECT 1`.execute(database.db);
    return c.json({ status: 'ok' });
  };
  app.get('/health', health);
  app.get('/ready', health);

  const openapi = buildOpenApi(opts.routes, API_VERSION);
  app.get('/api/openapi.json', (c) => c.json(openapi));

  for (const route of opts.routes) mountRoute(app, route);

  app.all('/api/*', () => {
    throw new AppError(404, 'not_found', 'not_found');
  });
  const webRoot = opts.webRoot ?? WEB_ROOT;
  app.get('*', (c) => serveWeb(c, webRoot));
  app.all('*', () => {
    throw new AppError(405, 'method_not_allowed', 'method_not_allowed');
  });
  return app;
}

export type { MessageCode };
