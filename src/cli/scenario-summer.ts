import { luhnCheckDigit } from '../domain/luhn.ts';
import type { ApiClient, ScenarioFile } from './scenario.ts';
import { ScenarioError } from './scenario.ts';

/**
 * Summer-jobs scenarios (`periods`, `workplaces` with `slots`, `applicants`): registers the workplaces
 * and a season through the staff API, sends every application through the public e-service, runs the
 * allocation in both modes on the same input and reports the figures.
 */

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

export interface SummerScenario {
  year: number;
  periods: { id: string; start: string; end: string }[];
  workplaces: {
    id: string;
    kind: 'kommunal' | 'foretag' | 'forening' | 'bemanningsforetag';
    area: string;
    minAge?: number;
    slots: { period: string; count: number }[];
  }[];
  applicants: {
    id: string;
    personnummer: string;
    sex: 'K' | 'M' | 'X';
    birthDate: string;
    choices: string[];
    firstTime?: boolean;
  }[];
  lotterySeed?: number;
  municipalityCode?: string;
  hoursPerDay?: number;
  hourlyPaySek?: number;
}

export function isSummerScenario(file: ScenarioFile): boolean {
  return Array.isArray(file.periods) && Array.isArray(file.applicants) && Array.isArray(file.workplaces);
}

/** A valid synthetic organisationsnummer (third digit ≥ 2) for the n-th workplace. */
function orgnr(n: number): string {
  const body = `55${String(6000000 + n).padStart(7, '0')}`;
  return `${body}${luhnCheckDigit(body)}`;
}

interface RunView {
  id: string;
  mode: 'optimal' | 'lottery';
  seed: number | null;
  report: {
    applicants: number;
    placed: number;
    unplaced: number;
    firstChoices: number;
    firstChoiceShare: number;
    priceOfStability?: Record<string, number>;
  };
}

export async function runSummerScenario(
  raw: ScenarioFile,
  api: ApiClient,
  organisationId: string,
  progress: (s: string) => void = () => {},
  timings?: Record<string, number>,
): Promise<Record<string, Json>> {
  const file = raw as unknown as ScenarioFile & SummerScenario;
  const started = performance.now();
  const year = file.year;
  const municipalityCode = file.municipalityCode ?? '0000';
  // Workplaces go into the shared register; summer places are slots on them.
  const workplaceIds = new Map<string, string>();
  for (const [i, w] of file.workplaces.entries()) {
    const created = await api.call<{ id: string }>(
      'POST',
      '/api/workplaces',
      {
        kind: w.kind,
        name: w.id,
        area: w.area,
        ...(w.kind === 'kommunal' ? {} : { organisationsnummer: orgnr(i + 1) }),
      },
      [201],
    );
    workplaceIds.set(w.id, created.id);
  }
  const birthYears = file.applicants.map((a) => Number(a.birthDate.slice(0, 4)));
  const slotsPerWorkplace = new Map(file.workplaces.map((w) => [w.id, w.slots.length]));
  const longest = Math.max(
    1,
    ...file.applicants.map((a) => a.choices.reduce((n, c) => n + (slotsPerWorkplace.get(c) ?? 1), 0)),
  );
  const season = await api.call<{ id: string }>(
    'POST',
    '/api/summer-jobs/seasons',
    {
      name: String(file.name),
      year,
      birthYearFrom: Math.min(...birthYears),
      birthYearTo: Math.max(...birthYears),
      municipalityCode,
      hoursPerDay: file.hoursPerDay ?? 6,
      hourlyPaySek: file.hourlyPaySek ?? 100,
      opensAt: `${year}-02-01T00:00:00Z`,
      closesAt: `${year}-03-31T22:00:00Z`,
      maxChoices: Math.min(10, longest),
      mechanism: 'optimal',
      priorityFirstTime: true,
      prioritySocial: true,
      offerDays: 3,
      periods: file.periods.map((p) => ({ code: p.id, startsOn: p.start, endsOn: p.end })),
    },
    [201],
  );
  // Slot ids per scenario workplace, in period order (a choice of a workplace means all its periods).
  const periodOrder = new Map(file.periods.map((p, i) => [p.id, i]));
  const slotIds = new Map<string, string[]>();
  for (const w of file.workplaces) {
    const sorted = [...w.slots].sort((a, b) => periodOrder.get(a.period)! - periodOrder.get(b.period)!);
    for (const s of sorted) {
      const created = await api.call<{ id: string }>(
        'POST',
        `/api/summer-jobs/seasons/${season.id}/slots`,
        {
          workplaceId: workplaceIds.get(w.id),
          period: s.period,
          area: w.area,
          places: s.count,
          ...(w.minAge !== undefined ? { minAge: w.minAge } : {}),
        },
        [201],
      );
      slotIds.set(w.id, [...(slotIds.get(w.id) ?? []), created.id]);
    }
  }
  progress(`${file.workplaces.length} arbetsplatser, ${[...slotIds.values()].flat().length} platsgrupper`);
  // Every application through the public e-service (no session).
  const publicApi = api.anonymous();
  for (const [i, a] of file.applicants.entries()) {
    const choices = a.choices.flatMap((c) => {
      const ids = slotIds.get(c);
      if (!ids) throw new ScenarioError(`Sökande ${a.id} väljer arbetsplatsen ${c}, som inte finns i filen.`);
      return ids.map((slotId) => ({ slotId }));
    });
    await publicApi.call(
      'POST',
      `/api/public/summer-jobs/${organisationId}/seasons/${season.id}/applications`,
      {
        personnummer: a.personnummer,
        firstName: 'Sökande',
        lastName: a.id,
        sex: a.sex,
        municipalityCode,
        email: `${a.id}@example.se`,
        guardian: { name: `Vårdnadshavare ${a.id}`, email: `vh-${a.id}@example.se`, consent: true },
        firstTime: a.firstTime ?? false,
        choices,
      },
      [201],
    );
    if ((i + 1) % 100 === 0) progress(`${i + 1} ansökningar`);
  }
  if (timings) {
    timings.setupSeconds = (performance.now() - started) / 1000;
    // Benchmarks: one optimal run alone first, the end-to-end time of a run (read the season,
    // solve, store the run with its input and report, answer).
    progress('Kör optimal fördelning (tidmätning)');
    const optimalOnly = performance.now();
    await api.call('POST', `/api/summer-jobs/seasons/${season.id}/runs`, { mode: 'optimal' }, [201]);
    timings.allocationSeconds = (performance.now() - optimalOnly) / 1000;
    // The same again in the warm process (a server that has allocated before).
    const warm = performance.now();
    await api.call('POST', `/api/summer-jobs/seasons/${season.id}/runs`, { mode: 'optimal' }, [201]);
    timings.allocationWarmSeconds = (performance.now() - warm) / 1000;
  }
  progress('Kör fördelningen (optimal och lottning)');
  const both = performance.now();
  const { runs } = await api.call<{ runs: RunView[] }>(
    'POST',
    `/api/summer-jobs/seasons/${season.id}/runs`,
    { mode: 'both', ...(file.lotterySeed !== undefined ? { seed: file.lotterySeed } : {}) },
    [201],
  );
  if (timings) timings.bothModesSeconds = (performance.now() - both) / 1000;
  const optimal = runs.find((r) => r.mode === 'optimal')!;
  const lottery = runs.find((r) => r.mode === 'lottery')!;
  const seasonView = await api.call<{ slots: { places: number }[] }>(
    'GET',
    `/api/summer-jobs/seasons/${season.id}`,
  );
  const share = (x: number) => Math.round(x * 1000) / 1000;
  return {
    applicants: optimal.report.applicants,
    slots: seasonView.slots.reduce((s, x) => s + x.places, 0),
    placedOptimal: optimal.report.placed,
    firstChoicesOptimal: optimal.report.firstChoices,
    firstChoiceShareOptimal: share(optimal.report.firstChoiceShare),
    placedLottery: lottery.report.placed,
    firstChoicesLottery: lottery.report.firstChoices,
    firstChoiceShareLottery: share(lottery.report.firstChoiceShare),
    lotterySeed: lottery.seed,
    priceOfStability: (optimal.report.priceOfStability ?? null) as Json,
  };
}
