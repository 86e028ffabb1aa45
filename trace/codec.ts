/**
 * Trace files: a canonical, deterministic text (same trace, same bytes), and a reader that
 * refuses anything that is not a well-formed format-1 trace with one line naming the problem.
 */
import { canonicalJson, InputError, parseJsonInput } from '../lib/index.js';
import { TRACE_FORMAT, type Trace, type TraceStep, type TraceVerdict } from './format.js';

const HEADER_KEYS = ['format', 'tool', 'model', 'params', 'engine', 'seed', 'verdict', 'initial'] as const;

/**
 * The file text: top-level fields in a fixed order, one line each, and one line per step, so a
 * trace reads and diffs well. Every value inside is canonical JSON (sorted keys).
 */
export function encodeTrace(trace: Trace): string {
  const keys = trace.note === undefined ? HEADER_KEYS : [...HEADER_KEYS.slice(0, 1), 'note' as const, ...HEADER_KEYS.slice(1)];
  const lines = keys.map((key) => `  ${JSON.stringify(key)}: ${canonicalJson(trace[key])},`);
  const steps = trace.steps.map((step, i) => `    ${canonicalJson(step)}${i + 1 < trace.steps.length ? ',' : ''}`);
  const stepsText = steps.length > 0 ? `[\n${steps.join('\n')}\n  ]` : '[]';
  return `{\n${lines.join('\n')}\n  "steps": ${stepsText}\n}\n`;
}

const HEX16 = /^[0-9a-f]{16}$/;
/** A note is one line for people; sim writes a few hundred characters at most. */
const NOTE_CHARS_MAX = 2000;
const HEX64 = /^[0-9a-f]{64}$/;
// Control characters: no field sim writes has them, and printed they could drive the terminal.
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

class TraceShapeError extends InputError {}

function fail(what: string): never {
  throw new TraceShapeError(what);
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** A record with no fields but `known`: a field sim does not write is a file sim did not write. */
function recordOf(v: unknown, where: string, known: readonly string[]): Record<string, unknown> {
  if (!isRecord(v)) fail(`${where} must be an object`);
  const extra = Object.keys(v).find((k) => !known.includes(k));
  if (extra !== undefined) fail(`${where} has a field sim does not write: ${JSON.stringify(extra)}`);
  return v;
}

function field(record: Record<string, unknown>, key: string, where: string): unknown {
  if (!Object.hasOwn(record, key)) fail(`${where}.${key} is missing`);
  return record[key];
}

function stringField(record: Record<string, unknown>, key: string, where: string): string {
  const v = field(record, key, where);
  if (typeof v !== 'string') fail(`${where}.${key} must be a string`);
  if (CONTROL.test(v)) fail(`${where}.${key} holds a control character`);
  return v;
}

function indexField(record: Record<string, unknown>, key: string, where: string): number {
  const v = field(record, key, where);
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0) fail(`${where}.${key} must be a non-negative integer`);
  return v;
}

function fingerprintField(record: Record<string, unknown>, key: string, where: string): string {
  const v = stringField(record, key, where);
  if (!HEX16.test(v)) fail(`${where}.${key} must be 16 lower-case hex digits`);
  return v;
}

const VERDICT_FIELDS = {
  ok: ['result', 'end'],
  invariant: ['result', 'kind', 'name', 'statement', 'step'],
  liveness: ['result', 'kind', 'name', 'statement', 'step', 'triggerStep', 'loopStart', 'stutter'],
  deadlock: ['result', 'kind', 'name', 'step'],
} as const;

function readVerdict(v: unknown, stepCount: number): TraceVerdict {
  if (!isRecord(v)) fail('verdict must be an object');
  const result = stringField(v, 'result', 'verdict');
  if (result === 'ok') {
    recordOf(v, 'verdict', VERDICT_FIELDS.ok);
    if (v.end !== undefined && !['stepsMax', 'final', 'quiescent'].includes(v.end as string)) fail(`verdict.end must be stepsMax, final or quiescent; got ${JSON.stringify(v.end)}`);
    return v as TraceVerdict;
  }
  if (result !== 'violation' && result !== 'deadlock') fail(`verdict.result must be ok, violation or deadlock; got '${result}'`);
  const kind = stringField(v, 'kind', 'verdict');
  const kinds = result === 'deadlock' ? ['deadlock'] : ['invariant', 'liveness'];
  if (!kinds.includes(kind)) fail(`verdict.kind of a ${result} must be ${kinds.join(' or ')}; got '${kind}'`);
  recordOf(v, 'verdict', VERDICT_FIELDS[kind as 'invariant' | 'liveness' | 'deadlock']);
  const name = stringField(v, 'name', 'verdict');
  if (result === 'deadlock' && name !== 'deadlock') fail(`verdict.name of a deadlock must be deadlock; got '${name}'`);
  if (v.statement !== undefined) stringField(v, 'statement', 'verdict');
  const step = indexField(v, 'step', 'verdict');
  if (step !== stepCount) fail(`verdict.step is ${step} but the trace has ${stepCount} steps`);
  if (kind === 'liveness') {
    const loopStart = indexField(v, 'loopStart', 'verdict');
    const triggerStep = indexField(v, 'triggerStep', 'verdict');
    if (triggerStep > loopStart || loopStart > step) fail('verdict needs triggerStep <= loopStart <= step for a liveness lasso');
    if (typeof v.stutter !== 'boolean') fail('verdict.stutter must be a boolean');
  }
  return v as TraceVerdict;
}

const STEP_FIELDS = ['action', 'actionIndex', 'label', 'actor', 'time', 'fingerprint', 'state'];

/** One step; `timeBefore` is the previous step's time (simulator traces), which time never goes below. */
function readStep(v: unknown, i: number, timeBefore: number | undefined): TraceStep {
  const where = `steps[${i}]`;
  const step = recordOf(v, where, STEP_FIELDS);
  field(step, 'action', where);
  field(step, 'state', where);
  indexField(step, 'actionIndex', where);
  stringField(step, 'label', where);
  stringField(step, 'actor', where);
  fingerprintField(step, 'fingerprint', where);
  if ((step.time === undefined) !== (timeBefore === undefined)) fail(`${where}.time must be given on every step or on none (the simulator times steps, the checker does not)`);
  if (step.time !== undefined && indexField(step, 'time', where) < (timeBefore as number)) fail(`${where}.time goes back in time, to ${step.time} from ${timeBefore}`);
  return step as unknown as TraceStep;
}

function readModelRef(v: unknown): void {
  if (!isRecord(v)) fail('model must be an object');
  const source = stringField(v, 'source', 'model');
  stringField(v, 'name', 'model');
  if (source === 'file') {
    recordOf(v, 'model', ['source', 'name', 'file', 'sha256']);
    if (/[/\\]/.test(stringField(v, 'file', 'model'))) fail('model.file must be a file name, without a directory');
    if (!HEX64.test(stringField(v, 'sha256', 'model'))) fail('model.sha256 must be 64 lower-case hex digits');
  } else if (source === 'builtin') {
    recordOf(v, 'model', ['source', 'name']);
  } else {
    fail(`model.source must be builtin or file; got '${source}'`);
  }
}

function readHeader(doc: Record<string, unknown>): void {
  readModelRef(field(doc, 'model', 'trace'));
  const tool = recordOf(field(doc, 'tool', 'trace'), 'tool', ['name', 'version']);
  stringField(tool, 'name', 'tool');
  stringField(tool, 'version', 'tool');
  const params = field(doc, 'params', 'trace');
  if (!isRecord(params)) fail('params must be an object');
  for (const [k, v] of Object.entries(params)) {
    if (!['number', 'string', 'boolean'].includes(typeof v)) fail(`params.${k} must be a number, string or boolean`);
    if (CONTROL.test(k) || (typeof v === 'string' && CONTROL.test(v))) fail(`params.${JSON.stringify(k).slice(1, -1)} holds a control character`);
  }
  const engine = field(doc, 'engine', 'trace');
  if (engine !== 'sim' && engine !== 'check') fail(`engine must be sim or check; got ${JSON.stringify(engine)}`);
  const seed = field(doc, 'seed', 'trace');
  if (seed !== null && (typeof seed !== 'number' || !Number.isSafeInteger(seed) || seed < 0)) fail('seed must be null or a non-negative integer');
}

/** Checks that parsed JSON is a format-1 trace; throws InputError naming the first problem. */
export function validateTrace(doc: unknown): Trace {
  if (!isRecord(doc) || !Object.hasOwn(doc, 'format')) fail('it is not a sim trace (no "format" field)');
  const format = doc.format;
  if (typeof format !== 'number' || !Number.isInteger(format) || format < 1) fail(`"format" must be a positive integer; got ${JSON.stringify(format)}`);
  if (format > TRACE_FORMAT) fail(`it uses trace format ${format}, newer than this sim reads (format ${TRACE_FORMAT}); upgrade sim`);
  recordOf(doc, 'the trace', [...HEADER_KEYS, 'note', 'steps']);
  readHeader(doc);
  if (doc.note !== undefined && stringField(doc, 'note', 'trace').length > NOTE_CHARS_MAX) fail(`note is longer than ${NOTE_CHARS_MAX} characters`);
  const initial = recordOf(field(doc, 'initial', 'trace'), 'initial', ['index', 'fingerprint', 'state', 'time']);
  indexField(initial, 'index', 'initial');
  fingerprintField(initial, 'fingerprint', 'initial');
  field(initial, 'state', 'initial');
  const steps = field(doc, 'steps', 'trace');
  if (!Array.isArray(steps)) fail('steps must be an array');
  const timed = isRecord(steps[0]) && steps[0].time !== undefined;
  let time = timed ? (initial.time === undefined ? 0 : indexField(initial, 'time', 'initial')) : undefined;
  steps.forEach((step, i) => (time = readStep(step, i, time).time));
  readVerdict(field(doc, 'verdict', 'trace'), steps.length);
  return doc as unknown as Trace;
}

/** Reads a trace from the bytes of a file called `name`; anything else is refused with one line. */
export function decodeTrace(bytes: Uint8Array, name: string): Trace {
  const doc = parseJsonInput(bytes, name, 'a trace file');
  try {
    return validateTrace(doc);
  } catch (err) {
    if (err instanceof TraceShapeError) throw new InputError(`${name} is not a valid trace: ${err.message}`);
    throw err;
  }
}
