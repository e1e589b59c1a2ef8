import { type ReactNode, type SelectHTMLAttributes, type TextareaHTMLAttributes, useId } from 'react';
import { useI18n } from '../../i18n/index.tsx';

/**
 * Form controls for case work, matching TextField: a visible label, hint and error tied to the control
 * with aria-describedby, aria-invalid on error. Groups of radios or checkboxes are a fieldset with a
 * legend; the first control carries the group's id so the error summary can link to it.
 */

function describedBy(...ids: (string | null | false | undefined)[]): string | undefined {
  const s = ids.filter(Boolean).join(' ');
  return s || undefined;
}

function FieldMessages({
  hintId,
  hint,
  errorId,
  error,
}: {
  hintId: string;
  hint?: ReactNode;
  errorId: string;
  error?: string | null;
}) {
  const { t } = useI18n();
  return (
    <>
      {hint ? (
        <p className="field__hint" id={hintId}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p className="field__error" id={errorId}>
          <span className="visually-hidden">{t('field.errorPrefix')} </span>
          {error}
        </p>
      ) : null}
    </>
  );
}

export interface TextAreaFieldProps extends Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'id'> {
  label: string;
  id?: string;
  hint?: string;
  error?: string | null;
}

export function TextAreaField({ label, id, hint, error, className, rows = 4, ...rest }: TextAreaFieldProps) {
  const generated = useId();
  const fieldId = id ?? `field-${generated}`;
  return (
    <div className={['field', error ? 'field--error' : '', className ?? ''].filter(Boolean).join(' ')}>
      <label className="field__label" htmlFor={fieldId}>
        {label}
      </label>
      <FieldMessages hintId={`${fieldId}-hint`} hint={hint} errorId={`${fieldId}-error`} error={error} />
      <textarea
        id={fieldId}
        rows={rows}
        className="field__input field__input--textarea"
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(hint && `${fieldId}-hint`, error && `${fieldId}-error`)}
        {...rest}
      />
    </div>
  );
}

export interface Option {
  value: string;
  label: string;
}

export interface SelectFieldProps extends Omit<SelectHTMLAttributes<HTMLSelectElement>, 'id'> {
  label: string;
  id?: string;
  hint?: string;
  error?: string | null;
  options: readonly Option[];
  /** Text of an empty first choice; left out when the field always has a value. */
  emptyLabel?: string;
}

export function SelectField({
  label,
  id,
  hint,
  error,
  options,
  emptyLabel,
  className,
  ...rest
}: SelectFieldProps) {
  const generated = useId();
  const fieldId = id ?? `field-${generated}`;
  return (
    <div className={['field', error ? 'field--error' : '', className ?? ''].filter(Boolean).join(' ')}>
      <label className="field__label" htmlFor={fieldId}>
        {label}
      </label>
      <FieldMessages hintId={`${fieldId}-hint`} hint={hint} errorId={`${fieldId}-error`} error={error} />
      <select
        id={fieldId}
        className="field__input field__input--select"
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(hint && `${fieldId}-hint`, error && `${fieldId}-error`)}
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

interface ChoiceGroupBase {
  legend: string;
  /** Id of the first control (target of the error summary link). */
  id: string;
  name: string;
  hint?: string;
  error?: string | null;
  options: readonly Option[];
  inline?: boolean;
  /** Legend styled as a label (for single questions) rather than a section heading. */
  small?: boolean;
}

function Group({
  legend,
  id,
  hint,
  error,
  inline,
  small,
  children,
}: Omit<ChoiceGroupBase, 'name' | 'options'> & { children: ReactNode }) {
  return (
    <fieldset
      className={['fieldset', error ? 'field--error' : '', small ? 'fieldset--small' : '']
        .filter(Boolean)
        .join(' ')}
      aria-describedby={describedBy(hint && `${id}-hint`, error && `${id}-error`)}
    >
      <legend className="fieldset__legend">{legend}</legend>
      <FieldMessages hintId={`${id}-hint`} hint={hint} errorId={`${id}-error`} error={error} />
      <div className={inline ? 'choices choices--inline' : 'choices'}>{children}</div>
    </fieldset>
  );
}

export function RadioGroup({
  value,
  onChange,
  ...group
}: ChoiceGroupBase & { value: string; onChange: (value: string) => void }) {
  return (
    <Group {...group}>
      {group.options.map((o, i) => {
        const optionId = i === 0 ? group.id : `${group.id}-${o.value}`;
        return (
          <div className="choice" key={o.value}>
            <input
              type="radio"
              id={optionId}
              name={group.name}
              value={o.value}
              checked={value === o.value}
              onChange={() => onChange(o.value)}
              aria-invalid={group.error ? true : undefined}
            />
            <label htmlFor={optionId}>{o.label}</label>
          </div>
        );
      })}
    </Group>
  );
}

export function CheckboxGroup({
  values,
  onChange,
  ...group
}: ChoiceGroupBase & { values: readonly string[]; onChange: (values: string[]) => void }) {
  return (
    <Group {...group}>
      {group.options.map((o, i) => {
        const optionId = i === 0 ? group.id : `${group.id}-${o.value}`;
        const checked = values.includes(o.value);
        return (
          <div className="choice" key={o.value}>
            <input
              type="checkbox"
              id={optionId}
              name={group.name}
              value={o.value}
              checked={checked}
              onChange={() => onChange(checked ? values.filter((v) => v !== o.value) : [...values, o.value])}
              aria-invalid={group.error ? true : undefined}
            />
            <label htmlFor={optionId}>{o.label}</label>
          </div>
        );
      })}
    </Group>
  );
}

/** One checkbox with its label after it; an error (e.g. a consent that must be given) shows above it. */
export function CheckboxField({
  id,
  label,
  checked,
  onChange,
  hint,
  error,
}: {
  id: string;
  label: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  hint?: string;
  error?: string | null;
}) {
  return (
    <div className={error ? 'choice field--error' : 'choice'}>
      <FieldMessages hintId={`${id}-hint`} errorId={`${id}-error`} error={error} />
      <input
        type="checkbox"
        id={id}
        checked={checked}
        onChange={(e) => onChange(e.target.checked)}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(hint && `${id}-hint`, error && `${id}-error`)}
      />
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <p className="field__hint choice__hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
    </div>
  );
}

/** `YYYY-MM-DD` of today in the browser (Swedish users; the server checks against Swedish time). */
export function todayIso(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

const longDate = new Intl.DateTimeFormat('sv-SE', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});
const longDateEn = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});

/** `2026-03-09` → `9 mars 2026` (or English). */
export function formatDate(iso: string | null | undefined, language: string): string {
  if (!iso) return '';
  const d = new Date(`${iso}T00:00:00Z`);
  if (Number.isNaN(d.getTime())) return iso;
  return (language === 'en' ? longDateEn : longDate).format(d);
}

/** Lines of a textarea as a list (empty lines dropped) and back. */
export const toLines = (text: string): string[] =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');
export const fromLines = (lines: readonly string[]): string => lines.join('\n');
