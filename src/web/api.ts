/**
 * Thin fetch wrapper for the Insats JSON API.
 *
 * - Always JSON, always `credentials: 'same-origin'` (the session is an HttpOnly cookie).
 * - Every non-GET request carries `X-CSRF-Token` with the token from the current session.
 * - `Accept-Language` follows the chosen UI language so server messages come back in it.
 * - Errors of the form `{ error: { code, message } }` become a typed `ApiError`.
 * - A 401 on an ordinary request tells the session (via `onUnauthorized`) so the app can send the
 *   user to the login page; a 403 `csrf` error refreshes the token once and retries.
 */

export interface ApiErrorBody {
  error: { code: string; message: string; requestId?: string };
}

export class ApiError extends Error {
  override readonly name = 'ApiError';
  readonly status: number;
  readonly code: string;
  /** Seconds from a `Retry-After` header (429/503), if the server sent one. */
  readonly retryAfterSeconds: number | null;
  /** The server's request id (also in its logs), useful when reporting a problem. */
  readonly requestId: string | null;
  /** The whole parsed error body, for errors that carry more than a message (e.g. import row errors). */
  readonly body: unknown;

  constructor(
    status: number,
    code: string,
    message: string,
    retryAfterSeconds: number | null = null,
    requestId: string | null = null,
    body: unknown = undefined,
  ) {
    super(message);
    this.status = status;
    this.code = code;
    this.retryAfterSeconds = retryAfterSeconds;
    this.requestId = requestId;
    this.body = body;
  }

  /** True when the server gave a message meant for the user (as opposed to a network/parse failure). */
  get hasServerMessage(): boolean {
    return this.status > 0 && this.message !== '' && !this.code.startsWith('http_');
  }
}

export type UnauthorizedHandler = (error: ApiError) => void;

interface ApiState {
  csrfToken: string | null;
  language: string;
  onUnauthorized: UnauthorizedHandler | null;
}

const state: ApiState = { csrfToken: null, language: 'sv', onUnauthorized: null };

export function setCsrfToken(token: string | null): void {
  state.csrfToken = token;
}

export function setApiLanguage(language: string): void {
  state.language = language;
}

/** Register the handler for 401s; returns a function that unregisters it. */
export function setUnauthorizedHandler(handler: UnauthorizedHandler | null): () => void {
  state.onUnauthorized = handler;
  return () => {
    if (state.onUnauthorized === handler) state.onUnauthorized = null;
  };
}

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RequestOptions {
  /** Query parameters; `undefined`/`null` values are left out. */
  query?: Readonly<Record<string, string | number | boolean | null | undefined>>;
  body?: unknown;
  signal?: AbortSignal;
  /**
   * Extra request headers, e.g. `X-Insats-Purpose` (percent-encoded) for protected persons. Values must
   * be Latin-1; percent-encode anything else.
   */
  headers?: Readonly<Record<string, string>>;
  /**
   * Set to false for requests where a 401 is an expected answer (login, "who am I"), so it does not
   * trigger the global "you have been logged out" handling.
   */
  handleUnauthorized?: boolean;
}

function isErrorBody(value: unknown): value is ApiErrorBody {
  if (typeof value !== 'object' || value === null || !('error' in value)) return false;
  const error: unknown = value.error;
  return (
    typeof error === 'object' &&
    error !== null &&
    'code' in error &&
    typeof error.code === 'string' &&
    'message' in error &&
    typeof error.message === 'string'
  );
}

function parseRetryAfter(header: string | null): number | null {
  if (!header) return null;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, Math.ceil(seconds));
  const date = Date.parse(header);
  return Number.isNaN(date) ? null : Math.max(0, Math.ceil((date - Date.now()) / 1000));
}

function buildUrl(path: string, query: RequestOptions['query']): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null) params.set(key, String(value));
  }
  const search = params.toString();
  return search ? `${path}${path.includes('?') ? '&' : '?'}${search}` : path;
}

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

async function send(method: HttpMethod, path: string, options: RequestOptions): Promise<Response> {
  const headers = new Headers({
    ...options.headers,
    Accept: 'application/json',
    'Accept-Language': state.language,
  });
  if (options.body !== undefined) headers.set('Content-Type', 'application/json');
  if (method !== 'GET' && state.csrfToken) headers.set('X-CSRF-Token', state.csrfToken);
  try {
    return await fetch(buildUrl(path, options.query), {
      method,
      headers,
      credentials: 'same-origin',
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError(0, 'network', '');
  }
}

async function toApiError(response: Response): Promise<ApiError> {
  const body = await readJson(response);
  const retryAfter = parseRetryAfter(response.headers.get('Retry-After'));
  if (isErrorBody(body)) {
    const requestId =
      typeof body.error.requestId === 'string' ? body.error.requestId : response.headers.get('X-Request-Id');
    return new ApiError(response.status, body.error.code, body.error.message, retryAfter, requestId, body);
  }
  return new ApiError(
    response.status,
    `http_${response.status}`,
    '',
    retryAfter,
    response.headers.get('X-Request-Id'),
  );
}

async function refreshCsrfToken(): Promise<boolean> {
  const response = await send('GET', '/api/auth/me', {});
  if (!response.ok) return false;
  const body = await readJson(response);
  if (
    typeof body === 'object' &&
    body !== null &&
    'csrfToken' in body &&
    typeof body.csrfToken === 'string'
  ) {
    state.csrfToken = body.csrfToken;
    return true;
  }
  return false;
}

export async function request<T>(method: HttpMethod, path: string, options: RequestOptions = {}): Promise<T> {
  let response = await send(method, path, options);

  if (response.status === 403 && method !== 'GET') {
    const error = await toApiError(response.clone());
    if (error.code === 'csrf' && (await refreshCsrfToken())) {
      response = await send(method, path, options);
    }
  }

  if (!response.ok) {
    const error = await toApiError(response);
    if (error.status === 401 && options.handleUnauthorized !== false) state.onUnauthorized?.(error);
    throw error;
  }
  if (response.status === 204) return undefined as T;
  return (await readJson(response)) as T;
}

export const api = {
  get: <T>(path: string, options?: Omit<RequestOptions, 'body'>) => request<T>('GET', path, options),
  post: <T>(path: string, body?: unknown, options?: Omit<RequestOptions, 'body'>) =>
    request<T>('POST', path, { ...options, body }),
  put: <T>(path: string, body?: unknown, options?: Omit<RequestOptions, 'body'>) =>
    request<T>('PUT', path, { ...options, body }),
  patch: <T>(path: string, body?: unknown, options?: Omit<RequestOptions, 'body'>) =>
    request<T>('PATCH', path, { ...options, body }),
  delete: <T>(path: string, options?: Omit<RequestOptions, 'body'>) => request<T>('DELETE', path, options),
};
