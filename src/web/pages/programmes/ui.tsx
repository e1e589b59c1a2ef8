import { useState } from 'react';
import { ApiError } from '../../api.ts';
import { useAnnounce } from '../../components/Announcer.tsx';
import { errorText } from '../../errorMessages.ts';
import { useI18n } from '../../i18n/index.tsx';
import { useSession } from '../../session.tsx';
import { hasAnyRole, type RoleCode } from '../../types.ts';
import { fieldIssues } from './api.ts';
import { type PgText, pgText } from './texts.ts';
import './programmes.css';

export function usePg(): PgText {
  const { language } = useI18n();
  return pgText(language);
}

/** A date as the user's locale shows it; '–' when missing. */
export function useFormatDate() {
  const { language } = useI18n();
  return (iso: string | null | undefined) =>
    iso
      ? new Date(`${iso}T00:00:00Z`).toLocaleDateString(language === 'en' ? 'en-GB' : 'sv-SE', {
          timeZone: 'UTC',
        })
      : '–';
}

export function capacityText(
  p: PgText,
  mode: 'annual' | 'concurrent' | null,
  places: number | null | undefined,
): string {
  if (!mode || places === null || places === undefined) return p('capacity.unlimited');
  return p(mode === 'annual' ? 'capacity.annual' : 'capacity.concurrent', { places });
}

export function lengthText(p: PgText, weeks: number | null | undefined, months: number | null | undefined) {
  if (weeks) return p('detail.weeks', { count: weeks });
  if (months) return p('detail.months', { count: months });
  return p('detail.openEnded');
}

/** Splits "a, b , c" into ['a','b','c']. */
export const splitList = (v: string): string[] =>
  v
    .split(/[,;\s]+/)
    .map((s) => s.trim())
    .filter(Boolean);

/** Integer from a text field: null when empty, NaN when not a whole number. */
export function parseInteger(v: string): number | null {
  const t = v.trim();
  if (t === '') return null;
  return /^\d+$/.test(t) ? Number(t) : Number.NaN;
}

/** Whether the signed-in user holds any of the roles (the server checks again). */
export function useHasRole(roles: readonly RoleCode[]): boolean {
  const { user } = useSession();
  return user ? hasAnyRole(user, roles) : false;
}

/** Mirrors src/features/programmes/policy.ts and participants' write rule. */
export const MANAGE_ROLES = ['enhetschef', 'administrator'] as const;
export const BOARD_ROLES = ['handlaggare', 'enhetschef', 'studie_yrkesvagledare'] as const;
export const WRITE_PERSON_ROLES = ['handlaggare', 'enhetschef'] as const;

/**
 * Runs one server action and keeps what a form needs on failure: the message, the server's field
 * issues (paths such as `body.phases.0.code`), and a counter that moves focus to the error summary.
 * The form's own state is never touched, so nothing typed is lost on a failed submit.
 */
export function useSubmit() {
  const { t } = useI18n();
  const announce = useAnnounce();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ message: string; code: string; fields: FieldIssue[] } | null>(null);
  const [errorKey, setErrorKey] = useState(0);
  const run = async <T,>(send: () => Promise<T>, done?: (result: T) => string): Promise<T | undefined> => {
    if (busy) return undefined;
    setBusy(true);
    setError(null);
    try {
      const result = await send();
      if (done) announce(done(result));
      return result;
    } catch (e) {
      setError({
        message: errorText(e, t),
        code: e instanceof ApiError ? e.code : 'unknown',
        fields: e instanceof ApiError ? fieldIssues(e.body) : [],
      });
      setErrorKey((n) => n + 1);
      return undefined;
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, errorKey, run, clear: () => setError(null) };
}

export interface FieldIssue {
  path: string;
  message: string;
}

/** Server field issues by field key (path without the `body.` prefix). */
export function issuesByPath(fields: FieldIssue[]): Map<string, string> {
  const m = new Map<string, string>();
  for (const f of fields) {
    const key = f.path.replace(/^body\.?/, '');
    if (!m.has(key)) m.set(key, f.message);
  }
  return m;
}
