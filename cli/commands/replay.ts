/**
 * `sim replay FILE`: re-executes a trace against its model and verifies every fingerprint and the
 * verdict. Exit 0 when it reproduces exactly (a counterexample that still fails is a success
 * here), 1 when it diverges, 2 when the file is not a readable trace or names an unknown model.
 */
import { basename } from 'node:path';
import { InputError } from '../../lib/index.js';
import { builtinModels } from '../../model/index.js';
import { decodeTrace, toItf, verifyTrace, type ReplaySession, type Trace } from '../../trace/index.js';
import type { Terminal } from '../../ui/index.js';
import { parseCommandArgs } from '../args.js';
import { JSON_FILE_BYTES_MAX, readInputFile } from '../input-file.js';
import type { Io } from '../io.js';
import type { Outcome } from '../outcome.js';
import { loadBuiltinModel, loadModel, looksLikeFile, type LoadedModel } from '../load-model.js';
import { resolveOut, writeFileAtomic } from '../output.js';
import { writeTraceReport } from '../reports/html/index.js';
import { PRINT_FORMATS, printReplay, type PrintFormat } from './replay-print.js';

export const replayHelp = `usage: sim replay FILE [--model FILE] [--no-tui] [--format text|json|markdown] [--json] [--states] [--itf OUT]
                       [--html OUT]
Re-executes the trace in FILE from its initial state, checks every step's action, label, actor,
state and fingerprint and the recorded verdict, then, on a terminal, opens the interactive replay
of what re-execution gave (at step 0, or at the step where the trace diverges); otherwise, or with
--no-tui, --format, --states, --itf or --html, prints the steps and the fields each one changed
(--states: and the whole state after each). A trace of a model file replays only with --model
naming that file. --itf OUT also writes a trace that reproduces in the Informal Trace Format
(Apalache, Quint). --html OUT also writes a self-contained HTML report: a message sequence chart
of the steps, and the state at each. --json is --format json.
Keys: right/l/n next, left/h/p previous, g first, G last, v the violation, a next step of the same
actor, / find, d full state or diff, down/j and up/k scroll the state, PgDn/J and PgUp/K a page,
c and C the next and previous changed field, q or Ctrl-C quit.
Exit 0: it reproduces exactly; 1: it diverges (the step and cause are named).`;

const options = {
  model: { type: 'string' },
  'no-tui': { type: 'boolean' },
  json: { type: 'boolean' },
  format: { type: 'string' },
  states: { type: 'boolean' },
  itf: { type: 'string' },
  html: { type: 'string' },
} as const;

/** Ink's own CI detection: any CI value but `0` and `false` means a CI run, where it draws no live frames. */
export function isInteractive(io: Io): boolean {
  const ci = io.env.CI;
  return io.stdinIsTTY && io.stdoutIsTTY && (ci === undefined || ci === '0' || ci === 'false');
}

export async function replayCommand(argv: readonly string[], io: Io): Promise<Outcome> {
  const { values, positionals } = parseCommandArgs('replay', argv, options, 1);
  if (values.help) {
    io.stdout.write(`${replayHelp}\n`);
    return 'ok';
  }
  const file = positionals[0];
  if (file === undefined) throw new InputError('sim replay needs a trace FILE');
  if (values.format !== undefined && !(PRINT_FORMATS as readonly string[]).includes(values.format)) {
    throw new InputError(`--format must be one of ${PRINT_FORMATS.join(', ')}; got '${values.format}'`);
  }
  if (values.json && values.format !== undefined && values.format !== 'json') throw new InputError('--json and --format ' + values.format + ' contradict each other');
  const format: PrintFormat | undefined = values.json ? 'json' : (values.format as PrintFormat | undefined);
  const recorded = decodeTrace(readInputFile(io.cwd, file, 'trace file', JSON_FILE_BYTES_MAX), file);
  const { loaded, warning } = await modelForTrace(recorded, file, values.model, io);
  // Verify before showing anything; what is shown is what re-execution gave, never the file's word.
  const { outcome, shown: trace } = verifyTrace(loaded.model, recorded);
  // After the replay, so that a replay that fails with bad input still prints one line.
  if (warning !== undefined) io.stderr.write(`${warning}\n`);

  if (values.itf !== undefined) {
    if (outcome.reproduces) {
      writeFileAtomic(resolveOut(io, values.itf), `${JSON.stringify(toItf(trace, basename(file)), null, 2)}\n`);
      io.stderr.write(`ITF trace written to ${values.itf}\n`);
    } else {
      io.stderr.write(`ITF trace not written: the trace diverges at step ${outcome.step}\n`);
    }
  }
  if (values.html !== undefined) writeTraceReport(io, values.html, trace, loaded.model, outcome, file);
  if (format === undefined && values.itf === undefined && values.html === undefined && !values.states && !values['no-tui'] && isInteractive(io)) {
    const session: ReplaySession = { trace, outcome, file, ...(loaded.model.statements ? { statements: loaded.model.statements } : {}) };
    const { mountReplay } = await import('../../ui/mount.js');
    await mountReplay(session, terminalOf(io));
    // The person at the terminal saw the divergence marked on screen; quitting is a success.
    return 'ok';
  }
  io.stdout.write(printReplay(trace, outcome, { format: format ?? 'text', file, states: values.states === true }));
  return outcome.reproduces ? 'ok' : 'failed';
}

/** The process's own streams: the TUI is only mounted when they are terminals. */
function terminalOf(io: Io): Terminal {
  return {
    stdin: io.stdin as NodeJS.ReadStream,
    stdout: io.stdout as unknown as NodeJS.WriteStream,
    stderr: io.stderr as unknown as NodeJS.WriteStream,
  };
}

/**
 * The model a trace names; a model file only when the user names it again with --model (with a
 * warning to print when it is not the file the trace was made from).
 */
export async function modelForTrace(trace: Trace, file: string, modelFlag: string | undefined, io: Io): Promise<{ loaded: LoadedModel; warning?: string }> {
  const params = Object.entries(trace.params).map(([k, v]) => `${k}=${String(v)}`);
  if (trace.model.source === 'builtin') {
    // Looked up in the registry and nowhere else: a name that looks like a path is never imported.
    const entry = builtinModels.find((m) => m.name === trace.model.name);
    if (entry === undefined) {
      const known = builtinModels.map((m) => m.name).join(', ');
      throw new InputError(`${file} names unknown model '${trace.model.name}' as built-in; built-in models: ${known} (a trace never runs a file it names)`);
    }
    if (modelFlag !== undefined && modelFlag !== entry.name) {
      throw new InputError(`the trace is of built-in model ${entry.name}, but --model names ${modelFlag}`);
    }
    try {
      return { loaded: loadBuiltinModel(entry, params) };
    } catch (err) {
      // The parameters come from the file: its name goes first.
      if (err instanceof InputError) throw new InputError(`${file}: ${err.message}`);
      throw err;
    }
  }
  if (modelFlag === undefined || !looksLikeFile(modelFlag)) {
    throw new InputError(
      `the trace was made from model file ${trace.model.file}; replay it with --model PATH-TO-${trace.model.file} (a trace never runs code you did not name)`,
    );
  }
  const loaded = await loadModel(modelFlag, params, io.cwd);
  const sha256 = loaded.ref.source === 'file' ? loaded.ref.sha256 : '';
  if (sha256 === trace.model.sha256) return { loaded };
  return {
    loaded,
    warning: `warning: ${modelFlag} differs from the model file the trace was made from (sha256 ${sha256.slice(0, 12)}… vs ${trace.model.sha256.slice(0, 12)}…); replaying anyway`,
  };
}
