import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { ApiError, api, setCsrfToken, setUnauthorizedHandler } from './api.ts';
import type { SessionResponse, User } from './types.ts';

/** Why the user is (no longer) signed in; the login page shows a matching message. */
export type SignedOutReason = 'session_expired' | 'logged_out' | 'unauthenticated';

export type SessionState =
  | { status: 'loading' }
  | { status: 'error'; error: ApiError }
  | { status: 'authenticated'; user: User; csrfToken: string }
  | { status: 'anonymous'; reason: SignedOutReason | null };

export interface Session {
  state: SessionState;
  /** The signed-in user, or null while loading / signed out. */
  user: User | null;
  /** Throws `ApiError` (e.g. 401 invalid_credentials, 429 rate limited). */
  login: (username: string, password: string) => Promise<User>;
  logout: () => Promise<void>;
  /** Re-read `/api/auth/me` (e.g. after a failed first load). */
  reload: () => Promise<void>;
}

const SessionContext = createContext<Session | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>({ status: 'loading' });

  const apply = useCallback((next: SessionState) => {
    setCsrfToken(next.status === 'authenticated' ? next.csrfToken : null);
    setState(next);
  }, []);

  const reload = useCallback(async () => {
    try {
      const body = await api.get<SessionResponse>('/api/auth/me', { handleUnauthorized: false });
      apply({ status: 'authenticated', user: body.user, csrfToken: body.csrfToken });
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) {
        apply({ status: 'anonymous', reason: error.code === 'session_expired' ? 'session_expired' : null });
      } else {
        apply({
          status: 'error',
          error: error instanceof ApiError ? error : new ApiError(0, 'network', ''),
        });
      }
    }
  }, [apply]);

  useEffect(() => {
    void reload();
  }, [reload]);

  // Any API call that comes back 401 means the session is gone (expired or revoked).
  useEffect(
    () =>
      setUnauthorizedHandler((error) => {
        apply({
          status: 'anonymous',
          reason: error.code === 'session_expired' ? 'session_expired' : 'unauthenticated',
        });
      }),
    [apply],
  );

  const login = useCallback(
    async (username: string, password: string) => {
      const body = await api.post<SessionResponse>(
        '/api/auth/login',
        { username, password },
        { handleUnauthorized: false },
      );
      apply({ status: 'authenticated', user: body.user, csrfToken: body.csrfToken });
      return body.user;
    },
    [apply],
  );

  const logout = useCallback(async () => {
    try {
      await api.post<void>('/api/auth/logout', undefined, { handleUnauthorized: false });
    } catch {
      // Even if the server call fails (already expired, network), forget the session locally.
    }
    apply({ status: 'anonymous', reason: 'logged_out' });
  }, [apply]);

  const value = useMemo<Session>(
    () => ({
      state,
      user: state.status === 'authenticated' ? state.user : null,
      login,
      logout,
      reload,
    }),
    [state, login, logout, reload],
  );

  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const context = useContext(SessionContext);
  if (!context) throw new Error('useSession must be used inside <SessionProvider>');
  return context;
}
