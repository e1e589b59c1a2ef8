/**
 * Socio-economic evaluation of a programme (DOMAIN §7), pure.
 *
 * Method (static, in the spirit of SEE/OFUS and Upphandlingsmyndigheten's calculator):
 * - Compare the insats with doing nothing: without it, each participant is assumed to stay on
 *   försörjningsstöd (ekonomiskt bistånd). No dynamic effects, no discounting, fixed prices of the
 *   parameter year.
 * - Observed effect: per participant, months on försörjningsstöd in a window of W months before start and
 *   W months after exit. Success share s = Σ (before − after) / (n × W): the share of person-months moved
 *   off assistance. Scenarios replace s by a chosen share (e.g. 25 %).
 * - One person-year off assistance and in work is worth, per actor (whole SEK; each product rounded once,
 *   half away from zero, rates taken to 6 decimals as stored):
 *     kommun  = 12 × försörjningsstöd/månad + 12 × lön × kommunalskatt + utanförskap kommun/år
 *     region  = 12 × lön × regionskatt + utanförskap region/år
 *     stat    = 12 × lön × arbetsgivaravgift + utanförskap stat/år
 *     individ = 12 × lön − kommunalskatt − regionskatt (as above) − 12 × försörjningsstöd/månad
 * - Year y gain of an actor = round(value × s × n_y), where n_y = participants with at least y years left to
 *   pension age (age at exit, whole years). A horizon of H years sums years 1…H; "arbetsliv" runs to the
 *   last participant's pension age.
 * - Costs (the programme cost per participant, split kommun / stat) fall at the start.
 * - Payback = months until the cumulative gain covers the cost (gain spread evenly over the months of each
 *   year). Return per invested krona = gain ÷ cost (2 decimals). "Offentlig sektor" = kommun + region + stat;
 *   the individ is shown but not counted in the public return.
 * - Every parameter is data (a year-versioned row); a missing one raises {@link MissingParametersError}.
 */

import { divRound } from './budget.ts';

export const ACTORS = ['kommun', 'region', 'stat', 'individ'] as const;
export type Actor = (typeof ACTORS)[number];
export const PUBLIC_ACTORS: readonly Actor[] = ['kommun', 'region', 'stat'];

export const PARAMETER_KEYS = [
  'forsorjningsstod_per_manad',
  'lon_per_manad',
  'kommunalskatt',
  'regionskatt',
  'arbetsgivaravgift',
  'utanforskap_kommun_per_ar',
  'utanforskap_region_per_ar',
  'utanforskap_stat_per_ar',
  'pensionsalder',
] as const;
type Key = (typeof PARAMETER_KEYS)[number];

export interface ParameterSpec {
  key: Key;
  unit: string;
  label: string;
}

/** The parameters the model needs, each a row per year in the organisation's table (never a constant here). */
export const PARAMETER_SPECS: readonly ParameterSpec[] = [
  {
    key: 'forsorjningsstod_per_manad',
    unit: 'kr/månad',
    label: 'Genomsnittligt försörjningsstöd per hushåll och månad',
  },
  { key: 'lon_per_manad', unit: 'kr/månad', label: 'Månadslön (brutto) i arbete efter insatsen' },
  { key: 'kommunalskatt', unit: 'andel', label: 'Kommunal inkomstskatt' },
  { key: 'regionskatt', unit: 'andel', label: 'Regionskatt' },
  { key: 'arbetsgivaravgift', unit: 'andel', label: 'Arbetsgivaravgifter' },
  {
    key: 'utanforskap_kommun_per_ar',
    unit: 'kr/år',
    label: 'Övriga kostnader för utanförskap per person och år: kommun',
  },
  {
    key: 'utanforskap_region_per_ar',
    unit: 'kr/år',
    label: 'Kostnader för utanförskap per person och år: region',
  },
  {
    key: 'utanforskap_stat_per_ar',
    unit: 'kr/år',
    label: 'Kostnader för utanförskap per person och år: staten',
  },
  { key: 'pensionsalder', unit: 'år', label: 'Ålder då arbetslivet antas sluta' },
];

/** Printed next to every result (DOMAIN §7.1). */
export const ASSUMPTIONS: readonly string[] = [
  'Statisk kalkyl: jämför insatsen med att inte göra något och antar att deltagaren annars hade fortsatt vara arbetslös med försörjningsstöd.',
  'Dynamiska effekter (undanträngning, ändrade priser och löner, effekter på andra i hushållet) ingår inte.',
  'Ingen diskontering; alla år räknas i parameterårets priser.',
  'Effekten mäts som månader med försörjningsstöd före start och efter avslut (uppföljningar och inkomstkälla vid avslut); okänt läge räknas som oförändrat sedan föregående kända läge.',
  'En person-år utan försörjningsstöd antas vara ett år i arbete med den angivna månadslönen.',
  'Insatsens kostnad räknas vid start. Kostnader och intäkter under själva insatsen (t.ex. skatt på lön i en anställning) ingår inte.',
  'Offentlig sektor = kommun + region + stat. Individens ändrade disponibla inkomst redovisas separat.',
  'Alla parametrar är data med år, värde, enhet och källa; beräkningen visar vilka versioner den använde.',
];

export interface ParameterValue {
  key: string;
  value: number;
  unit?: string;
  source?: string;
  id?: string;
}

export class MissingParametersError extends Error {
  constructor(
    readonly year: number,
    readonly missing: string[],
  ) {
    super(`Parametrar saknas för ${year}: ${missing.join(', ')}.`);
    this.name = 'MissingParametersError';
  }
}

/** The required parameters as a map, or a typed error listing every missing key (sorted). */
export function requireParameters(year: number, values: readonly ParameterValue[]): Record<Key, number> {
  const byKey = new Map(values.map((v) => [v.key, v.value]));
  const missing = PARAMETER_KEYS.filter((k) => !Number.isFinite(byKey.get(k) ?? Number.NaN)).sort();
  if (missing.length > 0) throw new MissingParametersError(year, missing);
  return Object.fromEntries(PARAMETER_KEYS.map((k) => [k, byKey.get(k)!])) as Record<Key, number>;
}

/** A share as an exact fraction. */
export interface Share {
  num: number;
  den: number;
}

export function shareFromDecimal(s: number): Share {
  return { num: Math.round(s * 10_000), den: 10_000 };
}

/** amount × rate, with the rate taken to 6 decimals, rounded half away from zero to whole SEK. */
export function applyRate(amountSek: number, rate: number): number {
  return divRound(amountSek * Math.round(rate * 1_000_000), 1_000_000);
}

/** Value of one person-year off försörjningsstöd and in work, per actor, in whole SEK. */
export function valuePerPersonYear(p: Record<Key, number>): Record<Actor, number> {
  const wageYear = Math.round(12 * p.lon_per_manad);
  const assistanceYear = Math.round(12 * p.forsorjningsstod_per_manad);
  const kommunalskatt = applyRate(wageYear, p.kommunalskatt);
  const regionskatt = applyRate(wageYear, p.regionskatt);
  return {
    kommun: assistanceYear + kommunalskatt + Math.round(p.utanforskap_kommun_per_ar),
    region: regionskatt + Math.round(p.utanforskap_region_per_ar),
    stat: applyRate(wageYear, p.arbetsgivaravgift) + Math.round(p.utanforskap_stat_per_ar),
    individ: wageYear - kommunalskatt - regionskatt - assistanceYear,
  };
}

export type AssistanceState = 'forsorjningsstod' | 'annat' | 'okant';

/**
 * Months on försörjningsstöd in the W months after exit. Month k (1…W) takes the state of the latest known
 * observation at or before k months after exit: the state at exit (month 0), then each follow-up at its
 * month. Unknown follow-ups carry the previous known state forward.
 */
export function monthsOnAssistanceAfterExit(
  stateAtExit: AssistanceState,
  followUps: readonly { monthsAfterExit: number; state: AssistanceState }[],
  windowMonths: number,
): number {
  const known = [...followUps]
    .filter((f) => f.state !== 'okant' && f.monthsAfterExit >= 1)
    .sort((a, b) => a.monthsAfterExit - b.monthsAfterExit);
  let state = stateAtExit;
  let next = 0;
  let months = 0;
  for (let k = 1; k <= windowMonths; k++) {
    while (next < known.length && known[next]!.monthsAfterExit <= k) {
      state = known[next]!.state;
      next++;
    }
    if (state === 'forsorjningsstod') months++;
  }
  return months;
}

export interface ParticipantInput {
  /** A pseudonymous reference (no personal data in the evaluation). */
  ref: string;
  /** Whole years at exit (or at the end of the period while still enrolled). */
  ageAtExit: number;
  monthsBefore: number;
  monthsAfter: number;
  /** Programme cost carried by each actor for this participant (whole SEK). */
  cost: { kommun: number; stat: number };
}

export type Horizon = number | 'arbetsliv';

export interface EvaluationInput {
  year: number;
  observationMonths: number;
  participants: readonly ParticipantInput[];
  parameters: readonly ParameterValue[];
  /** Scenario shares besides the observed one, e.g. [0.25, 0.5]. */
  scenarioShares?: readonly number[];
  horizons?: readonly Horizon[];
}

export interface ActorResult {
  actor: Actor | 'offentlig_sektor';
  costSek: number;
  gainSek: number;
  netSek: number;
  /** gain ÷ cost to 2 decimals; null when the actor bears no cost. */
  returnPerKrona: number | null;
  /** Months until the cumulative gain covers the cost; 0 without cost; null if never within working life. */
  paybackMonths: number | null;
}

export interface HorizonResult {
  horizon: Horizon;
  years: number;
  actors: ActorResult[];
  /** Share (in %, 1 decimal) at which the public gain over the horizon equals the public cost. */
  breakEvenSharePercent: number | null;
}

export interface ScenarioResult {
  label: 'observerad' | 'scenario';
  share: Share;
  sharePercent: number;
  /** Gain per actor and year (year 1 … working life). */
  yearly: { year: number; gains: Record<Actor, number> }[];
  horizons: HorizonResult[];
}

export interface SensitivityRow {
  key: string;
  baseValue: number;
  /** Public net result over the mandate period (4 years) and working life, at −20 % and +20 %. */
  low: { value: number; netMandateSek: number; netWorkingLifeSek: number };
  high: { value: number; netMandateSek: number; netWorkingLifeSek: number };
}

export interface Evaluation {
  year: number;
  observationMonths: number;
  participants: (ParticipantInput & {
    remainingWorkingYears: number;
    avoidedMonths: number;
    avoidedAssistanceSek: number;
  })[];
  valuePerPersonYear: Record<Actor, number>;
  costs: Record<Actor, number> & { offentlig_sektor: number };
  observedShare: Share;
  scenarios: ScenarioResult[];
  /** Sensitivity at the observed share: each parameter (except pension age, which sets the horizon) ± 20 %. */
  sensitivity: SensitivityRow[];
  baseNet: { netMandateSek: number; netWorkingLifeSek: number };
  parametersUsed: ParameterValue[];
  assumptions: readonly string[];
}

const MANDATE_YEARS = 4;

function horizonYears(h: Horizon, maxYears: number): number {
  return h === 'arbetsliv' ? maxYears : h;
}

function ratio2(gain: number, cost: number): number | null {
  if (cost === 0) return null;
  return divRound(gain * 100, cost) / 100;
}

/** Months until cumulative yearly gains (spread evenly over each year's 12 months) reach the cost. */
export function paybackMonths(cost: number, gainsByYear: readonly number[]): number | null {
  if (cost <= 0) return 0;
  let cumulative = 0;
  for (let y = 0; y < gainsByYear.length; y++) {
    const g = gainsByYear[y]!;
    if (g > 0 && cumulative + g >= cost) {
      const needed = cost - cumulative;
      // ceil(12 × needed / g) in integers
      return 12 * y + Math.floor((12 * needed + g - 1) / g);
    }
    cumulative += g;
  }
  return null;
}

interface Core {
  value: Record<Actor, number>;
  remaining: number[];
  costs: Record<Actor, number>;
}

function scenario(
  core: Core,
  share: Share,
  horizons: readonly Horizon[],
  label: ScenarioResult['label'],
): ScenarioResult {
  const maxYears = Math.max(0, ...core.remaining);
  const yearly: ScenarioResult['yearly'] = [];
  for (let y = 1; y <= maxYears; y++) {
    const n = core.remaining.filter((r) => r >= y).length;
    const gains = Object.fromEntries(
      ACTORS.map((a) => [a, divRound(core.value[a] * share.num * n, share.den)]),
    ) as Record<Actor, number>;
    yearly.push({ year: y, gains });
  }
  const publicYear = yearly.map((y) => PUBLIC_ACTORS.reduce((s, a) => s + y.gains[a], 0));
  const publicCost = PUBLIC_ACTORS.reduce((s, a) => s + core.costs[a], 0);
  const publicValue = PUBLIC_ACTORS.reduce((s, a) => s + core.value[a], 0);
  const results = horizons.map((h): HorizonResult => {
    const years = Math.min(horizonYears(h, maxYears), maxYears);
    const actors: ActorResult[] = ACTORS.map((a) => {
      const gain = yearly.slice(0, years).reduce((s, y) => s + y.gains[a], 0);
      const cost = core.costs[a];
      return {
        actor: a,
        costSek: cost,
        gainSek: gain,
        netSek: gain - cost,
        returnPerKrona: ratio2(gain, cost),
        paybackMonths: paybackMonths(
          cost,
          yearly.map((y) => y.gains[a]),
        ),
      };
    });
    const publicGain = publicYear.slice(0, years).reduce((s, g) => s + g, 0);
    actors.push({
      actor: 'offentlig_sektor',
      costSek: publicCost,
      gainSek: publicGain,
      netSek: publicGain - publicCost,
      returnPerKrona: ratio2(publicGain, publicCost),
      paybackMonths: paybackMonths(publicCost, publicYear),
    });
    let personYears = 0;
    for (let y = 1; y <= years; y++) personYears += core.remaining.filter((r) => r >= y).length;
    const denom = publicValue * personYears;
    return {
      horizon: h,
      years,
      actors,
      breakEvenSharePercent: denom > 0 ? divRound(publicCost * 1000, denom) / 10 : null,
    };
  });
  return {
    label,
    share,
    sharePercent: divRound(share.num * 1000, share.den) / 10,
    yearly,
    horizons: results,
  };
}

function publicNet(core: Core, share: Share, years: number): number {
  let net = -PUBLIC_ACTORS.reduce((s, a) => s + core.costs[a], 0);
  for (let y = 1; y <= years; y++) {
    const n = core.remaining.filter((r) => r >= y).length;
    for (const a of PUBLIC_ACTORS) net += divRound(core.value[a] * share.num * n, share.den);
  }
  return net;
}

export function evaluate(input: EvaluationInput): Evaluation {
  const params = requireParameters(input.year, input.parameters);
  const n = input.participants.length;
  if (n === 0) throw new RangeError('Inga deltagare i perioden att bedöma.');
  const w = input.observationMonths;
  const value = valuePerPersonYear(params);
  const pensionAge = Math.round(params.pensionsalder);
  const remaining = input.participants.map((p) => Math.max(0, pensionAge - p.ageAtExit));
  const costs: Record<Actor, number> = {
    kommun: input.participants.reduce((s, p) => s + p.cost.kommun, 0),
    region: 0,
    stat: input.participants.reduce((s, p) => s + p.cost.stat, 0),
    individ: 0,
  };
  const core: Core = { value, remaining, costs };
  const avoided = input.participants.map((p) => p.monthsBefore - p.monthsAfter);
  const observedShare: Share = { num: avoided.reduce((s, a) => s + a, 0), den: n * w };
  const horizons = input.horizons ?? [1, MANDATE_YEARS, 'arbetsliv'];
  const scenarios = [
    scenario(core, observedShare, horizons, 'observerad'),
    ...(input.scenarioShares ?? []).map((s) => scenario(core, shareFromDecimal(s), horizons, 'scenario')),
  ];
  const maxYears = Math.max(0, ...remaining);
  const sensitivity: SensitivityRow[] = PARAMETER_KEYS.filter((k) => k !== 'pensionsalder').map((key) => {
    const at = (factor: number) => {
      const v = params[key];
      const changed =
        key.endsWith('skatt') || key === 'arbetsgivaravgift' ? v * factor : Math.round(v * factor);
      const c: Core = { ...core, value: valuePerPersonYear({ ...params, [key]: changed }) };
      return {
        value: changed,
        netMandateSek: publicNet(c, observedShare, Math.min(MANDATE_YEARS, maxYears)),
        netWorkingLifeSek: publicNet(c, observedShare, maxYears),
      };
    };
    return { key, baseValue: params[key], low: at(0.8), high: at(1.2) };
  });
  const fs = Math.round(params.forsorjningsstod_per_manad);
  return {
    year: input.year,
    observationMonths: w,
    participants: input.participants.map((p, i) => ({
      ...p,
      remainingWorkingYears: remaining[i]!,
      avoidedMonths: avoided[i]!,
      avoidedAssistanceSek: avoided[i]! * fs,
    })),
    valuePerPersonYear: value,
    costs: { ...costs, offentlig_sektor: costs.kommun + costs.region + costs.stat },
    observedShare,
    scenarios,
    sensitivity,
    baseNet: {
      netMandateSek: publicNet(core, observedShare, Math.min(MANDATE_YEARS, maxYears)),
      netWorkingLifeSek: publicNet(core, observedShare, maxYears),
    },
    parametersUsed: input.parameters.filter((p) => (PARAMETER_KEYS as readonly string[]).includes(p.key)),
    assumptions: ASSUMPTIONS,
  };
}
