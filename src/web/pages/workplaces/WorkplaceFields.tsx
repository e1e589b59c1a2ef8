import { TextField } from '../../components/TextField.tsx';
import { WORKPLACE_KINDS, type WorkplaceView } from './types.ts';
import { blankToNull, CheckboxField, SelectField, TextAreaField, useWp } from './ui.tsx';

/** The workplace's own fields as the form holds them (all text). */
export interface WorkplaceDraft {
  kind: (typeof WORKPLACE_KINDS)[number];
  name: string;
  organisationsnummer: string;
  sniCode: string;
  sector: string;
  streetAddress: string;
  postalCode: string;
  city: string;
  area: string;
  note: string;
  active: boolean;
}

export const emptyDraft: WorkplaceDraft = {
  kind: 'kommunal',
  name: '',
  organisationsnummer: '',
  sniCode: '',
  sector: '',
  streetAddress: '',
  postalCode: '',
  city: '',
  area: '',
  note: '',
  active: true,
};

export function draftOf(w: WorkplaceView): WorkplaceDraft {
  return {
    kind: w.kind,
    name: w.name,
    organisationsnummer: w.organisationsnummer ?? '',
    sniCode: w.sector.code ?? '',
    sector: w.sector.label ?? '',
    streetAddress: w.streetAddress ?? '',
    postalCode: w.postalCode ?? '',
    city: w.city ?? '',
    area: w.area ?? '',
    note: w.note ?? '',
    active: w.active,
  };
}

/** The body the API takes for the workplace's own fields. */
export function bodyOf(d: WorkplaceDraft) {
  return {
    kind: d.kind,
    name: d.name.trim(),
    organisationsnummer: blankToNull(d.organisationsnummer),
    sniCode: blankToNull(d.sniCode),
    sector: blankToNull(d.sector),
    streetAddress: blankToNull(d.streetAddress),
    postalCode: blankToNull(d.postalCode),
    city: blankToNull(d.city),
    area: blankToNull(d.area),
    note: blankToNull(d.note),
    active: d.active,
  };
}

export type DraftErrors = Partial<Record<'name' | 'organisationsnummer', string>>;

export function validateDraft(d: WorkplaceDraft, w: ReturnType<typeof useWp>): DraftErrors {
  const errors: DraftErrors = {};
  if (d.name.trim() === '') errors.name = w('form.nameRequired');
  if (d.kind !== 'kommunal' && d.organisationsnummer.trim() === '')
    errors.organisationsnummer = w('form.orgnrRequired');
  return errors;
}

/** Field ids, for the error summary links. */
export const draftFieldIds = (prefix: string) => ({
  name: `${prefix}-name`,
  organisationsnummer: `${prefix}-orgnr`,
});

export function WorkplaceFields({
  prefix,
  draft,
  onChange,
  errors,
  showActive,
}: {
  prefix: string;
  draft: WorkplaceDraft;
  onChange: (d: WorkplaceDraft) => void;
  errors: DraftErrors;
  showActive?: boolean;
}) {
  const w = useWp();
  const set = <K extends keyof WorkplaceDraft>(k: K, v: WorkplaceDraft[K]) => onChange({ ...draft, [k]: v });
  const ids = draftFieldIds(prefix);
  return (
    <>
      <SelectField
        id={`${prefix}-kind`}
        label={w('form.kind')}
        value={draft.kind}
        onChange={(e) => set('kind', e.target.value as WorkplaceDraft['kind'])}
        options={WORKPLACE_KINDS.map((k) => ({ value: k, label: w(`kind.${k}`) }))}
      />
      <TextField
        id={ids.name}
        label={w('form.name')}
        value={draft.name}
        onChange={(e) => set('name', e.target.value)}
        error={errors.name ?? null}
        autoComplete="organization"
      />
      <TextField
        id={ids.organisationsnummer}
        label={w('form.orgnr')}
        hint={w('form.orgnrHint')}
        value={draft.organisationsnummer}
        onChange={(e) => set('organisationsnummer', e.target.value)}
        error={errors.organisationsnummer ?? null}
        inputMode="numeric"
      />
      <div className="wp-row">
        <TextField
          id={`${prefix}-sni`}
          label={w('form.sniCode')}
          hint={w('form.sniHint')}
          value={draft.sniCode}
          onChange={(e) => set('sniCode', e.target.value)}
        />
        <TextField
          id={`${prefix}-sector`}
          label={w('form.sector')}
          hint={w('form.sectorHint')}
          value={draft.sector}
          onChange={(e) => set('sector', e.target.value)}
        />
      </div>
      <TextField
        id={`${prefix}-street`}
        label={w('form.street')}
        value={draft.streetAddress}
        onChange={(e) => set('streetAddress', e.target.value)}
        autoComplete="street-address"
      />
      <div className="wp-row">
        <TextField
          id={`${prefix}-postal`}
          label={w('form.postalCode')}
          value={draft.postalCode}
          onChange={(e) => set('postalCode', e.target.value)}
          autoComplete="postal-code"
          inputMode="numeric"
        />
        <TextField
          id={`${prefix}-city`}
          label={w('form.city')}
          value={draft.city}
          onChange={(e) => set('city', e.target.value)}
          autoComplete="address-level2"
        />
        <TextField
          id={`${prefix}-area`}
          label={w('form.area')}
          value={draft.area}
          onChange={(e) => set('area', e.target.value)}
        />
      </div>
      <TextAreaField
        id={`${prefix}-note`}
        label={w('form.note')}
        value={draft.note}
        onChange={(e) => set('note', e.target.value)}
      />
      {showActive ? (
        <CheckboxField
          id={`${prefix}-active`}
          label={w('form.active')}
          checked={draft.active}
          onChange={(v) => set('active', v)}
        />
      ) : null}
    </>
  );
}
