import type { Ctx } from '../context.ts';
import { runAllocation } from '../features/summer-jobs/allocate.ts';
import { processExpiredOffers } from '../features/summer-jobs/offers.ts';
import { findSeasonOrganisation } from '../features/summer-jobs/repo.ts';
import { AppError } from '../http/errors.ts';
import { type MessageCode, message } from '../http/messages.ts';

/** The Swedish text of a use case's refusal, for the terminal. */
function readable(err: AppError): string {
  return typeof err.text === 'string' ? message(err.text as MessageCode, 'sv') : err.text.sv;
}

function flag(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

async function seasonOrganisation(ctx: Ctx, args: string[], command: string) {
  const seasonId = flag(args, '--season');
  if (!seasonId || !/^[0-9a-f-]{36}$/i.test(seasonId))
    throw new Error(`Ange säsongen: insats ${command} --season <id>`);
  const organisationId = await findSeasonOrganisation(ctx.db, seasonId);
  if (!organisationId) throw new Error(`Säsongen ${seasonId} finns inte.`);
  return { seasonId, organisationId };
}

/** `insats allocate --season <id> [--mode optimal|lottery|both] [--seed N]`: runs and stores the allocation. */
export async function allocateCommand(ctx: Ctx, args: string[], log: (s: string) => void = console.log) {
  const { seasonId, organisationId } = await seasonOrganisation(ctx, args, 'allocate');
  const mode = (flag(args, '--mode') ?? 'both') as 'optimal' | 'lottery' | 'both';
  if (!['optimal', 'lottery', 'both'].includes(mode))
    throw new Error('--mode är optimal, lottery eller both.');
  const seedText = flag(args, '--seed');
  const started = Date.now();
  const { runs } = await runAllocation(
    ctx,
    null,
    organisationId,
    seasonId,
    { mode, ...(seedText !== undefined ? { seed: Number(seedText) } : {}) },
    (step) => log(`[${((Date.now() - started) / 1000).toFixed(1)} s] ${step}`),
  ).catch((err: unknown) => {
    throw err instanceof AppError ? new Error(readable(err)) : err;
  });
  for (const r of runs) {
    const p = r.report;
    log(
      `${r.mode}: körning ${r.id}${r.seed !== null ? ` (frö ${r.seed})` : ''}: ${p.placed} placerade, ${p.unplaced} utan plats, ` +
        `förstahandsval ${(p.firstChoiceShare * 100).toFixed(1)} %`,
    );
    if (p.priceOfStability && r.mode === 'lottery') {
      log(
        `Stabilitetens pris: ${p.priceOfStability.placementsLost} platser och ${p.priceOfStability.firstChoicesLost} förstahandsval färre än optimum`,
      );
    }
  }
  return runs;
}

/** `insats expire-offers --season <id>`: moves expired offers to the reserve list, offers the next in line. */
export async function expireOffersCommand(ctx: Ctx, args: string[], log: (s: string) => void = console.log) {
  const { seasonId, organisationId } = await seasonOrganisation(ctx, args, 'expire-offers');
  const r = await processExpiredOffers(ctx, organisationId, seasonId);
  log(`${r.expired} erbjudanden har gått ut; ${r.offered} nya erbjudanden till nästa i tur.`);
  return r;
}
