import { type FormEvent, type ReactNode, useRef, useState } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import { api } from '../../api.ts';
import { Alert } from '../../components/Alert.tsx';
import { Button } from '../../components/Button.tsx';
import { Loading } from '../../components/Loading.tsx';
import { ScrollableTable } from '../../components/ScrollableTable.tsx';
import { TextField } from '../../components/TextField.tsx';
import { usePageTitle } from '../../components/usePageTitle.ts';
import { useI18n } from '../../i18n/index.tsx';
import { AGREEMENT_TYPES, type WorkplacePlacement, type WorkplaceView } from './types.ts';
import {
  blankToNull,
  CheckboxField,
  isIsoDate,
  SelectField,
  SummaryList,
  TextAreaField,
  todayIso,
  useAction,
  useCanManageWorkplaces,
  useLoad,
  useWp,
} from './ui.tsx';
import {
  bodyOf,
  type DraftErrors,
  draftOf,
  validateDraft,
  type WorkplaceDraft,
  WorkplaceFields,
} from './WorkplaceFields.tsx';

type Update = (view: WorkplaceView) => void;

/** `/arbetsplatser/:id`: one workplace with its supervisors, agreements, checks, places and placements. */
export function WorkplaceDetail() {
  const w = useWp();
  const { id = '' } = useParams();
  const location = useLocation();
  const canManage = useCanManageWorkplaces();
  const { state, setState, reload } = useLoad(
    (signal) => api.get<WorkplaceView>(`/api/workplaces/${encodeURIComponent(id)}`, { signal }),
    [id],
  );
  const view = state.status === 'ready' ? state.data : null;
  usePageTitle(view?.name ?? w('list.title'));
  const update: Update = (v) => setState({ status: 'ready', data: v });
  const created = (location.state as { created?: boolean } | null)?.created === true;

  return (
    <>
      <Link className="wp-back" to="/arbetsplatser">
        {w('detail.back')}
      </Link>
      <h1>{view?.name ?? w('list.title')}</h1>
      {state.status === 'loading' ? <Loading /> : null}
      {state.status === 'error' ? (
        <Alert variant="error" title={state.message}>
          <Button variant="secondary" onClick={reload}>
            {w('common.continue')}
          </Button>
        </Alert>
      ) : null}
      {view ? (
        <>
          {created ? (
            <Alert variant="success" live={false}>
              {w('form.created', { name: view.name })}
            </Alert>
          ) : null}
          <Facts view={view} canManage={canManage} onSaved={update} />
          <Occupations view={view} canManage={canManage} onSaved={update} />
          <Supervisors view={view} canManage={canManage} onSaved={update} />
          <Agreements view={view} canManage={canManage} onSaved={update} />
          <Checks view={view} canManage={canManage} onSaved={update} />
          <Slots view={view} canManage={canManage} onSaved={update} />
          <Placements workplaceId={view.id} />
        </>
      ) : null}
    </>
  );
}

interface SectionProps {
  view: WorkplaceView;
  canManage: boolean;
  onSaved: Update;
}

function Section({
  id,
  title,
  intro,
  children,
}: {
  id: string;
  title: string;
  intro?: string;
  children: ReactNode;
}) {
  return (
    <section className="wp-section" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {intro ? <p>{intro}</p> : null}
      {children}
    </section>
  );
}

const base = (view: WorkplaceView) => `/api/workplaces/${view.id}`;

function useDate() {
  const { language } = useI18n();
  return (iso: string | null | undefined) =>
    iso
      ? new Date(`${iso}T00:00:00Z`).toLocaleDateString(language === 'en' ? 'en-GB' : 'sv-SE', {
          timeZone: 'UTC',
        })
      : '–';
}

function Facts({ view, canManage, onSaved }: SectionProps) {
  const w = useWp();
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState<WorkplaceDraft>(draftOf(view));
  const [errors, setErrors] = useState<DraftErrors>({});
  const action = useAction();

  const save = async (e: FormEvent) => {
    e.preventDefault();
    const found = validateDraft(draft, w);
    setErrors(found);
    if (Object.values(found).some(Boolean)) return;
    const saved = await action.run(
      () =>
        api.put<WorkplaceView>(base(view), {
          ...bodyOf(draft),
          occupations: view.occupations.map((o) => o.code),
        }),
      w('common.saved'),
    );
    if (saved) {
      onSaved(saved);
      setEditing(false);
      requestAnimationFrame(() => document.getElementById('wp-edit-details')?.focus());
    }
  };

  return (
    <Section id="wp-facts" title={w('detail.facts')}>
      {editing ? (
        <form className="form" onSubmit={save} noValidate aria-labelledby="wp-facts">
          {action.error ? <Alert variant="error" title={action.error} /> : null}
          <WorkplaceFields prefix="wpe" draft={draft} onChange={setDraft} errors={errors} showActive />
          <div className="form__actions">
            <Button type="submit" busy={action.busy}>
              {action.busy ? w('common.saving') : w('common.save')}
            </Button>
            <Button
              variant="secondary"
              onClick={() => {
                setEditing(false);
                setDraft(draftOf(view));
                setErrors({});
              }}
            >
              {w('common.cancel')}
            </Button>
          </div>
        </form>
      ) : (
        <>
          <SummaryList
            rows={[
              [w('form.kind'), w(`kind.${view.kind}`)],
              [w('form.orgnr'), view.organisationsnummer],
              [w('form.sniCode'), view.sector.code ? `${view.sector.code} (${view.sector.system})` : null],
              [w('form.sector'), view.sector.label],
              [w('form.street'), view.streetAddress],
              [w('form.postalCode'), view.postalCode],
              [w('form.city'), view.city],
              [w('form.area'), view.area],
              [w('form.note'), view.note],
              [w('col.status'), view.active ? w('status.active') : w('status.inactive')],
            ]}
          />
          {canManage ? (
            <Button
              variant="secondary"
              id="wp-edit-details"
              onClick={() => {
                setDraft(draftOf(view));
                setEditing(true);
              }}
            >
              {w('detail.editDetails')}
            </Button>
          ) : null}
        </>
      )}
    </Section>
  );
}

function Occupations({ view, canManage, onSaved }: SectionProps) {
  const w = useWp();
  const [q, setQ] = useState('');
  const [hits, setHits] = useState<{ code: string; name: string }[] | null>(null);
  const action = useAction();

  const save = (codes: string[]) =>
    action.run(async () => {
      const saved = await api.put<WorkplaceView>(base(view), {
        ...bodyOf(draftOf(view)),
        occupations: codes,
      });
      onSaved(saved);
    }, w('common.saved'));

  const search = async (e: FormEvent) => {
    e.preventDefault();
    if (q.trim() === '') return;
    const r = await action.run(() =>
      api.get<{ codes: { code: string; name: string }[] }>('/api/workplaces/occupation-codes', {
        query: { q: q.trim() },
      }),
    );
    if (r) setHits(r.codes);
  };

  const current = view.occupations.map((o) => o.code);
  return (
    <Section id="wp-occupations" title={w('detail.occupations')} intro={w('detail.occupationsIntro')}>
      {view.occupations.length === 0 ? <p>{w('detail.noOccupations')}</p> : null}
      <ul className="wp-list">
        {view.occupations.map((o) => (
          <li key={o.code}>
            <span>
              <span className="code">{o.code}</span> {o.name ?? ''}
            </span>
            {canManage ? (
              <Button
                variant="tertiary"
                aria-label={w('detail.removeOccupation', { code: o.code, name: o.name ?? '' })}
                onClick={() => void save(current.filter((c) => c !== o.code))}
              >
                {w('common.remove')}
              </Button>
            ) : null}
          </li>
        ))}
      </ul>
      {canManage ? (
        <>
          {action.error ? <Alert variant="error" title={action.error} /> : null}
          <form className="form" onSubmit={search}>
            <div className="wp-row">
              <TextField
                id="wp-occ-search"
                label={w('detail.occupationSearch')}
                value={q}
                onChange={(e) => setQ(e.target.value)}
                type="search"
              />
              <div>
                <Button type="submit" variant="secondary" busy={action.busy}>
                  {w('common.search')}
                </Button>
              </div>
            </div>
          </form>
          {hits !== null ? (
            <div role="status">
              <h3 className="visually-hidden">{w('detail.occupationResults')}</h3>
              {hits.length === 0 ? <p>{w('detail.noHits')}</p> : null}
              <ul className="wp-list">
                {hits.map((h) => (
                  <li key={h.code}>
                    <span>
                      <span className="code">{h.code}</span> {h.name}
                    </span>
                    {current.includes(h.code) ? null : (
                      <Button
                        variant="secondary"
                        aria-label={w('detail.addOccupation', { code: h.code, name: h.name })}
                        onClick={() => void save([...current, h.code])}
                      >
                        {w('common.add')}
                      </Button>
                    )}
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
        </>
      ) : null}
    </Section>
  );
}

interface SupervisorDraft {
  id: string | null;
  name: string;
  title: string;
  phone: string;
  email: string;
  active: boolean;
}
const emptySupervisor: SupervisorDraft = {
  id: null,
  name: '',
  title: '',
  phone: '',
  email: '',
  active: true,
};

function Supervisors({ view, canManage, onSaved }: SectionProps) {
  const w = useWp();
  const [draft, setDraft] = useState<SupervisorDraft>(emptySupervisor);
  const [nameError, setNameError] = useState<string | null>(null);
  const action = useAction();
  const heading = useRef<HTMLHeadingElement>(null);
  const set = <K extends keyof SupervisorDraft>(k: K, v: SupervisorDraft[K]) =>
    setDraft({ ...draft, [k]: v });

  const save = async (e: FormEvent) => {
    e.preventDefault();
    if (draft.name.trim() === '') {
      setNameError(w('common.required', { field: w('detail.supervisorName').toLowerCase() }));
      document.getElementById('wp-sup-name')?.focus();
      return;
    }
    setNameError(null);
    const body = {
      name: draft.name.trim(),
      title: blankToNull(draft.title),
      phone: blankToNull(draft.phone),
      email: blankToNull(draft.email),
      active: draft.active,
    };
    const saved = await action.run(
      () =>
        draft.id
          ? api.put<WorkplaceView>(`${base(view)}/supervisors/${draft.id}`, body)
          : api.post<WorkplaceView>(`${base(view)}/supervisors`, body),
      w('common.saved'),
    );
    if (saved) {
      onSaved(saved);
      setDraft(emptySupervisor);
    }
  };

  const remove = async (id: string) => {
    const saved = await action.run(
      () => api.delete<WorkplaceView>(`${base(view)}/supervisors/${id}`),
      w('detail.removed'),
    );
    if (saved) onSaved(saved);
  };

  return (
    <Section id="wp-supervisors" title={w('detail.supervisors')}>
      {view.supervisors.length === 0 ? (
        <p>{w('detail.noSupervisors')}</p>
      ) : (
        <ScrollableTable labelledBy="wp-sup-caption">
          <table className="table table--compact">
            <caption id="wp-sup-caption">{w('detail.supervisors')}</caption>
            <thead>
              <tr>
                <th scope="col">{w('detail.supervisorName')}</th>
                <th scope="col">{w('detail.supervisorTitle')}</th>
                <th scope="col">{w('detail.phone')}</th>
                <th scope="col">{w('detail.email')}</th>
                <th scope="col">{w('col.status')}</th>
                {canManage ? <th scope="col">{w('common.actions')}</th> : null}
              </tr>
            </thead>
            <tbody>
              {view.supervisors.map((s) => (
                <tr key={s.id}>
                  <th scope="row">{s.name}</th>
                  <td>{s.title ?? '–'}</td>
                  <td>{s.phone ?? '–'}</td>
                  <td>{s.email ?? '–'}</td>
                  <td>{s.active ? w('status.active') : w('status.inactive')}</td>
                  {canManage ? (
                    <td>
                      <div className="wp-inline-actions">
                        <Button
                          variant="secondary"
                          aria-label={w('detail.editSupervisor', { name: s.name })}
                          onClick={() => {
                            setDraft({
                              id: s.id,
                              name: s.name,
                              title: s.title ?? '',
                              phone: s.phone ?? '',
                              email: s.email ?? '',
                              active: s.active,
                            });
                            requestAnimationFrame(() => heading.current?.focus());
                          }}
                        >
                          {w('common.edit')}
                        </Button>
                        <Button
                          variant="tertiary"
                          aria-label={w('detail.removeSupervisor', { name: s.name })}
                          onClick={() => void remove(s.id)}
                        >
                          {w('common.remove')}
                        </Button>
                      </div>
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollableTable>
      )}
      {canManage ? (
        <form className="form wp-card" onSubmit={save} noValidate aria-labelledby="wp-sup-form-title">
          <h3 id="wp-sup-form-title" ref={heading} tabIndex={-1}>
            {draft.id ? w('detail.editSupervisor', { name: draft.name }) : w('detail.addSupervisor')}
          </h3>
          {action.error ? <Alert variant="error" title={action.error} /> : null}
          <TextField
            id="wp-sup-name"
            label={w('detail.supervisorName')}
            value={draft.name}
            onChange={(e) => set('name', e.target.value)}
            error={nameError}
          />
          <TextField
            id="wp-sup-title"
            label={w('detail.supervisorTitle')}
            value={draft.title}
            onChange={(e) => set('title', e.target.value)}
          />
          <div className="wp-row">
            <TextField
              id="wp-sup-phone"
              label={w('detail.phone')}
              type="tel"
              value={draft.phone}
              onChange={(e) => set('phone', e.target.value)}
            />
            <TextField
              id="wp-sup-email"
              label={w('detail.email')}
              type="email"
              value={draft.email}
              onChange={(e) => set('email', e.target.value)}
            />
          </div>
          {draft.id ? (
            <CheckboxField
              id="wp-sup-active"
              label={w('detail.supervisorActive')}
              checked={draft.active}
              onChange={(v) => set('active', v)}
            />
          ) : null}
          <div className="form__actions">
            <Button type="submit" busy={action.busy}>
              {draft.id ? w('common.save') : w('detail.addSupervisor')}
            </Button>
            {draft.id ? (
              <Button variant="secondary" onClick={() => setDraft(emptySupervisor)}>
                {w('common.cancel')}
              </Button>
            ) : null}
          </div>
        </form>
      ) : null}
    </Section>
  );
}

interface AgreementDraft {
  id: string | null;
  type: string;
  validFrom: string;
  validTo: string;
  reference: string;
}
const emptyAgreement: AgreementDraft = {
  id: null,
  type: 'praktikavtal',
  validFrom: '',
  validTo: '',
  reference: '',
};

function Agreements({ view, canManage, onSaved }: SectionProps) {
  const w = useWp();
  const date = useDate();
  const [draft, setDraft] = useState<AgreementDraft>(emptyAgreement);
  const [errors, setErrors] = useState<{ validFrom?: string; validTo?: string }>({});
  const action = useAction();
  const heading = useRef<HTMLHeadingElement>(null);
  const set = <K extends keyof AgreementDraft>(k: K, v: AgreementDraft[K]) => setDraft({ ...draft, [k]: v });

  const save = async (e: FormEvent) => {
    e.preventDefault();
    const found: typeof errors = {};
    if (!isIsoDate(draft.validFrom))
      found.validFrom = w('common.badDate', { field: w('detail.validFrom').toLowerCase() });
    if (draft.validTo && !isIsoDate(draft.validTo))
      found.validTo = w('common.badDate', { field: w('detail.validTo').toLowerCase() });
    else if (draft.validTo && draft.validTo < draft.validFrom) found.validTo = w('common.endBeforeStart');
    setErrors(found);
    if (found.validFrom || found.validTo) {
      document.getElementById(found.validFrom ? 'wp-ag-from' : 'wp-ag-to')?.focus();
      return;
    }
    const body = {
      type: draft.type,
      validFrom: draft.validFrom,
      validTo: blankToNull(draft.validTo),
      reference: blankToNull(draft.reference),
    };
    const saved = await action.run(
      () =>
        draft.id
          ? api.put<WorkplaceView>(`${base(view)}/agreements/${draft.id}`, body)
          : api.post<WorkplaceView>(`${base(view)}/agreements`, body),
      w('common.saved'),
    );
    if (saved) {
      onSaved(saved);
      setDraft(emptyAgreement);
    }
  };

  const remove = async (id: string) => {
    const saved = await action.run(
      () => api.delete<WorkplaceView>(`${base(view)}/agreements/${id}`),
      w('detail.removed'),
    );
    if (saved) onSaved(saved);
  };

  return (
    <Section id="wp-agreements" title={w('detail.agreements')}>
      {view.agreements.length === 0 ? (
        <p>{w('detail.noAgreements')}</p>
      ) : (
        <ScrollableTable labelledBy="wp-ag-caption">
          <table className="table table--compact">
            <caption id="wp-ag-caption">{w('detail.agreements')}</caption>
            <thead>
              <tr>
                <th scope="col">{w('detail.agreementType')}</th>
                <th scope="col">{w('detail.validFrom')}</th>
                <th scope="col">{w('detail.validTo')}</th>
                <th scope="col">{w('detail.reference')}</th>
                {canManage ? <th scope="col">{w('common.actions')}</th> : null}
              </tr>
            </thead>
            <tbody>
              {view.agreements.map((a) => (
                <tr key={a.id}>
                  <th scope="row">{w(`agreement.${a.type}`)}</th>
                  <td>{date(a.validFrom)}</td>
                  <td>{a.validTo ? date(a.validTo) : w('detail.untilFurther')}</td>
                  <td>{a.reference ?? '–'}</td>
                  {canManage ? (
                    <td>
                      <div className="wp-inline-actions">
                        <Button
                          variant="secondary"
                          aria-label={w('detail.editAgreement', { from: a.validFrom })}
                          onClick={() => {
                            setDraft({
                              id: a.id,
                              type: a.type,
                              validFrom: a.validFrom,
                              validTo: a.validTo ?? '',
                              reference: a.reference ?? '',
                            });
                            requestAnimationFrame(() => heading.current?.focus());
                          }}
                        >
                          {w('common.edit')}
                        </Button>
                        <Button
                          variant="tertiary"
                          aria-label={w('detail.removeAgreement', { from: a.validFrom })}
                          onClick={() => void remove(a.id)}
                        >
                          {w('common.remove')}
                        </Button>
                      </div>
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollableTable>
      )}
      {canManage ? (
        <form className="form wp-card" onSubmit={save} noValidate aria-labelledby="wp-ag-form-title">
          <h3 id="wp-ag-form-title" ref={heading} tabIndex={-1}>
            {draft.id ? w('detail.editAgreement', { from: draft.validFrom }) : w('detail.addAgreement')}
          </h3>
          {action.error ? <Alert variant="error" title={action.error} /> : null}
          <SelectField
            id="wp-ag-type"
            label={w('detail.agreementType')}
            value={draft.type}
            onChange={(e) => set('type', e.target.value)}
            options={AGREEMENT_TYPES.map((a) => ({ value: a, label: w(`agreement.${a}`) }))}
          />
          <div className="wp-row">
            <TextField
              id="wp-ag-from"
              label={w('detail.validFrom')}
              hint={w('common.dateHint')}
              value={draft.validFrom}
              onChange={(e) => set('validFrom', e.target.value)}
              error={errors.validFrom ?? null}
            />
            <TextField
              id="wp-ag-to"
              label={w('detail.validTo')}
              hint={w('detail.validToHint')}
              value={draft.validTo}
              onChange={(e) => set('validTo', e.target.value)}
              error={errors.validTo ?? null}
            />
          </div>
          <TextField
            id="wp-ag-ref"
            label={w('detail.reference')}
            value={draft.reference}
            onChange={(e) => set('reference', e.target.value)}
          />
          <div className="form__actions">
            <Button type="submit" busy={action.busy}>
              {draft.id ? w('common.save') : w('detail.addAgreement')}
            </Button>
            {draft.id ? (
              <Button variant="secondary" onClick={() => setDraft(emptyAgreement)}>
                {w('common.cancel')}
              </Button>
            ) : null}
          </div>
        </form>
      ) : null}
    </Section>
  );
}

function Checks({ view, canManage, onSaved }: SectionProps) {
  const w = useWp();
  const date = useDate();
  const [checkedOn, setCheckedOn] = useState(todayIso());
  const [collective, setCollective] = useState(false);
  const [criminal, setCriminal] = useState(false);
  const [minors, setMinors] = useState(false);
  const [risk, setRisk] = useState('');
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<{ checkedOn?: string; risk?: string }>({});
  const action = useAction();
  const yesNo = (b: boolean) => (b ? w('common.yes') : w('common.no'));

  const save = async (e: FormEvent) => {
    e.preventDefault();
    const found: typeof errors = {};
    if (!isIsoDate(checkedOn))
      found.checkedOn = w('common.badDate', { field: w('detail.checkedOn').toLowerCase() });
    if (risk && !isIsoDate(risk))
      found.risk = w('common.badDate', { field: w('detail.riskAssessment').toLowerCase() });
    setErrors(found);
    if (found.checkedOn || found.risk) {
      document.getElementById(found.checkedOn ? 'wp-chk-date' : 'wp-chk-risk')?.focus();
      return;
    }
    const saved = await action.run(
      () =>
        api.post<WorkplaceView>(`${base(view)}/compliance-checks`, {
          checkedOn,
          collectiveAgreement: collective,
          criminalRecordExtractRequired: criminal,
          minorsRulesAcknowledged: minors,
          riskAssessmentOn: blankToNull(risk),
          note: blankToNull(note),
        }),
      w('common.saved'),
    );
    if (saved) {
      onSaved(saved);
      setNote('');
    }
  };

  return (
    <Section id="wp-checks" title={w('detail.checks')} intro={w('detail.checksIntro')}>
      {view.complianceChecks.length === 0 ? (
        <p>{w('detail.noChecks')}</p>
      ) : (
        <ScrollableTable labelledBy="wp-chk-caption">
          <table className="table table--compact">
            <caption id="wp-chk-caption">{w('detail.checks')}</caption>
            <thead>
              <tr>
                <th scope="col">{w('detail.checkedOn')}</th>
                <th scope="col">{w('detail.collectiveAgreement')}</th>
                <th scope="col">{w('detail.criminalRecord')}</th>
                <th scope="col">{w('detail.minorsRules')}</th>
                <th scope="col">{w('detail.riskAssessment')}</th>
                <th scope="col">{w('form.note')}</th>
              </tr>
            </thead>
            <tbody>
              {view.complianceChecks.map((c) => (
                <tr key={c.id}>
                  <th scope="row">{date(c.checkedOn)}</th>
                  <td>{yesNo(c.collectiveAgreement)}</td>
                  <td>{yesNo(c.criminalRecordExtractRequired)}</td>
                  <td>{yesNo(c.minorsRulesAcknowledged)}</td>
                  <td>{date(c.riskAssessmentOn)}</td>
                  <td>{c.note ?? '–'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollableTable>
      )}
      {canManage ? (
        <form className="form wp-card" onSubmit={save} noValidate aria-labelledby="wp-chk-form-title">
          <h3 id="wp-chk-form-title">{w('detail.addCheck')}</h3>
          {action.error ? <Alert variant="error" title={action.error} /> : null}
          <TextField
            id="wp-chk-date"
            label={w('detail.checkedOn')}
            hint={w('common.dateHint')}
            value={checkedOn}
            onChange={(e) => setCheckedOn(e.target.value)}
            error={errors.checkedOn ?? null}
          />
          <CheckboxField
            id="wp-chk-collective"
            label={w('detail.collectiveAgreement')}
            checked={collective}
            onChange={setCollective}
          />
          <CheckboxField
            id="wp-chk-criminal"
            label={w('detail.criminalRecord')}
            checked={criminal}
            onChange={setCriminal}
          />
          <CheckboxField
            id="wp-chk-minors"
            label={w('detail.minorsRules')}
            checked={minors}
            onChange={setMinors}
          />
          <TextField
            id="wp-chk-risk"
            label={w('detail.riskAssessment')}
            hint={w('common.dateHint')}
            value={risk}
            onChange={(e) => setRisk(e.target.value)}
            error={errors.risk ?? null}
          />
          <TextAreaField
            id="wp-chk-note"
            label={w('form.note')}
            value={note}
            onChange={(e) => setNote(e.target.value)}
          />
          <div className="form__actions">
            <Button type="submit" busy={action.busy}>
              {w('detail.addCheck')}
            </Button>
          </div>
        </form>
      ) : null}
    </Section>
  );
}

function Slots({ view, canManage, onSaved }: SectionProps) {
  const w = useWp();
  const date = useDate();
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [places, setPlaces] = useState('1');
  const [ssyk, setSsyk] = useState('');
  const [errors, setErrors] = useState<{ from?: string; to?: string; places?: string }>({});
  const action = useAction();

  const save = async (e: FormEvent) => {
    e.preventDefault();
    const found: typeof errors = {};
    if (!isIsoDate(from)) found.from = w('common.badDate', { field: w('detail.periodFrom').toLowerCase() });
    if (!isIsoDate(to)) found.to = w('common.badDate', { field: w('detail.periodTo').toLowerCase() });
    else if (isIsoDate(from) && to < from) found.to = w('common.endBeforeStart');
    const n = Number(places);
    if (!Number.isInteger(n) || n < 1 || n > 1000) found.places = w('detail.placesRequired');
    setErrors(found);
    const first = found.from
      ? 'wp-slot-from'
      : found.to
        ? 'wp-slot-to'
        : found.places
          ? 'wp-slot-places'
          : null;
    if (first) {
      document.getElementById(first)?.focus();
      return;
    }
    const saved = await action.run(
      () =>
        api.post<WorkplaceView>(`${base(view)}/slots`, {
          periodFrom: from,
          periodTo: to,
          places: n,
          ssykCode: blankToNull(ssyk),
        }),
      w('common.saved'),
    );
    if (saved) {
      onSaved(saved);
      setFrom('');
      setTo('');
    }
  };

  const remove = async (id: string) => {
    const saved = await action.run(
      () => api.delete<WorkplaceView>(`${base(view)}/slots/${id}`),
      w('detail.removed'),
    );
    if (saved) onSaved(saved);
  };

  return (
    <Section id="wp-slots" title={w('detail.slots')}>
      {view.slots.length === 0 ? (
        <p>{w('detail.noSlots')}</p>
      ) : (
        <ScrollableTable labelledBy="wp-slot-caption">
          <table className="table table--compact">
            <caption id="wp-slot-caption">{w('detail.slots')}</caption>
            <thead>
              <tr>
                <th scope="col">{w('detail.periodFrom')}</th>
                <th scope="col">{w('detail.periodTo')}</th>
                <th scope="col">{w('detail.places')}</th>
                <th scope="col">{w('detail.ssyk')}</th>
                {canManage ? <th scope="col">{w('common.actions')}</th> : null}
              </tr>
            </thead>
            <tbody>
              {view.slots.map((s) => (
                <tr key={s.id}>
                  <th scope="row">{date(s.periodFrom)}</th>
                  <td>{date(s.periodTo)}</td>
                  <td>{s.places}</td>
                  <td>{s.ssykCode ? `${s.ssykCode} ${s.ssykName ?? ''}` : '–'}</td>
                  {canManage ? (
                    <td>
                      <Button
                        variant="tertiary"
                        aria-label={w('detail.removeSlot', { from: s.periodFrom, to: s.periodTo })}
                        onClick={() => void remove(s.id)}
                      >
                        {w('common.remove')}
                      </Button>
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollableTable>
      )}
      {canManage ? (
        <form className="form wp-card" onSubmit={save} noValidate aria-labelledby="wp-slot-form-title">
          <h3 id="wp-slot-form-title">{w('detail.addSlot')}</h3>
          {action.error ? <Alert variant="error" title={action.error} /> : null}
          <div className="wp-row">
            <TextField
              id="wp-slot-from"
              label={w('detail.periodFrom')}
              hint={w('common.dateHint')}
              value={from}
              onChange={(e) => setFrom(e.target.value)}
              error={errors.from ?? null}
            />
            <TextField
              id="wp-slot-to"
              label={w('detail.periodTo')}
              hint={w('common.dateHint')}
              value={to}
              onChange={(e) => setTo(e.target.value)}
              error={errors.to ?? null}
            />
          </div>
          <div className="wp-row">
            <TextField
              id="wp-slot-places"
              label={w('detail.places')}
              inputMode="numeric"
              value={places}
              onChange={(e) => setPlaces(e.target.value)}
              error={errors.places ?? null}
            />
            <TextField
              id="wp-slot-ssyk"
              label={w('detail.ssyk')}
              hint={w('detail.ssykHint')}
              inputMode="numeric"
              value={ssyk}
              onChange={(e) => setSsyk(e.target.value)}
            />
          </div>
          <div className="form__actions">
            <Button type="submit" busy={action.busy}>
              {w('detail.addSlot')}
            </Button>
          </div>
        </form>
      ) : null}
    </Section>
  );
}

function Placements({ workplaceId }: { workplaceId: string }) {
  const w = useWp();
  const date = useDate();
  const { state } = useLoad(
    (signal) =>
      api
        .get<{ placements: WorkplacePlacement[] }>(`/api/workplaces/${workplaceId}/placements`, { signal })
        .then((r) => r.placements),
    [workplaceId],
  );
  return (
    <Section id="wp-placements" title={w('detail.placements')}>
      {state.status === 'loading' ? <Loading /> : null}
      {state.status === 'error' ? <Alert variant="error" title={state.message} /> : null}
      {state.status === 'ready' && state.data.length === 0 ? <p>{w('detail.noPlacements')}</p> : null}
      {state.status === 'ready' && state.data.length > 0 ? (
        <ScrollableTable labelledBy="wp-pl-caption">
          <table className="table table--compact">
            <caption id="wp-pl-caption">{w('detail.placements')}</caption>
            <thead>
              <tr>
                <th scope="col">{w('detail.person')}</th>
                <th scope="col">{w('detail.start')}</th>
                <th scope="col">{w('detail.end')}</th>
                <th scope="col">{w('detail.supervisor')}</th>
              </tr>
            </thead>
            <tbody>
              {state.data.map((p) => (
                <tr key={p.id}>
                  <th scope="row">
                    <Link to={`/placeringar/${p.id}`}>{p.name}</Link>
                  </th>
                  <td>{date(p.startDate)}</td>
                  <td>{p.endDate ? date(p.endDate) : '–'}</td>
                  <td>{p.supervisorName ?? '–'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollableTable>
      ) : null}
    </Section>
  );
}
