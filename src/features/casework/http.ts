import type { Context } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../../http/env.ts';
import { readPurpose } from '../participants/purpose.ts';

/**
 * The stated purpose for opening a protected person: the `x-insats-purpose` header (percent-encoded by
 * the web app, decoded by the registry's `readPurpose`), or for plain links such as the printable plan
 * the `purpose` query parameter.
 */
export function purposeOf(c: Context<AppEnv>): string | null {
  const fromHeader = readPurpose(c);
  if (fromHeader) return fromHeader;
  const fromQuery = c.req.query('purpose')?.trim();
  return fromQuery ? fromQuery.slice(0, 500) : null;
}

export const uuid = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, {
  message: 'Ogiltigt id.',
});

export const personParams = z.object({ personId: z.string() });

/** Optional free text: trimmed, empty becomes null. */
export const optionalText = (max: number) =>
  z
    .string()
    .max(max)
    .nullish()
    .transform((v) => (v && v.trim() !== '' ? v.trim() : null));

export const requiredText = (max: number, message: string) =>
  z
    .string({ error: message })
    .transform((v) => v.trim())
    .pipe(z.string().min(1, { message }).max(max));

export const dateField = z.iso.date({ message: 'Ange ett giltigt datum (ÅÅÅÅ-MM-DD).' });

export const errorResponses = {
  400: { description: 'Ogiltiga uppgifter' },
  401: { description: 'Inte inloggad' },
  403: { description: 'Saknar behörighet, eller syfte krävs för skyddad person' },
  404: { description: 'Personen (eller posten) finns inte eller nås inte' },
};
