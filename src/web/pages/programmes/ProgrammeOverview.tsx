import { type FormEvent, useState } from 'react';
import { Link, useParams } from 'react-router';
import { Alert } from '../../components/Alert.tsx';
import { Button } from '../../components/Button.tsx';
import { ErrorSummary } from '../../components/ErrorSummary.tsx';
import { formErrors } from '../../components/forms.ts';
import { Loading } from '../../components/Loading.tsx';
import { ScrollableTable } from '../../components/ScrollableTable.tsx';
import { TextField } from '../../components/TextField.tsx';
import { usePageTitle } from '../../components/usePageTitle.ts';
import { useSession } from '../../session.tsx';
import { TextAreaField } from '../casework/fields.tsx';
import { Fieldset, isIsoDate, SummaryList, useLoad } from '../workplaces/ui.tsx';
import { type ProgrammeDetail, programmesApi } from './api.ts';
import { type PgText, pgLabel } from './texts.ts';
import {
  BOARD_ROLES,
  capacityText,
  lengthText,
  MANAGE_ROLES,
  parseInteger,
  useFormatDate,
  useHasRole,
  usePg,
  useSubmit,
} from './ui.tsx';

function eligibilityLines(p: PgText, d: ProgrammeDetail): string[] {
  const e = d.eligibility ?? {};
  const lines: string[] = [];
  if (e.incomeSources?.length)
    lines.push(
      p('detail.eligIncome', { list: e.incomeSources.map((s) => pgLabel(p, 'income.', s)).join(', ') }),
    );
  if (e.minAge !== undefined) lines.push(p('detail.eligMinAge', { age: e.minAge }));
  if (e.maxAge !== undefined) lines.push(p('detail.eligMaxAge', { age: e.maxAge }));
  if (e.speaksOneOf?.length) lines.push(p('detail.eligLanguages', { list: e.speaksOneOf.join(', ') }));
  if (e.municipalityCodes?.length)
    lines.push(p('detail.eligMunicipalities', { list: e.municipalityCodes.join(', ') }));
  return lines;
}

/** `/program/:id`: phases, capacity, intakes with places left, counts, exits by reason, follow-ups due. */
export function ProgrammeOverview() {
  const p = usePg();
  const date = useFormatDate();
  const { id = '' } = useParams();
  const { user } = useSession();
  const canManage = useHasRole(MANAGE_ROLES);
  const canBoard = useHasRole(BOARD_ROLES);
  const { state, reload } = useLoad((signal) => programmesApi.programme(id, signal), [id]);
  const d = state.status === 'ready' ? state.data : null;
  usePageTitle(d ? d.name : p('list.title'));

  const unitName = d ? user?.roles.find((r) => r.unitId === d.unitId)?.unitName : undefined;
  const exits = d ? Object.entries(d.counts.exitsByReason) : [];

  return (
    <>
      <Link className="wp-back" to="/program">
        {p('common.back')}
      </Link>
      <h1>{d ? d.name : p('list.title')}</h1>
      {state.status === 'loading' ? <Loading /> : null}
      {state.status === 'error' ? (
        <Alert variant="error" title={state.message}>
          <Button variant="secondary" onClick={reload}>
            {p('common.retry')}
          </Button>
        </Alert>
      ) : null}
      {d ? (
        <>
          <section className="wp-section" aria-labelledby="pg-facts">
            <h2 id="pg-facts">{p('detail.facts')}</h2>
            <SummaryList
              rows={[
                [p('detail.code'), d.code],
                [p('detail.kind'), pgLabel(p, 'kind.', d.kind)],
                [p('detail.unit'), unitName ?? null],
                [p('detail.capacity'), capacityText(p, d.capacityMode, currentCapacity(d.capacities))],
                [
                  p('detail.maxLength'),
                  d.maxLengthMonths ? p('detail.months', { count: d.maxLengthMonths }) : null,
                ],
                [p('detail.eligibility'), eligibilityLines(p, d).join('; ') || p('detail.noEligibility')],
                [
                  p('detail.priorityGroups'),
                  d.priorityGroups.map((g) => pgLabel(p, 'priority.', g)).join(', ') || null,
                ],
                [
                  p('detail.followUps'),
                  d.followUpMonths.length
                    ? p('detail.followUpMonths', { list: d.followUpMonths.join(', ') })
                    : null,
                ],
                [p('detail.committee'), d.responsibleCommittee],
                [p('detail.description'), d.description],
                [p('detail.tracks'), d.tracks.map((t) => `${t.name} (${t.code})`).join(', ') || null],
              ]}
            />
          </section>

          <section className="wp-section" aria-labelledby="pg-participants">
            <h2 id="pg-participants">{p('detail.participants')}</h2>
            <dl className="pg-figures">
              <div>
                <dt>{p('detail.enrolled')}</dt>
                <dd>{d.counts.enrolled}</dd>
              </div>
              <div>
                <dt>{p('detail.waiting')}</dt>
                <dd>{d.counts.waiting}</dd>
              </div>
              <div>
                <dt>{p('detail.exited')}</dt>
                <dd>{d.counts.exited}</dd>
              </div>
              <div>
                <dt>{p('detail.followUpsDue')}</dt>
                <dd>{d.counts.followUpsDue}</dd>
              </div>
            </dl>
            {canBoard && d.counts.followUpsDue > 0 ? <DueFollowUps programmeId={d.id} /> : null}
            <h3>{p('detail.exits')}</h3>
            {exits.length === 0 ? (
              <p>{p('detail.noExits')}</p>
            ) : (
              <table className="table table--compact">
                <caption className="visually-hidden">{p('detail.exitsCaption')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{p('detail.reason')}</th>
                    <th scope="col">{p('detail.count')}</th>
                  </tr>
                </thead>
                <tbody>
                  {exits.map(([reason, n]) => (
                    <tr key={reason}>
                      <th scope="row">{pgLabel(p, 'reason.', reason)}</th>
                      <td>{n}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>

          <section className="wp-section" aria-labelledby="pg-phases">
            <h2 id="pg-phases">{p('detail.phases')}</h2>
            {d.phases.length === 0 ? (
              <p>{p('detail.noPhases')}</p>
            ) : (
              <table className="table table--compact">
                <caption className="visually-hidden">{p('detail.phasesCaption')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{p('detail.phaseNo')}</th>
                    <th scope="col">{p('col.name')}</th>
                    <th scope="col">{p('col.code')}</th>
                    <th scope="col">{p('detail.phaseLength')}</th>
                  </tr>
                </thead>
                <tbody>
                  {d.phases.map((ph) => (
                    <tr key={ph.seq}>
                      <td>{ph.seq}</td>
                      <th scope="row">{ph.name}</th>
                      <td>{ph.code}</td>
                      <td>{lengthText(p, ph.weeks, ph.months)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
            {d.capacities.length > 0 ? (
              <>
                <h3>{p('detail.capacities')}</h3>
                <table className="table table--compact">
                  <caption className="visually-hidden">{p('detail.capacitiesCaption')}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{p('detail.validFrom')}</th>
                      <th scope="col">{p('detail.places')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {d.capacities.map((c) => (
                      <tr key={c.validFrom}>
                        <td>{date(c.validFrom)}</td>
                        <td>{c.places}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </>
            ) : null}
          </section>

          <section className="wp-section" aria-labelledby="pg-intakes">
            <h2 id="pg-intakes">{p('detail.intakes')}</h2>
            {d.intakes.length === 0 ? (
              <p>{p('detail.noIntakes')}</p>
            ) : (
              <ScrollableTable labelledBy="pg-intakes-caption">
                <table className="table table--compact">
                  <caption id="pg-intakes-caption">{p('detail.intakesCaption')}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{p('detail.intakeName')}</th>
                      <th scope="col">{p('detail.startsOn')}</th>
                      <th scope="col">{p('detail.intakePlaces')}</th>
                      <th scope="col">{p('detail.placesLeft')}</th>
                      <th scope="col">{p('detail.waiting')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {d.intakes.map((i) => (
                      <tr key={i.id}>
                        <th scope="row">
                          {canBoard ? (
                            <Link
                              to={`/program/${d.id}/intag/${i.id}`}
                              aria-label={p('detail.openBoard', { name: i.name })}
                            >
                              {i.name}
                            </Link>
                          ) : (
                            i.name
                          )}
                        </th>
                        <td>{date(i.startsOn)}</td>
                        <td>{i.places ?? p('detail.noLimit')}</td>
                        <td>{i.placesLeft ?? p('detail.noLimit')}</td>
                        <td>{i.waiting}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </ScrollableTable>
            )}
            {canManage ? <IntakeForm programmeId={d.id} onCreated={reload} /> : null}
            {canManage ? <IntakeSeriesForm programmeId={d.id} onCreated={reload} /> : null}
          </section>
        </>
      ) : null}
    </>
  );
}

/** The due follow-ups with names (an audited read; only loaded when some are due). */
function DueFollowUps({ programmeId }: { programmeId: string }) {
  const p = usePg();
  const date = useFormatDate();
  const { state } = useLoad((signal) => programmesApi.dueFollowUps(programmeId, signal), [programmeId]);
  if (state.status === 'loading') return <Loading />;
  if (state.status === 'error') return <Alert variant="error" title={state.message} />;
  return (
    <>
      <h3>{p('detail.dueList')}</h3>
      <table className="table table--compact">
        <caption className="visually-hidden">{p('detail.dueCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{p('board.name')}</th>
            <th scope="col">{p('tab.fuWhen')}</th>
            <th scope="col">{p('tab.fuDue')}</th>
          </tr>
        </thead>
        <tbody>
          {state.data.followUps.map((f) => (
            <tr key={f.id}>
              <th scope="row">
                {f.personId && f.name ? (
                  <Link
                    to={`/deltagare/${f.personId}/insatser`}
                    aria-label={p('board.open', { name: f.name })}
                  >
                    {f.name}
                  </Link>
                ) : (
                  <span className="muted">{p('common.hidden')}</span>
                )}
              </th>
              <td>{p('tab.fuMonths', { count: f.monthsAfterExit })}</td>
              <td>{date(f.dueOn)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

function currentCapacity(rows: { validFrom: string; places: number }[]): number | null {
  const today = new Date().toISOString().slice(0, 10);
  let best: { validFrom: string; places: number } | null = null;
  for (const r of rows) if (r.validFrom <= today && (!best || r.validFrom > best.validFrom)) best = r;
  return best ? best.places : null;
}

const intakeIds = { name: 'pgi-name', startsOn: 'pgi-starts', places: 'pgi-places' } as const;
type IntakeField = keyof typeof intakeIds;

function IntakeForm({ programmeId, onCreated }: { programmeId: string; onCreated: () => void }) {
  const p = usePg();
  const action = useSubmit();
  const [draft, setDraft] = useState({ name: '', startsOn: '', places: '' });
  const [errors, setErrors] = useState<Partial<Record<IntakeField, string>>>({});
  const [submits, setSubmits] = useState(0);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const found: typeof errors = {};
    if (!draft.startsOn.trim())
      found.startsOn = p('common.required', { field: p('intake.startsOn').toLowerCase() });
    else if (!isIsoDate(draft.startsOn.trim()))
      found.startsOn = p('common.badDate', { field: p('intake.startsOn').toLowerCase() });
    const places = parseInteger(draft.places);
    if (Number.isNaN(places))
      found.places = p('common.badNumber', { field: p('intake.places').toLowerCase() });
    setErrors(found);
    setSubmits((n) => n + 1);
    if (Object.keys(found).length > 0) {
      action.clear();
      return;
    }
    const name = draft.name.trim();
    const body = {
      startsOn: draft.startsOn.trim(),
      ...(name ? { name } : {}),
      ...(places !== null ? { places } : {}),
    };
    const created = await action.run(
      () => programmesApi.createIntake(programmeId, body),
      () => p('intake.created', { name: name || `Intag ${body.startsOn}` }),
    );
    if (created) {
      setDraft({ name: '', startsOn: '', places: '' });
      onCreated();
    }
  };

  // Server field errors (`body.startsOn`) are shown at their fields; a clash at the start date too.
  const { all, summary } = formErrors(intakeIds, errors, action.error, (server, error) => {
    if (error.code === 'intake_exists') server.set('startsOn', error.message);
  });

  return (
    <form className="form wp-card" onSubmit={submit} noValidate>
      <ErrorSummary errors={summary} focusKey={`${submits}-${action.errorKey}`} />
      <Fieldset legend={p('intake.formTitle')}>
        <div className="wp-row">
          <TextField
            id={intakeIds.startsOn}
            label={p('intake.startsOn')}
            hint={p('common.dateHint')}
            value={draft.startsOn}
            onChange={(e) => setDraft({ ...draft, startsOn: e.target.value })}
            error={all.startsOn ?? null}
            autoComplete="off"
          />
          <TextField
            id={intakeIds.places}
            label={`${p('intake.places')} ${p('common.optional')}`}
            hint={p('intake.placesHint')}
            inputMode="numeric"
            value={draft.places}
            onChange={(e) => setDraft({ ...draft, places: e.target.value })}
            error={all.places ?? null}
          />
        </div>
        <TextField
          id={intakeIds.name}
          label={`${p('intake.name')} ${p('common.optional')}`}
          hint={p('intake.nameHint')}
          value={draft.name}
          onChange={(e) => setDraft({ ...draft, name: e.target.value })}
          error={all.name ?? null}
        />
      </Fieldset>
      <div className="form__actions">
        <Button type="submit" busy={action.busy}>
          {action.busy ? p('common.saving') : p('intake.submit')}
        </Button>
      </div>
    </form>
  );
}

const seriesIds = { fromYear: 'pgs-from', toYear: 'pgs-to', periods: 'pgs-periods' } as const;
type SeriesField = keyof typeof seriesIds;
const MONTH_DAY = /^(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$/;

/** Recurring intake periods (e.g. adult education's five application periods a year). */
function IntakeSeriesForm({ programmeId, onCreated }: { programmeId: string; onCreated: () => void }) {
  const p = usePg();
  const action = useSubmit();
  const year = String(new Date().getFullYear() + 1);
  const [draft, setDraft] = useState({ fromYear: year, toYear: year, periods: '' });
  const [errors, setErrors] = useState<Partial<Record<SeriesField, string>>>({});
  const [submits, setSubmits] = useState(0);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const found: typeof errors = {};
    for (const k of ['fromYear', 'toYear'] as const) {
      if (!/^\d{4}$/.test(draft[k].trim()))
        found[k] = p('series.badYear', { field: p(`series.${k}`).toLowerCase() });
    }
    const lines = draft.periods
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean);
    const periods = [];
    for (const [i, line] of lines.entries()) {
      const parts = line.split(/[\s,;]+/);
      if (parts.length > 3 || !parts.every((x) => MONTH_DAY.test(x))) {
        found.periods = p('series.badLine', { line: i + 1 });
        break;
      }
      periods.push({
        startsOn: parts[0]!,
        ...(parts[1] ? { applicationsOpen: parts[1] } : {}),
        ...(parts[2] ? { applicationsClose: parts[2] } : {}),
      });
    }
    if (lines.length === 0 && !found.periods)
      found.periods = p('common.required', { field: p('series.periods').toLowerCase() });
    setErrors(found);
    setSubmits((n) => n + 1);
    if (Object.keys(found).length > 0) {
      action.clear();
      return;
    }
    const body = { fromYear: Number(draft.fromYear), toYear: Number(draft.toYear), periods };
    const done = await action.run(
      () => programmesApi.createIntakeSeries(programmeId, body),
      (r) => p('series.created', { created: r.created.length, skipped: r.skipped.length }),
    );
    if (done) onCreated();
  };

  const { all, summary } = formErrors(seriesIds, errors, action.error);

  return (
    <form className="form wp-card" onSubmit={submit} noValidate>
      <ErrorSummary errors={summary} focusKey={`${submits}-${action.errorKey}`} />
      <Fieldset legend={p('series.formTitle')}>
        <div className="wp-row">
          <TextField
            id={seriesIds.fromYear}
            label={p('series.fromYear')}
            inputMode="numeric"
            value={draft.fromYear}
            onChange={(e) => setDraft({ ...draft, fromYear: e.target.value })}
            error={all.fromYear ?? null}
          />
          <TextField
            id={seriesIds.toYear}
            label={p('series.toYear')}
            inputMode="numeric"
            value={draft.toYear}
            onChange={(e) => setDraft({ ...draft, toYear: e.target.value })}
            error={all.toYear ?? null}
          />
        </div>
        <TextAreaField
          id={seriesIds.periods}
          label={p('series.periods')}
          hint={p('series.periodsHint')}
          value={draft.periods}
          onChange={(e) => setDraft({ ...draft, periods: e.target.value })}
          error={all.periods ?? null}
        />
      </Fieldset>
      <div className="form__actions">
        <Button type="submit" busy={action.busy}>
          {action.busy ? p('common.saving') : p('series.submit')}
        </Button>
      </div>
    </form>
  );
}
