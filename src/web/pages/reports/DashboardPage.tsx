import { type FormEvent, type ReactNode, useCallback, useEffect, useMemo, useState } from 'react';
import { Link } from 'react-router';
import type { ImportIssue } from '../../../features/participants/import-participants.ts';
import type { Dashboard, Goal } from '../../../features/reports/dashboard.ts';
import type { Figure } from '../../../features/reports/figures.ts';
import type { StatisticsImportResult } from '../../../features/reports/import-statistics.ts';
import { ApiError, api } from '../../api.ts';
import { Alert } from '../../components/Alert.tsx';
import { Button } from '../../components/Button.tsx';
import { ScrollableTable } from '../../components/ScrollableTable.tsx';
import { usePageTitle } from '../../components/usePageTitle.ts';
import { errorText } from '../../errorMessages.ts';
import { useI18n } from '../../i18n/index.tsx';
import { useSession } from '../../session.tsx';
import { hasAnyRole } from '../../types.ts';
import { TrendChart, type TrendSeries } from './TrendChart.tsx';

const MANAGER_ROLES = ['enhetschef', 'analytiker', 'administrator'] as const;

const num = (v: number) => v.toLocaleString('sv-SE', { maximumFractionDigits: 1 });
const fig = (f: Figure | undefined) => (f ? f.display : '');
const imported = (v: number | null | undefined) => (v === null || v === undefined ? '–' : num(v));
const ageLabel = (a: string) => (a === 'totalt' ? 'Totalt' : `${a.replace('-', '–')} år`);
const goalText = (g: Goal, unit: string) => `Mål ${num(g.target)}${unit}${g.label ? ` (${g.label})` : ''}`;

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}

/** A chart and, beside it, the table with the same numbers (the chart's text alternative). */
function Panel({
  id,
  heading,
  chart,
  table,
  children,
}: {
  id: string;
  heading: string;
  chart: ReactNode;
  table: ReactNode;
  children?: ReactNode;
}) {
  return (
    <section className="dashboard-panel" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{heading}</h2>
      {children}
      <div className="dashboard-panel__body">
        <div className="dashboard-panel__chart">{chart}</div>
        <div className="dashboard-panel__table">{table}</div>
      </div>
    </section>
  );
}

function MonthTable({
  id,
  caption,
  months,
  headers,
  rows,
  footer,
}: {
  id: string;
  caption: string;
  months: string[];
  headers: string[];
  rows: string[][];
  footer?: string[];
}) {
  return (
    <ScrollableTable labelledBy={id}>
      <table className="table table--compact">
        <caption id={id}>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Månad</th>
            {headers.map((h) => (
              <th key={h} scope="col">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {months.map((m, i) => (
            <tr key={m}>
              <th scope="row">{m}</th>
              {(rows[i] ?? []).map((v, c) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: columns are fixed by the headers.
                <td key={c}>{v}</td>
              ))}
            </tr>
          ))}
        </tbody>
        {footer && (
          <tfoot>
            <tr>
              <th scope="row">Totalt</th>
              {footer.map((v, c) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: columns are fixed by the headers.
                <td key={c}>{v}</td>
              ))}
            </tr>
          </tfoot>
        )}
      </table>
    </ScrollableTable>
  );
}

function ImportForm({
  id,
  heading,
  help,
  path,
  templateKind,
  onDone,
}: {
  id: string;
  heading: string;
  help: ReactNode;
  path: string;
  templateKind: 'forsorjningsstod' | 'arbetsformedlingen';
  onDone: () => void;
}) {
  const { t } = useI18n();
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<StatisticsImportResult | null>(null);
  const [issues, setIssues] = useState<ImportIssue[]>([]);
  const [error, setError] = useState<string | null>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setResult(null);
    setIssues([]);
    setError(null);
    if (!file) {
      setError('Välj en fil.');
      return;
    }
    setBusy(true);
    try {
      const bytes = new Uint8Array(await file.arrayBuffer());
      setResult(
        await api.post<StatisticsImportResult>(path, { filename: file.name, contentBase64: toBase64(bytes) }),
      );
      onDone();
    } catch (err) {
      const body = err instanceof ApiError ? (err.body as { errors?: ImportIssue[] } | undefined) : undefined;
      if (body?.errors) setIssues(body.errors);
      setError(errorText(err, t));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={submit} className="form" aria-labelledby={`${id}-h`} noValidate>
      <h3 id={`${id}-h`}>{heading}</h3>
      <p>
        Mall:{' '}
        <a href={`/api/reports/dashboard/template?kind=${templateKind}&format=csv`}>
          CSV ({heading.toLowerCase()})
        </a>
        ,{' '}
        <a href={`/api/reports/dashboard/template?kind=${templateKind}&format=xlsx`}>
          Excel ({heading.toLowerCase()})
        </a>
      </p>
      <div className="field">
        <label htmlFor={`${id}-file`}>Fil (CSV eller Excel)</label>
        <p className="muted" id={`${id}-help`}>
          {help}
        </p>
        <input
          id={`${id}-file`}
          type="file"
          accept=".csv,.txt,.xlsx"
          aria-describedby={`${id}-help`}
          onChange={(e) => setFile(e.target.files?.[0] ?? null)}
        />
      </div>
      <Button type="submit" busy={busy}>
        {busy ? 'Importerar …' : 'Importera'}
      </Button>
      {result && (
        <Alert variant="success">
          {`Importerade ${result.rows} ${result.rows === 1 ? 'rad' : 'rader'} för ${result.months} ${result.months === 1 ? 'månad' : 'månader'} (${result.firstMonth} – ${result.lastMonth}).`}
          {result.replacedMonths.length > 0 &&
            ` Ersatte tidigare siffror för ${result.replacedMonths.join(', ')}.`}
          {result.ignoredColumns.length > 0 &&
            ` Kolumner som inte lästes: ${result.ignoredColumns.join(', ')}.`}
        </Alert>
      )}
      {error && <Alert variant="error">{error}</Alert>}
      {issues.length > 0 && (
        <ScrollableTable labelledBy={`${id}-errors`}>
          <table className="table table--compact">
            <caption id={`${id}-errors`}>Fel i filen (ingenting importerades)</caption>
            <thead>
              <tr>
                <th scope="col">Rad</th>
                <th scope="col">Kolumn</th>
                <th scope="col">Fel</th>
              </tr>
            </thead>
            <tbody>
              {issues.map((i, n) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: one line can have several errors.
                <tr key={n}>
                  <td>{i.line}</td>
                  <td>{i.column ?? ''}</td>
                  <td>{i.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollableTable>
      )}
    </form>
  );
}

function GoalForm({ dashboard, onDone }: { dashboard: Dashboard; onDone: () => void }) {
  const { t } = useI18n();
  const [metric, setMetric] = useState<'unemployment_share' | 'social_assistance_applications'>(
    'unemployment_share',
  );
  const current =
    metric === 'unemployment_share' ? dashboard.unemployment.goal : dashboard.socialAssistance.goal;
  const [target, setTarget] = useState('');
  const [label, setLabel] = useState('');
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  async function save(remove: boolean) {
    setMessage(null);
    const value = Number(target.replace(/\s/g, '').replace(',', '.'));
    if (!remove && (target.trim() === '' || !Number.isFinite(value))) {
      setMessage({ ok: false, text: 'Ange målet som ett tal, t.ex. 10 eller 9,5.' });
      return;
    }
    try {
      await api.put('/api/reports/dashboard/goal', {
        metric,
        target: remove ? null : value,
        label: remove ? null : label,
      });
      setMessage({ ok: true, text: remove ? 'Målet är borttaget.' : 'Målet är sparat.' });
      onDone();
    } catch (err) {
      setMessage({ ok: false, text: errorText(err, t) });
    }
  }

  return (
    <form
      className="form"
      aria-labelledby="goal-h"
      onSubmit={(e) => {
        e.preventDefault();
        void save(false);
      }}
    >
      <h3 id="goal-h">Mål</h3>
      <p>
        Målet visas som en streckad linje i diagrammet och i tabellen.{' '}
        {current
          ? `Nu: ${goalText(current, metric === 'unemployment_share' ? ' %' : '')}.`
          : 'Inget mål är satt.'}
      </p>
      <div className="field">
        <label htmlFor="goal-metric">Mått</label>
        <select id="goal-metric" value={metric} onChange={(e) => setMetric(e.target.value as typeof metric)}>
          <option value="unemployment_share">Andel inskrivna arbetslösa (%)</option>
          <option value="social_assistance_applications">Ansökningar om försörjningsstöd per månad</option>
        </select>
      </div>
      <div className="field">
        <label htmlFor="goal-target">Mål</label>
        <input
          id="goal-target"
          inputMode="decimal"
          value={target}
          onChange={(e) => setTarget(e.target.value)}
        />
      </div>
      <div className="field">
        <label htmlFor="goal-label">Beskrivning (valfri)</label>
        <input id="goal-label" value={label} maxLength={200} onChange={(e) => setLabel(e.target.value)} />
      </div>
      <div className="table-actions">
        <Button type="submit">Spara mål</Button>
        {current && (
          <Button variant="secondary" onClick={() => void save(true)}>
            Ta bort målet
          </Button>
        )}
      </div>
      {message && <Alert variant={message.ok ? 'success' : 'error'}>{message.text}</Alert>}
    </form>
  );
}

/** Monthly trends with charts, their data tables, imports of monthly statistics and goals. */
export function DashboardPage() {
  const { t } = useI18n();
  const { user } = useSession();
  usePageTitle('Översikt');
  const mayManage = user ? hasAnyRole(user, MANAGER_ROLES) : false;
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [unitId, setUnitId] = useState('');
  const [query, setQuery] = useState('');
  const [d, setD] = useState<Dashboard | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(
    async (q: string) => {
      setError(null);
      try {
        setD(await api.get<Dashboard>(`/api/reports/dashboard${q ? `?${q}` : ''}`));
      } catch (err) {
        setError(errorText(err, t));
      }
    },
    [t],
  );

  useEffect(() => {
    void load('');
  }, [load]);

  function submit(e: FormEvent) {
    e.preventDefault();
    const q = new URLSearchParams({
      ...(from ? { from } : {}),
      ...(to ? { to } : {}),
      ...(unitId ? { unitId } : {}),
    }).toString();
    setQuery(q);
    void load(q);
  }

  const flowSeries = useMemo<TrendSeries[]>(
    () =>
      d
        ? [
            { name: 'Anvisningar', values: d.referrals.figures.map((f) => f.value) },
            { name: 'Påbörjade inskrivningar', values: d.enrolmentsStarted.figures.map((f) => f.value) },
          ]
        : [],
    [d],
  );
  const exitSeries = useMemo<TrendSeries[]>(
    () =>
      d
        ? [
            ...d.exits.reasons
              .map((r, c) => ({ name: r.label, values: d.exits.cells.map((row) => row[c]?.value ?? null) }))
              .filter((s) => s.values.some((v) => v !== null && v > 0)),
            { name: 'Alla avslut', values: d.exits.monthTotals.map((f) => f.value) },
          ]
        : [],
    [d],
  );
  const socialSeries = useMemo<TrendSeries[]>(() => {
    if (!d) return [];
    const goal = d.socialAssistance.goal;
    return [
      { name: 'Ansökningar', values: d.socialAssistance.applications },
      ...(goal ? [{ name: goalText(goal, ''), values: d.months.map(() => goal.target), dashed: true }] : []),
    ];
  }, [d]);
  const shareSeries = useMemo<TrendSeries[]>(() => {
    if (!d) return [];
    const goal = d.unemployment.goal;
    return [
      ...d.unemployment.ageGroups.map((a, i) => ({
        name: ageLabel(a),
        values: d.unemployment.sharePercent[i] ?? [],
      })),
      ...(goal
        ? [{ name: goalText(goal, ' %'), values: d.months.map(() => goal.target), dashed: true }]
        : []),
    ];
  }, [d]);

  const exportQuery = query ? `${query}&` : '';
  const period = d ? `${d.from} – ${d.to}` : '';

  return (
    <>
      <h1>Översikt</h1>
      <p className="lead">
        Månadstrender: anvisningar, påbörjade inskrivningar, avslut per orsak, ansökningar om försörjningsstöd
        och Arbetsförmedlingens statistik över inskrivna arbetslösa, mot de mål ni satt.{' '}
        <Link to="/rapporter">Till utfallsrapporten</Link>
      </p>
      <form onSubmit={submit} className="filters" aria-label="Urval">
        <label>
          Från månad
          <input type="month" value={from} onChange={(e) => setFrom(e.target.value)} placeholder="ÅÅÅÅ-MM" />
        </label>
        <label>
          Till månad
          <input type="month" value={to} onChange={(e) => setTo(e.target.value)} placeholder="ÅÅÅÅ-MM" />
        </label>
        <label>
          Enhet
          <select value={unitId} onChange={(e) => setUnitId(e.target.value)}>
            <option value="">Alla enheter</option>
            {(d?.units ?? []).map((u) => (
              <option key={u.id} value={u.id}>
                {u.name}
              </option>
            ))}
          </select>
        </label>
        <Button type="submit">Visa översikt</Button>
      </form>
      {error && <Alert variant="error">{error}</Alert>}
      {d && (
        <>
          <p>
            <strong>{d.title}.</strong> Utan val visas de senaste 24 månaderna.
          </p>
          <Alert variant="info" live={false}>
            {d.notes.map((n) => (
              <p key={n}>{n}</p>
            ))}
          </Alert>
          {mayManage && (
            <p>
              Ladda ner översikten: <a href={`/api/reports/dashboard/export?${exportQuery}format=csv`}>CSV</a>
              , <a href={`/api/reports/dashboard/export?${exportQuery}format=xlsx`}>Excel</a>,{' '}
              <a href={`/api/reports/dashboard/export?${exportQuery}format=pdf`}>PDF</a> (alltid med
              röjandekontroll)
            </p>
          )}

          <Panel
            id="flow"
            heading="Anvisningar och påbörjade inskrivningar"
            chart={
              <TrendChart
                label={`Linjediagram över anvisningar och påbörjade inskrivningar per månad, ${period}. Siffrorna finns i tabellen.`}
                months={d.months}
                series={flowSeries}
              />
            }
            table={
              <MonthTable
                id="t-flow"
                caption="Anvisningar och påbörjade inskrivningar per månad"
                months={d.months}
                headers={['Anvisningar', 'Påbörjade inskrivningar']}
                rows={d.months.map((_, i) => [
                  fig(d.referrals.figures[i]),
                  fig(d.enrolmentsStarted.figures[i]),
                ])}
                footer={[fig(d.referrals.total), fig(d.enrolmentsStarted.total)]}
              />
            }
          />

          <Panel
            id="exits"
            heading="Avslut per orsak"
            chart={
              <TrendChart
                label={`Linjediagram över avslut per avslutsorsak och månad, ${period}. Siffrorna finns i tabellen.`}
                months={d.months}
                series={exitSeries}
              />
            }
            table={
              <MonthTable
                id="t-exits"
                caption="Avslut per månad och avslutsorsak"
                months={d.months}
                headers={[...d.exits.reasons.map((r) => r.label), 'Alla avslut']}
                rows={d.months.map((_, i) => [
                  ...(d.exits.cells[i] ?? []).map(fig),
                  fig(d.exits.monthTotals[i]),
                ])}
                footer={[...d.exits.reasonTotals.map(fig), fig(d.exits.total)]}
              />
            }
          />

          <Panel
            id="social"
            heading="Ansökningar om försörjningsstöd (importerad statistik)"
            chart={
              <TrendChart
                label={`Linjediagram över ansökningar om försörjningsstöd per månad, ${period}${d.socialAssistance.goal ? `, med ${goalText(d.socialAssistance.goal, '')} som streckad linje` : ''}. Siffrorna finns i tabellen.`}
                months={d.months}
                series={socialSeries}
              />
            }
            table={
              <MonthTable
                id="t-social"
                caption="Ansökningar om försörjningsstöd per månad"
                months={d.months}
                headers={['Ansökningar', ...(d.socialAssistance.goal ? ['Mål'] : [])]}
                rows={d.months.map((_, i) => [
                  imported(d.socialAssistance.applications[i]),
                  ...(d.socialAssistance.goal ? [num(d.socialAssistance.goal.target)] : []),
                ])}
              />
            }
          >
            <p className="muted">– betyder att månaden inte har importerats.</p>
          </Panel>

          <Panel
            id="unemployment"
            heading="Inskrivna arbetslösa per åldersgrupp (Arbetsförmedlingen, importerad statistik)"
            chart={
              <TrendChart
                label={`Linjediagram över andelen inskrivna arbetslösa per åldersgrupp och månad, ${period}${d.unemployment.goal ? `, med ${goalText(d.unemployment.goal, ' %')} som streckad linje` : ''}. Siffrorna finns i tabellen.`}
                months={d.months}
                series={shareSeries}
                unit=" %"
              />
            }
            table={
              <MonthTable
                id="t-unemployment"
                caption="Inskrivna arbetslösa per åldersgrupp och månad: antal och andel (%)"
                months={d.months}
                headers={[
                  ...d.unemployment.ageGroups.flatMap((a) => [
                    `${ageLabel(a)}, antal`,
                    `${ageLabel(a)}, andel (%)`,
                  ]),
                  ...(d.unemployment.goal ? ['Mål, andel (%)'] : []),
                ]}
                rows={d.months.map((_, i) => [
                  ...d.unemployment.ageGroups.flatMap((_a, g) => [
                    imported(d.unemployment.registered[g]?.[i]),
                    imported(d.unemployment.sharePercent[g]?.[i]),
                  ]),
                  ...(d.unemployment.goal ? [num(d.unemployment.goal.target)] : []),
                ])}
              />
            }
          >
            <p className="muted">
              – betyder att månaden inte har importerats eller att Arbetsförmedlingen döljer värdet (under 5).
            </p>
          </Panel>

          {mayManage && (
            <section className="section" aria-labelledby="manage-h">
              <h2 id="manage-h">Importera statistik och sätt mål</h2>
              <p>
                Importen gäller allt eller inget: har filen fel visas varje fel med rad, kolumn och orsak och
                ingenting sparas. En månad som importeras igen ersätter den tidigare.
              </p>
              <ImportForm
                id="import-social"
                heading="Ansökningar om försörjningsstöd"
                help="Kolumnerna Månad och Antal ansökningar, en rad per månad (t.ex. 2026-01;134). CSV från Excel (semikolon) eller .xlsx."
                path="/api/reports/dashboard/social-assistance"
                templateKind="forsorjningsstod"
                onDone={() => void load(query)}
              />
              <ImportForm
                id="import-af"
                heading="Arbetsförmedlingens månadsstatistik"
                help="Kolumnerna Månad, Åldersgrupp (t.ex. 16-24, 25-64, Totalt) och Antal inskrivna arbetslösa och/eller Andel (%), en rad per månad och åldersgrupp. Andra kolumner hoppas över."
                path="/api/reports/dashboard/unemployment"
                templateKind="arbetsformedlingen"
                onDone={() => void load(query)}
              />
              <GoalForm dashboard={d} onDone={() => void load(query)} />
            </section>
          )}

          <h2>Definitioner</h2>
          <dl>
            {d.definitions.map((x) => (
              <div key={x.term}>
                <dt>{x.term}</dt>
                <dd>{x.text}</dd>
              </div>
            ))}
          </dl>
        </>
      )}
    </>
  );
}
