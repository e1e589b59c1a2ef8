import { useState } from 'react';
import { useAnnounce } from '../../components/Announcer.tsx';
import type { ErrorSummaryItem } from '../../components/ErrorSummary.tsx';
import { errorText } from '../../errorMessages.ts';
import { useI18n } from '../../i18n/index.tsx';

/**
 * Field errors, the error summary items and a submit counter (moves focus to the summary again) for
 * one form. `submit` runs the request, turns a failure into a form-level error and announces success.
 */
export function useForm<F extends string>(fieldIds: Record<F, string>) {
  const { t } = useI18n();
  const announce = useAnnounce();
  const [errors, setErrors] = useState<Partial<Record<F, string>>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [submitCount, setSubmitCount] = useState(0);
  const [busy, setBusy] = useState(false);

  const summary: ErrorSummaryItem[] = [
    ...(formError ? [{ message: formError }] : []),
    ...(Object.entries(errors) as [F, string | undefined][]).flatMap(([field, message]) =>
      message ? [{ message, fieldId: fieldIds[field] }] : [],
    ),
  ];

  /** Validates (returns field errors), then runs `send`; resolves true on success. */
  async function submit(
    validate: () => Partial<Record<F, string>>,
    send: () => Promise<void>,
    done?: string,
  ) {
    if (busy) return false;
    const found = validate();
    setErrors(found);
    setFormError(null);
    setSubmitCount((n) => n + 1);
    if (Object.values(found).some(Boolean)) return false;
    setBusy(true);
    try {
      await send();
      if (done) announce(done);
      return true;
    } catch (error) {
      setFormError(errorText(error, t));
      setSubmitCount((n) => n + 1);
      return false;
    } finally {
      setBusy(false);
    }
  }

  const reset = () => {
    setErrors({});
    setFormError(null);
  };

  return { errors, summary, submitCount, busy, submit, reset };
}
