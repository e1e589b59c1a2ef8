import {
  type ReactNode,
  type SelectHTMLAttributes,
  type TextareaHTMLAttributes,
  useCallback,
  useEffect,
  useId,
  useState,
} from 'react';
import { useAnnounce } from '../../components/Announcer.tsx';
import { errorText, isAbortError } from '../../errorMessages.ts';
import { useI18n } from '../../i18n/index.tsx';
import { useSession } from '../../session.tsx';
import { hasAnyRole, type RoleCode } from '../../types.ts';
import { type WpText, wpText } from './texts.ts';
import './workplaces.css';

/** Form controls and helpers for the workplace, placement and attendance pages. */

/** Whether the signed-in user holds any of the roles (the server checks again). */
export function useHasRole(roles: readonly RoleCode[]): boolean {
  const { user } = useSession();
  return user ? hasAnyRole(user, roles) : false;
}

export const useCanManageWorkplaces = () => useHasRole(['jobbmaklare']);

export function useWp(): WpText {
  const { language } = useI18n();
  return wpText(language);
}

function describedBy(...ids: (string | null | false | undefined)[]): string | undefined {
  const s = ids.filter(Boolean).join(' ');
  return s || undefined;
}

function Messages({
  id,
  hint,
  error,
}: {
  id: string;
  hint?: string | undefined;
  error?: string | null | undefined;
}) {
  const { t } = useI18n();
  return (
    <>
      {hint ? (
        <p className="field__hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p className="field__error" id={`${id}-error`}>
          <span className="visually-hidden">{t('field.errorPrefix')} </span>
          {error}
        </p>
      ) : null}
    </>
  );
}

export interface SelectFieldProps extends Omit<SelectHTMLAttributes<HTMLSelectElement>, 'id'> {
  id: string;
  label: string;
  hint?: string;
  error?: string | null;
  options: readonly { value: string; label: string }[];
  emptyLabel?: string;
}

export function SelectField({ id, label, hint, error, options, emptyLabel, ...rest }: SelectFieldProps) {
  return (
    <div className={['field', error ? 'field--error' : ''].filter(Boolean).join(' ')}>
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      <Messages id={id} hint={hint} error={error} />
      <select
        id={id}
        className="field__input"
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(hint && `${id}-hint`, error && `${id}-error`)}
        {...rest}
      >
        {emptyLabel !== undefined ? <option value="">{emptyLabel}</option> : null}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

export function TextAreaField({
  id,
  label,
  hint,
  ...rest
}: Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'id'> & { id: string; label: string; hint?: string }) {
  return (
    <div className="field">
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      <Messages id={id} hint={hint} />
      <textarea
        id={id}
        rows={3}
        className="field__input wp-textarea"
        aria-describedby={describedBy(hint && `${id}-hint`)}
        {...rest}
      />
    </div>
  );
}

export function CheckboxField({
  id,
  label,
  checked,
  onChange,
}: {
  id: string;
  label: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
}) {
  return (
    <div className="wp-choice">
      <input type="checkbox" id={id} checked={checked} onChange={(e) => onChange(e.target.checked)} />
      <label htmlFor={id}>{label}</label>
    </div>
  );
}

export function Fieldset({
  legend,
  intro,
  children,
}: {
  legend: string;
  intro?: string;
  children: ReactNode;
}) {
  const id = useId();
  return (
    <fieldset className="wp-fieldset" aria-describedby={intro ? `${id}-intro` : undefined}>
      <legend className="wp-fieldset__legend">{legend}</legend>
      {intro ? (
        <p className="field__hint" id={`${id}-intro`}>
          {intro}
        </p>
      ) : null}
      <div className="wp-fieldset__body">{children}</div>
    </fieldset>
  );
}

export function SummaryList({ rows }: { rows: [string, ReactNode][] }) {
  return (
    <dl className="summary-list">
      {rows.map(([k, v]) => (
        <div className="summary-list__row" key={k}>
          <dt>{k}</dt>
          <dd>{v === null || v === undefined || v === '' ? '–' : v}</dd>
        </div>
      ))}
    </dl>
  );
}

export type Load<T> =
  | { status: 'loading' }
  | { status: 'error'; message: string }
  | { status: 'ready'; data: T };

/** Loads with `fetcher` on mount and whenever `deps` change; `reload()` fetches again. */
export function useLoad<T>(fetcher: (signal: AbortSignal) => Promise<T>, deps: readonly unknown[]) {
  const { t } = useI18n();
  const [state, setState] = useState<Load<T>>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the caller's deps decide when to fetch again.
  useEffect(() => {
    const controller = new AbortController();
    setState((s) => (s.status === 'ready' ? s : { status: 'loading' }));
    fetcher(controller.signal)
      .then((data) => setState({ status: 'ready', data }))
      .catch((error: unknown) => {
        if (!isAbortError(error)) setState({ status: 'error', message: errorText(error, t) });
      });
    return () => controller.abort();
  }, [...deps, attempt]);
  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  return { state, reload, setState };
}

/** Runs one server action: busy flag, error text, and an announcement on success. */
export function useAction() {
  const { t } = useI18n();
  const announce = useAnnounce();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [errorKey, setErrorKey] = useState(0);
  const run = async <T,>(send: () => Promise<T>, done?: string): Promise<T | undefined> => {
    if (busy) return undefined;
    setBusy(true);
    setError(null);
    try {
      const result = await send();
      if (done) announce(done);
      return result;
    } catch (e) {
      setError(errorText(e, t));
      setErrorKey((n) => n + 1);
      return undefined;
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, errorKey, run, setError };
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** True for an existing `YYYY-MM-DD` date. */
export function isIsoDate(value: string): boolean {
  if (!ISO_DATE.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

/** Empty text becomes null; otherwise trimmed. */
export const blankToNull = (v: string): string | null => (v.trim() === '' ? null : v.trim());

/** Decimal as written in Swedish (`7,5`) or English (`7.5`); null when empty, NaN when not a number. */
export function parseDecimal(v: string): number | null {
  const t = v.trim().replace(/\s/g, '').replace(',', '.');
  if (t === '') return null;
  return /^\d+(\.\d+)?$/.test(t) ? Number(t) : Number.NaN;
}

export function todayIso(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** `YYYY-Www` of a date (ISO 8601 week). */
export function isoWeekLabel(iso: string): string {
  const d = new Date(`${iso}T00:00:00Z`);
  const day = (d.getUTCDay() + 6) % 7;
  d.setUTCDate(d.getUTCDate() - day + 3);
  const year = d.getUTCFullYear();
  const jan4 = new Date(Date.UTC(year, 0, 4));
  const week =
    1 + Math.round(((d.getTime() - jan4.getTime()) / 86_400_000 - 3 + ((jan4.getUTCDay() + 6) % 7)) / 7);
  return `${year}-W${String(week).padStart(2, '0')}`;
}

export function formatHours(n: number, language: string): string {
  return new Intl.NumberFormat(language === 'en' ? 'en-GB' : 'sv-SE', { maximumFractionDigits: 2 }).format(n);
}

export function formatSek(n: number | null | undefined, language: string): string {
  if (n === null || n === undefined) return '–';
  return `${new Intl.NumberFormat(language === 'en' ? 'en-GB' : 'sv-SE').format(n)} kr`;
}

/** Base64 of a file's bytes (the server detects the encoding). */
export async function fileToBase64(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}
