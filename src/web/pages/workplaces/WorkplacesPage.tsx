import { type FormEvent, useState } from 'react';
import { Link, Route, Routes, useNavigate } from 'react-router';
import { api } from '../../api.ts';
import { Alert } from '../../components/Alert.tsx';
import { useAnnounce } from '../../components/Announcer.tsx';
import { Button } from '../../components/Button.tsx';
import { ErrorSummary, type ErrorSummaryItem } from '../../components/ErrorSummary.tsx';
import { Loading } from '../../components/Loading.tsx';
import { ScrollableTable } from '../../components/ScrollableTable.tsx';
import { TextField } from '../../components/TextField.tsx';
import { usePageTitle } from '../../components/usePageTitle.ts';
import { useI18n } from '../../i18n/index.tsx';
import { NotFoundPage } from '../errors/NotFoundPage.tsx';
import { AGREEMENT_TYPES, WORKPLACE_KINDS, type WorkplaceSummary, type WorkplaceView } from './types.ts';
import {
  blankToNull,
  CheckboxField,
  Fieldset,
  isIsoDate,
  SelectField,
  useAction,
  useCanManageWorkplaces,
  useLoad,
  useWp,
} from './ui.tsx';
import { WorkplaceDetail } from './WorkplaceDetail.tsx';
import {
  bodyOf,
  type DraftErrors,
  draftFieldIds,
  emptyDraft,
  validateDraft,
  type WorkplaceDraft,
  WorkplaceFields,
} from './WorkplaceFields.tsx';

/** `/arbetsplatser`: the register (list and search), `/arbetsplatser/ny` and `/arbetsplatser/:id`. */
export function WorkplacesPage() {
  return (
    <Routes>
      <Route index element={<WorkplaceList />} />
      <Route path="ny" element={<WorkplaceCreate />} />
      <Route path=":id" element={<WorkplaceDetail />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}

function WorkplaceList() {
  const w = useWp();
  const { language } = useI18n();
  const announce = useAnnounce();
  usePageTitle(w('list.title'));
  const canManage = useCanManageWorkplaces();
  const [q, setQ] = useState('');
  const [kind, setKind] = useState('');
  const [includeInactive, setIncludeInactive] = useState(false);
  const [query, setQuery] = useState({ q: '', kind: '', includeInactive: false, n: 0 });
  const { state, reload } = useLoad(
    (signal) =>
      api
        .get<{ workplaces: WorkplaceSummary[] }>('/api/workplaces', {
          signal,
          query: {
            q: query.q || undefined,
            kind: query.kind || undefined,
            includeInactive: query.includeInactive ? 'true' : undefined,
          },
        })
        .then((r) => {
          if (query.n > 0) announce(w('list.found', { count: r.workplaces.length }));
          return r.workplaces;
        }),
    [query],
  );
  const search = (e: FormEvent) => {
    e.preventDefault();
    setQuery({ q: q.trim(), kind, includeInactive, n: query.n + 1 });
  };
  const date = (iso: string | null) =>
    iso
      ? new Date(`${iso}T00:00:00Z`).toLocaleDateString(language === 'en' ? 'en-GB' : 'sv-SE', {
          timeZone: 'UTC',
        })
      : '–';

  return (
    <>
      <h1>{w('list.title')}</h1>
      <p className="lead">{w('list.intro')}</p>
      {canManage ? (
        <p>
          <Link className="button button--primary" to="/arbetsplatser/ny">
            {w('list.create')}
          </Link>
        </p>
      ) : null}
      <form className="form wp-card" onSubmit={search}>
        <div className="wp-row">
          <TextField
            id="wp-search"
            label={w('list.search')}
            hint={w('list.searchHint')}
            value={q}
            onChange={(e) => setQ(e.target.value)}
            type="search"
          />
          <SelectField
            id="wp-kind"
            label={w('list.kind')}
            value={kind}
            onChange={(e) => setKind(e.target.value)}
            emptyLabel={w('list.allKinds')}
            options={WORKPLACE_KINDS.map((k) => ({ value: k, label: w(`kind.${k}`) }))}
          />
        </div>
        <CheckboxField
          id="wp-inactive"
          label={w('list.includeInactive')}
          checked={includeInactive}
          onChange={setIncludeInactive}
        />
        <div className="form__actions">
          <Button type="submit">{w('common.search')}</Button>
        </div>
      </form>
      {state.status === 'loading' ? <Loading /> : null}
      {state.status === 'error' ? (
        <Alert variant="error" title={state.message}>
          <Button variant="secondary" onClick={reload}>
            {w('common.search')}
          </Button>
        </Alert>
      ) : null}
      {state.status === 'ready' && state.data.length === 0 ? <p>{w('list.empty')}</p> : null}
      {state.status === 'ready' && state.data.length > 0 ? (
        <ScrollableTable labelledBy="wp-list-caption">
          <table className="table table--compact">
            <caption id="wp-list-caption">
              {w('list.caption')}
              <span className="table__caption-meta">{w('list.count', { count: state.data.length })}</span>
            </caption>
            <thead>
              <tr>
                <th scope="col">{w('col.name')}</th>
                <th scope="col">{w('col.kind')}</th>
                <th scope="col">{w('col.sector')}</th>
                <th scope="col">{w('col.place')}</th>
                <th scope="col">{w('col.supervisors')}</th>
                <th scope="col">{w('col.agreementToday')}</th>
                <th scope="col">{w('col.lastChecked')}</th>
              </tr>
            </thead>
            <tbody>
              {state.data.map((row) => (
                <tr key={row.id}>
                  <th scope="row">
                    <Link to={`/arbetsplatser/${row.id}`}>{row.name}</Link>
                    {row.active ? null : <span className="cell-secondary">{w('status.inactive')}</span>}
                    {row.organisationsnummer ? (
                      <span className="cell-secondary">{row.organisationsnummer}</span>
                    ) : null}
                  </th>
                  <td>{w(`kind.${row.kind}`)}</td>
                  <td>
                    {row.sectorLabel ?? '–'}
                    {row.sectorCode ? <span className="cell-secondary">SNI {row.sectorCode}</span> : null}
                  </td>
                  <td>{[row.area, row.city].filter(Boolean).join(', ') || '–'}</td>
                  <td>{row.supervisors}</td>
                  <td>{row.agreementValidToday ? w('common.yes') : w('common.no')}</td>
                  <td>{date(row.lastCheckedOn)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollableTable>
      ) : null}
    </>
  );
}

interface FirstParts {
  supervisorName: string;
  supervisorPhone: string;
  supervisorEmail: string;
  agreementType: string;
  agreementFrom: string;
  agreementTo: string;
}

const emptyParts: FirstParts = {
  supervisorName: '',
  supervisorPhone: '',
  supervisorEmail: '',
  agreementType: 'praktikavtal',
  agreementFrom: '',
  agreementTo: '',
};

function WorkplaceCreate() {
  const w = useWp();
  const navigate = useNavigate();
  usePageTitle(w('form.createTitle'));
  const [draft, setDraft] = useState<WorkplaceDraft>(emptyDraft);
  const [parts, setParts] = useState<FirstParts>(emptyParts);
  const [errors, setErrors] = useState<
    DraftErrors & Partial<Record<'agreementFrom' | 'agreementTo', string>>
  >({});
  const [submits, setSubmits] = useState(0);
  const action = useAction();
  const ids = {
    ...draftFieldIds('wpc'),
    agreementFrom: 'wpc-agreement-from',
    agreementTo: 'wpc-agreement-to',
  };
  const setPart = <K extends keyof FirstParts>(k: K, v: string) => setParts({ ...parts, [k]: v });

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const found: typeof errors = validateDraft(draft, w);
    if (parts.agreementFrom && !isIsoDate(parts.agreementFrom))
      found.agreementFrom = w('common.badDate', { field: w('detail.validFrom').toLowerCase() });
    if (parts.agreementTo && !isIsoDate(parts.agreementTo))
      found.agreementTo = w('common.badDate', { field: w('detail.validTo').toLowerCase() });
    if (!parts.agreementFrom && parts.agreementTo)
      found.agreementFrom = w('common.required', { field: w('detail.validFrom').toLowerCase() });
    if (
      isIsoDate(parts.agreementFrom) &&
      isIsoDate(parts.agreementTo) &&
      parts.agreementTo < parts.agreementFrom
    )
      found.agreementTo = w('common.endBeforeStart');
    setErrors(found);
    setSubmits((n) => n + 1);
    if (Object.values(found).some(Boolean)) return;
    const body = {
      ...bodyOf(draft),
      ...(parts.supervisorName.trim()
        ? {
            supervisors: [
              {
                name: parts.supervisorName.trim(),
                phone: blankToNull(parts.supervisorPhone),
                email: blankToNull(parts.supervisorEmail),
              },
            ],
          }
        : {}),
      ...(parts.agreementFrom
        ? {
            agreements: [
              {
                type: parts.agreementType,
                validFrom: parts.agreementFrom,
                validTo: blankToNull(parts.agreementTo),
              },
            ],
          }
        : {}),
    };
    const created = await action.run(
      () => api.post<WorkplaceView>('/api/workplaces', body),
      w('form.created', { name: draft.name.trim() }),
    );
    if (created) navigate(`/arbetsplatser/${created.id}`, { state: { created: true } });
  };

  const summary: ErrorSummaryItem[] = [
    ...(action.error ? [{ message: action.error }] : []),
    ...(Object.entries(errors) as [keyof typeof ids, string | undefined][]).flatMap(([k, m]) =>
      m ? [{ message: m, fieldId: ids[k] }] : [],
    ),
  ];

  return (
    <>
      <Link className="wp-back" to="/arbetsplatser">
        {w('detail.back')}
      </Link>
      <h1>{w('form.createTitle')}</h1>
      <ErrorSummary errors={summary} focusKey={`${submits}-${action.errorKey}`} />
      <form className="form" onSubmit={submit} noValidate>
        <Fieldset legend={w('form.details')}>
          <WorkplaceFields prefix="wpc" draft={draft} onChange={setDraft} errors={errors} />
        </Fieldset>
        <Fieldset legend={w('form.firstSupervisor')} intro={w('form.firstSupervisorIntro')}>
          <TextField
            id="wpc-supervisor-name"
            label={w('detail.supervisorName')}
            value={parts.supervisorName}
            onChange={(e) => setPart('supervisorName', e.target.value)}
          />
          <div className="wp-row">
            <TextField
              id="wpc-supervisor-phone"
              label={w('detail.phone')}
              type="tel"
              value={parts.supervisorPhone}
              onChange={(e) => setPart('supervisorPhone', e.target.value)}
            />
            <TextField
              id="wpc-supervisor-email"
              label={w('detail.email')}
              type="email"
              value={parts.supervisorEmail}
              onChange={(e) => setPart('supervisorEmail', e.target.value)}
            />
          </div>
        </Fieldset>
        <Fieldset legend={w('form.firstAgreement')} intro={w('form.firstAgreementIntro')}>
          <SelectField
            id="wpc-agreement-type"
            label={w('detail.agreementType')}
            value={parts.agreementType}
            onChange={(e) => setPart('agreementType', e.target.value)}
            options={AGREEMENT_TYPES.map((a) => ({ value: a, label: w(`agreement.${a}`) }))}
          />
          <div className="wp-row">
            <TextField
              id={ids.agreementFrom}
              label={w('detail.validFrom')}
              hint={w('common.dateHint')}
              value={parts.agreementFrom}
              onChange={(e) => setPart('agreementFrom', e.target.value)}
              error={errors.agreementFrom ?? null}
            />
            <TextField
              id={ids.agreementTo}
              label={w('detail.validTo')}
              hint={w('detail.validToHint')}
              value={parts.agreementTo}
              onChange={(e) => setPart('agreementTo', e.target.value)}
              error={errors.agreementTo ?? null}
            />
          </div>
        </Fieldset>
        <div className="form__actions">
          <Button type="submit" busy={action.busy}>
            {action.busy ? w('common.saving') : w('form.submitCreate')}
          </Button>
          <Link className="button button--secondary" to="/arbetsplatser">
            {w('common.cancel')}
          </Link>
        </div>
      </form>
    </>
  );
}
