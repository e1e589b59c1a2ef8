/**
 * Small-cell suppression for tables of counts of people (DOMAIN.md §8, "Statistical disclosure
 * control": suppress counts 1–4 by default, apply secondary suppression so that a hidden cell
 * cannot be recovered from row or column totals, and suppress percentages with small denominators).
 *
 * Output
 * ------
 * Every published number becomes a {@link SuppressedCount}, a discriminated union on `status`:
 * - `shown`: `value` is the input count, `display` is its decimal string (`0` is shown as `0`);
 * - `suppressed`: `value` is `null`. `reason: 'primary'` means the count itself is small
 *   (1 … threshold−1) and `display` is `<threshold` (e.g. `<5`, as Arbetsförmedlingen shows it);
 *   `reason: 'secondary'` means a complementary suppression of a count that is 0 or ≥ threshold, and
 *   `display` is `..` by default (configurable). A secondary cell is deliberately NOT shown as `<5`,
 *   because that would state something false about it.
 *
 * Model
 * -----
 * The table, its row totals, column totals and grand total form a set of "lines": every row (its
 * cells plus its row total), every column (cells plus column total), the row of column totals (plus
 * the grand total) and the column of row totals (plus the grand total). Each line is one equation
 * `cells = total`. A one-dimensional list is a single line.
 *
 * 1. Primary suppression: every count (cell or total) in 1 … threshold−1.
 * 2. Secondary suppression, repeated until nothing changes: a line is unsafe if
 *    a. exactly one of its members (cells or total) is suppressed — one subtraction (or, if only the
 *       total is hidden, one addition) would recover it; or
 *    b. its total is shown and some suppressed member can take only one value, given what the
 *       display reveals: a primary cell lies in 1 … threshold−1 and a secondary one is 0 or
 *       ≥ threshold. Example with threshold 5: row `1, 5, 30 | 36`. Hiding `1` and `5` leaves
 *       `<5 + .. = 6`; since `..` is 0 or ≥ 5, the `<5` must be 1. Hiding `1` and `30` instead is safe.
 *    For an unsafe line the complement is chosen deterministically from the line's shown members:
 *    positive cells first, then zero cells, the line's total last; smaller values first; ties by
 *    position. The first candidate that makes the line safe is taken; if none does on its own, the
 *    first candidate is taken and the line is checked again.
 *
 * Limitations (the attacker model)
 * --------------------------------
 * The guarantee is per line: no hidden value can be recovered exactly from ONE row or column
 * equation (one subtraction, with the interval knowledge above). Combining several equations —
 * e.g. solving the whole system as a linear programme, which can pin values or narrow them to tight
 * intervals — is not audited: an LP-based audit (as in τ-ARGUS) is not attempted here. Counts may
 * also leak through other published tables of the same population (differencing between tables),
 * which no single-table method prevents. Interval disclosure within a line (e.g. learning that a
 * hidden value is 1 or 2) is not prevented either. Tables whose totals are not sums of the cells
 * (e.g. distinct people who can be in several columns) are handled with the same rules; exact
 * recovery is then harder, not easier. Keeping protected persons out of small cells
 * (DOMAIN.md §2.5) is the caller's job.
 */

export const DEFAULT_SUPPRESSION_THRESHOLD = 5;
export const DEFAULT_SECONDARY_DISPLAY = '..';

export type SuppressionReason = 'primary' | 'secondary';

export type SuppressedCount =
  | { readonly status: 'shown'; readonly value: number; readonly display: string }
  | {
      readonly status: 'suppressed';
      readonly reason: SuppressionReason;
      readonly value: null;
      readonly display: string;
    };

export interface SuppressionOptions {
  /** Counts 1 … threshold−1 are suppressed. Integer ≥ 2. Default 5. */
  readonly threshold?: number;
  /** Display text for secondary (complementary) suppressions. Default `..`. */
  readonly secondaryDisplay?: string;
}

export interface CountTableInput {
  /** Rows × columns of non-negative integer counts (all rows the same length). */
  readonly cells: readonly (readonly number[])[];
  /** Defaults to the row sums. Give them when totals are not sums (e.g. distinct people). */
  readonly rowTotals?: readonly number[];
  /** Defaults to the column sums. */
  readonly columnTotals?: readonly number[];
  /** Defaults to the sum of the column totals. */
  readonly grandTotal?: number;
}

export interface SuppressedTable {
  readonly threshold: number;
  readonly cells: readonly (readonly SuppressedCount[])[];
  readonly rowTotals: readonly SuppressedCount[];
  readonly columnTotals: readonly SuppressedCount[];
  readonly grandTotal: SuppressedCount;
}

export interface CountListInput {
  readonly counts: readonly number[];
  /** Defaults to the sum of the counts. */
  readonly total?: number;
}

export interface SuppressedList {
  readonly threshold: number;
  readonly counts: readonly SuppressedCount[];
  readonly total: SuppressedCount;
}

// ---------------------------------------------------------------------------------------------
// Engine on flat arrays

const SHOWN = 0;
const PRIMARY = 1;
const SECONDARY = 2;
type Status = typeof SHOWN | typeof PRIMARY | typeof SECONDARY;

interface Line {
  /** Indices of the line's cells (not the total). */
  readonly cells: readonly number[];
  /** Index of the line's total. */
  readonly total: number;
}

type Interval = readonly [number, number];

/** Number of integers in the union of the intervals, counting at most to `cap`. */
function countIntegers(intervals: readonly Interval[], cap: number): number {
  const sorted = intervals
    .map(([lo, hi]): Interval => [Math.ceil(lo), Math.floor(hi)])
    .filter(([lo, hi]) => lo <= hi)
    .sort((a, b) => a[0] - b[0]);
  let count = 0;
  let reach = Number.NEGATIVE_INFINITY;
  for (const [lo, hi] of sorted) {
    const start = Math.max(lo, reach + 1);
    if (hi >= start) {
      count += hi - start + 1;
      reach = hi;
    }
    if (count >= cap) return cap;
  }
  return count;
}

function intersect(a: readonly Interval[], b: readonly Interval[]): Interval[] {
  const out: Interval[] = [];
  for (const [alo, ahi] of a) {
    for (const [blo, bhi] of b) {
      const lo = Math.max(alo, blo);
      const hi = Math.min(ahi, bhi);
      if (lo <= hi) out.push([lo, hi]);
    }
  }
  return out;
}

class Suppressor {
  readonly status: Status[];

  constructor(
    private readonly values: readonly number[],
    private readonly lines: readonly Line[],
    private readonly threshold: number,
  ) {
    this.status = values.map((v) => (v >= 1 && v < threshold ? PRIMARY : SHOWN));
  }

  run(): void {
    let changed = true;
    while (changed) {
      changed = false;
      for (const line of this.lines) {
        while (!this.isSafe(line)) {
          if (!this.addComplement(line)) break;
          changed = true;
        }
      }
    }
  }

  /** The set of values the display allows for a suppressed member. */
  private attackerSet(index: number): Interval[] {
    return this.status[index] === PRIMARY
      ? [[1, this.threshold - 1]]
      : [
          [0, 0],
          [this.threshold, Number.POSITIVE_INFINITY],
        ];
  }

  isSafe(line: Line): boolean {
    const members = [...line.cells, line.total];
    const hidden = members.filter((i) => this.status[i] !== SHOWN);
    if (hidden.length === 0) return true;
    if (hidden.length === 1) return false;
    if (this.status[line.total] !== SHOWN) return true; // no equation with a known right-hand side
    let rest = this.values[line.total] ?? 0;
    for (const i of line.cells) if (this.status[i] === SHOWN) rest -= this.values[i] ?? 0;
    const T = this.threshold;
    const totalPrimaries = hidden.filter((i) => this.status[i] === PRIMARY).length;
    for (const i of hidden) {
      const isPrimary = this.status[i] === PRIMARY;
      const primaries = totalPrimaries - (isPrimary ? 1 : 0);
      const secondaries = hidden.length - 1 - primaries;
      // Sums the other hidden cells can take, mirrored: i's value must lie in `rest − others`.
      const others: Interval[] = [[primaries, primaries * (T - 1)]];
      if (secondaries > 0) others.push([primaries + T, Number.POSITIVE_INFINITY]);
      const allowed: Interval[] = others.map(([lo, hi]) => [rest - hi, rest - lo]);
      if (countIntegers(intersect(this.attackerSet(i), allowed), 2) === 1) return false;
    }
    return true;
  }

  private addComplement(line: Line): boolean {
    const candidates = [...line.cells, line.total]
      .filter((i) => this.status[i] === SHOWN)
      .map((i) => ({ i, isTotal: i === line.total, value: this.values[i] ?? 0 }))
      .sort(
        (a, b) =>
          Number(a.isTotal) - Number(b.isTotal) ||
          Number(a.value === 0) - Number(b.value === 0) ||
          a.value - b.value ||
          a.i - b.i,
      );
    const first = candidates[0];
    if (!first) return false;
    for (const candidate of candidates) {
      this.status[candidate.i] = SECONDARY;
      if (this.isSafe(line)) return true;
      this.status[candidate.i] = SHOWN;
    }
    this.status[first.i] = SECONDARY;
    return true;
  }
}

// ---------------------------------------------------------------------------------------------
// Public API

function resolveThreshold(options: SuppressionOptions | undefined): number {
  const threshold = options?.threshold ?? DEFAULT_SUPPRESSION_THRESHOLD;
  if (!Number.isInteger(threshold) || threshold < 2) {
    throw new RangeError(`Gränsvärdet för röjandekontroll måste vara ett heltal ≥ 2, fick ${threshold}.`);
  }
  return threshold;
}

function checkCount(value: number, what: string): number {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new RangeError(`${what} måste vara ett heltal ≥ 0, fick ${value}.`);
  }
  return value;
}

function toCell(value: number, status: Status, threshold: number, secondaryDisplay: string): SuppressedCount {
  if (status === SHOWN) return { status: 'shown', value, display: String(value) };
  return status === PRIMARY
    ? { status: 'suppressed', reason: 'primary', value: null, display: `<${threshold}` }
    : { status: 'suppressed', reason: 'secondary', value: null, display: secondaryDisplay };
}

const sum = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0);

/**
 * Suppresses a two-dimensional table of counts with its margins. Pure and deterministic.
 * Throws a RangeError (Swedish message) on malformed input.
 */
export function suppressTable(input: CountTableInput, options?: SuppressionOptions): SuppressedTable {
  const threshold = resolveThreshold(options);
  const secondaryDisplay = options?.secondaryDisplay ?? DEFAULT_SECONDARY_DISPLAY;
  const rows = input.cells.length;
  const cols = input.cells[0]?.length ?? input.columnTotals?.length ?? 0;
  input.cells.forEach((row, r) => {
    if (row.length !== cols) throw new RangeError(`Rad ${r + 1} har ${row.length} celler, väntade ${cols}.`);
    for (const [c, v] of row.entries()) checkCount(v, `Cell (${r + 1}, ${c + 1})`);
  });
  const rowTotals = input.rowTotals ?? input.cells.map((row) => sum(row));
  const columnTotals =
    input.columnTotals ?? Array.from({ length: cols }, (_, c) => sum(input.cells.map((row) => row[c] ?? 0)));
  if (rowTotals.length !== rows)
    throw new RangeError(`Antalet radsummor (${rowTotals.length}) ska vara ${rows}.`);
  if (columnTotals.length !== cols) {
    throw new RangeError(`Antalet kolumnsummor (${columnTotals.length}) ska vara ${cols}.`);
  }
  for (const [r, v] of rowTotals.entries()) checkCount(v, `Radsumma ${r + 1}`);
  for (const [c, v] of columnTotals.entries()) checkCount(v, `Kolumnsumma ${c + 1}`);
  const grandTotal = checkCount(input.grandTotal ?? sum(columnTotals), 'Totalsumman');

  // Flat (rows+1) × (cols+1) grid: margins in the last row and column, grand total last.
  const width = cols + 1;
  const at = (r: number, c: number) => r * width + c;
  const values: number[] = [];
  for (let r = 0; r <= rows; r++) {
    for (let c = 0; c <= cols; c++) {
      if (r < rows && c < cols) values.push(input.cells[r]?.[c] ?? 0);
      else if (r < rows) values.push(rowTotals[r] ?? 0);
      else if (c < cols) values.push(columnTotals[c] ?? 0);
      else values.push(grandTotal);
    }
  }
  const lines: Line[] = [];
  for (let r = 0; r <= rows; r++) {
    lines.push({ cells: Array.from({ length: cols }, (_, c) => at(r, c)), total: at(r, cols) });
  }
  for (let c = 0; c <= cols; c++) {
    lines.push({ cells: Array.from({ length: rows }, (_, r) => at(r, c)), total: at(rows, c) });
  }

  const engine = new Suppressor(values, lines, threshold);
  engine.run();
  const cell = (r: number, c: number) =>
    toCell(values[at(r, c)] ?? 0, engine.status[at(r, c)] ?? SHOWN, threshold, secondaryDisplay);
  return {
    threshold,
    cells: Array.from({ length: rows }, (_, r) => Array.from({ length: cols }, (_, c) => cell(r, c))),
    rowTotals: Array.from({ length: rows }, (_, r) => cell(r, cols)),
    columnTotals: Array.from({ length: cols }, (_, c) => cell(rows, c)),
    grandTotal: cell(rows, cols),
  };
}

/** Suppresses a one-dimensional list of category counts with its total. Pure and deterministic. */
export function suppressList(input: CountListInput, options?: SuppressionOptions): SuppressedList {
  const threshold = resolveThreshold(options);
  const secondaryDisplay = options?.secondaryDisplay ?? DEFAULT_SECONDARY_DISPLAY;
  for (const [i, v] of input.counts.entries()) checkCount(v, `Antal ${i + 1}`);
  const total = checkCount(input.total ?? sum(input.counts), 'Totalen');
  const values = [...input.counts, total];
  const n = input.counts.length;
  const engine = new Suppressor(values, [{ cells: input.counts.map((_, i) => i), total: n }], threshold);
  engine.run();
  const cell = (i: number) => toCell(values[i] ?? 0, engine.status[i] ?? SHOWN, threshold, secondaryDisplay);
  return { threshold, counts: input.counts.map((_, i) => cell(i)), total: cell(n) };
}

// ---------------------------------------------------------------------------------------------
// Percentages

export type PercentageSuppressionReason = 'small-denominator' | 'small-count';

export type SuppressedPercentage =
  | { readonly status: 'shown'; readonly value: number; readonly display: string }
  | {
      readonly status: 'suppressed';
      readonly reason: PercentageSuppressionReason;
      readonly value: null;
      readonly display: string;
    };

export interface PercentageOptions {
  /** Decimals in `value` and `display`. Default 0. */
  readonly decimals?: number;
  /**
   * Also suppress when the numerator, or the denominator minus the numerator, is 1 … threshold−1.
   * Default true: a published percentage together with a published denominator gives the count back
   * (1 of 200 = 0.5 %), which would undo the cell suppression. Set false for DOMAIN.md's minimum
   * rule (denominator only).
   */
  readonly protectSmallCounts?: boolean;
  /** Display text for a suppressed percentage. Default `..` (not `<5`, which would read as "<5 %"). */
  readonly suppressedDisplay?: string;
}

/**
 * A percentage `numerator / denominator × 100`, suppressed when the denominator is below the
 * threshold (this includes 0, where no percentage exists) and, by default, when the numerator or
 * its complement is a small count. Display uses a decimal comma and a no-break space: `33,3 %`.
 */
export function suppressPercentage(
  numerator: number,
  denominator: number,
  threshold: number = DEFAULT_SUPPRESSION_THRESHOLD,
  options?: PercentageOptions,
): SuppressedPercentage {
  resolveThreshold({ threshold });
  checkCount(numerator, 'Täljaren');
  checkCount(denominator, 'Nämnaren');
  if (numerator > denominator) throw new RangeError('Täljaren får inte vara större än nämnaren.');
  const decimals = options?.decimals ?? 0;
  if (!Number.isInteger(decimals) || decimals < 0 || decimals > 6) {
    throw new RangeError('Antalet decimaler måste vara ett heltal 0–6.');
  }
  const suppressedDisplay = options?.suppressedDisplay ?? DEFAULT_SECONDARY_DISPLAY;
  const small = (v: number) => v >= 1 && v < threshold;
  if (denominator < threshold) {
    return { status: 'suppressed', reason: 'small-denominator', value: null, display: suppressedDisplay };
  }
  if ((options?.protectSmallCounts ?? true) && (small(numerator) || small(denominator - numerator))) {
    return { status: 'suppressed', reason: 'small-count', value: null, display: suppressedDisplay };
  }
  const factor = 10 ** decimals;
  const value = Math.round((numerator * 100 * factor) / denominator) / factor;
  return { status: 'shown', value, display: `${value.toFixed(decimals).replace('.', ',')}\u00a0%` };
}
