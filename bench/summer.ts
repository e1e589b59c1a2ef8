/**
 * `npm run bench -- summer [--applicants N] [--workplaces M]`: a summer-jobs season the size of a large
 * city (default 10,000 applicants, 2,000 workplaces, three periods, fewer places than applicants),
 * loaded through the public interfaces by the scenario runner (workplace register, season and slot
 * APIs, the public application e-service), then one optimal allocation run timed end to end through
 * the API: read the season, build the instance, solve (own min-cost flow), store the run with its
 * input, result and report, answer — first in the process and once more warm. Target (issue 6): under 1 s. Also times optimal + lottery together.
 * Writes bench/results/summer.json.
 */
import { runScenario, type ScenarioFile } from '../src/cli/scenario.ts';
import type { SummerScenario } from '../src/cli/scenario-summer.ts';
import { syntheticYouth } from '../src/cli/synthetic-youth.ts';
import { createSeededRng } from '../src/domain/personnummer.ts';
import { peakRssMB, writeResult } from './lib.ts';

function arg(args: string[], name: string, fallback: number): number {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
}

const AREAS = ['Centrum', 'Norr', 'Söder', 'Öster', 'Väster', 'Hamnen', 'Skogen', 'Dalen', 'Ängen', 'Backen'];
const KINDS = ['kommunal', 'kommunal', 'foretag', 'forening'] as const;

/** A deterministic season: each workplace has one slot of 1–2 places in one of three periods. */
export function syntheticSeason(
  applicants: number,
  workplaces: number,
  seed = 2026,
): SummerScenario & ScenarioFile {
  const rng = createSeededRng(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rng() * xs.length)]!;
  const periods = [
    { id: 'P1', start: '2026-06-15', end: '2026-07-03' },
    { id: 'P2', start: '2026-07-06', end: '2026-07-24' },
    { id: 'P3', start: '2026-07-27', end: '2026-08-14' },
  ];
  const wps = Array.from({ length: workplaces }, (_, i) => ({
    id: `AP${String(i + 1).padStart(4, '0')}`,
    kind: pick(KINDS),
    area: pick(AREAS),
    ...(rng() < 0.1 ? { minAge: 18 } : {}),
    slots: [{ period: pick(periods).id, count: 1 + Math.floor(rng() * 2) }],
  }));
  const used = new Set<string>();
  const wpIds = wps.map((w) => w.id);
  const people = Array.from({ length: applicants }, (_, i) => {
    const { personnummer, sex, birthDate, choices } = syntheticYouth(rng, {
      birthYearFrom: 2007,
      used,
      choosable: wpIds,
    });
    return {
      id: `S${String(i + 1).padStart(5, '0')}`,
      personnummer,
      sex,
      birthDate,
      choices,
      firstTime: rng() < 0.6,
    };
  });
  return {
    name: `Syntetisk säsong ${applicants} sökande`,
    year: 2026,
    periods,
    workplaces: wps,
    applicants: people,
    lotterySeed: seed,
    expected: {},
  } as unknown as SummerScenario & ScenarioFile;
}

export async function run(args: string[]): Promise<void> {
  const applicants = arg(args, 'applicants', 10_000);
  const workplaces = arg(args, 'workplaces', 2_000);
  const file = syntheticSeason(applicants, workplaces);
  const places = file.workplaces.reduce((s, w) => s + w.slots.reduce((t, x) => t + x.count, 0), 0);
  const timings: Record<string, number> = {};
  let last = 0;
  const result = await runScenario(file, {
    timings,
    progress: (step) => {
      if (Date.now() - last > 2000 || !/ansökningar$/.test(step)) {
        last = Date.now();
        process.stdout.write(`[bench:summer] ${step}\n`);
      }
    },
  });
  const allocationSeconds = timings.allocationSeconds ?? Number.NaN;
  const out = {
    applicants,
    workplaces,
    places,
    setupSeconds: Number((timings.setupSeconds ?? 0).toFixed(1)),
    allocationSeconds: Number(allocationSeconds.toFixed(3)),
    allocationWarmSeconds: Number((timings.allocationWarmSeconds ?? Number.NaN).toFixed(3)),
    bothModesSeconds: Number((timings.bothModesSeconds ?? 0).toFixed(3)),
    placedOptimal: result.actual.placedOptimal,
    placedLottery: result.actual.placedLottery,
    firstChoiceShareOptimal: result.actual.firstChoiceShareOptimal,
    priceOfStability: result.actual.priceOfStability,
    targetSeconds: 1,
    withinTarget: allocationSeconds < 1,
    withinTargetWarm: (timings.allocationWarmSeconds ?? Number.NaN) < 1,
    peakRssMB: peakRssMB(),
  };
  process.stdout.write(
    `[bench:summer] ${applicants} applicants, ${workplaces} workplaces, ${places} places: optimal run end to end ` +
      `${out.allocationSeconds} s first in the process, ${out.allocationWarmSeconds} s warm (target < 1 s), optimal + lottery ${out.bothModesSeconds} s; placed ` +
      `${out.placedOptimal} optimal / ${out.placedLottery} lottery (setup through the API ${out.setupSeconds} s)\n`,
  );
  process.stdout.write(`[bench:summer] wrote ${writeResult('summer', out)}\n`);
}
