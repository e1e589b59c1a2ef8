import { type FormEvent, useEffect, useState } from 'react';
import { Link, Navigate, useLocation, useNavigate, useParams } from 'react-router';
import { ApiError } from '../../api.ts';
import { Alert } from '../../components/Alert.tsx';
import { useAnnounce } from '../../components/Announcer.tsx';
import { Button } from '../../components/Button.tsx';
import { ErrorSummary } from '../../components/ErrorSummary.tsx';
import { Loading } from '../../components/Loading.tsx';
import { usePageTitle } from '../../components/usePageTitle.ts';
import { errorText, isAbortError } from '../../errorMessages.ts';
import { useI18n } from '../../i18n/index.tsx';
import { ForbiddenPage } from '../errors/ForbiddenPage.tsx';
import { NotFoundPage } from '../errors/NotFoundPage.tsx';
import { type Code, type CodeRef, type Options, type PersonView, participantsApi } from './api.ts';
import {
  emptyParticipantForm,
  type FieldSections,
  ParticipantFields,
  type ParticipantForm,
  participantBody,
  useParticipantErrors,
  validateParticipant,
} from './ParticipantFields.tsx';
import type { LoadState } from './PersonPage.tsx';
import './participants.css';

/** Only the field groups present in the person view the user got (the presenter decides by role). */
export function sectionsFor(person: PersonView): FieldSections {
  return {
    personnummer: false,
    unit: false,
    status: true,
    contact: person.contact !== undefined && !person.contact.masked,
    skills: person.occupations !== undefined,
    economy: person.incomeSource !== undefined,
    adjustmentNeeds: person.adjustmentNeeds !== undefined,
  };
}

const toCode = (c: CodeRef): Code => ({
  code: c.code,
  name: c.name ?? c.code,
  nameLang: c.nameLang ?? 'sv',
  level: null,
  parent: null,
});

/** The form filled in from the person view. */
export function formFromPerson(person: PersonView): ParticipantForm {
  const contact = person.contact && !person.contact.masked ? person.contact : null;
  return {
    ...emptyParticipantForm,
    firstName: person.firstName,
    lastName: person.lastName,
    sex: person.sex,
    email: contact?.email ?? '',
    phone: contact?.phone ?? '',
    street: contact?.address?.street ?? '',
    postalCode: contact?.address?.postalCode ?? '',
    city: contact?.address?.city ?? '',
    unitId: person.unit.id,
    caseWorkerUserId: person.caseWorker?.id ?? '',
    status: person.status,
    languages: person.languages.map((l) => ({ code: l.code, needsInterpreter: l.needsInterpreter })),
    educationLevel: person.educationLevel?.code ?? '',
    interest: (person.occupations?.interest ?? []).map(toCode),
    experience: (person.occupations?.experience ?? []).map(toCode),
    drivingLicences: person.drivingLicences ?? [],
    akassa: person.akassa?.code ?? '',
    akassaSince: person.akassa?.memberSince ?? '',
    incomeSource: person.incomeSource ?? '',
    assistanceMonths:
      person.assistanceMonths === null || person.assistanceMonths === undefined
        ? ''
        : String(person.assistanceMonths),
    adjustmentNeeds: person.adjustmentNeeds ?? '',
  };
}

/** PATCH body: only the fields whose value differs from what the person page showed. */
export function changedFields(
  before: Record<string, unknown>,
  after: Record<string, unknown>,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(after)) {
    if (JSON.stringify(value) !== JSON.stringify(before[key])) out[key] = value;
  }
  return out;
}

/**
 * Ändra uppgifter (`/deltagare/:id/andra`): the registry fields the user's role sees and may change.
 * Identity number and responsible unit have their own flows. A protected person's purpose comes in
 * router state from the person page and is sent with the PATCH.
 */
export function EditPage() {
  const { t } = useI18n();
  const { id = '' } = useParams();
  const location = useLocation();
  const navigate = useNavigate();
  const announce = useAnnounce();
  const purpose = (location.state as { purpose?: string } | null)?.purpose ?? null;
  const [state, setState] = useState<LoadState>({ status: 'loading' });
  const [form, setForm] = useState<ParticipantForm>(emptyParticipantForm);
  const [options, setOptions] = useState<Options | null>(null);
  const { errors, summary, attempt, show, showServerError } = useParticipantErrors();
  const [busy, setBusy] = useState(false);
  const person = state.status === 'ready' ? state.person : null;
  const name = person ? `${person.firstName} ${person.lastName}` : '';
  usePageTitle(person ? `${name} – ${t('participants.edit.title')}` : t('participants.edit.title'));

  // biome-ignore lint/correctness/useExhaustiveDependencies: `t` only formats an error message.
  useEffect(() => {
    const controller = new AbortController();
    participantsApi
      .person(id, purpose, controller.signal)
      .then((p) => {
        setForm(formFromPerson(p));
        setState({ status: 'ready', person: p });
      })
      .catch((error: unknown) => {
        if (isAbortError(error)) return;
        if (error instanceof ApiError && error.code === 'purpose_required')
          setState({ status: 'needsPurpose' });
        else if (error instanceof ApiError && error.status === 404) setState({ status: 'notFound' });
        else setState({ status: 'error', message: errorText(error, t) });
      });
    participantsApi
      .options(controller.signal)
      .then(setOptions)
      .catch(() => {});
    return () => controller.abort();
  }, [id, purpose]);

  const back = () => navigate(`/deltagare/${id}`, { state: purpose ? { purpose } : undefined });

  if (state.status === 'notFound') return <NotFoundPage />;
  // The person page asks for the purpose and links back here.
  if (state.status === 'needsPurpose') return <Navigate to={`/deltagare/${id}`} replace />;
  if (person && !person.viewer.canWrite) return <ForbiddenPage />;

  const sections = person ? sectionsFor(person) : null;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!person || !sections) return;
    const local = validateParticipant(form, sections, t);
    if (Object.keys(local).length > 0) {
      show(local);
      return;
    }
    const body = changedFields(
      participantBody(formFromPerson(person), sections),
      participantBody(form, sections),
    );
    if (Object.keys(body).length === 0) {
      announce(t('participants.edit.noChanges'));
      back();
      return;
    }
    setBusy(true);
    try {
      // With the time the person was last saved as this page read it: a save by someone else in
      // between is refused (409) instead of overwritten, and the form keeps what the user typed.
      await participantsApi.update(id, { ...body, expectedUpdatedAt: person.updatedAt }, purpose);
      announce(t('participants.edit.saved'));
      back();
    } catch (error) {
      showServerError(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <p className="pt-breadcrumb">
        <Link to="/deltagare">{t('participants.caseload.title')}</Link>
        {person ? (
          <>
            {' / '}
            <Link to={`/deltagare/${id}`} state={purpose ? { purpose } : undefined}>
              {name}
            </Link>
          </>
        ) : null}
      </p>
      <h1>{t('participants.edit.title')}</h1>
      {state.status === 'loading' ? <Loading /> : null}
      {state.status === 'error' ? <Alert variant="error" title={state.message} /> : null}
      {person && sections ? (
        <>
          <p className="lead">{t('participants.edit.intro', { name })}</p>
          <ErrorSummary errors={summary} focusKey={attempt} />
          <form className="form pt-form--wide" onSubmit={submit} noValidate>
            <ParticipantFields
              form={form}
              setForm={setForm}
              errors={errors}
              options={options}
              show={sections}
              fixedUnitId={person.unit.id}
              currentCaseWorker={person.caseWorker}
            />
            <div className="form__actions">
              <Button type="submit" busy={busy}>
                {busy ? t('participants.edit.submitting') : t('participants.edit.submit')}
              </Button>
              <Link
                to={`/deltagare/${id}`}
                state={purpose ? { purpose } : undefined}
                className="button button--secondary"
              >
                {t('participants.cancel')}
              </Link>
            </div>
          </form>
        </>
      ) : null}
    </>
  );
}
