import { type FormEvent, useMemo, useState } from 'react';
import { Button } from '../../components/Button.tsx';
import { ErrorSummary } from '../../components/ErrorSummary.tsx';
import { TextField } from '../../components/TextField.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { useSession } from '../../session.tsx';
import { hasAnyRole } from '../../types.ts';
import { type CaseworkTabProps, caseworkApi, type NoteView } from './api.ts';
import { SelectField, TextAreaField } from './fields.tsx';
import { LoadView } from './LoadView.tsx';
import { CONTACT_ROLES } from './roles.ts';
import { useForm } from './useForm.ts';
import { useLoad } from './useLoad.ts';
import './casework.css';

type Client = ReturnType<typeof caseworkApi>;
const CONTACT_KINDS = ['besok', 'telefon', 'video', 'meddelande', 'brev'] as const;

/** Journal: notes newest first with their corrections; notes are never edited, only corrected. */
export function JournalTab({ personId, purpose }: CaseworkTabProps) {
  const { t } = useI18n();
  const { user } = useSession();
  const canWrite = user ? hasAnyRole(user, CONTACT_ROLES) : false;
  const client = useMemo(() => caseworkApi(personId, purpose), [personId, purpose]);
  const { state, reload, set } = useLoad((signal) => client.journal(signal), [client]);

  const upsert = (note: NoteView) => {
    if (state.status !== 'ready') return;
    const others = state.data.notes.filter((n) => n.id !== note.id);
    set({ notes: [note, ...others].sort((a, b) => b.writtenAt.localeCompare(a.writtenAt)) });
  };

  return (
    <section className="casework-section" aria-labelledby="journal-heading">
      <h2 id="journal-heading">{t('casework.journal.title')}</h2>
      <p>{t('casework.journal.intro')}</p>
      {canWrite ? <NewNote client={client} onAdded={upsert} /> : null}
      <h3>{t('casework.journal.notes')}</h3>
      <LoadView state={state} reload={reload}>
        {(data) =>
          data.notes.length === 0 ? (
            <p>{t('casework.journal.empty')}</p>
          ) : (
            <ul className="casework-list">
              {data.notes.map((n) => (
                <li key={n.id} className="casework-item">
                  <Note note={n} client={client} canWrite={canWrite} onCorrected={upsert} />
                </li>
              ))}
            </ul>
          )
        }
      </LoadView>
    </section>
  );
}

function Note({
  note: n,
  client,
  canWrite,
  onCorrected,
}: {
  note: NoteView;
  client: Client;
  canWrite: boolean;
  onCorrected: (n: NoteView) => void;
}) {
  const { t, formatDateTime, roleLabel, labelFor } = useI18n();
  const [correcting, setCorrecting] = useState(false);
  const headingId = `note-${n.id}`;
  return (
    <article aria-labelledby={headingId}>
      <h4 className="casework-item__title" id={headingId}>
        <time dateTime={n.writtenAt}>{formatDateTime(n.writtenAt)}</time>
        {' · '}
        {n.authorName}
        {n.authorRole ? `, ${roleLabel(n.authorRole)}` : ''}
      </h4>
      {n.contactKind ? (
        <p className="casework-item__meta">
          {t('casework.journal.contactMeta', {
            kind: labelFor('casework.contactKind.', n.contactKind),
            time: n.contactAt ? formatDateTime(n.contactAt) : '',
          })}
        </p>
      ) : null}
      <p className="pre-line">{n.text}</p>
      {n.corrections.map((c) => (
        <div className="correction" key={c.id}>
          <p className="correction__label">
            {t('casework.journal.correctionBy', { time: formatDateTime(c.writtenAt), name: c.authorName })}
          </p>
          <p className="pre-line">{c.text}</p>
        </div>
      ))}
      {canWrite && !correcting ? (
        <Button variant="tertiary" onClick={() => setCorrecting(true)} aria-describedby={headingId}>
          {t('casework.journal.correct')}
        </Button>
      ) : null}
      {correcting ? (
        <CorrectionForm
          note={n}
          client={client}
          onSaved={(updated) => {
            setCorrecting(false);
            onCorrected(updated);
          }}
          onCancel={() => setCorrecting(false)}
        />
      ) : null}
    </article>
  );
}

function CorrectionForm({
  note,
  client,
  onSaved,
  onCancel,
}: {
  note: NoteView;
  client: Client;
  onSaved: (n: NoteView) => void;
  onCancel: () => void;
}) {
  const { t } = useI18n();
  const id = `correction-${note.id}`;
  const form = useForm({ text: id });
  const [text, setText] = useState('');
  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    await form.submit(
      () => ({ text: text.trim() ? undefined : t('casework.journal.correctionRequired') }),
      async () => onSaved(await client.correctNote(note.id, text)),
      t('casework.journal.correctionSaved'),
    );
  };
  return (
    <form className="form" noValidate onSubmit={onSubmit} aria-labelledby={`${id}-title`}>
      <h5 id={`${id}-title`}>{t('casework.journal.correctTitle')}</h5>
      <p className="field__hint">{t('casework.journal.correctHint')}</p>
      <ErrorSummary errors={form.summary} focusKey={form.submitCount} />
      <TextAreaField
        id={id}
        label={t('casework.journal.correction')}
        value={text}
        onChange={(e) => setText(e.target.value)}
        error={form.errors.text}
        rows={3}
      />
      <div className="form__actions">
        <Button type="submit" busy={form.busy}>
          {t('casework.journal.saveCorrection')}
        </Button>
        <Button variant="secondary" onClick={onCancel}>
          {t('casework.cancel')}
        </Button>
      </div>
    </form>
  );
}

function NewNote({ client, onAdded }: { client: Client; onAdded: (n: NoteView) => void }) {
  const { t } = useI18n();
  const form = useForm({ text: 'note-text', contactAt: 'note-contact-at' });
  const empty = { text: '', contactKind: '', contactAt: '' };
  const [v, setV] = useState(empty);
  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const ok = await form.submit(
      () => ({
        text: v.text.trim() ? undefined : t('casework.journal.textRequired'),
        contactAt:
          v.contactAt && new Date(v.contactAt).getTime() > Date.now()
            ? t('casework.journal.contactInFuture')
            : undefined,
      }),
      async () =>
        onAdded(
          await client.addNote({
            text: v.text,
            contactKind: v.contactKind || null,
            ...(v.contactKind && v.contactAt ? { contactAt: new Date(v.contactAt).toISOString() } : {}),
          }),
        ),
      t('casework.journal.saved'),
    );
    if (ok) setV(empty);
  };
  return (
    <div className="panel casework-section">
      <form className="form" noValidate onSubmit={onSubmit} aria-labelledby="new-note-title">
        <h3 id="new-note-title">{t('casework.journal.new')}</h3>
        <ErrorSummary errors={form.summary} focusKey={form.submitCount} />
        <TextAreaField
          id="note-text"
          label={t('casework.journal.text')}
          value={v.text}
          onChange={(e) => setV({ ...v, text: e.target.value })}
          error={form.errors.text}
        />
        <SelectField
          id="note-contact-kind"
          label={t('casework.journal.contactKind')}
          hint={t('casework.journal.contactKindHint')}
          emptyLabel={t('casework.journal.noContact')}
          options={CONTACT_KINDS.map((k) => ({ value: k, label: t(`casework.contactKind.${k}`) }))}
          value={v.contactKind}
          onChange={(e) => setV({ ...v, contactKind: e.target.value })}
        />
        {v.contactKind ? (
          <TextField
            id="note-contact-at"
            type="datetime-local"
            label={t('casework.journal.contactAt')}
            hint={t('casework.journal.contactAtHint')}
            value={v.contactAt}
            onChange={(e) => setV({ ...v, contactAt: e.target.value })}
            error={form.errors.contactAt}
          />
        ) : null}
        <div className="form__actions">
          <Button type="submit" busy={form.busy}>
            {t('casework.journal.submit')}
          </Button>
        </div>
      </form>
    </div>
  );
}
