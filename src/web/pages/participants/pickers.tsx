import { type KeyboardEvent, useEffect, useMemo, useState } from 'react';
import { useAnnounce } from '../../components/Announcer.tsx';
import { Button } from '../../components/Button.tsx';
import { TextField } from '../../components/TextField.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { type Code, participantsApi } from './api.ts';
import { SelectField } from './fields.tsx';

const collator = new Intl.Collator('sv');

/** Loads a whole (short) code list once. */
export function useCodeList(system: string, query: Record<string, string | number | undefined> = {}) {
  const [codes, setCodes] = useState<Code[]>([]);
  const key = JSON.stringify(query);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` stands for the query object.
  useEffect(() => {
    const controller = new AbortController();
    participantsApi
      .codes(system, { limit: 1000, ...query }, controller.signal)
      .then((r) => setCodes(r.codes))
      .catch(() => {});
    return () => controller.abort();
  }, [system, key]);
  return codes;
}

export interface LanguageChoice {
  code: string;
  needsInterpreter: boolean;
}

/** Languages spoken: pick one from the ISO 639 list, mark if an interpreter is needed, add it. */
export function LanguagePicker({
  value,
  onChange,
  error,
}: {
  value: LanguageChoice[];
  onChange: (value: LanguageChoice[]) => void;
  error?: string | null;
}) {
  const { t } = useI18n();
  const announce = useAnnounce();
  const codes = useCodeList('ISO639');
  const sorted = useMemo(() => [...codes].sort((a, b) => collator.compare(a.name, b.name)), [codes]);
  const names = useMemo(() => new Map(codes.map((c) => [c.code, c.name])), [codes]);
  const [selected, setSelected] = useState('');
  const [interpreter, setInterpreter] = useState(false);

  const add = () => {
    if (!selected || value.some((l) => l.code === selected)) return;
    onChange([...value, { code: selected, needsInterpreter: interpreter }]);
    announce(t('participants.languages.added', { name: names.get(selected) ?? selected }));
    setSelected('');
    setInterpreter(false);
  };

  return (
    <fieldset className="field pt-picker" id="reg-language" tabIndex={-1}>
      <legend className="field__label">{t('participants.field.languages')}</legend>
      {error ? <p className="field__error">{error}</p> : null}
      {value.length > 0 ? (
        <ul className="pt-chosen-list" aria-label={t('participants.languages.chosen')}>
          {value.map((l) => (
            <li key={l.code}>
              <span>
                {names.get(l.code) ?? l.code}
                {l.needsInterpreter ? ` (${t('participants.languages.interpreter')})` : ''}
              </span>
              <Button
                variant="tertiary"
                onClick={() => {
                  onChange(value.filter((x) => x.code !== l.code));
                  announce(t('participants.removed', { name: names.get(l.code) ?? l.code }));
                }}
              >
                {t('participants.remove')}
                <span className="visually-hidden"> {names.get(l.code) ?? l.code}</span>
              </Button>
            </li>
          ))}
        </ul>
      ) : null}
      <div className="pt-picker__row">
        <SelectField
          id="reg-language-select"
          label={t('participants.languages.choose')}
          value={selected}
          onChange={(e) => setSelected(e.target.value)}
        >
          <option value="">{t('participants.languages.none')}</option>
          {sorted.map((c) => (
            <option key={c.code} value={c.code} disabled={value.some((l) => l.code === c.code)}>
              {c.name}
            </option>
          ))}
        </SelectField>
        <div className="pt-choice">
          <input
            type="checkbox"
            id="reg-language-interpreter"
            checked={interpreter}
            onChange={(e) => setInterpreter(e.target.checked)}
          />
          <label htmlFor="reg-language-interpreter">{t('participants.languages.needsInterpreter')}</label>
        </div>
        <Button variant="secondary" onClick={add}>
          {t('participants.languages.add')}
        </Button>
      </div>
    </fieldset>
  );
}

/** SSYK 2012 occupations: search the code list on the server and add hits. Names are SCB's English ones. */
export function OccupationPicker({
  id,
  legend,
  value,
  onChange,
  error,
}: {
  id: string;
  legend: string;
  value: Code[];
  onChange: (value: Code[]) => void;
  error?: string | null;
}) {
  const { t } = useI18n();
  const announce = useAnnounce();
  const [q, setQ] = useState('');
  const [hits, setHits] = useState<Code[] | null>(null);

  const search = async () => {
    if (q.trim() === '') return;
    const r = await participantsApi.codes('SSYK2012', { q: q.trim(), level: 4, limit: 10 });
    setHits(r.codes);
    announce(t('participants.occupations.hits', { count: r.codes.length }));
  };
  const onKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      void search();
    }
  };

  return (
    <fieldset className="field pt-picker" id={id} tabIndex={-1}>
      <legend className="field__label">{legend}</legend>
      {error ? <p className="field__error">{error}</p> : null}
      {value.length > 0 ? (
        <ul className="pt-chosen-list" aria-label={t('participants.occupations.chosen', { legend })}>
          {value.map((c) => (
            <li key={c.code}>
              <span>
                {c.code}{' '}
                <span lang={c.nameLang} className="muted">
                  {c.name}
                </span>
              </span>
              <Button
                variant="tertiary"
                onClick={() => {
                  onChange(value.filter((x) => x.code !== c.code));
                  announce(t('participants.removed', { name: c.code }));
                }}
              >
                {t('participants.remove')}
                <span className="visually-hidden"> {c.code}</span>
              </Button>
            </li>
          ))}
        </ul>
      ) : null}
      <div className="pt-picker__row">
        <TextField
          id={`${id}-search`}
          label={t('participants.occupations.search')}
          hint={t('participants.occupations.searchHint')}
          value={q}
          onChange={(e) => setQ(e.target.value)}
          onKeyDown={onKey}
          autoComplete="off"
        />
        <Button variant="secondary" onClick={() => void search()}>
          {t('participants.occupations.searchButton')}
        </Button>
      </div>
      {hits !== null ? (
        hits.length === 0 ? (
          <p className="muted">{t('participants.occupations.noHits')}</p>
        ) : (
          <ul className="plain-list pt-hit-list" aria-label={t('participants.occupations.results')}>
            {hits.map((c) => (
              <li key={c.code}>
                <Button
                  variant="tertiary"
                  aria-disabled={value.some((v) => v.code === c.code) || undefined}
                  onClick={() => {
                    if (value.some((v) => v.code === c.code)) return;
                    onChange([...value, c]);
                    announce(t('participants.occupations.added', { code: c.code }));
                  }}
                >
                  {t('participants.add')} {c.code} <span lang={c.nameLang}>{c.name}</span>
                </Button>
              </li>
            ))}
          </ul>
        )
      ) : null}
    </fieldset>
  );
}
