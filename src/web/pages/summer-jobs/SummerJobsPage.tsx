import { useCallback, useEffect, useState } from 'react';
import { ApiError, api } from '../../api.ts';
import { Alert } from '../../components/Alert.tsx';
import { Button } from '../../components/Button.tsx';
import { Loading } from '../../components/Loading.tsx';
import { usePageTitle } from '../../components/usePageTitle.ts';
import { useSession } from '../../session.tsx';
import { SelectField } from '../casework/fields.tsx';
import { SeasonForm, SlotForm, SupervisorForm } from './SeasonForms.tsx';

/** Staff page for summer jobs: seasons, allocation runs with their report, publishing, offers. */

interface SeasonListItem {
  id: string;
  name: string;
  year: number;
  mechanism: string;
  publishedAt: string | null;
}

interface Season {
  id: string;
  name: string;
  mechanism: string;
  closesAt: string;
  publishedRunId: string | null;
  periods: { code: string; startsOn: string; endsOn: string }[];
  slots: { id: string; workplaceName: string; period: string; area: string; places: number }[];
}

interface Run {
  id: string;
  mode: 'optimal' | 'lottery';
  seed: number | null;
  createdAt: string;
  report: {
    applicants: number;
    placed: number;
    unplaced: number;
    firstChoices: number;
    firstChoiceShare: number;
    priceOfStability?: { placementsLost: number; firstChoicesLost: number };
  };
}

interface Offer {
  id: string;
  status: string;
}

interface Application {
  id: string;
  reference: string;
  name: string | null;
  birthYear: number;
  firstTime: boolean;
  socialPriority: boolean;
  protectedIdentity: boolean;
  status: string;
  choices: number;
}

const pct = (x: number) => `${(x * 100).toFixed(1).replace('.', ',')} %`;

export function SummerJobsPage() {
  usePageTitle('Feriearbete');
  const session = useSession();
  const organisationId = session.state.status === 'authenticated' ? session.state.user.organisation.id : '';
  const [seasons, setSeasons] = useState<SeasonListItem[] | null>(null);
  const [selected, setSelected] = useState<string>('');
  const [season, setSeason] = useState<Season | null>(null);
  const [runs, setRuns] = useState<Run[]>([]);
  const [offers, setOffers] = useState<Offer[]>([]);
  const [applications, setApplications] = useState<Application[] | null>(null);
  const [message, setMessage] = useState<{ variant: 'success' | 'error'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  const [creating, setCreating] = useState(false);

  const loadSeasons = useCallback(async (select?: string) => {
    try {
      const s = await api.get<SeasonListItem[]>('/api/summer-jobs/seasons');
      setSeasons(s);
      const pick = select ?? s[0]?.id;
      if (pick) setSelected(pick);
    } catch {
      setSeasons([]);
    }
  }, []);

  useEffect(() => {
    void loadSeasons();
  }, [loadSeasons]);

  const load = useCallback(async (id: string) => {
    const [s, r, o] = await Promise.all([
      api.get<Season>(`/api/summer-jobs/seasons/${id}`),
      api.get<Run[]>(`/api/summer-jobs/seasons/${id}/runs`),
      api.get<Offer[]>(`/api/summer-jobs/seasons/${id}/offers`),
    ]);
    setSeason(s);
    setRuns(r);
    setOffers(o);
  }, []);

  const showApplications = async () => {
    setApplications(await api.get<Application[]>(`/api/summer-jobs/seasons/${selected}/applications`));
  };

  useEffect(() => {
    setApplications(null);
    if (selected) void load(selected);
  }, [selected, load]);

  const act = async (what: () => Promise<string>) => {
    setBusy(true);
    setMessage(null);
    try {
      setMessage({ variant: 'success', text: await what() });
      await load(selected);
    } catch (error) {
      setMessage({
        variant: 'error',
        text: error instanceof ApiError && error.message ? error.message : 'Något gick fel.',
      });
    } finally {
      setBusy(false);
    }
  };

  if (seasons === null) {
    return (
      <>
        <h1>Feriearbete</h1>
        <Loading />
      </>
    );
  }

  const counts = offers.reduce<Record<string, number>>((m, o) => {
    m[o.status] = (m[o.status] ?? 0) + 1;
    return m;
  }, {});

  return (
    <>
      <h1>Feriearbete</h1>
      <section aria-labelledby="sj-new">
        <h2 id="sj-new">Ny säsong</h2>
        <Button variant="secondary" aria-expanded={creating} onClick={() => setCreating(!creating)}>
          {creating ? 'Stäng formuläret för ny säsong' : 'Lägg upp en ny säsong'}
        </Button>
        {creating ? (
          <SeasonForm
            onCreated={(id) => {
              setCreating(false);
              setMessage({ variant: 'success', text: 'Säsongen är upplagd. Lägg till platser nedan.' });
              void loadSeasons(id);
            }}
          />
        ) : null}
      </section>
      {seasons.length === 0 ? <p>Det finns inga säsonger ännu.</p> : null}
      {seasons.length > 0 ? (
        <SelectField
          id="season"
          label="Säsong"
          value={selected}
          options={seasons.map((s) => ({ value: s.id, label: s.name }))}
          onChange={(e) => setSelected(e.target.value)}
        />
      ) : null}
      {message ? (
        <Alert variant={message.variant}>
          <p>{message.text}</p>
        </Alert>
      ) : null}
      {season ? (
        <>
          <h2>{season.name}</h2>
          <p>
            {season.slots.reduce((n, s) => n + s.places, 0)} platser i {season.periods.length} perioder.
            Ansökan stänger {season.closesAt.slice(0, 10)}. Mekanism:{' '}
            {season.mechanism === 'optimal' ? 'optimal' : 'lottning'}.{' '}
            <a href={`/ferie/ansok/${organisationId}/${season.id}`}>Ansökningsformuläret</a>
          </p>
          <h2>Platser</h2>
          {season.slots.length > 0 ? (
            <table className="table">
              <caption>Platser i {season.name}</caption>
              <thead>
                <tr>
                  <th scope="col">Arbetsplats</th>
                  <th scope="col">Period</th>
                  <th scope="col">Område</th>
                  <th scope="col">Antal</th>
                </tr>
              </thead>
              <tbody>
                {season.slots.map((s) => (
                  <tr key={s.id}>
                    <td>{s.workplaceName}</td>
                    <td>{s.period}</td>
                    <td>{s.area}</td>
                    <td>{s.places}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : (
            <p>Säsongen har inga platser ännu.</p>
          )}
          {!season.publishedRunId ? (
            <SlotForm seasonId={season.id} periods={season.periods} onCreated={() => void load(season.id)} />
          ) : null}
          <h2>Ansökningar</h2>
          {applications === null ? (
            <Button variant="secondary" onClick={() => void showApplications()}>
              Visa ansökningarna
            </Button>
          ) : (
            <table className="table">
              <caption>Ansökningar ({applications.length})</caption>
              <thead>
                <tr>
                  <th scope="col">Referens</th>
                  <th scope="col">Namn</th>
                  <th scope="col">Född</th>
                  <th scope="col">Första gången</th>
                  <th scope="col">Val</th>
                  <th scope="col">Status</th>
                  <th scope="col">Förtur av sociala skäl</th>
                </tr>
              </thead>
              <tbody>
                {applications.map((a) => (
                  <tr key={a.id}>
                    <td>{a.reference}</td>
                    <td>{a.name ?? 'Skyddad identitet'}</td>
                    <td>{a.birthYear}</td>
                    <td>{a.firstTime ? 'Ja' : 'Nej'}</td>
                    <td>{a.choices}</td>
                    <td>{a.status}</td>
                    <td>
                      <input
                        type="checkbox"
                        aria-label={`Förtur av sociala skäl för ${a.reference}`}
                        checked={a.socialPriority}
                        disabled={busy || Boolean(season.publishedRunId)}
                        onChange={(e) => {
                          const socialPriority = e.target.checked;
                          void act(async () => {
                            await api.patch(`/api/summer-jobs/applications/${a.id}`, { socialPriority });
                            await showApplications();
                            return `Förturen för ${a.reference} är ändrad.`;
                          });
                        }}
                      />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <h2>Fördelning</h2>
          {!season.publishedRunId ? (
            <Button
              busy={busy}
              onClick={() =>
                act(async () => {
                  await api.post(`/api/summer-jobs/seasons/${season.id}/runs`, { mode: 'both' });
                  return 'Fördelningen är körd i båda lägena.';
                })
              }
            >
              Kör fördelningen (optimal och lottning)
            </Button>
          ) : (
            <p>Körningen är publicerad.</p>
          )}
          {runs.length > 0 ? (
            <table className="table">
              <caption>Körningar</caption>
              <thead>
                <tr>
                  <th scope="col">Tid</th>
                  <th scope="col">Läge</th>
                  <th scope="col">Frö</th>
                  <th scope="col">Sökande</th>
                  <th scope="col">Placerade</th>
                  <th scope="col">Utan plats</th>
                  <th scope="col">Förstahandsval</th>
                  <th scope="col">Stabilitetens pris</th>
                  <th scope="col">Åtgärd</th>
                </tr>
              </thead>
              <tbody>
                {runs.map((r) => (
                  <tr key={r.id}>
                    <td>{r.createdAt.slice(0, 16).replace('T', ' ')}</td>
                    <td>{r.mode === 'optimal' ? 'Optimal' : 'Lottning'}</td>
                    <td>{r.seed ?? '–'}</td>
                    <td>{r.report.applicants}</td>
                    <td>{r.report.placed}</td>
                    <td>{r.report.unplaced}</td>
                    <td>{pct(r.report.firstChoiceShare)}</td>
                    <td>
                      {r.report.priceOfStability && r.mode === 'lottery'
                        ? `${r.report.priceOfStability.placementsLost} platser, ${r.report.priceOfStability.firstChoicesLost} förstahandsval`
                        : '–'}
                    </td>
                    <td>
                      {season.publishedRunId === r.id ? (
                        'Publicerad'
                      ) : !season.publishedRunId ? (
                        <Button
                          variant="secondary"
                          busy={busy}
                          onClick={() =>
                            act(async () => {
                              const p = await api.post<{ offers: number }>(
                                `/api/summer-jobs/seasons/${season.id}/runs/${r.id}/publish`,
                              );
                              return `${p.offers} erbjudanden skickade.`;
                            })
                          }
                        >
                          Publicera<span className="visually-hidden"> körningen {r.createdAt}</span>
                        </Button>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
          {season.publishedRunId ? (
            <>
              <h2>Erbjudanden</h2>
              <p>
                Erbjudna {counts.erbjuden ?? 0}, accepterade {counts.accepterad ?? 0}, avböjda{' '}
                {counts.avbojd ?? 0}, utgångna {counts.utgangen ?? 0}.
              </p>
              <Button
                variant="secondary"
                busy={busy}
                onClick={() =>
                  act(async () => {
                    const r = await api.post<{ expired: number; offered: number }>(
                      `/api/summer-jobs/seasons/${season.id}/offers/process-expired`,
                    );
                    return `${r.expired} erbjudanden har gått ut, ${r.offered} nya erbjudanden.`;
                  })
                }
              >
                Behandla utgångna erbjudanden
              </Button>
              <p>
                <a href={`/api/summer-jobs/seasons/${season.id}/payroll?format=csv`}>Lönefil (CSV)</a>{' '}
                <a href={`/api/summer-jobs/seasons/${season.id}/payroll?format=xlsx`}>
                  Sammanställning (Excel)
                </a>
              </p>
            </>
          ) : null}
        </>
      ) : null}
      <section aria-labelledby="sj-supervisors">
        <h2 id="sj-supervisors">Handledare</h2>
        <SupervisorForm />
      </section>
    </>
  );
}
