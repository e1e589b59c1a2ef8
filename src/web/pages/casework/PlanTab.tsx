import { type FormEvent, useMemo, useState } from 'react';
import { Button } from '../../components/Button.tsx';
import { ErrorSummary } from '../../components/ErrorSummary.tsx';
import { TextField } from '../../components/TextField.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { useSession } from '../../session.tsx';
import { hasAnyRole } from '../../types.ts';
import { type CaseworkTabProps, caseworkApi, type PlanView, planPdfHref } from './api.ts';
import { formatDate, SelectField, TextAreaField } from './fields.tsx';
import { LoadView } from './LoadView.tsx';
import { WRITE_ROLES } from './roles.ts';
import { useForm } from './useForm.ts';
import { useLoad } from './useLoad.ts';
import './casework.css';

type Client = ReturnType<typeof caseworkApi>;
type Goal = PlanView['goals'][number];
type Activity = PlanView['activities'][number];

const GOAL_STATUSES = ['ej_paborjat', 'pagar', 'uppnatt', 'avbrutet'] as const;
const ACTIVITY_KINDS = ['praktik', 'studier', 'sfi', 'jobbsokande', 'mote', 'annat'] as const;
const ACTIVITY_STATUSES = ['planerad', 'pagar', 'klar', 'avbruten'] as const;
const OWNER_ROLES = [
  'deltagare',
  'handlaggare',
  'jobbmaklare',
  'studie_yrkesvagledare',
  'enhetschef',
  'annan',
] as const;

/** Handlingsplan: dates, goals and activities, and the printable plan for the participant. */
export function PlanTab({ personId, purpose }: CaseworkTabProps) {
  const { t } = useI18n();
  const { user } = useSession();
  const canWrite = user ? hasAnyRole(user, WRITE_ROLES) : false;
  const client = useMemo(() => caseworkApi(personId, purpose), [personId, purpose]);
  const { state, reload, set } = useLoad((signal) => client.plan(signal), [client]);

  return (
    <section className="casework-section" aria-labelledby="plan-heading">
      <h2 id="plan-heading">{t('casework.plan.title')}</h2>
      <p>
        <a className="button button--secondary" href={planPdfHref(personId, purpose)} data-testid="plan-pdf">
          {t('casework.plan.print')}
        </a>
      </p>
      <LoadView state={state} reload={reload}>
        {(plan) => (
          <>
            <PlanDates plan={plan} client={client} canWrite={canWrite} onSaved={set} />
            <Goals plan={plan} client={client} canWrite={canWrite} onSaved={set} />
            <Activities plan={plan} client={client} canWrite={canWrite} onSaved={set} />
          </>
        )}
      </LoadView>
    </section>
  );
}

interface PartProps {
  plan: PlanView;
  client: Client;
  canWrite: boolean;
  onSaved: (plan: PlanView) => void;
}

function PlanDates({ plan, client, canWrite, onSaved }: PartProps) {
  const { t, language } = useI18n();
  const form = useForm({ followUpOn: 'plan-follow-up' });
  const [agreedOn, setAgreedOn] = useState(plan.agreedOn ?? '');
  const [followUpOn, setFollowUpOn] = useState(plan.followUpOn ?? '');
  if (!canWrite) {
    return (
      <dl className="summary-list">
        <div className="summary-list__row">
          <dt>{t('casework.plan.agreedOn')}</dt>
          <dd>{formatDate(plan.agreedOn, language) || '–'}</dd>
        </div>
        <div className="summary-list__row">
          <dt>{t('casework.plan.followUpOn')}</dt>
          <dd>{formatDate(plan.followUpOn, language) || '–'}</dd>
        </div>
      </dl>
    );
  }
  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    await form.submit(
      () => ({
        followUpOn:
          agreedOn && followUpOn && followUpOn < agreedOn
            ? t('casework.plan.followUpBeforeAgreed')
            : undefined,
      }),
      async () =>
        onSaved(await client.savePlanHeader({ agreedOn: agreedOn || null, followUpOn: followUpOn || null })),
      t('casework.saved'),
    );
  };
  return (
    <form className="form casework-section" noValidate onSubmit={onSubmit} aria-labelledby="plan-dates-title">
      <h3 id="plan-dates-title">{t('casework.plan.datesTitle')}</h3>
      <ErrorSummary errors={form.summary} focusKey={form.submitCount} />
      <div className="form-grid">
        <TextField
          id="plan-agreed"
          type="date"
          label={t('casework.plan.agreedOn')}
          value={agreedOn}
          onChange={(e) => setAgreedOn(e.target.value)}
        />
        <TextField
          id="plan-follow-up"
          type="date"
          label={t('casework.plan.followUpOn')}
          value={followUpOn}
          onChange={(e) => setFollowUpOn(e.target.value)}
          error={form.errors.followUpOn}
        />
      </div>
      <div className="form__actions">
        <Button type="submit" variant="secondary" busy={form.busy}>
          {t('casework.plan.saveDates')}
        </Button>
      </div>
    </form>
  );
}

function Goals({ plan, client, canWrite, onSaved }: PartProps) {
  const { t, labelFor, language } = useI18n();
  const [editing, setEditing] = useState<string | null>(null);
  return (
    <div className="casework-section">
      <h3>{t('casework.plan.goals')}</h3>
      {plan.goals.length === 0 ? <p>{t('casework.plan.noGoals')}</p> : null}
      <ul className="casework-list">
        {plan.goals.map((g) => (
          <li key={g.id} className="casework-item">
            {editing === g.id ? (
              <GoalForm
                goal={g}
                client={client}
                onSaved={(p) => {
                  setEditing(null);
                  onSaved(p);
                }}
                onCancel={() => setEditing(null)}
              />
            ) : (
              <>
                <p className="casework-item__title pre-line">{g.description}</p>
                <p className="casework-item__meta">
                  {labelFor('casework.goalStatus.', g.status)}
                  {g.targetDate
                    ? ` · ${t('casework.plan.targetDateShort', { date: formatDate(g.targetDate, language) })}`
                    : ''}
                </p>
                {canWrite ? (
                  <Button
                    variant="tertiary"
                    onClick={() => setEditing(g.id)}
                    aria-label={t('casework.plan.editGoalNamed', { name: g.description })}
                  >
                    {t('casework.plan.editGoal')}
                  </Button>
                ) : null}
              </>
            )}
          </li>
        ))}
      </ul>
      {canWrite ? (
        <div className="panel">
          <GoalForm client={client} onSaved={onSaved} />
        </div>
      ) : null}
    </div>
  );
}

function GoalForm({
  goal,
  client,
  onSaved,
  onCancel,
}: {
  goal?: Goal;
  client: Client;
  onSaved: (p: PlanView) => void;
  onCancel?: () => void;
}) {
  const { t } = useI18n();
  const p = goal ? `goal-${goal.id}` : 'goal-new';
  const form = useForm({ description: `${p}-description` });
  const empty = { description: '', targetDate: '', status: 'ej_paborjat' };
  const [v, setV] = useState(
    goal ? { description: goal.description, targetDate: goal.targetDate ?? '', status: goal.status } : empty,
  );
  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const body = { description: v.description, targetDate: v.targetDate || null, status: v.status };
    const ok = await form.submit(
      () => ({ description: v.description.trim() ? undefined : t('casework.plan.goalRequired') }),
      async () => onSaved(goal ? await client.updateGoal(goal.id, body) : await client.addGoal(body)),
      t('casework.saved'),
    );
    if (ok && !goal) setV(empty);
  };
  return (
    <form className="form" noValidate onSubmit={onSubmit} aria-labelledby={`${p}-title`}>
      <h4 id={`${p}-title`}>{goal ? t('casework.plan.editGoal') : t('casework.plan.newGoal')}</h4>
      <ErrorSummary errors={form.summary} focusKey={form.submitCount} />
      <TextAreaField
        id={`${p}-description`}
        label={t('casework.plan.goalDescription')}
        rows={2}
        value={v.description}
        onChange={(e) => setV({ ...v, description: e.target.value })}
        error={form.errors.description}
      />
      <div className="form-grid">
        <TextField
          id={`${p}-target`}
          type="date"
          label={t('casework.plan.targetDate')}
          value={v.targetDate}
          onChange={(e) => setV({ ...v, targetDate: e.target.value })}
        />
        <SelectField
          id={`${p}-status`}
          label={t('casework.plan.status')}
          options={GOAL_STATUSES.map((s) => ({ value: s, label: t(`casework.goalStatus.${s}`) }))}
          value={v.status}
          onChange={(e) => setV({ ...v, status: e.target.value })}
        />
      </div>
      <div className="form__actions">
        <Button type="submit" busy={form.busy}>
          {goal ? t('casework.save') : t('casework.plan.addGoal')}
        </Button>
        {onCancel ? (
          <Button variant="secondary" onClick={onCancel}>
            {t('casework.cancel')}
          </Button>
        ) : null}
      </div>
    </form>
  );
}

function Activities({ plan, client, canWrite, onSaved }: PartProps) {
  const { t, labelFor, language } = useI18n();
  const [editing, setEditing] = useState<string | null>(null);
  const goalName = (id: string | null) => plan.goals.find((g) => g.id === id)?.description;
  return (
    <div className="casework-section">
      <h3>{t('casework.plan.activities')}</h3>
      {plan.activities.length === 0 ? <p>{t('casework.plan.noActivities')}</p> : null}
      <ul className="casework-list">
        {plan.activities.map((a) => (
          <li key={a.id} className="casework-item">
            {editing === a.id ? (
              <ActivityForm
                activity={a}
                goals={plan.goals}
                client={client}
                onSaved={(p) => {
                  setEditing(null);
                  onSaved(p);
                }}
                onCancel={() => setEditing(null)}
              />
            ) : (
              <>
                <p className="casework-item__title pre-line">{a.description}</p>
                <dl className="summary-list">
                  <div className="summary-list__row">
                    <dt>{t('casework.plan.kind')}</dt>
                    <dd>{labelFor('casework.activityKind.', a.kind)}</dd>
                  </div>
                  <div className="summary-list__row">
                    <dt>{t('casework.plan.owner')}</dt>
                    <dd>{labelFor('casework.owner.', a.ownerRole)}</dd>
                  </div>
                  <div className="summary-list__row">
                    <dt>{t('casework.plan.dueDate')}</dt>
                    <dd>{formatDate(a.dueDate, language) || '–'}</dd>
                  </div>
                  <div className="summary-list__row">
                    <dt>{t('casework.plan.status')}</dt>
                    <dd>{labelFor('casework.activityStatus.', a.status)}</dd>
                  </div>
                  {a.goalId ? (
                    <div className="summary-list__row">
                      <dt>{t('casework.plan.goal')}</dt>
                      <dd>{goalName(a.goalId)}</dd>
                    </div>
                  ) : null}
                </dl>
                {canWrite ? (
                  <Button
                    variant="tertiary"
                    onClick={() => setEditing(a.id)}
                    aria-label={t('casework.plan.editActivityNamed', { name: a.description })}
                  >
                    {t('casework.plan.editActivity')}
                  </Button>
                ) : null}
              </>
            )}
          </li>
        ))}
      </ul>
      {canWrite ? (
        <div className="panel">
          <ActivityForm goals={plan.goals} client={client} onSaved={onSaved} />
        </div>
      ) : null}
    </div>
  );
}

function ActivityForm({
  activity,
  goals,
  client,
  onSaved,
  onCancel,
}: {
  activity?: Activity;
  goals: Goal[];
  client: Client;
  onSaved: (p: PlanView) => void;
  onCancel?: () => void;
}) {
  const { t } = useI18n();
  const p = activity ? `activity-${activity.id}` : 'activity-new';
  const form = useForm({ kind: `${p}-kind`, description: `${p}-description`, ownerRole: `${p}-owner` });
  const empty = { kind: '', description: '', ownerRole: '', dueDate: '', status: 'planerad', goalId: '' };
  const [v, setV] = useState(
    activity
      ? {
          kind: activity.kind,
          description: activity.description,
          ownerRole: activity.ownerRole,
          dueDate: activity.dueDate ?? '',
          status: activity.status,
          goalId: activity.goalId ?? '',
        }
      : empty,
  );
  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const body = { ...v, dueDate: v.dueDate || null, goalId: v.goalId || null };
    const ok = await form.submit(
      () => ({
        kind: v.kind ? undefined : t('casework.plan.kindRequired'),
        description: v.description.trim() ? undefined : t('casework.plan.activityRequired'),
        ownerRole: v.ownerRole ? undefined : t('casework.plan.ownerRequired'),
      }),
      async () =>
        onSaved(activity ? await client.updateActivity(activity.id, body) : await client.addActivity(body)),
      t('casework.saved'),
    );
    if (ok && !activity) setV(empty);
  };
  return (
    <form className="form" noValidate onSubmit={onSubmit} aria-labelledby={`${p}-title`}>
      <h4 id={`${p}-title`}>{activity ? t('casework.plan.editActivity') : t('casework.plan.newActivity')}</h4>
      <ErrorSummary errors={form.summary} focusKey={form.submitCount} />
      <SelectField
        id={`${p}-kind`}
        label={t('casework.plan.kind')}
        emptyLabel={t('casework.choose')}
        options={ACTIVITY_KINDS.map((k) => ({ value: k, label: t(`casework.activityKind.${k}`) }))}
        value={v.kind}
        onChange={(e) => setV({ ...v, kind: e.target.value })}
        error={form.errors.kind}
      />
      <TextAreaField
        id={`${p}-description`}
        label={t('casework.plan.activityDescription')}
        rows={2}
        value={v.description}
        onChange={(e) => setV({ ...v, description: e.target.value })}
        error={form.errors.description}
      />
      <div className="form-grid">
        <SelectField
          id={`${p}-owner`}
          label={t('casework.plan.owner')}
          emptyLabel={t('casework.choose')}
          options={OWNER_ROLES.map((o) => ({ value: o, label: t(`casework.owner.${o}`) }))}
          value={v.ownerRole}
          onChange={(e) => setV({ ...v, ownerRole: e.target.value })}
          error={form.errors.ownerRole}
        />
        <TextField
          id={`${p}-due`}
          type="date"
          label={t('casework.plan.dueDate')}
          value={v.dueDate}
          onChange={(e) => setV({ ...v, dueDate: e.target.value })}
        />
        <SelectField
          id={`${p}-status`}
          label={t('casework.plan.status')}
          options={ACTIVITY_STATUSES.map((s) => ({ value: s, label: t(`casework.activityStatus.${s}`) }))}
          value={v.status}
          onChange={(e) => setV({ ...v, status: e.target.value })}
        />
      </div>
      {goals.length > 0 ? (
        <SelectField
          id={`${p}-goal`}
          label={t('casework.plan.goal')}
          emptyLabel={t('casework.plan.noGoal')}
          options={goals.map((g) => ({ value: g.id, label: g.description }))}
          value={v.goalId}
          onChange={(e) => setV({ ...v, goalId: e.target.value })}
        />
      ) : null}
      <div className="form__actions">
        <Button type="submit" busy={form.busy}>
          {activity ? t('casework.save') : t('casework.plan.addActivity')}
        </Button>
        {onCancel ? (
          <Button variant="secondary" onClick={onCancel}>
            {t('casework.cancel')}
          </Button>
        ) : null}
      </div>
    </form>
  );
}
