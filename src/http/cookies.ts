import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { Config } from '../config.ts';

/** `__Host-` cookies are Secure, host-only and path=/ by definition; the insecure variant is for plain http. */
export function sessionCookieName(config: Config): string {
  return config.cookieInsecure ? 'insats_session' : '__Host-insats_session';
}

export function readSessionCookie(c: Context, config: Config): string | undefined {
  return getCookie(c, sessionCookieName(config));
}

export function writeSessionCookie(c: Context, config: Config, value: string): void {
  setCookie(c, sessionCookieName(config), value, {
    path: '/',
    httpOnly: true,
    secure: !config.cookieInsecure,
    sameSite: 'Lax',
    maxAge: config.sessionAbsoluteHours * 3600,
  });
}

export function clearSessionCookie(c: Context, config: Config): void {
  deleteCookie(c, sessionCookieName(config), { path: '/', secure: !config.cookieInsecure });
}
