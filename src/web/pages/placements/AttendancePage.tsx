import { type FormEvent, useRef, useState } from 'react';
import { api } from '../../api.ts';
import { Alert } from '../../components/Alert.tsx';
import { Button } from '../../components/Button.tsx';
import { Loading } from '../../components/Loading.tsx';
import { ScrollableTable } from '../../components/ScrollableTable.tsx';
import { TextField } from '../../components/TextField.tsx';
import { usePageTitle } from '../../components/usePageTitle.ts';
import { useI18n } from '../../i18n/index.tsx';
import { ABSENCE_REASONS, type CaseloadAbsence, type ImportResult } from '../workplaces/types.ts';
import {
  fileToBase64,
  formatHours,
  isIsoDate,
  todayIso,
  useAction,
  useLoad,
  useWp,
} from '../workplaces/ui.tsx';

function firstOfMonth(iso: string): string {
  return `${iso.slice(0, 8)}01`;
}

/** `/narvaro`: import weekly attendance from a CSV file, and the caseload's absence per period. */
export function AttendancePage() {
  const w = useWp();
  usePageTitle(w('att.title'));
  return (
    <>
      <h1>{w('att.title')}</h1>
      <ImportSection />
      <AbsenceSection />
    </>
  );
}

function ImportSection() {
  const w = useWp();
  const fileInput = useRef<HTMLInputElement>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [result, setResult] = useState<ImportResult | null>(null);
  const action = useAction();
  const resultRef = useRef<HTMLDivElement>(null);

  const run = async (dryRun: boolean) => {
    const file = fileInput.current?.files?.[0];
    if (!file) {
      setFileError(w('att.fileRequired'));
      fileInput.current?.focus();
      return;
    }
    setFileError(null);
    const r = await action.run(async () =>
      api.post<ImportResult>('/api/attendance/import', {
        fileName: file.name.slice(0, 200),
        contentBase64: await fileToBase64(file),
        dryRun,
      }),
    );
    if (r) {
      setResult(r);
      requestAnimationFrame(() => resultRef.current?.focus());
    }
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    void run(false);
  };

  return (
    <section className="wp-section" aria-labelledby="att-import">
      <h2 id="att-import">{w('att.import')}</h2>
      <p>{w('att.importIntro')}</p>
      <form className="form wp-card" onSubmit={submit} noValidate>
        {action.error ? <Alert variant="error" title={action.error} /> : null}
        <div className={['field', fileError ? 'field--error' : ''].filter(Boolean).join(' ')}>
          <label className="field__label" htmlFor="att-file">
            {w('att.file')}
          </label>
          {fileError ? (
            <p className="field__error" id="att-file-error">
              {fileError}
            </p>
          ) : null}
          <input
            ref={fileInput}
            id="att-file"
            type="file"
            accept=".csv,text/csv"
            className="field__input"
            aria-invalid={fileError ? true : undefined}
            aria-describedby={fileError ? 'att-file-error' : undefined}
            onChange={() => setResult(null)}
          />
        </div>
        <div className="form__actions">
          <Button variant="secondary" busy={action.busy} onClick={() => void run(true)}>
            {w('att.check')}
          </Button>
          <Button type="submit" busy={action.busy}>
            {w('att.run')}
          </Button>
        </div>
      </form>
      {result ? (
        <div ref={resultRef} tabIndex={-1} data-testid="import-result">
          {result.ok ? (
            <Alert variant="success">
              {w(result.dryRun ? 'att.checkedOk' : 'att.importedOk', {
                rows: result.rows,
                persons: result.persons,
              })}
            </Alert>
          ) : (
            <>
              <Alert variant="error">{w('att.rejected', { count: result.issues.length })}</Alert>
              <ScrollableTable labelledBy="att-issues-caption">
                <table className="table table--compact">
                  <caption id="att-issues-caption">{w('att.issuesCaption')}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{w('att.line')}</th>
                      <th scope="col">{w('att.column')}</th>
                      <th scope="col">{w('att.problem')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {result.issues.map((i) => (
                      <tr key={`${i.line}-${i.column}-${i.message}`}>
                        <th scope="row">{i.line}</th>
                        <td>{i.column ?? w('att.wholeRow')}</td>
                        <td>{i.message}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </ScrollableTable>
            </>
          )}
        </div>
      ) : null}
    </section>
  );
}

function AbsenceSection() {
  const w = useWp();
  const { language } = useI18n();
  const today = todayIso();
  const [from, setFrom] = useState(firstOfMonth(today));
  const [to, setTo] = useState(today);
  const [period, setPeriod] = useState({ from: firstOfMonth(today), to: today });
  const [errors, setErrors] = useState<{ from?: string; to?: string }>({});
  const { state } = useLoad(
    (signal) => api.get<CaseloadAbsence>('/api/attendance/absence', { signal, query: period }),
    [period.from, period.to],
  );
  const show = (e: FormEvent) => {
    e.preventDefault();
    const found: typeof errors = {};
    if (!isIsoDate(from)) found.from = w('common.badDate', { field: w('att.from').toLowerCase() });
    if (!isIsoDate(to)) found.to = w('common.badDate', { field: w('att.to').toLowerCase() });
    else if (!found.from && to < from) found.to = w('common.endBeforeStart');
    setErrors(found);
    if (found.from || found.to) {
      document.getElementById(found.from ? 'att-from' : 'att-to')?.focus();
      return;
    }
    setPeriod({ from, to });
  };
  const hours = (n: number) => formatHours(n, language);

  return (
    <section className="wp-section" aria-labelledby="att-absence">
      <h2 id="att-absence">{w('att.absence')}</h2>
      <form className="form wp-card" onSubmit={show} noValidate>
        <div className="wp-row">
          <TextField
            id="att-from"
            label={w('att.from')}
            hint={w('common.dateHint')}
            value={from}
            onChange={(e) => setFrom(e.target.value)}
            error={errors.from ?? null}
          />
          <TextField
            id="att-to"
            label={w('att.to')}
            hint={w('common.dateHint')}
            value={to}
            onChange={(e) => setTo(e.target.value)}
            error={errors.to ?? null}
          />
          <div>
            <Button type="submit" variant="secondary">
              {w('att.show')}
            </Button>
          </div>
        </div>
      </form>
      {state.status === 'loading' ? <Loading /> : null}
      {state.status === 'error' ? <Alert variant="error" title={state.message} /> : null}
      {state.status === 'ready' ? (
        <>
          {state.data.protectedLeftOut > 0 ? (
            <Alert variant="info" live={false}>
              {w('att.protectedLeftOut', { count: state.data.protectedLeftOut })}
            </Alert>
          ) : null}
          {state.data.persons.length === 0 ? (
            <p>{w('att.noAbsence')}</p>
          ) : (
            <ScrollableTable labelledBy="att-abs-caption">
              <table className="table table--compact">
                <caption id="att-abs-caption">
                  {w('att.absenceCaption', { from: state.data.from, to: state.data.to })}
                </caption>
                <thead>
                  <tr>
                    <th scope="col">{w('detail.person')}</th>
                    <th scope="col">{w('att.weeks')}</th>
                    <th scope="col">{w('att.present')}</th>
                    {ABSENCE_REASONS.map((r) => (
                      <th scope="col" key={r}>
                        {w(`reason.${r}`)}
                      </th>
                    ))}
                    <th scope="col">{w('att.totalAbsence')}</th>
                  </tr>
                </thead>
                <tbody>
                  {state.data.persons.map((p) => (
                    <tr key={p.personId}>
                      <th scope="row">{p.name}</th>
                      <td>{p.weeks}</td>
                      <td>{hours(p.hoursPresent)}</td>
                      {ABSENCE_REASONS.map((r) => (
                        <td key={r}>{hours(p.absence[r])}</td>
                      ))}
                      <td>{hours(p.absenceHours)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </ScrollableTable>
          )}
        </>
      ) : null}
    </section>
  );
}
