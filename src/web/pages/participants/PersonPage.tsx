import { useCallback, useEffect, useState } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import { ApiError } from '../../api.ts';
import { Alert } from '../../components/Alert.tsx';
import { Button } from '../../components/Button.tsx';
import { Loading } from '../../components/Loading.tsx';
import { usePageTitle } from '../../components/usePageTitle.ts';
import { errorText, isAbortError } from '../../errorMessages.ts';
import { useI18n } from '../../i18n/index.tsx';
import { useSession } from '../../session.tsx';
import { hasAnyRole } from '../../types.ts';
import { NotFoundPage } from '../errors/NotFoundPage.tsx';
import { type PersonView, participantsApi } from './api.ts';
import { PurposeDialog } from './PurposeDialog.tsx';
import { personTabs } from './personTabs.ts';
import './participants.css';

/** Loading one person: shared with the edit page. */
export type LoadState =
  | { status: 'loading' }
  | { status: 'needsPurpose' }
  | { status: 'notFound' }
  | { status: 'error'; message: string }
  | { status: 'ready'; person: PersonView };

/**
 * The person page. A protected person needs a stated purpose: it comes from the list's dialog (router
 * state, never the URL) or from the dialog here, and is sent with every request about the person.
 */
export function PersonPage() {
  const { t, labelFor } = useI18n();
  const { user } = useSession();
  const params = useParams();
  const location = useLocation();
  const [id = '', tabKey] = (params['*'] ?? '').split('/');
  const initialPurpose = (location.state as { purpose?: string } | null)?.purpose ?? null;
  const [purpose, setPurpose] = useState<string | null>(initialPurpose);
  const [state, setState] = useState<LoadState>({ status: 'loading' });
  const [dialogOpen, setDialogOpen] = useState(false);
  const [attempt, setAttempt] = useState(0);

  const person = state.status === 'ready' ? state.person : null;
  const tabs = personTabs.filter((tab) => !tab.roles || (user && hasAnyRole(user, tab.roles)));
  const tab = tabs.find((x) => x.key === tabKey) ?? tabs[0]!;
  usePageTitle(
    person ? `${person.firstName} ${person.lastName} – ${t(tab.labelKey)}` : t('participants.person.title'),
  );

  // biome-ignore lint/correctness/useExhaustiveDependencies: `attempt` reloads.
  useEffect(() => {
    const controller = new AbortController();
    participantsApi
      .person(id, purpose, controller.signal)
      .then((p) => setState({ status: 'ready', person: p }))
      .catch((error: unknown) => {
        if (isAbortError(error)) return;
        if (error instanceof ApiError && error.code === 'purpose_required') {
          setState({ status: 'needsPurpose' });
          setDialogOpen(true);
        } else if (error instanceof ApiError && error.status === 404) setState({ status: 'notFound' });
        else setState({ status: 'error', message: errorText(error, t) });
      });
    return () => controller.abort();
  }, [id, purpose, attempt]);

  const reload = useCallback(() => setAttempt((n) => n + 1), []);

  if (state.status === 'notFound') return <NotFoundPage />;

  return (
    <>
      <p className="pt-breadcrumb">
        <Link to="/deltagare">{t('participants.caseload.title')}</Link>
      </p>
      <h1>{person ? `${person.firstName} ${person.lastName}` : t('participants.person.title')}</h1>
      {state.status === 'loading' ? <Loading /> : null}
      {state.status === 'error' ? (
        <Alert variant="error" title={state.message}>
          <Button variant="secondary" onClick={reload}>
            {t('error.retry')}
          </Button>
        </Alert>
      ) : null}
      {state.status === 'needsPurpose' && !dialogOpen ? (
        <Alert variant="warning" title={t('participants.purpose.neededTitle')}>
          <p>{t('participants.purpose.neededBody')}</p>
          <Button variant="secondary" onClick={() => setDialogOpen(true)}>
            {t('participants.purpose.open')}
          </Button>
        </Alert>
      ) : null}
      {person ? (
        <>
          <p className="pt-person-header">
            <span className="pt-person-header__pnr">{person.personnummerDisplay}</span>
            <span>{labelFor('participants.status.', person.status)}</span>
            <span>{person.unit.name}</span>
            {person.protection.level !== 'none' ? (
              <span className="badge badge--raised">
                {labelFor('participants.protection.', person.protection.level)}
              </span>
            ) : null}
          </p>
          {tabs.length > 1 ? (
            <nav className="pt-person-tabs" aria-label={t('participants.tab.label')}>
              <ul className="pt-person-tabs__list">
                {tabs.map((x, i) => (
                  <li key={x.key}>
                    <Link
                      to={i === 0 ? `/deltagare/${id}` : `/deltagare/${id}/${x.key}`}
                      state={purpose ? { purpose } : undefined}
                      className="pt-person-tabs__link"
                      aria-current={x.key === tab.key ? 'page' : undefined}
                    >
                      {t(x.labelKey)}
                    </Link>
                  </li>
                ))}
              </ul>
            </nav>
          ) : null}
          <tab.Component personId={id} purpose={purpose} person={person} reload={reload} />
        </>
      ) : null}
      <PurposeDialog
        open={dialogOpen}
        title={t('participants.purpose.openTitle')}
        intro={t('participants.purpose.openIntro')}
        submitLabel={t('participants.purpose.open')}
        onCancel={() => setDialogOpen(false)}
        onSubmit={(p) => {
          setDialogOpen(false);
          setState({ status: 'loading' });
          setPurpose(p);
        }}
      />
    </>
  );
}
