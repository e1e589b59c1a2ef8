/**
 * Lottery mode: youth-proposing deferred acceptance (Gale–Shapley) with single tie-breaking.
 *
 * Every workplace ranks applicants by (priority level, lottery number), lower first. Each applicant gets one
 * lottery number from a seeded generator: applicants are sorted by id and shuffled, so the numbers depend
 * only on the seed and the set of ids, not on the order of the input. The outcome is stable (no applicant
 * and workplace would both rather be matched with each other) and strategy-proof for applicants, and the
 * same input and seed always give the same result.
 *
 * Typed arrays throughout; each workplace keeps its tentative holders in a max-heap of size ≤ capacity, so
 * a proposal costs O(log capacity).
 */
import { compareCodePoints } from '../compare.ts';
import { type CompiledProblem, compileProblem } from './compile.ts';
import { AllocationInputError } from './errors.ts';
import { Prng } from './prng.ts';
import { buildResult } from './result.ts';
import type { AllocationInput, AllocationResult, LotteryOptions } from './types.ts';

export interface LotteryState {
  /** Arc per applicant, −1 when unplaced. */
  assignedArc: Int32Array;
  /** Lottery number per applicant (1 = best). */
  lottery: Int32Array;
  /** Ranking key per applicant: level · (n + 1) + lottery number; lower is better. */
  key: Float64Array;
}

export function allocateLottery(input: AllocationInput, options: LotteryOptions): AllocationResult {
  const started = performance.now();
  const { seed } = options;
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) {
    throw new AllocationInputError(
      `Lotteriets frö måste vara ett heltal 0–4294967295, fick ${seed}`,
      'bad-option',
      {
        kind: 'option',
        id: 'seed',
      },
    );
  }
  const p = compileProblem(input, options);
  if ((input.sideConstraints?.length ?? 0) > 0) {
    throw new AllocationInputError(
      'Sidovillkor stöds bara i optimeringsläget, inte i lotteriläget',
      'side-constraints-lottery',
      {
        kind: 'sideConstraint',
        index: 0,
      },
    );
  }
  const state = runDeferredAcceptance(p, seed);
  const result = buildResult(
    p,
    state.assignedArc,
    { mode: 'lottery', status: 'stable', solver: 'deferred-acceptance' },
    started,
  );
  const lotteryNumbers: Record<string, number> = {};
  for (let i = 0; i < p.n; i++) lotteryNumbers[p.applicantIds[i]!] = state.lottery[i]!;
  result.seed = seed;
  result.lotteryNumbers = lotteryNumbers;
  result.seconds = (performance.now() - started) / 1000;
  return result;
}

/** Lottery numbers: applicants sorted by id (code-unit order), then shuffled with the seeded generator. */
export function drawLottery(p: CompiledProblem, seed: number): Int32Array {
  const n = p.n;
  const ids = p.applicantIds;
  const byId = new Array<number>(n);
  for (let i = 0; i < n; i++) byId[i] = i;
  byId.sort((x, y) => compareCodePoints(ids[x]!, ids[y]!));
  const perm = new Prng(seed).permutation(n);
  const lottery = new Int32Array(n);
  for (let t = 0; t < n; t++) lottery[byId[perm[t]!]!] = t + 1;
  return lottery;
}

export function runDeferredAcceptance(p: CompiledProblem, seed: number): LotteryState {
  const { n, m, arcStart, arcWp, capacity, level } = p;
  const lottery = drawLottery(p, seed);
  const key = new Float64Array(n);
  for (let i = 0; i < n; i++) key[i] = level[i]! * (n + 1) + lottery[i]!;

  // Holders of workplace j: a max-heap (worst key on top) in heap[hStart[j] .. hStart[j] + size[j]).
  const inDegree = new Int32Array(m);
  for (let a = 0; a < arcStart[n]!; a++) inDegree[arcWp[a]!]!++;
  const hStart = new Int32Array(m + 1);
  for (let j = 0; j < m; j++) hStart[j + 1] = hStart[j]! + Math.min(capacity[j]!, inDegree[j]!);
  const heap = new Int32Array(hStart[m]!);
  const size = new Int32Array(m);
  const next = new Int32Array(n); // next arc to propose to
  const assignedArc = new Int32Array(n).fill(-1);
  const stack = new Int32Array(n);
  let top = 0;
  for (let i = n - 1; i >= 0; i--) {
    next[i] = arcStart[i]!;
    stack[top++] = i;
  }

  while (top > 0) {
    let i = stack[--top]!;
    // i proposes down its list until held or exhausted; a displaced holder continues the same way.
    for (;;) {
      const e = arcStart[i + 1]!;
      let placed = false;
      let displaced = -1;
      while (next[i]! < e) {
        const a = next[i]!;
        next[i] = a + 1;
        const j = arcWp[a]!;
        const cap = capacity[j]!;
        if (cap === 0) continue;
        const base = hStart[j]!;
        const s = size[j]!;
        const ki = key[i]!;
        if (s < cap) {
          // sift up in max-heap
          let c = s;
          while (c > 0) {
            const par = (c - 1) >> 1;
            const pv = heap[base + par]!;
            if (key[pv]! >= ki) break;
            heap[base + c] = pv;
            c = par;
          }
          heap[base + c] = i;
          size[j] = s + 1;
          assignedArc[i] = a;
          placed = true;
          break;
        }
        const worst = heap[base]!;
        if (key[worst]! > ki) {
          // replace the worst holder, sift down
          let c = 0;
          for (;;) {
            let child = 2 * c + 1;
            if (child >= s) break;
            if (child + 1 < s && key[heap[base + child + 1]!]! > key[heap[base + child]!]!) child++;
            const cv = heap[base + child]!;
            if (key[cv]! <= ki) break;
            heap[base + c] = cv;
            c = child;
          }
          heap[base + c] = i;
          assignedArc[i] = a;
          assignedArc[worst] = -1;
          displaced = worst;
          placed = true;
          break;
        }
      }
      if (!placed || displaced < 0) break;
      i = displaced;
    }
  }
  return { assignedArc, lottery, key };
}
