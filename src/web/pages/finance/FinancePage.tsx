import { type FormEvent, useEffect, useState } from 'react';
import { api } from '../../api.ts';
import { Alert } from '../../components/Alert.tsx';
import { Button } from '../../components/Button.tsx';
import { ScrollableTable } from '../../components/ScrollableTable.tsx';
import { TextField } from '../../components/TextField.tsx';
import { usePageTitle } from '../../components/usePageTitle.ts';
import { errorText } from '../../errorMessages.ts';
import { useI18n } from '../../i18n/index.tsx';
import { financeText } from './texts.ts';

interface Programme {
  id: string;
  code: string;
  name: string;
}
interface MonthRow {
  month: string;
  budgetSek: number;
  outcomeSek: number;
  deviationSek: number;
}
interface CategoryRow {
  category: string;
  budgetSek: number;
  outcomeSek: number;
  deviationSek: number;
  forecastYearSek: number;
  forecastDeviationSek: number;
  months: MonthRow[];
}
interface BudgetYear {
  year: number;
  closedMonths: number;
  employmentOutcomeSource: 'bokford' | 'placeringar' | 'saknas';
  forecastMethod: string;
  categories: CategoryRow[];
  totals: Omit<CategoryRow, 'category' | 'months'>;
}
interface ParameterRow {
  id: string;
  year: number;
  key: string;
  value: number;
  unit: string;
  source: string;
  enteredBy: string | null;
}
interface ParameterEditor {
  year: number;
  specs: { key: string; unit: string; label: string }[];
  inForce: ParameterRow[];
  missing: string[];
}
interface ActorResult {
  actor: string;
  costSek: number;
  gainSek: number;
  netSek: number;
  returnPerKrona: number | null;
  paybackMonths: number | null;
}
interface Evaluation {
  dataSources: string[];
  parameters: ParameterRow[];
  result: {
    assumptions: string[];
    scenarios: {
      label: 'observerad' | 'scenario';
      sharePercent: number;
      horizons: {
        horizon: number | 'arbetsliv';
        years: number;
        actors: ActorResult[];
        breakEvenSharePercent: number | null;
      }[];
    }[];
    sensitivity: {
      key: string;
      baseValue: number;
      low: { netMandateSek: number };
      high: { netMandateSek: number };
    }[];
    baseNet: { netMandateSek: number };
  };
}

const CATEGORY_LABEL: Record<string, string> = {
  anstallning: 'Anställning (lön och arbetsgivaravgifter)',
  utbildning: 'Utbildning',
  handledning: 'Handledning',
  administration: 'Administration',
  ovrigt: 'Övrigt',
};
const ACTOR_LABEL: Record<string, string> = {
  kommun: 'Kommun',
  region: 'Region',
  stat: 'Staten',
  individ: 'Individ',
  offentlig_sektor: 'Offentlig sektor',
};

export function FinancePage() {
  const { language, t: tc } = useI18n();
  const t = financeText(language);
  usePageTitle(t('title'));
  const nf = new Intl.NumberFormat(language === 'sv' ? 'sv-SE' : 'en-GB');
  const thisYear = new Date().getFullYear();
  const [programmes, setProgrammes] = useState<Programme[] | null>(null);
  const [programmeId, setProgrammeId] = useState('');
  const [year, setYear] = useState(String(thisYear));
  const [budget, setBudget] = useState<BudgetYear | null>(null);
  const [params, setParams] = useState<ParameterEditor | null>(null);
  const [evaluation, setEvaluation] = useState<Evaluation | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [from, setFrom] = useState(`${thisYear - 1}-01-01`);
  const [to, setTo] = useState(`${thisYear}-12-31`);
  const [shares, setShares] = useState('0.25');
  const [line, setLine] = useState({ category: 'anstallning', periodFrom: '', periodTo: '', amountSek: '' });
  const [param, setParam] = useState({ key: '', value: '', unit: '', source: '' });

  useEffect(() => {
    api
      .get<Programme[]>('/api/finance/programmes')
      .then((list) => {
        setProgrammes(list);
        if (list[0]) setProgrammeId(list[0].id);
      })
      .catch((e: unknown) => setError(errorText(e, tc)));
  }, [tc]);

  const fail = (e: unknown) => setError(errorText(e, tc));

  async function load() {
    setError(null);
    if (!programmeId) return;
    try {
      setBudget(await api.get<BudgetYear>(`/api/programmes/${programmeId}/budget-year`, { query: { year } }));
      setParams(await api.get<ParameterEditor>('/api/finance/parameters', { query: { year } }));
    } catch (e) {
      fail(e);
    }
  }

  async function addLine(kind: 'budget' | 'cost-outcomes', ev: FormEvent) {
    ev.preventDefault();
    setError(null);
    try {
      await api.post(`/api/programmes/${programmeId}/${kind}`, {
        ...line,
        amountSek: Number(line.amountSek.replace(',', '.')),
      });
      setNotice(t('saved'));
      await load();
    } catch (e) {
      fail(e);
    }
  }

  async function addParam(ev: FormEvent) {
    ev.preventDefault();
    setError(null);
    try {
      await api.post('/api/finance/parameters', {
        ...param,
        year: Number(year),
        value: Number(param.value.replace(',', '.')),
      });
      setNotice(t('saved'));
      await load();
    } catch (e) {
      fail(e);
    }
  }

  async function runEvaluation(ev: FormEvent) {
    ev.preventDefault();
    setError(null);
    setEvaluation(null);
    try {
      setEvaluation(
        await api.get<Evaluation>(`/api/programmes/${programmeId}/socioeconomic-evaluation`, {
          query: { from, to, successShares: shares || undefined },
        }),
      );
    } catch (e) {
      fail(e);
    }
  }

  const exportUrl = (format: 'pdf' | 'xlsx') =>
    `/api/programmes/${programmeId}/socioeconomic-evaluation/export?${new URLSearchParams({
      from,
      to,
      format,
      ...(shares ? { successShares: shares } : {}),
    }).toString()}`;
  const kr = (n: number) => nf.format(n);

  return (
    <>
      <h1>{t('title')}</h1>
      {error ? <Alert variant="error" title={error} /> : null}
      {notice ? (
        <p role="status" className="lead">
          {notice}
        </p>
      ) : null}
      {programmes && programmes.length === 0 ? <p>{t('noProgrammes')}</p> : null}
      <form
        className="section"
        onSubmit={(e) => {
          e.preventDefault();
          void load();
        }}
      >
        <div className="field">
          <label className="field__label" htmlFor="finance-programme">
            {t('programme')}
          </label>
          <select id="finance-programme" value={programmeId} onChange={(e) => setProgrammeId(e.target.value)}>
            {(programmes ?? []).map((p) => (
              <option key={p.id} value={p.id}>
                {p.name} ({p.code})
              </option>
            ))}
          </select>
        </div>
        <TextField
          label={t('year')}
          inputMode="numeric"
          value={year}
          onChange={(e) => setYear(e.target.value)}
        />
        <Button type="submit">{t('show')}</Button>
      </form>

      {budget ? (
        <section className="section" aria-labelledby="budget-heading">
          <h2 id="budget-heading">{t('budgetHeading')}</h2>
          <p>{t('employmentSource', { source: t(`source.${budget.employmentOutcomeSource}`) })}</p>
          <p>{budget.forecastMethod}</p>
          <ScrollableTable labelledBy="budget-caption">
            <table className="table">
              <caption id="budget-caption">{t('budgetCaption', { year: budget.year })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('category')}</th>
                  <th scope="col">{t('budget')}</th>
                  <th scope="col">{t('outcome')}</th>
                  <th scope="col">{t('deviation')}</th>
                  <th scope="col">{t('forecast')}</th>
                  <th scope="col">{t('forecastDeviation')}</th>
                </tr>
              </thead>
              <tbody>
                {budget.categories.map((c) => (
                  <tr key={c.category}>
                    <th scope="row">{CATEGORY_LABEL[c.category] ?? c.category}</th>
                    <td>{kr(c.budgetSek)}</td>
                    <td>{kr(c.outcomeSek)}</td>
                    <td>{kr(c.deviationSek)}</td>
                    <td>{kr(c.forecastYearSek)}</td>
                    <td>{kr(c.forecastDeviationSek)}</td>
                  </tr>
                ))}
                <tr>
                  <th scope="row">{t('total')}</th>
                  <td>{kr(budget.totals.budgetSek)}</td>
                  <td>{kr(budget.totals.outcomeSek)}</td>
                  <td>{kr(budget.totals.deviationSek)}</td>
                  <td>{kr(budget.totals.forecastYearSek)}</td>
                  <td>{kr(budget.totals.forecastDeviationSek)}</td>
                </tr>
              </tbody>
            </table>
          </ScrollableTable>
          {budget.categories
            .filter((c) => c.budgetSek !== 0 || c.outcomeSek !== 0)
            .map((c) => (
              <ScrollableTable key={c.category} labelledBy={`months-${c.category}`}>
                <table className="table">
                  <caption id={`months-${c.category}`}>
                    {t('monthsCaption', {
                      year: budget.year,
                      category: CATEGORY_LABEL[c.category] ?? c.category,
                    })}
                  </caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('month')}</th>
                      <th scope="col">{t('budget')}</th>
                      <th scope="col">{t('outcome')}</th>
                      <th scope="col">{t('deviation')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {c.months.map((m) => (
                      <tr key={m.month}>
                        <th scope="row">{m.month}</th>
                        <td>{kr(m.budgetSek)}</td>
                        <td>{kr(m.outcomeSek)}</td>
                        <td>{kr(m.deviationSek)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </ScrollableTable>
            ))}
          <form className="section" onSubmit={(e) => void addLine('budget', e)}>
            <div className="field">
              <label className="field__label" htmlFor="line-category">
                {t('category')}
              </label>
              <select
                id="line-category"
                value={line.category}
                onChange={(e) => setLine({ ...line, category: e.target.value })}
              >
                {Object.entries(CATEGORY_LABEL).map(([k, v]) => (
                  <option key={k} value={k}>
                    {v}
                  </option>
                ))}
              </select>
            </div>
            <TextField
              label={t('periodFrom')}
              hint="ÅÅÅÅ-MM-DD"
              value={line.periodFrom}
              onChange={(e) => setLine({ ...line, periodFrom: e.target.value })}
            />
            <TextField
              label={t('periodTo')}
              hint="ÅÅÅÅ-MM-DD"
              value={line.periodTo}
              onChange={(e) => setLine({ ...line, periodTo: e.target.value })}
            />
            <TextField
              label={t('amount')}
              inputMode="decimal"
              value={line.amountSek}
              onChange={(e) => setLine({ ...line, amountSek: e.target.value })}
            />
            <Button type="submit">{t('addBudget')}</Button>{' '}
            <Button type="button" variant="secondary" onClick={(e) => void addLine('cost-outcomes', e)}>
              {t('addOutcome')}
            </Button>
          </form>
        </section>
      ) : null}

      {params ? (
        <section className="section" aria-labelledby="params-heading">
          <h2 id="params-heading">{t('paramsHeading')}</h2>
          {params.missing.length > 0 ? (
            <Alert
              variant="warning"
              title={t('missingParams', { year: params.year, keys: params.missing.join(', ') })}
            />
          ) : null}
          <ScrollableTable labelledBy="params-caption">
            <table className="table">
              <caption id="params-caption">{t('paramsCaption', { year: params.year })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('key')}</th>
                  <th scope="col">{t('value')}</th>
                  <th scope="col">{t('unit')}</th>
                  <th scope="col">{t('source')}</th>
                  <th scope="col">{t('enteredBy')}</th>
                </tr>
              </thead>
              <tbody>
                {params.inForce.map((p) => (
                  <tr key={p.id}>
                    <th scope="row">{params.specs.find((s) => s.key === p.key)?.label ?? p.key}</th>
                    <td>{p.value}</td>
                    <td>{p.unit}</td>
                    <td>{p.source}</td>
                    <td>{p.enteredBy ?? ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollableTable>
          <form className="section" onSubmit={(e) => void addParam(e)}>
            <div className="field">
              <label className="field__label" htmlFor="param-key">
                {t('key')}
              </label>
              <select
                id="param-key"
                value={param.key}
                onChange={(e) =>
                  setParam({
                    ...param,
                    key: e.target.value,
                    unit: params.specs.find((s) => s.key === e.target.value)?.unit ?? param.unit,
                  })
                }
              >
                <option value="">–</option>
                {params.specs.map((s) => (
                  <option key={s.key} value={s.key}>
                    {s.label} ({s.key})
                  </option>
                ))}
              </select>
            </div>
            <TextField
              label={t('value')}
              value={param.value}
              onChange={(e) => setParam({ ...param, value: e.target.value })}
            />
            <TextField
              label={t('unit')}
              value={param.unit}
              onChange={(e) => setParam({ ...param, unit: e.target.value })}
            />
            <TextField
              label={t('source')}
              value={param.source}
              onChange={(e) => setParam({ ...param, source: e.target.value })}
            />
            <Button type="submit">{t('addParam')}</Button>
          </form>
        </section>
      ) : null}

      {programmeId ? (
        <section className="section" aria-labelledby="eval-heading">
          <h2 id="eval-heading">{t('evalHeading')}</h2>
          <form onSubmit={(e) => void runEvaluation(e)}>
            <TextField
              label={t('from')}
              hint="ÅÅÅÅ-MM-DD"
              value={from}
              onChange={(e) => setFrom(e.target.value)}
            />
            <TextField label={t('to')} hint="ÅÅÅÅ-MM-DD" value={to} onChange={(e) => setTo(e.target.value)} />
            <TextField label={t('shares')} value={shares} onChange={(e) => setShares(e.target.value)} />
            <Button type="submit">{t('evaluate')}</Button>
          </form>
          {evaluation ? (
            <>
              <p>
                <a href={exportUrl('pdf')}>{t('exportPdf')}</a> ·{' '}
                <a href={exportUrl('xlsx')}>{t('exportXlsx')}</a>
              </p>
              <h3>{t('dataSources')}</h3>
              <ul>
                {evaluation.dataSources.map((d) => (
                  <li key={d}>{d}</li>
                ))}
              </ul>
              {evaluation.result.scenarios.map((s, i) => {
                const title =
                  s.label === 'observerad'
                    ? t('scenarioObserved', { share: s.sharePercent })
                    : t('scenario', { share: s.sharePercent });
                return (
                  <div key={`${s.label}-${s.sharePercent}`} className="section">
                    <h3>{title}</h3>
                    <details open={i === 0}>
                      <summary>{t('assumptions')}</summary>
                      <ul>
                        {evaluation.result.assumptions.map((a) => (
                          <li key={a}>{a}</li>
                        ))}
                      </ul>
                    </details>
                    <ScrollableTable labelledBy={`result-${i}`}>
                      <table className="table">
                        <caption id={`result-${i}`}>{t('resultCaption', { title })}</caption>
                        <thead>
                          <tr>
                            <th scope="col">{t('horizon')}</th>
                            <th scope="col">{t('actor')}</th>
                            <th scope="col">{t('cost')}</th>
                            <th scope="col">{t('gain')}</th>
                            <th scope="col">{t('net')}</th>
                            <th scope="col">{t('perKrona')}</th>
                            <th scope="col">{t('payback')}</th>
                          </tr>
                        </thead>
                        <tbody>
                          {s.horizons.flatMap((h) =>
                            h.actors.map((a) => (
                              <tr key={`${h.years}-${a.actor}`}>
                                <th scope="row">
                                  {h.horizon === 'arbetsliv'
                                    ? t('workingLife', { n: h.years })
                                    : t('years', { n: h.years })}
                                </th>
                                <td>{ACTOR_LABEL[a.actor] ?? a.actor}</td>
                                <td>{kr(a.costSek)}</td>
                                <td>{kr(a.gainSek)}</td>
                                <td>{kr(a.netSek)}</td>
                                <td>{a.returnPerKrona ?? '–'}</td>
                                <td>{a.paybackMonths ?? t('never')}</td>
                              </tr>
                            )),
                          )}
                        </tbody>
                      </table>
                    </ScrollableTable>
                    <p>
                      {t('breakEven')}:{' '}
                      {s.horizons
                        .map(
                          (h) =>
                            `${h.horizon === 'arbetsliv' ? t('workingLife', { n: h.years }) : t('years', { n: h.years })} ${h.breakEvenSharePercent ?? '–'} %`,
                        )
                        .join(' · ')}
                    </p>
                  </div>
                );
              })}
              <ScrollableTable labelledBy="sensitivity-caption">
                <table className="table">
                  <caption id="sensitivity-caption">{t('sensitivityCaption')}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('key')}</th>
                      <th scope="col">{t('value')}</th>
                      <th scope="col">{t('low')}</th>
                      <th scope="col">{t('high')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {evaluation.result.sensitivity.map((r) => (
                      <tr key={r.key}>
                        <th scope="row">{r.key}</th>
                        <td>{r.baseValue}</td>
                        <td>{kr(r.low.netMandateSek)}</td>
                        <td>{kr(r.high.netMandateSek)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </ScrollableTable>
              <ScrollableTable labelledBy="used-params-caption">
                <table className="table">
                  <caption id="used-params-caption">{t('paramsCaption', { year: to.slice(0, 4) })}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('key')}</th>
                      <th scope="col">{t('value')}</th>
                      <th scope="col">{t('unit')}</th>
                      <th scope="col">{t('source')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {evaluation.parameters.map((p) => (
                      <tr key={p.id}>
                        <th scope="row">{p.key}</th>
                        <td>{p.value}</td>
                        <td>{p.unit}</td>
                        <td>{p.source}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </ScrollableTable>
            </>
          ) : null}
        </section>
      ) : null}
    </>
  );
}
