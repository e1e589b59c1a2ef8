import { useCallback, useEffect, useRef, useState } from 'react';
import { api } from '../../api.ts';
import { Alert } from '../../components/Alert.tsx';
import { useAnnounce } from '../../components/Announcer.tsx';
import { Button } from '../../components/Button.tsx';
import { Loading } from '../../components/Loading.tsx';
import { ScrollableTable } from '../../components/ScrollableTable.tsx';
import { usePageTitle } from '../../components/usePageTitle.ts';
import { errorText, isAbortError } from '../../errorMessages.ts';
import { useI18n } from '../../i18n/index.tsx';
import type { AuditEvent, AuditEventsResponse } from '../../types.ts';

const pageSize = 50;

type LoadState =
  | { status: 'loading' }
  | { status: 'error'; message: string }
  | { status: 'ready'; events: AuditEvent[]; nextBeforeSeq: number | null };

function fetchEvents(beforeSeq: number | null, signal?: AbortSignal) {
  return api.get<AuditEventsResponse>('/api/audit/events', {
    query: { limit: pageSize, beforeSeq },
    signal,
  });
}

export function AuditLogPage() {
  const { t, roleLabel, labelFor, formatDateTime } = useI18n();
  const announce = useAnnounce();
  usePageTitle(t('audit.title'));

  const [state, setState] = useState<LoadState>({ status: 'loading' });
  const [loadingOlder, setLoadingOlder] = useState(false);
  const [olderError, setOlderError] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);
  const endNoticeRef = useRef<HTMLParagraphElement>(null);
  const [focusEndNotice, setFocusEndNotice] = useState(false);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `attempt` re-runs the load on "Försök igen".
  useEffect(() => {
    const controller = new AbortController();
    setState({ status: 'loading' });
    fetchEvents(null, controller.signal)
      .then((body) => setState({ status: 'ready', events: body.events, nextBeforeSeq: body.nextBeforeSeq }))
      .catch((error: unknown) => {
        if (!isAbortError(error)) setState({ status: 'error', message: errorText(error, t) });
      });
    return () => controller.abort();
  }, [attempt]);

  useEffect(() => {
    if (focusEndNotice) {
      endNoticeRef.current?.focus();
      setFocusEndNotice(false);
    }
  }, [focusEndNotice]);

  const loadOlder = useCallback(async () => {
    if (state.status !== 'ready' || state.nextBeforeSeq === null) return;
    setLoadingOlder(true);
    setOlderError(null);
    try {
      const body = await fetchEvents(state.nextBeforeSeq);
      setState({
        status: 'ready',
        events: [...state.events, ...body.events],
        nextBeforeSeq: body.nextBeforeSeq,
      });
      announce(t('audit.loadedMore', { count: body.events.length }));
      // The button disappears when there is nothing more; keep focus somewhere sensible.
      if (body.nextBeforeSeq === null) setFocusEndNotice(true);
    } catch (error) {
      setOlderError(errorText(error, t));
    } finally {
      setLoadingOlder(false);
    }
  }, [state, announce, t]);

  return (
    <>
      <h1>{t('audit.title')}</h1>
      <p className="lead">{t('audit.intro')}</p>

      {state.status === 'loading' ? <Loading /> : null}
      {state.status === 'error' ? (
        <Alert variant="error" title={state.message}>
          <Button variant="secondary" onClick={() => setAttempt((n) => n + 1)}>
            {t('error.retry')}
          </Button>
        </Alert>
      ) : null}
      {state.status === 'ready' && state.events.length === 0 ? <p>{t('audit.empty')}</p> : null}
      {state.status === 'ready' && state.events.length > 0 ? (
        <>
          <ScrollableTable labelledBy="audit-caption">
            <table className="table table--compact">
              <caption id="audit-caption">
                {t('audit.caption')}
                <span className="table__caption-meta">
                  {t('audit.showing', { count: state.events.length })}
                </span>
              </caption>
              <thead>
                <tr>
                  <th scope="col">{t('audit.col.time')}</th>
                  <th scope="col">{t('audit.col.user')}</th>
                  <th scope="col">{t('audit.col.role')}</th>
                  <th scope="col">{t('audit.col.action')}</th>
                  <th scope="col">{t('audit.col.object')}</th>
                  <th scope="col">{t('audit.col.outcome')}</th>
                  <th scope="col">{t('audit.col.purpose')}</th>
                </tr>
              </thead>
              <tbody>
                {state.events.map((event) => (
                  <tr
                    key={event.seq}
                    className={event.severity === 'raised' ? 'table__row--raised' : undefined}
                  >
                    <td className="nowrap">
                      <time dateTime={event.occurredAt}>{formatDateTime(event.occurredAt)}</time>
                    </td>
                    <td>{event.actorUsername ?? <span className="muted">{t('audit.system')}</span>}</td>
                    <td>
                      {event.role ? roleLabel(event.role) : '–'}
                      {event.unitName ? <span className="cell-secondary">{event.unitName}</span> : null}
                    </td>
                    <td>
                      {labelFor('audit.action.', event.action)}
                      {event.severity === 'raised' ? (
                        <span className="badge badge--raised">{t('audit.raised')}</span>
                      ) : null}
                    </td>
                    <td>
                      {event.objectType ? labelFor('audit.object.', event.objectType) : '–'}
                      {event.objectId ? (
                        <span className="cell-secondary code break">{event.objectId}</span>
                      ) : null}
                    </td>
                    <td>
                      <span className={`outcome outcome--${event.outcome === 'success' ? 'ok' : 'other'}`}>
                        {labelFor('audit.outcome.', event.outcome)}
                      </span>
                    </td>
                    <td>{event.purpose ?? '–'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollableTable>
          {olderError ? <Alert variant="error" title={olderError} /> : null}
          <div className="table-actions">
            {state.nextBeforeSeq !== null ? (
              <Button variant="secondary" busy={loadingOlder} onClick={() => void loadOlder()}>
                {loadingOlder ? t('audit.loadingOlder') : t('audit.loadOlder')}
              </Button>
            ) : (
              <p className="muted" tabIndex={-1} ref={endNoticeRef}>
                {t('audit.noMore')}
              </p>
            )}
          </div>
        </>
      ) : null}
    </>
  );
}
