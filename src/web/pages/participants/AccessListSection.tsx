import { type FormEvent, useCallback, useEffect, useState } from 'react';
import { useAnnounce } from '../../components/Announcer.tsx';
import { Button } from '../../components/Button.tsx';
import { ScrollableTable } from '../../components/ScrollableTable.tsx';
import { errorText, isAbortError } from '../../errorMessages.ts';
import { useI18n } from '../../i18n/index.tsx';
import { type AccessEntry, type PersonView, participantsApi } from './api.ts';
import { SelectField } from './fields.tsx';

/**
 * The access list of a case with skyddad folkbokföring (unit manager only): who is named, whether
 * each also holds the grade permission (granted by the administrator), add and remove staff.
 */
export function AccessListSection({ person, purpose }: { person: PersonView; purpose: string | null }) {
  const { t } = useI18n();
  const announce = useAnnounce();
  const [entries, setEntries] = useState<AccessEntry[] | null>(null);
  const [staff, setStaff] = useState<{ id: string; name: string }[]>([]);
  const [selected, setSelected] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `attempt` reloads.
  useEffect(() => {
    const controller = new AbortController();
    participantsApi
      .accessList(person.id, purpose, controller.signal)
      .then((r) => setEntries(r.entries))
      .catch((e: unknown) => {
        if (!isAbortError(e)) setError(errorText(e, t));
      });
    participantsApi
      .options(controller.signal)
      .then((o) => setStaff(o.caseWorkers[person.unit.id] ?? []))
      .catch(() => {});
    return () => controller.abort();
  }, [person.id, person.unit.id, purpose, attempt]);

  const reload = useCallback(() => setAttempt((n) => n + 1), []);

  const add = async (event: FormEvent) => {
    event.preventDefault();
    if (!selected) return;
    try {
      await participantsApi.addAccess(person.id, selected, purpose);
      announce(t('participants.access.added'));
      setSelected('');
      reload();
    } catch (e) {
      setError(errorText(e, t));
    }
  };

  const remove = async (entry: AccessEntry) => {
    try {
      await participantsApi.removeAccess(person.id, entry.userId, purpose);
      announce(t('participants.removed', { name: entry.name }));
      reload();
    } catch (e) {
      setError(errorText(e, t));
    }
  };

  const listed = new Set((entries ?? []).map((e) => e.userId));
  return (
    <section className="section" aria-labelledby="access-heading">
      <h2 id="access-heading">{t('participants.access.title')}</h2>
      <p>{t('participants.access.intro')}</p>
      {error ? (
        <p className="field__error" role="alert">
          {error}
        </p>
      ) : null}
      {entries && entries.length > 0 ? (
        <ScrollableTable labelledBy="access-caption">
          <table className="table table--compact">
            <caption id="access-caption">{t('participants.access.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('participants.col.name')}</th>
                <th scope="col">{t('participants.access.permission')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('participants.access.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {entries.map((e) => (
                <tr key={e.userId}>
                  <th scope="row">{e.name}</th>
                  <td>
                    {e.hasPermission
                      ? t('participants.access.hasPermission')
                      : t('participants.access.noPermission')}
                  </td>
                  <td>
                    <Button variant="tertiary" onClick={() => void remove(e)}>
                      {t('participants.remove')}
                      <span className="visually-hidden"> {e.name}</span>
                    </Button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollableTable>
      ) : null}
      <form className="form" onSubmit={add} noValidate>
        <SelectField
          id="access-user"
          label={t('participants.access.add')}
          value={selected}
          onChange={(e) => setSelected(e.target.value)}
        >
          <option value="">{t('participants.languages.none')}</option>
          {staff
            .filter((s) => !listed.has(s.id))
            .map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
        </SelectField>
        <div className="form__actions">
          <Button type="submit" variant="secondary">
            {t('participants.access.addButton')}
          </Button>
        </div>
      </form>
    </section>
  );
}
