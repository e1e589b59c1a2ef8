import { type InputHTMLAttributes, type Ref, useId } from 'react';
import { useI18n } from '../i18n/index.tsx';

export interface TextFieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'aria-invalid'> {
  /** Visible label text (always shown; never use a placeholder instead). */
  label: string;
  /** Field id; also the target of links in the ErrorSummary. Generated if left out. */
  id?: string;
  /** Help text under the label, tied to the input with aria-describedby. */
  hint?: string;
  /** Error text; makes the field `aria-invalid` and is tied to it with aria-describedby. */
  error?: string | null;
  ref?: Ref<HTMLInputElement>;
}

export function TextField({
  label,
  id,
  hint,
  error,
  type = 'text',
  className,
  ref,
  'aria-describedby': extraDescribedBy,
  ...inputProps
}: TextFieldProps) {
  const { t } = useI18n();
  const generatedId = useId();
  const inputId = id ?? `field-${generatedId}`;
  const hintId = `${inputId}-hint`;
  const errorId = `${inputId}-error`;
  const describedBy = [hint ? hintId : null, error ? errorId : null, extraDescribedBy ?? null]
    .filter(Boolean)
    .join(' ');

  return (
    <div className={['field', error ? 'field--error' : '', className ?? ''].filter(Boolean).join(' ')}>
      <label className="field__label" htmlFor={inputId}>
        {label}
      </label>
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
      <input
        ref={ref}
        id={inputId}
        type={type}
        className="field__input"
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy || undefined}
        {...inputProps}
      />
    </div>
  );
}
