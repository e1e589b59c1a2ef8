import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type SuppressedCount,
  type SuppressedTable,
  suppressList,
  suppressPercentage,
  suppressTable,
} from './suppression.ts';

const displays = (cells: readonly SuppressedCount[]) => cells.map((c) => c.display);

describe('suppressList', () => {
  it('shows large counts and zeros unchanged', () => {
    const out = suppressList({ counts: [0, 12, 30] });
    expect(displays(out.counts)).toEqual(['0', '12', '30']);
    expect(out.total).toEqual({ status: 'shown', value: 42, display: '42' });
  });

  it('suppresses a small count and its smallest safe complement', () => {
    const out = suppressList({ counts: [3, 10, 12] });
    expect(displays(out.counts)).toEqual(['<5', '..', '12']);
    expect(out.counts[0]).toEqual({ status: 'suppressed', reason: 'primary', value: null, display: '<5' });
    expect(out.counts[1]).toMatchObject({ status: 'suppressed', reason: 'secondary' });
    expect(out.total.display).toBe('25');
  });

  it('skips a complement that would pin the small count', () => {
    // Hiding 1 and 5 leaves "<5 + .. = 6", and ".." is 0 or ≥ 5, so "<5" would have to be 1.
    expect(displays(suppressList({ counts: [1, 5, 30] }).counts)).toEqual(['<5', '5', '..']);
  });

  it('adds a complement when two small counts would pin each other', () => {
    // 1 + 1 = 2 with both in 1..4 means both are 1.
    expect(displays(suppressList({ counts: [1, 1, 50, 60] }).counts)).toEqual(['<5', '<5', '..', '60']);
    // 4 + 4 = 8 with both in 1..4 means both are 4.
    expect(displays(suppressList({ counts: [4, 4, 50, 60] }).counts)).toEqual(['<5', '<5', '..', '60']);
    // 1 + 3 = 4 leaves (1,3), (2,2), (3,1): safe on its own.
    expect(displays(suppressList({ counts: [1, 3, 50] }).counts)).toEqual(['<5', '<5', '50']);
  });

  it('suppresses a small total and everything in it', () => {
    const out = suppressList({ counts: [2, 0, 1] });
    expect(displays(out.counts)).toEqual(['<5', '0', '<5']);
    expect(out.total.display).toBe('<5');
  });

  it('hides the total when no cell makes the line safe', () => {
    // Hiding 5 would give "<5 + .. = 6", so "<5" = 1; the total is hidden instead.
    const out = suppressList({ counts: [1, 5] });
    expect(displays(out.counts)).toEqual(['<5', '5']);
    expect(out.total).toEqual({ status: 'suppressed', reason: 'secondary', value: null, display: '..' });
  });

  it('prefers a positive complement over a zero', () => {
    expect(displays(suppressList({ counts: [2, 0, 9] }, { threshold: 3 }).counts)).toEqual(['<3', '0', '..']);
  });

  it('honours threshold and secondary display', () => {
    const out = suppressList({ counts: [3, 10, 12] }, { threshold: 3, secondaryDisplay: 'x' });
    expect(displays(out.counts)).toEqual(['3', '10', '12']);
    const four = suppressList({ counts: [2, 10, 12] }, { threshold: 3, secondaryDisplay: 'x' });
    expect(displays(four.counts)).toEqual(['<3', 'x', '12']);
  });

  it('rejects bad input with Swedish messages', () => {
    expect(() => suppressList({ counts: [-1] })).toThrow(/heltal ≥ 0/);
    expect(() => suppressList({ counts: [1.5] })).toThrow(RangeError);
    expect(() => suppressList({ counts: [1] }, { threshold: 1 })).toThrow(/Gränsvärdet/);
  });
});

describe('suppressTable', () => {
  it('leaves a table without small counts alone', () => {
    const out = suppressTable({
      cells: [
        [10, 20],
        [0, 7],
      ],
    });
    expect(out.cells.map(displays)).toEqual([
      ['10', '20'],
      ['0', '7'],
    ]);
    expect(displays(out.rowTotals)).toEqual(['30', '7']);
    expect(displays(out.columnTotals)).toEqual(['10', '27']);
    expect(out.grandTotal.display).toBe('37');
  });

  it('suppresses a rectangle around one small cell', () => {
    const out = suppressTable({
      cells: [
        [2, 10, 30],
        [15, 20, 25],
        [40, 50, 60],
      ],
    });
    expect(out.cells.map(displays)).toEqual([
      ['<5', '..', '30'],
      ['..', '..', '25'],
      ['40', '50', '60'],
    ]);
    expect(displays(out.rowTotals)).toEqual(['42', '60', '150']);
    expect(displays(out.columnTotals)).toEqual(['57', '80', '115']);
  });

  it('uses given totals (e.g. distinct people) and suppresses small ones', () => {
    const out = suppressTable({
      cells: [
        [3, 1],
        [20, 30],
      ],
      rowTotals: [3, 45],
      columnTotals: [22, 31],
      grandTotal: 48,
    });
    expect(out.rowTotals[0]?.display).toBe('<5');
    expect(out.cells[0]?.map((c) => c.status)).toEqual(['suppressed', 'suppressed']);
  });

  it('rejects ragged tables and wrong margins', () => {
    expect(() => suppressTable({ cells: [[1, 2], [3]] })).toThrow(/Rad 2/);
    expect(() => suppressTable({ cells: [[1, 2]], rowTotals: [3, 4] })).toThrow(/radsummor/);
  });
});

describe('suppressPercentage', () => {
  it('shows percentages with a decimal comma', () => {
    expect(suppressPercentage(1, 3, 2)).toMatchObject({ status: 'suppressed', reason: 'small-count' });
    expect(suppressPercentage(10, 30)).toEqual({ status: 'shown', value: 33, display: '33\u00a0%' });
    expect(suppressPercentage(10, 30, 5, { decimals: 1 }).display).toBe('33,3\u00a0%');
    expect(suppressPercentage(0, 20).display).toBe('0\u00a0%');
  });

  it('suppresses small denominators (including 0)', () => {
    expect(suppressPercentage(2, 4)).toEqual({
      status: 'suppressed',
      reason: 'small-denominator',
      value: null,
      display: '..',
    });
    expect(suppressPercentage(0, 0).status).toBe('suppressed');
    expect(suppressPercentage(4, 4, 3, { protectSmallCounts: false }).display).toBe('100\u00a0%');
  });

  it('by default also protects small numerators and complements', () => {
    expect(suppressPercentage(1, 200)).toMatchObject({ status: 'suppressed', reason: 'small-count' });
    expect(suppressPercentage(198, 200)).toMatchObject({ status: 'suppressed', reason: 'small-count' });
    expect(suppressPercentage(1, 200, 5, { protectSmallCounts: false }).display).toBe('1\u00a0%');
  });

  it('rejects impossible input', () => {
    expect(() => suppressPercentage(5, 4)).toThrow(/Täljaren/);
  });
});

// ---------------------------------------------------------------------------------------------
// Property tests

const tableArb = fc
  .record({
    rows: fc.integer({ min: 1, max: 5 }),
    cols: fc.integer({ min: 1, max: 5 }),
    threshold: fc.integer({ min: 3, max: 5 }),
  })
  .chain(({ rows, cols, threshold }) =>
    fc.record({
      threshold: fc.constant(threshold),
      cells: fc.array(
        fc.array(fc.oneof(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 40 })), {
          minLength: cols,
          maxLength: cols,
        }),
        { minLength: rows, maxLength: rows },
      ),
    }),
  );

interface FlatLine {
  members: { value: number; out: SuppressedCount }[];
  total: { value: number; out: SuppressedCount };
}

/** All line equations of a table, in input values and output cells. */
function linesOf(cells: number[][], out: SuppressedTable): FlatLine[] {
  const rows = cells.length;
  const cols = cells[0]?.length ?? 0;
  const v = (r: number, c: number) => cells[r]?.[c] ?? 0;
  const rowTotal = (r: number) => (cells[r] ?? []).reduce((a, b) => a + b, 0);
  const colTotal = (c: number) => cells.reduce((a, row) => a + (row[c] ?? 0), 0);
  const grand = cells.flat().reduce((a, b) => a + b, 0);
  const o = (r: number, c: number) => out.cells[r]?.[c] as SuppressedCount;
  const lines: FlatLine[] = [];
  for (let r = 0; r < rows; r++) {
    lines.push({
      members: Array.from({ length: cols }, (_, c) => ({ value: v(r, c), out: o(r, c) })),
      total: { value: rowTotal(r), out: out.rowTotals[r] as SuppressedCount },
    });
  }
  for (let c = 0; c < cols; c++) {
    lines.push({
      members: Array.from({ length: rows }, (_, r) => ({ value: v(r, c), out: o(r, c) })),
      total: { value: colTotal(c), out: out.columnTotals[c] as SuppressedCount },
    });
  }
  lines.push({
    members: Array.from({ length: cols }, (_, c) => ({
      value: colTotal(c),
      out: out.columnTotals[c] as SuppressedCount,
    })),
    total: { value: grand, out: out.grandTotal },
  });
  lines.push({
    members: Array.from({ length: rows }, (_, r) => ({
      value: rowTotal(r),
      out: out.rowTotals[r] as SuppressedCount,
    })),
    total: { value: grand, out: out.grandTotal },
  });
  return lines;
}

/**
 * Independent brute-force check of one line: with the total shown, how many values can each hidden
 * member take, given the others' ranges as the display reveals them (primary 1..T-1, secondary 0 or
 * ≥ T)? Uses dynamic programming over achievable sums instead of the interval algebra in the code.
 */
function pinnedMembers(line: FlatLine, threshold: number): number {
  if (line.total.out.status !== 'shown') return 0;
  const hidden = line.members.filter((m) => m.out.status === 'suppressed');
  const rest =
    line.total.value - line.members.filter((m) => m.out.status === 'shown').reduce((a, m) => a + m.value, 0);
  const allowed = (m: FlatLine['members'][number], x: number) =>
    m.out.status === 'suppressed' && m.out.reason === 'primary'
      ? x >= 1 && x < threshold
      : x === 0 || x >= threshold;
  let pinned = 0;
  hidden.forEach((m, i) => {
    let reach = new Array<boolean>(rest + 1).fill(false);
    reach[0] = true;
    hidden.forEach((other, j) => {
      if (j === i) return;
      const next = new Array<boolean>(rest + 1).fill(false);
      for (let s = 0; s <= rest; s++) {
        if (!reach[s]) continue;
        for (let x = 0; s + x <= rest; x++) if (allowed(other, x)) next[s + x] = true;
      }
      reach = next;
    });
    let feasible = 0;
    for (let x = 0; x <= rest; x++) if (allowed(m, x) && reach[rest - x]) feasible++;
    if (feasible === 1) pinned++;
  });
  return pinned;
}

describe('suppressTable properties', () => {
  it('(a) no displayed count is in 1..threshold-1, and (c) shown values are unchanged', () => {
    fc.assert(
      fc.property(tableArb, ({ cells, threshold }) => {
        const out = suppressTable({ cells }, { threshold });
        for (const line of linesOf(cells, out)) {
          for (const m of [...line.members, line.total]) {
            if (m.out.status === 'shown') {
              expect(m.out.value).toBe(m.value);
              expect(m.out.display).toBe(String(m.value));
              expect(m.value === 0 || m.value >= threshold).toBe(true);
            } else {
              expect(m.out.value).toBeNull();
              expect(m.out.reason).toBe(m.value >= 1 && m.value < threshold ? 'primary' : 'secondary');
              expect(m.out.display).toBe(m.out.reason === 'primary' ? `<${threshold}` : '..');
            }
          }
        }
      }),
      { numRuns: 150 },
    );
  });

  it('(b) no hidden count can be recovered by one subtraction or addition in any row or column', () => {
    fc.assert(
      fc.property(tableArb, ({ cells, threshold }) => {
        const out = suppressTable({ cells }, { threshold });
        for (const line of linesOf(cells, out)) {
          const hidden = [...line.members, line.total].filter((m) => m.out.status === 'suppressed').length;
          expect(hidden).not.toBe(1);
        }
        // The brief's formulation, per suppressed cell.
        for (const [r, row] of out.cells.entries()) {
          for (const [c, cell] of row.entries()) {
            if (cell.status !== 'suppressed') continue;
            const rowOk =
              out.rowTotals[r]?.status === 'suppressed' ||
              row.some((x, j) => j !== c && x.status === 'suppressed');
            const colOk =
              out.columnTotals[c]?.status === 'suppressed' ||
              out.cells.some((x, i) => i !== r && x[c]?.status === 'suppressed');
            expect(rowOk && colOk).toBe(true);
          }
        }
      }),
      { numRuns: 150 },
    );
  });

  it('no hidden count is pinned to one value within a single line (interval attacker)', () => {
    fc.assert(
      fc.property(tableArb, ({ cells, threshold }) => {
        const out = suppressTable({ cells }, { threshold });
        for (const line of linesOf(cells, out)) expect(pinnedMembers(line, threshold)).toBe(0);
      }),
      { numRuns: 100 },
    );
  });

  it('(d) is deterministic', () => {
    fc.assert(
      fc.property(tableArb, ({ cells, threshold }) => {
        expect(suppressTable({ cells }, { threshold })).toEqual(suppressTable({ cells }, { threshold }));
      }),
      { numRuns: 50 },
    );
  });

  it('lists satisfy the same rules', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 60 })), { maxLength: 8 }),
        fc.integer({ min: 3, max: 5 }),
        (counts, threshold) => {
          const out = suppressList({ counts }, { threshold });
          const total = counts.reduce((a, b) => a + b, 0);
          const line: FlatLine = {
            members: counts.map((value, i) => ({ value, out: out.counts[i] as SuppressedCount })),
            total: { value: total, out: out.total },
          };
          const all = [...line.members, line.total];
          for (const m of all) {
            if (m.out.status === 'shown') expect(m.value === 0 || m.value >= threshold).toBe(true);
          }
          expect(all.filter((m) => m.out.status === 'suppressed').length).not.toBe(1);
          expect(pinnedMembers(line, threshold)).toBe(0);
          expect(suppressList({ counts }, { threshold })).toEqual(out);
        },
      ),
      { numRuns: 200 },
    );
  });
});
