import { describe, expect, it } from 'vitest';
import { explain } from './explain.ts';
import { generateInstance } from './generate.ts';
import { allocateLottery } from './lottery.ts';
import { allocateOptimalSync } from './optimal.ts';
import { runReport } from './report.ts';
import type { AllocationInput } from './types.ts';

function example(): AllocationInput {
  return {
    applicants: [{ id: 'a1' }, { id: 'a2', priority: true }, { id: 'a3' }, { id: 'a4' }, { id: 'a5' }],
    workplaces: [
      { id: 'w1', capacity: 1 },
      { id: 'w2', capacity: 1 },
      { id: 'w3', capacity: 0 },
    ],
    preferences: [
      { applicantId: 'a1', choices: [{ workplaceId: 'w1' }, { workplaceId: 'w2' }] },
      { applicantId: 'a2', choices: [{ workplaceId: 'w1' }] },
      { applicantId: 'a3', choices: [{ workplaceId: 'w1' }] },
      {
        applicantId: 'a4',
        choices: [
          { workplaceId: 'w2', eligible: false, ineligibleReasons: ['För ung: 15 år vid periodstart'] },
        ],
      },
      { applicantId: 'a5', choices: [{ workplaceId: 'w3' }] },
    ],
  };
}

describe('run report', () => {
  it('counts placed, first choices, ranks and priority', () => {
    const input = example();
    const r = allocateOptimalSync(input);
    const rep = runReport(input, r);
    expect(rep.applicants).toBe(5);
    expect(rep.placed).toBe(2);
    expect(rep.unplaced).toBe(3);
    expect(rep.firstChoices).toBe(1);
    expect(rep.firstChoiceShare).toBeCloseTo(0.2);
    expect(rep.rankDistribution).toEqual([
      { rank: 1, count: 1 },
      { rank: 2, count: 1 },
    ]);
    expect(rep.priority).toEqual({ applicants: 1, placed: 1, unplaced: 0 });
    expect(rep.tiers).toEqual([
      { tier: 0, applicants: 1, placed: 1 },
      { tier: null, applicants: 4, placed: 1 },
    ]);
  });

  it('reports the price of stability between the optimum and the lottery', () => {
    const input = generateInstance({
      applicants: 2000,
      workplaces: 300,
      choices: 5,
      costModel: 'ranks',
      seed: 11,
    });
    const opt = allocateOptimalSync(input);
    const lot = allocateLottery(input, { seed: 5 });
    const rep = runReport(input, lot, opt);
    const pos = rep.priceOfStability!;
    expect(pos.optimalPlaced).toBe(opt.assignments.length);
    expect(pos.lotteryPlaced).toBe(lot.assignments.length);
    expect(pos.placementsLost).toBeGreaterThanOrEqual(0);
    expect(pos.placementsLost).toBe(opt.assignments.length - lot.assignments.length);
    expect(rep.seed).toBe(5);
    // The optimum places at least as many priority persons as the lottery.
    expect(runReport(input, opt).priority.placed).toBeGreaterThanOrEqual(rep.priority.placed);
  });
});

describe('explanations', () => {
  it('explains assignments and each kind of unplaced person (optimal mode)', () => {
    const input = example();
    const r = allocateOptimalSync(input);
    const ex = explain(input, r);
    const a1 = ex.assignments.find((a) => a.applicantId === 'a1')!;
    expect(a1.workplaceId).toBe('w2');
    expect(a1.betterChoices).toEqual([
      {
        workplaceId: 'w1',
        rank: 1,
        status: { kind: 'full', capacity: 1, higherPriority: 1, samePriority: 0, lowerPriority: 0 },
      },
    ]);
    expect(a1.text).toContain('Tilldelad w2 (val 2)');
    expect(a1.text).toContain('Val 1 (w1): full (1 platser: 1 med högre prioritet)');
    const byId = new Map(ex.unplaced.map((u) => [u.applicantId, u]));
    expect(byId.get('a3')?.reason).toBe('alla-val-fulla');
    expect(byId.get('a4')?.reason).toBe('inga-behoriga-val');
    expect(byId.get('a4')?.text).toContain('För ung: 15 år vid periodstart');
    expect(byId.get('a5')?.reason).toBe('inga-behoriga-val');
    expect(byId.get('a5')?.choices[0]?.status).toEqual({ kind: 'ingen-kapacitet' });
  });

  it('in lottery mode every full choice of an unplaced person is held by people ahead of them', () => {
    const input = generateInstance({
      applicants: 600,
      workplaces: 80,
      choices: 4,
      costModel: 'ranks',
      seed: 12,
    });
    const r = allocateLottery(input, { seed: 99 });
    const ex = explain(input, r);
    expect(ex.unplaced.length).toBe(r.unplaced.length);
    for (const u of ex.unplaced) {
      for (const c of u.choices) {
        if (c.status.kind === 'full') expect(c.status.aheadInLottery).toBe(c.status.capacity);
      }
    }
  });

  it('passes score components through in scores mode', () => {
    const input: AllocationInput = {
      applicants: [{ id: 'p1' }],
      workplaces: [{ id: 's1', capacity: 1 }],
      preferences: [
        {
          applicantId: 'p1',
          choices: [
            {
              workplaceId: 's1',
              score: 70,
              components: [{ key: 'ssyk', label: 'Yrkesintresse (SSYK)', points: 40, maxPoints: 40 }],
            },
          ],
        },
      ],
    };
    const ex = explain(input, allocateOptimalSync(input));
    expect(ex.assignments[0]?.score).toBe(70);
    expect(ex.assignments[0]?.components[0]?.key).toBe('ssyk');
    expect(ex.assignments[0]?.text).toContain('Yrkesintresse (SSYK) 40/40');
  });
});
