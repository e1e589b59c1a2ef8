import { type ChangeEvent, type FormEvent, useEffect, useMemo, useRef, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { useAnnounce } from '../../components/Announcer.tsx';
import { Button } from '../../components/Button.tsx';
import { ErrorSummary, type ErrorSummaryItem } from '../../components/ErrorSummary.tsx';
import { TextField } from '../../components/TextField.tsx';
import { usePageTitle } from '../../components/usePageTitle.ts';
import { useSession } from '../../session.tsx';
import { CheckboxGroup, RadioGroup, SelectField, TextAreaField } from '../casework/fields.tsx';
import { Fieldset, isIsoDate, SummaryList } from '../workplaces/ui.tsx';
import { ELIGIBILITY_INCOME, type Eligibility, KINDS, PRIORITY_GROUPS, programmesApi } from './api.ts';
import { type PgText, pgLabel } from './texts.ts';
import {
  capacityText,
  issuesByPath,
  lengthText,
  MANAGE_ROLES,
  parseInteger,
  splitList,
  usePg,
  useSubmit,
} from './ui.tsx';

interface PhaseDraft {
  key: number;
  code: string;
  name: string;
  length: string;
  unit: 'weeks' | 'months';
}

interface TrackDraft {
  key: number;
  code: string;
  name: string;
  ssyk: string;
}

interface Draft {
  code: string;
  name: string;
  kind: string;
  unitId: string;
  committee: string;
  description: string;
  phases: PhaseDraft[];
  maxLength: string;
  capacityMode: '' | 'annual' | 'concurrent';
  capacityPlaces: string;
  capacityFrom: string;
  incomeSources: string[];
  minAge: string;
  maxAge: string;
  languages: string;
  municipalities: string;
  priorityGroups: string[];
  followUpMonths: string;
  tracks: TrackDraft[];
}

let nextKey = 1;
const newPhase = (): PhaseDraft => ({ key: nextKey++, code: '', name: '', length: '', unit: 'weeks' });
const newTrack = (): TrackDraft => ({ key: nextKey++, code: '', name: '', ssyk: '' });

const emptyDraft = (unitId: string): Draft => ({
  code: '',
  name: '',
  kind: 'aktivitet',
  unitId,
  committee: '',
  description: '',
  phases: [newPhase()],
  maxLength: '',
  capacityMode: '',
  capacityPlaces: '',
  capacityFrom: '',
  incomeSources: [],
  minAge: '',
  maxAge: '',
  languages: '',
  municipalities: '',
  priorityGroups: [],
  followUpMonths: '6, 12, 18',
  tracks: [],
});

/** Ids of the controls, so both client and server errors link to the right field. */
const ids = {
  code: 'ps-code',
  name: 'ps-name',
  kind: 'ps-kind',
  unitId: 'ps-unit',
  committee: 'ps-committee',
  description: 'ps-description',
  phases: 'ps-phase-add',
  maxLength: 'ps-max-length',
  capacityMode: 'ps-capacity-mode',
  capacityPlaces: 'ps-capacity-places',
  capacityFrom: 'ps-capacity-from',
  incomeSources: 'ps-income',
  minAge: 'ps-min-age',
  maxAge: 'ps-max-age',
  languages: 'ps-languages',
  municipalities: 'ps-municipalities',
  priorityGroups: 'ps-priority',
  followUpMonths: 'ps-follow-up',
};
const phaseId = (key: number, part: 'code' | 'name' | 'length' | 'unit' | 'up' | 'down' | 'remove') =>
  `ps-phase-${key}-${part}`;
const trackId = (key: number, part: 'code' | 'name' | 'ssyk' | 'remove') => `ps-track-${key}-${part}`;

/** The create-programme body (src/features/programmes/schema.ts) and client-side errors by field id. */
function bodyOf(d: Draft, p: PgText): { body: Record<string, unknown>; errors: Map<string, string> } {
  const errors = new Map<string, string>();
  const int = (value: string, id: string, label: string) => {
    const n = parseInteger(value);
    if (Number.isNaN(n)) errors.set(id, p('common.badNumber', { field: label.toLowerCase() }));
    return n === null || Number.isNaN(n) ? null : n;
  };
  const intList = (value: string, id: string, label: string) => {
    const parts = splitList(value);
    if (parts.some((x) => !/^\d+$/.test(x)))
      errors.set(id, p('setup.badList', { field: label.toLowerCase() }));
    return parts.filter((x) => /^\d+$/.test(x)).map(Number);
  };
  if (!d.code.trim()) errors.set(ids.code, p('common.required', { field: p('setup.code').toLowerCase() }));
  if (!d.name.trim()) errors.set(ids.name, p('common.required', { field: p('setup.name').toLowerCase() }));
  if (!d.unitId) errors.set(ids.unitId, p('common.required', { field: p('setup.unit').toLowerCase() }));
  const phases = d.phases.map((ph, i) => {
    const n = i + 1;
    if (!ph.code.trim())
      errors.set(
        phaseId(ph.key, 'code'),
        p('common.required', { field: p('setup.phaseCode', { n }).toLowerCase() }),
      );
    const length = int(ph.length, phaseId(ph.key, 'length'), p('setup.phaseLength', { n }));
    return {
      code: ph.code.trim(),
      ...(ph.name.trim() ? { name: ph.name.trim() } : {}),
      ...(length !== null ? { [ph.unit]: length } : {}),
    };
  });
  const maxLengthMonths = int(d.maxLength, ids.maxLength, p('setup.maxLength'));
  let capacities: { validFrom: string; places: number }[] = [];
  if (d.capacityMode) {
    const places = int(d.capacityPlaces, ids.capacityPlaces, p('setup.capacityPlaces'));
    if (places === null && !errors.has(ids.capacityPlaces))
      errors.set(
        ids.capacityPlaces,
        p('common.required', { field: p('setup.capacityPlaces').toLowerCase() }),
      );
    const from = d.capacityFrom.trim();
    if (!from)
      errors.set(ids.capacityFrom, p('common.required', { field: p('setup.capacityFrom').toLowerCase() }));
    else if (!isIsoDate(from))
      errors.set(ids.capacityFrom, p('common.badDate', { field: p('setup.capacityFrom').toLowerCase() }));
    if (places !== null) capacities = [{ validFrom: from, places }];
  }
  const eligibility: Eligibility = {};
  if (d.incomeSources.length) eligibility.incomeSources = d.incomeSources;
  const minAge = int(d.minAge, ids.minAge, p('setup.minAge'));
  const maxAge = int(d.maxAge, ids.maxAge, p('setup.maxAge'));
  if (minAge !== null) eligibility.minAge = minAge;
  if (maxAge !== null) eligibility.maxAge = maxAge;
  const languages = splitList(d.languages).map((x) => x.toLowerCase());
  if (languages.length) eligibility.speaksOneOf = languages;
  const municipalities = splitList(d.municipalities);
  if (municipalities.length) eligibility.municipalityCodes = municipalities;
  const followUpMonths = intList(d.followUpMonths, ids.followUpMonths, p('setup.followUpMonths'));
  const tracks = d.tracks.map((tr) => ({
    code: tr.code.trim(),
    name: tr.name.trim(),
    ssykCodes: splitList(tr.ssyk),
  }));
  const body: Record<string, unknown> = {
    code: d.code.trim(),
    name: d.name.trim(),
    kind: d.kind,
    unitId: d.unitId,
    phases,
    capacityMode: d.capacityMode || null,
    capacities,
    eligibility,
    priorityGroups: d.priorityGroups,
    followUpMonths,
    tracks,
    maxLengthMonths,
  };
  if (d.committee.trim()) body.responsibleCommittee = d.committee.trim();
  if (d.description.trim()) body.description = d.description.trim();
  return { body, errors };
}

const str = (v: unknown) => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/** A draft from a JSON definition (the create body), for "fill in the form from the file". */
function draftFromBody(b: Record<string, unknown>, fallbackUnit: string): Draft {
  const e = (typeof b.eligibility === 'object' && b.eligibility !== null ? b.eligibility : {}) as Record<
    string,
    unknown
  >;
  const cap = arr(b.capacities)[0] as Record<string, unknown> | undefined;
  const mode = b.capacityMode === 'annual' || b.capacityMode === 'concurrent' ? b.capacityMode : '';
  return {
    code: str(b.code),
    name: str(b.name),
    kind: (KINDS as readonly string[]).includes(str(b.kind)) ? str(b.kind) : 'aktivitet',
    unitId: str(b.unitId) || fallbackUnit,
    committee: str(b.responsibleCommittee),
    description: str(b.description),
    phases: arr(b.phases).map((x) => {
      const ph = (x ?? {}) as Record<string, unknown>;
      return {
        key: nextKey++,
        code: str(ph.code),
        name: str(ph.name),
        length: str(ph.months ?? ph.weeks),
        unit: ph.months !== undefined ? ('months' as const) : ('weeks' as const),
      };
    }),
    maxLength: str(b.maxLengthMonths),
    capacityMode: mode,
    capacityPlaces: str(cap?.places),
    capacityFrom: str(cap?.validFrom),
    incomeSources: arr(e.incomeSources).map(str),
    minAge: str(e.minAge),
    maxAge: str(e.maxAge),
    languages: arr(e.speaksOneOf).map(str).join(', '),
    municipalities: arr(e.municipalityCodes).map(str).join(', '),
    priorityGroups: arr(b.priorityGroups).map(str),
    followUpMonths: b.followUpMonths === undefined ? '6, 12, 18' : arr(b.followUpMonths).map(str).join(', '),
    tracks: arr(b.tracks).map((x) => {
      const tr = (x ?? {}) as Record<string, unknown>;
      return {
        key: nextKey++,
        code: str(tr.code),
        name: str(tr.name),
        ssyk: arr(tr.ssykCodes).map(str).join(', '),
      };
    }),
  };
}

/** Maps a server path (`phases.0.weeks`, `eligibility.minAge`) to the control it belongs to. */
function fieldIdFor(path: string, d: Draft): string | undefined {
  const parts = path.split('.');
  const [head, second, third] = parts;
  switch (head) {
    case 'code':
    case 'name':
    case 'kind':
    case 'description':
    case 'priorityGroups':
    case 'followUpMonths':
      return ids[head];
    case 'unitId':
      return ids.unitId;
    case 'responsibleCommittee':
      return ids.committee;
    case 'maxLengthMonths':
      return ids.maxLength;
    case 'capacityMode':
      return ids.capacityMode;
    case 'capacities':
      return third === 'validFrom' ? ids.capacityFrom : ids.capacityPlaces;
    case 'eligibility':
      return second === 'incomeSources'
        ? ids.incomeSources
        : second === 'minAge'
          ? ids.minAge
          : second === 'maxAge'
            ? ids.maxAge
            : second === 'speaksOneOf'
              ? ids.languages
              : second === 'municipalityCodes'
                ? ids.municipalities
                : undefined;
    case 'phases': {
      const ph = second !== undefined ? d.phases[Number(second)] : undefined;
      if (!ph) return ids.phases;
      if (third === 'code') return phaseId(ph.key, 'code');
      if (third === 'name') return phaseId(ph.key, 'name');
      return phaseId(ph.key, 'length');
    }
    case 'tracks': {
      const tr = second !== undefined ? d.tracks[Number(second)] : undefined;
      if (!tr) return undefined;
      if (third === 'name') return trackId(tr.key, 'name');
      if (third === 'ssykCodes') return trackId(tr.key, 'ssyk');
      return trackId(tr.key, 'code');
    }
    default:
      return undefined;
  }
}

/** Domain refusals without a path, placed at the field they concern. */
const CODE_FIELDS: Record<string, string> = {
  programme_exists: ids.code,
  phase_length: ids.phases,
  capacity_missing: ids.capacityPlaces,
  unknown_unit: ids.unitId,
};

/** `/program/nytt`: set up a programme by form or from a JSON file (same body, same API). */
export function ProgrammeSetup() {
  const p = usePg();
  const navigate = useNavigate();
  const announce = useAnnounce();
  const { user } = useSession();
  usePageTitle(p('setup.title'));
  const units = useMemo(() => {
    const seen = new Map<string, string>();
    for (const r of user?.roles ?? [])
      if ((MANAGE_ROLES as readonly string[]).includes(r.role)) seen.set(r.unitId, r.unitName);
    return [...seen].map(([value, label]) => ({ value, label }));
  }, [user]);
  const [draft, setDraft] = useState<Draft>(() => emptyDraft(units[0]?.value ?? ''));
  const [clientErrors, setClientErrors] = useState<Map<string, string>>(new Map());
  const [submits, setSubmits] = useState(0);
  const action = useSubmit();
  const [focusAfter, setFocusAfter] = useState<string | null>(null);

  useEffect(() => {
    if (!focusAfter) return;
    document.getElementById(focusAfter)?.focus();
    setFocusAfter(null);
  }, [focusAfter]);

  const set = <K extends keyof Draft>(k: K, v: Draft[K]) => setDraft((d) => ({ ...d, [k]: v }));
  const setPhase = (key: number, patch: Partial<PhaseDraft>) =>
    setDraft((d) => ({ ...d, phases: d.phases.map((ph) => (ph.key === key ? { ...ph, ...patch } : ph)) }));
  const setTrack = (key: number, patch: Partial<TrackDraft>) =>
    setDraft((d) => ({ ...d, tracks: d.tracks.map((tr) => (tr.key === key ? { ...tr, ...patch } : tr)) }));

  const movePhase = (index: number, by: -1 | 1) => {
    const to = index + by;
    if (to < 0 || to >= draft.phases.length) return;
    const phases = [...draft.phases];
    const [moved] = phases.splice(index, 1);
    phases.splice(to, 0, moved!);
    setDraft({ ...draft, phases });
    // Keep focus on the button that moved the phase; at the end of the list, on the other one.
    const atEdge = to === 0 || to === phases.length - 1;
    setFocusAfter(phaseId(moved!.key, atEdge ? (by === -1 ? 'down' : 'up') : by === -1 ? 'up' : 'down'));
    announce(p('setup.phaseMoved', { name: moved!.name || moved!.code || '', n: to + 1 }));
  };
  const addPhase = () => {
    const ph = newPhase();
    setDraft({ ...draft, phases: [...draft.phases, ph] });
    setFocusAfter(phaseId(ph.key, 'code'));
    announce(p('setup.phaseAdded', { n: draft.phases.length + 1 }));
  };
  const removePhase = (index: number) => {
    const phases = draft.phases.filter((_, i) => i !== index);
    setDraft({ ...draft, phases });
    setFocusAfter(ids.phases);
    announce(p('setup.phaseRemoved', { n: index + 1 }));
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const { body, errors } = bodyOf(draft, p);
    setClientErrors(errors);
    setSubmits((n) => n + 1);
    if (errors.size > 0) {
      action.clear();
      return;
    }
    const created = await action.run(
      () => programmesApi.create(body),
      () => p('setup.created', { name: draft.name.trim() }),
    );
    if (created) navigate(`/program/${created.id}`);
  };

  // Server errors by control: zod paths, and domain refusals by their code.
  const errorAt = new Map(clientErrors);
  const unplaced: string[] = [];
  if (action.error) {
    const labelled = issuesByPath(action.error.fields);
    for (const [path, message] of labelled) {
      const id = fieldIdFor(path, draft);
      if (id && !errorAt.has(id)) errorAt.set(id, message);
      else if (!id) unplaced.push(message);
    }
    const byCode = CODE_FIELDS[action.error.code];
    if (labelled.size === 0 && byCode) errorAt.set(byCode, action.error.message);
    else if (labelled.size === 0) unplaced.push(action.error.message);
  }
  const err = (id: string) => errorAt.get(id) ?? null;
  const summary: ErrorSummaryItem[] = [
    ...unplaced.map((message) => ({ message })),
    ...[...errorAt].map(([fieldId, message]) => ({ message, fieldId })),
  ];

  return (
    <>
      <Link className="wp-back" to="/program">
        {p('common.back')}
      </Link>
      <h1>{p('setup.title')}</h1>
      <p className="lead">{p('setup.intro')}</p>
      <ErrorSummary errors={summary} focusKey={`${submits}-${action.errorKey}`} />
      <form className="form" onSubmit={submit} noValidate>
        <Fieldset legend={p('setup.basics')}>
          <div className="wp-row">
            <TextField
              id={ids.code}
              label={p('setup.code')}
              hint={p('setup.codeHint')}
              value={draft.code}
              onChange={(e) => set('code', e.target.value)}
              error={err(ids.code)}
              autoComplete="off"
            />
            <TextField
              id={ids.name}
              label={p('setup.name')}
              value={draft.name}
              onChange={(e) => set('name', e.target.value)}
              error={err(ids.name)}
              autoComplete="off"
            />
          </div>
          <div className="wp-row">
            <SelectField
              id={ids.kind}
              label={p('setup.kind')}
              value={draft.kind}
              onChange={(e) => set('kind', e.target.value)}
              options={KINDS.map((k) => ({ value: k, label: pgLabel(p, 'kind.', k) }))}
              error={err(ids.kind)}
            />
            <SelectField
              id={ids.unitId}
              label={p('setup.unit')}
              value={draft.unitId}
              onChange={(e) => set('unitId', e.target.value)}
              options={units}
              error={err(ids.unitId)}
            />
          </div>
          <TextField
            id={ids.committee}
            label={`${p('setup.committee')} ${p('common.optional')}`}
            value={draft.committee}
            onChange={(e) => set('committee', e.target.value)}
            error={err(ids.committee)}
          />
          <TextAreaField
            id={ids.description}
            label={`${p('setup.description')} ${p('common.optional')}`}
            value={draft.description}
            onChange={(e) => set('description', e.target.value)}
            error={err(ids.description)}
          />
        </Fieldset>

        <Fieldset legend={p('setup.phases')} intro={p('setup.phasesIntro')}>
          {draft.phases.length === 0 ? <p>{p('setup.noPhases')}</p> : null}
          <ol className="plain-list">
            {draft.phases.map((ph, i) => {
              const n = i + 1;
              return (
                <li key={ph.key} className="pg-phase-row">
                  <p className="pg-phase-row__title">{p('setup.phase', { n })}</p>
                  <TextField
                    id={phaseId(ph.key, 'code')}
                    label={p('setup.phaseCode', { n })}
                    value={ph.code}
                    onChange={(e) => setPhase(ph.key, { code: e.target.value })}
                    error={err(phaseId(ph.key, 'code'))}
                    autoComplete="off"
                  />
                  <TextField
                    id={phaseId(ph.key, 'name')}
                    label={p('setup.phaseName', { n })}
                    value={ph.name}
                    onChange={(e) => setPhase(ph.key, { name: e.target.value })}
                    error={err(phaseId(ph.key, 'name'))}
                  />
                  <TextField
                    id={phaseId(ph.key, 'length')}
                    label={p('setup.phaseLength', { n })}
                    inputMode="numeric"
                    value={ph.length}
                    onChange={(e) => setPhase(ph.key, { length: e.target.value })}
                    error={err(phaseId(ph.key, 'length'))}
                  />
                  <SelectField
                    id={phaseId(ph.key, 'unit')}
                    label={p('setup.phaseUnit', { n })}
                    value={ph.unit}
                    onChange={(e) => setPhase(ph.key, { unit: e.target.value as PhaseDraft['unit'] })}
                    options={[
                      { value: 'weeks', label: p('setup.unitWeeks') },
                      { value: 'months', label: p('setup.unitMonths') },
                    ]}
                  />
                  <div className="wp-inline-actions">
                    <Button
                      id={phaseId(ph.key, 'up')}
                      variant="secondary"
                      aria-disabled={i === 0 || undefined}
                      onClick={() => movePhase(i, -1)}
                    >
                      {p('setup.moveUp')}
                      <span className="visually-hidden"> {p('setup.phase', { n })}</span>
                    </Button>
                    <Button
                      id={phaseId(ph.key, 'down')}
                      variant="secondary"
                      aria-disabled={i === draft.phases.length - 1 || undefined}
                      onClick={() => movePhase(i, 1)}
                    >
                      {p('setup.moveDown')}
                      <span className="visually-hidden"> {p('setup.phase', { n })}</span>
                    </Button>
                    <Button id={phaseId(ph.key, 'remove')} variant="tertiary" onClick={() => removePhase(i)}>
                      {p('setup.removePhase', { n })}
                    </Button>
                  </div>
                </li>
              );
            })}
          </ol>
          <div>
            <Button id={ids.phases} variant="secondary" onClick={addPhase}>
              {p('setup.addPhase')}
            </Button>
            {err(ids.phases) ? (
              <p className="field__error" id={`${ids.phases}-error`}>
                {err(ids.phases)}
              </p>
            ) : null}
          </div>
          <TextField
            id={ids.maxLength}
            label={`${p('setup.maxLength')} ${p('common.optional')}`}
            inputMode="numeric"
            value={draft.maxLength}
            onChange={(e) => set('maxLength', e.target.value)}
            error={err(ids.maxLength)}
          />
        </Fieldset>

        <Fieldset legend={p('setup.capacity')} intro={p('setup.capacityIntro')}>
          <RadioGroup
            id={ids.capacityMode}
            name="ps-capacity-mode"
            legend={p('setup.capacityMode')}
            small
            value={draft.capacityMode}
            onChange={(v) => set('capacityMode', v as Draft['capacityMode'])}
            options={[
              { value: '', label: p('capacityMode.none') },
              { value: 'annual', label: p('capacityMode.annual') },
              { value: 'concurrent', label: p('capacityMode.concurrent') },
            ]}
            error={err(ids.capacityMode)}
          />
          {draft.capacityMode ? (
            <div className="wp-row">
              <TextField
                id={ids.capacityPlaces}
                label={p('setup.capacityPlaces')}
                inputMode="numeric"
                value={draft.capacityPlaces}
                onChange={(e) => set('capacityPlaces', e.target.value)}
                error={err(ids.capacityPlaces)}
              />
              <TextField
                id={ids.capacityFrom}
                label={p('setup.capacityFrom')}
                hint={p('common.dateHint')}
                value={draft.capacityFrom}
                onChange={(e) => set('capacityFrom', e.target.value)}
                error={err(ids.capacityFrom)}
                autoComplete="off"
              />
            </div>
          ) : null}
        </Fieldset>

        <Fieldset legend={p('setup.eligibility')} intro={p('setup.eligibilityIntro')}>
          <CheckboxGroup
            id={ids.incomeSources}
            name="ps-income"
            legend={p('setup.incomeSources')}
            small
            inline
            values={draft.incomeSources}
            onChange={(v) => set('incomeSources', v)}
            options={ELIGIBILITY_INCOME.map((c) => ({ value: c, label: pgLabel(p, 'income.', c) }))}
            error={err(ids.incomeSources)}
          />
          <div className="wp-row">
            <TextField
              id={ids.minAge}
              label={p('setup.minAge')}
              inputMode="numeric"
              value={draft.minAge}
              onChange={(e) => set('minAge', e.target.value)}
              error={err(ids.minAge)}
            />
            <TextField
              id={ids.maxAge}
              label={p('setup.maxAge')}
              inputMode="numeric"
              value={draft.maxAge}
              onChange={(e) => set('maxAge', e.target.value)}
              error={err(ids.maxAge)}
            />
          </div>
          <div className="wp-row">
            <TextField
              id={ids.languages}
              label={p('setup.languages')}
              hint={p('setup.languagesHint')}
              value={draft.languages}
              onChange={(e) => set('languages', e.target.value)}
              error={err(ids.languages)}
            />
            <TextField
              id={ids.municipalities}
              label={p('setup.municipalities')}
              hint={p('setup.municipalitiesHint')}
              value={draft.municipalities}
              onChange={(e) => set('municipalities', e.target.value)}
              error={err(ids.municipalities)}
            />
          </div>
          <CheckboxGroup
            id={ids.priorityGroups}
            name="ps-priority"
            legend={p('setup.priorityGroups')}
            hint={p('setup.priorityGroupsHint')}
            small
            inline
            values={draft.priorityGroups}
            onChange={(v) => set('priorityGroups', v)}
            options={PRIORITY_GROUPS.map((c) => ({ value: c, label: pgLabel(p, 'priority.', c) }))}
            error={err(ids.priorityGroups)}
          />
          <TextField
            id={ids.followUpMonths}
            label={p('setup.followUpMonths')}
            hint={p('setup.followUpMonthsHint')}
            value={draft.followUpMonths}
            onChange={(e) => set('followUpMonths', e.target.value)}
            error={err(ids.followUpMonths)}
          />
        </Fieldset>

        <Fieldset legend={p('setup.tracks')} intro={p('setup.tracksIntro')}>
          <ol className="plain-list">
            {draft.tracks.map((tr, i) => {
              const n = i + 1;
              return (
                <li key={tr.key} className="pg-phase-row">
                  <p className="pg-phase-row__title">{p('setup.track', { n })}</p>
                  <TextField
                    id={trackId(tr.key, 'code')}
                    label={p('setup.trackCode', { n })}
                    value={tr.code}
                    onChange={(e) => setTrack(tr.key, { code: e.target.value })}
                    error={err(trackId(tr.key, 'code'))}
                  />
                  <TextField
                    id={trackId(tr.key, 'name')}
                    label={p('setup.trackName', { n })}
                    value={tr.name}
                    onChange={(e) => setTrack(tr.key, { name: e.target.value })}
                    error={err(trackId(tr.key, 'name'))}
                  />
                  <TextField
                    id={trackId(tr.key, 'ssyk')}
                    label={p('setup.trackSsyk', { n })}
                    hint={p('setup.trackSsykHint')}
                    value={tr.ssyk}
                    onChange={(e) => setTrack(tr.key, { ssyk: e.target.value })}
                    error={err(trackId(tr.key, 'ssyk'))}
                  />
                  <Button
                    variant="tertiary"
                    onClick={() => {
                      setDraft({ ...draft, tracks: draft.tracks.filter((x) => x.key !== tr.key) });
                      setFocusAfter('ps-track-add');
                    }}
                  >
                    {p('setup.removeTrack', { n })}
                  </Button>
                </li>
              );
            })}
          </ol>
          <div>
            <Button
              id="ps-track-add"
              variant="secondary"
              onClick={() => {
                const tr = newTrack();
                setDraft({ ...draft, tracks: [...draft.tracks, tr] });
                setFocusAfter(trackId(tr.key, 'code'));
              }}
            >
              {p('setup.addTrack')}
            </Button>
          </div>
        </Fieldset>

        <div className="form__actions">
          <Button type="submit" busy={action.busy}>
            {action.busy ? p('common.saving') : p('setup.submit')}
          </Button>
          <Link className="button button--secondary" to="/program">
            {p('common.cancel')}
          </Link>
        </div>
      </form>

      <FileSetup
        unitId={draft.unitId}
        onToForm={(b) => {
          setDraft(draftFromBody(b, draft.unitId));
          setClientErrors(new Map());
          action.clear();
          announce(p('setup.fileLoaded'));
          setFocusAfter(ids.code);
        }}
      />
    </>
  );
}

const MAX_FILE_BYTES = 200_000;

/** Upload a JSON definition, preview it, then create it through the same API as the form. */
function FileSetup({
  unitId,
  onToForm,
}: {
  unitId: string;
  onToForm: (body: Record<string, unknown>) => void;
}) {
  const p = usePg();
  const navigate = useNavigate();
  const action = useSubmit();
  const [file, setFile] = useState<{ name: string; body: Record<string, unknown> } | null>(null);
  const [readError, setReadError] = useState<string | null>(null);
  const [readKey, setReadKey] = useState(0);
  const previewRef = useRef<HTMLHeadingElement>(null);
  // Move focus to the preview once it is shown, so keyboard and screen-reader users land on it.
  useEffect(() => {
    if (file) previewRef.current?.focus();
  }, [file]);

  const onFile = async (e: ChangeEvent<HTMLInputElement>) => {
    const f = e.target.files?.[0];
    setFile(null);
    setReadError(null);
    action.clear();
    if (!f) return;
    try {
      if (f.size > MAX_FILE_BYTES) throw new Error(p('setup.fileTooBig'));
      let parsed: unknown;
      try {
        parsed = JSON.parse(await f.text());
      } catch (err) {
        throw new Error(p('setup.fileBadJson', { message: (err as Error).message }));
      }
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
        throw new Error(p('setup.fileNotObject'));
      setFile({ name: f.name, body: parsed as Record<string, unknown> });
    } catch (err) {
      setReadError((err as Error).message);
      setReadKey((n) => n + 1);
    }
  };

  const create = async () => {
    if (!file) return;
    const body = { ...file.body, unitId: str(file.body.unitId) || unitId };
    const created = await action.run(
      () => programmesApi.create(body),
      () => p('setup.created', { name: str(file.body.name) }),
    );
    if (created) navigate(`/program/${created.id}`);
  };

  const errors: ErrorSummaryItem[] = [
    ...(readError ? [{ message: readError, fieldId: 'ps-file' }] : []),
    ...(action.error
      ? action.error.fields.length > 0
        ? action.error.fields.map((f) => {
            const path = f.path.replace(/^body\.?/, '');
            return { message: path ? p('setup.fileField', { path, message: f.message }) : f.message };
          })
        : [{ message: action.error.message }]
      : []),
  ];
  const b = file?.body;
  const phases = arr(b?.phases) as Record<string, unknown>[];
  const cap = arr(b?.capacities)[0] as Record<string, unknown> | undefined;
  const mode = b?.capacityMode === 'annual' || b?.capacityMode === 'concurrent' ? b.capacityMode : null;
  const phaseList = phases.length ? (
    <ol>
      {phases.map((ph, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: a read-only preview in file order.
        <li key={i}>
          {str(ph.name) || str(ph.code)} –{' '}
          {lengthText(
            p,
            typeof ph.weeks === 'number' ? ph.weeks : null,
            typeof ph.months === 'number' ? ph.months : null,
          )}
        </li>
      ))}
    </ol>
  ) : null;

  return (
    <section className="wp-section" aria-labelledby="ps-file-heading">
      <h2 id="ps-file-heading">{p('setup.file')}</h2>
      <p>{p('setup.fileIntro')}</p>
      <ErrorSummary
        errors={errors}
        focusKey={`${readKey}-${action.errorKey}`}
        title={action.error ? p('setup.fileErrors') : undefined}
      />
      <div className="field">
        <label className="field__label" htmlFor="ps-file">
          {p('setup.fileInput')}
        </label>
        <p className="field__hint" id="ps-file-hint">
          {p('setup.fileUnitHint')}
        </p>
        <input
          id="ps-file"
          type="file"
          accept="application/json,.json"
          aria-describedby="ps-file-hint"
          onChange={(e) => void onFile(e)}
        />
      </div>
      {b && file ? (
        <div className="wp-card pg-preview">
          <h3 ref={previewRef} tabIndex={-1}>
            {p('setup.preview', { file: file.name })}
          </h3>
          <SummaryList
            rows={[
              [p('setup.code'), str(b.code)],
              [p('setup.name'), str(b.name)],
              [p('setup.kind'), pgLabel(p, 'kind.', str(b.kind))],
              [p('setup.previewPhases'), phaseList],
              [
                p('setup.capacity'),
                capacityText(p, mode, typeof cap?.places === 'number' ? cap.places : null) +
                  (cap?.validFrom ? ` (${p('setup.capacityFrom').toLowerCase()} ${str(cap.validFrom)})` : ''),
              ],
              [
                p('setup.maxLength'),
                typeof b.maxLengthMonths === 'number' ? String(b.maxLengthMonths) : null,
              ],
            ]}
          />
          <div className="form__actions">
            <Button busy={action.busy} onClick={() => void create()}>
              {action.busy ? p('common.saving') : p('setup.fileCreate')}
            </Button>
            <Button variant="secondary" onClick={() => onToForm(b)}>
              {p('setup.fileToForm')}
            </Button>
          </div>
        </div>
      ) : null}
    </section>
  );
}
