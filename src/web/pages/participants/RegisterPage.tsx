import { type FormEvent, useEffect, useMemo, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { ApiError } from '../../api.ts';
import { useAnnounce } from '../../components/Announcer.tsx';
import { Button } from '../../components/Button.tsx';
import { ErrorSummary, type ErrorSummaryItem } from '../../components/ErrorSummary.tsx';
import { TextField } from '../../components/TextField.tsx';
import { usePageTitle } from '../../components/usePageTitle.ts';
import { errorText } from '../../errorMessages.ts';
import { useI18n } from '../../i18n/index.tsx';
import { type Code, type Options, participantsApi } from './api.ts';
import { ChoiceGroup, fieldIdFor, SelectField, TextAreaField } from './fields.tsx';
import { type LanguageChoice, LanguagePicker, OccupationPicker, useCodeList } from './pickers.tsx';
import './participants.css';

const FIELD_IDS: Record<string, string> = {
  personnummer: 'reg-personnummer',
  firstName: 'reg-firstName',
  lastName: 'reg-lastName',
  sex: 'reg-sex',
  email: 'reg-email',
  phone: 'reg-phone',
  'address.street': 'reg-street',
  'address.postalCode': 'reg-postalCode',
  'address.city': 'reg-city',
  address: 'reg-street',
  responsibleUnitId: 'reg-unit',
  caseWorkerUserId: 'reg-caseWorker',
  teamId: 'reg-unit',
  languages: 'reg-language',
  educationLevel: 'reg-education',
  'occupations.interest': 'reg-interest',
  'occupations.experience': 'reg-experience',
  drivingLicences: 'reg-licences',
  'akassa.code': 'reg-akassa',
  'akassa.memberSince': 'reg-akassaSince',
  incomeSource: 'reg-income',
  assistanceMonths: 'reg-assistanceMonths',
  adjustmentNeeds: 'reg-adjustment',
};

interface FormState {
  personnummer: string;
  firstName: string;
  lastName: string;
  sex: string;
  email: string;
  phone: string;
  street: string;
  postalCode: string;
  city: string;
  unitId: string;
  caseWorkerUserId: string;
  languages: LanguageChoice[];
  educationLevel: string;
  interest: Code[];
  experience: Code[];
  drivingLicences: string[];
  akassa: string;
  akassaSince: string;
  incomeSource: string;
  assistanceMonths: string;
  adjustmentNeeds: string;
}

const empty: FormState = {
  personnummer: '',
  firstName: '',
  lastName: '',
  sex: '',
  email: '',
  phone: '',
  street: '',
  postalCode: '',
  city: '',
  unitId: '',
  caseWorkerUserId: '',
  languages: [],
  educationLevel: '',
  interest: [],
  experience: [],
  drivingLicences: [],
  akassa: '',
  akassaSince: '',
  incomeSource: '',
  assistanceMonths: '',
  adjustmentNeeds: '',
};

/** Registrera deltagare: identity, contact, skills and economy, with an error summary on submit. */
export function RegisterPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const announce = useAnnounce();
  usePageTitle(t('participants.register.title'));
  const [form, setForm] = useState<FormState>(empty);
  const [options, setOptions] = useState<Options | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [summary, setSummary] = useState<ErrorSummaryItem[]>([]);
  const [attempt, setAttempt] = useState(0);
  const [busy, setBusy] = useState(false);
  const sun = useCodeList('SUN2020-level');
  const funds = useCodeList('JobTech-unemployment-fund');
  const licences = useCodeList('JobTech-driving-licence');

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

  const set = <K extends keyof FormState>(key: K, value: FormState[K]) =>
    setForm((f) => ({ ...f, [key]: value }));
  const sunGroups = useMemo(() => {
    const top = sun.filter((c) => c.level === 1);
    return top.map((g) => ({
      group: g,
      codes: sun.filter((c) => c.level === 3 && c.code.startsWith(g.code)),
    }));
  }, [sun]);
  const sortedFunds = useMemo(
    () => [...funds].sort((a, b) => new Intl.Collator('sv').compare(a.name, b.name)),
    [funds],
  );

  const validate = (): Record<string, string> => {
    const e: Record<string, string> = {};
    if (form.personnummer.trim() === '') e.personnummer = t('participants.register.personnummerRequired');
    if (form.firstName.trim() === '') e.firstName = t('participants.register.firstNameRequired');
    if (form.lastName.trim() === '') e.lastName = t('participants.register.lastNameRequired');
    if (form.unitId === '') e.responsibleUnitId = t('participants.register.unitRequired');
    const months = form.assistanceMonths.trim();
    if (months !== '' && !(/^\d{1,2}$/.test(months) && Number(months) <= 12))
      e.assistanceMonths = t('participants.field.assistanceMonthsInvalid');
    return e;
  };

  const show = (e: Record<string, string>) => {
    setErrors(e);
    setSummary(
      Object.entries(e).map(([path, message]) => ({ message, fieldId: fieldIdFor(path, FIELD_IDS) })),
    );
    setAttempt((n) => n + 1);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const local = validate();
    if (Object.keys(local).length > 0) {
      show(local);
      return;
    }
    setBusy(true);
    try {
      const { id } = await participantsApi.register({
        personnummer: form.personnummer,
        firstName: form.firstName,
        lastName: form.lastName,
        ...(form.sex ? { sex: form.sex } : {}),
        email: form.email || null,
        phone: form.phone || null,
        address:
          form.street || form.postalCode || form.city
            ? { street: form.street || null, postalCode: form.postalCode || null, city: form.city || null }
            : null,
        languages: form.languages,
        educationLevel: form.educationLevel || null,
        occupations: {
          interest: form.interest.map((c) => c.code),
          experience: form.experience.map((c) => c.code),
        },
        drivingLicences: form.drivingLicences,
        akassa: form.akassa ? { code: form.akassa, memberSince: form.akassaSince || null } : null,
        incomeSource: form.incomeSource || null,
        assistanceMonths: form.assistanceMonths.trim() === '' ? null : Number(form.assistanceMonths.trim()),
        adjustmentNeeds: form.adjustmentNeeds || null,
        responsibleUnitId: form.unitId,
        caseWorkerUserId: form.caseWorkerUserId || null,
      });
      announce(t('participants.register.done'));
      navigate(`/deltagare/${id}`);
    } catch (error) {
      if (error instanceof ApiError && error.body && typeof error.body === 'object') {
        const fields = (error.body as { error?: { fields?: { path: string; message: string }[] } }).error
          ?.fields;
        if (fields && fields.length > 0) {
          const e: Record<string, string> = {};
          for (const f of fields)
            e[f.path.replace(/^body\./, '').replace(/\.\d+(\.code)?$/, '')] ??= f.message;
          show(e);
          return;
        }
        if (error.status === 409) {
          show({ personnummer: error.message });
          return;
        }
      }
      setErrors({});
      setSummary([{ message: errorText(error, t) }]);
      setAttempt((n) => n + 1);
    } finally {
      setBusy(false);
    }
  };

  const staff = options?.caseWorkers[form.unitId] ?? [];
  const err = (path: string) => errors[path] ?? null;

  return (
    <>
      <p className="pt-breadcrumb">
        <Link to="/deltagare">{t('participants.caseload.title')}</Link>
      </p>
      <h1>{t('participants.register.title')}</h1>
      <p className="lead">{t('participants.register.intro')}</p>
      <ErrorSummary errors={summary} focusKey={attempt} />
      <form className="form pt-form--wide" onSubmit={submit} noValidate>
        <section className="pt-form-section" aria-labelledby="reg-identity">
          <h2 id="reg-identity">{t('participants.register.identity')}</h2>
          <TextField
            id="reg-personnummer"
            label={t('participants.field.personnummer')}
            hint={t('participants.field.personnummerHint')}
            value={form.personnummer}
            error={err('personnummer')}
            autoComplete="off"
            inputMode="numeric"
            onChange={(e) => set('personnummer', e.target.value)}
          />
          <TextField
            id="reg-firstName"
            label={t('participants.field.firstName')}
            value={form.firstName}
            error={err('firstName')}
            autoComplete="off"
            onChange={(e) => set('firstName', e.target.value)}
          />
          <TextField
            id="reg-lastName"
            label={t('participants.field.lastName')}
            value={form.lastName}
            error={err('lastName')}
            autoComplete="off"
            onChange={(e) => set('lastName', e.target.value)}
          />
          <SelectField
            id="reg-sex"
            label={t('participants.field.sex')}
            hint={t('participants.field.sexHint')}
            value={form.sex}
            error={err('sex')}
            onChange={(e) => set('sex', e.target.value)}
          >
            <option value="">{t('participants.sex.fromNumber')}</option>
            <option value="K">{t('participants.sex.K')}</option>
            <option value="M">{t('participants.sex.M')}</option>
            <option value="X">{t('participants.sex.X')}</option>
          </SelectField>
        </section>

        <section className="pt-form-section" aria-labelledby="reg-responsibility">
          <h2 id="reg-responsibility">{t('participants.register.responsibility')}</h2>
          <SelectField
            id="reg-unit"
            label={t('participants.field.unit')}
            value={form.unitId}
            error={err('responsibleUnitId') ?? err('teamId')}
            onChange={(e) => setForm((f) => ({ ...f, unitId: e.target.value, caseWorkerUserId: '' }))}
          >
            {(options?.registerUnits ?? []).map((u) => (
              <option key={u.id} value={u.id}>
                {u.name}
              </option>
            ))}
          </SelectField>
          <SelectField
            id="reg-caseWorker"
            label={t('participants.field.caseWorker')}
            value={form.caseWorkerUserId}
            error={err('caseWorkerUserId')}
            onChange={(e) => set('caseWorkerUserId', e.target.value)}
          >
            <option value="">{t('participants.noCaseWorker')}</option>
            {staff.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </SelectField>
        </section>

        <section className="pt-form-section" aria-labelledby="reg-contact">
          <h2 id="reg-contact">{t('participants.register.contact')}</h2>
          <TextField
            id="reg-email"
            type="email"
            label={t('participants.field.email')}
            value={form.email}
            error={err('email')}
            autoComplete="off"
            onChange={(e) => set('email', e.target.value)}
          />
          <TextField
            id="reg-phone"
            type="tel"
            label={t('participants.field.phone')}
            value={form.phone}
            error={err('phone')}
            autoComplete="off"
            onChange={(e) => set('phone', e.target.value)}
          />
          <TextField
            id="reg-street"
            label={t('participants.field.street')}
            value={form.street}
            error={err('address.street')}
            autoComplete="off"
            onChange={(e) => set('street', e.target.value)}
          />
          <TextField
            id="reg-postalCode"
            label={t('participants.field.postalCode')}
            value={form.postalCode}
            error={err('address.postalCode')}
            autoComplete="off"
            inputMode="numeric"
            onChange={(e) => set('postalCode', e.target.value)}
          />
          <TextField
            id="reg-city"
            label={t('participants.field.city')}
            value={form.city}
            error={err('address.city')}
            autoComplete="off"
            onChange={(e) => set('city', e.target.value)}
          />
        </section>

        <section className="pt-form-section" aria-labelledby="reg-skills">
          <h2 id="reg-skills">{t('participants.register.skills')}</h2>
          <LanguagePicker
            value={form.languages}
            onChange={(v) => set('languages', v)}
            error={err('languages')}
          />
          <SelectField
            id="reg-education"
            label={t('participants.field.educationLevel')}
            hint={t('participants.field.educationLevelHint')}
            value={form.educationLevel}
            error={err('educationLevel')}
            onChange={(e) => set('educationLevel', e.target.value)}
          >
            <option value="">{t('participants.notGiven')}</option>
            {sunGroups.map(({ group, codes }) => (
              <optgroup key={group.code} label={`${group.code} ${group.name}`}>
                {codes.map((c) => (
                  <option key={c.code} value={c.code}>
                    {c.code} {c.name}
                  </option>
                ))}
              </optgroup>
            ))}
          </SelectField>
          <OccupationPicker
            id="reg-interest"
            legend={t('participants.field.interest')}
            value={form.interest}
            onChange={(v) => set('interest', v)}
            error={err('occupations.interest')}
          />
          <OccupationPicker
            id="reg-experience"
            legend={t('participants.field.experience')}
            value={form.experience}
            onChange={(v) => set('experience', v)}
            error={err('occupations.experience')}
          />
          <ChoiceGroup
            id="reg-licences"
            legend={t('participants.field.drivingLicences')}
            type="checkbox"
            inline
            options={licences.map((l) => ({ value: l.name, label: l.name }))}
            value={form.drivingLicences}
            onChange={(v) => set('drivingLicences', v)}
            error={err('drivingLicences')}
          />
        </section>

        <section className="pt-form-section" aria-labelledby="reg-economy">
          <h2 id="reg-economy">{t('participants.register.economy')}</h2>
          <ChoiceGroup
            id="reg-income"
            legend={t('participants.field.incomeSource')}
            type="radio"
            options={(['forsorjningsstod', 'aktivitetsstod', 'ingen', 'annan'] as const).map((v) => ({
              value: v,
              label: t(`participants.income.${v}`),
            }))}
            value={form.incomeSource ? [form.incomeSource] : []}
            onChange={(v) => set('incomeSource', v[0] ?? '')}
            error={err('incomeSource')}
          />
          <TextField
            id="reg-assistanceMonths"
            label={t('participants.field.assistanceMonths')}
            hint={t('participants.field.assistanceMonthsHint')}
            value={form.assistanceMonths}
            error={err('assistanceMonths')}
            autoComplete="off"
            inputMode="numeric"
            onChange={(e) => set('assistanceMonths', e.target.value)}
          />
          <SelectField
            id="reg-akassa"
            label={t('participants.field.akassa')}
            value={form.akassa}
            error={err('akassa.code')}
            onChange={(e) => set('akassa', e.target.value)}
          >
            <option value="">{t('participants.notGiven')}</option>
            {sortedFunds.map((f) => (
              <option key={f.code} value={f.code}>
                {f.name}
              </option>
            ))}
          </SelectField>
          <TextField
            id="reg-akassaSince"
            type="date"
            label={t('participants.field.akassaSince')}
            value={form.akassaSince}
            error={err('akassa.memberSince')}
            onChange={(e) => set('akassaSince', e.target.value)}
          />
          <TextAreaField
            id="reg-adjustment"
            label={t('participants.field.adjustmentNeeds')}
            hint={t('participants.field.adjustmentNeedsHint')}
            value={form.adjustmentNeeds}
            error={err('adjustmentNeeds')}
            onChange={(e) => set('adjustmentNeeds', e.target.value)}
          />
        </section>

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
