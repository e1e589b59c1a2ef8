import { useMemo, useState } from 'react';
import { ApiError } from '../../api.ts';
import type { ErrorSummaryItem } from '../../components/ErrorSummary.tsx';
import { TextField } from '../../components/TextField.tsx';
import { errorText } from '../../errorMessages.ts';
import { useI18n } from '../../i18n/index.tsx';
import { type Code, type Options, PERSON_STATUSES } from './api.ts';
import { ChoiceGroup, fieldIdFor, SelectField, TextAreaField } from './fields.tsx';
import { type LanguageChoice, LanguagePicker, OccupationPicker, useCodeList } from './pickers.tsx';

/**
 * The participant form fields shared by "Registrera deltagare" and "Ändra uppgifter": state, local
 * validation, the request body, server-error mapping and the markup. The pages decide which sections
 * are shown (the edit page shows only what the user's role sees of the person).
 */

export const FIELD_IDS: Record<string, string> = {
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
  status: 'reg-status',
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

export interface ParticipantForm {
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
  status: string;
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

export const emptyParticipantForm: ParticipantForm = {
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
  status: '',
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

/** Which parts of the form a page shows. */
export interface FieldSections {
  personnummer: boolean;
  unit: boolean;
  /** Aktiv, vilande, avslutad: changed on an existing person only. */
  status: boolean;
  contact: boolean;
  skills: boolean;
  economy: boolean;
  adjustmentNeeds: boolean;
}

type T = ReturnType<typeof useI18n>['t'];

/** Checks made before sending (the server checks everything again). */
export function validateParticipant(
  form: ParticipantForm,
  show: FieldSections,
  t: T,
): Record<string, string> {
  const e: Record<string, string> = {};
  if (show.personnummer && form.personnummer.trim() === '')
    e.personnummer = t('participants.register.personnummerRequired');
  if (form.firstName.trim() === '') e.firstName = t('participants.register.firstNameRequired');
  if (form.lastName.trim() === '') e.lastName = t('participants.register.lastNameRequired');
  if (show.unit && form.unitId === '') e.responsibleUnitId = t('participants.register.unitRequired');
  const months = form.assistanceMonths.trim();
  if (show.economy && months !== '' && !(/^\d{1,2}$/.test(months) && Number(months) <= 12))
    e.assistanceMonths = t('participants.field.assistanceMonthsInvalid');
  return e;
}

/** The request body for the shown sections (registerSchema / updateSchema field names). */
export function participantBody(form: ParticipantForm, show: FieldSections): Record<string, unknown> {
  return {
    ...(show.personnummer ? { personnummer: form.personnummer } : {}),
    firstName: form.firstName,
    lastName: form.lastName,
    ...(form.sex ? { sex: form.sex } : {}),
    ...(show.contact
      ? {
          email: form.email || null,
          phone: form.phone || null,
          address:
            form.street || form.postalCode || form.city
              ? { street: form.street || null, postalCode: form.postalCode || null, city: form.city || null }
              : null,
        }
      : {}),
    ...(show.skills
      ? {
          languages: form.languages,
          educationLevel: form.educationLevel || null,
          occupations: {
            interest: form.interest.map((c) => c.code),
            experience: form.experience.map((c) => c.code),
          },
          drivingLicences: form.drivingLicences,
        }
      : {}),
    ...(show.economy
      ? {
          akassa: form.akassa ? { code: form.akassa, memberSince: form.akassaSince || null } : null,
          incomeSource: form.incomeSource || null,
          assistanceMonths: form.assistanceMonths.trim() === '' ? null : Number(form.assistanceMonths.trim()),
        }
      : {}),
    ...(show.adjustmentNeeds ? { adjustmentNeeds: form.adjustmentNeeds || null } : {}),
    ...(show.unit ? { responsibleUnitId: form.unitId } : {}),
    ...(show.status && form.status ? { status: form.status } : {}),
    caseWorkerUserId: form.caseWorkerUserId || null,
  };
}

/** Error state for the form: field messages, the summary's items and the focus trigger. */
export function useParticipantErrors() {
  const { t } = useI18n();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [summary, setSummary] = useState<ErrorSummaryItem[]>([]);
  const [attempt, setAttempt] = useState(0);

  const show = (e: Record<string, string>) => {
    setErrors(e);
    setSummary(
      Object.entries(e).map(([path, message]) => ({ message, fieldId: fieldIdFor(path, FIELD_IDS) })),
    );
    setAttempt((n) => n + 1);
  };

  /** Shows a failed request: the server's field messages at the fields, otherwise one message. */
  const showServerError = (error: unknown, onConflict?: (message: string) => Record<string, string>) => {
    if (error instanceof ApiError && error.body && typeof error.body === 'object') {
      const fields = (error.body as { error?: { fields?: { path: string; message: string }[] } }).error
        ?.fields;
      if (fields && fields.length > 0) {
        const e: Record<string, string> = {};
        for (const f of fields) e[f.path.replace(/^body\./, '').replace(/\.\d+(\.code)?$/, '')] ??= f.message;
        show(e);
        return;
      }
      if (error.status === 409 && onConflict) {
        show(onConflict(error.message));
        return;
      }
    }
    setErrors({});
    setSummary([{ message: errorText(error, t) }]);
    setAttempt((n) => n + 1);
  };

  return { errors, summary, attempt, show, showServerError };
}

export interface ParticipantFieldsProps {
  form: ParticipantForm;
  setForm: (update: (f: ParticipantForm) => ParticipantForm) => void;
  errors: Record<string, string>;
  options: Options | null;
  show: FieldSections;
  /** The unit whose staff can be chosen as case worker when the unit is not part of the form. */
  fixedUnitId?: string;
  /** The person's current case worker, kept as a choice even if not in the unit's staff list. */
  currentCaseWorker?: { id: string; name: string } | null;
}

/** The form's sections and fields (the page supplies the <form>, the error summary and the buttons). */
export function ParticipantFields({
  form,
  setForm,
  errors,
  options,
  show,
  fixedUnitId,
  currentCaseWorker,
}: ParticipantFieldsProps) {
  const { t } = useI18n();
  const sun = useCodeList('SUN2020-level');
  const funds = useCodeList('JobTech-unemployment-fund');
  const licences = useCodeList('JobTech-driving-licence');
  const set = <K extends keyof ParticipantForm>(key: K, value: ParticipantForm[K]) =>
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
  const unitStaff = options?.caseWorkers[show.unit ? form.unitId : (fixedUnitId ?? '')] ?? [];
  const staff =
    currentCaseWorker && !unitStaff.some((s) => s.id === currentCaseWorker.id)
      ? [currentCaseWorker, ...unitStaff]
      : unitStaff;
  const err = (path: string) => errors[path] ?? null;

  return (
    <>
      <section className="pt-form-section" aria-labelledby="reg-identity">
        <h2 id="reg-identity">{t('participants.register.identity')}</h2>
        {show.personnummer ? (
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
        ) : null}
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
          hint={show.personnummer ? t('participants.field.sexHint') : undefined}
          value={form.sex}
          error={err('sex')}
          onChange={(e) => set('sex', e.target.value)}
        >
          {show.personnummer ? <option value="">{t('participants.sex.fromNumber')}</option> : null}
          <option value="K">{t('participants.sex.K')}</option>
          <option value="M">{t('participants.sex.M')}</option>
          <option value="X">{t('participants.sex.X')}</option>
        </SelectField>
      </section>

      <section className="pt-form-section" aria-labelledby="reg-responsibility">
        <h2 id="reg-responsibility">{t('participants.register.responsibility')}</h2>
        {show.unit ? (
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
        ) : null}
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
        {show.status ? (
          <SelectField
            id="reg-status"
            label={t('participants.col.status')}
            value={form.status}
            error={err('status')}
            onChange={(e) => set('status', e.target.value)}
          >
            {PERSON_STATUSES.map((v) => (
              <option key={v} value={v}>
                {t(`participants.status.${v}`)}
              </option>
            ))}
          </SelectField>
        ) : null}
      </section>

      {show.contact ? (
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
      ) : null}

      {show.skills ? (
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
      ) : null}

      {show.economy || show.adjustmentNeeds ? (
        <section className="pt-form-section" aria-labelledby="reg-economy">
          <h2 id="reg-economy">{t('participants.register.economy')}</h2>
          {show.economy ? (
            <>
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
            </>
          ) : null}
          {show.adjustmentNeeds ? (
            <TextAreaField
              id="reg-adjustment"
              label={t('participants.field.adjustmentNeeds')}
              hint={t('participants.field.adjustmentNeedsHint')}
              value={form.adjustmentNeeds}
              error={err('adjustmentNeeds')}
              onChange={(e) => setForm((f) => ({ ...f, adjustmentNeeds: e.target.value }))}
            />
          ) : null}
        </section>
      ) : null}
    </>
  );
}
