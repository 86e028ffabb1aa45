// The flags of sim-model-check (scripts/model-check.mjs), checked the way `sim` checks its own:
// --help prints the usage, and a bad flag or value is one line on stderr and exit 2.
import { existsSync, statSync } from 'node:fs';
import { extname } from 'node:path';
import { parseArgs } from 'node:util';

/** Bad usage: reported as one line, exit 2. */
export class UsageError extends Error {}

const options = {
  model: { type: 'string', multiple: true },
  builtin: { type: 'boolean' },
  traces: { type: 'string' },
  out: { type: 'string' },
  'no-corpus': { type: 'boolean' },
  'corpus-only': { type: 'boolean' },
  list: { type: 'boolean' },
  sim: { type: 'string' },
  debug: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
};

export const usage = `usage: sim-model-check --model FILE|NAME... [--traces DIR] [--out DIR] [--no-corpus | --corpus-only]
       sim-model-check --builtin [--no-corpus] [--out DIR]
       sim-model-check --corpus-only [--model FILE...] [--traces DIR]
       sim-model-check --list

Checks each model at its default parameters with \`sim check --json --junit\` (anything but
verdict ok fails), then replays every *.trace.json under --traces expecting its recorded verdict.
A trace of a model file replays with the --model file of the same name.

  --model FILE|NAME   a model file (./models/lock.mjs: .mjs, .cjs, .js, .ts, .mts, .cts) or a
                      built-in model's name; repeatable
  --builtin           every built-in model of this tool (its own CI: npm run model-check)
  --traces DIR        the trace corpus to replay (default traces/; none there is fine)
  --out DIR           JUnit reports in DIR/junit/, counterexamples in DIR/counterexamples/
                      (default model-check-reports/)
  --no-corpus         check the models only;  --corpus-only  replay the traces only
  --list              print the built-in model names as a JSON array (for a CI matrix)
  --sim PATH          the sim executable to run (default: this package's bin/sim.js)
  --debug             stack traces on errors;  --help  this text

Exit codes: 0 every check and replay passed, 1 one failed (the list ends the output),
2 bad usage (one line on stderr).`;

const MODEL_FILE_EXTENSIONS = ['.mjs', '.js', '.cjs', '.ts', '.mts', '.cts'];

/** A --model value names a file when it has a path separator or a script extension, as in `sim`. */
export function looksLikeFile(spec) {
  return spec.includes('/') || spec.includes('\\') || MODEL_FILE_EXTENSIONS.includes(extname(spec));
}

function parse(argv) {
  try {
    return parseArgs({ args: argv, options, strict: true, allowPositionals: true });
  } catch (err) {
    const message = String(err?.message ?? err).split('\n')[0];
    if (err?.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
      const flag = /'([^']+)'/.exec(message)?.[1] ?? message;
      const known = Object.keys(options).map((k) => `--${k}`).join(', ');
      throw new UsageError(`unknown flag ${flag}; known flags: ${known} (sim-model-check --help)`);
    }
    throw new UsageError(message);
  }
}

/** `argv` → the run's options; throws UsageError for anything a user must fix first. */
export function parseOptions(argv) {
  const { values, positionals } = parse(argv);
  if (values.help || values.list) return values;
  if (positionals.length > 0) throw new UsageError(`takes no arguments; unexpected '${positionals[0]}' (name model files with --model)`);
  const models = values.model ?? [];
  if (values['corpus-only'] && values['no-corpus']) throw new UsageError('--corpus-only and --no-corpus exclude each other');
  if (values.builtin && models.length > 0) throw new UsageError('--builtin and --model exclude each other: --builtin checks every built-in model, --model only the ones named');
  if (values.builtin && values['corpus-only']) throw new UsageError('--corpus-only checks no model; drop --builtin or --corpus-only');
  if (!values.builtin && models.length === 0 && !values['corpus-only']) {
    throw new UsageError('no models to check: name your model files with --model ./models/lock.mjs (repeatable), or --corpus-only to replay traces only (--builtin checks this tool\'s own models)');
  }
  for (const m of models) {
    if (m === '') throw new UsageError('--model needs a model file or a built-in model name');
    if (looksLikeFile(m) && !existsSync(m)) throw new UsageError(`model file ${m} does not exist`);
    if (looksLikeFile(m) && !statSync(m).isFile()) throw new UsageError(`model file ${m} is not a file`);
  }
  for (const flag of ['traces', 'out', 'sim']) {
    if (values[flag] === '') throw new UsageError(`--${flag} needs a value`);
  }
  // A missing folder is an empty corpus (git keeps no empty folder), but a file there is a mistake.
  if (values.traces !== undefined && existsSync(values.traces) && !statSync(values.traces).isDirectory()) {
    throw new UsageError(`--traces ${values.traces} is not a directory`);
  }
  if (values.out !== undefined && existsSync(values.out) && !statSync(values.out).isDirectory()) throw new UsageError(`--out ${values.out} is not a directory`);
  if (values.sim !== undefined && !existsSync(values.sim)) throw new UsageError(`--sim ${values.sim} does not exist`);
  return values;
}
