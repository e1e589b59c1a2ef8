import { type FormEvent, type ReactNode, useRef, useState } from 'react';
import { Alert } from '../../components/Alert.tsx';
import { Button } from '../../components/Button.tsx';
import { ErrorSummary, type ErrorSummaryItem } from '../../components/ErrorSummary.tsx';
import { Loading } from '../../components/Loading.tsx';
import { TextField } from '../../components/TextField.tsx';
import { RadioGroup, SelectField } from '../casework/fields.tsx';
import type { PersonTabProps } from '../participants/personTabs.ts';
import { isIsoDate, SummaryList, todayIso, useLoad } from '../workplaces/ui.tsx';
import {
  ADJUSTMENT_KINDS,
  EXIT_INCOME,
  EXIT_REASONS,
  FOLLOW_UP_OUTCOMES,
  type PersonEnrolment,
  programmesApi,
} from './api.ts';
import { type PgText, pgLabel } from './texts.ts';
import {
  issuesByPath,
  parseInteger,
  useFormatDate,
  useHasRole,
  usePg,
  useSubmit,
  WRITE_PERSON_ROLES,
} from './ui.tsx';

type OpenForm =
  | { kind: 'phase' | 'adjust' | 'exit'; enrolmentId: string }
  | { kind: 'fu'; followUpId: string };

/**
 * The person page's "Insatser" tab: every enrolment with phases, pauses/extensions, exit and follow-ups,
 * and the forms to change phase, pause or extend, exit and record a follow-up. The list is one audited
 * read (GET /api/participants/:id/enrolments); the forms write through the enrolment API.
 */
export function EnrolmentsTab({ personId, purpose }: PersonTabProps) {
  const p = usePg();
  const canWrite = useHasRole(WRITE_PERSON_ROLES);
  const { state, reload } = useLoad(
    (signal) => programmesApi.personEnrolments(personId, purpose, signal),
    [personId, purpose],
  );
  const [open, setOpen] = useState<OpenForm | null>(null);
  const [done, setDone] = useState<{ enrolmentId: string; text: string } | null>(null);

  const finish = (enrolmentId: string, text: string) => {
    setOpen(null);
    setDone({ enrolmentId, text });
    reload();
    setTimeout(() => document.getElementById(`pg-enrolment-${enrolmentId}`)?.focus(), 0);
  };

  return (
    <section aria-labelledby="pg-tab-heading">
      <h2 id="pg-tab-heading" className="visually-hidden">
        {p('list.title')}
      </h2>
      <p>{p('tab.intro')}</p>
      {state.status === 'loading' ? <Loading /> : null}
      {state.status === 'error' ? (
        <Alert variant="error" title={state.message}>
          <Button variant="secondary" onClick={reload}>
            {p('common.retry')}
          </Button>
        </Alert>
      ) : null}
      {state.status === 'ready' && state.data.enrolments.length === 0 ? <p>{p('tab.empty')}</p> : null}
      {state.status === 'ready'
        ? state.data.enrolments.map((e) => (
            <EnrolmentCard
              key={e.id}
              e={e}
              canWrite={canWrite}
              open={open}
              setOpen={(f) => {
                setDone(null);
                setOpen(f);
              }}
              done={done?.enrolmentId === e.id ? done.text : null}
              purpose={purpose}
              onDone={(text) => finish(e.id, text)}
            />
          ))
        : null}
    </section>
  );
}

function EnrolmentCard({
  e,
  canWrite,
  open,
  setOpen,
  done,
  purpose,
  onDone,
}: {
  e: PersonEnrolment;
  canWrite: boolean;
  open: OpenForm | null;
  setOpen: (f: OpenForm | null) => void;
  done: string | null;
  purpose: string | null;
  onDone: (text: string) => void;
}) {
  const p = usePg();
  const date = useFormatDate();
  const active = e.status === 'enrolled' || e.status === 'paused';
  const phaseName = (code: string) => e.programmePhases.find((x) => x.code === code)?.name ?? code;
  const isOpen = (kind: 'phase' | 'adjust' | 'exit') =>
    open !== null && open.kind === kind && 'enrolmentId' in open && open.enrolmentId === e.id;
  const toggle = (kind: 'phase' | 'adjust' | 'exit') =>
    setOpen(isOpen(kind) ? null : { kind, enrolmentId: e.id });

  return (
    <section className="wp-card pg-enrolment" aria-labelledby={`pg-enrolment-${e.id}`}>
      <h3 id={`pg-enrolment-${e.id}`} tabIndex={-1}>
        {e.programme.name}
      </h3>
      {done ? (
        <Alert variant="success" title={done}>
          {null}
        </Alert>
      ) : null}
      <SummaryList
        rows={[
          [p('tab.status'), pgLabel(p, 'status.', e.status)],
          [p('tab.startDate'), e.startDate ? date(e.startDate) : null],
          [p('tab.plannedEnd'), e.plannedEndDate ? date(e.plannedEndDate) : null],
          ...(e.exitDate
            ? ([
                [p('tab.exitDate'), date(e.exitDate)],
                [p('tab.exitReason'), pgLabel(p, 'reason.', e.exitReason)],
                [p('tab.employmentForm'), e.exitEmploymentForm],
                [p('tab.incomeAtExit'), pgLabel(p, 'income.', e.incomeSourceAtExit)],
              ] as [string, ReactNode][])
            : []),
        ]}
      />
      {e.phases.length > 0 ? (
        <table className="table table--compact">
          <caption>{p('tab.phasesCaption', { programme: e.programme.name })}</caption>
          <thead>
            <tr>
              <th scope="col">{p('tab.phase')}</th>
              <th scope="col">{p('tab.started')}</th>
              <th scope="col">{p('tab.ended')}</th>
            </tr>
          </thead>
          <tbody>
            {e.phases.map((ph) => (
              <tr key={ph.seq}>
                <th scope="row">{phaseName(ph.code)}</th>
                <td>{date(ph.startedOn)}</td>
                <td>{ph.endedOn ? date(ph.endedOn) : p('tab.ongoing')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {e.adjustments.length > 0 ? (
        <>
          <h4>{p('tab.adjustments')}</h4>
          <ul>
            {e.adjustments.map((a) => (
              <li key={a.id}>
                {p('tab.adjustmentLine', {
                  kind: pgLabel(p, 'adjust.', a.kind),
                  from: date(a.fromDate),
                  days: a.days,
                })}
                {a.reason ? ` – ${a.reason}` : ''}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {e.followUps.length > 0 ? (
        <table className="table table--compact">
          <caption>{p('tab.followUpsCaption', { programme: e.programme.name })}</caption>
          <thead>
            <tr>
              <th scope="col">{p('tab.fuWhen')}</th>
              <th scope="col">{p('tab.fuDue')}</th>
              <th scope="col">{p('tab.fuStatus')}</th>
              <th scope="col">{p('tab.fuOutcome')}</th>
              {canWrite ? <th scope="col">{p('tab.actions')}</th> : null}
            </tr>
          </thead>
          <tbody>
            {e.followUps.map((f) => (
              <tr key={f.id}>
                <th scope="row">{p('tab.fuMonths', { count: f.monthsAfterExit })}</th>
                <td>{date(f.dueOn)}</td>
                <td>{pgLabel(p, 'fuStatus.', f.status)}</td>
                <td>{f.outcome ? pgLabel(p, 'outcome.', f.outcome) : '–'}</td>
                {canWrite ? (
                  <td>
                    <Button
                      variant="secondary"
                      aria-expanded={open?.kind === 'fu' && open.followUpId === f.id}
                      aria-controls={`pg-fu-form-${f.id}`}
                      onClick={() =>
                        setOpen(
                          open?.kind === 'fu' && open.followUpId === f.id
                            ? null
                            : { kind: 'fu', followUpId: f.id },
                        )
                      }
                    >
                      {p('tab.record', { count: f.monthsAfterExit })}
                    </Button>
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {e.followUps.map((f) =>
        open?.kind === 'fu' && open.followUpId === f.id ? (
          <FollowUpForm
            key={f.id}
            id={`pg-fu-form-${f.id}`}
            followUpId={f.id}
            legend={p('fuForm.legend', { count: f.monthsAfterExit, programme: e.programme.name })}
            purpose={purpose}
            onDone={onDone}
          />
        ) : null,
      )}
      {canWrite && active ? (
        <div className="wp-inline-actions">
          {e.programmePhases.length > 1 ? (
            <Button
              variant="secondary"
              aria-expanded={isOpen('phase')}
              aria-controls={`pg-phase-form-${e.id}`}
              onClick={() => toggle('phase')}
            >
              {p('tab.changePhase')}
            </Button>
          ) : null}
          <Button
            variant="secondary"
            aria-expanded={isOpen('adjust')}
            aria-controls={`pg-adjust-form-${e.id}`}
            onClick={() => toggle('adjust')}
          >
            {p('tab.adjust')}
          </Button>
          <Button
            variant="secondary"
            aria-expanded={isOpen('exit')}
            aria-controls={`pg-exit-form-${e.id}`}
            onClick={() => toggle('exit')}
          >
            {p('tab.exit')}
          </Button>
        </div>
      ) : null}
      {isOpen('phase') ? <PhaseForm e={e} purpose={purpose} onDone={onDone} /> : null}
      {isOpen('adjust') ? <AdjustForm e={e} purpose={purpose} onDone={onDone} /> : null}
      {isOpen('exit') ? <ExitForm e={e} purpose={purpose} onDone={onDone} /> : null}
    </section>
  );
}

/**
 * Errors of one small form: client checks first, then the server's field issues (`body.<field>`) and
 * domain refusals placed at the field their code concerns. Returns the per-field text and the summary.
 */
function useErrors<K extends string>(
  ids: Record<K, string>,
  client: Partial<Record<K, string>>,
  error: ReturnType<typeof useSubmit>['error'],
  byCode: Record<string, NoInfer<K>>,
) {
  const at: Partial<Record<K, string>> = { ...client };
  let general: string | null = null;
  if (error) {
    const issues = issuesByPath(error.fields);
    for (const [path, message] of issues) {
      const k = path.split('.')[0] as K;
      if (k in ids && !at[k]) at[k] = message;
      else general = general ?? message;
    }
    const k = byCode[error.code];
    if (issues.size === 0 && k) at[k] = error.message;
    else if (issues.size === 0) general = error.message;
  }
  const summary: ErrorSummaryItem[] = [
    ...(general ? [{ message: general }] : []),
    ...(Object.entries(at) as [K, string | undefined][]).flatMap(([k, m]) =>
      m ? [{ message: m, fieldId: ids[k] }] : [],
    ),
  ];
  return { err: (k: K) => at[k] ?? null, summary };
}

function dateError(p: PgText, value: string, label: string, required: boolean): string | undefined {
  const v = value.trim();
  if (!v) return required ? p('common.required', { field: label.toLowerCase() }) : undefined;
  return isIsoDate(v) ? undefined : p('common.badDate', { field: label.toLowerCase() });
}

function FormShell({
  id,
  legend,
  summary,
  focusKey,
  busy,
  submitLabel,
  onSubmit,
  children,
}: {
  id: string;
  legend: string;
  summary: ErrorSummaryItem[];
  focusKey: string;
  busy: boolean;
  submitLabel: string;
  onSubmit: (e: FormEvent) => void;
  children: ReactNode;
}) {
  const p = usePg();
  const ref = useRef<HTMLFormElement>(null);
  return (
    <form id={id} ref={ref} className="form pg-preview" onSubmit={onSubmit} noValidate>
      <ErrorSummary errors={summary} focusKey={focusKey} />
      <fieldset className="wp-fieldset">
        <legend className="wp-fieldset__legend">{legend}</legend>
        <div className="wp-fieldset__body">{children}</div>
      </fieldset>
      <div className="form__actions">
        <Button type="submit" busy={busy}>
          {busy ? p('common.saving') : submitLabel}
        </Button>
      </div>
    </form>
  );
}

function PhaseForm({
  e,
  purpose,
  onDone,
}: {
  e: PersonEnrolment;
  purpose: string | null;
  onDone: (t: string) => void;
}) {
  const p = usePg();
  const action = useSubmit();
  const current = e.phases.at(-1)?.code;
  const choices = e.programmePhases.filter((x) => x.code !== current);
  const [phaseCode, setPhaseCode] = useState(choices[0]?.code ?? '');
  const [startedOn, setStartedOn] = useState(todayIso());
  const [client, setClient] = useState<Partial<Record<'phaseCode' | 'startedOn', string>>>({});
  const [submits, setSubmits] = useState(0);
  const ids = { phaseCode: `pgp-${e.id}-phase`, startedOn: `pgp-${e.id}-date` };
  const { err, summary } = useErrors(ids, client, action.error, {
    phase_date: 'startedOn',
    unknown_phase: 'phaseCode',
  });

  const submit = async (ev: FormEvent) => {
    ev.preventDefault();
    const found: typeof client = {};
    const d = dateError(p, startedOn, p('phaseForm.startedOn'), true);
    if (d) found.startedOn = d;
    setClient(found);
    setSubmits((n) => n + 1);
    if (Object.keys(found).length) return action.clear();
    const ok = await action.run(
      () =>
        programmesApi.changePhase(e.id, { phaseCode, startedOn: startedOn.trim() }, purpose).then(() => true),
      () => p('phaseForm.done'),
    );
    if (ok) onDone(p('phaseForm.done'));
  };

  return (
    <FormShell
      id={`pg-phase-form-${e.id}`}
      legend={p('phaseForm.legend', { programme: e.programme.name })}
      summary={summary}
      focusKey={`${submits}-${action.errorKey}`}
      busy={action.busy}
      submitLabel={p('phaseForm.submit')}
      onSubmit={submit}
    >
      <SelectField
        id={ids.phaseCode}
        label={p('phaseForm.phase')}
        value={phaseCode}
        onChange={(ev) => setPhaseCode(ev.target.value)}
        options={choices.map((c) => ({ value: c.code, label: c.name }))}
        error={err('phaseCode')}
      />
      <TextField
        id={ids.startedOn}
        label={p('phaseForm.startedOn')}
        hint={p('common.dateHint')}
        value={startedOn}
        onChange={(ev) => setStartedOn(ev.target.value)}
        error={err('startedOn')}
        autoComplete="off"
      />
    </FormShell>
  );
}

type AdjustKey = 'kind' | 'fromDate' | 'toDate' | 'days' | 'reason';

function AdjustForm({
  e,
  purpose,
  onDone,
}: {
  e: PersonEnrolment;
  purpose: string | null;
  onDone: (t: string) => void;
}) {
  const p = usePg();
  const date = useFormatDate();
  const action = useSubmit();
  const [d, setD] = useState({ kind: 'sjukdom', fromDate: '', toDate: '', days: '', reason: '' });
  const [client, setClient] = useState<Partial<Record<AdjustKey, string>>>({});
  const [submits, setSubmits] = useState(0);
  const ids: Record<AdjustKey, string> = {
    kind: `pga-${e.id}-kind`,
    fromDate: `pga-${e.id}-from`,
    toDate: `pga-${e.id}-to`,
    days: `pga-${e.id}-days`,
    reason: `pga-${e.id}-reason`,
  };
  const { err, summary } = useErrors(ids, client, action.error, { dates: 'fromDate' });

  const submit = async (ev: FormEvent) => {
    ev.preventDefault();
    const found: typeof client = {};
    const f = dateError(p, d.fromDate, p('adjustForm.from'), true);
    if (f) found.fromDate = f;
    const t = dateError(p, d.toDate, p('adjustForm.to'), false);
    if (t) found.toDate = t;
    const days = parseInteger(d.days);
    if (days === null) found.days = p('common.required', { field: p('adjustForm.days').toLowerCase() });
    else if (Number.isNaN(days))
      found.days = p('common.badNumber', { field: p('adjustForm.days').toLowerCase() });
    setClient(found);
    setSubmits((n) => n + 1);
    if (Object.keys(found).length || days === null) return action.clear();
    const body = {
      kind: d.kind,
      fromDate: d.fromDate.trim(),
      days,
      ...(d.toDate.trim() ? { toDate: d.toDate.trim() } : {}),
      ...(d.reason.trim() ? { reason: d.reason.trim() } : {}),
    };
    const r = await action.run(() => programmesApi.adjust(e.id, body, purpose));
    if (r) onDone(p('adjustForm.done', { date: date(r.plannedEndDate) }));
  };

  return (
    <FormShell
      id={`pg-adjust-form-${e.id}`}
      legend={p('adjustForm.legend', { programme: e.programme.name })}
      summary={summary}
      focusKey={`${submits}-${action.errorKey}`}
      busy={action.busy}
      submitLabel={p('adjustForm.submit')}
      onSubmit={submit}
    >
      <SelectField
        id={ids.kind}
        label={p('adjustForm.kind')}
        value={d.kind}
        onChange={(ev) => setD({ ...d, kind: ev.target.value })}
        options={ADJUSTMENT_KINDS.map((k) => ({ value: k, label: pgLabel(p, 'adjust.', k) }))}
        error={err('kind')}
      />
      <div className="wp-row">
        <TextField
          id={ids.fromDate}
          label={p('adjustForm.from')}
          hint={p('common.dateHint')}
          value={d.fromDate}
          onChange={(ev) => setD({ ...d, fromDate: ev.target.value })}
          error={err('fromDate')}
          autoComplete="off"
        />
        <TextField
          id={ids.toDate}
          label={`${p('adjustForm.to')} ${p('common.optional')}`}
          hint={p('common.dateHint')}
          value={d.toDate}
          onChange={(ev) => setD({ ...d, toDate: ev.target.value })}
          error={err('toDate')}
          autoComplete="off"
        />
      </div>
      <TextField
        id={ids.days}
        label={p('adjustForm.days')}
        inputMode="numeric"
        value={d.days}
        onChange={(ev) => setD({ ...d, days: ev.target.value })}
        error={err('days')}
      />
      <TextField
        id={ids.reason}
        label={`${p('adjustForm.reason')} ${p('common.optional')}`}
        value={d.reason}
        onChange={(ev) => setD({ ...d, reason: ev.target.value })}
        error={err('reason')}
      />
    </FormShell>
  );
}

type ExitKey = 'exitDate' | 'reason' | 'employmentForm' | 'incomeSourceAtExit';

function ExitForm({
  e,
  purpose,
  onDone,
}: {
  e: PersonEnrolment;
  purpose: string | null;
  onDone: (t: string) => void;
}) {
  const p = usePg();
  const action = useSubmit();
  const [d, setD] = useState({
    exitDate: todayIso(),
    reason: '',
    employmentForm: '',
    incomeSourceAtExit: '',
  });
  const [client, setClient] = useState<Partial<Record<ExitKey, string>>>({});
  const [submits, setSubmits] = useState(0);
  const ids: Record<ExitKey, string> = {
    exitDate: `pgx-${e.id}-date`,
    reason: `pgx-${e.id}-reason`,
    employmentForm: `pgx-${e.id}-employment`,
    incomeSourceAtExit: `pgx-${e.id}-income`,
  };
  const { err, summary } = useErrors(ids, client, action.error, {
    exit_before_start: 'exitDate',
    employment_form_required: 'employmentForm',
  });

  const submit = async (ev: FormEvent) => {
    ev.preventDefault();
    const found: typeof client = {};
    const dd = dateError(p, d.exitDate, p('exitForm.date'), true);
    if (dd) found.exitDate = dd;
    if (!d.reason) found.reason = p('common.required', { field: p('exitForm.reason').toLowerCase() });
    if (d.reason === 'arbete' && !d.employmentForm.trim())
      found.employmentForm = p('common.required', { field: p('exitForm.employmentForm').toLowerCase() });
    setClient(found);
    setSubmits((n) => n + 1);
    if (Object.keys(found).length) return action.clear();
    const body = {
      exitDate: d.exitDate.trim(),
      reason: d.reason,
      ...(d.reason === 'arbete' ? { employmentForm: d.employmentForm.trim() } : {}),
      ...(d.incomeSourceAtExit ? { incomeSourceAtExit: d.incomeSourceAtExit } : {}),
    };
    const r = await action.run(() => programmesApi.exit(e.id, body, purpose));
    if (r) onDone(p('exitForm.done', { list: r.followUps.map((f) => f.monthsAfterExit).join(', ') }));
  };

  return (
    <FormShell
      id={`pg-exit-form-${e.id}`}
      legend={p('exitForm.legend', { programme: e.programme.name })}
      summary={summary}
      focusKey={`${submits}-${action.errorKey}`}
      busy={action.busy}
      submitLabel={p('exitForm.submit')}
      onSubmit={submit}
    >
      <TextField
        id={ids.exitDate}
        label={p('exitForm.date')}
        hint={p('common.dateHint')}
        value={d.exitDate}
        onChange={(ev) => setD({ ...d, exitDate: ev.target.value })}
        error={err('exitDate')}
        autoComplete="off"
      />
      <RadioGroup
        id={ids.reason}
        name={`pgx-${e.id}-reason`}
        legend={p('exitForm.reason')}
        small
        value={d.reason}
        onChange={(v) => setD({ ...d, reason: v })}
        options={EXIT_REASONS.map((r) => ({ value: r, label: pgLabel(p, 'reason.', r) }))}
        error={err('reason')}
      />
      {d.reason === 'arbete' ? (
        <TextField
          id={ids.employmentForm}
          label={p('exitForm.employmentForm')}
          hint={p('exitForm.employmentFormHint')}
          value={d.employmentForm}
          onChange={(ev) => setD({ ...d, employmentForm: ev.target.value })}
          error={err('employmentForm')}
        />
      ) : null}
      <SelectField
        id={ids.incomeSourceAtExit}
        label={`${p('exitForm.income')} ${p('common.optional')}`}
        value={d.incomeSourceAtExit}
        onChange={(ev) => setD({ ...d, incomeSourceAtExit: ev.target.value })}
        emptyLabel={p('common.none')}
        options={EXIT_INCOME.map((c) => ({ value: c, label: pgLabel(p, 'income.', c) }))}
        error={err('incomeSourceAtExit')}
      />
    </FormShell>
  );
}

type FuKey = 'status' | 'outcome' | 'incomeSource';

function FollowUpForm({
  id,
  followUpId,
  legend,
  purpose,
  onDone,
}: {
  id: string;
  followUpId: string;
  legend: string;
  purpose: string | null;
  onDone: (t: string) => void;
}) {
  const p = usePg();
  const action = useSubmit();
  const [d, setD] = useState({ status: 'genomford', outcome: '', incomeSource: '' });
  const [client, setClient] = useState<Partial<Record<FuKey, string>>>({});
  const [submits, setSubmits] = useState(0);
  const ids: Record<FuKey, string> = {
    status: `pgf-${followUpId}-status`,
    outcome: `pgf-${followUpId}-outcome`,
    incomeSource: `pgf-${followUpId}-income`,
  };
  const { err, summary } = useErrors(ids, client, action.error, { outcome_required: 'outcome' });

  const submit = async (ev: FormEvent) => {
    ev.preventDefault();
    const found: typeof client = {};
    if (d.status === 'genomford' && !d.outcome)
      found.outcome = p('common.required', { field: p('fuForm.outcome').toLowerCase() });
    setClient(found);
    setSubmits((n) => n + 1);
    if (Object.keys(found).length) return action.clear();
    const body = {
      status: d.status,
      ...(d.status === 'genomford' && d.outcome ? { outcome: d.outcome } : {}),
      ...(d.incomeSource ? { incomeSource: d.incomeSource } : {}),
    };
    const ok = await action.run(() =>
      programmesApi.recordFollowUp(followUpId, body, purpose).then(() => true),
    );
    if (ok) onDone(p('fuForm.done'));
  };

  return (
    <FormShell
      id={id}
      legend={legend}
      summary={summary}
      focusKey={`${submits}-${action.errorKey}`}
      busy={action.busy}
      submitLabel={p('fuForm.submit')}
      onSubmit={submit}
    >
      <RadioGroup
        id={ids.status}
        name={`pgf-${followUpId}-status`}
        legend={p('fuForm.status')}
        small
        value={d.status}
        onChange={(v) => setD({ ...d, status: v })}
        options={[
          { value: 'genomford', label: p('fuStatus.genomford') },
          { value: 'ej_nadd', label: p('fuStatus.ej_nadd') },
        ]}
        error={err('status')}
      />
      {d.status === 'genomford' ? (
        <SelectField
          id={ids.outcome}
          label={p('fuForm.outcome')}
          value={d.outcome}
          onChange={(ev) => setD({ ...d, outcome: ev.target.value })}
          emptyLabel={p('common.none')}
          options={FOLLOW_UP_OUTCOMES.map((c) => ({ value: c, label: pgLabel(p, 'outcome.', c) }))}
          error={err('outcome')}
        />
      ) : null}
      <SelectField
        id={ids.incomeSource}
        label={`${p('fuForm.income')} ${p('common.optional')}`}
        value={d.incomeSource}
        onChange={(ev) => setD({ ...d, incomeSource: ev.target.value })}
        emptyLabel={p('common.none')}
        options={EXIT_INCOME.map((c) => ({ value: c, label: pgLabel(p, 'income.', c) }))}
        error={err('incomeSource')}
      />
    </FormShell>
  );
}
