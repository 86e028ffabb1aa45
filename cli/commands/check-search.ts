/**
 * `sim check`'s flags turned into a configured search: the strategy, the bounds, the memory and
 * queue budgets, the worker threads, the spill folder and the checkpoint folder, each flag
 * validated once, in the order the help lists them.
 */
import { mkdtempSync } from 'node:fs';
import { availableParallelism, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { getHeapStatistics } from 'node:v8';
import { checker, type Checker, type CheckResult, type Strategy } from '../../checker/index.js';
import { InputError } from '../../lib/index.js';
import type { ModelRecipe } from '../../model/index.js';
import { parseCommandArgs, parseDecimal } from '../args.js';
import type { Io } from '../io.js';
import type { LoadedModel } from '../load-model.js';
import { progressLine, resolveOut } from '../output.js';
import { withCheckpoint } from './check-checkpoint.js';
import type { checkOptions } from './check.js';
import type { CheckRecord } from './check-record.js';

export type CheckFlags = ReturnType<typeof parseCommandArgs<typeof checkOptions>>['values'];

/** A search ready to run, and what the rest of the command needs to know of its flags. */
export interface ConfiguredSearch {
  /** Records a fresh check in its checkpoint folder (or opens the one resumed), then searches; with what to say once done. */
  run(): Promise<{ result: CheckResult; note: string }>;
  readonly progress: { done(): void };
  /** The folder packed levels spill to; the caller removes it when the check ends. */
  readonly spillDir: string;
  readonly checkpointDir: string | undefined;
  /** --max-states, parsed. */
  readonly statesMax: number | undefined;
  readonly workers: number;
  /** The liveness properties are checked after a complete search. */
  readonly liveness: boolean;
}

export function configureSearch(values: CheckFlags, io: Io, loaded: LoadedModel, strategy: Strategy, resuming: CheckRecord | null): ConfiguredSearch {
  let search = checker<unknown, unknown>(loaded.model);
  const checkpointDir = values.checkpoint === undefined ? undefined : resolveOut(io, values.checkpoint);
  if (values['keep-checkpoint'] && checkpointDir === undefined) throw new InputError('--keep-checkpoint keeps the snapshot of --checkpoint DIR (or --resume DIR)');
  if (checkpointDir !== undefined && strategy !== 'bfs') throw new InputError('--checkpoint works with --strategy bfs');
  const statesMax = values['max-states'] === undefined ? undefined : parseDecimal('--max-states', values['max-states'], 1);
  if (statesMax !== undefined) search = search.statesMax(statesMax);
  if (values['max-depth'] !== undefined) search = search.depthMax(parseDecimal('--max-depth', values['max-depth'], 0));
  const progress = progressLine(io, io.stderrIsTTY && !values.json);
  search = search
    .deadlocks(!values['no-deadlock'])
    .symmetry(!values['no-symmetry'])
    .coverage(Boolean(values.coverage))
    .memoryLimit(memoryBudget(values['max-memory']))
    .clock(io.now)
    .onProgress(progress.report);
  const seed = values.seed === undefined ? 0 : parseDecimal('--seed', values.seed);
  const walks = values.walks === undefined ? undefined : parseDecimal('--walks', values.walks, 1);
  if (strategy !== 'random' && (values.seed !== undefined || walks !== undefined)) {
    throw new InputError('--seed and --walks belong to --strategy random');
  }
  const threadable = strategy === 'bfs' && checkpointDir === undefined && !values.coverage;
  const workers = values.workers === undefined ? (threadable ? availableParallelism() : 1) : parseDecimal('--workers', values.workers, 1);
  if (workers > 1 && !threadable) throw new InputError('--workers works with --strategy bfs, without --checkpoint and without --coverage');
  if (values['parallel-from'] !== undefined) search = search.parallelFrom(parseDecimal('--parallel-from', values['parallel-from'], 1));
  const queueBytesMax = queueBytes(values['queue-memory'], values['max-memory']);
  const liveness = strategy === 'bfs' && !values['no-liveness'] && Object.keys(loaded.model.liveness ?? {}).length > 0;
  search = search.liveness(liveness);
  // Where packed levels spill past their budget; made once every flag is known good, removed when the check ends.
  const spillDir = mkdtempSync(join(tmpdir(), 'sim-queue-'));
  search = search.spill(spillDir, queueBytesMax);
  const configured = search;
  const run = async (): Promise<{ result: CheckResult; note: string }> => {
    // Once every flag is known good: a fresh check records itself in its checkpoint folder.
    const { search: ready, note } = checkpointDir === undefined
      ? { search: configured, note: '' }
      : withCheckpoint(configured, { dir: checkpointDir, shown: values.checkpoint as string }, loaded, values, resuming);
    return { result: await runStrategy(ready, strategy, workers, loaded, seed, walks), note };
  };
  return { run, progress, spillDir, checkpointDir, statesMax, workers, liveness };
}

function runStrategy(search: Checker<unknown, unknown>, strategy: Strategy, workers: number, loaded: LoadedModel, seed: number, walks: number | undefined): Promise<CheckResult> {
  if (workers > 1) return search.bfsParallel(workers, recipeOf(loaded));
  return Promise.resolve(strategy === 'bfs' ? search.bfs() : strategy === 'dfs' ? search.dfs() : search.randomWalk(seed, walks));
}

/**
 * The memory budget: the process's resident size stays under --max-memory MB (default: 80% of the
 * machine), and the JS heap under 90% of its limit, so a search ends `incomplete` instead of
 * crashing out of memory.
 */
function memoryBytesMax(flag: string | undefined): number {
  return flag === undefined ? totalmem() * 0.8 : parseDecimal('--max-memory', flag, 1) * 2 ** 20;
}

/** Bytes a packed BFS level keeps in memory before it spills: --queue-memory MB, or a quarter of the budget. */
function queueBytes(flag: string | undefined, maxMemoryFlag: string | undefined): number {
  return flag === undefined ? memoryBytesMax(maxMemoryFlag) / 4 : parseDecimal('--queue-memory', flag, 0) * 2 ** 20;
}

function memoryBudget(flag: string | undefined): () => boolean {
  const bytesMax = memoryBytesMax(flag);
  const heapMax = getHeapStatistics().heap_size_limit * 0.9;
  return () => {
    const usage = process.memoryUsage();
    return usage.rss > bytesMax || usage.heapUsed > heapMax;
  };
}

/** How a worker thread rebuilds the loaded model. */
function recipeOf(loaded: LoadedModel): ModelRecipe {
  return loaded.ref.source === 'builtin'
    ? { kind: 'builtin', name: loaded.ref.name, params: loaded.params }
    : { kind: 'file', path: loaded.path as string, params: loaded.params };
}
