/** Which input record an error is about. */
export interface OffendingRecord {
  kind: 'input' | 'applicant' | 'workplace' | 'preference' | 'choice' | 'sideConstraint' | 'option';
  /** Id of the applicant, workplace or side constraint (when it has one). */
  id?: string;
  /** 0-based index of the record in its list. */
  index?: number;
  /** 1-based position of the choice in the applicant's list. */
  choice?: number;
}

/** Bad input: the message is Swedish and names the offending record; nothing is allocated. */
export class AllocationInputError extends Error {
  override readonly name = 'AllocationInputError';
  constructor(
    message: string,
    readonly code: string,
    readonly record: OffendingRecord,
  ) {
    super(message);
  }
}

/** The MIP (side constraints) could not be solved: infeasible, no solution in time, or a solver failure. */
export class AllocationSolveError extends Error {
  override readonly name = 'AllocationSolveError';
  constructor(
    message: string,
    readonly code: 'infeasible' | 'time-limit' | 'solver-error',
  ) {
    super(message);
  }
}
