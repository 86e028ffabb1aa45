/** `sim check`: exhaustive search of a model; a counterexample becomes a trace file. */
import { checker, resolveStrategy, type CheckResult } from '../../checker/index.js';
import type { TraceVerdict } from '../../trace/index.js';
import { parseCommandArgs, parseDecimal } from '../args.js';
import type { Io } from '../io.js';
import { loadModel, type LoadedModel } from '../load-model.js';
import { count, paramText, progressLine } from '../output.js';
import { assembleTrace, defaultTraceName, headerOf, replayModelFlag, saveTrace } from './trace-file.js';

export const checkHelp = `usage: sim check [--model NAME|FILE] [--param key=value]... [--strategy bfs]
                 [--max-states N] [--max-depth N] [--no-deadlock] [--out FILE] [--json]
Explores every reachable state breadth-first and checks every invariant in each, and deadlock
freedom. Exit 0: all hold; 1: a violation or deadlock (its shortest trace is saved);
3: --max-states or --max-depth stopped the search first.`;

const options = {
  model: { type: 'string' },
  param: { type: 'string', multiple: true },
  strategy: { type: 'string' },
  'max-states': { type: 'string' },
  'max-depth': { type: 'string' },
  'no-deadlock': { type: 'boolean' },
  out: { type: 'string' },
  json: { type: 'boolean' },
} as const;

export async function checkCommand(argv: readonly string[], io: Io): Promise<number> {
  const { values } = parseCommandArgs('check', argv, options, 0);
  if (values.help) {
    io.stdout.write(`${checkHelp}\n`);
    return 0;
  }
  const strategy = resolveStrategy(values.strategy ?? 'bfs');
  const loaded = await loadModel(values.model, values.param ?? [], io.cwd);
  let search = checker<unknown, unknown>(loaded.model);
  if (values['max-states'] !== undefined) search = search.statesMax(parseDecimal('--max-states', values['max-states'], 1));
  if (values['max-depth'] !== undefined) search = search.depthMax(parseDecimal('--max-depth', values['max-depth'], 0));
  const progress = progressLine(io, io.stderrIsTTY && !values.json);
  search = search.deadlocks(!values['no-deadlock']).clock(io.now).onProgress(progress.report);
  let result: CheckResult;
  try {
    result = search.bfs();
  } finally {
    progress.done();
  }

  let traceFile: string | undefined;
  if (result.verdict === 'violation' || result.verdict === 'deadlock') {
    const v = result.violation;
    const statement = loaded.model.statements?.[v.name];
    const verdict: TraceVerdict =
      v.kind === 'deadlock'
        ? { result: 'deadlock', kind: 'deadlock', name: 'deadlock', step: v.depth }
        : { result: 'violation', kind: 'invariant', name: v.name, ...(statement ? { statement } : {}), step: v.depth };
    const trace = assembleTrace(
      headerOf(loaded, 'check', null),
      { index: v.path.initialIndex, fingerprint: v.path.initialFingerprint, state: v.path.initial },
      v.path.steps,
      verdict,
    );
    traceFile = saveTrace(io, values.out ?? defaultTraceName(loaded.model.name, verdict), trace, replayModelFlag(loaded, values.model));
  }
  if (values.json) io.stdout.write(`${JSON.stringify(summaryJson(loaded, strategy, result, traceFile))}\n`);
  else io.stdout.write(summaryText(loaded, strategy, result, traceFile));
  return result.verdict === 'ok' ? 0 : result.verdict === 'incomplete' ? 3 : 1;
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
    ...(result.verdict === 'ok' || result.verdict === 'incomplete' ? { unreachedWitnesses: result.unreachedWitnesses } : {}),
    ...(result.verdict === 'incomplete' ? { reason: result.reason } : {}),
    ...(result.verdict === 'violation' || result.verdict === 'deadlock'
      ? { violation: { kind: result.violation.kind, name: result.violation.name, depth: result.violation.depth, trace: traceFile } }
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
    case 'incomplete':
      lines.push(`incomplete: ${result.reason === 'statesMax' ? '--max-states' : '--max-depth'} reached before the search ended; no violation so far; ${figures}`);
      break;
    default: {
      const v = result.violation;
      const statement = loaded.model.statements?.[v.name];
      const what = v.kind === 'deadlock' ? 'deadlock: no action is enabled and the state is not final' : `violation: invariant ${v.name} fails${statement ? ` (${statement})` : ''}`;
      lines.push(`${what}, after ${v.depth} step${v.depth === 1 ? '' : 's'}:`);
      const width = Math.max(5, ...v.path.steps.map((p) => p.actor.length));
      v.path.steps.forEach((p, i) => lines.push(`  ${String(i + 1).padStart(4)}  ${p.actor.padEnd(width)}  ${p.label}`));
      lines.push(`${figures}`);
      if (traceFile) lines.push(`counterexample: ${traceFile}`);
    }
  }
  if (result.verdict === 'ok' || result.verdict === 'incomplete') {
    for (const w of result.unreachedWitnesses) {
      lines.push(`warning: witness ${w} was never reached${result.verdict === 'ok' ? '; the invariant it guards may hold vacuously' : ' so far'}`);
    }
  }
  return `${lines.join('\n')}\n`;
}
