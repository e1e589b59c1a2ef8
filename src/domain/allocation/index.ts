/**
 * Allocation engine (summer jobs, adult placements). Pure domain code: imports only node builtins and
 * `highs`. See README.md in this folder for the cost model and how to call it.
 */
export { compileProblem, unplacedPenalties, validateInput } from './compile.ts';
export { AllocationInputError, AllocationSolveError, type OffendingRecord } from './errors.ts';
export { explain } from './explain.ts';
export { allocateLottery } from './lottery.ts';
export { allocateOptimal, allocateOptimalSync } from './optimal.ts';
export { newSeed, Prng } from './prng.ts';
export { priceOfStability, runReport } from './report.ts';
export {
  buildPlacementInput,
  DEFAULT_WEIGHTS,
  type PlacementInputOptions,
  type PlacementParticipant,
  type PlacementSlot,
  type ScoreWeights,
  type ScoringOptions,
  type Suitability,
  scoreSuitability,
} from './scoring.ts';
export {
  ageOn,
  buildSummerJobsInput,
  type SummerApplication,
  type SummerSlot,
  type SummerYouth,
  summerIneligibility,
} from './summer-jobs.ts';
export type {
  AllocationInput,
  AllocationMode,
  AllocationResult,
  Applicant,
  Assignment,
  AssignmentExplanation,
  AttributeValue,
  Choice,
  ChoiceExplanation,
  ChoiceStatus,
  Explanations,
  LotteryOptions,
  OptimalOptions,
  Preference,
  PriceOfStability,
  RankCount,
  RunReport,
  ScoreComponent,
  SideConstraint,
  TierReport,
  UnplacedExplanation,
  UnplacedReason,
  ValidateOptions,
  Workplace,
} from './types.ts';
