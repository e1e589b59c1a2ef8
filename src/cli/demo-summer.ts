import type { Ctx, RoleGrant } from '../context.ts';
import type { Rng } from '../domain/personnummer.ts';
import { runAllocation } from '../features/summer-jobs/allocate.ts';
import { submitApplication } from '../features/summer-jobs/apply.ts';
import { applicationInput, seasonInput, slotInput } from '../features/summer-jobs/schema.ts';
import { addSlot, createSeason } from '../features/summer-jobs/season.ts';
import { syntheticYouth } from './synthetic-youth.ts';

const FIRST = [
  'Alva',
  'Noah',
  'Ebba',
  'Liam',
  'Saga',
  'Hugo',
  'Amira',
  'Omar',
  'Maja',
  'Elias',
  'Nora',
  'Yusuf',
];
const LAST = ['Lind', 'Berg', 'Ahmed', 'Holm', 'Nyström', 'Ali', 'Sandberg', 'Öhman', 'Karlsson', 'Mohamed'];
const AREAS = ['Centrum', 'Norr', 'Söder', 'Väster'];

/**
 * The full demo's summer-jobs season for the coming summer: three periods, places at ~60 of the
 * register's workplaces, ~400 applications through the public e-service's use case (the window is open
 * on the demo's date), and one allocation run of each mode on the same input, left unpublished so staff
 * can look at the run report and publish it themselves. Deterministic from the rng for a given date.
 */
export async function loadDemoSummerSeason(
  ctx: Ctx,
  grant: RoleGrant,
  rng: Rng,
  today: string,
  workplaceIds: string[],
  municipalityCode: string,
): Promise<{ seasonId: string; slots: number; places: number; applications: number; placed: number }> {
  const organisationId = ctx.actor!.organisationId;
  const now = ctx.clock.now();
  const thisYear = Number(today.slice(0, 4));
  const year = Number(today.slice(5, 7)) <= 4 ? thisYear : thisYear + 1;
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rng() * xs.length)]!;
  const { id: seasonId } = await createSeason(
    ctx,
    grant,
    seasonInput.parse({
      name: `Feriearbete sommaren ${year}`,
      year,
      birthYearFrom: year - 19,
      birthYearTo: year - 16,
      municipalityCode,
      hoursPerDay: 6,
      hourlyPaySek: 105,
      opensAt: new Date(now.getTime() - 20 * 86_400_000).toISOString(),
      closesAt: new Date(now.getTime() + 45 * 86_400_000).toISOString(),
      maxChoices: 3,
      mechanism: 'optimal',
      priorityFirstTime: true,
      prioritySocial: true,
      offerDays: 3,
      periods: [
        { code: 'P1', startsOn: `${year}-06-15`, endsOn: `${year}-07-03` },
        { code: 'P2', startsOn: `${year}-07-06`, endsOn: `${year}-07-24` },
        { code: 'P3', startsOn: `${year}-07-27`, endsOn: `${year}-08-14` },
      ],
    }),
  );
  const slotIds: string[] = [];
  let places = 0;
  for (const [i, workplaceId] of workplaceIds.slice(0, 60).entries()) {
    const n = 1 + Math.floor(rng() * 4);
    places += n;
    const { id } = await addSlot(
      ctx,
      grant,
      seasonId,
      slotInput.parse({
        workplaceId,
        period: ['P1', 'P2', 'P3'][i % 3],
        area: pick(AREAS),
        places: n,
        ...(rng() < 0.15 ? { minAge: 18 } : {}),
      }),
    );
    slotIds.push(id);
  }
  // The public e-service's use case, without a session (as the browser sends it).
  const publicCtx: Ctx = { ...ctx, actor: null, clientAddress: null };
  const used = new Set<string>();
  let applications = 0;
  for (let i = 0; i < 400; i++) {
    const youth = syntheticYouth(rng, { birthYearFrom: year - 19, used, choosable: slotIds });
    const first = pick(FIRST);
    const last = pick(LAST);
    await submitApplication(
      publicCtx,
      organisationId,
      seasonId,
      applicationInput.parse({
        personnummer: youth.personnummer,
        firstName: first,
        lastName: last,
        sex: youth.sex,
        municipalityCode,
        email: `ferie${i}@example.se`,
        // Most applicants are under 18 when they apply: a guardian's contact and consent for everyone.
        guardian: { name: `Vårdnadshavare ${last}`, email: `vh${i}@example.se`, consent: true },
        firstTime: rng() < 0.6,
        choices: youth.choices.map((slotId) => ({ slotId })),
      }),
    );
    applications++;
  }
  const { runs } = await runAllocation(ctx, grant, organisationId, seasonId, {
    mode: 'both',
    seed: Math.floor(rng() * 2 ** 31),
  });
  const placed = runs.find((r) => r.mode === 'optimal')?.report.placed ?? 0;
  return { seasonId, slots: slotIds.length, places, applications, placed };
}
