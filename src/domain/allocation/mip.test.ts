import loadHighs from 'highs';
import { describe, expect, it } from 'vitest';
import { compileProblem } from './compile.ts';
import { AllocationSolveError } from './errors.ts';
import { randomSmallInstance } from './generate.ts';
import { buildHighsModel } from './highs-model.ts';
import { solveMip } from './mip.ts';
import { allocateOptimal, allocateOptimalSync } from './optimal.ts';
import type { AllocationInput } from './types.ts';

function schoolInstance(): AllocationInput {
  // Six youths from two schools all want w1 first; at most 2 per school at a workplace.
  const applicants = ['a1', 'a2', 'a3', 'a4', 'a5', 'a6'].map((id, i) => ({
    id,
    attributes: { skola: i < 4 ? 'S1' : 'S2', kon: i % 2 === 0 ? 'K' : 'M' },
  }));
  return {
    applicants,
    workplaces: [
      { id: 'w1', capacity: 4 },
      { id: 'w2', capacity: 4 },
    ],
    preferences: applicants.map((a) => ({
      applicantId: a.id,
      choices: [{ workplaceId: 'w1' }, { workplaceId: 'w2' }],
    })),
    sideConstraints: [{ kind: 'maxPerAttribute', attribute: 'skola', max: 2 }],
  };
}

describe('side constraints (HiGHS MIP in a worker thread)', () => {
  it('respects at most n per school and matches HiGHS solved in-process', async () => {
    const input = schoolInstance();
    const r = await allocateOptimal(input, { timeLimitSeconds: 20 });
    expect(r.solver).toBe('highs-mip');
    expect(r.status).toBe('optimal');
    const school = new Map(input.applicants.map((a) => [a.id, a.attributes?.skola]));
    const count = new Map<string, number>();
    for (const s of r.assignments) {
      const key = `${s.workplaceId}/${school.get(s.applicantId)}`;
      count.set(key, (count.get(key) ?? 0) + 1);
    }
    for (const c of count.values()) expect(c).toBeLessThanOrEqual(2);
    expect(r.assignments).toHaveLength(6);
    // Without the constraint four would get w1; with it only two per school can.
    expect(r.assignments.filter((s) => s.workplaceId === 'w1')).toHaveLength(4);

    const highs = await loadHighs();
    const model = highs.createModel(buildHighsModel(compileProblem(input), { integer: true }));
    model.options.set({ output_flag: false, mip_rel_gap: 0 });
    model.run();
    expect(r.objective).toBe(Math.round(model.getObjectiveValue()));
    model.dispose();
  });

  it('keeps siblings apart and applies limits over workplace groups', async () => {
    const input: AllocationInput = {
      applicants: [{ id: 'syster' }, { id: 'bror' }, { id: 'c' }],
      workplaces: [
        { id: 'w1', capacity: 3 },
        { id: 'w2', capacity: 3 },
      ],
      preferences: ['syster', 'bror', 'c'].map((id) => ({
        applicantId: id,
        choices: [{ workplaceId: 'w1' }, { workplaceId: 'w2' }],
      })),
      sideConstraints: [
        { kind: 'apart', id: 'syskon', applicantIds: ['syster', 'bror'] },
        { kind: 'limit', workplaceIds: ['w2'], applicantIds: ['c'], max: 0 },
      ],
    };
    const r = await allocateOptimal(input);
    const at = new Map(r.assignments.map((s) => [s.applicantId, s.workplaceId]));
    expect(at.get('syster')).not.toBe(at.get('bror'));
    expect(at.get('c')).toBe('w1');
    expect(r.unplaced).toEqual([]);
  });

  it('gives the flow optimum when forced through the MIP without side constraints', async () => {
    for (const seed of [1, 2]) {
      const input = randomSmallInstance(seed, { maxApplicants: 20, maxWorkplaces: 6 });
      const viaMip = await allocateOptimal(input, { forceMip: true });
      expect(viaMip.solver).toBe('highs-mip');
      expect(viaMip.objective).toBe(allocateOptimalSync(input).objective);
    }
  });

  it('terminates the worker and reports the time limit when HiGHS does not answer in time', async () => {
    const p = compileProblem(schoolInstance());
    const err = await solveMip(p, { timeLimitSeconds: 0.001, graceMs: 0 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AllocationSolveError);
    expect((err as AllocationSolveError).code).toBe('time-limit');
    expect((err as Error).message).toMatch(/Tidsgränsen/);
  });

  it('the synchronous API refuses side constraints with a clear error', () => {
    expect(() => allocateOptimalSync(schoolInstance())).toThrow(/Sidovillkor kräver/);
  });
});
