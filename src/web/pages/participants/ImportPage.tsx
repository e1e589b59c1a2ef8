import { type FormEvent, useEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import { ApiError } from '../../api.ts';
import { Alert } from '../../components/Alert.tsx';
import { Button } from '../../components/Button.tsx';
import { ErrorSummary, type ErrorSummaryItem } from '../../components/ErrorSummary.tsx';
import { ScrollableTable } from '../../components/ScrollableTable.tsx';
import { usePageTitle } from '../../components/usePageTitle.ts';
import { errorText } from '../../errorMessages.ts';
import { useI18n } from '../../i18n/index.tsx';
import { type ImportIssue, type Options, participantsApi } from './api.ts';
import { SelectField } from './fields.tsx';
import './participants.css';

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}

/**
 * Import of participants from CSV (Swedish Excel) or XLSX. All or nothing: a file with errors imports
 * nothing, and every error is listed with its line and column.
 */
export function ImportPage() {
  const { t } = useI18n();
  usePageTitle(t('participants.import.title'));
  const [options, setOptions] = useState<Options | null>(null);
  const [unitId, setUnitId] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [summary, setSummary] = useState<ErrorSummaryItem[]>([]);
  const [attempt, setAttempt] = useState(0);
  const [busy, setBusy] = useState(false);
  const [issues, setIssues] = useState<ImportIssue[] | null>(null);
  const [imported, setImported] = useState<number | null>(null);
  const resultRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    participantsApi
      .options()
      .then((o) => {
        setOptions(o);
        if (o.registerUnits.length > 0) setUnitId(o.registerUnits[0]!.id);
      })
      .catch(() => {});
  }, []);

  useEffect(() => {
    if (issues !== null || imported !== null) resultRef.current?.focus();
  }, [issues, imported]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setIssues(null);
    setImported(null);
    const errors: ErrorSummaryItem[] = [];
    if (!file) errors.push({ message: t('participants.import.fileRequired'), fieldId: 'import-file' });
    if (!unitId) errors.push({ message: t('participants.register.unitRequired'), fieldId: 'import-unit' });
    setSummary(errors);
    setAttempt((n) => n + 1);
    if (errors.length > 0 || !file) return;
    setBusy(true);
    try {
      const bytes = new Uint8Array(await file.arrayBuffer());
      const result = await participantsApi.importFile({
        filename: file.name,
        contentBase64: toBase64(bytes),
        responsibleUnitId: unitId,
      });
      setImported(result.imported);
    } catch (error) {
      const body =
        error instanceof ApiError ? (error.body as { errors?: ImportIssue[] } | undefined) : undefined;
      if (body?.errors) {
        setIssues(body.errors);
      } else {
        setSummary([{ message: errorText(error, t) }]);
        setAttempt((n) => n + 1);
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <p className="pt-breadcrumb">
        <Link to="/deltagare">{t('participants.caseload.title')}</Link>
      </p>
      <h1>{t('participants.import.title')}</h1>
      <p className="lead">{t('participants.import.intro')}</p>
      <ul className="plain-list pt-action-links">
        <li>
          <a href="/api/participants/import/template?format=xlsx" download>
            {t('participants.import.templateXlsx')}
          </a>
        </li>
        <li>
          <a href="/api/participants/import/template?format=csv" download>
            {t('participants.import.templateCsv')}
          </a>
        </li>
      </ul>
      <ErrorSummary errors={summary} focusKey={attempt} />
      <form className="form" onSubmit={submit} noValidate>
        <SelectField
          id="import-unit"
          label={t('participants.field.unit')}
          value={unitId}
          onChange={(e) => setUnitId(e.target.value)}
        >
          {(options?.registerUnits ?? []).map((u) => (
            <option key={u.id} value={u.id}>
              {u.name}
            </option>
          ))}
        </SelectField>
        <div
          className={['field', summary.some((s) => s.fieldId === 'import-file') ? 'field--error' : ''].join(
            ' ',
          )}
        >
          <label className="field__label" htmlFor="import-file">
            {t('participants.import.file')}
          </label>
          <p className="field__hint" id="import-file-hint">
            {t('participants.import.fileHint')}
          </p>
          <input
            id="import-file"
            type="file"
            className="field__input"
            accept=".csv,.txt,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            aria-describedby="import-file-hint"
            aria-invalid={summary.some((s) => s.fieldId === 'import-file') || undefined}
            onChange={(e) => setFile(e.target.files?.[0] ?? null)}
          />
        </div>
        <div className="form__actions">
          <Button type="submit" busy={busy}>
            {busy ? t('participants.import.submitting') : t('participants.import.submit')}
          </Button>
        </div>
      </form>

      <div ref={resultRef} tabIndex={-1} className="pt-import-result">
        {imported !== null ? (
          <Alert variant="success" title={t('participants.import.done', { count: imported })}>
            <p>
              <Link to="/deltagare">{t('participants.backToList')}</Link>
            </p>
          </Alert>
        ) : null}
        {issues !== null ? (
          <>
            <Alert variant="error" title={t('participants.import.failed', { count: issues.length })}>
              <p>{t('participants.import.failedBody')}</p>
            </Alert>
            <ScrollableTable labelledBy="import-errors-caption">
              <table className="table table--compact">
                <caption id="import-errors-caption">{t('participants.import.errorsCaption')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('participants.import.col.line')}</th>
                    <th scope="col">{t('participants.import.col.column')}</th>
                    <th scope="col">{t('participants.import.col.message')}</th>
                  </tr>
                </thead>
                <tbody>
                  {issues.map((issue, i) => (
                    // biome-ignore lint/suspicious/noArrayIndexKey: rows are static once shown; one line can have several errors.
                    <tr key={i}>
                      <td>{issue.line}</td>
                      <td>{issue.column ?? '–'}</td>
                      <td>{issue.message}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </ScrollableTable>
          </>
        ) : null}
      </div>
    </>
  );
}
