import { type FormEvent, useEffect, useState } from 'react';
import { ApiError, api } from '../../api.ts';
import { Alert } from '../../components/Alert.tsx';
import { Button } from '../../components/Button.tsx';
import { ErrorSummary } from '../../components/ErrorSummary.tsx';
import { formErrors, useSubmit } from '../../components/forms.ts';
import { Loading } from '../../components/Loading.tsx';
import { TextField } from '../../components/TextField.tsx';
import { usePageTitle } from '../../components/usePageTitle.ts';
import { CheckboxGroup, SelectField } from '../casework/fields.tsx';
import '../casework/casework.css';

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
  phone: string | null;
  guardian: { name: string; email: string; phone: string | null; consent: boolean } | null;
  status: string;
  season: {
    name: string;
    closesAt: string | null;
    maxChoices: number;
    periods: { code: string; startsOn: string; endsOn: string }[];
    slots: { id: string; workplaceName: string; area: string; period: string; minAge: number | null }[];
  };
  availablePeriods: string[];
  choices: {
    rank: number;
    slotId: string;
    workplaceName: string | null;
    period: string | null;
    area: string | null;
  }[];
}

interface Draft {
  email: string;
  phone: string;
  guardianName: string;
  guardianEmail: string;
  guardianPhone: string;
  guardianConsent: boolean;
  periods: string[];
  choices: string[];
}

function draftOf(own: Own): Draft {
  return {
    email: own.email,
    phone: own.phone ?? '',
    guardianName: own.guardian?.name ?? '',
    guardianEmail: own.guardian?.email ?? '',
    guardianPhone: own.guardian?.phone ?? '',
    guardianConsent: own.guardian?.consent ?? false,
    periods: own.availablePeriods,
    choices: Array.from({ length: own.season.maxChoices }, (_, i) => own.choices[i]?.slotId ?? ''),
  };
}

/** Local time in Sweden, e.g. "31 mars 2027 kl. 23:59". */
const closingText = (iso: string) =>
  new Date(iso).toLocaleString('sv-SE', {
    timeZone: 'Europe/Stockholm',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  });

const CLOSED_TEXT = 'Ansökningstiden har gått ut. Din ansökan kan inte längre ändras.';
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * Field keys (the server's paths without `body.`) and the ids of their controls. The choices get
 * their keys per rank (`choices.0.slotId`); a period issue is shown at the group.
 */
function ownIds(maxChoices: number): Record<string, string> {
  const ids: Record<string, string> = {
    email: 'own-email',
    phone: 'own-phone',
    guardian: 'own-guardian-consent',
    'guardian.name': 'own-guardian-name',
    'guardian.email': 'own-guardian-email',
    'guardian.phone': 'own-guardian-phone',
    availablePeriods: 'own-periods',
    choices: 'own-choice-0',
  };
  for (let i = 0; i < maxChoices; i++) ids[`choices.${i}.slotId`] = `own-choice-${i}`;
  return ids;
}

export function OwnApplicationPage() {
  usePageTitle('Din ansökan om feriearbete');
  const [own, setOwn] = useState<Own | null>(null);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [closed, setClosed] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [submits, setSubmits] = useState(0);
  const [saved, setSaved] = useState(false);
  const action = useSubmit();

  const receive = (o: Own) => {
    setOwn(o);
    setDraft(draftOf(o));
  };

  useEffect(() => {
    const { org, headers } = linkParams();
    api
      .get<Own>(`/api/public/summer-jobs/${encodeURIComponent(org)}/application`, {
        headers,
        handleUnauthorized: false,
      })
      .then((o) => {
        setOwn(o);
        setDraft(draftOf(o));
      })
      .catch((e: unknown) => {
        if (e instanceof ApiError && e.code === 'summer_window_closed') setClosed(true);
        else setError(failText(e));
      });
  }, []);

  useEffect(() => {
    if (action.error?.code === 'summer_window_closed') setClosed(true);
  }, [action.error]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!draft || !own) return;
    const found: Record<string, string> = {};
    if (!draft.email.trim()) found.email = 'Fyll i din e-postadress.';
    else if (!EMAIL.test(draft.email.trim()))
      found.email = 'Ange en giltig e-postadress, till exempel namn@exempel.se.';
    const anyGuardian = Boolean(
      draft.guardianName.trim() || draft.guardianEmail.trim() || draft.guardianPhone.trim(),
    );
    if (anyGuardian) {
      if (!draft.guardianName.trim()) found['guardian.name'] = 'Fyll i vårdnadshavarens namn.';
      if (!draft.guardianEmail.trim()) found['guardian.email'] = 'Fyll i vårdnadshavarens e-postadress.';
      else if (!EMAIL.test(draft.guardianEmail.trim()))
        found['guardian.email'] = 'Ange en giltig e-postadress till vårdnadshavaren.';
    }
    if (draft.periods.length === 0) found.availablePeriods = 'Välj minst en period som du kan arbeta.';
    const chosen = draft.choices.filter(Boolean);
    if (chosen.length === 0) found.choices = 'Välj minst en plats.';
    else {
      draft.choices.forEach((slotId, i) => {
        if (!slotId) return;
        if (draft.choices.indexOf(slotId) !== i)
          found[`choices.${i}.slotId`] = `Val ${i + 1} är samma plats som ett tidigare val.`;
        const slot = own.season.slots.find((s) => s.id === slotId);
        if (slot && !draft.periods.includes(slot.period))
          found[`choices.${i}.slotId`] =
            `Val ${i + 1} gäller period ${slot.period}, som du inte har valt att arbeta.`;
      });
    }
    setErrors(found);
    setSaved(false);
    setSubmits((n) => n + 1);
    if (Object.keys(found).length > 0) {
      action.clear();
      return;
    }
    const { org, headers } = linkParams();
    const body = {
      email: draft.email.trim(),
      phone: draft.phone.trim() || null,
      guardian: anyGuardian
        ? {
            name: draft.guardianName.trim(),
            email: draft.guardianEmail.trim(),
            phone: draft.guardianPhone.trim() || null,
            consent: draft.guardianConsent,
          }
        : null,
      availablePeriods: draft.periods,
      choices: chosen.map((slotId) => ({ slotId })),
    };
    const updated = await action.run(() =>
      api.put<Own>(`/api/public/summer-jobs/${encodeURIComponent(org)}/application`, body, {
        headers,
        handleUnauthorized: false,
      }),
    );
    if (updated) {
      receive(updated);
      setSaved(true);
    }
  };

  const ids = ownIds(own?.season.maxChoices ?? 0);
  const { all, summary } = formErrors(ids, errors, action.error);
  const set = <K extends keyof Draft>(k: K, v: Draft[K]) => setDraft((d) => (d ? { ...d, [k]: v } : d));
  const slotLabel = (s: Own['season']['slots'][number]) => {
    const p = own?.season.periods.find((x) => x.code === s.period);
    return `${s.workplaceName} (${s.area}), period ${s.period}${p ? ` ${p.startsOn} – ${p.endsOn}` : ''}`;
  };

  return (
    <div className="narrow">
      <h1>Din ansökan om feriearbete</h1>
      {closed ? (
        <Alert variant="info" title={CLOSED_TEXT}>
          <p>Har du frågor om din ansökan kan du kontakta ferieverksamheten.</p>
        </Alert>
      ) : null}
      {error ? (
        <Alert variant="error">
          <p>{error}</p>
        </Alert>
      ) : null}
      {!own && !error && !closed ? <Loading /> : null}
      {own && draft && !closed ? (
        <>
          <div className="panel">
            <p>
              Referens: <strong data-testid="own-reference">{own.reference}</strong>
            </p>
            <p>
              {own.firstName} {own.lastName}. {own.season.name}.
            </p>
            {own.season.closesAt ? (
              <p>Du kan ändra ansökan till och med {closingText(own.season.closesAt)}.</p>
            ) : null}
            <h2>Dina val just nu</h2>
            <ol data-testid="own-choices">
              {own.choices.map((c) => (
                <li key={c.rank}>
                  {c.workplaceName} ({c.area}), period {c.period}
                </li>
              ))}
            </ol>
          </div>
          {saved ? (
            <Alert variant="success">
              <p>Dina ändringar är sparade.</p>
            </Alert>
          ) : null}
          <form className="form" noValidate onSubmit={submit} aria-labelledby="own-change-title">
            <h2 id="own-change-title">Ändra din ansökan</h2>
            <ErrorSummary errors={summary} focusKey={`${submits}-${action.errorKey}`} />
            <fieldset className="fieldset">
              <legend>Kontaktuppgifter</legend>
              <TextField
                id={ids.email}
                type="email"
                label="E-post"
                autoComplete="email"
                value={draft.email}
                error={all.email ?? null}
                onChange={(e) => set('email', e.target.value)}
              />
              <TextField
                id={ids.phone}
                type="tel"
                label="Mobilnummer (frivilligt)"
                autoComplete="tel"
                value={draft.phone}
                error={all.phone ?? null}
                onChange={(e) => set('phone', e.target.value)}
              />
            </fieldset>
            <fieldset className="fieldset">
              <legend>Vårdnadshavare (om du är under 18 år)</legend>
              <TextField
                id={ids['guardian.name']}
                label="Vårdnadshavarens namn"
                value={draft.guardianName}
                error={all['guardian.name'] ?? null}
                onChange={(e) => set('guardianName', e.target.value)}
              />
              <TextField
                id={ids['guardian.email']}
                type="email"
                label="Vårdnadshavarens e-post"
                value={draft.guardianEmail}
                error={all['guardian.email'] ?? null}
                onChange={(e) => set('guardianEmail', e.target.value)}
              />
              <TextField
                id={ids['guardian.phone']}
                type="tel"
                label="Vårdnadshavarens telefon (frivilligt)"
                value={draft.guardianPhone}
                error={all['guardian.phone'] ?? null}
                onChange={(e) => set('guardianPhone', e.target.value)}
              />
              <CheckboxGroup
                id={ids.guardian!}
                name="guardian-consent"
                legend="Samtycke"
                small
                options={[{ value: 'ja', label: 'Vårdnadshavaren samtycker till ansökan' }]}
                values={draft.guardianConsent ? ['ja'] : []}
                error={all.guardian ?? null}
                onChange={(v) => set('guardianConsent', v.includes('ja'))}
              />
            </fieldset>
            <CheckboxGroup
              id={ids.availablePeriods!}
              name="periods"
              legend="Perioder du kan arbeta"
              options={own.season.periods.map((p) => ({
                value: p.code,
                label: `Period ${p.code}, ${p.startsOn} – ${p.endsOn}`,
              }))}
              values={draft.periods}
              error={all.availablePeriods ?? null}
              onChange={(v) => set('periods', v)}
            />
            <fieldset className="fieldset">
              <legend>Dina val (högst {own.season.maxChoices}, viktigast först)</legend>
              {draft.choices.map((value, i) => (
                <SelectField
                  // biome-ignore lint/suspicious/noArrayIndexKey: the rank is the identity of a choice.
                  key={i}
                  id={`own-choice-${i}`}
                  label={`Val ${i + 1}`}
                  value={value}
                  emptyLabel="Inget val"
                  error={all[`choices.${i}.slotId`] ?? (i === 0 ? all.choices : null) ?? null}
                  options={own.season.slots.map((s) => ({ value: s.id, label: slotLabel(s) }))}
                  onChange={(e) =>
                    set(
                      'choices',
                      draft.choices.map((c, j) => (j === i ? e.target.value : c)),
                    )
                  }
                />
              ))}
            </fieldset>
            <div className="form__actions">
              <Button type="submit" busy={action.busy}>
                {action.busy ? 'Sparar…' : 'Spara ändringarna'}
              </Button>
            </div>
          </form>
        </>
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
