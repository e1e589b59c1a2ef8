import { type FormEvent, type MouseEvent, useEffect, useMemo, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { Alert } from '../../components/Alert.tsx';
import { useAnnounce } from '../../components/Announcer.tsx';
import { Button } from '../../components/Button.tsx';
import { Loading } from '../../components/Loading.tsx';
import { ScrollableTable } from '../../components/ScrollableTable.tsx';
import { TextField } from '../../components/TextField.tsx';
import { usePageTitle } from '../../components/usePageTitle.ts';
import { errorText, isAbortError } from '../../errorMessages.ts';
import { useI18n } from '../../i18n/index.tsx';
import { useSession } from '../../session.tsx';
import { hasAnyRole } from '../../types.ts';
import {
  type CaseloadItem,
  type Options,
  type CaseloadPage as Page,
  PERSON_STATUSES,
  participantsApi,
} from './api.ts';
import { SelectField } from './fields.tsx';
import { PurposeDialog } from './PurposeDialog.tsx';
import './participants.css';

type Sort = 'name' | '-name' | 'lastContact' | '-lastContact';

interface Filters {
  scope: 'mine' | 'team' | 'unit';
  unitId: string;
  status: string;
  lastContactOlderThanDays: string;
  meetingWithinDays: string;
  q: string;
}

const PAGE_SIZE = 25;

/**
 * Ärendelistan: the persons the user may see, filtered and sorted (Swedish order by the server),
 * paginated. The search text is kept in the page, never in the address bar (it can be a personnummer).
 */
export function CaseloadPage() {
  const { t, formatDateTime } = useI18n();
  const { user } = useSession();
  const announce = useAnnounce();
  const navigate = useNavigate();
  usePageTitle(t('participants.caseload.title'));

  const isCaseWorker = user ? hasAnyRole(user, ['handlaggare']) : false;
  const [draft, setDraft] = useState<Filters>({
    scope: isCaseWorker ? 'mine' : 'unit',
    unitId: '',
    status: 'aktiv',
    lastContactOlderThanDays: '',
    meetingWithinDays: '',
    q: '',
  });
  const [filters, setFilters] = useState<Filters>(draft);
  const [sort, setSort] = useState<Sort>('name');
  const [page, setPage] = useState(1);
  const [state, setState] = useState<
    { status: 'loading' } | { status: 'error'; message: string } | { status: 'ready'; data: Page }
  >({ status: 'loading' });
  const [options, setOptions] = useState<Options | null>(null);
  const [protectedTarget, setProtectedTarget] = useState<CaseloadItem | null>(null);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    participantsApi
      .options(controller.signal)
      .then(setOptions)
      .catch(() => {});
    return () => controller.abort();
  }, []);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `attempt` re-runs the load on "Försök igen".
  useEffect(() => {
    const controller = new AbortController();
    setState({ status: 'loading' });
    participantsApi
      .caseload(
        {
          scope: filters.scope,
          unitId: filters.unitId || undefined,
          status: filters.status || undefined,
          lastContactOlderThanDays: filters.lastContactOlderThanDays || undefined,
          meetingWithinDays: filters.meetingWithinDays || undefined,
          q: filters.q.trim() || undefined,
          sort,
          page,
          pageSize: PAGE_SIZE,
        },
        controller.signal,
      )
      .then((data) => {
        setState({ status: 'ready', data });
        announce(
          t('participants.caseload.resultCount', {
            count: data.total,
            page: data.page,
            pages: data.pageCount,
          }),
        );
      })
      .catch((error: unknown) => {
        if (!isAbortError(error)) setState({ status: 'error', message: errorText(error, t) });
      });
    return () => controller.abort();
  }, [filters, sort, page, attempt]);

  const search = (event: FormEvent) => {
    event.preventDefault();
    setPage(1);
    setFilters({ ...draft });
  };

  const sortBy = (column: 'name' | 'lastContact') => {
    const next: Sort = sort === column ? (`-${column}` as Sort) : column;
    setSort(next);
    setPage(1);
    const direction = next.startsWith('-')
      ? t('participants.sort.descending')
      : t('participants.sort.ascending');
    announce(t('participants.sort.announce', { column: t(`participants.col.${column}`), direction }));
  };

  const ariaSort = (column: 'name' | 'lastContact') =>
    sort === column ? 'ascending' : sort === `-${column}` ? 'descending' : 'none';

  const canRegister = user ? hasAnyRole(user, ['handlaggare', 'enhetschef']) : false;
  const canImport = user ? hasAnyRole(user, ['enhetschef']) : false;
  const data = state.status === 'ready' ? state.data : null;
  const statusLabel = useMemo(
    () => (s: string) => t(`participants.status.${s}` as 'participants.status.aktiv'),
    [t],
  );

  const openPerson = (item: CaseloadItem) => (event: MouseEvent) => {
    if (!item.protected) return;
    event.preventDefault();
    setProtectedTarget(item);
  };

  return (
    <>
      <h1>{t('participants.caseload.title')}</h1>
      <p className="lead">{t('participants.caseload.intro')}</p>
      {canRegister || canImport ? (
        <ul className="plain-list pt-action-links">
          {canRegister ? (
            <li>
              <Link to="/deltagare/ny" className="button button--primary">
                {t('participants.register.title')}
              </Link>
            </li>
          ) : null}
          {canImport ? (
            <li>
              <Link to="/deltagare/import" className="button button--secondary">
                {t('participants.import.title')}
              </Link>
            </li>
          ) : null}
        </ul>
      ) : null}

      <search className="pt-filters" aria-label={t('participants.filters.label')}>
        <form onSubmit={search} noValidate>
          <div className="pt-filters__grid">
            <TextField
              id="filter-q"
              label={t('participants.filters.q')}
              hint={t('participants.filters.qHint')}
              value={draft.q}
              autoComplete="off"
              onChange={(e) => setDraft({ ...draft, q: e.target.value })}
            />
            <SelectField
              id="filter-scope"
              label={t('participants.filters.scope')}
              value={draft.scope}
              onChange={(e) => setDraft({ ...draft, scope: e.target.value as Filters['scope'] })}
            >
              <option value="mine">{t('participants.scope.mine')}</option>
              <option value="team">{t('participants.scope.team')}</option>
              <option value="unit">{t('participants.scope.unit')}</option>
            </SelectField>
            {options && options.readUnits.length > 1 ? (
              <SelectField
                id="filter-unit"
                label={t('participants.filters.unit')}
                value={draft.unitId}
                onChange={(e) => setDraft({ ...draft, unitId: e.target.value })}
              >
                <option value="">{t('participants.filters.allUnits')}</option>
                {options.readUnits.map((u) => (
                  <option key={u.id} value={u.id}>
                    {u.name}
                  </option>
                ))}
              </SelectField>
            ) : null}
            <SelectField
              id="filter-status"
              label={t('participants.filters.status')}
              value={draft.status}
              onChange={(e) => setDraft({ ...draft, status: e.target.value })}
            >
              <option value="">{t('participants.filters.allStatuses')}</option>
              {PERSON_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {statusLabel(s)}
                </option>
              ))}
            </SelectField>
            <SelectField
              id="filter-contact"
              label={t('participants.filters.lastContact')}
              value={draft.lastContactOlderThanDays}
              onChange={(e) => setDraft({ ...draft, lastContactOlderThanDays: e.target.value })}
            >
              <option value="">{t('participants.filters.anyContact')}</option>
              {['14', '30', '60', '90'].map((d) => (
                <option key={d} value={d}>
                  {t('participants.filters.olderThan', { days: d })}
                </option>
              ))}
            </SelectField>
            <SelectField
              id="filter-meeting"
              label={t('participants.filters.meeting')}
              value={draft.meetingWithinDays}
              onChange={(e) => setDraft({ ...draft, meetingWithinDays: e.target.value })}
            >
              <option value="">{t('participants.filters.anyMeeting')}</option>
              {['7', '14', '30'].map((d) => (
                <option key={d} value={d}>
                  {t('participants.filters.meetingWithin', { days: d })}
                </option>
              ))}
            </SelectField>
          </div>
          <div className="form__actions">
            <Button type="submit">{t('participants.filters.submit')}</Button>
          </div>
        </form>
      </search>

      {state.status === 'loading' ? <Loading /> : null}
      {state.status === 'error' ? (
        <Alert variant="error" title={state.message}>
          <Button variant="secondary" onClick={() => setAttempt((n) => n + 1)}>
            {t('error.retry')}
          </Button>
        </Alert>
      ) : null}
      {data && data.items.length === 0 ? <p>{t('participants.caseload.empty')}</p> : null}
      {data && data.items.length > 0 ? (
        <>
          <ScrollableTable labelledBy="caseload-caption">
            <table className="table">
              <caption id="caseload-caption">
                {t('participants.caseload.caption')}
                <span className="table__caption-meta">
                  {t('participants.caseload.resultCount', {
                    count: data.total,
                    page: data.page,
                    pages: data.pageCount,
                  })}
                </span>
              </caption>
              <thead>
                <tr>
                  <th scope="col" aria-sort={ariaSort('name')}>
                    <button type="button" className="pt-sort-button" onClick={() => sortBy('name')}>
                      {t('participants.col.name')}
                      <span className="pt-sort-button__icon" aria-hidden="true">
                        {ariaSort('name') === 'ascending'
                          ? '▲'
                          : ariaSort('name') === 'descending'
                            ? '▼'
                            : '↕'}
                      </span>
                    </button>
                  </th>
                  <th scope="col">{t('participants.col.personnummer')}</th>
                  <th scope="col">{t('participants.col.status')}</th>
                  <th scope="col">{t('participants.col.caseWorker')}</th>
                  <th scope="col">{t('participants.col.unit')}</th>
                  <th scope="col" aria-sort={ariaSort('lastContact')}>
                    <button type="button" className="pt-sort-button" onClick={() => sortBy('lastContact')}>
                      {t('participants.col.lastContact')}
                      <span className="pt-sort-button__icon" aria-hidden="true">
                        {ariaSort('lastContact') === 'ascending'
                          ? '▲'
                          : ariaSort('lastContact') === 'descending'
                            ? '▼'
                            : '↕'}
                      </span>
                    </button>
                  </th>
                </tr>
              </thead>
              <tbody>
                {data.items.map((item) => (
                  <tr key={item.id}>
                    <th scope="row">
                      <Link to={`/deltagare/${item.id}`} onClick={openPerson(item)}>
                        {item.lastName}, {item.firstName}
                      </Link>
                      {item.protected ? (
                        <span className="badge badge--raised">{t('participants.protectedBadge')}</span>
                      ) : null}
                    </th>
                    <td className="nowrap">{item.personnummer}</td>
                    <td>{statusLabel(item.status)}</td>
                    <td>
                      {item.caseWorker?.name ?? (
                        <span className="muted">{t('participants.noCaseWorker')}</span>
                      )}
                    </td>
                    <td>{item.unit.name}</td>
                    <td className="nowrap">
                      {item.lastContactAt ? (
                        <time dateTime={item.lastContactAt}>{formatDateTime(item.lastContactAt)}</time>
                      ) : (
                        <span className="muted">{t('participants.noContact')}</span>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollableTable>
          <nav className="pt-pagination" aria-label={t('participants.pagination.label')}>
            <Button
              variant="secondary"
              aria-disabled={data.page <= 1 || undefined}
              onClick={() => data.page > 1 && setPage(data.page - 1)}
            >
              {t('participants.pagination.previous')}
            </Button>
            <p className="pt-pagination__status">
              {t('participants.pagination.status', { page: data.page, pages: data.pageCount })}
            </p>
            <Button
              variant="secondary"
              aria-disabled={data.page >= data.pageCount || undefined}
              onClick={() => data.page < data.pageCount && setPage(data.page + 1)}
            >
              {t('participants.pagination.next')}
            </Button>
          </nav>
        </>
      ) : null}

      <PurposeDialog
        open={protectedTarget !== null}
        title={t('participants.purpose.openTitle')}
        intro={t('participants.purpose.openIntro')}
        submitLabel={t('participants.purpose.open')}
        onCancel={() => setProtectedTarget(null)}
        onSubmit={(purpose) => {
          const target = protectedTarget;
          setProtectedTarget(null);
          if (target) navigate(`/deltagare/${target.id}`, { state: { purpose } });
        }}
      />
    </>
  );
}
