/**
 * The MIP path for side constraints: the assignment model with side-constraint rows, all variables binary,
 * solved by HiGHS (WASM) in a worker thread. HiGHS gets the time limit; the worker is terminated if it does
 * not answer shortly after, so a hung solve never blocks the caller.
 */
import { Worker } from 'node:worker_threads';
import type { CompiledProblem } from './compile.ts';
import { AllocationSolveError } from './errors.ts';
import { buildHighsModel } from './highs-model.ts';

const MODEL_STATUS_OPTIMAL = 7;
const MODEL_STATUS_INFEASIBLE = 8;
const MODEL_STATUS_TIME_LIMIT = 13;

export interface MipOptions {
  timeLimitSeconds: number;
  /** Extra wall time after the HiGHS time limit before the worker is terminated. Default 5000 ms. */
  graceMs?: number;
}

export interface MipSolution {
  assignedArc: Int32Array;
  optimal: boolean;
  timeLimitReached: boolean;
  /** HiGHS' own objective value (for cross-checks). */
  highsObjective: number;
}

interface WorkerAnswer {
  ok: boolean;
  message?: string;
  status?: number;
  objective?: number | null;
  colValue?: Float64Array | null;
}

export function solveMip(p: CompiledProblem, opts: MipOptions): Promise<MipSolution> {
  const model = buildHighsModel(p, { integer: true });
  const options = {
    output_flag: false,
    time_limit: opts.timeLimitSeconds,
    // Objectives are integers: an absolute gap below 1 proves optimality.
    mip_rel_gap: 0,
    mip_abs_gap: 0.99,
  };
  const worker = new Worker(new URL('./highs-worker.mjs', import.meta.url), {
    workerData: { model, options },
  });
  const killAfter = opts.timeLimitSeconds * 1000 + (opts.graceMs ?? 5000);

  return new Promise<MipSolution>((resolve, reject) => {
    let settled = false;
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      fn();
    };
    const timer = setTimeout(() => {
      finish(() =>
        reject(
          new AllocationSolveError(
            `Tidsgränsen (${opts.timeLimitSeconds} s) nåddes utan någon lösning; lösaren avbröts`,
            'time-limit',
          ),
        ),
      );
    }, killAfter);
    worker.on('message', (msg: WorkerAnswer) => {
      finish(() => {
        if (!msg.ok) {
          reject(
            new AllocationSolveError(`HiGHS misslyckades: ${msg.message ?? 'okänt fel'}`, 'solver-error'),
          );
          return;
        }
        const status = msg.status ?? -1;
        if (msg.colValue === null || msg.colValue === undefined) {
          if (status === MODEL_STATUS_INFEASIBLE) {
            reject(new AllocationSolveError('Sidovillkoren går inte att uppfylla', 'infeasible'));
          } else if (status === MODEL_STATUS_TIME_LIMIT) {
            reject(
              new AllocationSolveError(
                `Tidsgränsen (${opts.timeLimitSeconds} s) nåddes utan någon lösning`,
                'time-limit',
              ),
            );
          } else
            reject(new AllocationSolveError(`HiGHS gav ingen lösning (status ${status})`, 'solver-error'));
          return;
        }
        const x = msg.colValue;
        const assignedArc = new Int32Array(p.n).fill(-1);
        for (let i = 0; i < p.n; i++) {
          for (let a = p.arcStart[i]!; a < p.arcStart[i + 1]!; a++) {
            if (x[a]! > 0.5) {
              assignedArc[i] = a;
              break;
            }
          }
        }
        resolve({
          assignedArc,
          optimal: status === MODEL_STATUS_OPTIMAL,
          timeLimitReached: status === MODEL_STATUS_TIME_LIMIT,
          highsObjective: msg.objective ?? Number.NaN,
        });
      });
    });
    worker.on('error', (err) => {
      finish(() =>
        reject(new AllocationSolveError(`HiGHS-tråden kraschade: ${err.message}`, 'solver-error')),
      );
    });
    worker.on('exit', (code) => {
      finish(() =>
        reject(new AllocationSolveError(`HiGHS-tråden avslutades oväntat (kod ${code})`, 'solver-error')),
      );
    });
  });
}
