import type { Context } from 'hono';
import type { AppEnv } from '../../http/env.ts';
import { PURPOSE_HEADER } from './access.ts';

/**
 * The stated purpose of an access, from the `X-Insats-Purpose` header. The web app percent-encodes
 * it (HTTP header values are Latin-1 only), so a value with `%XX` sequences is decoded; a value that
 * is not valid percent-encoding is taken as it is. Without the header, a `purpose` query parameter is
 * used (plain links such as a printable plan). At most 500 characters.
 */
export function readPurpose(c: Context<AppEnv>): string | null {
  // The case-work client sends plain links with `?purpose=` (already decoded by the URL parser).
  const raw = c.req.header(PURPOSE_HEADER)?.trim();
  if (!raw) {
    const fromQuery = c.req.query('purpose')?.trim();
    return fromQuery ? fromQuery.slice(0, 500) : null;
  }
  let value = raw;
  if (/%[0-9A-Fa-f]{2}/.test(raw)) {
    try {
      value = decodeURIComponent(raw);
    } catch {
      value = raw;
    }
  }
  value = value.trim();
  return value === '' ? null : value.slice(0, 500);
}
