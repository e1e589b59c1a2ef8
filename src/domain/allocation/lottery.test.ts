import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareCodePoints } from '../compare.ts';
import { type CompiledProblem, compileProblem } from './compile.ts';
import { generateInstance, randomSmallInstance } from './generate.ts';
import { allocateLottery, runDeferredAcceptance } from './lottery.ts';
import type { AllocationInput } from './types.ts';

/** Blocking pairs (i, j): i prefers eligible j to its outcome and j has room or holds someone ranked below i. */
function blockingPairs(p: CompiledProblem, assignedArc: Int32Array, key: Float64Array): [number, number][] {
  const holders: number[][] = Array.from({ length: p.m }, () => []);
  for (let i = 0; i < p.n; i++) if (assignedArc[i]! >= 0) holders[p.arcWp[assignedArc[i]!]!]!.push(i);
  const out: [number, number][] = [];
  for (let i = 0; i < p.n; i++) {
    const own = assignedArc[i]!;
    const ownRank = own >= 0 ? p.arcRank[own]! : Number.POSITIVE_INFINITY;
    for (let a = p.arcStart[i]!; a < p.arcStart[i + 1]!; a++) {
      if (p.arcRank[a]! >= ownRank) continue;
      const j = p.arcWp[a]!;
      const hs = holders[j]!;
      if (hs.length < p.capacity[j]! || hs.some((k) => key[k]! > key[i]!)) out.push([i, j]);
    }
  }
  return out;
}

function rankOf(p: CompiledProblem, assignedArc: Int32Array, i: number): number {
  const a = assignedArc[i]!;
  return a < 0 ? Number.POSITIVE_INFINITY : p.arcRank[a]!;
}

const seedArb = fc.integer({ min: 0, max: 2 ** 31 - 1 });
const lotterySeedArb = fc.integer({ min: 0, max: 0xffffffff });

describe('lottery mode: deferred acceptance with single tie-breaking', () => {
  it('is stable (no blocking pair) and respects capacity and eligibility', () => {
    fc.assert(
      fc.property(seedArb, lotterySeedArb, (instanceSeed, seed) => {
        const p = compileProblem(randomSmallInstance(instanceSeed, { costModel: 'ranks' }));
        const st = runDeferredAcceptance(p, seed);
        expect(blockingPairs(p, st.assignedArc, st.key)).toEqual([]);
        const used = new Int32Array(p.m);
        for (let i = 0; i < p.n; i++) if (st.assignedArc[i]! >= 0) used[p.arcWp[st.assignedArc[i]!]!]!++;
        for (let j = 0; j < p.m; j++) expect(used[j]).toBeLessThanOrEqual(p.capacity[j]!);
      }),
      { numRuns: 100 },
    );
  });

  it('gives the identical result for the same seed, independent of input order', () => {
    fc.assert(
      fc.property(seedArb, lotterySeedArb, (instanceSeed, seed) => {
        const input = randomSmallInstance(instanceSeed);
        const a = allocateLottery(input, { seed });
        const b = allocateLottery(input, { seed });
        expect(b.assignments).toEqual(a.assignments);
        expect(b.lotteryNumbers).toEqual(a.lotteryNumbers);
        const reversed: AllocationInput = {
          applicants: [...input.applicants].reverse(),
          workplaces: [...input.workplaces].reverse(),
          preferences: [...input.preferences].reverse(),
        };
        const c = allocateLottery(reversed, { seed });
        const sorted = (xs: typeof a.assignments) =>
          [...xs].sort((x, y) => compareCodePoints(x.applicantId, y.applicantId));
        expect(sorted(c.assignments)).toEqual(sorted(a.assignments));
        expect(c.lotteryNumbers).toEqual(a.lotteryNumbers);
      }),
      { numRuns: 60 },
    );
  });

  it('is strategy-proof: no applicant gains by misreporting', () => {
    fc.assert(
      fc.property(seedArb, lotterySeedArb, fc.nat(), fc.nat(), (instanceSeed, seed, who, how) => {
        const input = randomSmallInstance(instanceSeed, { costModel: 'ranks', ineligibleShare: 0 });
        const p = compileProblem(input);
        const truthful = runDeferredAcceptance(p, seed);
        const i = who % p.n;
        const pref = input.preferences.find((x) => x.applicantId === p.applicantIds[i]);
        if (pref === undefined) return;
        // Misreport: some other ordering/subset of all workplaces.
        const all = input.workplaces.map((w) => w.id);
        const order = [...all].sort(
          (x, y) => ((x.charCodeAt(1) * 31 + how) % 7) - ((y.charCodeAt(1) * 31 + how) % 7),
        );
        const lie = order.slice(0, how % (all.length + 1));
        const lyingInput: AllocationInput = {
          ...input,
          preferences: input.preferences.map((x) =>
            x === pref
              ? { applicantId: x.applicantId, choices: lie.map((workplaceId) => ({ workplaceId })) }
              : x,
          ),
        };
        const q = compileProblem(lyingInput);
        const lied = runDeferredAcceptance(q, seed);
        const got = lied.assignedArc[i]!;
        // Value of what the liar got, measured by the true preferences.
        const trueRank =
          got < 0
            ? Number.POSITIVE_INFINITY
            : pref.choices.findIndex((c) => c.workplaceId === q.workplaceIds[q.arcWp[got]!]) + 1 ||
              Number.POSITIVE_INFINITY;
        expect(trueRank).toBeGreaterThanOrEqual(rankOf(p, truthful.assignedArc, i));
      }),
      { numRuns: 150 },
    );
  });

  it('serves priority tiers before the lottery', () => {
    const input: AllocationInput = {
      applicants: [{ id: 'a' }, { id: 'b' }, { id: 'c', priority: true }],
      workplaces: [{ id: 'w', capacity: 1 }],
      preferences: ['a', 'b', 'c'].map((id) => ({ applicantId: id, choices: [{ workplaceId: 'w' }] })),
    };
    for (let seed = 0; seed < 20; seed++) {
      const r = allocateLottery(input, { seed });
      expect(r.assignments.map((s) => s.applicantId)).toEqual(['c']);
      expect(r.seed).toBe(seed);
    }
  });

  it('stores the seed and lottery numbers 1..n', () => {
    const input = randomSmallInstance(5);
    const r = allocateLottery(input, { seed: 123 });
    expect(r.mode).toBe('lottery');
    expect(r.status).toBe('stable');
    const nums = Object.values(r.lotteryNumbers ?? {}).sort((x, y) => x - y);
    expect(nums).toEqual(input.applicants.map((_, k) => k + 1));
  });

  it('rejects a bad seed and side constraints', () => {
    const input = randomSmallInstance(5);
    expect(() => allocateLottery(input, { seed: -1 })).toThrow(/frö/);
    expect(() =>
      allocateLottery(
        { ...input, sideConstraints: [{ kind: 'maxPerAttribute', attribute: 'kon', max: 1 }] },
        { seed: 1 },
      ),
    ).toThrow(/Sidovillkor stöds bara/);
  });

  it('is stable on a generated 3000 × 400 instance', () => {
    const p = compileProblem(
      generateInstance({ applicants: 3000, workplaces: 400, choices: 5, costModel: 'ranks', seed: 9 }),
    );
    const st = runDeferredAcceptance(p, 77);
    expect(blockingPairs(p, st.assignedArc, st.key)).toEqual([]);
  });
});
