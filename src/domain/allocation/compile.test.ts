import { describe, expect, it } from 'vitest';
import { compileProblem, unplacedPenalties, validateInput } from './compile.ts';
import { AllocationInputError } from './errors.ts';
import { allocateLottery } from './lottery.ts';
import { allocateOptimalSync } from './optimal.ts';
import type { AllocationInput } from './types.ts';

function base(): AllocationInput {
  return {
    applicants: [{ id: 'a1' }, { id: 'a12', priority: true }],
    workplaces: [
      { id: 'w1', capacity: 1 },
      { id: 'w2', capacity: 2 },
    ],
    preferences: [
      { applicantId: 'a1', choices: [{ workplaceId: 'w1' }, { workplaceId: 'w2' }] },
      { applicantId: 'a12', choices: [{ workplaceId: 'w2' }, { workplaceId: 'w1' }] },
    ],
  };
}

function errorOf(fn: () => unknown): AllocationInputError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(AllocationInputError);
    return e as AllocationInputError;
  }
  throw new Error('expected an AllocationInputError');
}

describe('input validation', () => {
  it('accepts good input', () => {
    expect(() => validateInput(base())).not.toThrow();
  });

  it('names an unknown workplace with applicant and choice number', () => {
    const input = base();
    input.preferences[1]!.choices.push({ workplaceId: 'w7' });
    const e = errorOf(() => validateInput(input));
    expect(e.message).toBe('Arbetsplats "w7" finns inte (sökande "a12", val 3)');
    expect(e.code).toBe('unknown-workplace');
    expect(e.record).toMatchObject({ kind: 'choice', id: 'a12', choice: 3 });
  });

  it('rejects negative capacity', () => {
    const input = base();
    input.workplaces[1]!.capacity = -2;
    const e = errorOf(() => validateInput(input));
    expect(e.message).toBe('Arbetsplats "w2" har negativ kapacitet (-2)');
    expect(e.record).toMatchObject({ kind: 'workplace', id: 'w2', index: 1 });
  });

  it('rejects non-integer capacity', () => {
    const input = base();
    input.workplaces[0]!.capacity = 1.5;
    expect(errorOf(() => validateInput(input)).message).toMatch(/"w1" har ogiltig kapacitet/);
  });

  it('rejects duplicate choices', () => {
    const input = base();
    input.preferences[0]!.choices.push({ workplaceId: 'w1' });
    const e = errorOf(() => validateInput(input));
    expect(e.message).toBe('Arbetsplats "w1" finns flera gånger bland valen för sökande "a1" (val 1 och 3)');
    expect(e.code).toBe('duplicate-choice');
  });

  it('rejects empty input', () => {
    expect(errorOf(() => validateInput({ applicants: [], workplaces: [], preferences: [] })).message).toBe(
      'Indata saknar sökande',
    );
    expect(errorOf(() => validateInput({ ...base(), workplaces: [] })).message).toBe(
      'Indata saknar arbetsplatser',
    );
    expect(errorOf(() => validateInput({ ...base(), preferences: [] })).message).toBe(
      'Indata saknar val (inga preferenser)',
    );
  });

  it('rejects unknown applicants, duplicate ids and duplicate preference lists', () => {
    const input = base();
    input.preferences.push({ applicantId: 'a99', choices: [] });
    expect(errorOf(() => validateInput(input)).message).toBe('Sökande "a99" finns inte (preferens nr 3)');
    const dup = base();
    dup.applicants.push({ id: 'a1' });
    expect(errorOf(() => validateInput(dup)).message).toBe(
      'Sökande "a1" förekommer flera gånger (nr 1 och 3)',
    );
    const dupW = base();
    dupW.workplaces.push({ id: 'w1', capacity: 1 });
    expect(errorOf(() => validateInput(dupW)).code).toBe('duplicate-workplace');
    const dupP = base();
    dupP.preferences.push({ applicantId: 'a1', choices: [] });
    expect(errorOf(() => validateInput(dupP)).message).toBe(
      'Sökande "a1" har flera preferenslistor (nr 1 och 3)',
    );
  });

  it('rejects bad ranks, scores, priorities and too many choices', () => {
    const r = base();
    r.preferences[0]!.choices = [
      { workplaceId: 'w1', rank: 1 },
      { workplaceId: 'w2', rank: 1 },
    ];
    expect(errorOf(() => validateInput(r)).message).toBe('Sökande "a1" har två val med rang 1 (val 1 och 2)');
    const s = base();
    s.preferences[0]!.choices[0]!.score = 80;
    expect(errorOf(() => validateInput(s)).message).toMatch(/Poäng saknas \(sökande "a1", val 2\)/);
    const s2 = base();
    for (const p of s2.preferences) for (const c of p.choices) c.score = 101;
    expect(errorOf(() => validateInput(s2)).message).toMatch(/Ogiltig poäng 101/);
    const pr = base();
    pr.applicants[0]!.priority = -1;
    expect(errorOf(() => validateInput(pr)).message).toMatch(/Sökande "a1" har ogiltig prioritet/);
    expect(errorOf(() => validateInput(base(), { maxChoices: 1 })).message).toBe(
      'Sökande "a1" har 2 val, högst 1 är tillåtna',
    );
  });

  it('rejects side constraints that name unknown records', () => {
    const input = base();
    input.sideConstraints = [{ kind: 'apart', id: 'syskon-1', applicantIds: ['a1', 'a77'] }];
    expect(errorOf(() => validateInput(input)).message).toBe(
      'Sökande "a77" finns inte (sidovillkor "syskon-1")',
    );
    input.sideConstraints = [{ kind: 'limit', workplaceIds: ['w9'], max: 1 }];
    expect(errorOf(() => validateInput(input)).message).toBe(
      'Arbetsplats "w9" finns inte (sidovillkor nr 1)',
    );
  });

  it('never returns a partial result: the allocators throw on bad input', () => {
    const input = base();
    input.preferences[1]!.choices.push({ workplaceId: 'w7' });
    expect(() => allocateOptimalSync(input)).toThrow(AllocationInputError);
    expect(() => allocateLottery(input, { seed: 1 })).toThrow(AllocationInputError);
  });

  it('derives ranks, costs and penalties', () => {
    const p = compileProblem(base());
    expect(p.costModel).toBe('ranks');
    expect(Array.from(p.arcCost)).toEqual([0, 1, 0, 1]);
    expect(p.levelTiers).toEqual([0, null]);
    // span 1, min(n, m + 1) = 2 → B = 3; lowest level maxCost + B = 4, priority 4 + 3 = 7.
    expect(p.penalties).toEqual([7, 4]);
    expect(unplacedPenalties(2, 2, 0, 1, 2)).toEqual([7, 4]);
    const scored = base();
    scored.preferences[0]!.choices = [
      { workplaceId: 'w1', score: 40 },
      { workplaceId: 'w2', score: 90 },
    ];
    scored.preferences[1]!.choices = [{ workplaceId: 'w2', score: 70, eligible: false }];
    const q = compileProblem(scored);
    expect(q.costModel).toBe('scores');
    // a1: w2 (score 90) is rank 1, w1 rank 2; a12's only choice is ineligible → no arc.
    expect(Array.from(q.arcRank)).toEqual([1, 2]);
    expect(Array.from(q.arcCost)).toEqual([10, 60]);
    expect(q.numArcs).toBe(2);
  });
});
