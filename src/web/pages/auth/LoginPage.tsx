import { type FormEvent, useEffect, useState } from 'react';
import { Navigate, useLocation } from 'react-router';
import { ApiError, api } from '../../api.ts';
import { Alert } from '../../components/Alert.tsx';
import { Button } from '../../components/Button.tsx';
import { ErrorSummary, type ErrorSummaryItem } from '../../components/ErrorSummary.tsx';
import type { LoginRedirectState } from '../../components/RequireAuth.tsx';
import { TextField } from '../../components/TextField.tsx';
import { usePageTitle } from '../../components/usePageTitle.ts';
import { type I18n, useI18n } from '../../i18n/index.tsx';
import { useSession } from '../../session.tsx';
import type { AuthConfig } from '../../types.ts';

interface FieldErrors {
  username?: string;
  password?: string;
}

/** Only accept a redirect target inside this app (a path, not `//host` or a full URL). */
function redirectTarget(state: unknown): string {
  if (typeof state === 'object' && state !== null && 'from' in state) {
    const from = (state as LoginRedirectState).from;
    if (
      typeof from === 'string' &&
      from.startsWith('/') &&
      !from.startsWith('//') &&
      !from.startsWith('/\\')
    ) {
      return from.startsWith('/logga-in') ? '/' : from;
    }
  }
  return '/';
}

function loginErrorMessage(error: unknown, t: I18n['t']): string {
  if (error instanceof ApiError) {
    if (error.hasServerMessage) return error.message;
    if (error.status === 429) return t('login.rateLimited', { seconds: error.retryAfterSeconds ?? 60 });
    if (error.status === 0) return t('error.network');
  }
  return t('error.unexpected');
}

export function LoginPage() {
  const { t } = useI18n();
  const session = useSession();
  const location = useLocation();
  usePageTitle(t('login.title'));

  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [submitCount, setSubmitCount] = useState(0);
  const [submitting, setSubmitting] = useState(false);
  const [authConfig, setAuthConfig] = useState<AuthConfig | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    api
      .get<AuthConfig>('/api/auth/config', { signal: controller.signal, handleUnauthorized: false })
      .then(setAuthConfig)
      .catch(() => {
        // Without the config we simply do not offer single sign-on.
      });
    return () => controller.abort();
  }, []);

  if (session.state.status === 'authenticated') {
    return <Navigate to={redirectTarget(location.state)} replace />;
  }

  const from = redirectTarget(location.state);
  const reason = session.state.status === 'anonymous' ? session.state.reason : null;
  let notice: { variant: 'info' | 'success' | 'warning'; text: string } | null = null;
  if (submitCount === 0) {
    if (reason === 'session_expired') notice = { variant: 'warning', text: t('login.sessionExpired') };
    else if (reason === 'logged_out') notice = { variant: 'success', text: t('login.loggedOut') };
    else if (from !== '/') notice = { variant: 'info', text: t('login.loginRequired') };
  }

  const handleSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (submitting) return;
    const errors: FieldErrors = {};
    if (username.trim() === '') errors.username = t('login.usernameRequired');
    if (password === '') errors.password = t('login.passwordRequired');
    setFieldErrors(errors);
    setFormError(null);
    setSubmitCount((count) => count + 1);
    if (errors.username || errors.password) return;

    setSubmitting(true);
    try {
      await session.login(username.trim(), password);
      // The session is now authenticated; the <Navigate> above takes the user onwards.
    } catch (error) {
      setPassword('');
      setFormError(loginErrorMessage(error, t));
      setSubmitCount((count) => count + 1);
      setSubmitting(false);
    }
  };

  const summary: ErrorSummaryItem[] = [];
  if (formError) summary.push({ message: formError });
  if (fieldErrors.username) summary.push({ message: fieldErrors.username, fieldId: 'username' });
  if (fieldErrors.password) summary.push({ message: fieldErrors.password, fieldId: 'password' });

  const oidc = authConfig?.oidc.enabled ? authConfig.oidc : null;

  return (
    <div className="narrow">
      <h1>{t('login.title')}</h1>
      {notice ? (
        <Alert variant={notice.variant} live={false}>
          <p>{notice.text}</p>
        </Alert>
      ) : null}
      <ErrorSummary errors={summary} focusKey={submitCount} />
      <div className="panel">
        <p className="panel__intro">{t('login.intro')}</p>
        <form className="form" noValidate onSubmit={handleSubmit} aria-label={t('login.title')}>
          <TextField
            id="username"
            name="username"
            label={t('login.username')}
            autoComplete="username"
            autoCapitalize="none"
            spellCheck={false}
            value={username}
            error={fieldErrors.username}
            onChange={(event) => setUsername(event.target.value)}
          />
          <TextField
            id="password"
            name="password"
            type="password"
            label={t('login.password')}
            autoComplete="current-password"
            value={password}
            error={fieldErrors.password}
            onChange={(event) => setPassword(event.target.value)}
          />
          <div className="form__actions">
            <Button type="submit" busy={submitting}>
              {submitting ? t('login.submitting') : t('login.submit')}
            </Button>
          </div>
        </form>
        {oidc ? (
          <div className="login-alternative">
            <p className="login-alternative__divider">
              <span>{t('login.or')}</span>
            </p>
            <a className="button button--secondary button--block" href="/api/auth/oidc/login">
              {t('login.oidc', { label: oidc.label })}
            </a>
          </div>
        ) : null}
      </div>
    </div>
  );
}
