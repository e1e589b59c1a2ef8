/**
 * Synthetic instances for the benchmark and tests: Zipf-skewed popularity, total capacity a share of the
 * applicants, a share of priority persons. Deterministic for a given seed.
 */
import { Prng } from './prng.ts';
import type { AllocationInput, Applicant, Choice, Preference, Workplace } from './types.ts';

export interface InstanceSpec {
  applicants: number;
  workplaces: number;
  /** Choices per applicant (capped at the number of workplaces). */
  choices: number;
  costModel: 'ranks' | 'scores';
  /** Zipf exponent of workplace popularity. Default 0.8 for ranks, 0.3 for scores. */
  zipf?: number;
  /** Total capacity as a share of the applicants. Default 0.8. */
  capacityShare?: number;
  /** Share of applicants with priority. Default 0.3. */
  priorityShare?: number;
  seed: number;
}

export function generateInstance(spec: InstanceSpec): AllocationInput {
  const { applicants: n, workplaces: m, costModel, seed } = spec;
  const k = Math.min(spec.choices, m);
  const s = spec.zipf ?? (costModel === 'ranks' ? 0.8 : 0.3);
  const capacityShare = spec.capacityShare ?? 0.8;
  const priorityShare = spec.priorityShare ?? 0.3;
  const rng = new Prng(seed >>> 0);

  // Popularity: the workplace at popularity position r has weight (r + 1)^−s.
  const byPopularity = rng.permutation(m);
  const cdf = new Float64Array(m);
  let acc = 0;
  for (let r = 0; r < m; r++) {
    acc += (r + 1) ** -s;
    cdf[r] = acc;
  }
  const drawWorkplace = (): number => {
    const x = rng.next() * acc;
    let lo = 0;
    let hi = m - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cdf[mid]! > x) hi = mid;
      else lo = mid + 1;
    }
    return byPopularity[lo]!;
  };

  // Capacity: one place each (while it lasts), the rest spread uniformly at random.
  const total = Math.round(capacityShare * n);
  const cap = new Int32Array(m);
  let left = total;
  for (let j = 0; j < m && left > 0; j++, left--) cap[j] = 1;
  while (left > 0) {
    cap[rng.int(m)]!++;
    left--;
  }
  const workplaces: Workplace[] = new Array(m);
  for (let j = 0; j < m; j++) workplaces[j] = { id: `w${j}`, capacity: cap[j]! };

  const applicants: Applicant[] = new Array(n);
  const preferences: Preference[] = new Array(n);
  const listed = new Int32Array(m).fill(-1);
  for (let i = 0; i < n; i++) {
    const priority = rng.next() < priorityShare;
    applicants[i] = priority ? { id: `a${i}`, priority: true } : { id: `a${i}` };
    const choices: Choice[] = [];
    while (choices.length < k) {
      const j = drawWorkplace();
      if (listed[j] === i) continue;
      listed[j] = i;
      if (costModel === 'scores') choices.push({ workplaceId: `w${j}`, score: 20 + rng.int(81) });
      else choices.push({ workplaceId: `w${j}` });
    }
    preferences[i] = { applicantId: `a${i}`, choices };
  }
  return { applicants, workplaces, preferences };
}

/** The benchmark instances of the issue (applicants × workplaces × choices). */
export const BENCH_INSTANCES: { name: string; spec: InstanceSpec }[] = [
  { name: 'A', spec: { applicants: 5_000, workplaces: 1_000, choices: 5, costModel: 'ranks', seed: 101 } },
  { name: 'B', spec: { applicants: 20_000, workplaces: 3_000, choices: 5, costModel: 'ranks', seed: 102 } },
  { name: 'C', spec: { applicants: 7_000, workplaces: 2_000, choices: 10, costModel: 'ranks', seed: 103 } },
  { name: 'D', spec: { applicants: 3_000, workplaces: 800, choices: 30, costModel: 'scores', seed: 104 } },
  { name: 'E', spec: { applicants: 20_000, workplaces: 3_000, choices: 30, costModel: 'scores', seed: 105 } },
  { name: 'F', spec: { applicants: 100_000, workplaces: 10_000, choices: 5, costModel: 'ranks', seed: 106 } },
];

export interface SmallInstanceOptions {
  maxApplicants?: number;
  maxWorkplaces?: number;
  costModel?: 'ranks' | 'scores';
  /** Probability that a choice is marked ineligible. */
  ineligibleShare?: number;
}

/**
 * A small random instance for property tests: up to 12 applicants and 5 workplaces by default, capacities
 * 0–3, random (possibly empty) preference lists, some ineligible choices, priority tiers 0/1 or none.
 */
export function randomSmallInstance(seed: number, opts: SmallInstanceOptions = {}): AllocationInput {
  const rng = new Prng(seed >>> 0);
  const n = 1 + rng.int(opts.maxApplicants ?? 12);
  const m = 1 + rng.int(opts.maxWorkplaces ?? 5);
  const costModel = opts.costModel ?? (rng.int(2) === 0 ? 'ranks' : 'scores');
  const ineligibleShare = opts.ineligibleShare ?? 0.1;
  const workplaces: Workplace[] = [];
  for (let j = 0; j < m; j++) workplaces.push({ id: `w${j}`, capacity: rng.int(4) });
  const applicants: Applicant[] = [];
  const preferences: Preference[] = [];
  for (let i = 0; i < n; i++) {
    const r = rng.int(3);
    applicants.push(r === 2 ? { id: `a${i}` } : { id: `a${i}`, priority: r === 0 ? true : 1 });
    const perm = rng.permutation(m);
    const k = rng.int(m + 1);
    const choices: Choice[] = [];
    for (let c = 0; c < k; c++) {
      const choice: Choice = { workplaceId: `w${perm[c]!}` };
      if (costModel === 'scores') choice.score = rng.int(101);
      if (rng.next() < ineligibleShare) choice.eligible = false;
      choices.push(choice);
    }
    if (k > 0 || rng.int(4) > 0) preferences.push({ applicantId: `a${i}`, choices });
  }
  if (preferences.length === 0) preferences.push({ applicantId: 'a0', choices: [] });
  return { applicants, workplaces, preferences };
}
