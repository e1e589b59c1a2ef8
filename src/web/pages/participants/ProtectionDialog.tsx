import { type FormEvent, useState } from 'react';
import { Button } from '../../components/Button.tsx';
import { TextField } from '../../components/TextField.tsx';
import { errorText } from '../../errorMessages.ts';
import { useI18n } from '../../i18n/index.tsx';
import { type ProtectionLevel, participantsApi } from './api.ts';
import { Dialog } from './Dialog.tsx';
import { ChoiceGroup } from './fields.tsx';

/** The unit manager changes the protection grade: level, source, decision date and purpose. */
export function ProtectionDialog({
  open,
  personId,
  current,
  onClose,
  onChanged,
}: {
  open: boolean;
  personId: string;
  current: ProtectionLevel;
  onClose: () => void;
  onChanged: (level: ProtectionLevel, purpose: string) => void;
}) {
  const { t } = useI18n();
  const [level, setLevel] = useState<ProtectionLevel>(current);
  const [source, setSource] = useState('folkbokforing');
  const [decidedOn, setDecidedOn] = useState('');
  const [purpose, setPurpose] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const e: Record<string, string> = {};
    if (level === current) e.level = t('participants.protection.unchanged');
    if (purpose.trim().length < 3) e.purpose = t('participants.purpose.required');
    setErrors(e);
    if (Object.keys(e).length > 0) return;
    setBusy(true);
    try {
      await participantsApi.changeProtection(personId, {
        level,
        source,
        decidedOn: decidedOn || null,
        purpose: purpose.trim(),
      });
      onChanged(level, purpose.trim());
    } catch (error) {
      setErrors({ form: errorText(error, t) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog
      open={open}
      titleId="protection-dialog-title"
      title={t('participants.protection.change')}
      onClose={onClose}
    >
      <form onSubmit={submit} noValidate>
        {errors.form ? (
          <p className="field__error" role="alert">
            {errors.form}
          </p>
        ) : null}
        <ChoiceGroup
          id="protection-level"
          legend={t('participants.protection.level')}
          type="radio"
          options={(['none', 'sekretessmarkering', 'skyddad_folkbokforing'] as const).map((v) => ({
            value: v,
            label: t(`participants.protection.${v}`),
          }))}
          value={[level]}
          onChange={(v) => setLevel((v[0] as ProtectionLevel) ?? current)}
          error={errors.level ?? null}
        />
        <ChoiceGroup
          id="protection-source"
          legend={t('participants.protection.source')}
          type="radio"
          inline
          options={[
            { value: 'folkbokforing', label: t('participants.protection.source.folkbokforing') },
            { value: 'manuell', label: t('participants.protection.source.manuell') },
          ]}
          value={[source]}
          onChange={(v) => setSource(v[0] ?? 'folkbokforing')}
        />
        <TextField
          id="protection-decided"
          type="date"
          label={t('participants.protection.decidedOn')}
          value={decidedOn}
          onChange={(e) => setDecidedOn(e.target.value)}
        />
        <TextField
          id="protection-purpose"
          label={t('participants.purpose.label')}
          hint={t('participants.purpose.hint')}
          value={purpose}
          error={errors.purpose ?? null}
          autoComplete="off"
          onChange={(e) => setPurpose(e.target.value)}
        />
        <div className="form__actions">
          <Button type="submit" busy={busy}>
            {t('participants.save')}
          </Button>
          <Button variant="secondary" onClick={onClose}>
            {t('participants.cancel')}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
