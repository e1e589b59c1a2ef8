import { type FormEvent, useEffect, useState } from 'react';
import { Link } from 'react-router';
import type { Figure } from '../../../features/reports/figures.ts';
import type {
  OutcomeFigures,
  OutcomeGroup,
  OutcomeReport,
} from '../../../features/reports/outcome-report.ts';
import { api } from '../../api.ts';
import { Alert } from '../../components/Alert.tsx';
import { Button } from '../../components/Button.tsx';
import { ScrollableTable } from '../../components/ScrollableTable.tsx';
import { usePageTitle } from '../../components/usePageTitle.ts';
import { errorText } from '../../errorMessages.ts';
import { useI18n } from '../../i18n/index.tsx';
import type { ProgrammeSummary } from '../programmes/api.ts';

const COLUMNS: { key: keyof OutcomeFigures; label: string }[] = [
  { key: 'participants', label: 'Deltagare' },
  { key: 'exited', label: 'Avslutade' },
  { key: 'intoWork', label: 'Till arbete' },
  { key: 'intoStudies', label: 'Till studier' },
  { key: 'intoWorkOrStudies', label: 'Till arbete eller studier' },
  { key: 'shareOfExitedPercent', label: 'Andel av avslutade (%)' },
  { key: 'within18Months', label: 'Inom 18 månader' },
  { key: 'shareWithin18MonthsPercent', label: 'Andel inom 18 månader (%)' },
];

const show = (f: Figure) => (f.value === null ? f.display : String(f.value).replace('.', ','));

function GroupTable({ id, caption, groups }: { id: string; caption: string; groups: OutcomeGroup[] }) {
  return (
    <ScrollableTable labelledBy={id}>
      <table>
        <caption id={id}>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Grupp</th>
            {COLUMNS.map((c) => (
              <th key={c.key} scope="col">
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {groups.map((g) => (
            <tr key={g.key}>
              <th scope="row">{g.label}</th>
              {COLUMNS.map((c) => (
                <td key={c.key}>{show(g.figures[c.key])}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollableTable>
  );
}

/** The outcome report with filters, one table per breakdown, definitions and export links. */
export function ReportsPage() {
  const { t } = useI18n();
  usePageTitle('Rapporter');
  const [programmes, setProgrammes] = useState<ProgrammeSummary[]>([]);
  const [programmeId, setProgrammeId] = useState('');
  const [referenceDate, setReferenceDate] = useState(new Date().toISOString().slice(0, 10));
  const [internal, setInternal] = useState(false);
  const [report, setReport] = useState<OutcomeReport | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    api
      .get<ProgrammeSummary[]>('/api/programmes')
      .then((list) => setProgrammes(Array.isArray(list) ? list : []))
      .catch(() => setProgrammes([]));
  }, []);

  const query = () =>
    new URLSearchParams({ referenceDate, ...(programmeId ? { programmeId } : {}) }).toString();

  async function load(e?: FormEvent) {
    e?.preventDefault();
    setError(null);
    try {
      setReport(
        await api.get<OutcomeReport>(`/api/reports/outcomes?${query()}${internal ? '&suppress=false' : ''}`),
      );
    } catch (err) {
      setReport(null);
      setError(errorText(err, t));
    }
  }

  return (
    <>
      <h1>Rapporter</h1>
      <p>
        <Link to="/rapporter/oversikt">Översikt med månadstrender och mål</Link>
      </p>
      <form onSubmit={load} className="filters">
        <label>
          Insats
          <select value={programmeId} onChange={(e) => setProgrammeId(e.target.value)}>
            <option value="">Alla insatser</option>
            {programmes.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Referensdatum
          <input
            type="date"
            value={referenceDate}
            onChange={(e) => setReferenceDate(e.target.value)}
            required
          />
        </label>
        <label>
          <input type="checkbox" checked={internal} onChange={(e) => setInternal(e.target.checked)} />
          Interna siffror utan röjandekontroll (enhetschef)
        </label>
        <Button type="submit">Visa utfall</Button>
      </form>
      {error && <Alert variant="error">{error}</Alert>}
      {report && (
        <section aria-labelledby="report-title">
          <h2 id="report-title">{report.title}</h2>
          <p>
            {report.suppression.applied
              ? `Röjandekontroll: antal under ${report.suppression.threshold} visas som "<${report.suppression.threshold}", kompletterande döljning som "..".`
              : 'Interna siffror utan röjandekontroll – lämna inte ut dem.'}
          </p>
          <p>
            Ladda ner: <a href={`/api/reports/outcomes/export?${query()}&format=csv`}>CSV</a>,{' '}
            <a href={`/api/reports/outcomes/export?${query()}&format=xlsx`}>Excel</a>,{' '}
            <a href={`/api/reports/outcomes/export?${query()}&format=pdf`}>PDF</a> (alltid med
            röjandekontroll)
          </p>
          <GroupTable
            id="t-total"
            caption="Totalt"
            groups={[{ key: 'total', label: 'Totalt', figures: report.total }]}
          />
          <GroupTable id="t-programme" caption="Per insats" groups={report.byProgramme} />
          <GroupTable id="t-unit" caption="Per enhet" groups={report.byUnit} />
          <GroupTable id="t-district" caption="Per område" groups={report.byDistrict} />
          <GroupTable id="t-sex" caption="Per kön" groups={report.bySex} />
          <GroupTable id="t-age" caption="Per åldersgrupp vid start" groups={report.byAgeBand} />
          <GroupTable id="t-cohort" caption="Per startkohort" groups={report.byCohort} />
          <h3>Definitioner</h3>
          <dl>
            {report.definitions.map((d) => (
              <div key={d.term}>
                <dt>{d.term}</dt>
                <dd>{d.text}</dd>
              </div>
            ))}
          </dl>
        </section>
      )}
    </>
  );
}
