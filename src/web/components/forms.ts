import { useState } from 'react';
import { ApiError } from '../api.ts';
import { errorText } from '../errorMessages.ts';
import { useI18n } from '../i18n/index.tsx';
import { useAnnounce } from './Announcer.tsx';
import type { ErrorSummaryItem } from './ErrorSummary.tsx';

/** One server field issue: `path` as the server names it (`body.phases.0.code`), message translated. */
export interface FieldIssue {
  path: string;
  message: string;
}

/** A failed server action as a form keeps it. */
export type ActionError = { message: string; code: string; fields: FieldIssue[] };

/** Field issues of a 400/422 answer: `{ error: { fields: [{ path, message }] } }`. */
export function fieldIssues(body: unknown): FieldIssue[] {
  const fields = (body as { error?: { fields?: unknown } } | undefined)?.error?.fields;
  if (!Array.isArray(fields)) return [];
  return fields.filter(
    (f): f is FieldIssue =>
      typeof f === 'object' && f !== null && typeof f.path === 'string' && typeof f.message === 'string',
  );
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

/**
 * A form's errors: its own checks merged with the server's field issues (shown at their fields), and
 * the error summary that links each to its field (a server error without a field is shown alone).
 * `ids` maps a field key (the server path without `body.`) to the id of its control.
 */
export function formErrors<K extends string>(
  ids: Record<K, string>,
  local: Partial<Record<K, string>>,
  error: ActionError | null,
  adjust?: (server: Map<string, string>, error: ActionError) => void,
): { all: Partial<Record<K, string>>; summary: ErrorSummaryItem[] } {
  const server = issuesByPath(error?.fields ?? []);
  if (error && adjust) adjust(server, error);
  const all: Partial<Record<K, string>> = { ...local };
  let matched = 0;
  for (const k of Object.keys(ids) as K[]) {
    const m = server.get(k);
    if (m) {
      all[k] = m;
      matched++;
    }
  }
  const summary: ErrorSummaryItem[] = [
    ...(error && (server.size === 0 || matched === 0) ? [{ message: error.message }] : []),
    ...(Object.entries(all) as [K, string | undefined][]).flatMap(([k, m]) =>
      m ? [{ message: m, fieldId: ids[k] }] : [],
    ),
  ];
  return { all, summary };
}

/**
 * Runs one server action and keeps what a form needs on failure: the message, the server's field
 * issues (paths such as `body.phases.0.code`), and a counter that moves focus to the error summary.
 * The form's own state is never touched, so nothing typed is lost on a failed submit.
 */
export function useSubmit() {
  const { t } = useI18n();
  const announce = useAnnounce();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ActionError | null>(null);
  const [errorKey, setErrorKey] = useState(0);
  const run = async <T>(send: () => Promise<T>, done?: (result: T) => string): Promise<T | undefined> => {
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
