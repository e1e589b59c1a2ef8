import { type SuppressedCount, suppressPercentage, suppressTable } from '../../domain/suppression.ts';

/** One published figure: the value (null when hidden) and what to display. */
export interface Figure {
  value: number | null;
  display: string;
  /** Why it is hidden: small cell, complementary suppression, or a small cell with a protected person. */
  hidden?: 'primary' | 'secondary' | 'protected';
}

export interface SuppressionChoice {
  /** true: disclosure control on (exports, analytiker, default). */
  suppress: boolean;
  threshold: number;
}

export const shown = (value: number): Figure => ({ value, display: String(value) });

export function fromSuppressed(c: SuppressedCount): Figure {
  return c.status === 'shown'
    ? { value: c.value, display: c.display }
    : { value: null, display: c.display, hidden: c.reason };
}

const isSmall = (v: number, threshold: number) => v >= 1 && v < threshold;

/**
 * A single count (households, couples, children): hidden when 1 … threshold−1 and suppression is on,
 * or — even when off — when a protected person is in it and it is small.
 */
export function singleCount(value: number, choice: SuppressionChoice, protectedCount = 0): Figure {
  if (isSmall(value, choice.threshold) && (choice.suppress || protectedCount > 0)) {
    return {
      value: null,
      display: `<${choice.threshold}`,
      hidden: choice.suppress ? 'primary' : 'protected',
    };
  }
  return shown(value);
}

/** A share in percent with one decimal (integer arithmetic, half up), suppressed like DOMAIN.md §8. */
export function percentage(numerator: Figure, denominator: Figure, choice: SuppressionChoice): Figure {
  if (numerator.value === null || denominator.value === null)
    return { value: null, display: '..', hidden: 'secondary' };
  if (denominator.value === 0) return { value: null, display: '–' };
  if (!choice.suppress) {
    const value = Math.round((numerator.value * 1000) / denominator.value) / 10;
    return { value, display: value.toFixed(1).replace('.', ',') };
  }
  const p = suppressPercentage(numerator.value, denominator.value, choice.threshold, { decimals: 1 });
  return p.status === 'shown'
    ? { value: p.value, display: p.value.toFixed(1).replace('.', ',') }
    : { value: null, display: p.display, hidden: 'secondary' };
}

/**
 * Suppresses a table of disjoint components per group (rows) whose row total is the group's count,
 * with the population's column totals. Without suppression, only small cells holding a protected
 * person are hidden. Returns figures for cells, row totals, column totals and grand total.
 */
export function componentTable(
  cells: number[][],
  protectedCells: number[][],
  choice: SuppressionChoice,
): { cells: Figure[][]; rowTotals: Figure[]; columnTotals: Figure[]; grandTotal: Figure } {
  const rowTotals = cells.map((r) => r.reduce((a, b) => a + b, 0));
  const cols = cells[0]?.length ?? 0;
  const columnTotals = Array.from({ length: cols }, (_, c) => cells.reduce((a, r) => a + (r[c] ?? 0), 0));
  const grand = rowTotals.reduce((a, b) => a + b, 0);
  if (choice.suppress) {
    const t = suppressTable({ cells }, { threshold: choice.threshold });
    return {
      cells: t.cells.map((r) => r.map(fromSuppressed)),
      rowTotals: t.rowTotals.map(fromSuppressed),
      columnTotals: t.columnTotals.map(fromSuppressed),
      grandTotal: fromSuppressed(t.grandTotal),
    };
  }
  const protectedRow = protectedCells.map((r) => r.reduce((a, b) => a + b, 0));
  const protectedCol = Array.from({ length: cols }, (_, c) =>
    protectedCells.reduce((a, r) => a + (r[c] ?? 0), 0),
  );
  return {
    cells: cells.map((r, i) => r.map((v, c) => singleCount(v, choice, protectedCells[i]?.[c] ?? 0))),
    rowTotals: rowTotals.map((v, i) => singleCount(v, choice, protectedRow[i] ?? 0)),
    columnTotals: columnTotals.map((v, c) => singleCount(v, choice, protectedCol[c] ?? 0)),
    grandTotal: singleCount(
      grand,
      choice,
      protectedRow.reduce((a, b) => a + b, 0),
    ),
  };
}

/**
 * A sum of component figures: shown only when every component is shown (otherwise a hidden
 * component could be recovered by subtraction).
 */
export function derivedSum(parts: Figure[]): Figure {
  if (parts.every((p) => p.value !== null)) return shown(parts.reduce((a, p) => a + (p.value ?? 0), 0));
  return { value: null, display: '..', hidden: 'secondary' };
}

/** A list of counts of people by category, suppressed as one line with its total. */
export function countList(
  counts: number[],
  protectedCounts: number[],
  total: number,
  choice: SuppressionChoice,
): { counts: Figure[]; total: Figure } {
  const cells = counts.map((c) => [c]);
  const t = componentTable(
    cells,
    protectedCounts.map((c) => [c]),
    choice,
  );
  const sumOfCounts = counts.reduce((a, b) => a + b, 0);
  // When categories overlap (one person speaks several languages), the total is not their sum:
  // the total is then published as a single count of its own.
  return {
    counts: t.rowTotals,
    total: sumOfCounts === total ? t.grandTotal : singleCount(total, choice),
  };
}
