import { useEffect, useState } from 'react';
import { api } from '../../api.ts';
import { Alert } from '../../components/Alert.tsx';
import { Button } from '../../components/Button.tsx';
import { Loading } from '../../components/Loading.tsx';
import { ScrollableTable } from '../../components/ScrollableTable.tsx';
import { usePageTitle } from '../../components/usePageTitle.ts';
import { errorText, isAbortError } from '../../errorMessages.ts';
import { useI18n } from '../../i18n/index.tsx';
import { useSession } from '../../session.tsx';
import { hasAnyRole } from '../../types.ts';

interface Rule {
  id: string;
  recordType: string;
  recordTypeLabel: string;
  trigger: string;
  years: number;
  exceptionCategories: string[];
  exceptionBirthDays: number[];
  decisionReference: string;
  decisionDate: string;
}

interface Run {
  id: string;
  mode: string;
  runBy: string | null;
  runAt: string;
  total: number;
}

type LoadState =
  | { status: 'loading' }
  | { status: 'error'; message: string }
  | { status: 'ready'; rules: Rule[]; runs: Run[] };

/** Gallring rules and runs (no personal data); administrators can make a dry run here. */
export function GallringPage() {
  const { t, labelFor, formatDateTime } = useI18n();
  usePageTitle(t('gallring.title'));
  const { user } = useSession();
  const canRun = user ? hasAnyRole(user, ['administrator']) : false;
  const [state, setState] = useState<LoadState>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<string | null>(null);
  const [runError, setRunError] = useState<string | null>(null);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `attempt` re-runs the load.
  useEffect(() => {
    const controller = new AbortController();
    setState({ status: 'loading' });
    Promise.all([
      api.get<Rule[]>('/api/gallring/rules', { signal: controller.signal }),
      api.get<Run[]>('/api/gallring/runs', { signal: controller.signal }),
    ])
      .then(([rules, runs]) => setState({ status: 'ready', rules, runs }))
      .catch((error: unknown) => {
        if (!isAbortError(error)) setState({ status: 'error', message: errorText(error, t) });
      });
    return () => controller.abort();
  }, [attempt]);

  const dryRun = async () => {
    setBusy(true);
    setRunError(null);
    try {
      const r = await api.post<{ runId: string; total: number }>('/api/gallring/dry-run');
      setResult(t('gallring.dryRunResult', { id: r.runId, total: String(r.total) }));
      setAttempt((n) => n + 1);
    } catch (error) {
      setRunError(errorText(error, t));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <h1>{t('gallring.title')}</h1>
      <p className="lead">{t('gallring.lead')}</p>
      {state.status === 'loading' ? <Loading /> : null}
      {state.status === 'error' ? (
        <Alert variant="error" title={state.message}>
          <Button variant="secondary" onClick={() => setAttempt((n) => n + 1)}>
            {t('error.retry')}
          </Button>
        </Alert>
      ) : null}
      {canRun ? (
        <p>
          <Button busy={busy} onClick={() => void dryRun()}>
            {busy ? t('gallring.dryRunBusy') : t('gallring.dryRun')}
          </Button>
        </p>
      ) : null}
      {result ? <Alert variant="success" title={result} /> : null}
      {runError ? <Alert variant="error" title={runError} /> : null}
      {state.status === 'ready' ? (
        <>
          <section className="section" aria-labelledby="gallring-rules-heading">
            <h2 id="gallring-rules-heading">{t('gallring.rulesHeading')}</h2>
            {state.rules.length === 0 ? (
              <p>{t('gallring.noRules')}</p>
            ) : (
              <ScrollableTable labelledBy="gallring-rules-caption">
                <table className="table">
                  <caption id="gallring-rules-caption">{t('gallring.rulesCaption')}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('gallring.col.recordType')}</th>
                      <th scope="col">{t('gallring.col.rule')}</th>
                      <th scope="col">{t('gallring.col.exceptions')}</th>
                      <th scope="col">{t('gallring.col.decision')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {state.rules.map((r) => (
                      <tr key={r.id}>
                        <th scope="row">{r.recordTypeLabel}</th>
                        <td>
                          {t('gallring.ruleText', {
                            years: String(r.years),
                            trigger: labelFor('gallring.trigger.', r.trigger),
                          })}
                        </td>
                        <td>
                          {[...r.exceptionCategories, ...r.exceptionBirthDays.map((d) => `dag ${d}`)].join(
                            ', ',
                          ) || '–'}
                        </td>
                        <td>
                          {r.decisionReference} ({r.decisionDate})
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </ScrollableTable>
            )}
          </section>
          <section className="section" aria-labelledby="gallring-runs-heading">
            <h2 id="gallring-runs-heading">{t('gallring.runsHeading')}</h2>
            {state.runs.length === 0 ? (
              <p>{t('gallring.noRuns')}</p>
            ) : (
              <ScrollableTable labelledBy="gallring-runs-caption">
                <table className="table">
                  <caption id="gallring-runs-caption">{t('gallring.runsCaption')}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('gallring.col.when')}</th>
                      <th scope="col">{t('gallring.col.mode')}</th>
                      <th scope="col">{t('gallring.col.by')}</th>
                      <th scope="col">{t('gallring.col.total')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {state.runs.map((r) => (
                      <tr key={r.id}>
                        <th scope="row">{formatDateTime(r.runAt)}</th>
                        <td>{labelFor('gallring.mode.', r.mode)}</td>
                        <td>{r.runBy ?? '–'}</td>
                        <td>{r.total}</td>
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
