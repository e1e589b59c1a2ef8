import { type FormEvent, useEffect, useState } from 'react';
import { api } from '../../api.ts';
import { Alert } from '../../components/Alert.tsx';
import { Button } from '../../components/Button.tsx';
import { ErrorSummary } from '../../components/ErrorSummary.tsx';
import { formErrors, useSubmit } from '../../components/forms.ts';
import { TextField } from '../../components/TextField.tsx';
import { usePageTitle } from '../../components/usePageTitle.ts';

/**
 * The unit manager's page for registerutdrag (GDPR art. 15) from a personnummer: a participant of the
 * register, or a youth who is only in summer-job applications. The number goes in the request body
 * (never the address). Protected data needs a stated purpose; the server says so and the message is
 * shown at the purpose field. The extract is offered as a JSON file to download.
 */

interface Extract {
  personId: string | null;
  generatedAt: string;
  tables: { table: string; rows: unknown[] }[];
}

interface Done {
  url: string;
  fileName: string;
  registered: boolean;
  tables: number;
}

const ids = { personnummer: 'utdrag-personnummer', purpose: 'utdrag-syfte' } as const;

export function RegisterutdragPage() {
  usePageTitle('Registerutdrag');
  const action = useSubmit();
  const [personnummer, setPersonnummer] = useState('');
  const [purpose, setPurpose] = useState('');
  const [errors, setErrors] = useState<{ personnummer?: string }>({});
  const [submits, setSubmits] = useState(0);
  const [done, setDone] = useState<Done | null>(null);

  // The download link holds the extract in memory; release it when replaced or on leaving the page.
  useEffect(() => () => (done ? URL.revokeObjectURL(done.url) : undefined), [done]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const found: { personnummer?: string } = {};
    if (personnummer.trim() === '') found.personnummer = 'Ange ett personnummer eller samordningsnummer.';
    setErrors(found);
    setSubmits((n) => n + 1);
    setDone(null);
    if (found.personnummer) {
      action.clear();
      return;
    }
    const extract = await action.run(
      () =>
        api.post<Extract>('/api/registerutdrag', {
          personnummer: personnummer.trim(),
          ...(purpose.trim() ? { purpose: purpose.trim() } : {}),
        }),
      (r) =>
        `Registerutdraget är framtaget med uppgifter i ${r.tables.filter((x) => x.rows.length > 0).length} tabeller. Länken för att ladda ned det finns under formuläret.`,
    );
    if (!extract) return;
    const blob = new Blob([JSON.stringify(extract, null, 2)], { type: 'application/json' });
    setDone({
      url: URL.createObjectURL(blob),
      fileName: `registerutdrag-${extract.generatedAt.slice(0, 10)}.json`,
      registered: extract.personId !== null,
      tables: extract.tables.filter((x) => x.rows.length > 0).length,
    });
  };

  const { all, summary } = formErrors(ids, errors, action.error, (server, error) => {
    if (error.code === 'purpose_required') server.set('purpose', error.message);
  });

  return (
    <>
      <h1>Registerutdrag</h1>
      <p>
        Ta fram ett registerutdrag (GDPR artikel 15) från ett personnummer eller samordningsnummer: för en
        deltagare i registret, eller för en ungdom som bara har ansökt om feriearbete. Utdraget innehåller
        alla uppgifter om personen i alla tabeller och loggen om dem. Att ta fram utdraget loggas. Den
        registrerade ska få svar inom en månad.
      </p>
      <form className="form panel" noValidate onSubmit={submit} aria-labelledby="utdrag-form-title">
        <h2 id="utdrag-form-title">Vem gäller utdraget?</h2>
        <ErrorSummary errors={summary} focusKey={`${submits}-${action.errorKey}`} />
        <TextField
          id={ids.personnummer}
          label="Personnummer eller samordningsnummer"
          hint="Skriv ÅÅÅÅMMDD-NNNN. Numret skickas inte i adressen och sparas inte i loggen."
          autoComplete="off"
          inputMode="numeric"
          spellCheck={false}
          value={personnummer}
          error={all.personnummer ?? null}
          onChange={(e) => setPersonnummer(e.target.value)}
        />
        <TextField
          id={ids.purpose}
          label="Syfte (krävs om uppgifterna är skyddade)"
          hint="Till exempel: Begäran om registerutdrag från den registrerade, diarienummer."
          autoComplete="off"
          maxLength={500}
          value={purpose}
          error={all.purpose ?? null}
          onChange={(e) => setPurpose(e.target.value)}
        />
        <div className="form__actions">
          <Button type="submit" busy={action.busy}>
            {action.busy ? 'Tar fram utdraget…' : 'Ta fram registerutdrag'}
          </Button>
        </div>
      </form>
      {done ? (
        <Alert variant="success" title="Registerutdraget är framtaget">
          <p>
            {done.registered
              ? 'Personen finns i deltagarregistret: utdraget omfattar allt om personen.'
              : 'Personen finns inte i deltagarregistret: utdraget omfattar ansökningarna om feriearbete och allt som hör till dem.'}{' '}
            Uppgifter finns i {done.tables} tabeller.
          </p>
          <p>
            <a href={done.url} download={done.fileName}>
              Ladda ned registerutdraget (JSON-fil)
            </a>
          </p>
        </Alert>
      ) : null}
    </>
  );
}
