import { type FormEvent, type KeyboardEvent, useState } from 'react';
import { Link, useParams } from 'react-router';
import { Alert } from '../../components/Alert.tsx';
import { useAnnounce } from '../../components/Announcer.tsx';
import { Button } from '../../components/Button.tsx';
import { ErrorSummary, type ErrorSummaryItem } from '../../components/ErrorSummary.tsx';
import { Loading } from '../../components/Loading.tsx';
import { ScrollableTable } from '../../components/ScrollableTable.tsx';
import { TextField } from '../../components/TextField.tsx';
import { usePageTitle } from '../../components/usePageTitle.ts';
import { type CaseloadItem, participantsApi } from '../participants/api.ts';
import { Fieldset, isIsoDate, SummaryList, useLoad } from '../workplaces/ui.tsx';
import { type BoardRow, programmesApi } from './api.ts';
import { pgLabel } from './texts.ts';
import { useFormatDate, useHasRole, usePg, useSubmit, WRITE_PERSON_ROLES } from './ui.tsx';

/** `/program/:id/intag/:intakeId`: places left, enrolled, waiting list in order, and enrol a person. */
export function IntakeBoardPage() {
  const p = usePg();
  const date = useFormatDate();
  const { id = '', intakeId = '' } = useParams();
  const canEnrol = useHasRole(WRITE_PERSON_ROLES);
  const { state, reload } = useLoad((signal) => programmesApi.board(intakeId, signal), [intakeId]);
  const board = state.status === 'ready' ? state.data : null;
  const admitAction = useSubmit();
  const [admittedText, setAdmittedText] = useState<string | null>(null);
  const admit = async (r: BoardRow) => {
    setAdmittedText(null);
    const name = r.name ?? p('common.hidden');
    const done = await admitAction.run(() => programmesApi.admit(r.enrolmentId));
    if (done) {
      setAdmittedText(p('board.admitted', { name, date: date(done.startDate) }));
      reload();
    }
  };
  usePageTitle(board ? `${p('board.title')}: ${board.intake.name}` : p('board.title'));

  const nameCell = (r: BoardRow) =>
    r.personId && r.name ? (
      <Link to={`/deltagare/${r.personId}/insatser`} aria-label={p('board.open', { name: r.name })}>
        {r.name}
      </Link>
    ) : (
      <span className="muted">{p('common.hidden')}</span>
    );

  return (
    <>
      <Link className="wp-back" to={`/program/${id}`}>
        {board ? board.programme.name : p('common.back')}
      </Link>
      <h1>{board ? `${p('board.title')}: ${board.intake.name}` : p('board.title')}</h1>
      {state.status === 'loading' ? <Loading /> : null}
      {state.status === 'error' ? (
        <Alert variant="error" title={state.message}>
          <Button variant="secondary" onClick={reload}>
            {p('common.retry')}
          </Button>
        </Alert>
      ) : null}
      {board ? (
        <>
          <SummaryList
            rows={[
              [p('board.programme'), `${board.programme.name} (${board.programme.code})`],
              [p('board.startsOn'), date(board.intake.startsOn)],
            ]}
          />
          <dl className="pg-figures">
            <div>
              <dt>{p('board.placesLeft')}</dt>
              <dd data-testid="places-left">{board.placesLeft ?? p('detail.noLimit')}</dd>
            </div>
            <div>
              <dt>{p('board.enrolled')}</dt>
              <dd>{board.enrolled.length}</dd>
            </div>
            <div>
              <dt>{p('board.waiting')}</dt>
              <dd>{board.waiting.length}</dd>
            </div>
          </dl>
          {board.overBooked > 0 ? (
            <Alert variant="warning" live={false}>
              {p('board.overBooked', { count: board.overBooked })}
            </Alert>
          ) : null}

          {canEnrol ? (
            <EnrolForm programmeId={board.programme.id} intakeId={intakeId} onDone={reload} />
          ) : null}

          <section className="wp-section" aria-labelledby="pg-board-enrolled">
            <h2 id="pg-board-enrolled">{p('board.enrolled')}</h2>
            {board.enrolled.length === 0 ? (
              <p>{p('board.noEnrolled')}</p>
            ) : (
              <ScrollableTable labelledBy="pg-board-enrolled-caption">
                <table className="table table--compact">
                  <caption id="pg-board-enrolled-caption" className="visually-hidden">
                    {p('board.enrolledCaption')}
                  </caption>
                  <thead>
                    <tr>
                      <th scope="col">{p('board.name')}</th>
                      <th scope="col">{p('board.status')}</th>
                      <th scope="col">{p('board.startDate')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {board.enrolled.map((r) => (
                      <tr key={r.enrolmentId}>
                        <th scope="row">{nameCell(r)}</th>
                        <td>{pgLabel(p, 'status.', r.status)}</td>
                        <td>{date(r.startDate)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </ScrollableTable>
            )}
          </section>

          <section className="wp-section" aria-labelledby="pg-board-waiting">
            <h2 id="pg-board-waiting">{p('board.waiting')}</h2>
            {admitAction.error ? <Alert variant="error" title={admitAction.error.message} /> : null}
            {admittedText ? <Alert variant="success" title={admittedText} /> : null}
            {board.waiting.length === 0 ? (
              <p>{p('board.noWaiting')}</p>
            ) : (
              <ScrollableTable labelledBy="pg-board-waiting-caption">
                <table className="table table--compact">
                  <caption id="pg-board-waiting-caption" className="visually-hidden">
                    {p('board.waitingCaption')}
                  </caption>
                  <thead>
                    <tr>
                      <th scope="col">{p('board.position')}</th>
                      <th scope="col">{p('board.name')}</th>
                      <th scope="col">{p('board.priority')}</th>
                      <th scope="col">{p('board.referredOn')}</th>
                      {canEnrol ? <th scope="col">{p('board.action')}</th> : null}
                    </tr>
                  </thead>
                  <tbody>
                    {board.waiting.map((r, i) => (
                      <tr key={r.enrolmentId}>
                        <td>{i + 1}</td>
                        <th scope="row">{nameCell(r)}</th>
                        <td>
                          {r.priorityRank > 0
                            ? p('board.priorityYes', { rank: r.priorityRank })
                            : p('board.priorityNo')}
                        </td>
                        <td>{date(r.referredOn)}</td>
                        {canEnrol ? (
                          <td>
                            {r.personId && r.name ? (
                              <Button
                                variant="secondary"
                                aria-label={p('board.admitLabel', { name: r.name })}
                                onClick={() => void admit(r)}
                              >
                                {p('board.admit')}
                              </Button>
                            ) : null}
                          </td>
                        ) : null}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </ScrollableTable>
            )}
          </section>
        </>
      ) : null}
    </>
  );
}

const fid = {
  search: 'pge-search',
  person: 'pge-person',
  referredOn: 'pge-referred',
  purpose: 'pge-purpose',
} as const;

function EnrolForm({
  programmeId,
  intakeId,
  onDone,
}: {
  programmeId: string;
  intakeId: string;
  onDone: () => void;
}) {
  const p = usePg();
  const date = useFormatDate();
  const announce = useAnnounce();
  const action = useSubmit();
  const [q, setQ] = useState('');
  const [hits, setHits] = useState<CaseloadItem[] | null>(null);
  const [chosen, setChosen] = useState<CaseloadItem | null>(null);
  const [referredOn, setReferredOn] = useState('');
  const [purpose, setPurpose] = useState('');
  const [errors, setErrors] = useState<Partial<Record<keyof typeof fid, string>>>({});
  const [submits, setSubmits] = useState(0);
  const [result, setResult] = useState<string | null>(null);

  const search = async () => {
    if (q.trim() === '') return;
    try {
      const r = await participantsApi.caseload({ scope: 'unit', q: q.trim(), pageSize: 10 });
      setHits(r.items);
      announce(r.items.length ? p('board.hits', { count: r.items.length }) : p('board.noHits'));
    } catch {
      setHits([]);
      announce(p('board.noHits'));
    }
  };
  const onKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      void search();
    }
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const found: typeof errors = {};
    if (!chosen) found.person = p('board.mustChoose');
    if (referredOn.trim() && !isIsoDate(referredOn.trim()))
      found.referredOn = p('common.badDate', { field: p('board.referredOnField').toLowerCase() });
    if (chosen?.protected && !purpose.trim())
      found.purpose = p('common.required', { field: p('board.purpose').toLowerCase() });
    setErrors(found);
    setSubmits((n) => n + 1);
    setResult(null);
    if (Object.keys(found).length > 0 || !chosen) {
      action.clear();
      return;
    }
    const name = `${chosen.firstName} ${chosen.lastName}`;
    const r = await action.run(() =>
      programmesApi.enrol(
        programmeId,
        { personId: chosen.id, intakeId, ...(referredOn.trim() ? { referredOn: referredOn.trim() } : {}) },
        chosen.protected ? purpose.trim() : null,
      ),
    );
    if (r) {
      const text =
        r.status === 'enrolled'
          ? p('board.resultEnrolled', { name, date: date(r.startDate) })
          : p('board.resultWaiting', { name });
      setResult(text);
      setChosen(null);
      setHits(null);
      setQ('');
      setReferredOn('');
      setPurpose('');
      onDone();
    }
  };

  // A refusal for eligibility lists each failed rule (server field issues `eligibility.<rule>`).
  const notEligible = action.error?.code === 'not_eligible';
  const summary: ErrorSummaryItem[] = [
    ...(action.error && !notEligible ? [{ message: action.error.message }] : []),
    ...(notEligible && action.error ? action.error.fields.map((f) => ({ message: f.message })) : []),
    ...(Object.entries(errors) as [keyof typeof fid, string | undefined][]).flatMap(([k, m]) =>
      m ? [{ message: m, fieldId: fid[k] }] : [],
    ),
  ];

  return (
    <section className="wp-section" aria-labelledby="pge-heading">
      <h2 id="pge-heading">{p('board.enrolTitle')}</h2>
      <p>{p('board.enrolIntro')}</p>
      {result ? (
        <Alert variant="success" title={result}>
          {null}
        </Alert>
      ) : null}
      <ErrorSummary
        errors={summary}
        focusKey={`${submits}-${action.errorKey}`}
        title={notEligible ? p('board.notEligible', { name: personName(chosen) }) : undefined}
      />
      <form className="form wp-card" onSubmit={submit} noValidate>
        <Fieldset legend={p('board.chosen')}>
          <div className="wp-row">
            <TextField
              id={fid.search}
              label={p('board.search')}
              hint={p('board.searchHint')}
              type="search"
              value={q}
              onChange={(e) => setQ(e.target.value)}
              onKeyDown={onKey}
              autoComplete="off"
            />
            <Button variant="secondary" onClick={() => void search()}>
              {p('common.search')}
            </Button>
          </div>
          {hits !== null && hits.length > 0 ? (
            <ul className="wp-list" aria-label={p('board.results')}>
              {hits.map((h) => {
                const name = `${h.firstName} ${h.lastName}`;
                return (
                  <li key={h.id}>
                    <Button
                      variant="tertiary"
                      aria-pressed={chosen?.id === h.id}
                      onClick={() => {
                        setChosen(h);
                        setErrors({ ...errors, person: undefined });
                        announce(`${p('board.chosen')}: ${name}`);
                      }}
                    >
                      {p('board.choose', { name })}
                    </Button>
                    <span className="muted">{h.birthDate}</span>
                  </li>
                );
              })}
            </ul>
          ) : null}
          {hits !== null && hits.length === 0 ? <p className="muted">{p('board.noHits')}</p> : null}
          <p id={fid.person} tabIndex={-1} className={errors.person ? 'field__error' : undefined}>
            <strong>{p('board.chosen')}: </strong>
            {chosen ? `${chosen.firstName} ${chosen.lastName}` : (errors.person ?? p('board.chosenNone'))}
          </p>
          {chosen?.protected ? (
            <TextField
              id={fid.purpose}
              label={p('board.purpose')}
              hint={p('board.purposeHint')}
              value={purpose}
              onChange={(e) => setPurpose(e.target.value)}
              error={errors.purpose ?? null}
            />
          ) : null}
          <TextField
            id={fid.referredOn}
            label={`${p('board.referredOnField')} ${p('common.optional')}`}
            hint={p('common.dateHint')}
            value={referredOn}
            onChange={(e) => setReferredOn(e.target.value)}
            error={errors.referredOn ?? null}
            autoComplete="off"
          />
        </Fieldset>
        <div className="form__actions">
          <Button type="submit" busy={action.busy}>
            {action.busy ? p('common.saving') : p('board.submit')}
          </Button>
        </div>
      </form>
    </section>
  );
}

function personName(c: CaseloadItem | null): string {
  return c ? `${c.firstName} ${c.lastName}` : '';
}
