import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useParams } from 'react-router';
import { ApiError, api } from '../../api.ts';
import { Alert } from '../../components/Alert.tsx';
import { Button } from '../../components/Button.tsx';
import { ErrorSummary, type ErrorSummaryItem } from '../../components/ErrorSummary.tsx';
import { Loading } from '../../components/Loading.tsx';
import { TextField } from '../../components/TextField.tsx';
import { usePageTitle } from '../../components/usePageTitle.ts';
import { CheckboxField, SelectField } from '../casework/fields.tsx';

/**
 * The public application e-service for summer jobs (no login). Swedish labels, every field with a
 * visible label, errors listed in a summary that links to the field and repeated at the field.
 */

interface PublicSeason {
  id: string;
  name: string;
  year: number;
  birthYearFrom: number;
  birthYearTo: number;
  municipalityCode: string | null;
  opensAt: string;
  closesAt: string;
  maxChoices: number;
  hoursPerDay: number;
  hourlyPaySek: number;
  periods: { code: string; startsOn: string; endsOn: string }[];
  slots: { id: string; workplaceName: string; area: string; period: string; minAge: number | null }[];
}

interface ErrorBody {
  error: { code: string; message: string; fields?: { path: string; message: string }[] };
}

/** Maps a server field path (`body.choices.1.slotId`) to the id of the form control. */
function fieldIdOf(path: string): string {
  const p = path.replace(/^body\./, '');
  if (p.startsWith('choices.')) return `choice-${p.split('.')[1]}`;
  if (p.startsWith('guardian')) return p === 'guardian.email' ? 'guardian-email' : 'guardian-consent';
  if (p.startsWith('availablePeriods')) return 'choice-0';
  return p;
}

export function ApplyPage() {
  usePageTitle('Ansök om feriearbete');
  const { org = '', season = '' } = useParams();
  const [data, setData] = useState<PublicSeason | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [form, setForm] = useState({
    personnummer: '',
    firstName: '',
    lastName: '',
    municipalityCode: '',
    email: '',
    phone: '',
    guardianName: '',
    guardianEmail: '',
    guardianPhone: '',
    guardianConsent: false,
    firstTime: true,
    protectedIdentity: false,
  });
  const [choices, setChoices] = useState<string[]>([]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [submitCount, setSubmitCount] = useState(0);
  const [submitting, setSubmitting] = useState(false);
  const [receipt, setReceipt] = useState<{ reference: string } | null>(null);
  const receiptRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    api
      .get<PublicSeason>(
        `/api/public/summer-jobs/${encodeURIComponent(org)}/seasons/${encodeURIComponent(season)}`,
        {
          handleUnauthorized: false,
        },
      )
      .then((s) => {
        setData(s);
        setChoices(Array.from({ length: s.maxChoices }, () => ''));
        setForm((f) => ({ ...f, municipalityCode: s.municipalityCode ?? '' }));
      })
      .catch(() => setLoadError('Ansökan kunde inte hämtas. Kontrollera länken.'));
  }, [org, season]);

  useEffect(() => {
    if (receipt) receiptRef.current?.focus();
  }, [receipt]);

  const set = (k: keyof typeof form) => (value: string | boolean) => setForm((f) => ({ ...f, [k]: value }));

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (submitting || !data) return;
    const local: Record<string, string> = {};
    if (!form.personnummer.trim()) local.personnummer = 'Fyll i ditt personnummer.';
    if (!form.firstName.trim()) local.firstName = 'Fyll i ditt förnamn.';
    if (!form.lastName.trim()) local.lastName = 'Fyll i ditt efternamn.';
    if (!/^[0-9]{4}$/.test(form.municipalityCode))
      local.municipalityCode = 'Ange kommunkoden med fyra siffror.';
    if (!form.email.trim()) local.email = 'Fyll i din e-postadress.';
    if (!choices.some(Boolean)) local['choice-0'] = 'Välj minst en plats.';
    setErrors(local);
    setFormError(null);
    setSubmitCount((n) => n + 1);
    if (Object.keys(local).length > 0) return;
    setSubmitting(true);
    try {
      const guardian = form.guardianName.trim()
        ? {
            name: form.guardianName,
            email: form.guardianEmail,
            phone: form.guardianPhone || null,
            consent: form.guardianConsent,
          }
        : null;
      const r = await api.post<{ reference: string }>(
        `/api/public/summer-jobs/${encodeURIComponent(org)}/seasons/${encodeURIComponent(season)}/applications`,
        {
          personnummer: form.personnummer,
          firstName: form.firstName,
          lastName: form.lastName,
          municipalityCode: form.municipalityCode,
          email: form.email,
          phone: form.phone || null,
          guardian,
          firstTime: form.firstTime,
          protectedIdentity: form.protectedIdentity,
          choices: choices.filter(Boolean).map((slotId) => ({ slotId })),
        },
        { handleUnauthorized: false },
      );
      setReceipt(r);
    } catch (error) {
      if (error instanceof ApiError) {
        const body = error.body as ErrorBody | undefined;
        const fields = body?.error.fields ?? [];
        const next: Record<string, string> = {};
        for (const f of fields) next[fieldIdOf(f.path)] = f.message;
        setErrors(next);
        setFormError(
          fields.length === 0 || error.code !== 'validation_failed'
            ? error.message || 'Något gick fel.'
            : null,
        );
      } else {
        setFormError('Något gick fel. Försök igen.');
      }
      setSubmitCount((n) => n + 1);
    } finally {
      setSubmitting(false);
    }
  };

  if (loadError) {
    return (
      <div className="narrow">
        <h1>Ansök om feriearbete</h1>
        <Alert variant="error">
          <p>{loadError}</p>
        </Alert>
      </div>
    );
  }
  if (!data) {
    return (
      <div className="narrow">
        <h1>Ansök om feriearbete</h1>
        <Loading />
      </div>
    );
  }
  if (receipt) {
    return (
      <div className="narrow">
        <h1>Ansök om feriearbete</h1>
        <div ref={receiptRef} tabIndex={-1} className="panel" role="status">
          <h2>Tack! Din ansökan är mottagen</h2>
          <p>
            Din referens är <strong data-testid="reference">{receipt.reference}</strong>. Spara den.
          </p>
          <p>
            Vi har skickat en länk till din e-post. Med den kan du se och ändra ansökan tills ansökningstiden
            går ut.
          </p>
        </div>
      </div>
    );
  }

  const summary: ErrorSummaryItem[] = [
    ...(formError ? [{ message: formError }] : []),
    ...Object.entries(errors).map(([fieldId, message]) => ({ fieldId, message })),
  ];
  const slotOptions = data.slots.map((s) => {
    const p = data.periods.find((x) => x.code === s.period);
    return {
      value: s.id,
      label: `${s.workplaceName} (${s.area}), period ${s.period}${p ? ` ${p.startsOn} – ${p.endsOn}` : ''}`,
    };
  });

  return (
    <div className="narrow">
      <h1>Ansök om feriearbete</h1>
      <p>
        {data.name}. Du kan söka om du är född {data.birthYearFrom}–{data.birthYearTo}. Sista dag att söka är{' '}
        {data.closesAt.slice(0, 10)}. Lönen är {data.hourlyPaySek} kronor i timmen, {data.hoursPerDay} timmar
        om dagen.
      </p>
      <ErrorSummary errors={summary} focusKey={submitCount} />
      <form className="form" noValidate onSubmit={submit} aria-label="Ansökan om feriearbete">
        <fieldset className="fieldset">
          <legend>Om dig</legend>
          <TextField
            id="personnummer"
            label="Personnummer"
            hint="ÅÅÅÅMMDD-NNNN"
            autoComplete="off"
            inputMode="numeric"
            value={form.personnummer}
            error={errors.personnummer}
            onChange={(e) => set('personnummer')(e.target.value)}
          />
          <TextField
            id="firstName"
            label="Förnamn"
            autoComplete="given-name"
            value={form.firstName}
            error={errors.firstName}
            onChange={(e) => set('firstName')(e.target.value)}
          />
          <TextField
            id="lastName"
            label="Efternamn"
            autoComplete="family-name"
            value={form.lastName}
            error={errors.lastName}
            onChange={(e) => set('lastName')(e.target.value)}
          />
          <TextField
            id="municipalityCode"
            label="Kommunkod där du är folkbokförd"
            hint="Fyra siffror, till exempel 1480"
            inputMode="numeric"
            value={form.municipalityCode}
            error={errors.municipalityCode}
            onChange={(e) => set('municipalityCode')(e.target.value)}
          />
          <TextField
            id="email"
            type="email"
            label="E-post"
            autoComplete="email"
            value={form.email}
            error={errors.email}
            onChange={(e) => set('email')(e.target.value)}
          />
          <TextField
            id="phone"
            type="tel"
            label="Mobilnummer (frivilligt)"
            autoComplete="tel"
            value={form.phone}
            error={errors.phone}
            onChange={(e) => set('phone')(e.target.value)}
          />
          <CheckboxField
            id="firstTime"
            label="Jag har inte haft feriearbete tidigare"
            checked={form.firstTime}
            onChange={set('firstTime')}
          />
          <CheckboxField
            id="protectedIdentity"
            label="Jag har skyddade personuppgifter"
            checked={form.protectedIdentity}
            onChange={set('protectedIdentity')}
          />
        </fieldset>
        <fieldset className="fieldset">
          <legend>Vårdnadshavare (om du är under 18 år)</legend>
          <TextField
            id="guardianName"
            label="Vårdnadshavarens namn"
            value={form.guardianName}
            error={errors.guardianName}
            onChange={(e) => set('guardianName')(e.target.value)}
          />
          <TextField
            id="guardian-email"
            type="email"
            label="Vårdnadshavarens e-post"
            value={form.guardianEmail}
            error={errors['guardian-email']}
            onChange={(e) => set('guardianEmail')(e.target.value)}
          />
          <TextField
            id="guardianPhone"
            type="tel"
            label="Vårdnadshavarens telefon (frivilligt)"
            value={form.guardianPhone}
            onChange={(e) => set('guardianPhone')(e.target.value)}
          />
          <CheckboxField
            id="guardian-consent"
            label="Vårdnadshavaren samtycker till ansökan"
            checked={form.guardianConsent}
            error={errors['guardian-consent']}
            onChange={set('guardianConsent')}
          />
        </fieldset>
        <fieldset className="fieldset">
          <legend>Dina val (högst {data.maxChoices}, viktigast först)</legend>
          {choices.map((value, i) => {
            // Choice i is always the i:th select (a fixed number of them), so its id is a stable key.
            const id = `choice-${i}`;
            return (
              <SelectField
                key={id}
                id={id}
                label={`Val ${i + 1}`}
                value={value}
                error={errors[id]}
                emptyLabel="Inget val"
                options={slotOptions}
                onChange={(e) => setChoices((cs) => cs.map((c, j) => (j === i ? e.target.value : c)))}
              />
            );
          })}
        </fieldset>
        <div className="form__actions">
          <Button type="submit" busy={submitting}>
            {submitting ? 'Skickar…' : 'Skicka ansökan'}
          </Button>
        </div>
      </form>
    </div>
  );
}
