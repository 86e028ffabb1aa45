/** `sim check`: exhaustive search of a model; a counterexample becomes a trace file. */
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { getHeapStatistics } from 'node:v8';
import { checker, checkLiveness, type ModelRecipe, pathOfActions, resolveCheckOptions, resolveStrategy, type CheckResult } from '../../checker/index.js';
import { InputError } from '../../lib/index.js';
import { shrinkActions, type ShrinkTarget, type Trace, type TraceVerdict } from '../../trace/index.js';
import { parseCommandArgs, parseDecimal } from '../args.js';
import type { Io } from '../io.js';
import { loadModel, type LoadedModel } from '../load-model.js';
import { count, paramText, progressLine, resolveOut, widthOf, writeFileAtomic } from '../output.js';
import { writeCheckReport } from '../reports/html/index.js';
import { finishCheckpoint, finishedCheck, recordedCheck, withCheckpoint } from './check-checkpoint.js';
import type { CheckRecord } from './check-record.js';
import { writeCheckReports } from './check-reports.js';
import { assembleTrace, defaultTraceName, headerOf, replayModelFlag, saveTrace } from './trace-file.js';

export const checkHelp = `usage: sim check [--model NAME|FILE] [--param key=value]... [--strategy bfs|dfs|random]
                 [--max-states N] [--max-depth N] [--no-deadlock] [--out FILE] [--json]
                 [--seed N] [--walks N] [--coverage] [--max-memory MB]
                 [--checkpoint DIR [--checkpoint-interval SECONDS] [--keep-checkpoint]]
                 [--shrink] [--no-liveness]
                 [--workers N] [--parallel-from N] [--queue-memory MB]
                 [--dot OUT] [--junit OUT] [--html OUT]
       sim check --resume DIR [the same flags] [--json]
Explores every reachable state breadth-first and checks every invariant in each, and deadlock
freedom. Exit 0: all hold; 1: a violation or deadlock (its shortest trace is saved);
3: --max-states, --max-depth or --max-memory stopped the search first. --strategy dfs searches
depth-first (bounded by --max-depth); --strategy random runs --walks seeded random walks (1,000
by default, --seed N, each --max-depth steps, 100 by default) checking every successor: it
never proves a model, so finding nothing ends with exit 3. --coverage counts each action type.
--queue-memory MB: a level of packed states (a model with encode/decode) spills to a temporary
file past this many MB (default: a quarter of --max-memory).
--workers N splits the breadth-first search over N worker threads sharing one seen set (for
--strategy bfs without --checkpoint or --coverage; default: one per core); the result (counts,
depth, counterexample) is the same for every N. The threads take over at the first level of
--parallel-from states (default 16,384 for a model with compiled successors, else 8,192: below
that, starting them costs more than they save); smaller searches run in one thread. When the
threads meet a violation, a deadlock or the state bound, the search runs again in one thread to
report the first one in its order.
After a complete breadth-first check, the model's liveness properties are checked under weak
fairness (skip with --no-liveness); a failure is a lasso: a path, then a loop that repeats.
--shrink rewrites the counterexample with the fewest distinct actors and faults it can find,
then the fewest steps (a breadth-first counterexample is already shortest in steps).
--checkpoint DIR saves the search into DIR every --checkpoint-interval seconds (60 by default),
one snapshot file replaced whole. After the process is stopped or killed, --resume DIR finishes
it with the same result; the check's flags may be given again and must match. A model file runs
only when --model names it (its SHA-256 must be the recorded one). A finished check's snapshot is
removed (--keep-checkpoint keeps it); resuming it prints its result again.
--dot OUT writes the explored state graph in Graphviz DOT (at most --max-states states, 1,000
by default), the counterexample path in red; --junit OUT writes a JUnit report: one test case per
invariant, per sometimes-witness and for deadlock freedom, failures carrying the replay command;
--html OUT writes a self-contained HTML report: the verdict, the counterexample as a message
sequence chart with the state at each step, and the explored state graph (at most 500 states).`;

const options = {
  model: { type: 'string' },
  param: { type: 'string', multiple: true },
  strategy: { type: 'string' },
  'max-states': { type: 'string' },
  'max-depth': { type: 'string' },
  'no-deadlock': { type: 'boolean' },
  out: { type: 'string' },
  json: { type: 'boolean' },
  seed: { type: 'string' },
  walks: { type: 'string' },
  coverage: { type: 'boolean' },
  'max-memory': { type: 'string' },
  shrink: { type: 'boolean' },
  'no-liveness': { type: 'boolean' },
  workers: { type: 'string' },
  'parallel-from': { type: 'string' },
  'queue-memory': { type: 'string' },
  dot: { type: 'string' },
  junit: { type: 'string' },
  html: { type: 'string' },
  checkpoint: { type: 'string' },
  'checkpoint-interval': { type: 'string' },
  'keep-checkpoint': { type: 'boolean' },
  resume: { type: 'string' },
} as const;

type CheckFlags = ReturnType<typeof parseCommandArgs<typeof options>>['values'];

export async function checkCommand(argv: readonly string[], io: Io): Promise<number> {
  const { values } = parseCommandArgs('check', argv, options, 0);
  if (values.help) {
    io.stdout.write(`${checkHelp}\n`);
    return 0;
  }
  if (values.resume !== undefined) return resumeCheck(values, io);
  return runCheck(values, io, null);
}

/**
 * `--resume DIR`: the check recorded in DIR, with the flags given again checked against it (the
 * same command line with --resume added works); a finished check prints its result again.
 */
async function resumeCheck(values: CheckFlags, io: Io): Promise<number> {
  const shown = values.resume as string;
  const dir = resolveOut(io, shown);
  if (values.checkpoint !== undefined && resolveOut(io, values.checkpoint) !== dir) {
    throw new InputError(`--checkpoint ${values.checkpoint} and --resume ${shown} name different folders`);
  }
  const { record, flags } = recordedCheck(dir, shown, values, io.cwd);
  const finished = finishedCheck(dir, shown);
  if (finished) {
    io.stderr.write(`the check in ${shown} had finished; its result:\n`);
    io.stdout.write(values.json ? `${JSON.stringify(finished.json)}\n` : finished.text);
    return finished.code;
  }
  if (record.model.source === 'file' && values.model === undefined) {
    throw new InputError(`the check in ${shown} is of the model file ${record.model.file} (sha256 ${record.model.sha256.slice(0, 12)}…); name it with --model FILE to resume (a checkpoint never runs a file by itself)`);
  }
  return runCheck({ ...flags, checkpoint: shown } as CheckFlags, io, record);
}

async function runCheck(values: CheckFlags, io: Io, resuming: CheckRecord | null): Promise<number> {
  const strategy = resolveStrategy(values.strategy ?? 'bfs');
  const loaded = await loadModel(values.model, values.param ?? [], io.cwd);
  let search = checker<unknown, unknown>(loaded.model);
  const checkpointDir = values.checkpoint === undefined ? undefined : resolveOut(io, values.checkpoint);
  if (values['keep-checkpoint'] && checkpointDir === undefined) throw new InputError('--keep-checkpoint keeps the snapshot of --checkpoint DIR (or --resume DIR)');
  if (checkpointDir !== undefined && strategy !== 'bfs') throw new InputError('--checkpoint works with --strategy bfs');
  if (values['max-states'] !== undefined) search = search.statesMax(parseDecimal('--max-states', values['max-states'], 1));
  if (values['max-depth'] !== undefined) search = search.depthMax(parseDecimal('--max-depth', values['max-depth'], 0));
  const progress = progressLine(io, io.stderrIsTTY && !values.json);
  search = search
    .deadlocks(!values['no-deadlock'])
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
  // Where packed levels spill past their budget; made once every flag is known good, removed when the check ends.
  const spillDir = mkdtempSync(join(tmpdir(), 'sim-queue-'));
  search = search.spill(spillDir, queueBytesMax);
  let resumedNote = '';
  let result: CheckResult;
  try {
    // Once every flag is known good: a fresh check records itself in its checkpoint folder.
    if (checkpointDir !== undefined) {
      ({ search, note: resumedNote } = withCheckpoint(search, { dir: checkpointDir, shown: values.checkpoint as string }, loaded, values, resuming));
    }
    if (workers > 1) result = await search.bfsParallel(workers, recipeOf(loaded));
    else result = strategy === 'bfs' ? search.bfs() : strategy === 'dfs' ? search.dfs() : search.randomWalk(seed, walks);
  } finally {
    progress.done();
    rmSync(spillDir, { recursive: true, force: true });
  }
  if (resumedNote) io.stderr.write(resumedNote);

  const livenessChecked = result.verdict === 'ok' && strategy === 'bfs' && !values['no-liveness'] && Object.keys(loaded.model.liveness ?? {}).length > 0;
  if (livenessChecked) result = withLiveness(loaded, result, values['max-states']);
  if (values.shrink && (result.verdict === 'violation' || result.verdict === 'deadlock') && result.violation.kind !== 'liveness') result = shrunk(loaded, result, io);
  let traceFile: string | undefined;
  let trace: Trace | undefined;
  if (result.verdict === 'violation' || result.verdict === 'deadlock') {
    const v = result.violation;
    const statement = loaded.model.statements?.[v.name];
    const verdict: TraceVerdict =
      v.kind === 'deadlock'
        ? { result: 'deadlock', kind: 'deadlock', name: 'deadlock', step: v.depth }
        : v.kind === 'liveness' && v.lasso
          ? { result: 'violation', kind: 'liveness', name: v.name, statement: loaded.model.liveness?.[v.name]?.statement ?? '', step: v.depth, ...v.lasso }
          : { result: 'violation', kind: 'invariant', name: v.name, ...(statement ? { statement } : {}), step: v.depth };
    trace = assembleTrace(
      headerOf(loaded, 'check', null),
      { index: v.path.initialIndex, fingerprint: v.path.initialFingerprint, state: v.path.initial },
      v.path.steps,
      verdict,
    );
    traceFile = saveTrace(io, values.out ?? defaultTraceName(loaded.model.name, verdict), trace, replayModelFlag(loaded, values.model));
  }
  const statesMax = values['max-states'] === undefined ? undefined : parseDecimal('--max-states', values['max-states'], 1);
  writeCheckReports(io, loaded, result, {
    ...(values.dot !== undefined ? { dot: values.dot } : {}),
    ...(values.junit !== undefined ? { junit: values.junit } : {}),
    ...(statesMax !== undefined ? { statesMax } : {}),
    deadlocks: !values['no-deadlock'],
    liveness: livenessChecked,
    ...(traceFile !== undefined ? { traceFile } : {}),
    replayFlag: replayModelFlag(loaded, values.model),
  });
  if (values.html !== undefined) {
    writeCheckReport(io, values.html, { model: loaded.model, params: loaded.params, result, flags: values, ...(trace ? { trace } : {}), ...(traceFile ? { traceFile } : {}), ...(statesMax ? { statesMax } : {}) });
  }
  const json = summaryJson(loaded, strategy, result, traceFile);
  const text = summaryText(loaded, workers > 1 ? `${strategy}, ${workers} worker threads` : strategy, result, traceFile);
  const code = result.verdict === 'ok' ? 0 : result.verdict === 'incomplete' ? 3 : 1;
  if (checkpointDir !== undefined) finishCheckpoint(checkpointDir, values.checkpoint as string, result, { code, json, text }, Boolean(values['keep-checkpoint']), io);
  io.stdout.write(values.json ? `${JSON.stringify(json)}\n` : text);
  return code;
}

function summaryJson(loaded: LoadedModel, strategy: string, result: CheckResult, traceFile: string | undefined): object {
  const s = result.stats;
  return {
    model: loaded.model.name,
    params: loaded.params,
    strategy,
    verdict: result.verdict,
    distinctStates: s.distinctStates,
    transitions: s.transitions,
    depth: s.depth,
    elapsedMs: Math.round(s.elapsedMs),
    statesPerSecond: s.statesPerSecond,
    seenBytesPerState: Number(s.seenBytesPerState.toFixed(2)),
    parentBytesPerState: Number(s.parentBytesPerState.toFixed(2)),
    collisionProbability: s.collisionProbability,
    ...(s.coverage ? { coverage: s.coverage } : {}),
    ...(result.verdict === 'ok' || result.verdict === 'incomplete' ? { unreachedWitnesses: result.unreachedWitnesses } : {}),
    ...(result.verdict === 'incomplete' ? { reason: result.reason } : {}),
    ...(result.verdict === 'violation' || result.verdict === 'deadlock'
      ? { violation: { kind: result.violation.kind, name: result.violation.name, depth: result.violation.depth, ...(result.violation.lasso ?? {}), trace: traceFile } }
      : {}),
  };
}

function summaryText(loaded: LoadedModel, strategy: string, result: CheckResult, traceFile: string | undefined): string {
  const s = result.stats;
  const lines = [`sim check: model ${loaded.model.name} (${paramText(loaded.params) || 'no parameters'}), ${strategy}`];
  const figures =
    `${count(s.distinctStates)} distinct states, ${count(s.transitions)} transitions, depth ${s.depth}, ` +
    `${(s.elapsedMs / 1000).toFixed(2)} s (${count(s.statesPerSecond)} states/s)`;
  switch (result.verdict) {
    case 'ok':
      lines.push(`ok: every invariant holds${loaded.model.invariants && Object.keys(loaded.model.invariants).length === 0 ? ' (the model has none)' : ''}; ${figures}`);
      break;
    case 'incomplete': {
      const why = { statesMax: '--max-states reached', depthMax: '--max-depth reached', memoryMax: 'the memory budget (--max-memory) ran out', sampled: 'random walks sample, they never prove' }[result.reason];
      lines.push(`incomplete: ${why} before the search ended; no violation so far; ${figures}`);
      break;
    }
    default: {
      const v = result.violation;
      const statement = loaded.model.statements?.[v.name];
      const liveStatement = loaded.model.liveness?.[v.name]?.statement;
      const what =
        v.kind === 'deadlock'
          ? 'deadlock: no action is enabled and the state is not final'
          : v.kind === 'liveness'
            ? `liveness violation: ${v.name} fails${liveStatement ? ` (${liveStatement})` : ''}; a run can avoid its goal forever`
            : `violation: invariant ${v.name} fails${statement ? ` (${statement})` : ''}`;
      lines.push(`${what}, after ${v.depth} step${v.depth === 1 ? '' : 's'}:`);
      const width = widthOf(v.path.steps.map((p) => p.actor), 5);
      v.path.steps.forEach((p, i) => {
        const mark = v.lasso && i === v.lasso.loopStart ? '  <- loop starts' : v.lasso && i === v.lasso.triggerStep && i < v.lasso.loopStart ? '  <- trigger holds before this step' : '';
        lines.push(`  ${String(i + 1).padStart(4)}  ${p.actor.padEnd(width)}  ${p.label}${mark}`);
      });
      if (v.lasso) lines.push(v.lasso.stutter ? '        ... and then nothing fair happens: the run stays in the last state forever' : `        ... and steps ${v.lasso.loopStart + 1}..${v.depth} repeat forever`);
      lines.push(`${figures}`);
      if (traceFile) lines.push(`counterexample: ${traceFile}`);
    }
  }
  if (s.coverage) {
    const width = Math.max(...s.coverage.fired.map((f) => f.type.length));
    lines.push('coverage (action type: times fired):');
    for (const f of s.coverage.fired) lines.push(`  ${f.type.padEnd(width)}  ${count(f.count)}${s.coverage.neverEnabled.includes(f.type) ? '  (never enabled)' : ''}`);
  }
  lines.push(`fingerprint collision probability: ${s.collisionProbability.toExponential(1)} (64-bit fingerprints; TLC's estimate)`);
  if (result.verdict === 'ok' || result.verdict === 'incomplete') {
    for (const w of result.unreachedWitnesses) {
      lines.push(`warning: witness ${w} was never reached${result.verdict === 'ok' ? '; the invariant it guards may hold vacuously' : ' so far'}`);
    }
  }
  return `${lines.join('\n')}\n`;
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

/** The counterexample of `result`, shrunk to fewer actors and faults (then steps); says so on stderr. */
function shrunk(loaded: LoadedModel, result: Extract<CheckResult, { verdict: 'violation' | 'deadlock' }>, io: Io): CheckResult {
  const v = result.violation;
  const target: ShrinkTarget = v.kind === 'deadlock' ? { kind: 'deadlock' } : { kind: 'invariant', name: v.name };
  const actions = shrinkActions(loaded.model, v.path.initial, v.path.steps.map((s) => s.action), target);
  const path = pathOfActions(loaded.model, v.path.initialIndex, actions);
  const actors = (steps: readonly { actor: string }[]) => new Set(steps.map((s) => s.actor)).size;
  io.stderr.write(`shrunk: ${v.path.steps.length} steps by ${actors(v.path.steps)} actors -> ${path.steps.length} steps by ${actors(path.steps)} actors\n`);
  return { ...result, violation: { ...v, path, depth: path.steps.length } };
}

/**
 * After a complete safety check: the model's liveness properties under weak fairness (a later
 * graph search over the same states). A failing one becomes the check's violation, a lasso.
 */
function withLiveness(loaded: LoadedModel, result: CheckResult, statesMaxFlag: string | undefined): CheckResult {
  const statesMax = statesMaxFlag === undefined ? Number.MAX_SAFE_INTEGER : parseDecimal('--max-states', statesMaxFlag, 1);
  const live = checkLiveness(loaded.model, resolveCheckOptions({ statesMax }));
  if (live.verdict !== 'violation') return result;
  const v = live.violation;
  return {
    verdict: 'violation',
    stats: result.stats,
    violation: { kind: 'liveness', name: v.name, depth: v.path.steps.length, path: v.path, lasso: { triggerStep: v.triggerStep, loopStart: v.loopStart, stutter: v.stutter } },
  };
}

/** How a worker thread rebuilds the loaded model. */
function recipeOf(loaded: LoadedModel): ModelRecipe {
  return loaded.ref.source === 'builtin'
    ? { kind: 'builtin', name: loaded.ref.name, params: loaded.params }
    : { kind: 'file', path: loaded.path as string, params: loaded.params };
}
