import { type ReactNode, type SelectHTMLAttributes, type TextareaHTMLAttributes, useId } from 'react';
import { useI18n } from '../../i18n/index.tsx';

/** Form controls in the same pattern as components/TextField: visible label, hint, error, aria-invalid. */

interface FieldFrameProps {
  id: string;
  label: string;
  hint?: string | undefined;
  error?: string | null | undefined;
  children: (describedBy: string | undefined) => ReactNode;
}

function FieldFrame({ id, label, hint, error, children }: FieldFrameProps) {
  const { t } = useI18n();
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ');
  return (
    <div className={['field', error ? 'field--error' : ''].filter(Boolean).join(' ')}>
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
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
      {children(describedBy || undefined)}
    </div>
  );
}

export interface SelectFieldProps extends Omit<SelectHTMLAttributes<HTMLSelectElement>, 'id'> {
  id: string;
  label: string;
  hint?: string | undefined;
  error?: string | null | undefined;
}

export function SelectField({ id, label, hint, error, children, ...rest }: SelectFieldProps) {
  return (
    <FieldFrame id={id} label={label} hint={hint} error={error}>
      {(describedBy) => (
        <select
          id={id}
          className="field__input pt-field__select"
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
          {...rest}
        >
          {children}
        </select>
      )}
    </FieldFrame>
  );
}

export interface TextAreaFieldProps extends Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'id'> {
  id: string;
  label: string;
  hint?: string | undefined;
  error?: string | null | undefined;
}

export function TextAreaField({ id, label, hint, error, ...rest }: TextAreaFieldProps) {
  return (
    <FieldFrame id={id} label={label} hint={hint} error={error}>
      {(describedBy) => (
        <textarea
          id={id}
          className="field__input pt-field__textarea"
          rows={4}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
          {...rest}
        />
      )}
    </FieldFrame>
  );
}

export interface ChoiceOption {
  value: string;
  label: string;
}

/** A group of radio buttons or checkboxes in a fieldset with a legend. */
export function ChoiceGroup({
  id,
  legend,
  hint,
  error,
  type,
  options,
  value,
  onChange,
  inline = false,
}: {
  id: string;
  legend: string;
  hint?: string;
  error?: string | null;
  type: 'radio' | 'checkbox';
  options: readonly ChoiceOption[];
  value: readonly string[];
  onChange: (value: string[]) => void;
  inline?: boolean;
}) {
  const { t } = useI18n();
  const name = useId();
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ');
  return (
    <fieldset
      className={['field', 'pt-choice-group', error ? 'field--error' : ''].filter(Boolean).join(' ')}
      id={id}
      tabIndex={-1}
      aria-describedby={describedBy || undefined}
    >
      <legend className="field__label">{legend}</legend>
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
      <div
        className={
          inline ? 'pt-choice-group__options pt-choice-group__options--inline' : 'pt-choice-group__options'
        }
      >
        {options.map((o) => {
          const optionId = `${id}-${o.value.replace(/[^A-Za-z0-9_-]/g, '_')}`;
          const checked = value.includes(o.value);
          return (
            <div className="pt-choice" key={o.value}>
              <input
                type={type}
                id={optionId}
                name={name}
                value={o.value}
                checked={checked}
                onChange={(e) => {
                  if (type === 'radio') onChange([o.value]);
                  else onChange(e.target.checked ? [...value, o.value] : value.filter((v) => v !== o.value));
                }}
              />
              <label htmlFor={optionId}>{o.label}</label>
            </div>
          );
        })}
      </div>
    </fieldset>
  );
}

/** Server field paths (`body.address.street`) → form field ids, for the error summary links. */
export function fieldIdFor(path: string, ids: Record<string, string>): string | undefined {
  const bare = path.replace(/^body\./, '');
  for (let p = bare; p !== ''; p = p.includes('.') ? p.slice(0, p.lastIndexOf('.')) : '') {
    if (ids[p]) return ids[p];
  }
  return undefined;
}
