// The MIP solver behind `kefu roster generate`: HiGHS compiled to WebAssembly (npm
// `highs`, FINDINGS.md "Rostering"). Loaded lazily — only a command that generates a
// roster pays for the 3.5 MB module — and once per process: the compiled module is
// kept, instances are cheap to make from it.
//
// A WebAssembly instance that threw (an abort, a memory error inside the solver) may be
// left in a bad state, and every later call on it can fail or hang: after any error the
// instance is dropped, and the next solve — including one retry of this one — runs on a
// fresh instance.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { SolveLp, SolverOptions, SolverSolution } from '../domain/roster/solve.js';

interface HighsInstance {
  solve(problem: string, options?: Record<string, unknown>): SolverSolution;
}
/** a compiled WebAssembly.Module (the lib settings here leave out the WebAssembly types) */
type WasmModule = object;
type HighsLoader = (options?: { wasmModule?: WasmModule }) => Promise<HighsInstance>;
const wasm = (globalThis as unknown as { WebAssembly: { compile(bytes: Uint8Array): Promise<WasmModule> } }).WebAssembly;

let loader: Promise<{ load: HighsLoader; module: WasmModule }> | undefined;
let instance: Promise<HighsInstance> | undefined;

async function loadModule(): Promise<{ load: HighsLoader; module: WasmModule }> {
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

async function solveOnce(lp: string, options: SolverOptions): Promise<SolverSolution> {
  instance ??= freshInstance();
  let highs: HighsInstance;
  try {
    highs = await instance;
  } catch (e) {
    dropInstance();
    throw e;
  }
  try {
    // HiGHS's solve is synchronous; the time limit bounds it
    return highs.solve(lp, { ...options, log_to_console: false });
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
export const solveWithHighs: SolveLp = async (lp, options) => {
  try {
    return await solveOnce(lp, options);
  } catch {
    return solveOnce(lp, options);
  }
};

/** Loads HiGHS now (e.g. to time it apart from the solve); returns the solve function. */
export async function loadRosterSolver(): Promise<SolveLp> {
  instance ??= freshInstance();
  await instance;
  return solveWithHighs;
}
