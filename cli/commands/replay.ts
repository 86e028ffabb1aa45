/**
 * `sim replay FILE`: re-executes a trace against its model and verifies every fingerprint and the
 * verdict. Exit 0 when it reproduces exactly (a counterexample that still fails is a success
 * here), 1 when it diverges, 2 when the file is not a readable trace or names an unknown model.
 */
import { readFileSync } from 'node:fs';
import { InputError, messageOf } from '../../lib/index.js';
import { decodeTrace, replayTrace, type Trace, type TraceVerdict } from '../../trace/index.js';
import { parseCommandArgs } from '../args.js';
import type { Io } from '../io.js';
import { loadModel, looksLikeFile, type LoadedModel } from '../load-model.js';
import { paramText, resolveOut } from '../output.js';

export const replayHelp = `usage: sim replay FILE [--model FILE] [--no-tui] [--json]
Re-executes the trace in FILE from its initial state, checks every step's fingerprint and the
recorded verdict, and prints the steps. A trace of a model file replays only with --model naming
that file. Exit 0: it reproduces exactly; 1: it diverges (the step and cause are named).`;

const options = {
  model: { type: 'string' },
  'no-tui': { type: 'boolean' },
  json: { type: 'boolean' },
} as const;

export async function replayCommand(argv: readonly string[], io: Io): Promise<number> {
  const { values, positionals } = parseCommandArgs('replay', argv, options, 1);
  if (values.help) {
    io.stdout.write(`${replayHelp}\n`);
    return 0;
  }
  const file = positionals[0];
  if (file === undefined) throw new InputError('sim replay needs a trace FILE');
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(resolveOut(io, file));
  } catch (err) {
    const code = (err as { code?: string }).code;
    throw new InputError(code === 'ENOENT' ? `trace file ${file} does not exist` : `cannot read ${file}: ${messageOf(err)}`);
  }
  const trace = decodeTrace(bytes, file);
  const loaded = await modelForTrace(trace, values.model, io);
  const outcome = replayTrace(loaded.model, trace);

  if (values.json) {
    io.stdout.write(`${JSON.stringify({ trace: file, model: trace.model.name, steps: trace.steps.length, verdict: trace.verdict, ...outcome })}\n`);
  } else {
    const lines = [
      `sim replay: ${file}: model ${trace.model.name} (${paramText(trace.params) || 'no parameters'}), ${trace.engine === 'sim' ? `simulator, seed ${trace.seed}` : 'checker'}`,
    ];
    const width = Math.max(5, ...trace.steps.map((s) => s.actor.length));
    const shown = outcome.reproduces ? trace.steps.length : outcome.step;
    trace.steps.slice(0, shown).forEach((s, i) => {
      const time = s.time === undefined ? '' : `t=${s.time}  `;
      lines.push(`  ${String(i + 1).padStart(4)}  ${time}${s.actor.padEnd(width)}  ${s.label}`);
    });
    lines.push(
      outcome.reproduces
        ? `reproduces: all ${trace.steps.length} steps match; verdict ${verdictText(trace.verdict)}`
        : `diverges at step ${outcome.step}: ${outcome.reason}`,
    );
    io.stdout.write(`${lines.join('\n')}\n`);
  }
  return outcome.reproduces ? 0 : 1;
}

function verdictText(v: TraceVerdict): string {
  if (v.result === 'ok') return `ok${v.end === 'final' ? ' (final state)' : ''}`;
  if (v.result === 'deadlock') return `deadlock at step ${v.step}`;
  return `violation of ${v.name} at step ${v.step}`;
}

/** The model a trace names; a model file only when the user names it again with --model. */
async function modelForTrace(trace: Trace, modelFlag: string | undefined, io: Io): Promise<LoadedModel> {
  const params = Object.entries(trace.params).map(([k, v]) => `${k}=${String(v)}`);
  if (trace.model.source === 'builtin') {
    if (modelFlag !== undefined && modelFlag !== trace.model.name) {
      throw new InputError(`the trace is of built-in model ${trace.model.name}, but --model names ${modelFlag}`);
    }
    return loadModel(trace.model.name, params, io.cwd);
  }
  if (modelFlag === undefined || !looksLikeFile(modelFlag)) {
    throw new InputError(
      `the trace was made from model file ${trace.model.file}; replay it with --model PATH-TO-${trace.model.file} (a trace never runs code you did not name)`,
    );
  }
  const loaded = await loadModel(modelFlag, params, io.cwd);
  const sha256 = loaded.ref.source === 'file' ? loaded.ref.sha256 : '';
  if (sha256 !== trace.model.sha256) {
    io.stderr.write(`warning: ${modelFlag} differs from the model file the trace was made from (sha256 ${sha256.slice(0, 12)}… vs ${trace.model.sha256.slice(0, 12)}…); replaying anyway\n`);
  }
  return loaded;
}
