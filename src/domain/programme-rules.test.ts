import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, addMonths, daysBetween } from './dates.ts';
import {
  capacityOn,
  evaluateEligibility,
  isLongTermAssistance,
  type PriorityGroup,
  type PrioritySubject,
  plannedEnd,
  planPhases,
  priorityRank,
} from './programme-rules.ts';

const TRAINEE = [
  { code: 'introduktion', weeks: 4 },
  { code: 'anstallning', months: 12 },
  { code: 'slutfas', weeks: 4 },
];

describe('eligibility', () => {
  const who = {
    birthDate: '1980-05-01',
    incomeSource: 'forsorjningsstod',
    languages: ['ar'],
    municipalityCode: '0581',
  };
  it('passes a person meeting every rule', () => {
    expect(
      evaluateEligibility(
        { incomeSources: ['forsorjningsstod'], speaksOneOf: ['ar', 'so'], minAge: 18, maxAge: 64 },
        who,
        '2016-09-01',
      ),
    ).toEqual([]);
  });
  it('names every failed rule in Swedish', () => {
    const f = evaluateEligibility(
      { incomeSources: ['aktivitetsstod'], speaksOneOf: ['so'], maxAge: 30, municipalityCodes: ['0180'] },
      who,
      '2016-09-01',
    );
    expect(f.map((x) => x.rule)).toEqual(['incomeSources', 'maxAge', 'speaksOneOf', 'municipalityCodes']);
    expect(f[0]!.sv).toContain('aktivitetsstöd');
    expect(f[1]!.sv).toBe('Deltagaren är 36 år vid start; högsta ålder är 30.');
  });
});

describe('priority', () => {
  it('ranks by the first matching group, others last', () => {
    const base = { birthDate: '1980-01-01', assistanceMonths: null };
    expect(priorityRank(['barnfamilj'], { ...base, childrenAtHome: 2 }, '2016-01-01')).toBe(0);
    expect(priorityRank(['barnfamilj'], { ...base, childrenAtHome: 0 }, '2016-01-01')).toBe(1);
    expect(priorityRank(['ung_vuxen', 'barnfamilj'], { ...base, childrenAtHome: 1 }, '2016-01-01')).toBe(1);
  });

  it('långvarigt bistånd is at least 10 of 12 months; not recorded is not in the group', () => {
    const base = { birthDate: '1980-01-01', childrenAtHome: 0 };
    const rank = (assistanceMonths: number | null) =>
      priorityRank(['langvarigt_bistand'], { ...base, assistanceMonths }, '2016-01-01');
    expect([null, 0, 3, 9, 10, 11, 12].map(rank)).toEqual([1, 1, 1, 1, 0, 0, 0]);
  });

  const GROUPS: PriorityGroup[] = ['barnfamilj', 'ung_vuxen', 'langvarigt_bistand'];
  const subject = fc.record({
    childrenAtHome: fc.integer({ min: 0, max: 4 }),
    birthDate: fc.integer({ min: 0, max: 60 * 365 }).map((d) => addDays('1950-01-01', d)),
    assistanceMonths: fc.option(fc.integer({ min: 0, max: 12 }), { nil: null }),
  });
  const incomeSource = fc.constantFrom('forsorjningsstod', 'aktivitetsstod', 'ingen', 'annan', null);
  const onDate = '2016-06-15';

  it('is the first listed group the person belongs to, or groups.length; income source has no say', () => {
    const belongs = (g: PriorityGroup, who: PrioritySubject) =>
      g === 'barnfamilj'
        ? who.childrenAtHome > 0
        : g === 'ung_vuxen'
          ? who.birthDate > addMonths(onDate, -25 * 12)
          : who.assistanceMonths !== null && who.assistanceMonths >= 10;
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.constantFrom(...GROUPS), { maxLength: 3 }),
        subject,
        incomeSource,
        incomeSource,
        (groups, who, income1, income2) => {
          const expected = groups.findIndex((g) => belongs(g, who));
          const rank = priorityRank(groups, who, onDate);
          expect(rank).toBe(expected === -1 ? groups.length : expected);
          // Income source is not a duration: a subject carrying any income source ranks the same.
          const withIncome1: PrioritySubject & { incomeSource: string | null } = {
            ...who,
            incomeSource: income1,
          };
          const withIncome2: PrioritySubject & { incomeSource: string | null } = {
            ...who,
            incomeSource: income2,
          };
          expect(priorityRank(groups, withIncome1, onDate)).toBe(rank);
          expect(priorityRank(groups, withIncome2, onDate)).toBe(rank);
        },
      ),
    );
  });

  it('puts a person in langvarigt_bistand exactly when the months are 10 or more', () => {
    fc.assert(
      fc.property(subject, incomeSource, (who, income) => {
        const inGroup =
          priorityRank(
            ['langvarigt_bistand'],
            { ...who, incomeSource: income } as PrioritySubject,
            onDate,
          ) === 0;
        expect(inGroup).toBe(who.assistanceMonths !== null && who.assistanceMonths >= 10);
        expect(isLongTermAssistance(who.assistanceMonths)).toBe(inGroup);
      }),
    );
  });
});

describe('phases', () => {
  it('plans Trainee: 4 weeks introduction, 12 months work, 4 weeks final phase', () => {
    expect(planPhases('2016-01-01', TRAINEE)).toEqual([
      { code: 'introduktion', startsOn: '2016-01-01', endsOn: '2016-01-28' },
      { code: 'anstallning', startsOn: '2016-01-29', endsOn: '2017-01-28' },
      { code: 'slutfas', startsOn: '2017-01-29', endsOn: '2017-02-25' },
    ]);
    expect(plannedEnd('2016-01-01', TRAINEE, null)).toBe('2017-02-25');
    expect(plannedEnd('2016-01-01', TRAINEE, 12)).toBe('2016-12-31');
  });

  it('clamps month ends', () => {
    expect(addMonths('2016-01-31', 1)).toBe('2016-02-29');
    expect(addMonths('2015-01-31', 1)).toBe('2015-02-28');
    expect(addMonths('2016-11-30', 18)).toBe('2018-05-30');
  });

  it('keeps phases contiguous, and pauses move the planned end by exactly their days', () => {
    const phase = fc
      .record({
        code: fc.constantFrom('a', 'b', 'c'),
        weeks: fc.option(fc.integer({ min: 1, max: 10 }), { nil: undefined }),
        months: fc.option(fc.integer({ min: 1, max: 24 }), { nil: undefined }),
      })
      .map((p) =>
        p.weeks && p.months
          ? { code: p.code, weeks: p.weeks }
          : p.weeks || p.months
            ? p
            : { code: p.code, weeks: 1 },
      );
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 20000 }).map((n) => addDays('2000-01-01', n)),
        fc.array(phase, { minLength: 1, maxLength: 5 }),
        fc.integer({ min: 0, max: 400 }),
        (start, phases, pause) => {
          const planned = planPhases(start, phases);
          expect(planned[0]!.startsOn).toBe(start);
          for (let i = 1; i < planned.length; i++)
            expect(daysBetween(planned[i - 1]!.endsOn, planned[i]!.startsOn)).toBe(1);
          const withPause = planPhases(start, phases, pause);
          expect(daysBetween(planned.at(-1)!.endsOn, withPause.at(-1)!.endsOn)).toBe(pause);
          const end = plannedEnd(start, phases, null)!;
          expect(end >= start).toBe(true);
        },
      ),
    );
  });
});

describe('dated capacity', () => {
  it('takes the latest row on or before the date', () => {
    const rows = [
      { validFrom: '2013-01-01', places: 350 },
      { validFrom: '2015-01-01', places: 300 },
      { validFrom: '2016-01-01', places: 150 },
    ];
    expect(capacityOn(rows, '2012-12-31')).toBeNull();
    expect(capacityOn(rows, '2015-06-30')).toBe(300);
    expect(capacityOn(rows, '2016-01-01')).toBe(150);
  });
});
