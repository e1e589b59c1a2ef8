import { type FormEvent, useEffect, useState } from 'react';
import { api } from '../../api.ts';
import { Alert } from '../../components/Alert.tsx';
import { Button } from '../../components/Button.tsx';
import { ErrorSummary } from '../../components/ErrorSummary.tsx';
import { formErrors, useSubmit } from '../../components/forms.ts';
import { Loading } from '../../components/Loading.tsx';
import { TextField } from '../../components/TextField.tsx';
import { usePageTitle } from '../../components/usePageTitle.ts';
import '../casework/casework.css';
import { parseDecimal } from '../workplaces/ui.tsx';

/**
 * The handledare's page: the youths placed at their own workplaces (reference and name; for a
 * protected identity the reference only) and the hours each worked in the period.
 */

interface Place {
  offerId: string;
  season: string;
  workplaceName: string;
  period: string;
  startsOn: string;
  endsOn: string;
  status: string;
  reference: string;
  name: string | null;
  phone: string | null;
  protectedIdentity: boolean;
  hours: number | null;
}

const statusText: Record<string, string> = {
  accepterad: 'Har tackat ja',
  erbjuden: 'Har inte svarat än',
};

const hoursText = (h: number) => String(h).replace('.', ',');

function HoursForm({ place, onSaved }: { place: Place; onSaved: (hours: number) => void }) {
  const action = useSubmit();
  const [value, setValue] = useState(place.hours === null ? '' : hoursText(place.hours));
  const [errors, setErrors] = useState<{ hours?: string }>({});
  const [submits, setSubmits] = useState(0);
  const ids = { hours: `hours-${place.offerId}` };
  const who = place.name ?? `Ungdom med referens ${place.reference}`;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const parsed = parseDecimal(value);
    const hours = parsed ?? Number.NaN;
    const found: { hours?: string } = {};
    if (parsed === null) found.hours = 'Fyll i antal arbetade timmar.';
    else if (!(hours >= 0 && hours <= 400))
      found.hours = 'Ange timmar som ett tal mellan 0 och 400, till exempel 7,5.';
    setErrors(found);
    setSubmits((n) => n + 1);
    if (found.hours) {
      action.clear();
      return;
    }
    const ok = await action.run(
      () => api.put(`/api/summer-jobs/offers/${place.offerId}/hours`, { hours }).then(() => true),
      () => `${hoursText(hours)} timmar är sparade för ${place.reference}.`,
    );
    if (ok) onSaved(hours);
  };

  const { all, summary } = formErrors(ids, errors, action.error);
  return (
    <form className="form panel" noValidate onSubmit={submit} aria-labelledby={`${ids.hours}-title`}>
      <h2 id={`${ids.hours}-title`}>
        {who}, {place.reference}
      </h2>
      <p>
        {place.workplaceName}, period {place.period} ({place.startsOn} – {place.endsOn}).{' '}
        {statusText[place.status] ?? place.status}.{place.phone ? ` Telefon ${place.phone}.` : ''}
        {place.protectedIdentity ? ' Skyddade personuppgifter: namn och telefon visas inte.' : ''}
      </p>
      <ErrorSummary errors={summary} focusKey={`${submits}-${action.errorKey}`} />
      {place.status === 'accepterad' ? (
        <>
          <TextField
            id={ids.hours}
            label={`Arbetade timmar för ${place.reference} i period ${place.period}`}
            hint={
              place.hours === null
                ? 'Inga timmar rapporterade ännu.'
                : `Rapporterat: ${hoursText(place.hours)} timmar.`
            }
            inputMode="decimal"
            value={value}
            error={all.hours ?? null}
            onChange={(e) => setValue(e.target.value)}
          />
          <div className="form__actions">
            <Button type="submit" busy={action.busy}>
              {action.busy ? 'Sparar…' : 'Spara timmarna'}
              <span className="visually-hidden"> för {place.reference}</span>
            </Button>
          </div>
        </>
      ) : (
        <p>Timmar kan rapporteras när ungdomen har tackat ja.</p>
      )}
    </form>
  );
}

export function SupervisorHoursPage() {
  usePageTitle('Ferietimmar');
  const [places, setPlaces] = useState<Place[] | null>(null);
  const [error, setError] = useState(false);
  useEffect(() => {
    api
      .get<Place[]>('/api/summer-jobs/my-places')
      .then(setPlaces)
      .catch(() => setError(true));
  }, []);
  return (
    <>
      <h1>Ferietimmar</h1>
      {error ? (
        <Alert variant="error">
          <p>Platserna kunde inte hämtas. Försök igen senare.</p>
        </Alert>
      ) : null}
      {!places && !error ? <Loading /> : null}
      {places && places.length === 0 ? <p>Du har inga ferieungdomar just nu.</p> : null}
      {places?.map((p) => (
        <HoursForm
          key={p.offerId}
          place={p}
          onSaved={(hours) =>
            setPlaces((ps) => ps?.map((x) => (x.offerId === p.offerId ? { ...x, hours } : x)) ?? null)
          }
        />
      ))}
    </>
  );
}
