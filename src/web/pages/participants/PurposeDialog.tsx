import { type FormEvent, useState } from 'react';
import { Button } from '../../components/Button.tsx';
import { TextField } from '../../components/TextField.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { Dialog } from './Dialog.tsx';

/**
 * Asks for the purpose of an access to a protected person (or of "visa adress"). The purpose is sent
 * with the request and stored in the audit log with raised severity.
 */
export function PurposeDialog({
  open,
  title,
  intro,
  submitLabel,
  onSubmit,
  onCancel,
}: {
  open: boolean;
  title: string;
  intro: string;
  submitLabel: string;
  onSubmit: (purpose: string) => void;
  onCancel: () => void;
}) {
  const { t } = useI18n();
  const [purpose, setPurpose] = useState('');
  const [error, setError] = useState<string | null>(null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const value = purpose.trim();
    if (value.length < 3) {
      setError(t('participants.purpose.required'));
      return;
    }
    setError(null);
    setPurpose('');
    onSubmit(value);
  };

  return (
    <Dialog open={open} titleId="purpose-dialog-title" title={title} onClose={onCancel}>
      <form onSubmit={submit} noValidate>
        <p>{intro}</p>
        <TextField
          id="purpose-input"
          label={t('participants.purpose.label')}
          hint={t('participants.purpose.hint')}
          error={error}
          value={purpose}
          maxLength={500}
          autoComplete="off"
          onChange={(e) => setPurpose(e.target.value)}
        />
        <div className="form__actions">
          <Button type="submit">{submitLabel}</Button>
          <Button variant="secondary" onClick={onCancel}>
            {t('participants.cancel')}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
