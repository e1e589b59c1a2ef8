import { type FormEvent, useState } from 'react';
import { Alert } from '../../components/Alert.tsx';
import { useAnnounce } from '../../components/Announcer.tsx';
import { Button } from '../../components/Button.tsx';
import { ErrorSummary, type ErrorSummaryItem } from '../../components/ErrorSummary.tsx';
import { ScrollableTable } from '../../components/ScrollableTable.tsx';
import { TextField } from '../../components/TextField.tsx';
import { usePageTitle } from '../../components/usePageTitle.ts';
import { errorText } from '../../errorMessages.ts';
import { useI18n } from '../../i18n/index.tsx';
import { type FormDetailView, formsApi, type Question } from './api.ts';
import { CheckboxField, fromLines, SelectField, TextAreaField, toLines } from './fields.tsx';
import { LoadView } from './LoadView.tsx';
import { useLoad } from './useLoad.ts';
import './casework.css';

const TYPES = ['text', 'choice', 'multi_choice', 'scale', 'yes_no', 'date'] as const;
type QType = (typeof TYPES)[number];

interface DraftQuestion {
  key: number;
  id: string;
  label: string;
  help: string;
  section: string;
  type: QType | '';
  required: boolean;
  options: string;
  scaleMin: string;
  scaleMax: string;
  minLabel: string;
  maxLabel: string;
}

/** A code from a text: lower case a–z, 0–9 and _, starting with a letter. */
export function codeFrom(text: string): string {
  const base = text
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 40);
  return /^[a-z]/.test(base) ? base : `q_${base || 'x'}`;
}

function toDraft(q: Question, key: number): DraftQuestion {
  return {
    key,
    id: q.id,
    label: q.label,
    help: q.help ?? '',
    section: q.section ?? '',
    type: q.type,
    required: q.required,
    options: fromLines((q.options ?? []).map((o) => o.label)),
    scaleMin: String(q.scale?.min ?? 1),
    scaleMax: String(q.scale?.max ?? 5),
    minLabel: q.scale?.minLabel ?? '',
    maxLabel: q.scale?.maxLabel ?? '',
  };
}

function blankQuestion(key: number): DraftQuestion {
  return {
    key,
    id: '',
    label: '',
    help: '',
    section: '',
    type: '',
    required: false,
    options: '',
    scaleMin: '1',
    scaleMax: '5',
    minLabel: '',
    maxLabel: '',
  };
}

function optionsOf(q: DraftQuestion, previous?: Question) {
  const used = new Set<string>();
  return toLines(q.options).map((label) => {
    // Keep the code of an option whose text is unchanged, so answers keep their meaning.
    let value = previous?.options?.find((o) => o.label === label)?.value ?? codeFrom(label);
    while (used.has(value)) value = `${value}_2`;
    used.add(value);
    return { value, label };
  });
}

/** Administration of kartläggning forms: every saved change becomes a new version. */
export function KartlaggningFormsPage() {
  const { t } = useI18n();
  usePageTitle(t('casework.forms.title'));
  const { state, reload } = useLoad((signal) => formsApi.list(signal), []);
  const [editing, setEditing] = useState<FormDetailView | 'new' | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);

  const open = async (id: string) => {
    setLoadError(null);
    try {
      setEditing(await formsApi.get(id));
    } catch (e) {
      setLoadError(errorText(e, t));
    }
  };

  return (
    <>
      <h1>{t('casework.forms.title')}</h1>
      <p className="lead">{t('casework.forms.intro')}</p>
      {loadError ? <Alert variant="error" title={loadError} /> : null}
      {editing ? (
        <FormEditor
          key={editing === 'new' ? 'new' : `${editing.id}-${editing.currentVersion}`}
          detail={editing === 'new' ? null : editing}
          onDone={() => {
            setEditing(null);
            reload();
          }}
        />
      ) : (
        <LoadView state={state} reload={reload}>
          {(data) => (
            <>
              {data.forms.length === 0 ? (
                <p>{t('casework.forms.empty')}</p>
              ) : (
                <ScrollableTable labelledBy="forms-caption">
                  <table className="table">
                    <caption id="forms-caption">{t('casework.forms.caption')}</caption>
                    <thead>
                      <tr>
                        <th scope="col">{t('casework.forms.name')}</th>
                        <th scope="col">{t('casework.forms.version')}</th>
                        <th scope="col">{t('casework.forms.status')}</th>
                        <th scope="col">
                          <span className="visually-hidden">{t('casework.forms.actions')}</span>
                        </th>
                      </tr>
                    </thead>
                    <tbody>
                      {data.forms.map((f) => (
                        <tr key={f.id}>
                          <td>{f.name}</td>
                          <td>{f.currentVersion}</td>
                          <td>{f.active ? t('casework.forms.active') : t('casework.forms.inactive')}</td>
                          <td>
                            <Button
                              variant="tertiary"
                              onClick={() => void open(f.id)}
                              aria-label={t('casework.forms.editNamed', { name: f.name })}
                            >
                              {t('casework.forms.edit')}
                            </Button>
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </ScrollableTable>
              )}
              <div className="form__actions">
                <Button onClick={() => setEditing('new')}>{t('casework.forms.new')}</Button>
              </div>
            </>
          )}
        </LoadView>
      )}
    </>
  );
}

function FormEditor({ detail, onDone }: { detail: FormDetailView | null; onDone: () => void }) {
  const { t } = useI18n();
  const announce = useAnnounce();
  const previous = new Map((detail?.version.questions ?? []).map((q) => [q.id, q]));
  const [name, setName] = useState(detail?.version.name ?? '');
  const [description, setDescription] = useState(detail?.version.description ?? '');
  const [active, setActive] = useState(detail?.active ?? true);
  const [questions, setQuestions] = useState<DraftQuestion[]>(() =>
    detail ? detail.version.questions.map((q, i) => toDraft(q, i + 1)) : [blankQuestion(1)],
  );
  const [nextKey, setNextKey] = useState(questions.length + 1);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [submitCount, setSubmitCount] = useState(0);
  const [busy, setBusy] = useState(false);

  const update = (key: number, patch: Partial<DraftQuestion>) =>
    setQuestions((qs) => qs.map((q) => (q.key === key ? { ...q, ...patch } : q)));
  const move = (index: number, by: number) =>
    setQuestions((qs) => {
      const next = [...qs];
      const [item] = next.splice(index, 1);
      next.splice(index + by, 0, item!);
      return next;
    });

  const build = () => {
    const found: Record<string, string> = {};
    if (!name.trim()) found.name = t('casework.forms.nameRequired');
    if (questions.length === 0) found.questions = t('casework.forms.questionsRequired');
    const codes = new Set<string>();
    const out = questions.map((q, i) => {
      const n = i + 1;
      const id = q.id.trim() || codeFrom(q.label);
      if (!q.label.trim()) found[`q${q.key}-label`] = t('casework.forms.labelRequired', { n });
      if (!q.type) found[`q${q.key}-type`] = t('casework.forms.typeRequired', { n });
      if (!/^[a-z][a-z0-9_]{0,49}$/.test(id)) found[`q${q.key}-id`] = t('casework.forms.codeInvalid', { n });
      else if (codes.has(id)) found[`q${q.key}-id`] = t('casework.forms.codeTaken', { n, code: id });
      codes.add(id);
      const options =
        q.type === 'choice' || q.type === 'multi_choice' ? optionsOf(q, previous.get(id)) : undefined;
      if (options && options.length < 2)
        found[`q${q.key}-options`] = t('casework.forms.optionsRequired', { n });
      const min = Number(q.scaleMin);
      const max = Number(q.scaleMax);
      if (
        q.type === 'scale' &&
        !(Number.isInteger(min) && Number.isInteger(max) && min >= 0 && max <= 10 && min < max)
      )
        found[`q${q.key}-scale`] = t('casework.forms.scaleInvalid', { n });
      return {
        id,
        label: q.label.trim(),
        help: q.help.trim() || null,
        section: q.section.trim() || null,
        type: q.type,
        required: q.required,
        ...(options ? { options } : {}),
        ...(q.type === 'scale'
          ? { scale: { min, max, minLabel: q.minLabel.trim() || null, maxLabel: q.maxLabel.trim() || null } }
          : {}),
      };
    });
    return {
      found,
      definition: { name: name.trim(), description: description.trim() || null, questions: out },
    };
  };

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const { found, definition } = build();
    setErrors(found);
    setFormError(null);
    setSubmitCount((n) => n + 1);
    if (Object.keys(found).length > 0) return;
    setBusy(true);
    try {
      if (detail)
        await formsApi.update(detail.id, { definition, active, baseVersion: detail.currentVersion });
      else await formsApi.create(definition);
      announce(t('casework.forms.saved'));
      onDone();
    } catch (e) {
      setFormError(errorText(e, t));
      setSubmitCount((n) => n + 1);
    } finally {
      setBusy(false);
    }
  };

  const fieldOf = (k: string) => {
    if (k === 'name') return 'form-name';
    if (k === 'questions') return 'add-question';
    const m = /^q(\d+)-(.+)$/.exec(k);
    return m ? `q-${m[1]}-${m[2]}` : undefined;
  };
  const summary: ErrorSummaryItem[] = [
    ...(formError ? [{ message: formError }] : []),
    ...Object.entries(errors).map(([k, message]) => ({
      message,
      ...(fieldOf(k) ? { fieldId: fieldOf(k)! } : {}),
    })),
  ];

  return (
    <form className="form" noValidate onSubmit={onSubmit} aria-labelledby="form-editor-title">
      <h2 id="form-editor-title">
        {detail ? t('casework.forms.editTitle', { name: detail.name }) : t('casework.forms.newTitle')}
      </h2>
      {detail ? (
        <Alert variant="info" live={false}>
          <p>
            {t('casework.forms.versionNotice', {
              version: detail.currentVersion,
              next: detail.currentVersion + 1,
            })}
          </p>
        </Alert>
      ) : null}
      <ErrorSummary errors={summary} focusKey={submitCount} />
      <TextField
        id="form-name"
        label={t('casework.forms.name')}
        value={name}
        onChange={(e) => setName(e.target.value)}
        error={errors.name}
      />
      <TextAreaField
        id="form-description"
        label={t('casework.forms.description')}
        value={description}
        onChange={(e) => setDescription(e.target.value)}
        rows={2}
      />
      {detail ? (
        <CheckboxField
          id="form-active"
          label={t('casework.forms.activeLabel')}
          checked={active}
          onChange={setActive}
        />
      ) : null}
      <h3>{t('casework.forms.questions')}</h3>
      {questions.map((q, i) => {
        const p = `q-${q.key}`;
        const n = i + 1;
        return (
          <fieldset key={q.key} className="fieldset question-editor">
            <legend className="question-editor__legend">{t('casework.forms.question', { n })}</legend>
            <TextField
              id={`${p}-label`}
              label={t('casework.forms.questionLabel')}
              value={q.label}
              onChange={(e) => update(q.key, { label: e.target.value })}
              error={errors[`q${q.key}-label`]}
            />
            <div className="form-grid">
              <SelectField
                id={`${p}-type`}
                label={t('casework.forms.type')}
                emptyLabel={t('casework.choose')}
                options={TYPES.map((x) => ({ value: x, label: t(`casework.questionType.${x}`) }))}
                value={q.type}
                onChange={(e) => update(q.key, { type: e.target.value as QType | '' })}
                error={errors[`q${q.key}-type`]}
              />
              <TextField
                id={`${p}-id`}
                label={t('casework.forms.code')}
                hint={t('casework.forms.codeHint')}
                value={q.id}
                onChange={(e) => update(q.key, { id: e.target.value })}
                error={errors[`q${q.key}-id`]}
              />
              <TextField
                id={`${p}-section`}
                label={t('casework.forms.section')}
                value={q.section}
                onChange={(e) => update(q.key, { section: e.target.value })}
              />
            </div>
            <TextField
              id={`${p}-help`}
              label={t('casework.forms.help')}
              value={q.help}
              onChange={(e) => update(q.key, { help: e.target.value })}
            />
            {q.type === 'choice' || q.type === 'multi_choice' ? (
              <TextAreaField
                id={`${p}-options`}
                label={t('casework.forms.options')}
                hint={t('casework.forms.optionsHint')}
                value={q.options}
                onChange={(e) => update(q.key, { options: e.target.value })}
                error={errors[`q${q.key}-options`]}
                rows={4}
              />
            ) : null}
            {q.type === 'scale' ? (
              <div className="form-grid">
                <TextField
                  id={`${p}-scale`}
                  type="number"
                  inputMode="numeric"
                  label={t('casework.forms.scaleMin')}
                  value={q.scaleMin}
                  onChange={(e) => update(q.key, { scaleMin: e.target.value })}
                  error={errors[`q${q.key}-scale`]}
                />
                <TextField
                  id={`${p}-scale-max`}
                  type="number"
                  inputMode="numeric"
                  label={t('casework.forms.scaleMax')}
                  value={q.scaleMax}
                  onChange={(e) => update(q.key, { scaleMax: e.target.value })}
                />
                <TextField
                  id={`${p}-min-label`}
                  label={t('casework.forms.minLabel')}
                  value={q.minLabel}
                  onChange={(e) => update(q.key, { minLabel: e.target.value })}
                />
                <TextField
                  id={`${p}-max-label`}
                  label={t('casework.forms.maxLabel')}
                  value={q.maxLabel}
                  onChange={(e) => update(q.key, { maxLabel: e.target.value })}
                />
              </div>
            ) : null}
            <CheckboxField
              id={`${p}-required`}
              label={t('casework.forms.requiredLabel')}
              checked={q.required}
              onChange={(required) => update(q.key, { required })}
            />
            <div className="form__actions">
              {i > 0 ? (
                <Button variant="tertiary" onClick={() => move(i, -1)}>
                  {t('casework.forms.moveUp', { n })}
                </Button>
              ) : null}
              {i < questions.length - 1 ? (
                <Button variant="tertiary" onClick={() => move(i, 1)}>
                  {t('casework.forms.moveDown', { n })}
                </Button>
              ) : null}
              <Button
                variant="tertiary"
                onClick={() => setQuestions((qs) => qs.filter((x) => x.key !== q.key))}
              >
                {t('casework.forms.remove', { n })}
              </Button>
            </div>
          </fieldset>
        );
      })}
      <div className="form__actions">
        <Button
          id="add-question"
          variant="secondary"
          onClick={() => {
            setQuestions([...questions, blankQuestion(nextKey)]);
            setNextKey(nextKey + 1);
          }}
        >
          {t('casework.forms.addQuestion')}
        </Button>
      </div>
      <div className="form__actions">
        <Button type="submit" busy={busy}>
          {detail ? t('casework.forms.saveVersion') : t('casework.forms.create')}
        </Button>
        <Button variant="secondary" onClick={onDone}>
          {t('casework.cancel')}
        </Button>
      </div>
    </form>
  );
}
