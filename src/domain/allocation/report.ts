/**
 * Run report: placed, unplaced, first-choice share, rank distribution, priority placed and — when an
 * optimal and a lottery run on the same input are compared — the price of stability.
 */
import { AllocationInputError } from './errors.ts';
import type { AllocationInput, AllocationResult, PriceOfStability, RunReport, TierReport } from './types.ts';

function tierOf(priority: boolean | number | undefined | null): number | null {
  if (priority === true) return 0;
  if (typeof priority === 'number') return priority;
  return null;
}

export function runReport(
  input: AllocationInput,
  result: AllocationResult,
  other?: AllocationResult,
): RunReport {
  const tiers = new Map<number | null, TierReport>();
  const tierById = new Map<string, number | null>();
  for (const a of input.applicants) {
    const t = tierOf(a.priority);
    tierById.set(a.id, t);
    let r = tiers.get(t);
    if (r === undefined) {
      r = { tier: t, applicants: 0, placed: 0 };
      tiers.set(t, r);
    }
    r.applicants++;
  }
  const ranks = new Map<number, number>();
  let firstChoices = 0;
  let rankSum = 0;
  for (const s of result.assignments) {
    const t = tierById.get(s.applicantId);
    if (t === undefined) {
      throw new AllocationInputError(
        `Resultatet nämner sökande "${s.applicantId}" som inte finns i indata`,
        'result-mismatch',
        { kind: 'applicant', id: s.applicantId },
      );
    }
    tiers.get(t)!.placed++;
    ranks.set(s.rank, (ranks.get(s.rank) ?? 0) + 1);
    if (s.rank === 1) firstChoices++;
    rankSum += s.rank;
  }
  const tierList = [...tiers.values()].sort((x, y) =>
    x.tier === null ? 1 : y.tier === null ? -1 : x.tier - y.tier,
  );
  const prio = tierList.filter((t) => t.tier !== null);
  const prioApplicants = prio.reduce((s, t) => s + t.applicants, 0);
  const prioPlaced = prio.reduce((s, t) => s + t.placed, 0);
  const placed = result.assignments.length;
  const applicants = input.applicants.length;
  const report: RunReport = {
    mode: result.mode,
    status: result.status,
    applicants,
    placed,
    unplaced: applicants - placed,
    firstChoices,
    firstChoiceShare: applicants === 0 ? 0 : firstChoices / applicants,
    rankDistribution: [...ranks.entries()]
      .sort((x, y) => x[0] - y[0])
      .map(([rank, count]) => ({ rank, count })),
    averageRank: placed === 0 ? null : rankSum / placed,
    priority: { applicants: prioApplicants, placed: prioPlaced, unplaced: prioApplicants - prioPlaced },
    tiers: tierList,
  };
  if (result.objective !== undefined) report.objective = result.objective;
  if (result.seed !== undefined) report.seed = result.seed;
  if (other !== undefined) report.priceOfStability = priceOfStability(result, other);
  return report;
}

/**
 * Placements and first choices lost by the lottery (stable) run compared with the optimal run on the same
 * input. Pass the two results in any order; exactly one must be optimal and one lottery.
 */
export function priceOfStability(a: AllocationResult, b: AllocationResult): PriceOfStability {
  const opt = a.mode === 'optimal' ? a : b;
  const lot = a.mode === 'lottery' ? a : b;
  if (opt.mode !== 'optimal' || lot.mode !== 'lottery') {
    throw new AllocationInputError(
      'Stabilitetens pris kräver ett optimeringsresultat och ett lotteriresultat',
      'price-of-stability-modes',
      { kind: 'input' },
    );
  }
  const first = (r: AllocationResult) => r.assignments.reduce((s, x) => s + (x.rank === 1 ? 1 : 0), 0);
  const optimalFirstChoices = first(opt);
  const lotteryFirstChoices = first(lot);
  return {
    placementsLost: opt.assignments.length - lot.assignments.length,
    firstChoicesLost: optimalFirstChoices - lotteryFirstChoices,
    optimalPlaced: opt.assignments.length,
    lotteryPlaced: lot.assignments.length,
    optimalFirstChoices,
    lotteryFirstChoices,
  };
}
