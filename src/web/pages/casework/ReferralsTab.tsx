import { type FormEvent, type ReactNode, useMemo, useState } from 'react';
import { Button } from '../../components/Button.tsx';
import { ErrorSummary } from '../../components/ErrorSummary.tsx';
import { TextField } from '../../components/TextField.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { useSession } from '../../session.tsx';
import { hasAnyRole } from '../../types.ts';
import { type CaseworkTabProps, caseworkApi, type ReferralView } from './api.ts';
import { formatDate, RadioGroup, TextAreaField, todayIso } from './fields.tsx';
import { LoadView } from './LoadView.tsx';
import { WRITE_ROLES } from './roles.ts';
import { useForm } from './useForm.ts';
import { useLoad } from './useLoad.ts';
import './casework.css';

type Client = ReturnType<typeof caseworkApi>;

const SOURCES = ['ekonomiskt_bistand', 'arbetsformedlingen', 'self', 'other'] as const;

/** Anvisningar: the person's referrals with the intake decision, and a form for a new referral. */
export function ReferralsTab({ personId, purpose }: CaseworkTabProps) {
  const { t } = useI18n();
  const { user } = useSession();
  const canWrite = user ? hasAnyRole(user, WRITE_ROLES) : false;
  const client = useMemo(() => caseworkApi(personId, purpose), [personId, purpose]);
  const { state, reload, set } = useLoad((signal) => client.referrals(signal), [client]);

  const replace = (updated: ReferralView) => {
    if (state.status !== 'ready') return;
    const others = state.data.referrals.filter((r) => r.id !== updated.id);
    set({ referrals: [updated, ...others].sort((a, b) => b.referralDate.localeCompare(a.referralDate)) });
  };

  return (
    <section className="casework-section" aria-labelledby="referrals-heading">
      <h2 id="referrals-heading">{t('casework.referrals.title')}</h2>
      <LoadView state={state} reload={reload}>
        {(data) =>
          data.referrals.length === 0 ? (
            <p>{t('casework.referrals.empty')}</p>
          ) : (
            <ul className="casework-list">
              {data.referrals.map((r) => (
                <li key={r.id} className="casework-item">
                  <ReferralItem referral={r} client={client} canWrite={canWrite} onChanged={replace} />
                </li>
              ))}
            </ul>
          )
        }
      </LoadView>
      {canWrite ? <NewReferralForm client={client} onCreated={replace} /> : null}
    </section>
  );
}

function ReferralItem({
  referral: r,
  client,
  canWrite,
  onChanged,
}: {
  referral: ReferralView;
  client: Client;
  canWrite: boolean;
  onChanged: (r: ReferralView) => void;
}) {
  const { t, labelFor, language } = useI18n();
  const headingId = `referral-${r.id}`;
  const days = (n: number | null) => (n === null ? '–' : t('casework.days', { count: n }));
  return (
    <article aria-labelledby={headingId}>
      <h3 className="casework-item__title" id={headingId}>
        {t('casework.referrals.itemTitle', {
          date: formatDate(r.referralDate, language),
          source: labelFor('casework.source.', r.source),
        })}
      </h3>
      <p className="casework-item__meta">
        <span className={`status status--${r.status === 'declined' ? 'inactive' : 'active'}`}>
          {labelFor('casework.referralStatus.', r.status)}
        </span>
      </p>
      <dl className="summary-list">
        <Row label={t('casework.referrals.officer')}>
          {[r.referringOfficerName, r.referringOfficerTitle].filter(Boolean).join(', ') || '–'}
        </Row>
        <Row label={t('casework.referrals.commissioningUnit')}>{r.commissioningUnit ?? '–'}</Row>
        <Row label={t('casework.referrals.reason')}>
          <span className="pre-line">{r.reason}</span>
        </Row>
        <Row label={t('casework.referrals.requestedProgramme')}>{r.requestedProgramme ?? '–'}</Row>
        {r.decisionDate ? (
          <>
            <Row label={t('casework.referrals.decisionDate')}>
              {formatDate(r.decisionDate, language)}
              {r.decidedByName ? ` (${r.decidedByName})` : ''}
            </Row>
            {r.decisionReason ? (
              <Row label={t('casework.referrals.decisionReason')}>
                <span className="pre-line">{r.decisionReason}</span>
              </Row>
            ) : null}
            <Row label={t('casework.referrals.daysToDecision')}>{days(r.daysReferralToDecision)}</Row>
          </>
        ) : null}
        {r.status === 'accepted' ? (
          <>
            <Row label={t('casework.referrals.startDate')}>
              {r.startDate ? formatDate(r.startDate, language) : t('casework.referrals.noStartDate')}
            </Row>
            <Row label={t('casework.referrals.daysToStart')}>{days(r.daysReferralToStart)}</Row>
          </>
        ) : null}
      </dl>
      {r.decisions.length > 1 ? (
        <>
          <h4>{t('casework.referrals.history')}</h4>
          <ul className="plain-list">
            {r.decisions.map((d) => (
              <li key={d.seq}>
                {formatDate(d.decisionDate, language)}: {labelFor('casework.decision.', d.decision)}
                {d.decidedByName ? ` (${d.decidedByName})` : ''}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {canWrite && (r.status === 'received' || r.status === 'waitlisted') ? (
        <DecisionForm referral={r} client={client} onDecided={onChanged} />
      ) : null}
      {canWrite && r.status === 'accepted' ? (
        <StartForm referral={r} client={client} onSaved={onChanged} />
      ) : null}
    </article>
  );
}

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="summary-list__row">
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

function DecisionForm({
  referral,
  client,
  onDecided,
}: {
  referral: ReferralView;
  client: Client;
  onDecided: (r: ReferralView) => void;
}) {
  const { t } = useI18n();
  const p = `decision-${referral.id}`;
  const ids = {
    decision: `${p}-decision`,
    reason: `${p}-reason`,
    decisionDate: `${p}-date`,
    startDate: `${p}-start`,
  };
  const form = useForm(ids);
  const [decision, setDecision] = useState('');
  const [reason, setReason] = useState('');
  const [decisionDate, setDecisionDate] = useState(todayIso());
  const [startDate, setStartDate] = useState('');

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    await form.submit(
      () => ({
        decision: decision ? undefined : t('casework.decision.required'),
        reason:
          decision === 'decline' && reason.trim() === '' ? t('casework.decision.reasonRequired') : undefined,
        decisionDate: decisionDate ? undefined : t('casework.dateRequired'),
      }),
      async () =>
        onDecided(
          await client.decideReferral(referral.id, {
            decision,
            reason: reason.trim() || null,
            decisionDate,
            ...(decision === 'accept' && startDate ? { startDate } : {}),
          }),
        ),
      t('casework.decision.saved'),
    );
  };

  return (
    <form className="form" noValidate onSubmit={onSubmit} aria-labelledby={`${p}-title`}>
      <h4 id={`${p}-title`}>{t('casework.decision.title')}</h4>
      <ErrorSummary errors={form.summary} focusKey={form.submitCount} />
      <RadioGroup
        id={ids.decision}
        name={ids.decision}
        legend={t('casework.decision.legend')}
        options={(['accept', 'waitlist', 'decline'] as const).map((d) => ({
          value: d,
          label: t(`casework.decision.${d}`),
        }))}
        value={decision}
        onChange={setDecision}
        error={form.errors.decision}
        small
      />
      <TextField
        id={ids.decisionDate}
        type="date"
        label={t('casework.decision.date')}
        value={decisionDate}
        onChange={(e) => setDecisionDate(e.target.value)}
        error={form.errors.decisionDate}
      />
      {decision === 'accept' ? (
        <TextField
          id={ids.startDate}
          type="date"
          label={t('casework.decision.startDate')}
          hint={t('casework.decision.startDateHint')}
          value={startDate}
          onChange={(e) => setStartDate(e.target.value)}
        />
      ) : null}
      <TextAreaField
        id={ids.reason}
        label={decision === 'decline' ? t('casework.decision.reasonDecline') : t('casework.decision.reason')}
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        error={form.errors.reason}
        rows={3}
      />
      <div className="form__actions">
        <Button type="submit" busy={form.busy}>
          {t('casework.decision.submit')}
        </Button>
      </div>
    </form>
  );
}

function StartForm({
  referral,
  client,
  onSaved,
}: {
  referral: ReferralView;
  client: Client;
  onSaved: (r: ReferralView) => void;
}) {
  const { t } = useI18n();
  const id = `start-${referral.id}`;
  const form = useForm({ startDate: id });
  const [startDate, setStartDate] = useState(referral.startDate ?? '');
  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    await form.submit(
      () => ({ startDate: startDate ? undefined : t('casework.dateRequired') }),
      async () => onSaved(await client.recordStart(referral.id, startDate)),
      t('casework.referrals.startSaved'),
    );
  };
  return (
    <form className="form" noValidate onSubmit={onSubmit} aria-labelledby={`${id}-title`}>
      <h4 id={`${id}-title`}>{t('casework.referrals.startTitle')}</h4>
      <ErrorSummary errors={form.summary} focusKey={form.submitCount} />
      <TextField
        id={id}
        type="date"
        label={t('casework.referrals.startDate')}
        value={startDate}
        onChange={(e) => setStartDate(e.target.value)}
        error={form.errors.startDate}
      />
      <div className="form__actions">
        <Button type="submit" variant="secondary" busy={form.busy}>
          {t('casework.referrals.saveStart')}
        </Button>
      </div>
    </form>
  );
}

function NewReferralForm({ client, onCreated }: { client: Client; onCreated: (r: ReferralView) => void }) {
  const { t } = useI18n();
  const ids = {
    source: 'referral-source',
    referralDate: 'referral-date',
    reason: 'referral-reason',
  };
  const form = useForm(ids);
  const empty = {
    source: '',
    referralDate: todayIso(),
    referringOfficerName: '',
    referringOfficerTitle: '',
    commissioningUnit: '',
    reason: '',
    requestedProgramme: '',
  };
  const [v, setV] = useState(empty);
  const field = (k: keyof typeof empty) => ({
    value: v[k],
    onChange: (e: { target: { value: string } }) => setV({ ...v, [k]: e.target.value }),
  });

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const ok = await form.submit(
      () => ({
        source: v.source ? undefined : t('casework.referrals.sourceRequired'),
        referralDate: v.referralDate ? undefined : t('casework.dateRequired'),
        reason: v.reason.trim() ? undefined : t('casework.referrals.reasonRequired'),
      }),
      async () => onCreated(await client.createReferral(v)),
      t('casework.referrals.created'),
    );
    if (ok) setV(empty);
  };

  return (
    <div className="panel">
      <form className="form" noValidate onSubmit={onSubmit} aria-labelledby="new-referral-title">
        <h3 id="new-referral-title">{t('casework.referrals.new')}</h3>
        <ErrorSummary errors={form.summary} focusKey={form.submitCount} />
        <RadioGroup
          id={ids.source}
          name="referral-source"
          legend={t('casework.referrals.source')}
          options={SOURCES.map((s) => ({ value: s, label: t(`casework.source.${s}`) }))}
          value={v.source}
          onChange={(source) => setV({ ...v, source })}
          error={form.errors.source}
        />
        <TextField
          id={ids.referralDate}
          type="date"
          label={t('casework.referrals.date')}
          error={form.errors.referralDate}
          {...field('referralDate')}
        />
        <div className="form-grid">
          <TextField
            id="referral-officer"
            label={t('casework.referrals.officerName')}
            autoComplete="off"
            {...field('referringOfficerName')}
          />
          <TextField
            id="referral-officer-title"
            label={t('casework.referrals.officerTitle')}
            autoComplete="off"
            {...field('referringOfficerTitle')}
          />
        </div>
        <TextField
          id="referral-unit"
          label={t('casework.referrals.commissioningUnit')}
          hint={t('casework.referrals.commissioningUnitHint')}
          {...field('commissioningUnit')}
        />
        <TextAreaField
          id={ids.reason}
          label={t('casework.referrals.reason')}
          error={form.errors.reason}
          {...field('reason')}
        />
        <TextField
          id="referral-programme"
          label={t('casework.referrals.requestedProgramme')}
          hint={t('casework.referrals.requestedProgrammeHint')}
          {...field('requestedProgramme')}
        />
        <div className="form__actions">
          <Button type="submit" busy={form.busy}>
            {t('casework.referrals.submit')}
          </Button>
        </div>
      </form>
    </div>
  );
}
