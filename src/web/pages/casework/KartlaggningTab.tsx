import { type FormEvent, useMemo, useState } from 'react';
import type { AnswerValue } from '../../../features/casework/kartlaggning/answer-rules.ts';
import { validateAnswers } from '../../../features/casework/kartlaggning/answer-rules.ts';
import { useAnnounce } from '../../components/Announcer.tsx';
import { Button } from '../../components/Button.tsx';
import { ErrorSummary, type ErrorSummaryItem } from '../../components/ErrorSummary.tsx';
import { TextField } from '../../components/TextField.tsx';
import { errorText } from '../../errorMessages.ts';
import { useI18n } from '../../i18n/index.tsx';
import { useSession } from '../../session.tsx';
import { hasAnyRole } from '../../types.ts';
import {
  type CaseworkTabProps,
  caseworkApi,
  type FormDetailView,
  type FormSummaryView,
  formsApi,
  type KartlaggningView,
  type Question,
} from './api.ts';
import {
  CheckboxGroup,
  formatDate,
  fromLines,
  RadioGroup,
  SelectField,
  TextAreaField,
  todayIso,
  toLines,
} from './fields.tsx';
import { LoadView } from './LoadView.tsx';
import { WRITE_ROLES } from './roles.ts';
import { useLoad } from './useLoad.ts';
import './casework.css';

type Client = ReturnType<typeof caseworkApi>;
type FormVersion = KartlaggningView['form'];
type Draft = Record<string, AnswerValue | null>;

/** Groups consecutive questions by their section heading. */
function sections(questions: readonly Question[]): { title: string | null; questions: Question[] }[] {
  const out: { title: string | null; questions: Question[] }[] = [];
  for (const q of questions) {
    const last = out.at(-1);
    if (last && last.title === (q.section ?? null)) last.questions.push(q);
    else out.push({ title: q.section ?? null, questions: [q] });
  }
  return out;
}

/** Kartläggning: earlier assessments rendered with their own form version, and the form to write one. */
export function KartlaggningTab({ personId, purpose }: CaseworkTabProps) {
  const { t } = useI18n();
  const { user } = useSession();
  const canWrite = user ? hasAnyRole(user, WRITE_ROLES) : false;
  const client = useMemo(() => caseworkApi(personId, purpose), [personId, purpose]);
  const { state, reload } = useLoad((signal) => client.kartlaggningar(signal), [client]);
  const [editing, setEditing] = useState<string | null>(null);

  return (
    <section className="casework-section" aria-labelledby="kartlaggning-heading">
      <h2 id="kartlaggning-heading">{t('casework.kartlaggning.title')}</h2>
      <LoadView state={state} reload={reload}>
        {(data) => (
          <>
            {data.kartlaggningar.length === 0 ? <p>{t('casework.kartlaggning.empty')}</p> : null}
            <ul className="casework-list">
              {data.kartlaggningar.map((k) => (
                <li key={k.id} className="casework-item">
                  {editing === k.id ? (
                    <KartlaggningForm
                      form={k.form}
                      existing={k}
                      client={client}
                      onCancel={() => setEditing(null)}
                      onSaved={() => {
                        setEditing(null);
                        reload();
                      }}
                    />
                  ) : (
                    <KartlaggningItem
                      kartlaggning={k}
                      onEdit={canWrite ? () => setEditing(k.id) : undefined}
                    />
                  )}
                </li>
              ))}
            </ul>
            {canWrite ? <NewKartlaggning forms={data.forms} client={client} onSaved={reload} /> : null}
          </>
        )}
      </LoadView>
    </section>
  );
}

function answerText(q: Question, value: unknown, t: ReturnType<typeof useI18n>['t']): string {
  if (value === undefined || value === null || value === '') return t('casework.kartlaggning.noAnswer');
  switch (q.type) {
    case 'choice':
      return q.options?.find((o) => o.value === value)?.label ?? String(value);
    case 'multi_choice':
      return Array.isArray(value)
        ? value.map((v) => q.options?.find((o) => o.value === v)?.label ?? String(v)).join(', ')
        : String(value);
    case 'yes_no':
      return value === true ? t('casework.yes') : t('casework.no');
    default:
      return String(value);
  }
}

function KartlaggningItem({
  kartlaggning: k,
  onEdit,
}: {
  kartlaggning: KartlaggningView;
  onEdit?: () => void;
}) {
  const { t, language } = useI18n();
  const headingId = `kartlaggning-${k.id}`;
  const lists: [string, string[]][] = [
    [t('casework.kartlaggning.strengths'), k.strengths],
    [t('casework.kartlaggning.barriers'), k.barriers],
    [t('casework.kartlaggning.goals'), k.goals],
  ];
  return (
    <article aria-labelledby={headingId}>
      <h3 className="casework-item__title" id={headingId}>
        {t('casework.kartlaggning.itemTitle', { date: formatDate(k.assessedOn, language) })}
      </h3>
      <p className="casework-item__meta">
        {t('casework.kartlaggning.formVersion', { name: k.form.name, version: k.form.version })}
        {k.updatedByName ? ` · ${t('casework.kartlaggning.updatedBy', { name: k.updatedByName })}` : ''}
      </p>
      {sections(k.form.questions).map((s) => (
        <div key={s.questions[0]!.id}>
          {s.title ? <h4>{s.title}</h4> : null}
          <dl className="summary-list">
            {s.questions.map((q) => (
              <div className="summary-list__row" key={q.id}>
                <dt>{q.label}</dt>
                <dd className="pre-line">{answerText(q, k.answers[q.id], t)}</dd>
              </div>
            ))}
          </dl>
        </div>
      ))}
      {lists.map(([title, items]) => (
        <div key={title}>
          <h4>{title}</h4>
          {items.length === 0 ? (
            <p className="muted">{t('casework.kartlaggning.noneNoted')}</p>
          ) : (
            <ul>
              {items.map((item, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: free-text lines may repeat.
                <li key={i}>{item}</li>
              ))}
            </ul>
          )}
        </div>
      ))}
      {onEdit ? (
        <Button variant="secondary" onClick={onEdit}>
          {t('casework.kartlaggning.edit')}
        </Button>
      ) : null}
    </article>
  );
}

function NewKartlaggning({
  forms,
  client,
  onSaved,
}: {
  forms: FormSummaryView[];
  client: Client;
  onSaved: () => void;
}) {
  const { t } = useI18n();
  const [formId, setFormId] = useState(forms[0]?.id ?? '');
  const [detail, setDetail] = useState<FormDetailView | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);

  if (forms.length === 0) return <p>{t('casework.kartlaggning.noForms')}</p>;

  const start = async () => {
    setLoading(true);
    setError(null);
    try {
      setDetail(await formsApi.get(formId));
    } catch (e) {
      setError(errorText(e, t));
    } finally {
      setLoading(false);
    }
  };

  if (detail) {
    return (
      <div className="panel">
        <KartlaggningForm
          form={detail.version}
          client={client}
          onCancel={() => setDetail(null)}
          onSaved={() => {
            setDetail(null);
            onSaved();
          }}
        />
      </div>
    );
  }
  return (
    <div className="panel">
      <h3>{t('casework.kartlaggning.new')}</h3>
      {error ? <p className="field__error">{error}</p> : null}
      {forms.length > 1 ? (
        <SelectField
          id="kartlaggning-form"
          label={t('casework.kartlaggning.chooseForm')}
          options={forms.map((f) => ({ value: f.id, label: f.name }))}
          value={formId}
          onChange={(e) => setFormId(e.target.value)}
        />
      ) : (
        <p>{t('casework.kartlaggning.withForm', { name: forms[0]!.name })}</p>
      )}
      <div className="form__actions">
        <Button onClick={() => void start()} busy={loading}>
          {t('casework.kartlaggning.start')}
        </Button>
      </div>
    </div>
  );
}

function initialDraft(existing?: KartlaggningView): Draft {
  return existing ? ({ ...existing.answers } as Draft) : {};
}

/** The form renderer: one control per question type, validated with the version's own rules. */
function KartlaggningForm({
  form,
  existing,
  client,
  onSaved,
  onCancel,
}: {
  form: FormVersion;
  existing?: KartlaggningView;
  client: Client;
  onSaved: () => void;
  onCancel: () => void;
}) {
  const { t } = useI18n();
  const announce = useAnnounce();
  const prefix = existing ? `k-${existing.id}` : 'k-new';
  const qid = (q: Question) => `${prefix}-q-${q.id}`;
  const [draft, setDraft] = useState<Draft>(() => initialDraft(existing));
  const [assessedOn, setAssessedOn] = useState(existing?.assessedOn ?? todayIso());
  const [strengths, setStrengths] = useState(fromLines(existing?.strengths ?? []));
  const [barriers, setBarriers] = useState(fromLines(existing?.barriers ?? []));
  const [goals, setGoals] = useState(fromLines(existing?.goals ?? []));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [submitCount, setSubmitCount] = useState(0);
  const [busy, setBusy] = useState(false);

  const setAnswer = (id: string, value: AnswerValue | null) => setDraft((d) => ({ ...d, [id]: value }));

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const { issues } = validateAnswers(form.questions, draft, form.version);
    const found: Record<string, string> = {};
    for (const i of issues) found[i.questionId] = i.message;
    if (!assessedOn) found.assessedOn = t('casework.dateRequired');
    setErrors(found);
    setFormError(null);
    setSubmitCount((n) => n + 1);
    if (Object.keys(found).length > 0) return;
    setBusy(true);
    const body = {
      answers: draft,
      strengths: toLines(strengths),
      barriers: toLines(barriers),
      goals: toLines(goals),
      assessedOn,
    };
    try {
      if (existing) await client.updateKartlaggning(existing.id, body);
      else await client.createKartlaggning({ formId: form.formId, ...body });
      announce(t('casework.kartlaggning.saved'));
      onSaved();
    } catch (e) {
      setFormError(errorText(e, t));
      setSubmitCount((n) => n + 1);
    } finally {
      setBusy(false);
    }
  };

  const summary: ErrorSummaryItem[] = [
    ...(formError ? [{ message: formError }] : []),
    ...(errors.assessedOn ? [{ message: errors.assessedOn, fieldId: `${prefix}-date` }] : []),
    ...form.questions.flatMap((q) => (errors[q.id] ? [{ message: errors[q.id]!, fieldId: qid(q) }] : [])),
  ];
  const title = existing ? t('casework.kartlaggning.editTitle') : t('casework.kartlaggning.newTitle');

  return (
    <form className="form" noValidate onSubmit={onSubmit} aria-labelledby={`${prefix}-title`}>
      <h3 id={`${prefix}-title`}>{title}</h3>
      <p className="muted">
        {t('casework.kartlaggning.formVersion', { name: form.name, version: form.version })}
      </p>
      {form.description ? <p>{form.description}</p> : null}
      <ErrorSummary errors={summary} focusKey={submitCount} />
      <TextField
        id={`${prefix}-date`}
        type="date"
        label={t('casework.kartlaggning.date')}
        value={assessedOn}
        onChange={(e) => setAssessedOn(e.target.value)}
        error={errors.assessedOn}
      />
      {sections(form.questions).map((s) => (
        <div className="form" key={s.questions[0]!.id}>
          {s.title ? <h4>{s.title}</h4> : null}
          {s.questions.map((q) => (
            <QuestionField
              key={q.id}
              id={qid(q)}
              question={q}
              value={draft[q.id] ?? null}
              onChange={(v) => setAnswer(q.id, v)}
              error={errors[q.id]}
            />
          ))}
        </div>
      ))}
      <h4>{t('casework.kartlaggning.summaryHeading')}</h4>
      <TextAreaField
        id={`${prefix}-strengths`}
        label={t('casework.kartlaggning.strengths')}
        hint={t('casework.kartlaggning.onePerLine')}
        value={strengths}
        onChange={(e) => setStrengths(e.target.value)}
        rows={3}
      />
      <TextAreaField
        id={`${prefix}-barriers`}
        label={t('casework.kartlaggning.barriers')}
        hint={t('casework.kartlaggning.onePerLine')}
        value={barriers}
        onChange={(e) => setBarriers(e.target.value)}
        rows={3}
      />
      <TextAreaField
        id={`${prefix}-goals`}
        label={t('casework.kartlaggning.goals')}
        hint={t('casework.kartlaggning.onePerLine')}
        value={goals}
        onChange={(e) => setGoals(e.target.value)}
        rows={3}
      />
      <div className="form__actions">
        <Button type="submit" busy={busy}>
          {t('casework.kartlaggning.save')}
        </Button>
        <Button variant="secondary" onClick={onCancel}>
          {t('casework.cancel')}
        </Button>
      </div>
    </form>
  );
}

function QuestionField({
  id,
  question: q,
  value,
  onChange,
  error,
}: {
  id: string;
  question: Question;
  value: AnswerValue | null;
  onChange: (v: AnswerValue | null) => void;
  error?: string;
}) {
  const { t } = useI18n();
  const label = q.required ? `${q.label} ${t('casework.required')}` : q.label;
  const hint = q.help ?? undefined;
  switch (q.type) {
    case 'text':
      return (
        <TextAreaField
          id={id}
          label={label}
          hint={hint}
          error={error}
          rows={3}
          value={typeof value === 'string' ? value : ''}
          onChange={(e) => onChange(e.target.value)}
        />
      );
    case 'date':
      return (
        <TextField
          id={id}
          type="date"
          label={label}
          hint={hint}
          error={error}
          value={typeof value === 'string' ? value : ''}
          onChange={(e) => onChange(e.target.value || null)}
        />
      );
    case 'choice':
      return (
        <RadioGroup
          id={id}
          name={id}
          legend={label}
          hint={hint}
          error={error}
          small
          options={q.options ?? []}
          value={typeof value === 'string' ? value : ''}
          onChange={onChange}
        />
      );
    case 'multi_choice':
      return (
        <CheckboxGroup
          id={id}
          name={id}
          legend={label}
          hint={hint}
          error={error}
          small
          options={q.options ?? []}
          values={Array.isArray(value) ? value : []}
          onChange={onChange}
        />
      );
    case 'yes_no':
      return (
        <RadioGroup
          id={id}
          name={id}
          legend={label}
          hint={hint}
          error={error}
          small
          inline
          options={[
            { value: 'yes', label: t('casework.yes') },
            { value: 'no', label: t('casework.no') },
          ]}
          value={value === true ? 'yes' : value === false ? 'no' : ''}
          onChange={(v) => onChange(v === 'yes')}
        />
      );
    case 'scale': {
      const min = q.scale?.min ?? 1;
      const max = q.scale?.max ?? 5;
      const options = Array.from({ length: max - min + 1 }, (_, i) => {
        const n = min + i;
        const extra = n === min ? q.scale?.minLabel : n === max ? q.scale?.maxLabel : null;
        return { value: String(n), label: extra ? `${n} – ${extra}` : String(n) };
      });
      return (
        <RadioGroup
          id={id}
          name={id}
          legend={label}
          hint={hint}
          error={error}
          small
          inline
          options={options}
          value={typeof value === 'number' ? String(value) : ''}
          onChange={(v) => onChange(Number(v))}
        />
      );
    }
  }
}
