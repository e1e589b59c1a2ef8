/**
 * Optimal mode: the pure min-cost flow when there are no side constraints (fast path), otherwise a MIP solved
 * by HiGHS in a worker thread with a time limit.
 */
import { compileProblem } from './compile.ts';
import { AllocationInputError } from './errors.ts';
import { solveFlow } from './flow.ts';
import { solveMip } from './mip.ts';
import { buildResult } from './result.ts';
import type { AllocationInput, AllocationResult, OptimalOptions, ValidateOptions } from './types.ts';

/**
 * Optimal allocation without side constraints, synchronously (min-cost flow). Throws AllocationInputError
 * on bad input and when side constraints are given (use `allocateOptimal`).
 */
export function allocateOptimalSync(input: AllocationInput, options: ValidateOptions = {}): AllocationResult {
  const started = performance.now();
  const p = compileProblem(input, options);
  if ((input.sideConstraints?.length ?? 0) > 0) {
    throw new AllocationInputError(
      'Sidovillkor kräver optimering med MIP-lösaren (allocateOptimal), inte den synkrona flödesvarianten',
      'side-constraints-need-mip',
      { kind: 'sideConstraint', index: 0 },
    );
  }
  const sol = solveFlow(p);
  return buildResult(p, sol.assignedArc, { mode: 'optimal', status: 'optimal', solver: 'flow' }, started);
}

/**
 * Optimal allocation. Without side constraints: the min-cost flow (exact, fast). With side constraints: a
 * MIP with the same objective, solved by HiGHS in a worker thread; `status: 'feasible'` and
 * `timeLimitReached: true` when the time limit stopped it with a solution that is not proven optimal.
 * Rejects with AllocationSolveError when no solution was found in time.
 */
export async function allocateOptimal(
  input: AllocationInput,
  options: OptimalOptions = {},
): Promise<AllocationResult> {
  const started = performance.now();
  const p = compileProblem(input, options);
  const hasSide = (input.sideConstraints?.length ?? 0) > 0;
  if (!hasSide && options.forceMip !== true) {
    const sol = solveFlow(p);
    return buildResult(p, sol.assignedArc, { mode: 'optimal', status: 'optimal', solver: 'flow' }, started);
  }
  const timeLimitSeconds = options.timeLimitSeconds ?? 30;
  if (!(timeLimitSeconds > 0)) {
    throw new AllocationInputError(`Tidsgränsen måste vara positiv, fick ${timeLimitSeconds}`, 'bad-option', {
      kind: 'option',
      id: 'timeLimitSeconds',
    });
  }
  const mip = await solveMip(p, { timeLimitSeconds });
  return buildResult(
    p,
    mip.assignedArc,
    {
      mode: 'optimal',
      status: mip.optimal ? 'optimal' : 'feasible',
      solver: 'highs-mip',
      ...(mip.timeLimitReached ? { timeLimitReached: true } : {}),
    },
    started,
  );
}
