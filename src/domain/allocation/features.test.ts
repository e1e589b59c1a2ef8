import { describe, expect, it } from 'vitest';
import { AllocationInputError } from './errors.ts';
import { explain } from './explain.ts';
import { allocateLottery } from './lottery.ts';
import { allocateOptimalSync } from './optimal.ts';
import { buildPlacementInput, scoreSuitability } from './scoring.ts';
import { ageOn, buildSummerJobsInput } from './summer-jobs.ts';

describe('summer jobs input', () => {
  it('computes age on the period start', () => {
    expect(ageOn('2009-06-15', '2025-06-14')).toBe(15);
    expect(ageOn('2009-06-15', '2025-06-15')).toBe(16);
    expect(ageOn('2008-02-29', '2025-02-28')).toBe(16);
  });

  it('filters arcs by age, area and licence and keeps the reasons', () => {
    const input = buildSummerJobsInput({
      youths: [
        { id: 'u1', birthDate: '2009-08-01', area: 'norr', priority: true },
        { id: 'u2', birthDate: '2007-01-01', area: 'syd', licences: ['AM'] },
      ],
      slots: [
        {
          id: 'bib:p1',
          workplaceId: 'bib',
          periodId: 'p1',
          periodStart: '2025-06-16',
          capacity: 1,
          minAge: 16,
        },
        {
          id: 'park:p2',
          workplaceId: 'park',
          periodId: 'p2',
          periodStart: '2025-07-07',
          capacity: 1,
          areas: ['norr'],
        },
        {
          id: 'bud:p1',
          workplaceId: 'bud',
          periodId: 'p1',
          periodStart: '2025-06-16',
          capacity: 1,
          requiredLicence: 'AM',
        },
      ],
      applications: [
        { youthId: 'u1', choices: ['bib:p1', 'park:p2', 'bud:p1'] },
        { youthId: 'u2', choices: ['park:p2', 'bud:p1'] },
      ],
    });
    const u1 = input.preferences[0]!.choices;
    expect(u1[0]).toMatchObject({
      eligible: false,
      ineligibleReasons: ['För ung: 15 år vid periodstart 2025-06-16, minst 16'],
    });
    expect(u1[1]).toEqual({ workplaceId: 'park:p2' });
    expect(u1[2]?.ineligibleReasons).toEqual(['Saknar körkort (AM)']);
    expect(input.preferences[1]!.choices[0]?.ineligibleReasons).toEqual([
      'Bor i område syd, platsen är för norr',
    ]);
    const r = allocateOptimalSync(input);
    expect(r.assignments.map((s) => [s.applicantId, s.workplaceId])).toEqual([
      ['u1', 'park:p2'],
      ['u2', 'bud:p1'],
    ]);
    const lot = allocateLottery(input, { seed: 1 });
    expect(lot.assignments).toHaveLength(2);
    const ex = explain(input, r);
    expect(ex.assignments[0]?.text).toContain('ej behörig – För ung');
  });

  it('names the offending record on bad input', () => {
    expect(() =>
      buildSummerJobsInput({
        youths: [{ id: 'u1', birthDate: '2009-13-01', area: 'x' }],
        slots: [],
        applications: [],
      }),
    ).toThrow('Ungdom "u1" har ogiltigt födelsedatum "2009-13-01"');
    expect(() =>
      buildSummerJobsInput({
        youths: [{ id: 'u1', birthDate: '2009-01-01', area: 'x' }],
        slots: [],
        applications: [{ youthId: 'u1', choices: ['nope'] }],
      }),
    ).toThrow(AllocationInputError);
  });
});

describe('placement suitability', () => {
  const participant = {
    id: 'p1',
    ssykInterests: ['5120', '9412'],
    languages: ['sv', 'ar'],
    area: 'centrum',
    licences: ['B'],
  };

  it('scores SSYK, languages, area, shortage list and licence as components', () => {
    const s = scoreSuitability(participant, {
      id: 's1',
      ssyk: '5121',
      area: 'centrum',
      capacity: 1,
      languages: ['sv', 'en'],
      shortageOccupation: true,
      requiredLicence: 'B',
    });
    expect(s.eligible).toBe(true);
    const pts = Object.fromEntries(s.components.map((c) => [c.key, c.points]));
    expect(pts).toEqual({ ssyk: 30, sprak: 10, omrade: 20, bristyrke: 10, korkort: 10 });
    expect(s.score).toBe(80);
  });

  it('makes a slot ineligible without the required licence and uses commute times', () => {
    const s = scoreSuitability(
      { ...participant, licences: [] },
      { id: 's2', ssyk: '5120', area: 'hamnen', capacity: 1, requiredLicence: 'C' },
      { commute: { centrum: { hamnen: 30 } } },
    );
    expect(s.eligible).toBe(false);
    expect(s.ineligibleReasons).toEqual(['Saknar körkort (C)']);
    expect(s.components.find((c) => c.key === 'omrade')?.points).toBe(15);
  });

  it('builds a scores-mode input the optimal mode can use, with explanations', () => {
    const input = buildPlacementInput(
      [participant, { ...participant, id: 'p2', ssykInterests: ['2310'] }],
      [
        { id: 's1', ssyk: '5120', area: 'centrum', capacity: 1 },
        { id: 's2', ssyk: '2310', area: 'centrum', capacity: 1 },
      ],
    );
    const r = allocateOptimalSync(input);
    expect(r.costModel).toBe('scores');
    expect(r.assignments.map((s) => [s.applicantId, s.workplaceId])).toEqual([
      ['p1', 's1'],
      ['p2', 's2'],
    ]);
    const ex = explain(input, r);
    expect(ex.assignments[0]?.components.map((c) => c.key)).toEqual([
      'ssyk',
      'sprak',
      'omrade',
      'bristyrke',
      'korkort',
    ]);
  });

  it('rejects a bad SSYK code naming the slot', () => {
    expect(() =>
      buildPlacementInput([participant], [{ id: 'sX', ssyk: 'abc', area: 'c', capacity: 1 }]),
    ).toThrow('Plats "sX" har ogiltig SSYK-kod "abc"');
  });
});
