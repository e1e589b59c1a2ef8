import { type FormEvent, useEffect, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { useAnnounce } from '../../components/Announcer.tsx';
import { Button } from '../../components/Button.tsx';
import { ErrorSummary } from '../../components/ErrorSummary.tsx';
import { usePageTitle } from '../../components/usePageTitle.ts';
import { useI18n } from '../../i18n/index.tsx';
import { type Options, participantsApi } from './api.ts';
import {
  emptyParticipantForm,
  type FieldSections,
  ParticipantFields,
  type ParticipantForm,
  participantBody,
  useParticipantErrors,
  validateParticipant,
} from './ParticipantFields.tsx';
import './participants.css';

const SECTIONS: FieldSections = {
  personnummer: true,
  unit: true,
  status: false,
  contact: true,
  skills: true,
  economy: true,
  adjustmentNeeds: true,
};

/** Registrera deltagare: identity, contact, skills and economy, with an error summary on submit. */
export function RegisterPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const announce = useAnnounce();
  usePageTitle(t('participants.register.title'));
  const [form, setForm] = useState<ParticipantForm>(emptyParticipantForm);
  const [options, setOptions] = useState<Options | null>(null);
  const { errors, summary, attempt, show, showServerError } = useParticipantErrors();
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    participantsApi
      .options()
      .then((o) => {
        setOptions(o);
        setForm((f) =>
          f.unitId === '' && o.registerUnits.length > 0 ? { ...f, unitId: o.registerUnits[0]!.id } : f,
        );
      })
      .catch(() => {});
  }, []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const local = validateParticipant(form, SECTIONS, t);
    if (Object.keys(local).length > 0) {
      show(local);
      return;
    }
    setBusy(true);
    try {
      const { id } = await participantsApi.register(participantBody(form, SECTIONS));
      announce(t('participants.register.done'));
      navigate(`/deltagare/${id}`);
    } catch (error) {
      showServerError(error, (message) => ({ personnummer: message }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <p className="pt-breadcrumb">
        <Link to="/deltagare">{t('participants.caseload.title')}</Link>
      </p>
      <h1>{t('participants.register.title')}</h1>
      <p className="lead">{t('participants.register.intro')}</p>
      <ErrorSummary errors={summary} focusKey={attempt} />
      <form className="form pt-form--wide" onSubmit={submit} noValidate>
        <ParticipantFields form={form} setForm={setForm} errors={errors} options={options} show={SECTIONS} />
        <div className="form__actions">
          <Button type="submit" busy={busy}>
            {busy ? t('participants.register.submitting') : t('participants.register.submit')}
          </Button>
          <Link to="/deltagare" className="button button--secondary">
            {t('participants.cancel')}
          </Link>
        </div>
      </form>
    </>
  );
}
