/** The commands a report prints to reproduce what it shows, as a person would type them. */
import type { Trace } from '../../../trace/index.js';
import type { ReportCommand } from './report-data.js';

/** A word as a POSIX shell reads it back: quoted only when it has to be. */
export function shellWord(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

const line = (words: readonly string[]): string => words.map(shellWord).join(' ');

/** `--model NAME` and one `--param k=v` per parameter, as recorded in the trace. */
function modelWords(trace: Trace): string[] {
  const model = trace.model.source === 'file' ? `./${trace.model.file}` : trace.model.name;
  return ['--model', model, ...Object.entries(trace.params).flatMap(([k, v]) => ['--param', `${k}=${String(v)}`])];
}

/**
 * For a saved trace: the replay of `file`, and the run or check that makes the trace again (a
 * check finds the shortest counterexample breadth-first; a simulator run with the seed and as
 * many steps). A trace of a model file names the file as `./FILE`, where the user keeps it.
 */
export function traceCommands(trace: Trace, file: string): ReportCommand[] {
  const fileFlag = trace.model.source === 'file' ? ['--model', `./${trace.model.file}`] : [];
  const replay = { label: 'replay', command: line(['sim', 'replay', file, ...fileFlag]) };
  const again =
    trace.engine === 'sim'
      ? { label: 'run again', command: line(['sim', 'run', '--seed', String(trace.seed), ...modelWords(trace), '--steps', String(trace.steps.length)]) }
      : { label: 'check again', command: line(['sim', 'check', ...modelWords(trace)]) };
  return [again, replay];
}

/** Flags that only name where a check's results go: a command that reproduces the check leaves them out. */
const OUTPUT_FLAGS = new Set(['html', 'out', 'json', 'dot', 'junit', 'checkpoint', 'checkpoint-interval', 'resume', 'debug', 'help']);

/** `sim check` with the flags of `values` (as parsed) that decide its result. */
export function checkCommandLine(values: Readonly<Record<string, unknown>>): string {
  const words = ['sim', 'check'];
  for (const [flag, value] of Object.entries(values)) {
    if (OUTPUT_FLAGS.has(flag) || value === undefined || value === false) continue;
    for (const v of Array.isArray(value) ? value : [value]) words.push(`--${flag}`, ...(v === true ? [] : [String(v)]));
  }
  return line(words);
}
