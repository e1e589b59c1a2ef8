/**
 * The assignment problem as a HiGHS model (CSC arrays): the same objective as the flow (arc costs plus
 * unplaced penalties), so objectives compare exactly. Used by the MIP path (side constraints), the
 * property tests and the benchmark anchor.
 *
 * Columns: one x per eligible arc (in arc order), then one u per applicant (unplaced).
 * Rows: one per applicant (Σ x + u = 1), one per workplace (Σ x ≤ capacity), then side-constraint rows.
 */
import type { CompiledProblem } from './compile.ts';
import type { AttributeValue } from './types.ts';

/** Structural subset of the `highs` ModelData type (kept local so the domain has no type coupling). */
export interface HighsModelData {
  numCols: number;
  numRows: number;
  colCost: Float64Array;
  colLower: Float64Array;
  colUpper: Float64Array;
  rowLower: Float64Array;
  rowUpper: Float64Array;
  matrix: {
    format: 'csc';
    numRows: number;
    numCols: number;
    starts: Int32Array;
    indices: Int32Array;
    values: Float64Array;
  };
  integrality?: Int32Array;
}

interface Row {
  upper: number;
  arcs: number[];
}

/** Side-constraint rows over arc indices. */
export function sideConstraintRows(p: CompiledProblem): Row[] {
  const rows: Row[] = [];
  const list = p.input.sideConstraints ?? [];
  const arcOwner = new Int32Array(p.numArcs);
  for (let i = 0; i < p.n; i++) for (let a = p.arcStart[i]!; a < p.arcStart[i + 1]!; a++) arcOwner[a] = i;
  const arcsByWorkplace: number[][] = Array.from({ length: p.m }, () => []);
  for (let a = 0; a < p.numArcs; a++) arcsByWorkplace[p.arcWp[a]!]!.push(a);
  const attr = (i: number, name: string): AttributeValue | undefined =>
    p.input.applicants[i]?.attributes?.[name];

  for (const sc of list) {
    switch (sc.kind) {
      case 'maxPerAttribute': {
        const ws = sc.workplaceIds?.map((id) => p.workplaceIndex.get(id)!) ?? [...Array(p.m).keys()];
        for (const j of ws) {
          const groups = new Map<string, number[]>();
          for (const a of arcsByWorkplace[j]!) {
            const v = attr(arcOwner[a]!, sc.attribute);
            if (v === undefined || v === null) continue;
            const key = `${typeof v}:${String(v)}`;
            let g = groups.get(key);
            if (g === undefined) {
              g = [];
              groups.set(key, g);
            }
            g.push(a);
          }
          for (const g of groups.values()) if (g.length > sc.max) rows.push({ upper: sc.max, arcs: g });
        }
        break;
      }
      case 'apart': {
        const members = new Set(sc.applicantIds.map((id) => p.applicantIndex.get(id)!));
        for (let j = 0; j < p.m; j++) {
          const g = arcsByWorkplace[j]!.filter((a) => members.has(arcOwner[a]!));
          if (g.length > 1) rows.push({ upper: 1, arcs: g });
        }
        break;
      }
      case 'limit': {
        const members =
          sc.applicantIds === undefined
            ? null
            : new Set(sc.applicantIds.map((id) => p.applicantIndex.get(id)!));
        const g: number[] = [];
        for (const id of new Set(sc.workplaceIds)) {
          for (const a of arcsByWorkplace[p.workplaceIndex.get(id)!]!) {
            if (members === null || members.has(arcOwner[a]!)) g.push(a);
          }
        }
        if (g.length > sc.max) rows.push({ upper: sc.max, arcs: g.sort((x, y) => x - y) });
        break;
      }
    }
  }
  return rows;
}

export function buildHighsModel(
  p: CompiledProblem,
  opts: { integer?: boolean; side?: boolean } = {},
): HighsModelData {
  const { n, m, numArcs, arcStart, arcWp, arcCost, capacity, penalty } = p;
  const side = opts.side === false ? [] : sideConstraintRows(p);
  const numCols = numArcs + n;
  const numRows = n + m + side.length;

  // Entries per arc column: applicant row, workplace row, plus side rows containing it.
  const extra = new Int32Array(numArcs);
  for (const r of side) for (const a of r.arcs) extra[a]!++;
  const starts = new Int32Array(numCols + 1);
  for (let a = 0; a < numArcs; a++) starts[a + 1] = starts[a]! + 2 + extra[a]!;
  for (let i = 0; i < n; i++) starts[numArcs + i + 1] = starts[numArcs + i]! + 1;
  const nnz = starts[numCols]!;
  const indices = new Int32Array(nnz);
  const values = new Float64Array(nnz).fill(1);
  const fill = new Int32Array(numArcs);
  for (let i = 0; i < n; i++) {
    for (let a = arcStart[i]!; a < arcStart[i + 1]!; a++) {
      const k = starts[a]!;
      indices[k] = i;
      indices[k + 1] = n + arcWp[a]!;
      fill[a] = 2;
    }
  }
  side.forEach((r, q) => {
    for (const a of r.arcs) {
      indices[starts[a]! + fill[a]!] = n + m + q;
      fill[a]!++;
    }
  });
  for (let i = 0; i < n; i++) indices[starts[numArcs + i]!] = i;

  const colCost = new Float64Array(numCols);
  for (let a = 0; a < numArcs; a++) colCost[a] = arcCost[a]!;
  for (let i = 0; i < n; i++) colCost[numArcs + i] = penalty[i]!;
  const colLower = new Float64Array(numCols);
  const colUpper = new Float64Array(numCols).fill(1);
  const rowLower = new Float64Array(numRows);
  const rowUpper = new Float64Array(numRows);
  for (let i = 0; i < n; i++) {
    rowLower[i] = 1;
    rowUpper[i] = 1;
  }
  for (let j = 0; j < m; j++) {
    rowLower[n + j] = Number.NEGATIVE_INFINITY;
    rowUpper[n + j] = capacity[j]!;
  }
  side.forEach((r, q) => {
    rowLower[n + m + q] = Number.NEGATIVE_INFINITY;
    rowUpper[n + m + q] = r.upper;
  });
  const model: HighsModelData = {
    numCols,
    numRows,
    colCost,
    colLower,
    colUpper,
    rowLower,
    rowUpper,
    matrix: { format: 'csc', numRows, numCols, starts, indices, values },
  };
  if (opts.integer) model.integrality = new Int32Array(numCols).fill(1);
  return model;
}

/** The same model in CPLEX LP format (for inspection and the one-shot `highs.solve` API). */
export function toLpFormat(model: HighsModelData): string {
  const { numCols, numRows, colCost, matrix, rowLower, rowUpper } = model;
  const out: string[] = ['Minimize', ' obj:'];
  let line = '';
  for (let c = 0; c < numCols; c++) {
    const v = colCost[c]!;
    if (v === 0) continue;
    line += ` + ${v} x${c}`;
    if (line.length > 200) {
      out.push(line);
      line = '';
    }
  }
  if (line.length > 0) out.push(line);
  out.push('Subject To');
  const rowsCols: number[][] = Array.from({ length: numRows }, () => []);
  for (let c = 0; c < numCols; c++) {
    for (let k = matrix.starts[c]!; k < matrix.starts[c + 1]!; k++) rowsCols[matrix.indices[k]!]!.push(c);
  }
  for (let r = 0; r < numRows; r++) {
    const lhs = rowsCols[r]!.map((c) => `x${c}`).join(' + ') || '0 x0';
    const lo = rowLower[r]!;
    const hi = rowUpper[r]!;
    if (lo === hi) out.push(` r${r}: ${lhs} = ${hi}`);
    else out.push(` r${r}: ${lhs} <= ${hi}`);
  }
  out.push('Bounds');
  for (let c = 0; c < numCols; c++) out.push(` 0 <= x${c} <= 1`);
  if (model.integrality !== undefined) {
    out.push('General');
    for (let c = 0; c < numCols; c++) out.push(` x${c}`);
  }
  out.push('End');
  return out.join('\n');
}
