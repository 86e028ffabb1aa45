/** `sim validate LOG`: does some behaviour of the model explain a log (NDJSON events, or an nlmon pcap of dm-log traffic)? */
import { InputError } from '../../lib/index.js';
import { looksLikeCapture, readCapture, readNdjsonLog, traceOfPath, validateLog, type ObservedLog, type ValidateProgress } from '../../conformance/index.js';
import { parseCommandArgs, parseDecimal } from '../args.js';
import { JSON_FILE_BYTES_MAX, readInputFile } from '../input-file.js';
import type { Io } from '../io.js';
import { loadModel, type LoadedModel } from '../load-model.js';
import type { Outcome } from '../outcome.js';
import { count, throttledLine } from '../output.js';
import { headerOf, replayModelFlag, saveTrace } from './trace-file.js';
import { validateJson, validateText } from './validate-report.js';

/**
 * Unlogged steps a capture allows between two datagrams: the kernel's own steps (a write's
 * classification, a flush, a timer) show in no datagram.
 */
export const CAPTURE_GAP = 6;

export const validateHelp = `usage: sim validate LOG [--model NAME|FILE] [--param key=value]... [--gap N]
                    [--max-states N] [--out FILE] [--json]
Decides whether some behaviour of the model explains LOG: an NDJSON file with one observed event
a line, {"action": ...}, {"state": ...} or both, with an optional "actor". Both are partial: an
object matches when each of its fields matches (recursively); arrays and scalars match exactly.
An action matches a step whose action matches; a state matches the state after that step (or the
initial state, for a first line with only a state). A path from an initial state explains the log
when it matches the events in order with at most --gap N unlogged steps before each (default 0),
and any number after the last. The search is breadth-first over (model state, line, unlogged
steps), exact and bounded (--max-states N search states: exit 3 when reached).
LOG may also be a pcap capture of an nlmon device (LINKTYPE_NETLINK): each dm-log-userspace
datagram is the delivery of a request or reply of the dmlog model (the default model then),
other traffic is skipped and counted, and --gap defaults to ${CAPTURE_GAP}.
Exit 0: explained (--out FILE saves the explaining path as a trace); 1: not explained (the first
line no path reaches, the nearest model states there, and the longest explaining path saved as a
trace); 2: a bad log (naming the line and column) or bad usage.`;

const options = {
  model: { type: 'string' },
  param: { type: 'string', multiple: true },
  gap: { type: 'string' },
  'max-states': { type: 'string' },
  out: { type: 'string' },
  json: { type: 'boolean' },
} as const;

export async function validateCommand(argv: readonly string[], io: Io): Promise<Outcome> {
  const { values, positionals } = parseCommandArgs('validate', argv, options, 1);
  if (values.help) {
    io.stdout.write(`${validateHelp}\n`);
    return 'ok';
  }
  const file = positionals[0];
  if (file === undefined) throw new InputError('sim validate needs a LOG file (NDJSON events, or a pcap capture)');
  const gapFlag = values.gap === undefined ? undefined : parseDecimal('--gap', values.gap);
  const nodesMax = values['max-states'] === undefined ? undefined : parseDecimal('--max-states', values['max-states'], 1);
  const log = readLog(readInputFile(io.cwd, file, 'log', JSON_FILE_BYTES_MAX), file);
  const loaded = await loadModel(values.model ?? log.model, values.param ?? [], io.cwd);
  if (log.model !== undefined && !(loaded.ref.source === 'builtin' && loaded.ref.name === log.model)) {
    throw new InputError(`${file} is a dm-log capture; it is validated against the ${log.model} model (--model ${log.model})`);
  }
  const gap = gapFlag ?? (log.model === undefined ? 0 : CAPTURE_GAP);
  const progress = progressReporter(io, io.stderrIsTTY && !values.json);
  const result = validateLog(loaded.model, log.events, {
    gap, ...(log.observable ? { observable: log.observable } : {}), ...(nodesMax === undefined ? {} : { nodesMax }), clock: io.now, onProgress: progress.report,
  });
  progress.done();
  const explained = result.verdict === 'explained';
  const note = explained ? undefined : `the longest path of ${loaded.model.name} that explains ${file} (lines up to ${log.events[result.explainedPrefix]?.where ?? 'the end'}, not included)`;
  const { trace, broken } = traceOfPath(loaded.model, headerOf(loaded, 'check', null), result.path, note);
  let traceFile: string | undefined;
  if (!explained || values.out !== undefined) {
    traceFile = saveTrace(io, values.out ?? `${loaded.model.name}-unexplained.trace.json`.replace(/[^A-Za-z0-9._-]/g, '_'), trace, replayModelFlag(loaded, values.model));
  }
  const report = { file, log, loaded, result, gap, ...(traceFile ? { traceFile } : {}), ...(broken ? { broken } : {}) };
  io.stdout.write(values.json ? `${JSON.stringify(validateJson(report))}\n` : validateText(report));
  return explained ? 'ok' : result.verdict === 'incomplete' ? 'incomplete' : 'failed';
}

/** An NDJSON log, or a capture when the file starts with a pcap magic number. */
function readLog(bytes: Buffer, file: string): ObservedLog {
  if (looksLikeCapture(bytes)) return readCapture(bytes, file);
  let text: string;
  try {
    if (bytes.includes(0)) throw new Error('NUL byte');
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new InputError(`${file} is a binary file, neither an NDJSON log nor a pcap capture`);
  }
  return readNdjsonLog(text, file);
}

/** The validator's progress line: lines explained so far and the rate. */
function progressReporter(io: Io, enabled: boolean): { report: (p: ValidateProgress) => void; done: () => void } {
  return throttledLine<ValidateProgress>(io, enabled, (p) => {
    const rate = p.elapsedMs > 0 ? (p.explained * 1000) / p.elapsedMs : 0;
    return `  explained ${count(p.explained)} of ${count(p.events)} events  ${count(p.nodes)} search states  ${count(rate)} events/s`;
  });
}

export type ValidateReport = {
  readonly file: string;
  readonly log: ObservedLog;
  readonly loaded: LoadedModel;
  readonly result: ReturnType<typeof validateLog>;
  readonly gap: number;
  readonly traceFile?: string;
  readonly broken?: { readonly name: string; readonly step: number };
};
