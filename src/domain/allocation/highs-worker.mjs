/**
 * Worker thread for the HiGHS MIP (side constraints). Plain JavaScript so it loads the same way under
 * node, tsx and vitest. Receives `{ model, options, warmup? }` (HiGHS ModelData with typed arrays, option
 * map, optional small model solved untimed first — used by the benchmark) as
 * workerData and posts back `{ ok, status, objective, colValue, seconds }` (seconds = model load + solve, wall and process CPU) or `{ ok: false, message }`.
 */
import { parentPort, workerData } from 'node:worker_threads';
import loadHighs from 'highs';

const FEASIBLE = 2;

async function main() {
  const { model, options, warmup } = workerData;
  const highs = await loadHighs();
  if (warmup) {
    // Benchmarks only: one untimed solve of a small model first, so the WASM code is tiered up.
    const w = highs.createModel(warmup);
    try {
      w.options.set({ output_flag: false });
      w.run();
    } finally {
      w.dispose();
    }
  }
  const started = performance.now();
  const cpuStart = process.cpuUsage();
  const m = highs.createModel(model);
  try {
    m.options.set(options);
    m.run();
    const seconds = (performance.now() - started) / 1000;
    const cpu = process.cpuUsage(cpuStart);
    const cpuSeconds = (cpu.user + cpu.system) / 1e6;
    const status = m.getModelStatus();
    const primal = Number(m.info.get('primal_solution_status'));
    if (primal === FEASIBLE) {
      const colValue = m.getSolution().colValue;
      const objective = m.getObjectiveValue();
      parentPort.postMessage({ ok: true, status, objective, colValue, seconds, cpuSeconds }, [
        colValue.buffer,
      ]);
    } else {
      parentPort.postMessage({ ok: true, status, objective: null, colValue: null, seconds, cpuSeconds });
    }
  } finally {
    m.dispose();
  }
}

main().catch((err) => {
  parentPort.postMessage({ ok: false, message: String(err?.message ?? err) });
});
