/**
 * `npm run bench -- allocation`: the allocation engine against HiGHS on the same LP.
 *
 * For each instance A–F (generated with a fixed seed):
 * - ours: `allocateOptimalSync(input)` end to end (validation, flow, result objects) in a fresh child process,
 *   so that its peak memory can be measured on its own. `coldSeconds` is the first run in that process (JIT
 *   compilation included); `seconds` the median of 5 runs (3 for F) after 3 warm-up runs (1 for F).
 *   `peakMB` is the peak RSS during the first solve minus the RSS just before it (the input already built).
 * - highs: the identical model (same arcs, costs, unplaced penalties; continuous variables, the problem is
 *   totally unimodular) passed as CSC arrays to HiGHS (WASM) in a worker thread, after one untimed warm-up
 *   solve of a small model; `seconds` covers building the arrays, loading the model and solving.
 * Both also get `cpuSeconds` (process CPU time), and the load average is recorded: the machine may be
 * shared, and other work slows both solvers (wall-clock `seconds` and `speedup` are the headline numbers).
 * Lottery: `allocateLottery` on 20,000 youths (instance B's input) in a fresh process: median of 7 runs after
 * 5 warm-up runs; `coldSeconds` is the first.
 * Flags: `--only=A,C` to run some instances, `--no-highs` to skip the anchor, `--highs-timeout=<s>`.
 */
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { compileProblem } from '../src/domain/allocation/compile.ts';
import { BENCH_INSTANCES, generateInstance } from '../src/domain/allocation/generate.ts';
import { buildHighsModel } from '../src/domain/allocation/highs-model.ts';
import { allocateLottery } from '../src/domain/allocation/lottery.ts';
import { allocateOptimalSync } from '../src/domain/allocation/optimal.ts';
import { machineInfo, writeResult } from './lib.ts';

const THIS_FILE = fileURLToPath(import.meta.url);
const ROOT = path.resolve(import.meta.dirname, '..');
const MB = 1024 * 1024;

interface OursResult {
  objective: number;
  seconds: number;
  cpuSeconds: number;
  coldSeconds: number;
  runs: number[];
  peakMB: number;
  baselineMB: number;
  processPeakMB: number;
  placed: number;
}

interface HighsResult {
  objective?: number;
  seconds?: number;
  cpuSeconds?: number;
  status?: string;
  error?: string;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};
const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;
const rssMB = () => process.memoryUsage().rss / MB;
const maxRssMB = () => process.resourceUsage().maxRSS / 1024;
const gc = () => (globalThis as { gc?: () => void }).gc?.();
const cpuSince = (start: NodeJS.CpuUsage) => {
  const u = process.cpuUsage(start);
  return (u.user + u.system) / 1e6;
};

/** Child mode: solve one instance with our engine, print JSON on stdout. */
function childOptimal(name: string): void {
  const baselineMB = rssMB();
  const spec = BENCH_INSTANCES.find((x) => x.name === name)!.spec;
  const input = generateInstance(spec);
  gc();
  const before = rssMB();
  const maxBefore = maxRssMB();
  // First (cold) run in this fresh process: JIT compilation included; also the memory measurement.
  let t = performance.now();
  const first = allocateOptimalSync(input);
  const coldSeconds = (performance.now() - t) / 1000;
  const maxAfter = maxRssMB();
  // If the solve did not raise the process peak, its own peak is at most the earlier one (upper bound).
  const peakMB = Math.max(maxAfter, maxBefore) - before;
  const big = spec.applicants >= 50_000;
  const warmups = big ? 1 : 3;
  const repeats = big ? 3 : 5;
  const runs: number[] = [];
  const cpuRuns: number[] = [];
  // No forced GC between runs: a forced full GC each time makes the next run slower than in a running
  // process (measured: about 4× for the lottery), so runs see the normal garbage of the previous one.
  for (let r = 0; r < warmups + repeats; r++) {
    t = performance.now();
    const c = process.cpuUsage();
    const again = allocateOptimalSync(input);
    if (r >= warmups) {
      runs.push((performance.now() - t) / 1000);
      cpuRuns.push(cpuSince(c));
    }
    if (again.objective !== first.objective) throw new Error('non-deterministic objective');
  }
  const out: OursResult = {
    objective: first.objective!,
    seconds: median(runs),
    cpuSeconds: median(cpuRuns),
    coldSeconds,
    runs,
    peakMB,
    baselineMB,
    processPeakMB: maxRssMB(),
    placed: first.assignments.length,
  };
  process.stdout.write(`${JSON.stringify(out)}\n`);
}

function childLottery(): void {
  const spec = BENCH_INSTANCES.find((x) => x.name === 'B')!.spec;
  const input = generateInstance(spec);
  const runs: number[] = [];
  let coldSeconds = 0;
  let placed = 0;
  for (let r = 0; r < 12; r++) {
    const t = performance.now();
    const res = allocateLottery(input, { seed: 20_000 + r });
    const s = (performance.now() - t) / 1000;
    if (r === 0) coldSeconds = s;
    if (r >= 5) runs.push(s); // after 5 warm-up runs
    placed = res.assignments.length;
  }
  process.stdout.write(`${JSON.stringify({ seconds: median(runs), coldSeconds, runs, placed })}\n`);
}

function runChild(args: string[]): unknown {
  const res = spawnSync(process.execPath, ['--import', 'tsx', '--expose-gc', THIS_FILE, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 64 * MB,
  });
  if (res.status !== 0) throw new Error(`child ${args.join(' ')} failed: ${res.stderr}`);
  const line = res.stdout.trim().split('\n').pop() ?? '';
  return JSON.parse(line);
}

/** HiGHS on the same LP in a worker thread (time limit enforced). */
function solveWithHighs(name: string, timeoutSeconds: number): Promise<HighsResult> {
  const spec = BENCH_INSTANCES.find((x) => x.name === name)!.spec;
  const p = compileProblem(generateInstance(spec));
  const t = performance.now();
  const model = buildHighsModel(p);
  const buildSeconds = (performance.now() - t) / 1000;
  const warmup = buildHighsModel(
    compileProblem(
      generateInstance({ applicants: 500, workplaces: 100, choices: 5, costModel: spec.costModel, seed: 1 }),
    ),
  );
  const workerUrl = pathToFileURL(path.join(ROOT, 'src/domain/allocation/highs-worker.mjs'));
  const worker = new Worker(workerUrl, {
    workerData: { model, warmup, options: { output_flag: false, time_limit: timeoutSeconds } },
  });
  return new Promise((resolve) => {
    const timer = setTimeout(
      () => {
        void worker.terminate();
        resolve({ error: `no answer within ${timeoutSeconds + 30} s; worker terminated` });
      },
      (timeoutSeconds + 30) * 1000,
    );
    worker.on(
      'message',
      (msg: {
        ok: boolean;
        message?: string;
        status?: number;
        objective?: number;
        seconds?: number;
        cpuSeconds?: number;
      }) => {
        clearTimeout(timer);
        void worker.terminate();
        if (!msg.ok) resolve({ error: msg.message ?? 'HiGHS failed' });
        else if (msg.status !== 7)
          resolve({ error: `HiGHS model status ${msg.status}`, seconds: buildSeconds + (msg.seconds ?? 0) });
        else {
          resolve({
            objective: msg.objective!,
            seconds: buildSeconds + msg.seconds!,
            cpuSeconds: buildSeconds + (msg.cpuSeconds ?? Number.NaN),
            status: 'Optimal',
          });
        }
      },
    );
    worker.on('error', (err) => {
      clearTimeout(timer);
      resolve({ error: `worker error: ${err.message}` });
    });
  });
}

export async function run(args: string[]): Promise<void> {
  const only = args
    .find((a) => a.startsWith('--only='))
    ?.slice(7)
    .split(',');
  const withHighs = !args.includes('--no-highs');
  const timeoutArg = args.find((a) => a.startsWith('--highs-timeout='));
  const highsTimeout = timeoutArg ? Number(timeoutArg.slice(16)) : 600;
  const loadStart = os.loadavg().map((x) => round(x, 2));
  console.log(`machine: ${JSON.stringify(machineInfo())}, load average ${loadStart.join(' ')}`);
  console.log(
    'inst  applicants workplaces choices | ours s (cold)   peakMB | highs s    | speedup | objective equal',
  );

  const instances: Record<string, unknown>[] = [];
  for (const { name, spec } of BENCH_INSTANCES) {
    if (only !== undefined && !only.includes(name)) continue;
    const ours = runChild(['--allocation-child', name]) as OursResult;
    const highs: HighsResult = withHighs
      ? await solveWithHighs(name, highsTimeout)
      : { error: 'skipped (--no-highs)' };
    const equal = highs.objective !== undefined ? Math.round(highs.objective) === ours.objective : null;
    const speedup =
      highs.seconds !== undefined && highs.error === undefined ? highs.seconds / ours.seconds : null;
    console.log(
      `${name.padEnd(5)} ${String(spec.applicants).padStart(10)} ${String(spec.workplaces).padStart(10)} ${String(spec.choices).padStart(7)} | ` +
        `${ours.seconds.toFixed(3).padStart(6)} (${ours.coldSeconds.toFixed(3)}) ${ours.peakMB.toFixed(1).padStart(6)} | ` +
        `${highs.seconds !== undefined ? highs.seconds.toFixed(2).padStart(8) : '   -    '}   | ` +
        `${speedup !== null ? `${speedup.toFixed(1)}×`.padStart(7) : '   -   '}` +
        ` ${highs.cpuSeconds !== undefined ? `(${(highs.cpuSeconds / ours.cpuSeconds).toFixed(1)}×)` : ''} | ` +
        `${equal === null ? `n/a ${highs.error ?? ''}` : equal ? `yes (${ours.objective})` : `NO: ours ${ours.objective}, highs ${highs.objective}`}`,
    );
    instances.push({
      name,
      applicants: spec.applicants,
      workplaces: spec.workplaces,
      choices: spec.choices,
      costModel: spec.costModel,
      ours: {
        objective: ours.objective,
        seconds: round(ours.seconds, 4),
        peakMB: round(ours.peakMB, 1),
        cpuSeconds: round(ours.cpuSeconds, 4),
        coldSeconds: round(ours.coldSeconds, 4),
        runs: ours.runs.map((x) => round(x, 4)),
        baselineMB: round(ours.baselineMB, 1),
        processPeakMB: round(ours.processPeakMB, 1),
        placed: ours.placed,
      },
      highs:
        highs.error !== undefined
          ? {
              error: highs.error,
              ...(highs.seconds !== undefined ? { seconds: round(highs.seconds, 3) } : {}),
            }
          : {
              objective: highs.objective,
              seconds: round(highs.seconds!, 3),
              cpuSeconds: round(highs.cpuSeconds!, 3),
            },
      speedup: speedup === null ? null : round(speedup, 1),
      cpuSpeedup:
        highs.cpuSeconds !== undefined && highs.error === undefined
          ? round(highs.cpuSeconds / ours.cpuSeconds, 1)
          : null,
      objectiveEqual: equal,
    });
  }

  const lottery = runChild(['--allocation-lottery-child']) as {
    seconds: number;
    coldSeconds: number;
    runs: number[];
  };
  console.log(
    `lottery 20k youths (deferred acceptance): ${(lottery.seconds * 1000).toFixed(1)} ms median, ${(lottery.coldSeconds * 1000).toFixed(1)} ms cold`,
  );
  const file = writeResult('allocation', {
    // Other work on the machine slows both solvers; recorded so the numbers can be judged.
    conditions: { loadAverageStart: loadStart, loadAverageEnd: os.loadavg().map((x) => round(x, 2)) },
    instances,
    lottery20k: {
      seconds: round(lottery.seconds, 4),
      coldSeconds: round(lottery.coldSeconds, 4),
      runs: lottery.runs.map((x) => round(x, 4)),
    },
  });
  console.log(`wrote ${file}`);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const i = process.argv.indexOf('--allocation-child');
  if (i >= 0) childOptimal(process.argv[i + 1]!);
  else if (process.argv.includes('--allocation-lottery-child')) childLottery();
  else await run(process.argv.slice(2));
}
