import type { CompiledProblem } from './compile.ts';
import type { AllocationResult, Assignment } from './types.ts';

/** Builds the public result from an arc per applicant (−1 = unplaced). */
export function buildResult(
  p: CompiledProblem,
  assignedArc: Int32Array,
  base: Pick<AllocationResult, 'mode' | 'status' | 'solver'> & Partial<AllocationResult>,
  started: number,
): AllocationResult {
  const assignments: Assignment[] = [];
  const unplaced: string[] = [];
  let objective = 0;
  const scores = p.costModel === 'scores';
  for (let i = 0; i < p.n; i++) {
    const a = assignedArc[i]!;
    if (a < 0) {
      unplaced.push(p.applicantIds[i]!);
      objective += p.penalty[i]!;
      continue;
    }
    const cost = p.arcCost[a]!;
    objective += cost;
    const item: Assignment = {
      applicantId: p.applicantIds[i]!,
      workplaceId: p.workplaceIds[p.arcWp[a]!]!,
      rank: p.arcRank[a]!,
      cost,
    };
    if (scores) item.score = 100 - cost;
    assignments.push(item);
  }
  return {
    ...base,
    costModel: p.costModel,
    ...(base.mode === 'optimal' ? { objective } : {}),
    assignments,
    unplaced,
    penalties: p.penalties,
    seconds: (performance.now() - started) / 1000,
  };
}

/** Objective (arc costs plus unplaced penalties) of an assignment given as arc per applicant. */
export function objectiveOf(p: CompiledProblem, assignedArc: Int32Array): number {
  let objective = 0;
  for (let i = 0; i < p.n; i++) {
    const a = assignedArc[i]!;
    objective += a < 0 ? p.penalty[i]! : p.arcCost[a]!;
  }
  return objective;
}
