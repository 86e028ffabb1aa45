/** `sim check`: exhaustive search of a model; a counterexample becomes a trace file. */
import { rmSync } from 'node:fs';
import { resolveStrategy, type CheckResult } from '../../checker/index.js';
import { InputError } from '../../lib/index.js';
import { shrinkPath, type ShrinkTarget, type Trace, type TraceVerdict } from '../../trace/index.js';
import { parseCommandArgs } from '../args.js';
import type { Io } from '../io.js';
import { loadModel, type LoadedModel } from '../load-model.js';
import type { Outcome } from '../outcome.js';
import { resolveOut } from '../output.js';
import { writeCheckReports } from '../reports/check-reports.js';
import { finishCheckpoint, finishedCheck, recordedCheck } from './check-checkpoint.js';
import type { CheckRecord } from './check-record.js';
import { configureSearch, type CheckFlags } from './check-search.js';
import { summaryJson, summaryText } from './check-summary.js';
import { assembleTrace, defaultTraceName, headerOf, replayModelFlag, saveTrace } from './trace-file.js';

export const checkHelp = `usage: sim check [--model NAME|FILE] [--param key=value]... [--strategy bfs|dfs|random]
                 [--max-states N] [--max-depth N] [--no-deadlock] [--out FILE] [--json]
                 [--seed N] [--walks N] [--coverage] [--max-memory MB]
                 [--checkpoint DIR [--checkpoint-interval SECONDS] [--keep-checkpoint]]
                 [--shrink] [--no-liveness] [--no-symmetry]
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
A model with a representative() hook is searched one state per symmetry class (the counts are
classes); a sample of states checks that the hook is sound, a counterexample is a real path of
the model, as short as without symmetry; liveness is not checked under symmetry (one line says
so). --no-symmetry searches every state.
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

export const checkOptions = {
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
  'no-symmetry': { type: 'boolean' },
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

export async function checkCommand(argv: readonly string[], io: Io): Promise<Outcome> {
  const { values } = parseCommandArgs('check', argv, checkOptions, 0);
  if (values.help) {
    io.stdout.write(`${checkHelp}\n`);
    return 'ok';
  }
  if (values.resume !== undefined) return resumeCheck(values, io);
  return runCheck(values, io, null);
}

/**
 * `--resume DIR`: the check recorded in DIR, with the flags given again checked against it (the
 * same command line with --resume added works); a finished check prints its result again.
 */
async function resumeCheck(values: CheckFlags, io: Io): Promise<Outcome> {
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
    return finished.outcome;
  }
  if (record.model.source === 'file' && values.model === undefined) {
    throw new InputError(`the check in ${shown} is of the model file ${record.model.file} (sha256 ${record.model.sha256.slice(0, 12)}…); name it with --model FILE to resume (a checkpoint never runs a file by itself)`);
  }
  return runCheck({ ...flags, checkpoint: shown } as CheckFlags, io, record);
}

async function runCheck(values: CheckFlags, io: Io, resuming: CheckRecord | null): Promise<Outcome> {
  const strategy = resolveStrategy(values.strategy ?? 'bfs');
  const loaded = await loadModel(values.model, values.param ?? [], io.cwd);
  const configured = configureSearch(values, io, loaded, strategy, resuming);
  let result: CheckResult;
  let note: string;
  try {
    ({ result, note } = await configured.run());
  } finally {
    configured.progress.done();
    rmSync(configured.spillDir, { recursive: true, force: true });
  }
  if (note) io.stderr.write(note);
  if (values.shrink && (result.verdict === 'violation' || result.verdict === 'deadlock') && result.violation.kind !== 'liveness') result = shrunk(loaded, result, io);
  const { trace, traceFile } = saveCounterexample(io, loaded, result, values);
  const livenessChecked = configured.liveness && (result.verdict === 'ok' || (result.verdict === 'violation' && result.violation.kind === 'liveness'));
  writeCheckReports(io, loaded, result, {
    ...(values.dot !== undefined ? { dot: values.dot } : {}),
    ...(values.junit !== undefined ? { junit: values.junit } : {}),
    ...(configured.statesMax !== undefined ? { statesMax: configured.statesMax } : {}),
    deadlocks: !values['no-deadlock'],
    liveness: livenessChecked,
    ...(values.html !== undefined ? { html: values.html } : {}),
    ...(trace !== undefined ? { trace } : {}),
    ...(traceFile !== undefined ? { traceFile } : {}),
    flags: values,
    replayFlag: replayModelFlag(loaded, values.model),
  });
  const json = summaryJson(loaded, strategy, result, traceFile);
  const text = summaryText(loaded, configured.workers > 1 ? `${strategy}, ${configured.workers} worker threads` : strategy, result, traceFile);
  const outcome: Outcome = result.verdict === 'ok' ? 'ok' : result.verdict === 'incomplete' ? 'incomplete' : 'failed';
  if (configured.checkpointDir !== undefined) finishCheckpoint(configured.checkpointDir, values.checkpoint as string, result, { outcome, json, text }, Boolean(values['keep-checkpoint']), io);
  io.stdout.write(values.json ? `${JSON.stringify(json)}\n` : text);
  return outcome;
}

/** A violation or deadlock, saved as a trace (to --out, or a default name): the trace and its file. */
function saveCounterexample(io: Io, loaded: LoadedModel, result: CheckResult, values: CheckFlags): { trace?: Trace; traceFile?: string } {
  if (result.verdict !== 'violation' && result.verdict !== 'deadlock') return {};
  const v = result.violation;
  const statement = loaded.model.statements?.[v.name];
  const verdict: TraceVerdict =
    v.kind === 'deadlock'
      ? { result: 'deadlock', kind: 'deadlock', name: 'deadlock', step: v.depth }
      : v.kind === 'liveness' && v.lasso
        ? { result: 'violation', kind: 'liveness', name: v.name, statement: loaded.model.liveness?.[v.name]?.statement ?? '', step: v.depth, ...v.lasso }
        : { result: 'violation', kind: 'invariant', name: v.name, ...(statement ? { statement } : {}), step: v.depth };
  const trace = assembleTrace(
    headerOf(loaded, 'check', null),
    { index: v.path.initialIndex, fingerprint: v.path.initialFingerprint, state: v.path.initial },
    v.path.steps,
    verdict,
  );
  return { trace, traceFile: saveTrace(io, values.out ?? defaultTraceName(loaded.model.name, verdict), trace, replayModelFlag(loaded, values.model)) };
}

/** The counterexample of `result`, shrunk to fewer actors and faults (then steps); says so on stderr. */
function shrunk(loaded: LoadedModel, result: Extract<CheckResult, { verdict: 'violation' | 'deadlock' }>, io: Io): CheckResult {
  const v = result.violation;
  const target: ShrinkTarget = v.kind === 'deadlock' ? { kind: 'deadlock' } : { kind: 'invariant', name: v.name };
  const path = shrinkPath(loaded.model, v.path.initialIndex, v.path.initial, v.path.steps.map((s) => s.action), target);
  const actors = (steps: readonly { actor: string }[]) => new Set(steps.map((s) => s.actor)).size;
  io.stderr.write(`shrunk: ${v.path.steps.length} steps by ${actors(v.path.steps)} actors -> ${path.steps.length} steps by ${actors(path.steps)} actors\n`);
  return { ...result, violation: { ...v, path, depth: path.steps.length } };
}
