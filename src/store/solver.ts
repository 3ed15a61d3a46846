// The MIP solver behind `kefu roster generate`: HiGHS compiled to WebAssembly (npm
// `highs`, FINDINGS.md "Rostering"). Loaded lazily — only a command that generates a
// roster pays for the 3.5 MB module — and once per process: the compiled module is
// kept, instances are cheap to make from it.
//
// Each solve makes one persistent HiGHS model (the package's `createModel`): unlike the
// one-shot `solve`, it takes a start solution (`setSolution`), which is how the local
// search's roster reaches HiGHS as its first incumbent; the model is disposed after the run.
//
// A WebAssembly instance that threw (an abort, a memory error inside the solver) may be
// left in a bad state, and every later call on it can fail or hang: after any error the
// instance is dropped, and the next solve — including one retry of this one — runs on a
// fresh instance.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { setFlagsFromString } from 'node:v8';
import type { SolveLp, SolverOptions, SolverSolution } from '../domain/roster/solve.js';

/** The part of the `highs` package's persistent API used here (see its types.d.ts). */
interface HighsModel {
  readonly options: { set(name: string, value: boolean | number | string): unknown };
  readonly info: { get(name: string): number | bigint };
  setSolution(solution: { indices: Int32Array; values: Float64Array }): unknown;
  run(): { modelStatus: number };
  getSolution(): { colValue: Float64Array };
  getObjectiveValue(): number;
  getDimensions(): { numCols: number };
  getColName(index: number): string;
  getColByName(name: string): number;
  dispose(): void;
}
interface HighsInstance {
  createModel(source: { format: 'lp'; data: string }): HighsModel;
}

/** HiGHS's model status codes, named as its one-shot API names them (the domain reads these names). */
const MODEL_STATUS: Record<number, string> = {
  0: 'Not Set', 1: 'Load error', 2: 'Model error', 3: 'Presolve error', 4: 'Solve error', 5: 'Postsolve error', 6: 'Empty',
  7: 'Optimal', 8: 'Infeasible', 9: 'Primal infeasible or unbounded', 10: 'Unbounded', 11: 'Bound on objective reached',
  12: 'Target for objective reached', 13: 'Time limit reached', 14: 'Iteration limit reached', 15: 'Unknown', 16: 'Solution limit reached', 17: 'Interrupted',
};
/** a compiled WebAssembly.Module (the lib settings here leave out the WebAssembly types) */
type WasmModule = object;
type HighsLoader = (options?: { wasmModule?: WasmModule }) => Promise<HighsInstance>;
const wasm = (globalThis as unknown as { WebAssembly: { compile(bytes: Uint8Array): Promise<WasmModule> } }).WebAssembly;

let loader: Promise<{ load: HighsLoader; module: WasmModule }> | undefined;
let instance: Promise<HighsInstance> | undefined;

/**
 * V8 compiles WebAssembly with its baseline compiler (Liftoff) and then recompiles hot
 * functions with TurboFan in the background. For HiGHS (3.5 MB of wasm) that tier-up costs
 * more than it saves in a process that solves once or a few times — `roster generate` —
 * and on a loaded 2-core machine it competes with the solve itself: a first MIP solve took
 * 1.8–3.9 s tiered and 0.7–1.0 s with Liftoff only (docs/BENCHMARKS.md). The flag must be
 * set before the module is compiled; it applies to this process's WebAssembly only, and
 * kefu has none other. `liftoff-only` is a V8 flag of Node 20–22.
 */
function preferBaselineWasm(): void {
  if (Number(process.versions.v8.split('.')[0]) <= 12) setFlagsFromString('--liftoff-only');
}

async function loadModule(): Promise<{ load: HighsLoader; module: WasmModule }> {
  preferBaselineWasm();
  const imported = (await import('highs')) as unknown as { default: HighsLoader };
  const wasmPath = createRequire(import.meta.url).resolve('highs/runtime');
  const module = await wasm.compile(await readFile(wasmPath));
  return { load: imported.default, module };
}

async function freshInstance(): Promise<HighsInstance> {
  loader ??= loadModule().catch((e: unknown) => {
    loader = undefined;
    throw e;
  });
  const { load, module } = await loader;
  return load({ wasmModule: module });
}

function dropInstance(): void {
  instance = undefined;
}

/** The column's index, or undefined for a name the model does not have (HiGHS reports that as an error). */
function columnIndex(model: HighsModel, name: string): number | undefined {
  try {
    const index = model.getColByName(name);
    return index >= 0 ? index : undefined;
  } catch {
    return undefined;
  }
}

/** One solve on a fresh model: the start (when given) first, then the run; the model is always disposed. */
function runModel(highs: HighsInstance, lp: string, options: SolverOptions, start: Readonly<Record<string, number>> | undefined): SolverSolution {
  const model = highs.createModel({ format: 'lp', data: lp });
  try {
    for (const [name, value] of Object.entries({ ...options, log_to_console: false })) {
      try {
        model.options.set(name, value);
      } catch (e) {
        throw new Error(`HiGHS option ${name} = ${String(value)}: ${(e as Error).message}`);
      }
    }
    if (start) {
      const names = Object.keys(start);
      const indices = new Int32Array(names.length);
      const values = new Float64Array(names.length);
      let n = 0;
      for (const name of names) {
        const index = columnIndex(model, name);
        if (index === undefined) continue; // a column the LP text never mentions
        indices[n] = index;
        values[n++] = start[name]!;
      }
      if (n) model.setSolution({ indices: indices.subarray(0, n), values: values.subarray(0, n) });
    }
    // HiGHS's run is synchronous; the time limit bounds it
    const { modelStatus } = model.run();
    const Status = MODEL_STATUS[modelStatus] ?? 'Unknown';
    const Columns: SolverSolution['Columns'] = {};
    // only a feasible primal solution is a roster (2: HiGHS's "feasible" solution status)
    if (Number(model.info.get('primal_solution_status')) === 2) {
      const { colValue } = model.getSolution();
      const { numCols } = model.getDimensions();
      for (let i = 0; i < numCols && i < colValue.length; i++) Columns[model.getColName(i)] = { Primal: colValue[i]! };
    }
    const objective = model.getObjectiveValue();
    return { Status, ...(Number.isFinite(objective) ? { ObjectiveValue: objective } : {}), Columns };
  } finally {
    model.dispose();
  }
}

async function solveOnce(lp: string, options: SolverOptions, start?: Readonly<Record<string, number>>): Promise<SolverSolution> {
  instance ??= freshInstance();
  let highs: HighsInstance;
  try {
    highs = await instance;
  } catch (e) {
    dropInstance();
    throw e;
  }
  try {
    return runModel(highs, lp, options, start);
  } catch (e) {
    dropInstance();
    throw e;
  }
}

/** Whether HiGHS can be loaded here (the CLI says so and uses the fallback search when not). */
export async function isSolverAvailable(): Promise<boolean> {
  try {
    await freshInstance();
    return true;
  } catch {
    return false;
  }
}

/** The solve function `solveRoster` takes: one retry on a fresh instance after an error. */
export const solveWithHighs: SolveLp = async (lp, options, start) => {
  try {
    return await solveOnce(lp, options, start);
  } catch {
    return solveOnce(lp, options, start);
  }
};

/** Loads HiGHS now (e.g. to time it apart from the solve); returns the solve function. */
export async function loadRosterSolver(): Promise<SolveLp> {
  instance ??= freshInstance();
  await instance;
  return solveWithHighs;
}
