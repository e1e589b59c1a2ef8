import type { Ctx } from '../../context.ts';
import type { Tx } from '../../db/connection.ts';
import { AppError } from '../../http/errors.ts';
import { componentTable, derivedSum, type Figure, percentage, type SuppressionChoice } from './figures.ts';
import { refreshStaleOutcomes } from './refresh-outcomes.ts';
import {
  AGE_BANDS,
  type OutcomeDimension,
  type OutcomeGroupRow,
  outcomeCube,
  programmeNames,
  suppressionThreshold,
  unitNames,
} from './repo.ts';

/** The figures of one group (or of the whole population). */
export interface OutcomeFigures {
  participants: Figure;
  exited: Figure;
  intoWork: Figure;
  intoStudies: Figure;
  intoWorkOrStudies: Figure;
  /** Into work or studies as a share of those who exited, one decimal. */
  shareOfExitedPercent: Figure;
  /** Exited into work or studies within 18 months of start. */
  within18Months: Figure;
  /** Of those who exited, the share that reached work or studies within 18 months of start. */
  shareWithin18MonthsPercent: Figure;
}

export interface OutcomeGroup {
  key: string;
  label: string;
  figures: OutcomeFigures;
}

export interface FollowUpRow {
  months: number;
  status: string;
  label: string;
  count: Figure;
}

export interface OutcomeReport {
  kind: 'utfall';
  title: string;
  programme: { id: string; name: string } | null;
  referenceDate: string;
  suppression: { applied: boolean; threshold: number };
  definitions: { term: string; text: string }[];
  total: OutcomeFigures;
  byProgramme: OutcomeGroup[];
  byUnit: OutcomeGroup[];
  /** Per område: the unit's parent in the unit tree (a unit without a parent is its own). */
  byDistrict: OutcomeGroup[];
  bySex: OutcomeGroup[];
  byAgeBand: OutcomeGroup[];
  byCohort: OutcomeGroup[];
  followUps: FollowUpRow[];
}

export const OUTCOME_DEFINITIONS: { term: string; text: string }[] = [
  { term: 'Deltagare', text: 'Inskrivningar i insatsen med startdatum på eller före referensdatumet.' },
  {
    term: 'Avslutade',
    text: 'Deltagare med ett avslutsdatum på eller före referensdatumet, oavsett avslutsorsak.',
  },
  { term: 'Till arbete', text: 'Avslutade med avslutsorsak arbete (alla anställningsformer).' },
  { term: 'Till studier', text: 'Avslutade med avslutsorsak studier.' },
  { term: 'Till arbete eller studier', text: 'Summan av avslutade till arbete och till studier.' },
  {
    term: 'Andel av avslutade',
    text: 'Till arbete eller studier delat med avslutade, i procent med en decimal (avrundat, 0,05 uppåt).',
  },
  {
    term: 'Inom 18 månader',
    text: 'Avslutade till arbete eller studier senast 18 månader efter startdatum; andelen räknas av avslutade.',
  },
  {
    term: 'Område',
    text:
      'Enhetens överordnade enhet i organisationen, t.ex. stadsdelen eller förvaltningen som ett ' +
      'kompetenscenter hör till. En enhet utan överordnad enhet är sitt eget område.',
  },
  {
    term: 'Ålder',
    text: 'Ålder vid start i hela år. Startkohort är startdatumets år och månad (ÅÅÅÅ-MM).',
  },
  {
    term: 'Uppföljning',
    text: 'Status för uppföljningen 6, 12 och 18 månader efter avslut, för avslutade deltagare.',
  },
  {
    term: 'Röjandekontroll',
    text:
      'Antal 1 till gränsvärdet minus 1 visas som "<gränsvärdet"; celler som annars kunde räknas fram ' +
      'döljs också (".."). Andelar visas inte när nämnaren eller täljaren är liten. Personer med ' +
      'skyddade personuppgifter ingår aldrig i en liten cell.',
  },
];

const SEX_LABELS: Record<string, string> = { K: 'Kvinnor', M: 'Män', X: 'Annat juridiskt kön' };
export const FOLLOW_UP_LABELS: Record<string, string> = {
  planerad: 'Planerad',
  ej_nadd: 'Ej nådd',
  ingen: 'Ingen uppföljning',
  arbete: 'Arbete',
  studier: 'Studier',
  arbetssokande: 'Arbetssökande',
  annan_insats: 'Annan insats',
  sjukdom: 'Sjukdom',
  forsorjningsstod: 'Försörjningsstöd',
  annat: 'Annat',
  okand: 'Okänd',
};

export interface OutcomeReportInput {
  programmeId?: string | undefined;
  referenceDate: string;
  /** Ask for unsuppressed internal figures (enhetschef of every unit in the population only). */
  unsuppressed?: boolean;
}

/** Whether the actor may see unsuppressed figures for all of these units. */
export function mayViewUnsuppressed(ctx: Ctx, unitIds: Iterable<string>): boolean {
  const scope = ctx.actor?.unitScope.get('enhetschef');
  if (!scope) return false;
  for (const u of unitIds) if (!scope.has(u)) return false;
  return true;
}

function figuresOf(
  cells: Figure[],
  participants: Figure,
  withinLimit: number,
  choice: SuppressionChoice,
  protectedWithin: number,
): OutcomeFigures {
  const [intoWork, intoStudies, exitedOther] = cells as [Figure, Figure, Figure, Figure];
  const exited = derivedSum([intoWork, intoStudies, exitedOther]);
  const intoWorkOrStudies = derivedSum([intoWork, intoStudies]);
  const within: Figure =
    intoWorkOrStudies.value === null
      ? { value: null, display: '..', hidden: 'secondary' }
      : (withinLimit >= 1 && withinLimit < choice.threshold && (choice.suppress || protectedWithin > 0)) ||
          // The complement (into work or studies later than 18 months) is a count of people too.
          (choice.suppress &&
            intoWorkOrStudies.value - withinLimit >= 1 &&
            intoWorkOrStudies.value - withinLimit < choice.threshold)
        ? { value: null, display: choice.suppress ? '..' : `<${choice.threshold}`, hidden: 'secondary' }
        : { value: withinLimit, display: String(withinLimit) };
  return {
    participants,
    exited,
    intoWork,
    intoStudies,
    intoWorkOrStudies,
    shareOfExitedPercent: percentage(intoWorkOrStudies, exited, choice),
    within18Months: within,
    shareWithin18MonthsPercent: percentage(within, exited, choice),
  };
}

const componentsOf = (r: OutcomeGroupRow) => [r.into_work, r.into_studies, r.exited_other, r.open];
const protectedOf = (r: OutcomeGroupRow) => [r.p_into_work, r.p_into_studies, r.p_exited_other, r.p_open];

function groupsOf(
  rows: OutcomeGroupRow[],
  order: { key: string; label: string }[],
  choice: SuppressionChoice,
): OutcomeGroup[] {
  const byKey = new Map(rows.map((r) => [r.key, r]));
  const empty: OutcomeGroupRow = {
    key: '',
    into_work: 0,
    into_studies: 0,
    exited_other: 0,
    open: 0,
    within_limit: 0,
    p_into_work: 0,
    p_into_studies: 0,
    p_exited_other: 0,
    p_open: 0,
  };
  const ordered = order.map((o) => ({ ...o, row: byKey.get(o.key) ?? { ...empty, key: o.key } }));
  const table = componentTable(
    ordered.map((o) => componentsOf(o.row)),
    ordered.map((o) => protectedOf(o.row)),
    choice,
  );
  return ordered.map((o, i) => ({
    key: o.key,
    label: o.label,
    figures: figuresOf(
      table.cells[i] ?? [],
      table.rowTotals[i]!,
      o.row.within_limit,
      choice,
      // Protected persons among "within 18 months" are not split out per group; treat any protected
      // person who reached work or studies as potentially in it (conservative).
      o.row.p_into_work + o.row.p_into_studies,
    ),
  }));
}

/** Unit rows summed per district (the unit's parent; a top unit is its own district). */
function districtRows(unitRows: OutcomeGroupRow[], units: { id: string; parent_id: string | null }[]) {
  const districtOf = new Map(units.map((u) => [u.id, u.parent_id ?? u.id]));
  const sums = new Map<string, OutcomeGroupRow>();
  for (const r of unitRows) {
    const key = districtOf.get(r.key) ?? r.key;
    const d = sums.get(key);
    if (!d) {
      sums.set(key, { ...r, key });
      continue;
    }
    for (const f of Object.keys(r) as (keyof OutcomeGroupRow)[]) {
      if (f !== 'key') d[f] += r[f];
    }
  }
  return [...sums.values()];
}

/** Sorted keys of the groups present, with labels. */
function present(rows: OutcomeGroupRow[], label: (k: string) => string) {
  return rows.map((r) => ({ key: r.key, label: label(r.key) }));
}

/**
 * The outcome report (Göteborg-style). Refreshes stale outcome rows first, then reads only the
 * precomputed table. Suppression is on unless an enhetschef covering every unit asks for it off.
 */
export async function outcomeReport(ctx: Ctx, input: OutcomeReportInput): Promise<OutcomeReport> {
  const organisationId = ctx.actor!.organisationId;
  return ctx.db.transaction().execute(async (tx) => {
    await refreshStaleOutcomes(tx, organisationId);
    return buildOutcomeReport(ctx, tx, organisationId, input);
  });
}

export async function buildOutcomeReport(
  ctx: Ctx,
  tx: Tx,
  organisationId: string,
  input: OutcomeReportInput,
): Promise<OutcomeReport> {
  const programmes = await programmeNames(tx, organisationId);
  const programme = input.programmeId ? programmes.find((p) => p.id === input.programmeId) : undefined;
  if (input.programmeId && !programme) throw new AppError(404, 'not_found', 'not_found');
  const filter = { organisationId, programmeId: input.programmeId, referenceDate: input.referenceDate };
  const cube = await outcomeCube(tx, filter);
  const rows = new Map<OutcomeDimension, OutcomeGroupRow[]>(
    Object.entries(cube.groups) as [OutcomeDimension, OutcomeGroupRow[]][],
  );
  const unitsInPopulation = new Set((rows.get('unit') ?? []).map((r) => r.key));
  if (input.unsuppressed && !mayViewUnsuppressed(ctx, unitsInPopulation)) {
    throw new AppError(403, 'forbidden', {
      sv: 'Bara enhetschefen för enheterna i urvalet kan se siffror utan röjandekontroll.',
      en: 'Only the manager of the units in the selection may see unsuppressed figures.',
    });
  }
  const choice: SuppressionChoice = {
    suppress: !input.unsuppressed,
    threshold: await suppressionThreshold(tx, organisationId),
  };
  const units = await unitNames(tx, organisationId);
  const byDistrict = districtRows(rows.get('unit') ?? [], units);
  /** The units among the given rows' keys, by Swedish name. */
  const unitsOf = (groupRows: OutcomeGroupRow[]) =>
    [...units]
      .filter((u) => groupRows.some((r) => r.key === u.id))
      .sort((a, b) => a.name.localeCompare(b.name, 'sv'))
      .map((u) => ({ key: u.id, label: u.name }));
  const totalRows = rows.get('total') ?? [];
  const total = groupsOf(totalRows, [{ key: 'total', label: 'Totalt' }], choice)[0]!;
  const programmeLabel = (k: string) => programmes.find((p) => p.id === k)?.name ?? k;

  const followUps: FollowUpRow[] = [];
  const fu = cube.followUps;
  for (const months of [6, 12, 18]) {
    const at = fu.filter((r) => r.months === months);
    const table = componentTable(
      at.map((r) => [r.n]),
      at.map((r) => [r.p]),
      choice,
    );
    for (const [i, r] of at.entries()) {
      followUps.push({
        months,
        status: r.status,
        label: FOLLOW_UP_LABELS[r.status] ?? r.status,
        count: table.rowTotals[i]!,
      });
    }
  }

  return {
    kind: 'utfall',
    title: `Utfall${programme ? ` – ${programme.name}` : ''} per ${input.referenceDate}`,
    programme: programme ? { id: programme.id, name: programme.name } : null,
    referenceDate: input.referenceDate,
    suppression: { applied: choice.suppress, threshold: choice.threshold },
    definitions: OUTCOME_DEFINITIONS,
    total: total.figures,
    byProgramme: groupsOf(
      rows.get('programme') ?? [],
      present(rows.get('programme') ?? [], programmeLabel),
      choice,
    ),
    byUnit: groupsOf(rows.get('unit') ?? [], unitsOf(rows.get('unit') ?? []), choice),
    byDistrict: groupsOf(byDistrict, unitsOf(byDistrict), choice),
    bySex: groupsOf(
      rows.get('sex') ?? [],
      present(rows.get('sex') ?? [], (k) => SEX_LABELS[k] ?? k),
      choice,
    ),
    byAgeBand: groupsOf(
      rows.get('ageBand') ?? [],
      AGE_BANDS.filter((b) => (rows.get('ageBand') ?? []).some((r) => r.key === b.key)).map((b) => ({
        key: b.key,
        label: `${b.key.replace('-', '–')} år`,
      })),
      choice,
    ),
    byCohort: groupsOf(
      rows.get('cohort') ?? [],
      present(rows.get('cohort') ?? [], (k) => k),
      choice,
    ),
    followUps,
  };
}
