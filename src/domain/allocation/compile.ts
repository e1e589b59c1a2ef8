/**
 * Validation of an AllocationInput and compilation into flat typed arrays (CSR by applicant) that the flow,
 * MIP and lottery algorithms share. Every error names the offending record; nothing is silently dropped.
 */
import { AllocationInputError } from './errors.ts';
import type { AllocationInput, SideConstraint, ValidateOptions } from './types.ts';

export interface CompiledProblem {
  input: AllocationInput;
  n: number;
  m: number;
  applicantIds: string[];
  workplaceIds: string[];
  applicantIndex: Map<string, number>;
  workplaceIndex: Map<string, number>;
  /** Priority level per applicant: 0 = highest tier … levels − 1 = no priority (or lowest tier). */
  level: Int32Array;
  /** Tier value of each level as given in the input (`null` = no priority). */
  levelTiers: (number | null)[];
  /** Whether a level is a priority level (a tier given in the input). */
  levelIsPriority: boolean[];
  capacity: Int32Array;
  /** Index of the applicant's preference record, −1 when it has none. */
  prefOf: Int32Array;
  /** All choices (eligible or not) by applicant, in input order: CSR over applicants. */
  choiceStart: Int32Array;
  choiceWp: Int32Array;
  choiceRank: Int32Array;
  choiceEligible: Uint8Array;
  /** Eligible arcs (to workplaces with places) by applicant, sorted by rank: CSR over applicants. */
  arcStart: Int32Array;
  arcWp: Int32Array;
  arcCost: Int32Array;
  arcRank: Int32Array;
  /** Position of the arc's choice in the applicant's choice list (0-based). */
  arcChoice: Int32Array;
  numArcs: number;
  costModel: 'ranks' | 'scores';
  minCost: number;
  maxCost: number;
  /** Unplaced penalty per level (see README: lexicographic priority). */
  penalties: number[];
  /** Unplaced penalty per applicant. */
  penalty: Float64Array;
}

function fail(message: string, code: string, record: AllocationInputError['record']): never {
  throw new AllocationInputError(message, code, record);
}

/** Message part and record for choice c of an applicant (built only on failure). */
function where(aid: string, c: number): string {
  return `sökande "${aid}", val ${c + 1}`;
}
function rec(aid: string, p: number, c: number): AllocationInputError['record'] {
  return { kind: 'choice', id: aid, index: p, choice: c + 1 };
}

function isNonEmptyString(x: unknown): x is string {
  return typeof x === 'string' && x.length > 0;
}

/** Validates the input; throws AllocationInputError (Swedish message naming the record) on bad input. */
export function validateInput(input: AllocationInput, options: ValidateOptions = {}): void {
  compileProblem(input, options);
}

export function compileProblem(input: AllocationInput, options: ValidateOptions = {}): CompiledProblem {
  if (input === null || typeof input !== 'object') {
    fail('Indata saknas', 'empty-input', { kind: 'input' });
  }
  const { applicants, workplaces, preferences } = input;
  if (!Array.isArray(applicants) || applicants.length === 0) {
    fail('Indata saknar sökande', 'no-applicants', { kind: 'input' });
  }
  if (!Array.isArray(workplaces) || workplaces.length === 0) {
    fail('Indata saknar arbetsplatser', 'no-workplaces', { kind: 'input' });
  }
  if (!Array.isArray(preferences) || preferences.length === 0) {
    fail('Indata saknar val (inga preferenser)', 'no-preferences', { kind: 'input' });
  }
  const { maxChoices, rankCosts } = options;
  if (maxChoices !== undefined && (!Number.isInteger(maxChoices) || maxChoices < 1)) {
    fail(`Största antal val måste vara ett positivt heltal, fick ${maxChoices}`, 'bad-option', {
      kind: 'option',
      id: 'maxChoices',
    });
  }
  if (rankCosts !== undefined) {
    rankCosts.forEach((c, r) => {
      if (!Number.isInteger(c) || c < 0) {
        fail(`Kostnaden för rang ${r + 1} måste vara ett icke-negativt heltal, fick ${c}`, 'bad-option', {
          kind: 'option',
          id: 'rankCosts',
        });
      }
    });
  }

  const n = applicants.length;
  const m = workplaces.length;
  const applicantIds: string[] = new Array(n);
  const applicantIndex = new Map<string, number>();
  const tierOf = new Int32Array(n); // -1 = no priority
  for (let i = 0; i < n; i++) {
    const a = applicants[i];
    if (a === null || typeof a !== 'object' || !isNonEmptyString(a.id)) {
      fail(`Sökande nr ${i + 1} saknar id`, 'missing-id', { kind: 'applicant', index: i });
    }
    if (applicantIndex.has(a.id)) {
      fail(
        `Sökande "${a.id}" förekommer flera gånger (nr ${applicantIndex.get(a.id)! + 1} och ${i + 1})`,
        'duplicate-applicant',
        {
          kind: 'applicant',
          id: a.id,
          index: i,
        },
      );
    }
    applicantIndex.set(a.id, i);
    applicantIds[i] = a.id;
    const p = a.priority;
    if (p === undefined || p === false || p === null) tierOf[i] = -1;
    else if (p === true) tierOf[i] = 0;
    else if (typeof p === 'number' && Number.isInteger(p) && p >= 0 && p <= 1000) tierOf[i] = p;
    else {
      fail(
        `Sökande "${a.id}" har ogiltig prioritet (${String(p)}); ange true/false eller en nivå 0–1000`,
        'bad-priority',
        {
          kind: 'applicant',
          id: a.id,
          index: i,
        },
      );
    }
  }

  // Priority levels: distinct tiers ascending, then "no priority".
  const tierSet = new Set<number>();
  let hasNone = false;
  for (let i = 0; i < n; i++) {
    const t = tierOf[i]!;
    if (t < 0) hasNone = true;
    else tierSet.add(t);
  }
  const tiers = [...tierSet].sort((x, y) => x - y);
  const levelTiers: (number | null)[] = [...tiers, ...(hasNone ? [null] : [])];
  const levelIsPriority = levelTiers.map((t) => t !== null);
  const levelOfTier = new Map<number, number>(tiers.map((t, l) => [t, l]));
  const level = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const t = tierOf[i]!;
    level[i] = t < 0 ? levelTiers.length - 1 : levelOfTier.get(t)!;
  }

  const workplaceIds: string[] = new Array(m);
  const workplaceIndex = new Map<string, number>();
  const capacity = new Int32Array(m);
  for (let j = 0; j < m; j++) {
    const w = workplaces[j];
    if (w === null || typeof w !== 'object' || !isNonEmptyString(w.id)) {
      fail(`Arbetsplats nr ${j + 1} saknar id`, 'missing-id', { kind: 'workplace', index: j });
    }
    if (workplaceIndex.has(w.id)) {
      fail(
        `Arbetsplats "${w.id}" förekommer flera gånger (nr ${workplaceIndex.get(w.id)! + 1} och ${j + 1})`,
        'duplicate-workplace',
        {
          kind: 'workplace',
          id: w.id,
          index: j,
        },
      );
    }
    workplaceIndex.set(w.id, j);
    workplaceIds[j] = w.id;
    const c = w.capacity;
    if (typeof c !== 'number' || !Number.isFinite(c)) {
      fail(`Arbetsplats "${w.id}" saknar kapacitet`, 'bad-capacity', {
        kind: 'workplace',
        id: w.id,
        index: j,
      });
    }
    if (c < 0) {
      fail(`Arbetsplats "${w.id}" har negativ kapacitet (${c})`, 'negative-capacity', {
        kind: 'workplace',
        id: w.id,
        index: j,
      });
    }
    if (!Number.isInteger(c) || c > 1_000_000) {
      fail(`Arbetsplats "${w.id}" har ogiltig kapacitet (${c}); ange ett heltal`, 'bad-capacity', {
        kind: 'workplace',
        id: w.id,
        index: j,
      });
    }
    capacity[j] = c;
  }

  // Preferences: one record per applicant at most.
  const prefOf = new Int32Array(n).fill(-1);
  let totalChoices = 0;
  let maxK = 0;
  for (let p = 0; p < preferences.length; p++) {
    const pref = preferences[p];
    if (pref === null || typeof pref !== 'object' || !isNonEmptyString(pref.applicantId)) {
      fail(`Preferens nr ${p + 1} saknar sökande-id`, 'missing-id', { kind: 'preference', index: p });
    }
    const i = applicantIndex.get(pref.applicantId);
    if (i === undefined) {
      fail(`Sökande "${pref.applicantId}" finns inte (preferens nr ${p + 1})`, 'unknown-applicant', {
        kind: 'preference',
        id: pref.applicantId,
        index: p,
      });
    }
    if (prefOf[i] !== -1) {
      fail(
        `Sökande "${pref.applicantId}" har flera preferenslistor (nr ${prefOf[i]! + 1} och ${p + 1})`,
        'duplicate-preference',
        { kind: 'preference', id: pref.applicantId, index: p },
      );
    }
    prefOf[i] = p;
    if (!Array.isArray(pref.choices)) {
      fail(`Sökande "${pref.applicantId}" saknar vallista`, 'missing-choices', {
        kind: 'preference',
        id: pref.applicantId,
        index: p,
      });
    }
    const k = pref.choices.length;
    if (maxChoices !== undefined && k > maxChoices) {
      fail(
        `Sökande "${pref.applicantId}" har ${k} val, högst ${maxChoices} är tillåtna`,
        'too-many-choices',
        {
          kind: 'preference',
          id: pref.applicantId,
          index: p,
        },
      );
    }
    totalChoices += k;
    if (k > maxK) maxK = k;
  }

  // One pass over the choice objects: workplace, explicit rank, score, eligibility (typed arrays after).
  const choiceStart = new Int32Array(n + 1);
  const choiceWp = new Int32Array(totalChoices);
  const choiceRank = new Int32Array(totalChoices); // explicit rank, 0 = none (filled in below)
  const choiceScore = new Int32Array(totalChoices).fill(-1); // −1 = no score
  const choiceEligible = new Uint8Array(totalChoices);
  const explicitRanks = new Int32Array(n);
  const seenAt = new Int32Array(m).fill(-1); // applicant that last listed the workplace
  const seenPos = new Int32Array(m);
  let anyScore = false;
  let firstUnscored = -1; // applicant and position of the first choice without score
  let firstUnscoredPos = -1;
  let pos = 0;
  for (let i = 0; i < n; i++) {
    choiceStart[i] = pos;
    const p = prefOf[i]!;
    if (p < 0) continue;
    const pref = preferences[p]!;
    const aid = pref.applicantId;
    const choices = pref.choices;
    const k = choices.length;
    for (let c = 0; c < k; c++) {
      const ch = choices[c];
      if (ch === null || typeof ch !== 'object') {
        fail(`Val saknar arbetsplats (${where(aid, c)})`, 'missing-id', rec(aid, p, c));
      }
      const wid = ch.workplaceId;
      const j = typeof wid === 'string' ? workplaceIndex.get(wid) : undefined;
      if (j === undefined) {
        if (!isNonEmptyString(wid))
          fail(`Val saknar arbetsplats (${where(aid, c)})`, 'missing-id', rec(aid, p, c));
        fail(`Arbetsplats "${wid}" finns inte (${where(aid, c)})`, 'unknown-workplace', rec(aid, p, c));
      }
      if (seenAt[j] === i) {
        fail(
          `Arbetsplats "${wid}" finns flera gånger bland valen för sökande "${aid}" (val ${seenPos[j]! + 1} och ${c + 1})`,
          'duplicate-choice',
          rec(aid, p, c),
        );
      }
      seenAt[j] = i;
      seenPos[j] = c;
      const q = pos + c;
      choiceWp[q] = j;
      const rank = ch.rank;
      if (rank !== undefined) {
        if (!Number.isInteger(rank) || rank < 1 || rank > 1_000_000) {
          fail(
            `Ogiltig rang ${String(rank)} (${where(aid, c)}); rangen ska vara ett heltal ≥ 1`,
            'bad-rank',
            rec(aid, p, c),
          );
        }
        choiceRank[q] = rank;
        explicitRanks[i]!++;
      }
      const score = ch.score;
      if (score !== undefined) {
        if (typeof score !== 'number' || !Number.isInteger(score) || score < 0 || score > 100) {
          fail(
            `Ogiltig poäng ${String(score)} (${where(aid, c)}); poängen ska vara ett heltal 0–100`,
            'bad-score',
            rec(aid, p, c),
          );
        }
        choiceScore[q] = score;
        anyScore = true;
      } else if (firstUnscored < 0) {
        firstUnscored = i;
        firstUnscoredPos = c;
      }
      const eligible = ch.eligible;
      if (eligible !== undefined && typeof eligible !== 'boolean') {
        fail(`Ogiltig behörighetsflagga (${where(aid, c)})`, 'bad-eligible', rec(aid, p, c));
      }
      choiceEligible[q] = eligible === false ? 0 : 1;
    }
    const ex = explicitRanks[i]!;
    if (ex !== 0 && ex !== k) {
      fail(`Sökande "${aid}" har rang på vissa val men inte alla`, 'partial-ranks', {
        kind: 'preference',
        id: aid,
        index: p,
      });
    }
    pos += k;
  }
  choiceStart[n] = pos;
  const costModel: 'ranks' | 'scores' = anyScore ? 'scores' : 'ranks';
  if (anyScore && firstUnscored >= 0) {
    const aid = applicantIds[firstUnscored]!;
    fail(
      `Poäng saknas (${where(aid, firstUnscoredPos)}); när något val har poäng måste alla ha det`,
      'missing-score',
      rec(aid, prefOf[firstUnscored]!, firstUnscoredPos),
    );
  }

  // Ranks (explicit, by descending score, or list position) and costs, on the typed arrays.
  const choiceCost = new Int32Array(totalChoices);
  const rankSeen = new Map<number, number>();
  const order = new Int32Array(maxK);
  const scoreBuf = new Int32Array(maxK);
  let numArcs = 0;
  let minCost = Number.POSITIVE_INFINITY;
  let maxCost = 0;
  for (let i = 0; i < n; i++) {
    const s0 = choiceStart[i]!;
    const k = choiceStart[i + 1]! - s0;
    if (k === 0) continue;
    if (explicitRanks[i] === k) {
      rankSeen.clear();
      for (let c = 0; c < k; c++) {
        const r = choiceRank[s0 + c]!;
        const prev = rankSeen.get(r);
        if (prev !== undefined) {
          fail(
            `Sökande "${applicantIds[i]}" har två val med rang ${r} (val ${prev + 1} och ${c + 1})`,
            'duplicate-rank',
            rec(applicantIds[i]!, prefOf[i]!, c),
          );
        }
        rankSeen.set(r, c);
      }
    } else if (costModel === 'scores') {
      // Rank by descending score, ties in list order (stable insertion sort: lists are short).
      for (let c = 0; c < k; c++) {
        const sc = choiceScore[s0 + c]!;
        let t = c;
        while (t > 0 && scoreBuf[t - 1]! < sc) {
          scoreBuf[t] = scoreBuf[t - 1]!;
          order[t] = order[t - 1]!;
          t--;
        }
        scoreBuf[t] = sc;
        order[t] = c;
      }
      for (let r = 0; r < k; r++) choiceRank[s0 + order[r]!] = r + 1;
    } else {
      for (let c = 0; c < k; c++) choiceRank[s0 + c] = c + 1;
    }
    for (let c = 0; c < k; c++) {
      const q = s0 + c;
      const r = choiceRank[q]!;
      let cost: number;
      if (costModel === 'scores') cost = 100 - choiceScore[q]!;
      else if (rankCosts !== undefined) {
        const rc = rankCosts[r - 1];
        if (rc === undefined) {
          fail(
            `Kostnad saknas för rang ${r} (sökande "${applicantIds[i]}", val ${c + 1})`,
            'bad-option',
            rec(applicantIds[i]!, prefOf[i]!, c),
          );
        }
        cost = rc;
      } else cost = r - 1;
      choiceCost[q] = cost;
      if (choiceEligible[q] === 1 && capacity[choiceWp[q]!]! > 0) {
        numArcs++;
        if (cost < minCost) minCost = cost;
        if (cost > maxCost) maxCost = cost;
      }
    }
  }
  if (numArcs === 0) minCost = 0;

  // Eligible arcs, sorted by rank within each applicant.
  const arcStart = new Int32Array(n + 1);
  const arcWp = new Int32Array(numArcs);
  const arcCost = new Int32Array(numArcs);
  const arcRank = new Int32Array(numArcs);
  const arcChoice = new Int32Array(numArcs);
  let a = 0;
  for (let i = 0; i < n; i++) {
    arcStart[i] = a;
    const s = choiceStart[i]!;
    const e = choiceStart[i + 1]!;
    const first = a;
    for (let q = s; q < e; q++) {
      if (choiceEligible[q] !== 1 || capacity[choiceWp[q]!] === 0) continue;
      // insertion by rank
      const r = choiceRank[q]!;
      let t = a;
      while (t > first && arcRank[t - 1]! > r) {
        arcWp[t] = arcWp[t - 1]!;
        arcCost[t] = arcCost[t - 1]!;
        arcRank[t] = arcRank[t - 1]!;
        arcChoice[t] = arcChoice[t - 1]!;
        t--;
      }
      arcWp[t] = choiceWp[q]!;
      arcCost[t] = choiceCost[q]!;
      arcRank[t] = r;
      arcChoice[t] = q - s;
      a++;
    }
  }
  arcStart[n] = a;

  if (input.sideConstraints !== undefined)
    validateSideConstraints(input.sideConstraints, applicantIndex, workplaceIndex);

  const penalties = unplacedPenalties(n, m, minCost, maxCost, levelTiers.length);
  const penalty = new Float64Array(n);
  for (let i = 0; i < n; i++) penalty[i] = penalties[level[i]!]!;

  return {
    input,
    n,
    m,
    applicantIds,
    workplaceIds,
    applicantIndex,
    workplaceIndex,
    level,
    levelTiers,
    levelIsPriority,
    capacity,
    prefOf,
    choiceStart,
    choiceWp,
    choiceRank,
    choiceEligible,
    arcStart,
    arcWp,
    arcCost,
    arcRank,
    arcChoice,
    numArcs,
    costModel,
    minCost,
    maxCost,
    penalties,
    penalty,
  };
}

/**
 * Unplaced penalty per priority level. With span = maxCost − minCost and P = min(n, m + 1) (the most persons
 * an alternating path can move), B = P·span + 1, the lowest level pays maxCost + B and each higher level B
 * more. Any improvement of the objective then places a person of a higher level before anything else, see
 * README for the argument.
 */
export function unplacedPenalties(
  n: number,
  m: number,
  minCost: number,
  maxCost: number,
  levels: number,
): number[] {
  const span = maxCost - minCost;
  const step = Math.min(n, m + 1) * span + 1;
  const out: number[] = [];
  for (let l = 0; l < levels; l++) out.push(maxCost + (levels - l) * step);
  return out;
}

function validateSideConstraints(
  list: SideConstraint[],
  applicantIndex: Map<string, number>,
  workplaceIndex: Map<string, number>,
): void {
  if (!Array.isArray(list))
    fail('Sidovillkoren ska vara en lista', 'bad-side-constraint', { kind: 'sideConstraint' });
  list.forEach((sc, index) => {
    const name = sc?.id !== undefined ? `"${sc.id}"` : `nr ${index + 1}`;
    const rec = { kind: 'sideConstraint' as const, index, ...(sc?.id !== undefined ? { id: sc.id } : {}) };
    const checkWorkplaces = (ids: string[] | undefined) => {
      if (ids === undefined) return;
      if (!Array.isArray(ids))
        fail(`Sidovillkor ${name}: arbetsplatslistan är ogiltig`, 'bad-side-constraint', rec);
      for (const id of ids) {
        if (!workplaceIndex.has(id))
          fail(`Arbetsplats "${id}" finns inte (sidovillkor ${name})`, 'unknown-workplace', rec);
      }
    };
    const checkApplicants = (ids: string[] | undefined) => {
      if (ids === undefined) return;
      if (!Array.isArray(ids))
        fail(`Sidovillkor ${name}: listan över sökande är ogiltig`, 'bad-side-constraint', rec);
      for (const id of ids) {
        if (!applicantIndex.has(id))
          fail(`Sökande "${id}" finns inte (sidovillkor ${name})`, 'unknown-applicant', rec);
      }
    };
    const checkMax = (max: number) => {
      if (!Number.isInteger(max) || max < 0) {
        fail(
          `Sidovillkor ${name}: högsta antal måste vara ett icke-negativt heltal, fick ${max}`,
          'bad-side-constraint',
          rec,
        );
      }
    };
    if (sc === null || typeof sc !== 'object')
      fail(`Sidovillkor ${name} är ogiltigt`, 'bad-side-constraint', rec);
    switch (sc.kind) {
      case 'maxPerAttribute':
        if (!isNonEmptyString(sc.attribute))
          fail(`Sidovillkor ${name} saknar attribut`, 'bad-side-constraint', rec);
        checkMax(sc.max);
        checkWorkplaces(sc.workplaceIds);
        break;
      case 'apart':
        checkApplicants(sc.applicantIds);
        if (!Array.isArray(sc.applicantIds) || sc.applicantIds.length < 2) {
          fail(`Sidovillkor ${name} måste ange minst två sökande`, 'bad-side-constraint', rec);
        }
        break;
      case 'limit':
        checkMax(sc.max);
        checkWorkplaces(sc.workplaceIds);
        if (!Array.isArray(sc.workplaceIds) || sc.workplaceIds.length === 0) {
          fail(`Sidovillkor ${name} måste ange minst en arbetsplats`, 'bad-side-constraint', rec);
        }
        checkApplicants(sc.applicantIds);
        break;
      default:
        fail(
          `Sidovillkor ${name} har okänd typ "${String((sc as { kind?: unknown }).kind)}"`,
          'bad-side-constraint',
          rec,
        );
    }
  });
}
