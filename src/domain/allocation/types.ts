/**
 * Public types of the allocation engine. A "workplace" here is any capacity group: the summer-jobs feature
 * flattens workplace × period into one id per pair, the placements feature uses one id per slot.
 */

/** Free-form attribute values used by side constraints (sex, school, family …). */
export type AttributeValue = string | number | boolean | null;

export interface Applicant {
  id: string;
  /**
   * Priority: `true` or a tier number (0 is the highest tier, 1 the next …) puts the person in a priority
   * group; `false`/absent means no priority. Priority groups are placed first (see README).
   */
  priority?: boolean | number;
  /** Used by side constraints, e.g. `{ kon: 'K', skola: 'S12' }`. */
  attributes?: Record<string, AttributeValue>;
}

export interface Workplace {
  id: string;
  /** Number of places (non-negative integer). */
  capacity: number;
  label?: string;
}

/** One part of a suitability score, shown to the case worker. */
export interface ScoreComponent {
  /** Stable key, e.g. `ssyk`, `sprak`, `omrade`, `bristyrke`, `korkort`. */
  key: string;
  /** Swedish label, e.g. `Yrkesintresse (SSYK)`. */
  label: string;
  points: number;
  maxPoints?: number;
  detail?: string;
}

export interface Choice {
  workplaceId: string;
  /** 1 = first choice. Defaults to the position in the list (ranks mode) or the score order (scores mode). */
  rank?: number;
  /** Suitability 0–100 (integer). When any choice of the input carries a score, all must (scores mode). */
  score?: number;
  components?: ScoreComponent[];
  /** `false` keeps the choice for explanations but removes it from the allocation (eligibility filter). */
  eligible?: boolean;
  /** Why the choice is not eligible (Swedish), shown in explanations. */
  ineligibleReasons?: string[];
}

export interface Preference {
  applicantId: string;
  choices: Choice[];
}

/**
 * Side constraints (optimal mode only). They send the problem to the HiGHS MIP path.
 * - `maxPerAttribute`: at each workplace (or only the listed ones) at most `max` persons with the same value
 *   of `attribute` (e.g. at most 3 per school, at most 4 per sex).
 * - `apart`: at most one of the listed persons at any single workplace (siblings apart).
 * - `limit`: at most `max` of the listed persons (all when omitted) in total over the listed workplaces.
 */
export type SideConstraint =
  | { kind: 'maxPerAttribute'; id?: string; attribute: string; max: number; workplaceIds?: string[] }
  | { kind: 'apart'; id?: string; applicantIds: string[] }
  | { kind: 'limit'; id?: string; workplaceIds: string[]; applicantIds?: string[]; max: number };

export interface AllocationInput {
  applicants: Applicant[];
  workplaces: Workplace[];
  preferences: Preference[];
  sideConstraints?: SideConstraint[];
}

export interface ValidateOptions {
  /** Maximum number of choices per applicant (the "k" of the call), unlimited when absent. */
  maxChoices?: number;
  /** Cost per rank in ranks mode: `rankCosts[r - 1]` for rank r (non-negative integers). Default r − 1. */
  rankCosts?: number[];
}

export interface OptimalOptions extends ValidateOptions {
  /** Time limit for the HiGHS MIP (side constraints), seconds. Default 30. */
  timeLimitSeconds?: number;
  /** Force the MIP path even without side constraints (mainly for tests). */
  forceMip?: boolean;
}

export interface LotteryOptions extends ValidateOptions {
  /** Seed for the lottery (stored with the run: the same input and seed give the same result). */
  seed: number;
}

export interface Assignment {
  applicantId: string;
  workplaceId: string;
  /** Rank of the choice in the applicant's list (1 = first choice). */
  rank: number;
  /** Cost of the arc in the objective: rank cost (ranks mode) or 100 − score (scores mode). */
  cost: number;
  score?: number;
}

export type AllocationMode = 'optimal' | 'lottery';

export interface AllocationResult {
  mode: AllocationMode;
  /**
   * `optimal`: proven optimum (flow or MIP). `feasible`: the MIP hit its time limit with a solution that is
   * not proven optimal. `stable`: lottery deferred acceptance.
   */
  status: 'optimal' | 'feasible' | 'stable';
  solver: 'flow' | 'highs-mip' | 'deferred-acceptance';
  costModel: 'ranks' | 'scores';
  /** Optimal mode: total cost including the unplaced penalties (see README). */
  objective?: number;
  timeLimitReached?: boolean;
  assignments: Assignment[];
  /** Ids of applicants without a place, in input order. */
  unplaced: string[];
  /** Lottery mode: the seed and each applicant's lottery number (1 = best). */
  seed?: number;
  lotteryNumbers?: Record<string, number>;
  /** Unplaced penalty per priority level (index 0 = highest tier, last = no priority). */
  penalties: number[];
  seconds: number;
}

export interface RankCount {
  rank: number;
  count: number;
}

export interface TierReport {
  /** Tier number as given in the input, or `null` for applicants without priority. */
  tier: number | null;
  applicants: number;
  placed: number;
}

export interface PriceOfStability {
  /** Placements in the optimum minus placements in the lottery (≥ 0). */
  placementsLost: number;
  /** First choices in the optimum minus first choices in the lottery (may be negative). */
  firstChoicesLost: number;
  optimalPlaced: number;
  lotteryPlaced: number;
  optimalFirstChoices: number;
  lotteryFirstChoices: number;
}

export interface RunReport {
  mode: AllocationMode;
  status: AllocationResult['status'];
  applicants: number;
  placed: number;
  unplaced: number;
  firstChoices: number;
  /** First choices / applicants. */
  firstChoiceShare: number;
  /** Number of placed persons per rank, ascending ranks, only ranks that occur. */
  rankDistribution: RankCount[];
  averageRank: number | null;
  priority: { applicants: number; placed: number; unplaced: number };
  tiers: TierReport[];
  objective?: number;
  seed?: number;
  priceOfStability?: PriceOfStability;
}

export type ChoiceStatus =
  | { kind: 'tilldelad' }
  | { kind: 'ej-behorig'; reasons: string[] }
  | { kind: 'ingen-kapacitet' }
  | {
      kind: 'full';
      capacity: number;
      /** Holders with higher priority / equal priority / lower priority than the applicant. */
      higherPriority: number;
      samePriority: number;
      lowerPriority: number;
      /** Lottery mode: holders ahead of the applicant in (tier, lottery number). */
      aheadInLottery?: number;
    }
  /** A place was free but the person was not moved there (only possible with side constraints). */
  | { kind: 'ledig' };

export interface ChoiceExplanation {
  workplaceId: string;
  rank: number;
  score?: number;
  status: ChoiceStatus;
}

export interface AssignmentExplanation {
  applicantId: string;
  workplaceId: string;
  rank: number;
  cost: number;
  score?: number;
  components: ScoreComponent[];
  /** Choices ranked above the assigned one and why they were not given. */
  betterChoices: ChoiceExplanation[];
  text: string;
}

export type UnplacedReason = 'inga-val' | 'inga-behoriga-val' | 'alla-val-fulla';

export interface UnplacedExplanation {
  applicantId: string;
  reason: UnplacedReason;
  choices: ChoiceExplanation[];
  text: string;
}

export interface Explanations {
  assignments: AssignmentExplanation[];
  unplaced: UnplacedExplanation[];
}
