import { type FormEvent, useEffect, useState } from 'react';
import { api } from '../../api.ts';
import { Button } from '../../components/Button.tsx';
import { ErrorSummary } from '../../components/ErrorSummary.tsx';
import { formErrors, useSubmit } from '../../components/forms.ts';
import { TextField } from '../../components/TextField.tsx';
import { CheckboxGroup, RadioGroup, SelectField, TextAreaField } from '../casework/fields.tsx';
import '../casework/casework.css';
import { parseInteger } from '../programmes/ui.tsx';
import { isIsoDate, parseDecimal } from '../workplaces/ui.tsx';

/**
 * Staff forms for summer jobs: set up a season, add places (a workplace of the register × a period),
 * link a handledare user to a workplace. Each form checks what it can itself, then shows the server's
 * Swedish field messages at their fields and in an error summary that links to them.
 */

const isDate = isIsoDate;
/** Whole number from a text field; NaN when empty or not one. */
const int = (v: string) => parseInteger(v) ?? Number.NaN;
/** Decimal written `7,5` or `7.5`; NaN when empty or not a number. */
const dec = (v: string) => parseDecimal(v) ?? Number.NaN;
/** Midnight at the start of a day in the browser's time zone, as an ISO instant. */
const startOfDay = (date: string, plusDays = 0) => {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(y, m - 1, d + plusDays).toISOString();
};

interface PeriodDraft {
  code: string;
  startsOn: string;
  endsOn: string;
}

const seasonIds = {
  name: 'ss-name',
  year: 'ss-year',
  birthYearFrom: 'ss-birth-from',
  birthYearTo: 'ss-birth-to',
  municipalityCode: 'ss-kommun',
  hoursPerDay: 'ss-hours',
  hourlyPaySek: 'ss-pay',
  opensAt: 'ss-opens',
  closesAt: 'ss-closes',
  maxChoices: 'ss-max-choices',
  mechanism: 'ss-mechanism',
  offerDays: 'ss-offer-days',
  periods: 'ss-period-0-code',
} as const;

function periodIds(i: number) {
  return { code: `ss-period-${i}-code`, startsOn: `ss-period-${i}-start`, endsOn: `ss-period-${i}-end` };
}

export function SeasonForm({ onCreated }: { onCreated: (id: string) => void }) {
  const action = useSubmit();
  const next = new Date().getFullYear() + 1;
  const [d, setD] = useState({
    name: '',
    year: String(next),
    birthYearFrom: String(next - 18),
    birthYearTo: String(next - 16),
    municipalityCode: '',
    hoursPerDay: '6',
    hourlyPaySek: '',
    opensAt: '',
    closesAt: '',
    maxChoices: '3',
    mechanism: 'optimal',
    priorities: ['firstTime', 'social'] as string[],
    offerDays: '3',
  });
  const [periods, setPeriods] = useState<PeriodDraft[]>([{ code: 'P1', startsOn: '', endsOn: '' }]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [submits, setSubmits] = useState(0);
  const set = (k: keyof typeof d) => (v: string) => setD({ ...d, [k]: v });

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const f: Record<string, string> = {};
    if (!d.name.trim()) f.name = 'Fyll i säsongens namn.';
    const year = int(d.year);
    if (!(year >= 2000 && year <= 2100)) f.year = 'Ange året med fyra siffror, till exempel 2027.';
    const from = int(d.birthYearFrom);
    const to = int(d.birthYearTo);
    if (!(from >= 1990 && from <= 2100)) f.birthYearFrom = 'Ange det äldsta födelseåret med fyra siffror.';
    if (!(to >= 1990 && to <= 2100)) f.birthYearTo = 'Ange det yngsta födelseåret med fyra siffror.';
    else if (from > to) f.birthYearTo = 'Det yngsta födelseåret kan inte vara före det äldsta.';
    if (d.municipalityCode.trim() && !/^\d{4}$/.test(d.municipalityCode.trim()))
      f.municipalityCode = 'Kommunkoden har fyra siffror, till exempel 1480.';
    const hours = dec(d.hoursPerDay);
    if (!(hours > 0 && hours <= 8)) f.hoursPerDay = 'Ange timmar per dag, mer än 0 och högst 8.';
    const pay = dec(d.hourlyPaySek);
    if (!(pay >= 0 && pay <= 10000)) f.hourlyPaySek = 'Ange timlönen i kronor, till exempel 98,50.';
    if (!isDate(d.opensAt)) f.opensAt = 'Ange när ansökan öppnar som ÅÅÅÅ-MM-DD.';
    if (!isDate(d.closesAt)) f.closesAt = 'Ange sista ansökningsdag som ÅÅÅÅ-MM-DD.';
    else if (isDate(d.opensAt) && d.closesAt < d.opensAt)
      f.closesAt = 'Sista ansökningsdag kan inte vara före den dag ansökan öppnar.';
    const maxChoices = int(d.maxChoices);
    if (!(maxChoices >= 1 && maxChoices <= 10)) f.maxChoices = 'Ange antal val, 1–10.';
    const offerDays = int(d.offerDays);
    if (!(offerDays >= 1 && offerDays <= 30)) f.offerDays = 'Ange dagar att svara, 1–30.';
    const codes = new Set<string>();
    periods.forEach((p, i) => {
      const n = i + 1;
      if (!p.code.trim()) f[`periods.${i}.code`] = `Fyll i en kod för period ${n}.`;
      else if (codes.has(p.code.trim()))
        f[`periods.${i}.code`] = `Period ${n} har samma kod som en annan period.`;
      codes.add(p.code.trim());
      if (!isDate(p.startsOn)) f[`periods.${i}.startsOn`] = `Ange första dagen i period ${n} som ÅÅÅÅ-MM-DD.`;
      if (!isDate(p.endsOn)) f[`periods.${i}.endsOn`] = `Ange sista dagen i period ${n} som ÅÅÅÅ-MM-DD.`;
      else if (isDate(p.startsOn) && p.endsOn < p.startsOn)
        f[`periods.${i}.endsOn`] = `Period ${n} kan inte sluta före den börjar.`;
    });
    setErrors(f);
    setSubmits((n) => n + 1);
    if (Object.keys(f).length > 0) {
      action.clear();
      return;
    }
    const body = {
      name: d.name.trim(),
      year,
      birthYearFrom: from,
      birthYearTo: to,
      municipalityCode: d.municipalityCode.trim() || null,
      hoursPerDay: hours,
      hourlyPaySek: pay,
      opensAt: startOfDay(d.opensAt),
      closesAt: startOfDay(d.closesAt, 1),
      maxChoices,
      mechanism: d.mechanism,
      priorityFirstTime: d.priorities.includes('firstTime'),
      prioritySocial: d.priorities.includes('social'),
      offerDays,
      periods: periods.map((p) => ({ code: p.code.trim(), startsOn: p.startsOn, endsOn: p.endsOn })),
    };
    const created = await action.run(
      () => api.post<{ id: string }>('/api/summer-jobs/seasons', body),
      () => `Säsongen ${body.name} är upplagd.`,
    );
    if (created) onCreated(created.id);
  };

  const ids: Record<string, string> & typeof seasonIds = { ...seasonIds };
  periods.forEach((_, i) => {
    const p = periodIds(i);
    ids[`periods.${i}.code`] = p.code;
    ids[`periods.${i}.startsOn`] = p.startsOn;
    ids[`periods.${i}.endsOn`] = p.endsOn;
  });
  const { all, summary } = formErrors(ids, errors, action.error);
  const err = (k: string) => all[k] ?? null;

  return (
    <form className="form" noValidate onSubmit={submit} aria-labelledby="ss-title">
      <h3 id="ss-title">Lägg upp en ny säsong</h3>
      <ErrorSummary errors={summary} focusKey={`${submits}-${action.errorKey}`} />
      <fieldset className="fieldset">
        <legend className="fieldset__legend">Säsong och behörighet</legend>
        <TextField
          id={ids.name}
          label="Namn"
          hint="Till exempel Feriearbete 2027"
          value={d.name}
          error={err('name')}
          onChange={(e) => set('name')(e.target.value)}
        />
        <TextField
          id={ids.year}
          label="År"
          inputMode="numeric"
          value={d.year}
          error={err('year')}
          onChange={(e) => set('year')(e.target.value)}
        />
        <TextField
          id={ids.birthYearFrom}
          label="Födelseår från (äldsta)"
          inputMode="numeric"
          value={d.birthYearFrom}
          error={err('birthYearFrom')}
          onChange={(e) => set('birthYearFrom')(e.target.value)}
        />
        <TextField
          id={ids.birthYearTo}
          label="Födelseår till (yngsta)"
          inputMode="numeric"
          value={d.birthYearTo}
          error={err('birthYearTo')}
          onChange={(e) => set('birthYearTo')(e.target.value)}
        />
        <TextField
          id={ids.municipalityCode}
          label="Kommun där den sökande ska vara folkbokförd (frivilligt)"
          hint="Kommunkod med fyra siffror. Lämna tomt om alla får söka."
          inputMode="numeric"
          value={d.municipalityCode}
          error={err('municipalityCode')}
          onChange={(e) => set('municipalityCode')(e.target.value)}
        />
      </fieldset>
      <fieldset className="fieldset">
        <legend className="fieldset__legend">Arbetstid och lön</legend>
        <TextField
          id={ids.hoursPerDay}
          label="Timmar per dag"
          inputMode="decimal"
          value={d.hoursPerDay}
          error={err('hoursPerDay')}
          onChange={(e) => set('hoursPerDay')(e.target.value)}
        />
        <TextField
          id={ids.hourlyPaySek}
          label="Timlön i kronor"
          hint="Till exempel 98,50"
          inputMode="decimal"
          value={d.hourlyPaySek}
          error={err('hourlyPaySek')}
          onChange={(e) => set('hourlyPaySek')(e.target.value)}
        />
      </fieldset>
      <fieldset className="fieldset">
        <legend className="fieldset__legend">Ansökan och fördelning</legend>
        <TextField
          id={ids.opensAt}
          label="Ansökan öppnar"
          hint="ÅÅÅÅ-MM-DD, från midnatt"
          value={d.opensAt}
          error={err('opensAt')}
          autoComplete="off"
          onChange={(e) => set('opensAt')(e.target.value)}
        />
        <TextField
          id={ids.closesAt}
          label="Sista ansökningsdag"
          hint="ÅÅÅÅ-MM-DD, ansökan stänger vid midnatt efter den dagen"
          value={d.closesAt}
          error={err('closesAt')}
          autoComplete="off"
          onChange={(e) => set('closesAt')(e.target.value)}
        />
        <TextField
          id={ids.maxChoices}
          label="Högsta antal val per sökande"
          inputMode="numeric"
          value={d.maxChoices}
          error={err('maxChoices')}
          onChange={(e) => set('maxChoices')(e.target.value)}
        />
        <CheckboxGroup
          id="ss-priority"
          name="priority"
          legend="Förtur"
          small
          options={[
            { value: 'firstTime', label: 'Förtur för den som inte haft feriearbete tidigare' },
            { value: 'social', label: 'Förtur av sociala skäl (beslutas av personalen)' },
          ]}
          values={d.priorities}
          onChange={(v) => setD({ ...d, priorities: v })}
        />
        <RadioGroup
          id={ids.mechanism}
          name="mechanism"
          legend="Fördelning"
          small
          options={[
            { value: 'optimal', label: 'Optimal (flest placerade, flest förstahandsval)' },
            { value: 'lottery', label: 'Lottning' },
          ]}
          value={d.mechanism}
          error={err('mechanism')}
          onChange={set('mechanism')}
        />
        <TextField
          id={ids.offerDays}
          label="Dagar att svara på ett erbjudande"
          inputMode="numeric"
          value={d.offerDays}
          error={err('offerDays')}
          onChange={(e) => set('offerDays')(e.target.value)}
        />
      </fieldset>
      {periods.map((p, i) => {
        const pid = periodIds(i);
        const change = (k: keyof PeriodDraft) => (v: string) =>
          setPeriods(periods.map((x, j) => (j === i ? { ...x, [k]: v } : x)));
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: a period row is identified by its position.
          <fieldset className="fieldset" key={i}>
            <legend className="fieldset__legend">Period {i + 1}</legend>
            <TextField
              id={pid.code}
              label={`Kod för period ${i + 1}`}
              hint="Till exempel P1"
              value={p.code}
              error={err(`periods.${i}.code`)}
              onChange={(e) => change('code')(e.target.value)}
            />
            <TextField
              id={pid.startsOn}
              label={`Första dag i period ${i + 1}`}
              hint="ÅÅÅÅ-MM-DD"
              value={p.startsOn}
              autoComplete="off"
              error={err(`periods.${i}.startsOn`)}
              onChange={(e) => change('startsOn')(e.target.value)}
            />
            <TextField
              id={pid.endsOn}
              label={`Sista dag i period ${i + 1}`}
              hint="ÅÅÅÅ-MM-DD"
              value={p.endsOn}
              autoComplete="off"
              error={err(`periods.${i}.endsOn`)}
              onChange={(e) => change('endsOn')(e.target.value)}
            />
            {periods.length > 1 ? (
              <div>
                <Button variant="secondary" onClick={() => setPeriods(periods.filter((_, j) => j !== i))}>
                  Ta bort period {i + 1}
                </Button>
              </div>
            ) : null}
          </fieldset>
        );
      })}
      <div className="form__actions">
        {periods.length < 12 ? (
          <Button
            variant="secondary"
            onClick={() =>
              setPeriods([...periods, { code: `P${periods.length + 1}`, startsOn: '', endsOn: '' }])
            }
          >
            Lägg till en period
          </Button>
        ) : null}
        <Button type="submit" busy={action.busy}>
          {action.busy ? 'Sparar…' : 'Lägg upp säsongen'}
        </Button>
      </div>
    </form>
  );
}

interface WorkplaceOption {
  id: string;
  name: string;
  area: string | null;
  active: boolean;
}

function useWorkplaces() {
  const [list, setList] = useState<WorkplaceOption[]>([]);
  useEffect(() => {
    api
      .get<{ workplaces: WorkplaceOption[] }>('/api/workplaces')
      .then((r) => setList(r.workplaces.filter((w) => w.active)))
      .catch(() => setList([]));
  }, []);
  return list;
}

const slotIds = {
  workplaceId: 'sl-workplace',
  period: 'sl-period',
  places: 'sl-places',
  minAge: 'sl-min-age',
  area: 'sl-area',
  requirements: 'sl-requirements',
} as const;

export function SlotForm({
  seasonId,
  periods,
  onCreated,
}: {
  seasonId: string;
  periods: { code: string; startsOn: string; endsOn: string }[];
  onCreated: () => void;
}) {
  const action = useSubmit();
  const workplaces = useWorkplaces();
  const empty = {
    workplaceId: '',
    period: periods[0]?.code ?? '',
    places: '1',
    minAge: '',
    area: '',
    requirements: '',
  };
  const [d, setD] = useState(empty);
  const [errors, setErrors] = useState<Partial<Record<keyof typeof slotIds, string>>>({});
  const [submits, setSubmits] = useState(0);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const f: typeof errors = {};
    if (!d.workplaceId) f.workplaceId = 'Välj en arbetsplats.';
    if (!d.period) f.period = 'Välj en period.';
    const places = int(d.places);
    if (!(places >= 1 && places <= 1000)) f.places = 'Ange antal platser, 1–1000.';
    const minAge = d.minAge.trim() ? int(d.minAge) : null;
    if (minAge !== null && !(minAge >= 13 && minAge <= 25)) f.minAge = 'Ange lägsta ålder, 13–25 år.';
    if (!d.area.trim()) f.area = 'Fyll i område, till exempel Centrum.';
    setErrors(f);
    setSubmits((n) => n + 1);
    if (Object.keys(f).length > 0) {
      action.clear();
      return;
    }
    const wp = workplaces.find((w) => w.id === d.workplaceId);
    const done = await action.run(
      () =>
        api.post(`/api/summer-jobs/seasons/${seasonId}/slots`, {
          workplaceId: d.workplaceId,
          period: d.period,
          places,
          minAge,
          area: d.area.trim(),
          requirements: d.requirements.trim() || null,
        }),
      () => `${places} platser på ${wp?.name ?? 'arbetsplatsen'} i period ${d.period} är tillagda.`,
    );
    if (done) {
      setD({ ...empty, period: d.period });
      onCreated();
    }
  };

  const { all, summary } = formErrors(slotIds, errors, action.error, (server, error) => {
    if (error.code === 'slot_exists') server.set('period', error.message);
  });

  return (
    <form className="form" noValidate onSubmit={submit} aria-labelledby="sl-title">
      <h3 id="sl-title">Lägg till platser</h3>
      <ErrorSummary errors={summary} focusKey={`${submits}-${action.errorKey}`} />
      <SelectField
        id={slotIds.workplaceId}
        label="Arbetsplats"
        hint="Ur arbetsplatsregistret"
        value={d.workplaceId}
        emptyLabel="Välj arbetsplats"
        options={workplaces.map((w) => ({ value: w.id, label: w.name }))}
        error={all.workplaceId ?? null}
        onChange={(e) => {
          const wp = workplaces.find((w) => w.id === e.target.value);
          setD({ ...d, workplaceId: e.target.value, area: d.area || wp?.area || '' });
        }}
      />
      <SelectField
        id={slotIds.period}
        label="Period"
        value={d.period}
        options={periods.map((p) => ({ value: p.code, label: `${p.code} (${p.startsOn} – ${p.endsOn})` }))}
        error={all.period ?? null}
        onChange={(e) => setD({ ...d, period: e.target.value })}
      />
      <TextField
        id={slotIds.places}
        label="Antal platser"
        inputMode="numeric"
        value={d.places}
        error={all.places ?? null}
        onChange={(e) => setD({ ...d, places: e.target.value })}
      />
      <TextField
        id={slotIds.minAge}
        label="Lägsta ålder (frivilligt)"
        hint="Ålder när perioden börjar"
        inputMode="numeric"
        value={d.minAge}
        error={all.minAge ?? null}
        onChange={(e) => setD({ ...d, minAge: e.target.value })}
      />
      <TextField
        id={slotIds.area}
        label="Område"
        hint="Visas för de sökande, till exempel Centrum"
        value={d.area}
        error={all.area ?? null}
        onChange={(e) => setD({ ...d, area: e.target.value })}
      />
      <TextAreaField
        id={slotIds.requirements}
        label="Krav (frivilligt)"
        rows={3}
        value={d.requirements}
        error={all.requirements ?? null}
        onChange={(e) => setD({ ...d, requirements: e.target.value })}
      />
      <div className="form__actions">
        <Button type="submit" busy={action.busy}>
          {action.busy ? 'Sparar…' : 'Lägg till platserna'}
        </Button>
      </div>
    </form>
  );
}

interface SupervisorUser {
  id: string;
  displayName: string;
  workplaces: { id: string; name: string }[];
}

const supervisorIds = { userId: 'sv-user', workplaceId: 'sv-workplace' } as const;

export function SupervisorForm() {
  const action = useSubmit();
  const workplaces = useWorkplaces();
  const [users, setUsers] = useState<SupervisorUser[] | null>(null);
  const [d, setD] = useState({ userId: '', workplaceId: '' });
  const [errors, setErrors] = useState<Partial<Record<keyof typeof supervisorIds, string>>>({});
  const [submits, setSubmits] = useState(0);
  const [version, setVersion] = useState(0);
  useEffect(() => {
    void version;
    api
      .get<SupervisorUser[]>('/api/summer-jobs/supervisors')
      .then(setUsers)
      .catch(() => setUsers([]));
  }, [version]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const f: typeof errors = {};
    if (!d.userId) f.userId = 'Välj en handledare.';
    if (!d.workplaceId) f.workplaceId = 'Välj en arbetsplats.';
    setErrors(f);
    setSubmits((n) => n + 1);
    if (Object.keys(f).length > 0) {
      action.clear();
      return;
    }
    const user = users?.find((u) => u.id === d.userId);
    const wp = workplaces.find((w) => w.id === d.workplaceId);
    const done = await action.run(
      () => api.post('/api/summer-jobs/supervisors', d).then(() => true),
      () => `${user?.displayName ?? 'Handledaren'} är kopplad till ${wp?.name ?? 'arbetsplatsen'}.`,
    );
    if (done) {
      setD({ userId: '', workplaceId: '' });
      setVersion((v) => v + 1);
    }
  };

  const { all, summary } = formErrors(supervisorIds, errors, action.error);

  return (
    <>
      {users && users.length > 0 ? (
        <table className="table">
          <caption>Handledare och deras arbetsplatser</caption>
          <thead>
            <tr>
              <th scope="col">Handledare</th>
              <th scope="col">Arbetsplatser</th>
            </tr>
          </thead>
          <tbody>
            {users.map((u) => (
              <tr key={u.id}>
                <td>{u.displayName}</td>
                <td>{u.workplaces.map((w) => w.name).join(', ') || 'Ingen ännu'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {users && users.length === 0 ? (
        <p>Det finns inga användare med rollen handledare. En administratör lägger upp dem.</p>
      ) : null}
      <form className="form" noValidate onSubmit={submit} aria-labelledby="sv-title">
        <h3 id="sv-title">Koppla en handledare till en arbetsplats</h3>
        <ErrorSummary errors={summary} focusKey={`${submits}-${action.errorKey}`} />
        <SelectField
          id={supervisorIds.userId}
          label="Handledare"
          value={d.userId}
          emptyLabel="Välj handledare"
          options={(users ?? []).map((u) => ({ value: u.id, label: u.displayName }))}
          error={all.userId ?? null}
          onChange={(e) => setD({ ...d, userId: e.target.value })}
        />
        <SelectField
          id={supervisorIds.workplaceId}
          label="Arbetsplats för handledaren"
          value={d.workplaceId}
          emptyLabel="Välj arbetsplats"
          options={workplaces.map((w) => ({ value: w.id, label: w.name }))}
          error={all.workplaceId ?? null}
          onChange={(e) => setD({ ...d, workplaceId: e.target.value })}
        />
        <div className="form__actions">
          <Button type="submit" busy={action.busy}>
            {action.busy ? 'Sparar…' : 'Koppla handledaren'}
          </Button>
        </div>
      </form>
    </>
  );
}
