/**
 * `driveModel(adapter, { model, seeds })`: `sim drive` inside a test suite. Seeded simulator
 * runs of the model are driven on the implementation; a mismatch rejects with an Error whose
 * message is the shrunk run, the step, the field and both values, so a vitest (or any runner's)
 * failure reads like `sim drive`'s. The helper needs no test framework.
 */
import { InputError } from '../lib/index.js';
import { builtinModels, modelOfEntry, resolveParams, type Model, type ParamValues } from '../model/index.js';
import { simulate } from '../sim/index.js';
import { DRIVE } from '../trace/index.js';
import { adapterOf, type Adapter } from './adapter.js';
import { drive, type DriveResult, type DriveRun } from './drive.js';
import { actorCount, mismatchLine, stepLines, stepName } from './drive-text.js';

export interface DriveModelOptions<S = unknown, A = unknown> {
  /** A built-in model's name, or a model object (your own model file's default export, built). */
  readonly model: string | Model<S, A>;
  /** Parameters of a built-in model (defaults for the rest). */
  readonly params?: ParamValues;
  /** The seeds of the runs: `'1..100'`, or a list. Default `'1..20'`. */
  readonly seeds?: string | readonly number[];
  /** Steps per run at most (the simulator's --steps). Default 200. */
  readonly steps?: number;
  /** Milliseconds one adapter call may take. */
  readonly timeoutMs?: number;
}

/** Drives the runs; resolves to the result when every observation matches, rejects with the mismatch otherwise. */
export async function driveModel<S, A>(adapter: Adapter<S, A>, options: DriveModelOptions<S, A>): Promise<DriveResult<S, A>> {
  const model = typeof options.model === 'string' ? (builtinModel(options.model, options.params ?? {}) as Model<S, A>) : options.model;
  adapterOf(adapter, 'the adapter');
  const runs = seedsOf(options.seeds ?? '1..20').map((seed): DriveRun<A> => {
    const run = simulate(model, { seed, stepsMax: options.steps ?? 200 });
    return { name: `seed ${seed}`, initialIndex: run.initial.index, actions: run.steps.map((s) => s.action as A) };
  });
  try {
    const result = await drive(model, adapter, runs, { adapterName: 'the adapter', ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }) });
    if (result.verdict === 'mismatch') {
      const { run, shrunk } = result;
      throw new Error([
        DRIVE.differs(model.name, run.name, stepName(shrunk), mismatchLine(shrunk)),
        `shrunk to ${shrunk.path.steps.length} step${shrunk.path.steps.length === 1 ? '' : 's'} by ${actorCount(shrunk)} actor${actorCount(shrunk) === 1 ? '' : 's'} (from ${result.found.path.steps.length}):`,
        ...stepLines(shrunk),
      ].join('\n'));
    }
    return result;
  } finally {
    await adapter.close?.();
  }
}

function builtinModel(name: string, params: ParamValues): Model<unknown, unknown> {
  const entry = builtinModels.find((m) => m.name === name);
  if (entry === undefined) throw new Error(`unknown model '${name}'; built-in models: ${builtinModels.map((m) => m.name).join(', ')}`);
  const texts = Object.fromEntries(Object.entries(params).map(([k, v]) => [k, String(v)]));
  return modelOfEntry(entry, resolveParams(name, entry.params, texts));
}

/** Runs one drive performs at most: each is a reset and a run of the implementation. */
const RUNS_MAX = 1_000_000;

/** `'3..7'` or a list, as seeds; anything else throws. */
export function seedsOf(seeds: string | readonly number[]): number[] {
  if (typeof seeds !== 'string') return [...seeds];
  const m = /^(\d+)\.\.(\d+)$/.exec(seeds);
  const from = Number(m?.[1]);
  const to = Number(m?.[2]);
  if (m === null || !Number.isSafeInteger(from) || !Number.isSafeInteger(to) || from > to) throw new InputError(`seeds must be A..B with decimal integers A <= B < 2^53; got '${seeds}'`);
  if (to - from >= RUNS_MAX) throw new InputError(`seeds ${seeds} are ${to - from + 1} runs; drive at most ${RUNS_MAX} at a time`);
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}
