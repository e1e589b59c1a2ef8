import { type FormEvent, useMemo, useState } from 'react';
import { Button } from '../../components/Button.tsx';
import { ErrorSummary } from '../../components/ErrorSummary.tsx';
import { TextField } from '../../components/TextField.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { useSession } from '../../session.tsx';
import { hasAnyRole } from '../../types.ts';
import { type CaseworkTabProps, caseworkApi, type MeetingView, type StaffView, staffApi } from './api.ts';
import { CheckboxGroup, RadioGroup, SelectField, TextAreaField, todayIso } from './fields.tsx';
import { LoadView } from './LoadView.tsx';
import { CONTACT_ROLES } from './roles.ts';
import { useForm } from './useForm.ts';
import { useLoad } from './useLoad.ts';
import './casework.css';

type Client = ReturnType<typeof caseworkApi>;

const meetingTime = (language: string) =>
  new Intl.DateTimeFormat(language === 'en' ? 'en-GB' : 'sv-SE', {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZone: 'Europe/Stockholm',
  });

/** Möten: upcoming and earlier meetings with attendance, and booking a new one. */
export function MeetingsTab({ personId, purpose }: CaseworkTabProps) {
  const { t } = useI18n();
  const { user } = useSession();
  const canWrite = user ? hasAnyRole(user, CONTACT_ROLES) : false;
  const client = useMemo(() => caseworkApi(personId, purpose), [personId, purpose]);
  const { state, reload, set } = useLoad((signal) => client.meetings(signal), [client]);

  const replace = (m: MeetingView) => {
    if (state.status !== 'ready') return;
    const others = state.data.meetings.filter((x) => x.id !== m.id);
    set({ meetings: [...others, m].sort((a, b) => a.startsAt.localeCompare(b.startsAt)) });
  };

  return (
    <section className="casework-section" aria-labelledby="meetings-heading">
      <h2 id="meetings-heading">{t('casework.meetings.title')}</h2>
      <LoadView state={state} reload={reload}>
        {(data) => {
          const upcoming = data.meetings.filter((m) => m.upcoming);
          const earlier = data.meetings.filter((m) => !m.upcoming).reverse();
          return (
            <>
              <h3>{t('casework.meetings.upcoming')}</h3>
              {upcoming.length === 0 ? <p>{t('casework.meetings.noUpcoming')}</p> : null}
              <ul className="casework-list">
                {upcoming.map((m) => (
                  <li key={m.id} className="casework-item">
                    <MeetingItem meeting={m} client={client} canWrite={canWrite} onChanged={replace} />
                  </li>
                ))}
              </ul>
              <h3>{t('casework.meetings.earlier')}</h3>
              {earlier.length === 0 ? <p>{t('casework.meetings.noEarlier')}</p> : null}
              <ul className="casework-list">
                {earlier.map((m) => (
                  <li key={m.id} className="casework-item">
                    <MeetingItem meeting={m} client={client} canWrite={canWrite} onChanged={replace} />
                  </li>
                ))}
              </ul>
            </>
          );
        }}
      </LoadView>
      {canWrite ? <BookMeeting client={client} onBooked={replace} /> : null}
    </section>
  );
}

function MeetingItem({
  meeting: m,
  client,
  canWrite,
  onChanged,
}: {
  meeting: MeetingView;
  client: Client;
  canWrite: boolean;
  onChanged: (m: MeetingView) => void;
}) {
  const { t, labelFor, language, roleLabel } = useI18n();
  const [recording, setRecording] = useState(false);
  const [cancelling, setCancelling] = useState(false);
  const headingId = `meeting-${m.id}`;
  const started = new Date(m.startsAt).getTime() <= Date.now();

  const cancel = async () => {
    setCancelling(true);
    try {
      onChanged(
        await client.updateMeeting(m.id, {
          startsAt: m.startsAt,
          durationMinutes: m.durationMinutes,
          place: m.place,
          purpose: m.purpose,
          status: 'installt',
        }),
      );
    } finally {
      setCancelling(false);
    }
  };

  return (
    <article aria-labelledby={headingId}>
      <h4 className="casework-item__title" id={headingId}>
        {meetingTime(language).format(new Date(m.startsAt))}
      </h4>
      <p className="casework-item__meta">
        {labelFor('casework.meetingStatus.', m.status)} ·{' '}
        {t('casework.meetings.minutes', { count: m.durationMinutes })}
      </p>
      <dl className="summary-list">
        <div className="summary-list__row">
          <dt>{t('casework.meetings.place')}</dt>
          <dd>{m.place}</dd>
        </div>
        <div className="summary-list__row">
          <dt>{t('casework.meetings.purpose')}</dt>
          <dd className="pre-line">{m.purpose}</dd>
        </div>
        <div className="summary-list__row">
          <dt>{t('casework.meetings.participant')}</dt>
          <dd>
            {m.participantAttendance
              ? labelFor('casework.attendance.', m.participantAttendance)
              : t('casework.meetings.notRecorded')}
            {m.participantAbsenceReason ? ` (${m.participantAbsenceReason})` : ''}
          </dd>
        </div>
      </dl>
      {m.attendees.length > 0 ? (
        <>
          <h5 className="casework-item__subtitle">{t('casework.meetings.attendees')}</h5>
          <ul>
            {m.attendees.map((a) => (
              <li key={a.id}>
                {a.name}, {a.kind === 'staff' ? roleLabel(a.role) : a.role}
                {a.attendance ? ` – ${labelFor('casework.attendance.', a.attendance)}` : ''}
                {a.absenceReason ? ` (${a.absenceReason})` : ''}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {canWrite && m.status !== 'installt' ? (
        <div className="form__actions">
          {started && !recording ? (
            <Button variant="secondary" onClick={() => setRecording(true)}>
              {t('casework.meetings.recordAttendance')}
            </Button>
          ) : null}
          {m.status === 'planerat' && m.upcoming ? (
            <Button variant="tertiary" busy={cancelling} onClick={() => void cancel()}>
              {t('casework.meetings.cancelMeeting')}
            </Button>
          ) : null}
        </div>
      ) : null}
      {recording ? (
        <AttendanceForm
          meeting={m}
          client={client}
          onSaved={(updated) => {
            setRecording(false);
            onChanged(updated);
          }}
          onCancel={() => setRecording(false)}
        />
      ) : null}
    </article>
  );
}

function AttendanceForm({
  meeting: m,
  client,
  onSaved,
  onCancel,
}: {
  meeting: MeetingView;
  client: Client;
  onSaved: (m: MeetingView) => void;
  onCancel: () => void;
}) {
  const { t, roleLabel } = useI18n();
  const p = `attendance-${m.id}`;
  const [participant, setParticipant] = useState({
    attendance: m.participantAttendance ?? '',
    reason: m.participantAbsenceReason ?? '',
  });
  const [attendees, setAttendees] = useState(
    Object.fromEntries(
      m.attendees.map((a) => [a.id, { attendance: a.attendance ?? '', reason: a.absenceReason ?? '' }]),
    ),
  );
  const fieldIds: Record<string, string> = {
    participant: `${p}-participant`,
    participantReason: `${p}-participant-reason`,
  };
  for (const a of m.attendees) {
    fieldIds[a.id] = `${p}-${a.id}`;
    fieldIds[`${a.id}-reason`] = `${p}-${a.id}-reason`;
  }
  const form = useForm(fieldIds);
  const options = [
    { value: 'narvarande', label: t('casework.attendance.narvarande') },
    { value: 'franvarande', label: t('casework.attendance.franvarande') },
  ];
  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    await form.submit(
      () => {
        const e: Record<string, string | undefined> = {};
        if (!participant.attendance) e.participant = t('casework.meetings.participantAttendanceRequired');
        if (participant.attendance === 'franvarande' && !participant.reason.trim())
          e.participantReason = t('casework.meetings.reasonRequired');
        for (const a of m.attendees) {
          const v = attendees[a.id]!;
          if (v.attendance === 'franvarande' && !v.reason.trim())
            e[`${a.id}-reason`] = t('casework.meetings.reasonRequiredFor', { name: a.name });
        }
        return e;
      },
      async () =>
        onSaved(
          await client.recordAttendance(m.id, {
            participant: { attendance: participant.attendance, absenceReason: participant.reason || null },
            attendees: m.attendees.flatMap((a) => {
              const v = attendees[a.id]!;
              return v.attendance
                ? [{ id: a.id, attendance: v.attendance, absenceReason: v.reason || null }]
                : [];
            }),
          }),
        ),
      t('casework.meetings.attendanceSaved'),
    );
  };
  return (
    <form className="form" noValidate onSubmit={onSubmit} aria-labelledby={`${p}-title`}>
      <h5 id={`${p}-title`}>{t('casework.meetings.recordAttendance')}</h5>
      <ErrorSummary errors={form.summary} focusKey={form.submitCount} />
      <RadioGroup
        id={fieldIds.participant!}
        name={fieldIds.participant!}
        legend={t('casework.meetings.participant')}
        options={options}
        value={participant.attendance}
        onChange={(attendance) => setParticipant({ ...participant, attendance })}
        error={form.errors.participant}
        inline
        small
      />
      {participant.attendance === 'franvarande' ? (
        <TextField
          id={fieldIds.participantReason}
          label={t('casework.meetings.absenceReason')}
          value={participant.reason}
          onChange={(e) => setParticipant({ ...participant, reason: e.target.value })}
          error={form.errors.participantReason}
        />
      ) : null}
      {m.attendees.map((a) => {
        const v = attendees[a.id]!;
        const update = (next: Partial<typeof v>) => setAttendees({ ...attendees, [a.id]: { ...v, ...next } });
        return (
          <div key={a.id} className="form">
            <RadioGroup
              id={fieldIds[a.id]!}
              name={fieldIds[a.id]!}
              legend={`${a.name}, ${a.kind === 'staff' ? roleLabel(a.role) : a.role}`}
              options={options}
              value={v.attendance}
              onChange={(attendance) => update({ attendance })}
              inline
              small
            />
            {v.attendance === 'franvarande' ? (
              <TextField
                id={fieldIds[`${a.id}-reason`]}
                label={t('casework.meetings.absenceReasonFor', { name: a.name })}
                value={v.reason}
                onChange={(e) => update({ reason: e.target.value })}
                error={form.errors[`${a.id}-reason`]}
              />
            ) : null}
          </div>
        );
      })}
      <div className="form__actions">
        <Button type="submit" busy={form.busy}>
          {t('casework.meetings.saveAttendance')}
        </Button>
        <Button variant="secondary" onClick={onCancel}>
          {t('casework.cancel')}
        </Button>
      </div>
    </form>
  );
}

interface External {
  key: number;
  name: string;
  role: string;
}

function BookMeeting({ client, onBooked }: { client: Client; onBooked: (m: MeetingView) => void }) {
  const { t, roleLabel } = useI18n();
  const staff = useLoad((signal) => staffApi.list(signal), []);
  const ids = {
    date: 'meeting-date',
    time: 'meeting-time',
    place: 'meeting-place',
    purpose: 'meeting-purpose',
  };
  const form = useForm(ids);
  const empty = { date: todayIso(), time: '', duration: '60', place: '', purpose: '' };
  const [v, setV] = useState(empty);
  const [invited, setInvited] = useState<string[]>([]);
  const [externals, setExternals] = useState<External[]>([]);
  const [nextKey, setNextKey] = useState(1);

  const staffOptions = (list: StaffView[]) =>
    list.flatMap((s) =>
      s.roles.map((r) => ({ value: `${s.id}:${r}`, label: `${s.displayName} (${roleLabel(r)})` })),
    );

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const ok = await form.submit(
      () => ({
        date: v.date ? undefined : t('casework.dateRequired'),
        time: /^\d{2}:\d{2}$/.test(v.time) ? undefined : t('casework.meetings.timeRequired'),
        place: v.place.trim() ? undefined : t('casework.meetings.placeRequired'),
        purpose: v.purpose.trim() ? undefined : t('casework.meetings.purposeRequired'),
      }),
      async () =>
        onBooked(
          await client.createMeeting({
            startsAt: new Date(`${v.date}T${v.time}`).toISOString(),
            durationMinutes: Number(v.duration),
            place: v.place,
            purpose: v.purpose,
            attendees: [
              ...invited.map((x) => {
                const [userId, role] = x.split(':');
                return { kind: 'staff', userId, role };
              }),
              ...externals
                .filter((e) => e.name.trim() && e.role.trim())
                .map((e) => ({ kind: 'external', name: e.name, role: e.role })),
            ],
          }),
        ),
      t('casework.meetings.booked'),
    );
    if (ok) {
      setV(empty);
      setInvited([]);
      setExternals([]);
    }
  };

  return (
    <div className="panel">
      <form className="form" noValidate onSubmit={onSubmit} aria-labelledby="book-meeting-title">
        <h3 id="book-meeting-title">{t('casework.meetings.book')}</h3>
        <ErrorSummary errors={form.summary} focusKey={form.submitCount} />
        <div className="form-grid">
          <TextField
            id={ids.date}
            type="date"
            label={t('casework.meetings.date')}
            value={v.date}
            onChange={(e) => setV({ ...v, date: e.target.value })}
            error={form.errors.date}
          />
          <TextField
            id={ids.time}
            type="time"
            label={t('casework.meetings.time')}
            hint={t('casework.meetings.timeHint')}
            value={v.time}
            onChange={(e) => setV({ ...v, time: e.target.value })}
            error={form.errors.time}
          />
          <SelectField
            id="meeting-duration"
            label={t('casework.meetings.duration')}
            options={['30', '45', '60', '90', '120'].map((d) => ({
              value: d,
              label: t('casework.meetings.minutes', { count: d }),
            }))}
            value={v.duration}
            onChange={(e) => setV({ ...v, duration: e.target.value })}
          />
        </div>
        <TextField
          id={ids.place}
          label={t('casework.meetings.place')}
          value={v.place}
          onChange={(e) => setV({ ...v, place: e.target.value })}
          error={form.errors.place}
        />
        <TextAreaField
          id={ids.purpose}
          label={t('casework.meetings.purpose')}
          rows={2}
          value={v.purpose}
          onChange={(e) => setV({ ...v, purpose: e.target.value })}
          error={form.errors.purpose}
        />
        <LoadView state={staff.state} reload={staff.reload}>
          {(data) => (
            <CheckboxGroup
              id="meeting-staff"
              name="meeting-staff"
              legend={t('casework.meetings.staff')}
              hint={t('casework.meetings.staffHint')}
              options={staffOptions(data.staff)}
              values={invited}
              onChange={setInvited}
            />
          )}
        </LoadView>
        <fieldset className="fieldset">
          <legend className="fieldset__legend">{t('casework.meetings.externals')}</legend>
          {externals.length === 0 ? (
            <p className="field__hint">{t('casework.meetings.noExternals')}</p>
          ) : null}
          {externals.map((x, i) => (
            <div key={x.key} className="form-grid">
              <TextField
                id={`external-${x.key}-name`}
                label={t('casework.meetings.externalName', { n: i + 1 })}
                value={x.name}
                onChange={(e) =>
                  setExternals(externals.map((y) => (y.key === x.key ? { ...y, name: e.target.value } : y)))
                }
              />
              <TextField
                id={`external-${x.key}-role`}
                label={t('casework.meetings.externalRole', { n: i + 1 })}
                hint={t('casework.meetings.externalRoleHint')}
                value={x.role}
                onChange={(e) =>
                  setExternals(externals.map((y) => (y.key === x.key ? { ...y, role: e.target.value } : y)))
                }
              />
              <div className="form__actions">
                <Button
                  variant="tertiary"
                  onClick={() => setExternals(externals.filter((y) => y.key !== x.key))}
                >
                  {t('casework.meetings.removeExternal', { n: i + 1 })}
                </Button>
              </div>
            </div>
          ))}
          <div className="form__actions">
            <Button
              variant="secondary"
              onClick={() => {
                setExternals([...externals, { key: nextKey, name: '', role: '' }]);
                setNextKey(nextKey + 1);
              }}
            >
              {t('casework.meetings.addExternal')}
            </Button>
          </div>
        </fieldset>
        <div className="form__actions">
          <Button type="submit" busy={form.busy}>
            {t('casework.meetings.submit')}
          </Button>
        </div>
      </form>
    </div>
  );
}
