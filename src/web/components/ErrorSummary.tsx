import { type MouseEvent, useEffect, useRef } from 'react';
import { useI18n } from '../i18n/index.tsx';

export interface ErrorSummaryItem {
  message: string;
  /** Id of the field the error belongs to; the item becomes a link that focuses the field. */
  fieldId?: string;
}

export interface ErrorSummaryProps {
  errors: readonly ErrorSummaryItem[];
  /** Change this (e.g. a submit counter) to move focus to the summary again. */
  focusKey?: number | string;
  title?: string;
}

/**
 * Shown at the top of a form after a failed submit. Receives focus when it appears (and whenever
 * `focusKey` changes) so screen-reader and keyboard users learn about the errors at once.
 */
export function ErrorSummary({ errors, focusKey, title }: ErrorSummaryProps) {
  const { t } = useI18n();
  const ref = useRef<HTMLDivElement>(null);
  const hasErrors = errors.length > 0;

  // biome-ignore lint/correctness/useExhaustiveDependencies: focusKey is the trigger to refocus.
  useEffect(() => {
    if (hasErrors) ref.current?.focus();
  }, [hasErrors, focusKey]);

  if (!hasErrors) return null;

  const focusField = (event: MouseEvent<HTMLAnchorElement>, fieldId: string) => {
    const field = document.getElementById(fieldId);
    if (!field) return;
    event.preventDefault();
    field.focus();
    field.scrollIntoView({ block: 'center' });
  };

  return (
    <div className="error-summary" ref={ref} tabIndex={-1} data-testid="error-summary">
      <h2 className="error-summary__title">{title ?? t('errorSummary.title')}</h2>
      <ul className="error-summary__list">
        {errors.map((error) => (
          <li key={`${error.fieldId ?? ''}:${error.message}`}>
            {error.fieldId ? (
              <a href={`#${error.fieldId}`} onClick={(event) => focusField(event, error.fieldId ?? '')}>
                {error.message}
              </a>
            ) : (
              error.message
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
