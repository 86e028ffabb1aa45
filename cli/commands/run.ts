/** `sim run`: one seeded simulation; its trace goes to --out, or to a file when it fails. */
import { simulate, type SimRun } from '../../sim/index.js';
import { InputError } from '../../lib/index.js';
import { DEADLOCK_SENTENCE, invariantSentence, RUN_ENDS, shrinkPath, type ShrinkTarget, type TraceVerdict } from '../../trace/index.js';
import { parseCommandArgs, parseDecimal } from '../args.js';
import type { Io } from '../io.js';
import { loadModel, type LoadedModel } from '../load-model.js';
import type { Outcome } from '../outcome.js';
import { count, paramText, widthOf } from '../output.js';
import { assembleTrace, defaultTraceName, headerOf, replayModelFlag, saveTrace } from './trace-file.js';

export const runHelp = `usage: sim run --seed N [--model NAME|FILE] [--param key=value]... [--steps N]
               [--out FILE] [--json] [--shrink]
Simulates one execution: every enabled action is scheduled after a sampled latency, faults are
drawn by chance, all from the seed N (a decimal integer, 0 <= N < 2^53). The same seed gives the
same trace, byte for byte. Exit 0: the step bound or a final state ended the run; 1: an invariant
failed or the run deadlocked (its trace is saved). --shrink also saves FILE.shrunk.trace.json:
the same failure reached with the fewest actors and faults, then steps, it can find.`;

const options = {
  seed: { type: 'string' },
  model: { type: 'string' },
  param: { type: 'string', multiple: true },
  steps: { type: 'string' },
  out: { type: 'string' },
  json: { type: 'boolean' },
  shrink: { type: 'boolean' },
} as const;

export async function runCommand(argv: readonly string[], io: Io): Promise<Outcome> {
  const { values } = parseCommandArgs('run', argv, options, 0);
  if (values.help) {
    io.stdout.write(`${runHelp}\n`);
    return 'ok';
  }
  if (values.seed === undefined) throw new InputError('sim run needs --seed N (a decimal integer, 0 <= N < 2^53)');
  const seed = parseDecimal('--seed', values.seed);
  const stepsMax = values.steps === undefined ? undefined : parseDecimal('--steps', values.steps);
  const loaded = await loadModel(values.model, values.param ?? [], io.cwd);
  const run = simulate(loaded.model, { seed, ...(stepsMax === undefined ? {} : { stepsMax }) });
  const trace = assembleTrace(headerOf(loaded, 'sim', seed), run.initial, run.steps, run.verdict);

  let traceFile: string | undefined;
  if (values.out !== undefined || run.verdict.result !== 'ok') {
    traceFile = saveTrace(io, values.out ?? defaultTraceName(loaded.model.name, run.verdict), trace, replayModelFlag(loaded, values.model));
  }
  const shrunkFile = values.shrink && traceFile !== undefined ? saveShrunk(io, loaded, run, seed, traceFile, values.model) : undefined;
  if (values.json) {
    io.stdout.write(
      `${JSON.stringify({
        model: loaded.model.name,
        params: loaded.params,
        seed,
        steps: run.steps.length,
        virtualTime: run.virtualTime,
        verdict: run.verdict.result,
        ...(run.verdict.result === 'ok' ? { end: run.verdict.end } : { violation: { kind: run.verdict.kind, name: run.verdict.name, step: run.verdict.step } }),
        ...(traceFile ? { trace: traceFile } : {}),
        ...(shrunkFile ? { shrunkTrace: shrunkFile } : {}),
      })}\n`,
    );
  } else {
    const lines = [`sim run: model ${loaded.model.name} (${paramText(loaded.params) || 'no parameters'}), seed ${seed}`];
    const width = widthOf(run.steps.map((s) => s.actor), 5);
    const timeWidth = String(run.virtualTime).length;
    run.steps.forEach((s, i) => lines.push(`  ${String(i + 1).padStart(4)}  t=${String(s.time).padStart(timeWidth)}  ${s.actor.padEnd(width)}  ${s.label}`));
    lines.push(verdictLine(run.verdict, loaded.model.statements, run.steps.length, run.virtualTime));
    io.stdout.write(`${lines.join('\n')}\n`);
  }
  return run.verdict.result === 'ok' ? 'ok' : 'failed';
}

/** A failed run's failure reached with the fewest actors and faults, then steps: saved beside its trace; the file. */
function saveShrunk(io: Io, loaded: LoadedModel, run: SimRun, seed: number, traceFile: string, modelFlag: string | undefined): string | undefined {
  const verdict = run.verdict;
  if (verdict.result === 'ok') return undefined;
  const target: ShrinkTarget = verdict.result === 'deadlock' ? { kind: 'deadlock' } : { kind: 'invariant', name: verdict.name };
  const path = shrinkPath(loaded.model, run.initial.index, run.initial.state, run.steps.map((s) => s.action), target);
  const file = traceFile.replace(/(\.trace)?\.json$/, '') + '.shrunk.trace.json';
  io.stderr.write(`shrunk: ${run.steps.length} steps -> ${path.steps.length} steps\n`);
  saveTrace(io, file, assembleTrace(headerOf(loaded, 'sim', seed), run.initial, path.steps, { ...verdict, step: path.steps.length }), replayModelFlag(loaded, modelFlag));
  return file;
}

function verdictLine(verdict: TraceVerdict, statements: Record<string, string> | undefined, steps: number, time: number): string {
  const at = `${count(steps)} step${steps === 1 ? '' : 's'}, virtual time ${count(time)} ticks`;
  if (verdict.result === 'ok') return `ok: ${at} (${RUN_ENDS[verdict.end ?? 'stepsMax']})`;
  if (verdict.result === 'deadlock') return `${DEADLOCK_SENTENCE}, after ${at}`;
  return `${invariantSentence(verdict.name, statements?.[verdict.name])}, after ${at}`;
}
