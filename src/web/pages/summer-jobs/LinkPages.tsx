import { useEffect, useState } from 'react';
import { ApiError, api } from '../../api.ts';
import { Alert } from '../../components/Alert.tsx';
import { Button } from '../../components/Button.tsx';
import { Loading } from '../../components/Loading.tsx';
import { usePageTitle } from '../../components/usePageTitle.ts';

/**
 * Pages reached from the links mailed to applicants: `/ferie/ansokan?org=<id>#<token>` (see the
 * application) and `/ferie/erbjudande?org=<id>#<token>` (answer an offer). The token stays in the
 * fragment, so it never reaches a server log, and is sent in the `x-application-token` header.
 */
function linkParams() {
  const org = new URLSearchParams(window.location.search).get('org') ?? '';
  const token = window.location.hash.replace(/^#/, '');
  return { org, token, headers: { 'x-application-token': token } };
}

const failText = (error: unknown) =>
  error instanceof ApiError && error.message ? error.message : 'Något gick fel. Försök igen.';

interface Own {
  reference: string;
  firstName: string;
  lastName: string;
  email: string;
  status: string;
  availablePeriods: string[];
  choices: { rank: number; workplaceName: string | null; period: string | null; area: string | null }[];
}

export function OwnApplicationPage() {
  usePageTitle('Din ansökan om feriearbete');
  const [own, setOwn] = useState<Own | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    const { org, headers } = linkParams();
    api
      .get<Own>(`/api/public/summer-jobs/${encodeURIComponent(org)}/application`, {
        headers,
        handleUnauthorized: false,
      })
      .then(setOwn)
      .catch((e: unknown) => setError(failText(e)));
  }, []);
  return (
    <div className="narrow">
      <h1>Din ansökan om feriearbete</h1>
      {error ? (
        <Alert variant="error">
          <p>{error}</p>
        </Alert>
      ) : null}
      {!own && !error ? <Loading /> : null}
      {own ? (
        <div className="panel">
          <p>
            Referens: <strong>{own.reference}</strong>
          </p>
          <p>
            {own.firstName} {own.lastName}, {own.email}
          </p>
          <p>Perioder du kan arbeta: {own.availablePeriods.join(', ')}</p>
          <h2>Dina val</h2>
          <ol>
            {own.choices.map((c) => (
              <li key={c.rank}>
                {c.workplaceName} ({c.area}), period {c.period}
              </li>
            ))}
          </ol>
        </div>
      ) : null}
    </div>
  );
}

export function OfferAnswerPage() {
  usePageTitle('Svara på erbjudandet om feriearbete');
  const [result, setResult] = useState<{ variant: 'success' | 'error'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const answer = async (reply: 'accept' | 'decline') => {
    const { org, headers } = linkParams();
    setBusy(true);
    try {
      await api.post(
        `/api/public/summer-jobs/${encodeURIComponent(org)}/offer-answer`,
        { answer: reply },
        { headers, handleUnauthorized: false },
      );
      setResult({
        variant: 'success',
        text:
          reply === 'accept'
            ? 'Du har tackat ja till platsen. Välkommen!'
            : 'Du har tackat nej till platsen.',
      });
    } catch (e) {
      setResult({ variant: 'error', text: failText(e) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="narrow">
      <h1>Svara på erbjudandet om feriearbete</h1>
      {result ? (
        <Alert variant={result.variant}>
          <p>{result.text}</p>
        </Alert>
      ) : (
        <div className="form__actions">
          <Button busy={busy} onClick={() => answer('accept')}>
            Tacka ja
          </Button>
          <Button variant="secondary" busy={busy} onClick={() => answer('decline')}>
            Tacka nej
          </Button>
        </div>
      )}
    </div>
  );
}
