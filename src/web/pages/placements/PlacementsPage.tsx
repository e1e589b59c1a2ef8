import { type FormEvent, useEffect, useState } from 'react';
import { Link, Route, Routes, useNavigate } from 'react-router';
import { ApiError, api } from '../../api.ts';
import { useAnnounce } from '../../components/Announcer.tsx';
import { Button } from '../../components/Button.tsx';
import { ErrorSummary, type ErrorSummaryItem } from '../../components/ErrorSummary.tsx';
import { Loading } from '../../components/Loading.tsx';
import { ScrollableTable } from '../../components/ScrollableTable.tsx';
import { TextField } from '../../components/TextField.tsx';
import { usePageTitle } from '../../components/usePageTitle.ts';
import { errorText } from '../../errorMessages.ts';
import { useI18n } from '../../i18n/index.tsx';
import { NotFoundPage } from '../errors/NotFoundPage.tsx';
import {
  EMPLOYMENT_FORMS,
  type EnrolmentOption,
  type PlacementView,
  SUBSIDY_KINDS,
  type WorkplaceSummary,
  type WorkplaceView,
} from '../workplaces/types.ts';
import {
  blankToNull,
  Fieldset,
  isIsoDate,
  parseDecimal,
  SelectField,
  SummaryList,
  TextAreaField,
  useLoad,
  useWp,
} from '../workplaces/ui.tsx';
import { PlacementDetail } from './PlacementDetail.tsx';

/** `/placeringar`: plan a placement; `/placeringar/:id`: one placement with attendance. */
export function PlacementsPage() {
  return (
    <Routes>
      <Route index element={<PlacementPlanning />} />
      <Route path=":id" element={<PlacementDetail />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}

interface Draft {
  workplaceId: string;
  supervisorId: string;
  slotId: string;
  startDate: string;
  endDate: string;
  note: string;
  form: string;
  hoursPerWeek: string;
  salary: string;
  costFactor: string;
  subsidyKind: string;
  decisionId: string;
  subsidyAmount: string;
  subsidyFrom: string;
  subsidyTo: string;
}

const emptyDraft: Draft = {
  workplaceId: '',
  supervisorId: '',
  slotId: '',
  startDate: '',
  endDate: '',
  note: '',
  form: '',
  hoursPerWeek: '',
  salary: '',
  costFactor: '1,3142',
  subsidyKind: '',
  decisionId: '',
  subsidyAmount: '',
  subsidyFrom: '',
  subsidyTo: '',
};

type FieldKey =
  | 'workplaceId'
  | 'startDate'
  | 'endDate'
  | 'hoursPerWeek'
  | 'salary'
  | 'costFactor'
  | 'subsidyAmount'
  | 'subsidyFrom'
  | 'subsidyTo'
  | 'purpose';
const FIELD_IDS: Record<FieldKey, string> = {
  workplaceId: 'pl-workplace',
  startDate: 'pl-start',
  endDate: 'pl-end',
  hoursPerWeek: 'pl-hours',
  salary: 'pl-salary',
  costFactor: 'pl-factor',
  subsidyAmount: 'pl-subsidy-amount',
  subsidyFrom: 'pl-subsidy-from',
  subsidyTo: 'pl-subsidy-to',
  purpose: 'pl-purpose',
};

function PlacementPlanning() {
  const w = useWp();
  const { language, t } = useI18n();
  const announce = useAnnounce();
  const navigate = useNavigate();
  usePageTitle(w('plan.title'));
  const [q, setQ] = useState('');
  const [searchError, setSearchError] = useState<string | null>(null);
  const [results, setResults] = useState<EnrolmentOption[] | null>(null);
  const [chosen, setChosen] = useState<EnrolmentOption | null>(null);
  const [draft, setDraft] = useState<Draft>(emptyDraft);
  const [errors, setErrors] = useState<Partial<Record<FieldKey, string>>>({});
  const [serverError, setServerError] = useState<string | null>(null);
  const [submits, setSubmits] = useState(0);
  const [busy, setBusy] = useState(false);
  const [needsPurpose, setNeedsPurpose] = useState(false);
  const [purpose, setPurpose] = useState('');
  const set = <K extends keyof Draft>(k: K, v: Draft[K]) => setDraft((d) => ({ ...d, [k]: v }));
  const date = (iso: string | null) =>
    iso
      ? new Date(`${iso}T00:00:00Z`).toLocaleDateString(language === 'en' ? 'en-GB' : 'sv-SE', {
          timeZone: 'UTC',
        })
      : '–';

  const workplaces = useLoad(
    (signal) =>
      api.get<{ workplaces: WorkplaceSummary[] }>('/api/workplaces', { signal }).then((r) => r.workplaces),
    [],
  );
  const [workplace, setWorkplace] = useState<WorkplaceView | null>(null);
  useEffect(() => {
    setWorkplace(null);
    if (!draft.workplaceId) return;
    const controller = new AbortController();
    api
      .get<WorkplaceView>(`/api/workplaces/${draft.workplaceId}`, { signal: controller.signal })
      .then(setWorkplace)
      .catch(() => {});
    return () => controller.abort();
  }, [draft.workplaceId]);

  const search = async (e: FormEvent) => {
    e.preventDefault();
    if (q.trim().length < 2) {
      setSearchError(w('plan.searchTooShort'));
      document.getElementById('pl-search')?.focus();
      return;
    }
    setSearchError(null);
    try {
      const r = await api.get<{ enrolments: EnrolmentOption[] }>('/api/placement-planning/enrolments', {
        query: { q: q.trim() },
      });
      setResults(r.enrolments);
      announce(
        r.enrolments.length === 0 ? w('plan.noResults') : w('plan.found', { count: r.enrolments.length }),
      );
    } catch (error) {
      setSearchError(errorText(error, t));
    }
  };

  const choose = (option: EnrolmentOption) => {
    setChosen(option);
    setDraft({ ...emptyDraft, startDate: option.startDate ?? '' });
    setNeedsPurpose(false);
    setPurpose('');
    requestAnimationFrame(() => document.getElementById('pl-chosen-heading')?.focus());
  };

  const employment = chosen?.programme.kind === 'anstallning';

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!chosen) return;
    const found: Partial<Record<FieldKey, string>> = {};
    if (!draft.workplaceId) found.workplaceId = w('plan.workplaceRequired');
    if (!isIsoDate(draft.startDate))
      found.startDate = w('common.badDate', { field: w('plan.startDate').toLowerCase() });
    if (draft.endDate && !isIsoDate(draft.endDate))
      found.endDate = w('common.badDate', { field: w('plan.endDate').toLowerCase() });
    else if (draft.endDate && draft.endDate < draft.startDate) found.endDate = w('common.endBeforeStart');
    const numbers: [FieldKey, string, string][] = [
      ['hoursPerWeek', draft.hoursPerWeek, w('plan.hoursPerWeek')],
      ['salary', draft.salary, w('plan.salary')],
      ['costFactor', draft.costFactor, w('plan.costFactor')],
      ['subsidyAmount', draft.subsidyAmount, w('plan.subsidyAmount')],
    ];
    if (employment) {
      for (const [k, v, label] of numbers)
        if (Number.isNaN(parseDecimal(v))) found[k] = w('plan.badNumber', { field: label.toLowerCase() });
      for (const [k, v, label] of [
        ['subsidyFrom', draft.subsidyFrom, w('plan.subsidyFrom')],
        ['subsidyTo', draft.subsidyTo, w('plan.subsidyTo')],
      ] as const)
        if (v && !isIsoDate(v)) found[k] = w('common.badDate', { field: label.toLowerCase() });
    }
    if (needsPurpose && purpose.trim() === '')
      found.purpose = w('common.required', { field: w('common.purpose').toLowerCase() });
    setErrors(found);
    setServerError(null);
    setSubmits((n) => n + 1);
    if (Object.values(found).some(Boolean)) return;
    const salary = parseDecimal(draft.salary);
    const subsidyAmount = parseDecimal(draft.subsidyAmount);
    const body = {
      enrolmentId: chosen.enrolmentId,
      workplaceId: draft.workplaceId,
      supervisorId: blankToNull(draft.supervisorId),
      slotId: blankToNull(draft.slotId),
      startDate: draft.startDate,
      endDate: blankToNull(draft.endDate),
      note: blankToNull(draft.note),
      employment: employment
        ? {
            form: blankToNull(draft.form),
            hoursPerWeek: parseDecimal(draft.hoursPerWeek),
            monthlySalarySek: salary === null ? null : Math.round(salary),
            employerCostFactor: parseDecimal(draft.costFactor),
            subsidy: draft.subsidyKind
              ? {
                  kind: draft.subsidyKind,
                  decisionId: blankToNull(draft.decisionId),
                  monthlyAmountSek: subsidyAmount === null ? null : Math.round(subsidyAmount),
                  from: blankToNull(draft.subsidyFrom),
                  to: blankToNull(draft.subsidyTo),
                }
              : null,
          }
        : null,
    };
    setBusy(true);
    try {
      const created = await api.post<PlacementView>('/api/placements', body, {
        query: needsPurpose ? { purpose: purpose.trim() } : undefined,
      });
      announce(w('plan.created'));
      navigate(`/placeringar/${created.id}`, {
        state: { created: true, purpose: needsPurpose ? purpose.trim() : null },
      });
    } catch (error) {
      if (error instanceof ApiError && error.code === 'purpose_required') {
        setNeedsPurpose(true);
        requestAnimationFrame(() => document.getElementById(FIELD_IDS.purpose)?.focus());
      } else {
        setServerError(errorText(error, t));
        setSubmits((n) => n + 1);
      }
    } finally {
      setBusy(false);
    }
  };

  const summary: ErrorSummaryItem[] = [
    ...(serverError ? [{ message: serverError }] : []),
    ...(Object.entries(errors) as [FieldKey, string | undefined][]).flatMap(([k, m]) =>
      m ? [{ message: m, fieldId: FIELD_IDS[k] }] : [],
    ),
  ];
  const activeWorkplaces =
    workplaces.state.status === 'ready' ? workplaces.state.data.filter((x) => x.active) : [];

  return (
    <>
      <h1>{w('plan.title')}</h1>
      <p className="lead">{w('plan.intro')}</p>
      <section className="wp-section" aria-labelledby="pl-step1">
        <h2 id="pl-step1">{w('plan.step1')}</h2>
        {chosen ? (
          <div className="wp-card">
            <h3 id="pl-chosen-heading" tabIndex={-1}>
              {w('plan.chosen')}: {chosen.name}
            </h3>
            <SummaryList
              rows={[
                [w('plan.programme'), chosen.programme.name],
                [
                  w('plan.enrolmentDates'),
                  `${date(chosen.startDate)} – ${chosen.exitDate ? date(chosen.exitDate) : chosen.plannedEndDate ? date(chosen.plannedEndDate) : ''}`,
                ],
              ]}
            />
            <Button variant="secondary" onClick={() => setChosen(null)}>
              {w('plan.change')}
            </Button>
            <ExistingPlacements personId={chosen.personId} />
          </div>
        ) : (
          <>
            <form className="form wp-card" onSubmit={search} noValidate>
              <div className="wp-row">
                <TextField
                  id="pl-search"
                  label={w('plan.search')}
                  hint={w('plan.searchHint')}
                  value={q}
                  onChange={(e) => setQ(e.target.value)}
                  error={searchError}
                  type="search"
                />
                <div>
                  <Button type="submit">{w('common.search')}</Button>
                </div>
              </div>
            </form>
            {results !== null && results.length === 0 ? <p>{w('plan.noResults')}</p> : null}
            {results !== null && results.length > 0 ? (
              <ScrollableTable labelledBy="pl-results-caption">
                <table className="table table--compact">
                  <caption id="pl-results-caption">{w('plan.resultsCaption')}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{w('detail.person')}</th>
                      <th scope="col">{w('plan.programme')}</th>
                      <th scope="col">{w('plan.enrolmentDates')}</th>
                      <th scope="col">{w('common.actions')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {results.map((r) => (
                      <tr key={r.enrolmentId}>
                        <th scope="row">{r.name}</th>
                        <td>{r.programme.name}</td>
                        <td>{date(r.startDate)}</td>
                        <td>
                          <Button
                            variant="secondary"
                            aria-label={w('plan.chooseLabel', { name: r.name, programme: r.programme.name })}
                            onClick={() => choose(r)}
                          >
                            {w('plan.choose')}
                          </Button>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </ScrollableTable>
            ) : null}
          </>
        )}
      </section>

      {chosen ? (
        <section className="wp-section" aria-labelledby="pl-step2">
          <h2 id="pl-step2">{w('plan.step2')}</h2>
          <ErrorSummary errors={summary} focusKey={submits} />
          <form className="form" onSubmit={submit} noValidate>
            {workplaces.state.status === 'loading' ? <Loading /> : null}
            <SelectField
              id={FIELD_IDS.workplaceId}
              label={w('plan.workplace')}
              value={draft.workplaceId}
              onChange={(e) =>
                setDraft((d) => ({ ...d, workplaceId: e.target.value, supervisorId: '', slotId: '' }))
              }
              emptyLabel={w('plan.chooseWorkplace')}
              error={errors.workplaceId ?? null}
              options={activeWorkplaces.map((x) => ({
                value: x.id,
                label: x.sectorLabel ? `${x.name} (${x.sectorLabel})` : x.name,
              }))}
            />
            <div className="wp-row">
              <SelectField
                id="pl-supervisor"
                label={w('plan.supervisor')}
                value={draft.supervisorId}
                onChange={(e) => set('supervisorId', e.target.value)}
                emptyLabel={w('plan.noSupervisor')}
                options={(workplace?.supervisors ?? [])
                  .filter((s) => s.active)
                  .map((s) => ({ value: s.id, label: s.name }))}
              />
              <SelectField
                id="pl-slot"
                label={w('plan.slot')}
                value={draft.slotId}
                onChange={(e) => set('slotId', e.target.value)}
                emptyLabel={w('plan.noSlot')}
                options={(workplace?.slots ?? []).map((s) => ({
                  value: s.id,
                  label: `${s.periodFrom} – ${s.periodTo} (${s.places})${s.ssykCode ? ` ${s.ssykCode}` : ''}`,
                }))}
              />
            </div>
            <div className="wp-row">
              <TextField
                id={FIELD_IDS.startDate}
                label={w('plan.startDate')}
                hint={w('common.dateHint')}
                value={draft.startDate}
                onChange={(e) => set('startDate', e.target.value)}
                error={errors.startDate ?? null}
              />
              <TextField
                id={FIELD_IDS.endDate}
                label={w('plan.endDate')}
                hint={w('plan.endHint')}
                value={draft.endDate}
                onChange={(e) => set('endDate', e.target.value)}
                error={errors.endDate ?? null}
              />
            </div>
            {employment ? (
              <Fieldset legend={w('plan.employment')} intro={w('plan.employmentIntro')}>
                <SelectField
                  id="pl-form"
                  label={w('plan.employmentForm')}
                  value={draft.form}
                  onChange={(e) => set('form', e.target.value)}
                  emptyLabel="–"
                  options={EMPLOYMENT_FORMS.map((f) => ({ value: f, label: w(`empform.${f}`) }))}
                />
                <div className="wp-row">
                  <TextField
                    id={FIELD_IDS.hoursPerWeek}
                    label={w('plan.hoursPerWeek')}
                    inputMode="decimal"
                    value={draft.hoursPerWeek}
                    onChange={(e) => set('hoursPerWeek', e.target.value)}
                    error={errors.hoursPerWeek ?? null}
                  />
                  <TextField
                    id={FIELD_IDS.salary}
                    label={w('plan.salary')}
                    inputMode="numeric"
                    value={draft.salary}
                    onChange={(e) => set('salary', e.target.value)}
                    error={errors.salary ?? null}
                  />
                  <TextField
                    id={FIELD_IDS.costFactor}
                    label={w('plan.costFactor')}
                    hint={w('plan.costFactorHint')}
                    inputMode="decimal"
                    value={draft.costFactor}
                    onChange={(e) => set('costFactor', e.target.value)}
                    error={errors.costFactor ?? null}
                  />
                </div>
                <SelectField
                  id="pl-subsidy-kind"
                  label={w('plan.subsidyKind')}
                  value={draft.subsidyKind}
                  onChange={(e) => set('subsidyKind', e.target.value)}
                  emptyLabel={w('plan.noSubsidy')}
                  options={SUBSIDY_KINDS.map((k) => ({ value: k, label: w(`subsidy.${k}`) }))}
                />
                {draft.subsidyKind ? (
                  <>
                    <div className="wp-row">
                      <TextField
                        id="pl-decision"
                        label={w('plan.decisionId')}
                        value={draft.decisionId}
                        onChange={(e) => set('decisionId', e.target.value)}
                      />
                      <TextField
                        id={FIELD_IDS.subsidyAmount}
                        label={w('plan.subsidyAmount')}
                        inputMode="numeric"
                        value={draft.subsidyAmount}
                        onChange={(e) => set('subsidyAmount', e.target.value)}
                        error={errors.subsidyAmount ?? null}
                      />
                    </div>
                    <div className="wp-row">
                      <TextField
                        id={FIELD_IDS.subsidyFrom}
                        label={w('plan.subsidyFrom')}
                        hint={w('common.dateHint')}
                        value={draft.subsidyFrom}
                        onChange={(e) => set('subsidyFrom', e.target.value)}
                        error={errors.subsidyFrom ?? null}
                      />
                      <TextField
                        id={FIELD_IDS.subsidyTo}
                        label={w('plan.subsidyTo')}
                        hint={w('common.dateHint')}
                        value={draft.subsidyTo}
                        onChange={(e) => set('subsidyTo', e.target.value)}
                        error={errors.subsidyTo ?? null}
                      />
                    </div>
                  </>
                ) : null}
              </Fieldset>
            ) : null}
            <TextAreaField
              id="pl-note"
              label={w('plan.note')}
              value={draft.note}
              onChange={(e) => set('note', e.target.value)}
            />
            {needsPurpose ? (
              <Fieldset legend={w('common.purposeHeading')} intro={w('common.purposeIntro')}>
                <TextField
                  id={FIELD_IDS.purpose}
                  label={w('common.purpose')}
                  value={purpose}
                  onChange={(e) => setPurpose(e.target.value)}
                  error={errors.purpose ?? null}
                />
              </Fieldset>
            ) : null}
            <div className="form__actions">
              <Button type="submit" busy={busy}>
                {busy ? w('common.saving') : w('plan.submit')}
              </Button>
            </div>
          </form>
        </section>
      ) : null}
      <p className="wp-section">
        <Link to="/narvaro">{w('att.title')}</Link>
      </p>
    </>
  );
}

/** The chosen person's placements (not shown for protected persons until a purpose is given). */
function ExistingPlacements({ personId }: { personId: string }) {
  const w = useWp();
  const { state } = useLoad(
    (signal) =>
      api
        .get<{ placements: PlacementView[] }>('/api/placements', { signal, query: { personId } })
        .then((r) => r.placements),
    [personId],
  );
  if (state.status !== 'ready') return null;
  return (
    <>
      <h4>{w('plan.existing')}</h4>
      {state.data.length === 0 ? (
        <p>{w('plan.noExisting')}</p>
      ) : (
        <ul className="wp-list">
          {state.data.map((p) => (
            <li key={p.id}>
              <Link to={`/placeringar/${p.id}`}>
                {p.workplace.name}: {p.startDate} – {p.endDate ?? w('placement.open')}
              </Link>
              <span>{w(`placement.status.${p.status}`)}</span>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
