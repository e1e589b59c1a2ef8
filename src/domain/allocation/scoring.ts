/**
 * Suitability score 0–100 for adult placements, per (participant, slot), from occupation interest (SSYK),
 * languages, area/commute, the shortage occupation list and driving licence. Each part is returned as a
 * component so the case worker sees why a match was proposed.
 */
import { AllocationInputError } from './errors.ts';
import type { AllocationInput, Choice, ScoreComponent } from './types.ts';

export interface PlacementParticipant {
  id: string;
  /** SSYK 2012 codes (1–4 digits) the participant is interested in. */
  ssykInterests: string[];
  /** Languages the participant can work in, e.g. `['sv', 'ar']`. */
  languages: string[];
  /** Home area (district / municipality code). */
  area: string;
  /** Licence classes held, e.g. `['B']`. */
  licences?: string[];
  /** Longest acceptable commute in minutes (default 60). */
  maxCommuteMinutes?: number;
  priority?: boolean | number;
  attributes?: Record<string, string | number | boolean | null>;
}

export interface PlacementSlot {
  id: string;
  /** SSYK 2012 code of the slot's occupation (4 digits). */
  ssyk: string;
  area: string;
  capacity: number;
  /** Languages the work requires; the score counts how many the participant has. */
  languages?: string[];
  /** On the shortage occupation list (bristyrke). */
  shortageOccupation?: boolean;
  /** Licence class required, e.g. `B`: without it the slot is not eligible. */
  requiredLicence?: string;
  label?: string;
}

export interface ScoreWeights {
  ssyk: number;
  sprak: number;
  omrade: number;
  bristyrke: number;
  korkort: number;
}

/** Default weights (sum 100). */
export const DEFAULT_WEIGHTS: ScoreWeights = { ssyk: 40, sprak: 20, omrade: 20, bristyrke: 10, korkort: 10 };

export interface ScoringOptions {
  weights?: ScoreWeights;
  /** Commute minutes between areas: `commute[from][to]`. Same area counts as 0 minutes. */
  commute?: Record<string, Record<string, number>>;
}

export interface Suitability {
  eligible: boolean;
  ineligibleReasons: string[];
  score: number;
  components: ScoreComponent[];
}

/** Shared leading digits of two SSYK codes (0–4). */
function ssykLevel(a: string, b: string): number {
  let k = 0;
  while (k < 4 && k < a.length && k < b.length && a[k] === b[k]) k++;
  return k;
}

export function scoreSuitability(
  participant: PlacementParticipant,
  slot: PlacementSlot,
  options: ScoringOptions = {},
): Suitability {
  const w = options.weights ?? DEFAULT_WEIGHTS;
  const components: ScoreComponent[] = [];
  const ineligibleReasons: string[] = [];

  // Occupation interest: share of SSYK digits in common (4 = same occupation).
  let bestLevel = 0;
  let bestCode = '';
  for (const code of participant.ssykInterests) {
    const level = ssykLevel(code, slot.ssyk);
    if (level > bestLevel) {
      bestLevel = level;
      bestCode = code;
    }
  }
  components.push({
    key: 'ssyk',
    label: 'Yrkesintresse (SSYK)',
    points: Math.round((w.ssyk * bestLevel) / 4),
    maxPoints: w.ssyk,
    detail:
      bestLevel === 0
        ? `inget intresse nära ${slot.ssyk}`
        : bestLevel === 4
          ? `samma yrke ${slot.ssyk}`
          : `${bestCode} delar ${bestLevel} siffror med ${slot.ssyk}`,
  });

  // Languages required by the work.
  const required = slot.languages ?? [];
  const have = required.filter((l) => participant.languages.includes(l));
  components.push({
    key: 'sprak',
    label: 'Språk',
    points: required.length === 0 ? w.sprak : Math.round((w.sprak * have.length) / required.length),
    maxPoints: w.sprak,
    detail:
      required.length === 0
        ? 'inga språkkrav'
        : `${have.length} av ${required.length} (${required.join(', ')})`,
  });

  // Area / commute.
  const maxCommute = participant.maxCommuteMinutes ?? 60;
  const minutes =
    participant.area === slot.area
      ? 0
      : (options.commute?.[participant.area]?.[slot.area] ?? Number.POSITIVE_INFINITY);
  const areaPoints =
    minutes === 0
      ? w.omrade
      : minutes <= maxCommute
        ? Math.round(w.omrade * (1 - minutes / (2 * maxCommute)))
        : 0;
  components.push({
    key: 'omrade',
    label: 'Område/pendling',
    points: areaPoints,
    maxPoints: w.omrade,
    detail:
      minutes === 0
        ? 'samma område'
        : Number.isFinite(minutes)
          ? `${minutes} min pendling (högst ${maxCommute})`
          : 'pendlingstid okänd',
  });

  components.push({
    key: 'bristyrke',
    label: 'Bristyrke',
    points: slot.shortageOccupation ? w.bristyrke : 0,
    maxPoints: w.bristyrke,
    detail: slot.shortageOccupation ? 'på listan över bristyrken' : 'inte bristyrke',
  });

  const licence = slot.requiredLicence;
  const hasLicence = licence === undefined || (participant.licences ?? []).includes(licence);
  if (!hasLicence) ineligibleReasons.push(`Saknar körkort (${licence})`);
  components.push({
    key: 'korkort',
    label: 'Körkort',
    points: hasLicence ? w.korkort : 0,
    maxPoints: w.korkort,
    detail: licence === undefined ? 'inget krav' : hasLicence ? `har ${licence}` : `saknar ${licence}`,
  });

  const score = Math.max(
    0,
    Math.min(
      100,
      components.reduce((s, c) => s + c.points, 0),
    ),
  );
  return { eligible: ineligibleReasons.length === 0, ineligibleReasons, score, components };
}

export interface PlacementInputOptions extends ScoringOptions {
  /** Pairs scoring below this are not offered (default 1). */
  minScore?: number;
  /** At most this many best-scoring slots per participant (default all). */
  maxChoicesPerParticipant?: number;
}

/** AllocationInput in scores mode for the placement feature: every sufficiently suitable (participant, slot). */
export function buildPlacementInput(
  participants: PlacementParticipant[],
  slots: PlacementSlot[],
  options: PlacementInputOptions = {},
): AllocationInput {
  const minScore = options.minScore ?? 1;
  slots.forEach((s, index) => {
    if (!/^\d{1,4}$/.test(s.ssyk ?? '')) {
      throw new AllocationInputError(`Plats "${s.id}" har ogiltig SSYK-kod "${s.ssyk}"`, 'bad-ssyk', {
        kind: 'workplace',
        id: s.id,
        index,
      });
    }
  });
  const preferences = participants.map((pp) => {
    const scored: Choice[] = [];
    for (const slot of slots) {
      const s = scoreSuitability(pp, slot, options);
      if (s.score < minScore) continue;
      const choice: Choice = { workplaceId: slot.id, score: s.score, components: s.components };
      if (!s.eligible) {
        choice.eligible = false;
        choice.ineligibleReasons = s.ineligibleReasons;
      }
      scored.push(choice);
    }
    scored.sort((x, y) => y.score! - x.score!);
    const limit = options.maxChoicesPerParticipant;
    return { applicantId: pp.id, choices: limit === undefined ? scored : scored.slice(0, limit) };
  });
  return {
    applicants: participants.map((pp) => ({
      id: pp.id,
      ...(pp.priority !== undefined ? { priority: pp.priority } : {}),
      ...(pp.attributes !== undefined ? { attributes: pp.attributes } : {}),
    })),
    workplaces: slots.map((s) => ({
      id: s.id,
      capacity: s.capacity,
      ...(s.label ? { label: s.label } : {}),
    })),
    preferences,
  };
}
