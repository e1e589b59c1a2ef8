import { type FormEvent, useEffect, useState } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import { ApiError, api } from '../../api.ts';
import { Alert } from '../../components/Alert.tsx';
import { useAnnounce } from '../../components/Announcer.tsx';
import { Button } from '../../components/Button.tsx';
import { Loading } from '../../components/Loading.tsx';
import { ScrollableTable } from '../../components/ScrollableTable.tsx';
import { TextField } from '../../components/TextField.tsx';
import { usePageTitle } from '../../components/usePageTitle.ts';
import { errorText, isAbortError } from '../../errorMessages.ts';
import { useI18n } from '../../i18n/index.tsx';
import {
  ABSENCE_REASONS,
  type AttendanceWeek,
  type PlacementView,
  type WorkplaceViewOfPlacement,
} from '../workplaces/types.ts';
import {
  CheckboxField,
  Fieldset,
  formatHours,
  formatSek,
  isoWeekLabel,
  parseDecimal,
  SummaryList,
  todayIso,
  useAction,
  useHasRole,
  useWp,
} from '../workplaces/ui.tsx';

type State =
  | { status: 'loading' }
  | { status: 'purpose' }
  | { status: 'error'; message: string }
  | { status: 'ready'; placement: PlacementView };

/** `/placeringar/:id`: the placement, what the workplace is told (and consent), and attendance. */
export function PlacementDetail() {
  const w = useWp();
  const { t, language } = useI18n();
  const { id = '' } = useParams();
  const location = useLocation();
  const routeState = location.state as { created?: boolean; purpose?: string | null } | null;
  const [purpose, setPurpose] = useState<string | null>(routeState?.purpose ?? null);
  const [purposeDraft, setPurposeDraft] = useState('');
  const [purposeError, setPurposeError] = useState<string | null>(null);
  const [state, setState] = useState<State>({ status: 'loading' });
  const name = state.status === 'ready' ? state.placement.person.name : null;
  usePageTitle(name ? w('placement.title', { name }) : w('placement.facts'));
  const query = purpose ? { purpose } : undefined;

  // biome-ignore lint/correctness/useExhaustiveDependencies: `query` follows `purpose`; load again when either id or purpose changes.
  useEffect(() => {
    const controller = new AbortController();
    api
      .get<PlacementView>(`/api/placements/${encodeURIComponent(id)}`, { signal: controller.signal, query })
      .then((placement) => setState({ status: 'ready', placement }))
      .catch((error: unknown) => {
        if (isAbortError(error)) return;
        if (error instanceof ApiError && error.code === 'purpose_required') setState({ status: 'purpose' });
        else setState({ status: 'error', message: errorText(error, t) });
      });
    return () => controller.abort();
  }, [id, purpose]);

  const givePurpose = (e: FormEvent) => {
    e.preventDefault();
    if (purposeDraft.trim() === '') {
      setPurposeError(w('common.required', { field: w('common.purpose').toLowerCase() }));
      return;
    }
    setState({ status: 'loading' });
    setPurpose(purposeDraft.trim());
  };

  return (
    <>
      <Link className="wp-back" to="/placeringar">
        {w('placement.back')}
      </Link>
      <h1>{name ? w('placement.title', { name }) : w('placement.facts')}</h1>
      {state.status === 'loading' ? <Loading /> : null}
      {state.status === 'error' ? <Alert variant="error" title={state.message} /> : null}
      {state.status === 'purpose' ? (
        <form className="form wp-card" onSubmit={givePurpose} noValidate>
          <Fieldset legend={w('common.purposeHeading')} intro={w('common.purposeIntro')}>
            <TextField
              id="pd-purpose"
              label={w('common.purpose')}
              value={purposeDraft}
              onChange={(e) => setPurposeDraft(e.target.value)}
              error={purposeError}
            />
          </Fieldset>
          <div className="form__actions">
            <Button type="submit">{w('common.continue')}</Button>
          </div>
        </form>
      ) : null}
      {state.status === 'ready' ? (
        <>
          {routeState?.created ? (
            <Alert variant="success" live={false}>
              {w('plan.created')}
            </Alert>
          ) : null}
          <Facts
            placement={state.placement}
            query={query}
            language={language}
            onChange={(placement) => setState({ status: 'ready', placement })}
          />
          <WorkplaceViewSection
            placement={state.placement}
            query={query}
            onChange={(placement) => setState({ status: 'ready', placement })}
          />
          <Attendance placement={state.placement} query={query} />
        </>
      ) : null}
    </>
  );
}

type Query = { purpose: string } | undefined;

function Facts({
  placement: p,
  query,
  language,
  onChange,
}: {
  placement: PlacementView;
  query: Query;
  language: string;
  onChange: (p: PlacementView) => void;
}) {
  const w = useWp();
  const [confirming, setConfirming] = useState(false);
  const action = useAction();
  const canWrite = useHasRole(['jobbmaklare', 'handlaggare', 'enhetschef']);
  const e = p.employment;
  const cancel = async () => {
    const saved = await action.run(
      () => api.post<PlacementView>(`/api/placements/${p.id}/cancel`, undefined, { query }),
      w('placement.cancelled'),
    );
    if (saved) {
      onChange(saved);
      setConfirming(false);
    }
  };
  return (
    <section className="wp-section" aria-labelledby="pd-facts">
      <h2 id="pd-facts">{w('placement.facts')}</h2>
      <SummaryList
        rows={[
          [w('detail.person'), p.person.name],
          [w('plan.programme'), p.programme.name],
          [
            w('plan.workplace'),
            <Link key="wp" to={`/arbetsplatser/${p.workplace.id}`}>
              {p.workplace.name}
            </Link>,
          ],
          [w('plan.supervisor'), p.supervisor?.name ?? null],
          [w('placement.period'), `${p.startDate} – ${p.endDate ?? w('placement.open')}`],
          [w('placement.status'), w(`placement.status.${p.status}`)],
          ...(e
            ? ([
                [w('plan.employmentForm'), e.form ? w(`empform.${e.form}` as 'empform.tidsbegransad') : null],
                [
                  w('plan.hoursPerWeek'),
                  e.hoursPerWeek === null ? null : formatHours(e.hoursPerWeek, language),
                ],
                [w('plan.salary'), formatSek(e.monthlySalarySek, language)],
                [w('placement.employerCost'), formatSek(e.monthlyEmployerCostSek, language)],
                [
                  w('plan.subsidy'),
                  e.subsidy
                    ? `${w(`subsidy.${e.subsidy.kind}` as 'subsidy.annat')}${e.subsidy.decisionId ? `, ${e.subsidy.decisionId}` : ''}, ${formatSek(e.subsidy.monthlyAmountSek, language)}`
                    : null,
                ],
                [w('placement.netCost'), formatSek(e.netMonthlyCostSek, language)],
              ] as [string, string | null][])
            : []),
          [w('plan.note'), p.note],
        ]}
      />
      {action.error ? <Alert variant="error" title={action.error} /> : null}
      {canWrite && p.status === 'aktiv' ? (
        <div className="form__actions">
          {confirming ? (
            <>
              <Button variant="primary" busy={action.busy} onClick={() => void cancel()}>
                {w('placement.cancelConfirm')}
              </Button>
              <Button variant="secondary" onClick={() => setConfirming(false)}>
                {w('common.cancel')}
              </Button>
            </>
          ) : (
            <Button variant="secondary" onClick={() => setConfirming(true)}>
              {w('placement.cancel')}
            </Button>
          )}
        </div>
      ) : null}
    </section>
  );
}

function WorkplaceViewSection({
  placement,
  query,
  onChange,
}: {
  placement: PlacementView;
  query: Query;
  onChange: (p: PlacementView) => void;
}) {
  const w = useWp();
  const { t } = useI18n();
  const canConsent = useHasRole(['handlaggare', 'enhetschef']);
  const [view, setView] = useState<WorkplaceViewOfPlacement | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [consent, setConsent] = useState(placement.shareNameWithWorkplace);
  const action = useAction();

  // biome-ignore lint/correctness/useExhaustiveDependencies: reload when the consent changes.
  useEffect(() => {
    const controller = new AbortController();
    api
      .get<WorkplaceViewOfPlacement>(`/api/placements/${placement.id}/workplace-view`, {
        signal: controller.signal,
        query,
      })
      .then(setView)
      .catch((e: unknown) => {
        if (!isAbortError(e)) setError(errorText(e, t));
      });
    return () => controller.abort();
  }, [placement.id, placement.shareNameWithWorkplace]);

  const save = async (e: FormEvent) => {
    e.preventDefault();
    const saved = await action.run(
      () =>
        api.put<PlacementView>(
          `/api/placements/${placement.id}/workplace-consent`,
          { shareNameWithWorkplace: consent },
          { query },
        ),
      w('common.saved'),
    );
    if (saved) onChange(saved);
  };

  return (
    <section className="wp-section" aria-labelledby="pd-wpview">
      <h2 id="pd-wpview">{w('placement.workplaceView')}</h2>
      <p>{w('placement.workplaceViewIntro')}</p>
      {error ? <Alert variant="error" title={error} /> : null}
      {view ? (
        <div className="wp-card" data-testid="workplace-view">
          <SummaryList
            rows={[
              [w('plan.workplace'), view.workplace.name],
              [w('plan.supervisor'), view.supervisor?.name ?? null],
              [
                w('placement.period'),
                `${view.placement.startDate} – ${view.placement.endDate ?? w('placement.open')}`,
              ],
              [w('detail.person'), view.participant.name ?? w('placement.nameWithheld')],
              [w('detail.phone'), view.participant.phone ?? w('placement.nameWithheld')],
              [w('detail.email'), view.participant.email ?? w('placement.nameWithheld')],
            ]}
          />
        </div>
      ) : null}
      {canConsent ? (
        <form className="form" onSubmit={save} noValidate>
          {action.error ? <Alert variant="error" title={action.error} /> : null}
          <CheckboxField
            id="pd-consent"
            label={w('placement.consent')}
            checked={consent}
            onChange={setConsent}
          />
          <div className="form__actions">
            <Button type="submit" variant="secondary" busy={action.busy}>
              {w('placement.consentSave')}
            </Button>
          </div>
        </form>
      ) : null}
    </section>
  );
}

function Attendance({ placement, query }: { placement: PlacementView; query: Query }) {
  const w = useWp();
  const { t, language } = useI18n();
  const announce = useAnnounce();
  const canRecord = useHasRole(['jobbmaklare', 'handlaggare', 'enhetschef']);
  const [weeks, setWeeks] = useState<AttendanceWeek[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);
  const [week, setWeek] = useState(isoWeekLabel(todayIso()));
  const [present, setPresent] = useState('');
  const [absence, setAbsence] = useState<Record<string, string>>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const action = useAction();

  // biome-ignore lint/correctness/useExhaustiveDependencies: `attempt` reloads after a save.
  useEffect(() => {
    const controller = new AbortController();
    api
      .get<{ weeks: AttendanceWeek[] }>(`/api/placements/${placement.id}/attendance`, {
        signal: controller.signal,
        query,
      })
      .then((r) => setWeeks(r.weeks))
      .catch((e: unknown) => {
        if (!isAbortError(e)) setLoadError(errorText(e, t));
      });
    return () => controller.abort();
  }, [placement.id, attempt]);

  const save = async (e: FormEvent) => {
    e.preventDefault();
    const found: Record<string, string> = {};
    const label = week.trim().toUpperCase().replace('V', 'W');
    if (!/^\d{4}-W\d{2}$/.test(label)) found.week = w('placement.weekBad');
    const hours = parseDecimal(present);
    if (hours === null || Number.isNaN(hours))
      found.present = w('plan.badNumber', { field: w('placement.hoursPresent').toLowerCase() });
    const absences: { reason: string; hours: number }[] = [];
    for (const r of ABSENCE_REASONS) {
      const v = parseDecimal(absence[r] ?? '');
      if (v === null || v === 0) continue;
      if (Number.isNaN(v)) found[r] = w('plan.badNumber', { field: w(`reason.${r}`).toLowerCase() });
      else absences.push({ reason: r, hours: v });
    }
    setErrors(found);
    const first = Object.keys(found)[0];
    if (first) {
      document.getElementById(`pd-att-${first}`)?.focus();
      return;
    }
    const ok = await action.run(
      () =>
        api.put<{ week: string }>(
          `/api/placements/${placement.id}/attendance/${label}`,
          { hoursPresent: hours, absences },
          { query },
        ),
      w('placement.weekSaved', { week: label }),
    );
    if (ok) {
      setPresent('');
      setAbsence({});
      setAttempt((n) => n + 1);
      announce(w('placement.weekSaved', { week: label }));
    }
  };

  const hours = (n: number) => formatHours(n, language);
  return (
    <section className="wp-section" aria-labelledby="pd-att">
      <h2 id="pd-att">{w('placement.attendance')}</h2>
      {loadError ? <Alert variant="error" title={loadError} /> : null}
      {weeks !== null && weeks.length === 0 ? <p>{w('placement.noWeeks')}</p> : null}
      {weeks !== null && weeks.length > 0 ? (
        <ScrollableTable labelledBy="pd-att-caption">
          <table className="table table--compact">
            <caption id="pd-att-caption">{w('placement.weeksCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{w('placement.week')}</th>
                <th scope="col">{w('placement.hoursPresent')}</th>
                {ABSENCE_REASONS.map((r) => (
                  <th scope="col" key={r}>
                    {w(`reason.${r}`)}
                  </th>
                ))}
                <th scope="col">{w('placement.source')}</th>
              </tr>
            </thead>
            <tbody>
              {weeks.map((row) => (
                <tr key={row.week}>
                  <th scope="row">{row.week}</th>
                  <td>{hours(row.hoursPresent)}</td>
                  {ABSENCE_REASONS.map((r) => (
                    <td key={r}>{hours(row.absences.find((a) => a.reason === r)?.hours ?? 0)}</td>
                  ))}
                  <td>{w(`placement.source.${row.source}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollableTable>
      ) : null}
      {canRecord && placement.status === 'aktiv' ? (
        <form className="form wp-card" onSubmit={save} noValidate aria-labelledby="pd-att-form-title">
          <h3 id="pd-att-form-title">{w('placement.saveWeek')}</h3>
          {action.error ? <Alert variant="error" title={action.error} /> : null}
          <div className="wp-row">
            <TextField
              id="pd-att-week"
              label={w('placement.week')}
              hint={w('placement.weekHint')}
              value={week}
              onChange={(e) => setWeek(e.target.value)}
              error={errors.week ?? null}
            />
            <TextField
              id="pd-att-present"
              label={w('placement.hoursPresent')}
              inputMode="decimal"
              value={present}
              onChange={(e) => setPresent(e.target.value)}
              error={errors.present ?? null}
            />
          </div>
          <Fieldset legend={w('placement.absence')}>
            <div className="wp-row">
              {ABSENCE_REASONS.map((r) => (
                <TextField
                  key={r}
                  id={`pd-att-${r}`}
                  label={w(`reason.${r}`)}
                  inputMode="decimal"
                  value={absence[r] ?? ''}
                  onChange={(e) => setAbsence({ ...absence, [r]: e.target.value })}
                  error={errors[r] ?? null}
                />
              ))}
            </div>
          </Fieldset>
          <div className="form__actions">
            <Button type="submit" busy={action.busy}>
              {w('placement.saveWeek')}
            </Button>
          </div>
        </form>
      ) : null}
    </section>
  );
}
