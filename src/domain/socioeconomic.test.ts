import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  evaluate,
  MissingParametersError,
  monthsOnAssistanceAfterExit,
  type ParameterValue,
  paybackMonths,
  requireParameters,
  valuePerPersonYear,
} from './socioeconomic.ts';

/*
 * Hand-computable case. Parameters for 2026 (invented round figures, not real ones):
 *   försörjningsstöd 10 000 kr/månad, lön 25 000 kr/månad, kommunalskatt 0.20, regionskatt 0.12,
 *   arbetsgivaravgift 0.30, utanförskap kommun 20 000, region 10 000, stat 30 000 kr/år, pensionsålder 65.
 *
 * One person-year off försörjningsstöd and in work:
 *   lön/år = 12 × 25 000 = 300 000; försörjningsstöd/år = 12 × 10 000 = 120 000
 *   kommun  = 120 000 + 300 000 × 0.20 (60 000) + 20 000      = 200 000
 *   region  = 300 000 × 0.12 (36 000) + 10 000                 =  46 000
 *   stat    = 300 000 × 0.30 (90 000) + 30 000                 = 120 000
 *   individ = 300 000 − 60 000 − 36 000 − 120 000              =  84 000
 *   offentlig sektor = 200 000 + 46 000 + 120 000              = 366 000
 *
 * Participants (window W = 12 months):
 *   A: age 60 → 5 years left;  12 months on stöd before, 0 after → 12 avoided; cost kommun 100 000, stat 20 000
 *   B: age 63 → 2 years left;  12 before, 6 after                 →  6 avoided; cost kommun 100 000, stat      0
 *   C: age 40 → 25 years left;  6 before, 6 after                 →  0 avoided; cost kommun 100 000, stat 10 000
 *   observed share s = (12 + 6 + 0) / (3 × 12) = 18/36 = 1/2
 *   costs: kommun 300 000, stat 30 000, offentlig sektor 330 000
 *
 * Participants still of working age in year y: n_y = 3 (y = 1–2), 2 (y = 3–5), 1 (y = 6–25).
 * Gains per year at s = 1/2 (value × s × n_y):
 *   y 1–2 : kommun 300 000, region 69 000, stat 180 000, individ 126 000, offentlig 549 000
 *   y 3–5 : kommun 200 000, region 46 000, stat 120 000, individ  84 000, offentlig 366 000
 *   y 6–25: kommun 100 000, region 23 000, stat  60 000, individ  42 000, offentlig 183 000
 *
 * 1 year : kommun 300 000 − 300 000 = 0, return 1.00, payback ceil(12 × 300 000 / 300 000) = 12 months
 *          region 69 000 (no cost: return null, payback 0)
 *          stat 180 000 − 30 000 = 150 000, return 6.00, payback ceil(12 × 30 000 / 180 000) = 2 months
 *          individ 126 000
 *          offentlig 549 000 − 330 000 = 219 000, return 549/330 = 1.6636… → 1.66,
 *          payback ceil(12 × 330 000 / 549 000) = ceil(7.21) = 8 months
 *          break-even share = 330 000 / (366 000 × 3) = 0.30055 → 30.1 %
 * 4 years: kommun 2 × 300 000 + 2 × 200 000 = 1 000 000 (net 700 000, return 3.33)
 *          region 2 × 69 000 + 2 × 46 000 = 230 000; stat 2 × 180 000 + 2 × 120 000 = 600 000 (return 20.00)
 *          individ 2 × 126 000 + 2 × 84 000 = 420 000
 *          offentlig 1 830 000 (net 1 500 000, return 1 830/330 = 5.545… → 5.55)
 *          break-even = 330 000 / (366 000 × (3 + 3 + 2 + 2)) = 0.0902 → 9.0 %
 * working life (25 years):
 *          kommun 2 × 300 000 + 3 × 200 000 + 20 × 100 000 = 3 200 000 (net 2 900 000, return 10.666… → 10.67)
 *          region 2 × 69 000 + 3 × 46 000 + 20 × 23 000 = 736 000
 *          stat 2 × 180 000 + 3 × 120 000 + 20 × 60 000 = 1 920 000 (net 1 890 000, return 64.00)
 *          individ 2 × 126 000 + 3 × 84 000 + 20 × 42 000 = 1 344 000
 *          offentlig 5 856 000 (net 5 526 000, return 17.745… → 17.75)
 *          break-even = 330 000 / (366 000 × (6 + 6 + 20)) = 0.02817 → 2.8 %
 * Scenario s = 25 %: year gains are half of the above; offentlig year 1 = 274 500 < 330 000,
 *          payback = 12 + ceil(12 × (330 000 − 274 500) / 274 500) = 12 + ceil(2.43) = 15 months.
 * Sensitivity (public net over 4 years at s = 1/2; base 1 500 000):
 *   lön −20 % (20 000): kommun 120 000 + 48 000 + 20 000 = 188 000, region 28 800 + 10 000 = 38 800,
 *     stat 72 000 + 30 000 = 102 000 → 328 800 × ½ × 10 person-years = 1 644 000 − 330 000 = 1 314 000
 *   lön +20 % (30 000): 212 000 + 53 200 + 138 000 = 403 200 → 2 016 000 − 330 000 = 1 686 000
 *   försörjningsstöd −20 % (8 000): kommun 176 000 → 342 000 × 5 = 1 710 000 − 330 000 = 1 380 000
 *   försörjningsstöd +20 % (12 000): kommun 224 000 → 390 000 × 5 = 1 950 000 − 330 000 = 1 620 000
 */
const params: ParameterValue[] = [
  { key: 'forsorjningsstod_per_manad', value: 10_000 },
  { key: 'lon_per_manad', value: 25_000 },
  { key: 'kommunalskatt', value: 0.2 },
  { key: 'regionskatt', value: 0.12 },
  { key: 'arbetsgivaravgift', value: 0.3 },
  { key: 'utanforskap_kommun_per_ar', value: 20_000 },
  { key: 'utanforskap_region_per_ar', value: 10_000 },
  { key: 'utanforskap_stat_per_ar', value: 30_000 },
  { key: 'pensionsalder', value: 65 },
];

const participants = [
  { ref: 'A', ageAtExit: 60, monthsBefore: 12, monthsAfter: 0, cost: { kommun: 100_000, stat: 20_000 } },
  { ref: 'B', ageAtExit: 63, monthsBefore: 12, monthsAfter: 6, cost: { kommun: 100_000, stat: 0 } },
  { ref: 'C', ageAtExit: 40, monthsBefore: 6, monthsAfter: 6, cost: { kommun: 100_000, stat: 10_000 } },
];

describe('socio-economic evaluation, hand-computed case', () => {
  const result = evaluate({
    year: 2026,
    observationMonths: 12,
    participants,
    parameters: params,
    scenarioShares: [0.25],
  });

  it('values a person-year per actor', () => {
    expect(result.valuePerPersonYear).toEqual({
      kommun: 200_000,
      region: 46_000,
      stat: 120_000,
      individ: 84_000,
    });
  });

  it('derives the observed share, participant figures and costs', () => {
    expect(result.observedShare).toEqual({ num: 18, den: 36 });
    expect(
      result.participants.map((p) => [
        p.ref,
        p.remainingWorkingYears,
        p.avoidedMonths,
        p.avoidedAssistanceSek,
      ]),
    ).toEqual([
      ['A', 5, 12, 120_000],
      ['B', 2, 6, 60_000],
      ['C', 25, 0, 0],
    ]);
    expect(result.costs).toEqual({
      kommun: 300_000,
      region: 0,
      stat: 30_000,
      individ: 0,
      offentlig_sektor: 330_000,
    });
  });

  it('gives yearly gains per actor', () => {
    const observed = result.scenarios[0]!;
    expect(observed.label).toBe('observerad');
    expect(observed.sharePercent).toBe(50);
    expect(observed.yearly).toHaveLength(25);
    expect(observed.yearly[0]!.gains).toEqual({
      kommun: 300_000,
      region: 69_000,
      stat: 180_000,
      individ: 126_000,
    });
    expect(observed.yearly[1]!.gains).toEqual(observed.yearly[0]!.gains);
    expect(observed.yearly[2]!.gains).toEqual({
      kommun: 200_000,
      region: 46_000,
      stat: 120_000,
      individ: 84_000,
    });
    expect(observed.yearly[4]!.gains).toEqual(observed.yearly[2]!.gains);
    expect(observed.yearly[5]!.gains).toEqual({
      kommun: 100_000,
      region: 23_000,
      stat: 60_000,
      individ: 42_000,
    });
    expect(observed.yearly[24]!.gains).toEqual(observed.yearly[5]!.gains);
  });

  it('gives every figure of every horizon', () => {
    const [one, mandate, life] = result.scenarios[0]!.horizons;
    expect(one!.years).toBe(1);
    expect(one!.actors).toEqual([
      {
        actor: 'kommun',
        costSek: 300_000,
        gainSek: 300_000,
        netSek: 0,
        returnPerKrona: 1,
        paybackMonths: 12,
      },
      {
        actor: 'region',
        costSek: 0,
        gainSek: 69_000,
        netSek: 69_000,
        returnPerKrona: null,
        paybackMonths: 0,
      },
      {
        actor: 'stat',
        costSek: 30_000,
        gainSek: 180_000,
        netSek: 150_000,
        returnPerKrona: 6,
        paybackMonths: 2,
      },
      {
        actor: 'individ',
        costSek: 0,
        gainSek: 126_000,
        netSek: 126_000,
        returnPerKrona: null,
        paybackMonths: 0,
      },
      {
        actor: 'offentlig_sektor',
        costSek: 330_000,
        gainSek: 549_000,
        netSek: 219_000,
        returnPerKrona: 1.66,
        paybackMonths: 8,
      },
    ]);
    expect(one!.breakEvenSharePercent).toBe(30.1);

    expect(mandate!.years).toBe(4);
    expect(mandate!.actors.map((a) => [a.actor, a.gainSek, a.netSek, a.returnPerKrona])).toEqual([
      ['kommun', 1_000_000, 700_000, 3.33],
      ['region', 230_000, 230_000, null],
      ['stat', 600_000, 570_000, 20],
      ['individ', 420_000, 420_000, null],
      ['offentlig_sektor', 1_830_000, 1_500_000, 5.55],
    ]);
    expect(mandate!.breakEvenSharePercent).toBe(9);

    expect(life!.horizon).toBe('arbetsliv');
    expect(life!.years).toBe(25);
    expect(life!.actors.map((a) => [a.actor, a.gainSek, a.netSek, a.returnPerKrona])).toEqual([
      ['kommun', 3_200_000, 2_900_000, 10.67],
      ['region', 736_000, 736_000, null],
      ['stat', 1_920_000, 1_890_000, 64],
      ['individ', 1_344_000, 1_344_000, null],
      ['offentlig_sektor', 5_856_000, 5_526_000, 17.75],
    ]);
    expect(life!.breakEvenSharePercent).toBe(2.8);
  });

  it('runs a 25 % scenario', () => {
    const s = result.scenarios[1]!;
    expect(s.sharePercent).toBe(25);
    const pub = s.horizons[0]!.actors.find((a) => a.actor === 'offentlig_sektor')!;
    expect(pub.gainSek).toBe(274_500);
    expect(pub.paybackMonths).toBe(15);
  });

  it('reports sensitivity ± 20 % per parameter', () => {
    expect(result.baseNet).toEqual({ netMandateSek: 1_500_000, netWorkingLifeSek: 5_526_000 });
    const lon = result.sensitivity.find((r) => r.key === 'lon_per_manad')!;
    expect(lon.low.value).toBe(20_000);
    expect(lon.low.netMandateSek).toBe(1_314_000);
    expect(lon.high.netMandateSek).toBe(1_686_000);
    const fs = result.sensitivity.find((r) => r.key === 'forsorjningsstod_per_manad')!;
    expect(fs.low.netMandateSek).toBe(1_380_000);
    expect(fs.high.netMandateSek).toBe(1_620_000);
    expect(result.sensitivity.map((r) => r.key)).not.toContain('pensionsalder');
    expect(result.sensitivity).toHaveLength(8);
    expect(result.assumptions.length).toBeGreaterThan(3);
  });
});

describe('parameters', () => {
  it('lists every missing key, never a silent zero', () => {
    const partial = params.filter((p) => p.key !== 'regionskatt' && p.key !== 'pensionsalder');
    expect(() => requireParameters(2026, partial)).toThrow(MissingParametersError);
    let caught: unknown = null;
    try {
      evaluate({ year: 2026, observationMonths: 12, participants, parameters: partial });
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(MissingParametersError);
    expect((caught as MissingParametersError).missing).toEqual(['pensionsalder', 'regionskatt']);
    expect((caught as MissingParametersError).year).toBe(2026);
  });

  it('value per person-year: individ + public = wage + employer contributions + exclusion costs', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 20_000 }),
        fc.integer({ min: 0, max: 60_000 }),
        fc.integer({ min: 0, max: 400_000 }),
        fc.integer({ min: 0, max: 400_000 }),
        (fs, lon, rk, rs) => {
          const p = requireParameters(
            2026,
            params.map((x) =>
              x.key === 'forsorjningsstod_per_manad'
                ? { ...x, value: fs }
                : x.key === 'lon_per_manad'
                  ? { ...x, value: lon }
                  : x.key === 'kommunalskatt'
                    ? { ...x, value: rk / 1_000_000 }
                    : x.key === 'regionskatt'
                      ? { ...x, value: rs / 1_000_000 }
                      : x,
            ),
          );
          const v = valuePerPersonYear(p);
          const employer = Math.round(12 * lon * 0.3);
          expect(v.kommun + v.region + v.stat + v.individ).toBe(12 * lon + employer + 60_000);
        },
      ),
    );
  });
});

describe('months on försörjningsstöd after exit', () => {
  it('carries the latest known state forward', () => {
    // exit on stöd; 6-month follow-up: in work; 12-month: unknown → months 1–5 on stöd
    expect(
      monthsOnAssistanceAfterExit(
        'forsorjningsstod',
        [
          { monthsAfterExit: 6, state: 'annat' },
          { monthsAfterExit: 12, state: 'okant' },
        ],
        12,
      ),
    ).toBe(5);
    expect(
      monthsOnAssistanceAfterExit('annat', [{ monthsAfterExit: 6, state: 'forsorjningsstod' }], 12),
    ).toBe(7);
  });

  it('stays within 0 … W and is monotone in the exit state (property)', () => {
    const state = fc.constantFrom('forsorjningsstod' as const, 'annat' as const, 'okant' as const);
    fc.assert(
      fc.property(
        fc.array(fc.record({ monthsAfterExit: fc.integer({ min: 1, max: 24 }), state }), { maxLength: 4 }),
        fc.integer({ min: 1, max: 36 }),
        (fu, w) => {
          const on = monthsOnAssistanceAfterExit('forsorjningsstod', fu, w);
          const off = monthsOnAssistanceAfterExit('annat', fu, w);
          expect(on).toBeGreaterThanOrEqual(0);
          expect(on).toBeLessThanOrEqual(w);
          expect(on).toBeGreaterThanOrEqual(off);
        },
      ),
    );
  });

  it('payback is the first month the cumulative gain covers the cost', () => {
    expect(paybackMonths(0, [])).toBe(0);
    expect(paybackMonths(100, [0, 0])).toBeNull();
    expect(paybackMonths(120, [120])).toBe(12);
    expect(paybackMonths(121, [120, 120])).toBe(13);
  });
});
