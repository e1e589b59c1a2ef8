import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { useI18n } from '../i18n/index.tsx';
import { ForbiddenPage } from '../pages/errors/ForbiddenPage.tsx';
import { useSession } from '../session.tsx';
import { hasAnyRole, type RoleCode } from '../types.ts';
import { Alert } from './Alert.tsx';
import { Button } from './Button.tsx';
import { Loading } from './Loading.tsx';

/** Where the login page should send the user afterwards (only same-app paths are accepted). */
export interface LoginRedirectState {
  from?: string;
}

/**
 * Guards a route: while the session loads shows a spinner, when signed out redirects to /logga-in
 * (remembering the requested path), when the user lacks every one of `roles` shows "Åtkomst saknas".
 */
export function RequireAuth({ roles, children }: { roles?: readonly RoleCode[]; children: ReactNode }) {
  const { state, reload } = useSession();
  const { t } = useI18n();
  const location = useLocation();

  switch (state.status) {
    case 'loading':
      return <Loading />;
    case 'error':
      return (
        <Alert variant="error" title={t('error.network')}>
          <Button variant="secondary" onClick={() => void reload()}>
            {t('error.retry')}
          </Button>
        </Alert>
      );
    case 'anonymous': {
      const from = `${location.pathname}${location.search}${location.hash}`;
      const redirectState: LoginRedirectState = { from };
      return <Navigate to="/logga-in" replace state={redirectState} />;
    }
    case 'authenticated':
      return hasAnyRole(state.user, roles) ? children : <ForbiddenPage />;
  }
}
