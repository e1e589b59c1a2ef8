import fc from 'fast-check';
import loadHighs, { type Highs } from 'highs';
import { beforeAll, describe, expect, it } from 'vitest';
import { type CompiledProblem, compileProblem } from './compile.ts';
import { type FlowSolution, solveFlow } from './flow.ts';
import { generateInstance, randomSmallInstance } from './generate.ts';
import { buildHighsModel, toLpFormat } from './highs-model.ts';
import { allocateLottery } from './lottery.ts';
import { allocateOptimal, allocateOptimalSync } from './optimal.ts';
import type { AllocationInput, AllocationResult } from './types.ts';

let highs: Highs;
beforeAll(async () => {
  highs = await loadHighs();
});

function highsObjective(p: CompiledProblem, integer: boolean): number {
  const model = highs.createModel(buildHighsModel(p, { integer }));
  try {
    model.options.set({ output_flag: false });
    model.run();
    expect(model.getModelStatus()).toBe(highs.constants.modelStatus.optimal);
    return model.getObjectiveValue();
  } finally {
    model.dispose();
  }
}

/** Feasibility of a result: capacities, eligibility, one place per applicant, listed choices only. */
function checkFeasible(input: AllocationInput, result: AllocationResult): void {
  const cap = new Map(input.workplaces.map((w) => [w.id, w.capacity]));
  const used = new Map<string, number>();
  const seen = new Set<string>();
  for (const s of result.assignments) {
    expect(seen.has(s.applicantId)).toBe(false);
    seen.add(s.applicantId);
    const pref = input.preferences.find((p) => p.applicantId === s.applicantId);
    const choice = pref?.choices.find((c) => c.workplaceId === s.workplaceId);
    expect(choice).toBeDefined();
    expect(choice?.eligible).not.toBe(false);
    used.set(s.workplaceId, (used.get(s.workplaceId) ?? 0) + 1);
  }
  for (const [id, u] of used) expect(u).toBeLessThanOrEqual(cap.get(id)!);
  expect(result.assignments.length + result.unplaced.length).toBe(input.applicants.length);
  for (const id of result.unplaced) expect(seen.has(id)).toBe(false);
}

/** No unplaced person of a level has an eligible choice held by someone of a lower level (priority). */
function checkPriority(p: CompiledProblem, assignedArc: Int32Array): void {
  const holderLevels: number[][] = Array.from({ length: p.m }, () => []);
  for (let i = 0; i < p.n; i++)
    if (assignedArc[i]! >= 0) holderLevels[p.arcWp[assignedArc[i]!]!]!.push(p.level[i]!);
  for (let i = 0; i < p.n; i++) {
    if (assignedArc[i]! >= 0) continue;
    for (let a = p.arcStart[i]!; a < p.arcStart[i + 1]!; a++) {
      for (const l of holderLevels[p.arcWp[a]!]!) expect(l).toBeLessThanOrEqual(p.level[i]!);
    }
  }
}

/** Optimality certificate: all residual arcs have non-negative reduced cost under the final potentials. */
function checkCertificate(p: CompiledProblem, sol: FlowSolution): void {
  const { assignedArc, potentialApplicant: pa, potentialWorkplace: pw } = sol;
  const held = new Int32Array(p.m);
  for (let i = 0; i < p.n; i++) if (assignedArc[i]! >= 0) held[p.arcWp[assignedArc[i]!]!]!++;
  let bad = 0;
  for (let i = 0; i < p.n; i++) {
    if (p.arcStart[i] === p.arcStart[i + 1]) continue;
    const own = assignedArc[i]!;
    for (let a = p.arcStart[i]!; a < p.arcStart[i + 1]!; a++) {
      const j = p.arcWp[a]!;
      if (p.capacity[j] === 0) continue;
      const rc = p.arcCost[a]! + pa[i]! - pw[j]!;
      if (a === own ? rc !== 0 && -rc < 0 : rc < 0) bad++;
    }
    const rcT = p.penalty[i]! + pa[i]!;
    if (own >= 0 ? rcT < 0 : -rcT < 0) bad++;
  }
  for (let j = 0; j < p.m; j++) {
    if (held[j]! < p.capacity[j]! && pw[j]! < 0) bad++;
    if (held[j]! > 0 && pw[j]! > 0) bad++;
  }
  expect(bad).toBe(0);
}

describe('min-cost flow (optimal mode)', () => {
  it('equals the HiGHS optimum on random small instances, respects capacity, eligibility and priority', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 - 1 }), (seed) => {
        const input = randomSmallInstance(seed);
        const p = compileProblem(input);
        const sol = solveFlow(p);
        expect(sol.objective).toBe(Math.round(highsObjective(p, false)));
        checkPriority(p, sol.assignedArc);
        checkCertificate(p, sol);
        const result = allocateOptimalSync(input);
        expect(result.objective).toBe(sol.objective);
        checkFeasible(input, result);
      }),
      { numRuns: 100 },
    );
  });

  it('equals the HiGHS MIP optimum (integer variables) on random small instances', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 - 1 }), (seed) => {
        const p = compileProblem(randomSmallInstance(seed));
        expect(solveFlow(p).objective).toBe(Math.round(highsObjective(p, true)));
      }),
      { numRuns: 30 },
    );
  });

  it('handles larger random instances (up to 40 × 12) against HiGHS', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 - 1 }), (seed) => {
        const input = randomSmallInstance(seed, { maxApplicants: 40, maxWorkplaces: 12 });
        const p = compileProblem(input);
        const sol = solveFlow(p);
        expect(sol.objective).toBe(Math.round(highsObjective(p, false)));
        checkPriority(p, sol.assignedArc);
      }),
      { numRuns: 40 },
    );
  });

  it('certifies optimality on a generated instance with Zipf popularity (2000 × 300 × 5)', () => {
    const input = generateInstance({
      applicants: 2000,
      workplaces: 300,
      choices: 5,
      costModel: 'ranks',
      seed: 7,
    });
    const p = compileProblem(input);
    const sol = solveFlow(p);
    checkCertificate(p, sol);
    checkPriority(p, sol.assignedArc);
    expect(sol.objective).toBe(Math.round(highsObjective(p, false)));
  });

  it('certifies optimality in scores mode (800 × 200 × 15)', () => {
    const input = generateInstance({
      applicants: 800,
      workplaces: 200,
      choices: 15,
      costModel: 'scores',
      seed: 8,
    });
    const p = compileProblem(input);
    const sol = solveFlow(p);
    checkCertificate(p, sol);
    expect(sol.objective).toBe(Math.round(highsObjective(p, false)));
  });

  it('the CPLEX LP text of the model gives the same optimum through highs.solve', () => {
    for (const seed of [11, 12, 13]) {
      const p = compileProblem(randomSmallInstance(seed));
      const lp = toLpFormat(buildHighsModel(p));
      const res = highs.solve(lp, { output_flag: false });
      expect(res.Status).toBe('Optimal');
      expect(Math.round(res.ObjectiveValue)).toBe(solveFlow(p).objective);
    }
  });

  it('is deterministic for the same input', () => {
    const input = generateInstance({
      applicants: 1500,
      workplaces: 200,
      choices: 5,
      costModel: 'ranks',
      seed: 3,
    });
    const a = allocateOptimalSync(input);
    const b = allocateOptimalSync(input);
    expect(b.assignments).toEqual(a.assignments);
    expect(b.unplaced).toEqual(a.unplaced);
  });

  it('places priority persons first and everyone it can', () => {
    const input: AllocationInput = {
      applicants: [{ id: 'a1' }, { id: 'a2', priority: true }, { id: 'a3' }],
      workplaces: [
        { id: 'w1', capacity: 1 },
        { id: 'w2', capacity: 1 },
      ],
      preferences: [
        { applicantId: 'a1', choices: [{ workplaceId: 'w1' }] },
        { applicantId: 'a2', choices: [{ workplaceId: 'w1' }] },
        { applicantId: 'a3', choices: [{ workplaceId: 'w1' }, { workplaceId: 'w2' }] },
      ],
    };
    const r = allocateOptimalSync(input);
    expect(r.assignments).toEqual([
      { applicantId: 'a2', workplaceId: 'w1', rank: 1, cost: 0 },
      { applicantId: 'a3', workplaceId: 'w2', rank: 2, cost: 1 },
    ]);
    expect(r.unplaced).toEqual(['a1']);
    expect(r.status).toBe('optimal');
    expect(r.solver).toBe('flow');
  });

  it('prefers one more placement over better ranks for others (lexicographic)', () => {
    // a1 gets its 2nd choice so that a2 (only w1) can be placed.
    const input: AllocationInput = {
      applicants: [{ id: 'a1' }, { id: 'a2' }],
      workplaces: [
        { id: 'w1', capacity: 1 },
        { id: 'w2', capacity: 1 },
      ],
      preferences: [
        { applicantId: 'a1', choices: [{ workplaceId: 'w1' }, { workplaceId: 'w2' }] },
        { applicantId: 'a2', choices: [{ workplaceId: 'w1' }] },
      ],
    };
    const r = allocateOptimalSync(input);
    expect(r.unplaced).toEqual([]);
    expect(r.assignments.find((s) => s.applicantId === 'a1')?.workplaceId).toBe('w2');
  });

  it('handles very large capacities without allocating per place', () => {
    const input: AllocationInput = {
      applicants: [{ id: 'a1' }, { id: 'a2' }],
      workplaces: Array.from({ length: 2000 }, (_, j) => ({ id: `w${j}`, capacity: 1_000_000 })),
      preferences: [
        { applicantId: 'a1', choices: [{ workplaceId: 'w5' }] },
        { applicantId: 'a2', choices: [{ workplaceId: 'w5' }, { workplaceId: 'w6' }] },
      ],
    };
    expect(allocateOptimalSync(input).assignments.map((s) => s.workplaceId)).toEqual(['w5', 'w5']);
    expect(allocateLottery(input, { seed: 1 }).assignments).toHaveLength(2);
  });

  it('allocateOptimal without side constraints uses the flow', async () => {
    const input = randomSmallInstance(42);
    const r = await allocateOptimal(input);
    expect(r.solver).toBe('flow');
    expect(r.objective).toBe(allocateOptimalSync(input).objective);
  });
});
