import { z } from 'zod';
import { clearSessionCookie, writeSessionCookie } from '../../http/cookies.ts';
import { AppError } from '../../http/errors.ts';
import { defineRoute } from '../../http/registry.ts';
import { login } from './login.ts';
import { logout } from './logout.ts';
import { safeReturnTo } from './oidc.ts';

export const errorSchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    fields: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
    requestId: z.string().optional(),
  }),
});

export const userSchema = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  organisation: z.object({ id: z.string(), name: z.string() }),
  roles: z.array(z.object({ role: z.string(), unitId: z.string(), unitName: z.string() })),
});

const sessionResponse = z.object({ user: userSchema, csrfToken: z.string() });

const loginBody = z.strictObject({
  username: z.string().trim().min(1, { error: 'Ange användarnamn.' }).max(200),
  password: z.string().min(1, { error: 'Ange lösenord.' }).max(1000),
});

export const authRoutes = [
  defineRoute({
    method: 'get',
    path: '/api/auth/config',
    summary: 'Inloggningsalternativ',
    tags: ['auth'],
    access: 'public',
    responses: {
      200: {
        description: 'OK',
        schema: z.object({ oidc: z.object({ enabled: z.boolean(), label: z.string() }) }),
      },
    },
    handler: async ({ c }) => {
      const oidc = c.get('deps').oidc;
      return c.json({ oidc: { enabled: Boolean(oidc), label: oidc?.settings.label ?? '' } });
    },
  }),
  defineRoute({
    method: 'post',
    path: '/api/auth/login',
    summary: 'Logga in med användarnamn och lösenord',
    tags: ['auth'],
    access: 'public',
    body: loginBody,
    responses: {
      200: { description: 'Inloggad', schema: sessionResponse },
      401: { description: 'Fel användarnamn eller lösenord', schema: errorSchema },
      429: { description: 'För många försök', schema: errorSchema },
    },
    handler: async ({ ctx, body, c }) => {
      const result = await login(ctx, body);
      writeSessionCookie(c, c.get('deps').config, result.sessionId);
      return c.json({ user: result.user, csrfToken: result.csrfToken });
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/auth/me',
    summary: 'Den inloggade användaren och CSRF-token',
    tags: ['auth'],
    access: 'authenticated',
    responses: {
      200: { description: 'OK', schema: sessionResponse },
      401: { description: 'Ej inloggad', schema: errorSchema },
    },
    handler: async ({ c }) => {
      const s = c.get('session')!;
      return c.json({ user: s.user, csrfToken: s.csrfToken });
    },
  }),
  defineRoute({
    method: 'post',
    path: '/api/auth/logout',
    summary: 'Logga ut (avslutar sessionen på servern)',
    tags: ['auth'],
    access: 'authenticated',
    responses: { 204: { description: 'Utloggad' } },
    handler: async ({ ctx, c }) => {
      await logout(ctx, c.get('session')!.idHash);
      clearSessionCookie(c, c.get('deps').config);
      return c.body(null, 204);
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/auth/oidc/login',
    summary: 'Starta inloggning via OIDC',
    tags: ['auth'],
    access: 'public',
    query: z.object({ returnTo: z.string().max(500).optional() }),
    responses: {
      302: { description: 'Vidare till identitetstjänsten' },
      404: { description: 'Ej konfigurerad' },
    },
    handler: async ({ ctx, query, c }) => {
      const oidc = c.get('deps').oidc;
      if (!oidc) throw new AppError(404, 'oidc_not_configured', 'oidc_not_configured');
      const url = await oidc.begin(ctx, safeReturnTo(query.returnTo));
      return c.redirect(url.href, 302);
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/auth/oidc/callback',
    summary: 'Återkomst från OIDC-inloggning',
    tags: ['auth'],
    access: 'public',
    responses: {
      302: { description: 'Inloggad, vidare till appen' },
      401: { description: 'Misslyckades', schema: errorSchema },
    },
    handler: async ({ ctx, c }) => {
      const oidc = c.get('deps').oidc;
      if (!oidc) throw new AppError(404, 'oidc_not_configured', 'oidc_not_configured');
      const result = await oidc.complete(ctx, new URL(c.req.url));
      writeSessionCookie(c, c.get('deps').config, result.sessionId);
      return c.redirect(result.returnTo, 302);
    },
  }),
];
