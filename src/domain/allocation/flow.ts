/**
 * Capacitated assignment as min-cost flow: a primal–dual successive-shortest-path algorithm with node
 * potentials (Hungarian method generalised to capacities).
 *
 * Network: applicant i → workplace j (capacity 1, cost c_ij) for every eligible choice, workplace j → sink
 * (capacity cap_j, cost 0) and applicant i → sink (capacity 1, cost U_i: "unplaced"). Every applicant sends
 * one unit, so the minimum-cost flow is the optimal allocation.
 *
 * - Greedy start, priority levels first: every applicant takes its cheapest choice while there is room;
 *   with potentials π_i = −min_j c_ij all reduced costs are non-negative, so the SSP invariant holds.
 * - Then all applicants still without a place are sources together (their unplaced penalties order the
 *   priority levels). Repeat until every source is routed (placed or left unplaced):
 *   1. one depth-first pass over admissible arcs (reduced cost 0) with current-arc pointers and dead-end
 *      marking (Dinic style) augments along as many shortest paths as it finds;
 *   2. a multi-source Dijkstra on reduced costs (bucket queue, integer keys) stops as soon as the sink is
 *      settled at distance D; settled nodes' potentials move by (dist − D) (lazy update: nodes not reached
 *      keep theirs, the sink stays at 0), which makes the next shortest paths admissible;
 *   3. the shortest-path tree gives one admissible path per exit (a node next to the sink); disjoint tree
 *      paths are augmented at once, so every round makes progress.
 *   Every augmentation is along a shortest residual path, so the flow stays minimum-cost for the units
 *   routed so far and the final flow is optimal. Costs are integers: all arithmetic is exact.
 *
 * Everything lives in typed arrays (CSR arcs, holder lists per workplace); nothing is allocated per arc.
 * Deterministic: the same input gives the same assignment.
 */

export interface FlowProblem {
  n: number;
  m: number;
  /** Arcs by applicant (CSR); every arc leads to a workplace with capacity > 0. */
  arcStart: Int32Array;
  arcWp: Int32Array;
  arcCost: Int32Array;
  capacity: Int32Array;
  /** Unplaced cost per applicant. */
  penalty: Float64Array;
  /** Priority level per applicant (0 first): the greedy start serves lower levels first. Priority itself
   * comes from the penalties. */
  level: Int32Array;
}

export interface FlowSolution {
  /** Arc index per applicant, −1 when unplaced. */
  assignedArc: Int32Array;
  objective: number;
  /** Potentials at the end (sink potential 0); reduced costs of all residual arcs are ≥ 0. */
  potentialApplicant: Float64Array;
  potentialWorkplace: Float64Array;
  stats: { greedy: number; dijkstras: number; passes: number; settled: number; augmentations: number };
}

export function solveFlow(p: FlowProblem): FlowSolution {
  return new FlowSolver(p).solve();
}

class FlowSolver {
  private readonly n: number;
  private readonly arcStart: Int32Array;
  private readonly arcWp: Int32Array;
  private readonly arcCost: Int32Array;
  private readonly capacity: Int32Array;
  private readonly penalty: Float64Array;
  private readonly level: Int32Array;

  // Allocation state
  private readonly hStart: Int32Array;
  private readonly holders: Int32Array;
  private readonly held: Int32Array;
  private readonly holderPos: Int32Array;
  private readonly assignedArc: Int32Array;
  private readonly piA: Float64Array;
  private readonly piW: Float64Array;

  // Dijkstra
  private readonly distA: Float64Array;
  private readonly distW: Float64Array;
  private readonly doneA: Int32Array;
  private readonly doneW: Int32Array;
  private readonly settledList: Int32Array;
  private readonly heapKey: Float64Array;
  private readonly heapNode: Int32Array;
  private readonly bucketHead: Int32Array;
  private readonly entryNode: Int32Array;
  private readonly entryNext: Int32Array;
  private readonly parentW: Int32Array;
  private readonly exitList: Int32Array;
  private numExits = 0;
  private readonly arcOwner: Int32Array;
  private readonly usedA: Int32Array;
  private readonly usedW: Int32Array;
  private readonly resolved: Int32Array;
  private readonly pathApp: Int32Array;
  private readonly pathArc: Int32Array;
  private heapSize = 0;
  private poolSize = 0;
  private settled = 0;
  private best = Number.POSITIVE_INFINITY; // a double from the start (stable field representation)

  // Depth-first search
  private readonly curA: Int32Array;
  private readonly curW: Int32Array;
  private readonly passA: Int32Array;
  private readonly passW: Int32Array;
  private readonly deadA: Int32Array;
  private readonly deadW: Int32Array;
  private readonly onStackA: Uint8Array;
  private readonly onStackW: Uint8Array;
  private readonly stNode: Int32Array;
  private readonly stArc: Int32Array;

  /** Sources without an admissible arc at the current potentials (epoch = Dijkstra count). */
  private readonly noTight: Int32Array;
  private epoch = 1;

  private stats = { greedy: 0, dijkstras: 0, passes: 0, settled: 0, augmentations: 0 };

  constructor(p: FlowProblem) {
    const { n, m } = p;
    this.n = n;
    this.arcStart = p.arcStart;
    this.arcWp = p.arcWp;
    this.arcCost = p.arcCost;
    this.capacity = p.capacity;
    this.penalty = p.penalty;
    this.level = p.level;
    const numArcs = p.arcStart[n]!;

    // Holder slots per workplace: capacity, but never more than the applicants who listed it.
    const inDegree = new Int32Array(m);
    for (let a = 0; a < numArcs; a++) inDegree[p.arcWp[a]!]!++;
    this.hStart = new Int32Array(m + 1);
    for (let j = 0; j < m; j++) this.hStart[j + 1] = this.hStart[j]! + Math.min(p.capacity[j]!, inDegree[j]!);
    const totalCapacity = this.hStart[m]!;
    this.holders = new Int32Array(totalCapacity);
    this.held = new Int32Array(m);
    this.holderPos = new Int32Array(n);
    this.assignedArc = new Int32Array(n).fill(-1);
    this.piA = new Float64Array(n);
    this.piW = new Float64Array(m);

    this.distA = new Float64Array(n);
    this.distW = new Float64Array(m);
    this.doneA = new Int32Array(n);
    this.doneW = new Int32Array(m);
    this.settledList = new Int32Array(n + m);
    // Lazy heap: at most one push per successful relaxation.
    const heapCap = n + m + numArcs + Math.min(totalCapacity, n) + 1;
    this.heapKey = new Float64Array(heapCap);
    this.heapNode = new Int32Array(heapCap);
    this.bucketHead = new Int32Array(BUCKETS);
    this.parentW = new Int32Array(m);
    this.exitList = new Int32Array(n + m);
    this.arcOwner = new Int32Array(numArcs);
    for (let i = 0; i < n; i++)
      for (let a = p.arcStart[i]!; a < p.arcStart[i + 1]!; a++) this.arcOwner[a] = i;
    this.usedA = new Int32Array(n);
    this.usedW = new Int32Array(m);
    this.resolved = new Int32Array(n);
    this.pathApp = new Int32Array(Math.min(n, m + 1) + 1);
    this.pathArc = new Int32Array(Math.min(n, m + 1) + 1);
    this.entryNode = new Int32Array(heapCap);
    this.entryNext = new Int32Array(heapCap);

    this.curA = new Int32Array(n);
    this.curW = new Int32Array(m);
    this.passA = new Int32Array(n);
    this.passW = new Int32Array(m);
    this.deadA = new Int32Array(n);
    this.deadW = new Int32Array(m);
    this.noTight = new Int32Array(n);
    this.onStackA = new Uint8Array(n);
    this.onStackW = new Uint8Array(m);
    this.stNode = new Int32Array(2 * Math.min(n, m + 1) + 2);
    this.stArc = new Int32Array(2 * Math.min(n, m + 1) + 2);
  }

  solve(): FlowSolution {
    const { n, level, arcStart, assignedArc } = this;
    // Processing order: by level (counting sort, stable).
    let levels = 0;
    for (let i = 0; i < n; i++) if (level[i]! + 1 > levels) levels = level[i]! + 1;
    const levelStart = new Int32Array(levels + 1);
    for (let i = 0; i < n; i++) levelStart[level[i]! + 1]!++;
    for (let l = 0; l < levels; l++) levelStart[l + 1]! += levelStart[l]!;
    const order = new Int32Array(n);
    const fillPos = levelStart.slice();
    for (let i = 0; i < n; i++) order[fillPos[level[i]!]!++] = i;

    this.greedy(order);

    // All applicants still without a place are sources at once: their unplaced penalties already order
    // the priority levels, and one shared search per round is cheaper than a round per level.
    const sources = new Int32Array(n);
    let numSources = 0;
    for (let t = 0; t < n; t++) {
      const i = order[t]!;
      if (assignedArc[i] === -1 && arcStart[i] !== arcStart[i + 1]) sources[numSources++] = i;
    }
    let stamp = 0;
    while (numSources > 0) {
      // Augment along admissible paths by DFS (one pass: dead ends stay dead until the potentials change).
      numSources = this.dfsPass(sources, numSources);
      if (numSources === 0) break;
      stamp++;
      this.dijkstra(sources, numSources, stamp);
      // The shortest-path tree already holds one admissible path per exit: take those (cheap). This also
      // guarantees progress in every round.
      const exits = this.augmentTreePaths(stamp);
      if (exits === 0) throw new Error('Intern fel i flödeslösaren: ingen förbättrande väg');
      let kept = 0;
      for (let q = 0; q < numSources; q++) {
        const s = sources[q]!;
        if (this.resolved[s] !== stamp) sources[kept++] = s;
      }
      numSources = kept;
    }

    let objective = 0;
    for (let i = 0; i < n; i++) {
      const a = assignedArc[i]!;
      objective += a >= 0 ? this.arcCost[a]! : this.penalty[i]!;
    }
    return {
      assignedArc,
      objective,
      potentialApplicant: this.piA,
      potentialWorkplace: this.piW,
      stats: this.stats,
    };
  }

  private greedy(order: Int32Array): void {
    const { n, arcStart, arcCost, arcWp, held, capacity, piA } = this;
    for (let t = 0; t < n; t++) {
      const i = order[t]!;
      const s = arcStart[i]!;
      const e = arcStart[i + 1]!;
      if (s === e) continue;
      let cmin = arcCost[s]!;
      for (let a = s + 1; a < e; a++) if (arcCost[a]! < cmin) cmin = arcCost[a]!;
      piA[i] = -cmin;
      for (let a = s; a < e; a++) {
        if (arcCost[a] === cmin) {
          const j = arcWp[a]!;
          if (held[j]! < capacity[j]!) {
            this.addHolder(i, a);
            this.stats.greedy++;
            break;
          }
        }
      }
    }
  }

  private addHolder(i: number, a: number): void {
    const j = this.arcWp[a]!;
    const pos = this.hStart[j]! + this.held[j]!;
    this.holders[pos] = i;
    this.holderPos[i] = pos;
    this.held[j]!++;
    this.assignedArc[i] = a;
  }

  private removeHolder(i: number): void {
    const j = this.arcWp[this.assignedArc[i]!]!;
    const last = this.hStart[j]! + this.held[j]! - 1;
    const pos = this.holderPos[i]!;
    const moved = this.holders[last]!;
    this.holders[pos] = moved;
    this.holderPos[moved] = pos;
    this.held[j]!--;
    this.assignedArc[i] = -1;
  }

  private move(i: number, a: number): void {
    if (this.assignedArc[i] !== -1) this.removeHolder(i);
    this.addHolder(i, a);
  }

  /**
   * One DFS from every source; returns how many sources remain (kept in front of `sources`). Dead ends and
   * current-arc pointers live for the whole epoch (until the potentials change): an augmentation only
   * changes arcs at nodes on its path, which were alive, so a dead node cannot reach the sink afterwards.
   */
  private dfsPass(sources: Int32Array, numSources: number): number {
    this.stats.passes++;
    let kept = 0;
    const { noTight, epoch } = this;
    for (let q = 0; q < numSources; q++) {
      const s = sources[q]!;
      if (noTight[s] !== epoch && this.dfs(s, epoch)) this.stats.augmentations++;
      else sources[kept++] = s;
    }
    return kept;
  }

  /**
   * Depth-first search from source s over admissible arcs to the sink; augments and returns true when it
   * gets there. Frames alternate applicant (even depth) and workplace (odd depth).
   */
  private dfs(s: number, stamp: number): boolean {
    const { arcStart, arcWp, arcCost, capacity, held, hStart, holders, assignedArc, piA, piW, penalty } =
      this;
    const { curA, curW, passA, passW, deadA, deadW, onStackA, onStackW, stNode, stArc } = this;
    if (deadA[s] === stamp) return false;
    if (penalty[s]! + piA[s]! === 0) return true; // the shortest way is to stay unplaced
    if (passA[s] !== stamp) {
      passA[s] = stamp;
      curA[s] = arcStart[s]!;
    }
    let top = 0;
    stNode[0] = s;
    onStackA[s] = 1;
    let sourceTight = false;
    while (top >= 0) {
      const v = stNode[top]!;
      if ((top & 1) === 0) {
        const own = assignedArc[v]!;
        const pv = piA[v]!;
        const e = arcStart[v + 1]!;
        let a = curA[v]!;
        let next = -1;
        for (; a < e; a++) {
          if (a === own) continue;
          const j = arcWp[a]!;
          const pw = piW[j]!;
          if (arcCost[a]! + pv !== pw) continue;
          if (top === 0) sourceTight = true;
          if (held[j]! < capacity[j]! && pw === 0) {
            // a free place at j with reduced cost 0 to the sink
            this.move(v, a);
            for (let t = top - 2; t >= 0; t -= 2) this.move(stNode[t]!, stArc[t + 1]!);
            for (let t = 0; t <= top; t++) {
              if ((t & 1) === 0) onStackA[stNode[t]!] = 0;
              else onStackW[stNode[t]!] = 0;
            }
            curA[v] = a + 1;
            return true;
          }
          if (deadW[j] === stamp || onStackW[j] === 1) continue;
          next = j;
          break;
        }
        curA[v] = a;
        if (next < 0) {
          deadA[v] = stamp;
          onStackA[v] = 0;
          top--;
          continue;
        }
        if (passW[next] !== stamp) {
          passW[next] = stamp;
          curW[next] = 0;
        }
        top++;
        stNode[top] = next;
        stArc[top] = a;
        onStackW[next] = 1;
      } else {
        const j = v;
        const pw = piW[j]!;
        const h0 = hStart[j]!;
        const hn = held[j]!;
        let t = curW[j]!;
        let next = -1;
        for (; t < hn; t++) {
          const k = holders[h0 + t]!;
          if (deadA[k] === stamp || onStackA[k] === 1) continue;
          const pk = piA[k]!;
          if (pw - arcCost[assignedArc[k]!]! !== pk) continue;
          if (penalty[k]! + pk === 0) {
            // k gives up its place and stays unplaced
            this.removeHolder(k);
            for (let u = top - 1; u >= 0; u -= 2) this.move(stNode[u]!, stArc[u + 1]!);
            for (let u = 0; u <= top; u++) {
              if ((u & 1) === 0) onStackA[stNode[u]!] = 0;
              else onStackW[stNode[u]!] = 0;
            }
            deadA[k] = stamp;
            return true;
          }
          next = k;
          break;
        }
        curW[j] = t;
        if (next < 0) {
          deadW[j] = stamp;
          onStackW[j] = 0;
          top--;
          continue;
        }
        if (passA[next] !== stamp) {
          passA[next] = stamp;
          curA[next] = arcStart[next]!;
        }
        top++;
        stNode[top] = next;
        onStackA[next] = 1;
      }
    }
    if (!sourceTight) this.noTight[s] = this.epoch; // nothing to try before the potentials change
    return false;
  }

  /**
   * After a Dijkstra: augments along the shortest-path tree from each exit (a settled node whose way to the
   * sink now has reduced cost 0) back to its source, skipping paths that meet a node already used in this
   * round (tree paths of different sources are disjoint). Marks resolved sources with `stamp`; returns the
   * number of exits.
   */
  private augmentTreePaths(stamp: number): number {
    const {
      n,
      exitList,
      penalty,
      piA,
      piW,
      held,
      capacity,
      assignedArc,
      arcWp,
      arcOwner,
      parentW,
      usedA,
      usedW,
    } = this;
    const { pathApp, pathArc } = this;
    let exits = 0;
    for (let e = 0; e < this.numExits; e++) {
      const x = exitList[e]!;
      let unplace = -1;
      let cur: number;
      if (x < n) {
        if (penalty[x]! + piA[x]! !== 0 || usedA[x] === stamp) continue;
        exits++;
        if (assignedArc[x] === -1) {
          // a source whose cheapest way is to stay unplaced
          usedA[x] = stamp;
          this.resolved[x] = stamp;
          this.stats.augmentations++;
          continue;
        }
        unplace = x;
        cur = arcWp[assignedArc[x]!]!;
      } else {
        cur = x - n;
        if (piW[cur] !== 0 || held[cur]! >= capacity[cur]!) continue;
        exits++;
      }
      // Walk back to the source, checking that the path is still unused.
      let len = 0;
      let ok = unplace < 0 || usedA[unplace] !== stamp;
      while (ok) {
        if (usedW[cur] === stamp) {
          ok = false;
          break;
        }
        const a = parentW[cur]!;
        const u = arcOwner[a]!;
        if (usedA[u] === stamp) {
          ok = false;
          break;
        }
        pathApp[len] = u;
        pathArc[len++] = a;
        if (assignedArc[u] === -1) break; // reached the source
        cur = arcWp[assignedArc[u]!]!;
      }
      if (!ok) continue;
      if (unplace >= 0) {
        usedA[unplace] = stamp;
        this.removeHolder(unplace);
      }
      for (let t = 0; t < len; t++) {
        const u = pathApp[t]!;
        usedA[u] = stamp;
        usedW[arcWp[pathArc[t]!]!] = stamp;
        this.move(u, pathArc[t]!);
      }
      this.resolved[pathApp[len - 1]!] = stamp;
      this.stats.augmentations++;
    }
    return exits;
  }

  /**
   * Multi-source Dijkstra on reduced costs until the sink is settled; then settled nodes' potentials move by
   * (dist − D). Returns D, the reduced length of the shortest path to the sink. Keys are integers: a bucket
   * queue (Dial) serves keys below BUCKETS, a binary heap the rare larger ones (jumps to penalty level).
   */
  private dijkstra(sources: Int32Array, numSources: number, stamp: number): number {
    this.stats.dijkstras++;
    this.epoch++;
    const { n, distA, distW, doneA, doneW, bucketHead, entryNext, entryNode, heapKey, heapNode } = this;
    this.heapSize = 0;
    this.poolSize = 0;
    this.settled = 0;
    this.numExits = 0;
    this.best = Number.POSITIVE_INFINITY;
    bucketHead.fill(-1);
    distA.fill(Number.POSITIVE_INFINITY);
    distW.fill(Number.POSITIVE_INFINITY);
    for (let q = 0; q < numSources; q++) {
      const s = sources[q]!;
      distA[s] = 0;
      this.push(0, s);
    }
    for (let b = 0; b < BUCKETS && b < this.best; b++) {
      for (;;) {
        const e = bucketHead[b]!;
        if (e === -1) break;
        bucketHead[b] = entryNext[e]!;
        const v = entryNode[e]!;
        if (v < n) {
          if (doneA[v] !== stamp && distA[v] === b) this.settleApplicant(v, b, stamp);
        } else if (doneW[v - n] !== stamp && distW[v - n] === b) this.settleWorkplace(v - n, b, stamp);
        if (b >= this.best) break;
      }
    }
    while (this.heapSize > 0) {
      const v = heapNode[0]!;
      const d = heapKey[0]!;
      if (d >= this.best) break;
      this.popHeap();
      if (v < n) {
        if (doneA[v] !== stamp && distA[v] === d) this.settleApplicant(v, d, stamp);
      } else if (doneW[v - n] !== stamp && distW[v - n] === d) this.settleWorkplace(v - n, d, stamp);
    }
    const best = this.best;
    const { settledList, piA, piW } = this;
    const settled = this.settled;
    this.stats.settled += settled;
    for (let q = 0; q < settled; q++) {
      const v = settledList[q]!;
      if (v < n) piA[v]! += distA[v]! - best;
      else piW[v - n]! += distW[v - n]! - best;
    }
    return best;
  }

  private push(key: number, node: number): void {
    if (key < BUCKETS) {
      const e = this.poolSize++;
      this.entryNode[e] = node;
      this.entryNext[e] = this.bucketHead[key]!;
      this.bucketHead[key] = e;
    } else {
      this.heapSize = siftUp(this.heapKey, this.heapNode, this.heapSize, key, node);
    }
  }

  private popHeap(): void {
    const { heapKey, heapNode } = this;
    const size = --this.heapSize;
    if (size === 0) return;
    const key = heapKey[size]!;
    const node = heapNode[size]!;
    let c = 0;
    for (;;) {
      let child = 2 * c + 1;
      if (child >= size) break;
      let ck = heapKey[child]!;
      if (child + 1 < size) {
        const rk = heapKey[child + 1]!;
        if (rk < ck) {
          child++;
          ck = rk;
        }
      }
      if (ck >= key) break;
      heapKey[c] = ck;
      heapNode[c] = heapNode[child]!;
      c = child;
    }
    heapKey[c] = key;
    heapNode[c] = node;
  }

  private settleApplicant(v: number, d: number, stamp: number): void {
    const { arcStart, arcWp, arcCost, assignedArc, piA, piW, penalty, doneW, distW, parentW } = this;
    this.doneA[v] = stamp;
    this.settledList[this.settled++] = v;
    const pv = piA[v]!;
    const cand = d + penalty[v]! + pv;
    if (cand <= this.best) {
      this.best = cand;
      this.exitList[this.numExits++] = v;
    }
    const own = assignedArc[v]!;
    const e = arcStart[v + 1]!;
    const n = this.n;
    const best = this.best;
    for (let a = arcStart[v]!; a < e; a++) {
      if (a === own) continue;
      const j = arcWp[a]!;
      const nd = d + arcCost[a]! + pv - piW[j]!;
      if (nd < best && nd < distW[j]! && doneW[j] !== stamp) {
        distW[j] = nd;
        parentW[j] = a;
        this.push(nd, n + j);
      }
    }
  }

  private settleWorkplace(j: number, d: number, stamp: number): void {
    const { arcCost, capacity, held, hStart, holders, assignedArc, piA, doneA, distA } = this;
    this.doneW[j] = stamp;
    this.settledList[this.settled++] = this.n + j;
    const pw = this.piW[j]!;
    const h0 = hStart[j]!;
    const hn = held[j]!;
    if (hn < capacity[j]!) {
      const cand = d + pw;
      if (cand <= this.best) {
        this.best = cand;
        this.exitList[this.numExits++] = this.n + j;
      }
    }
    const best = this.best;
    for (let h = h0; h < h0 + hn; h++) {
      const k = holders[h]!;
      const nd = d - arcCost[assignedArc[k]!]! + pw - piA[k]!;
      if (nd < best && nd < distA[k]! && doneA[k] !== stamp) {
        distA[k] = nd;
        this.push(nd, k);
      }
    }
  }
}

const BUCKETS = 256;

function siftUp(
  heapKey: Float64Array,
  heapNode: Int32Array,
  size: number,
  key: number,
  node: number,
): number {
  let c = size;
  while (c > 0) {
    const par = (c - 1) >> 1;
    const pk = heapKey[par]!;
    if (pk <= key) break;
    heapKey[c] = pk;
    heapNode[c] = heapNode[par]!;
    c = par;
  }
  heapKey[c] = key;
  heapNode[c] = node;
  return size + 1;
}
