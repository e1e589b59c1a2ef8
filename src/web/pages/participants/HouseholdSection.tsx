import { type FormEvent, useState } from 'react';
import { Link } from 'react-router';
import { useAnnounce } from '../../components/Announcer.tsx';
import { Button } from '../../components/Button.tsx';
import { TextField } from '../../components/TextField.tsx';
import { errorText } from '../../errorMessages.ts';
import { useI18n } from '../../i18n/index.tsx';
import { type PersonView, participantsApi } from './api.ts';

/** Hushåll: members the user may see, the partner, children living at home; the household is shared. */
export function HouseholdSection({
  person,
  purpose,
  reload,
}: {
  person: PersonView;
  purpose: string | null;
  reload: () => void;
}) {
  const { t } = useI18n();
  const announce = useAnnounce();
  const household = person.household ?? null;
  const [editing, setEditing] = useState(false);
  const [count, setCount] = useState(String(household?.childrenAtHome ?? 0));
  const [months, setMonths] = useState((household?.children ?? []).map((c) => c.birthYearMonth).join(', '));
  const [errors, setErrors] = useState<Record<string, string>>({});

  const save = async (event: FormEvent) => {
    event.preventDefault();
    const list = months
      .split(/[,\s]+/)
      .map((m) => m.trim())
      .filter(Boolean);
    const e: Record<string, string> = {};
    if (!/^\d{1,2}$/.test(count.trim())) e.count = t('participants.household.countInvalid');
    if (list.some((m) => !/^\d{4}-(0[1-9]|1[0-2])$/.test(m)))
      e.months = t('participants.household.monthsInvalid');
    setErrors(e);
    if (Object.keys(e).length > 0) return;
    const body = { childrenAtHome: Number(count), children: list.map((m) => ({ birthYearMonth: m })) };
    try {
      if (household) await participantsApi.setChildren(person.id, body, purpose);
      else await participantsApi.createHousehold(person.id, body, purpose);
      setEditing(false);
      announce(t('participants.household.saved'));
      reload();
    } catch (error) {
      setErrors({ form: errorText(error, t) });
    }
  };

  return (
    <section className="section" aria-labelledby="household-heading">
      <h2 id="household-heading">{t('participants.household.title')}</h2>
      {household ? (
        <dl className="summary-list">
          <div className="summary-list__row">
            <dt>{t('participants.household.members')}</dt>
            <dd>
              {household.members.length === 0 ? (
                t('participants.household.noOtherMembers')
              ) : (
                <ul className="plain-list">
                  {household.members.map((m) => (
                    <li key={m.id}>
                      <Link to={`/deltagare/${m.id}`}>
                        {m.firstName} {m.lastName}
                      </Link>
                      {m.isPartner ? ` (${t('participants.household.partner')})` : ''}
                    </li>
                  ))}
                </ul>
              )}
            </dd>
          </div>
          <div className="summary-list__row">
            <dt>{t('participants.household.childrenAtHome')}</dt>
            <dd>
              {household.childrenAtHome}
              {household.children.length > 0
                ? ` (${t('participants.household.born')} ${household.children.map((c) => c.birthYearMonth).join(', ')})`
                : ''}
            </dd>
          </div>
        </dl>
      ) : (
        <p>{t('participants.household.none')}</p>
      )}
      {person.viewer.canWrite && !editing ? (
        <Button variant="secondary" onClick={() => setEditing(true)}>
          {household ? t('participants.household.editChildren') : t('participants.household.create')}
        </Button>
      ) : null}
      {editing ? (
        <form className="form" onSubmit={save} noValidate>
          {errors.form ? (
            <p className="field__error" role="alert">
              {errors.form}
            </p>
          ) : null}
          <TextField
            id="household-count"
            label={t('participants.household.childrenAtHome')}
            inputMode="numeric"
            value={count}
            error={errors.count ?? null}
            onChange={(e) => setCount(e.target.value)}
          />
          <TextField
            id="household-months"
            label={t('participants.household.birthMonths')}
            hint={t('participants.household.birthMonthsHint')}
            value={months}
            error={errors.months ?? null}
            onChange={(e) => setMonths(e.target.value)}
          />
          <div className="form__actions">
            <Button type="submit">{t('participants.save')}</Button>
            <Button variant="secondary" onClick={() => setEditing(false)}>
              {t('participants.cancel')}
            </Button>
          </div>
        </form>
      ) : null}
    </section>
  );
}
