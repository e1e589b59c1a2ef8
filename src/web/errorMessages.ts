import { ApiError } from './api.ts';
import type { I18n } from './i18n/index.tsx';

/** User-facing text for a failed API call: the server's message if it sent one, else a generic one. */
export function errorText(error: unknown, t: I18n['t']): string {
  if (error instanceof ApiError) {
    if (error.hasServerMessage) return error.message;
    if (error.status === 0) return t('error.network');
    if (error.status === 403) return t('error.forbidden');
  }
  return t('error.unexpected');
}

export function isAbortError(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}
