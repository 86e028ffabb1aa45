/**
 * Trace files: a canonical, deterministic text (same trace, same bytes), and a reader that
 * refuses anything that is not a well-formed format-1 trace with one line naming the problem.
 */
import { canonicalJson, InputError } from '../lib/index.js';
import { TRACE_FORMAT, type Trace, type TraceStep, type TraceVerdict } from './format.js';

const HEADER_KEYS = ['format', 'tool', 'model', 'params', 'engine', 'seed', 'verdict', 'initial'] as const;

/**
 * The file text: top-level fields in a fixed order, one line each, and one line per step, so a
 * trace reads and diffs well. Every value inside is canonical JSON (sorted keys).
 */
export function encodeTrace(trace: Trace): string {
  const lines = HEADER_KEYS.map((key) => `  ${JSON.stringify(key)}: ${canonicalJson(trace[key])},`);
  const steps = trace.steps.map((step, i) => `    ${canonicalJson(step)}${i + 1 < trace.steps.length ? ',' : ''}`);
  const stepsText = steps.length > 0 ? `[\n${steps.join('\n')}\n  ]` : '[]';
  return `{\n${lines.join('\n')}\n  "steps": ${stepsText}\n}\n`;
}

const HEX16 = /^[0-9a-f]{16}$/;

class TraceShapeError extends InputError {}

function fail(what: string): never {
  throw new TraceShapeError(what);
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function field(record: Record<string, unknown>, key: string, where: string): unknown {
  if (!Object.hasOwn(record, key)) fail(`${where}.${key} is missing`);
  return record[key];
}

function stringField(record: Record<string, unknown>, key: string, where: string): string {
  const v = field(record, key, where);
  if (typeof v !== 'string') fail(`${where}.${key} must be a string`);
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

function readVerdict(v: unknown, stepCount: number): TraceVerdict {
  if (!isRecord(v)) fail('verdict must be an object');
  const result = stringField(v, 'result', 'verdict');
  if (result === 'ok') return v as TraceVerdict;
  if (result !== 'violation' && result !== 'deadlock') fail(`verdict.result must be ok, violation or deadlock; got '${result}'`);
  stringField(v, 'name', 'verdict');
  const step = indexField(v, 'step', 'verdict');
  if (step !== stepCount) fail(`verdict.step is ${step} but the trace has ${stepCount} steps`);
  if (v.kind === 'liveness') {
    const loopStart = indexField(v, 'loopStart', 'verdict');
    const triggerStep = indexField(v, 'triggerStep', 'verdict');
    if (triggerStep > loopStart || loopStart > step) fail('verdict needs triggerStep <= loopStart <= step for a liveness lasso');
    if (typeof v.stutter !== 'boolean') fail('verdict.stutter must be a boolean');
  }
  return v as TraceVerdict;
}

function readStep(v: unknown, i: number): TraceStep {
  const where = `steps[${i}]`;
  if (!isRecord(v)) fail(`${where} must be an object`);
  field(v, 'action', where);
  field(v, 'state', where);
  indexField(v, 'actionIndex', where);
  stringField(v, 'label', where);
  stringField(v, 'actor', where);
  fingerprintField(v, 'fingerprint', where);
  if (v.time !== undefined) indexField(v, 'time', where);
  return v as unknown as TraceStep;
}

function readModelRef(v: unknown): void {
  if (!isRecord(v)) fail('model must be an object');
  const source = stringField(v, 'source', 'model');
  stringField(v, 'name', 'model');
  if (source === 'file') {
    stringField(v, 'file', 'model');
    stringField(v, 'sha256', 'model');
  } else if (source !== 'builtin') {
    fail(`model.source must be builtin or file; got '${source}'`);
  }
}

/** Checks that parsed JSON is a format-1 trace; throws InputError naming the first problem. */
export function validateTrace(doc: unknown): Trace {
  if (!isRecord(doc) || !Object.hasOwn(doc, 'format')) fail('it is not a sim trace (no "format" field)');
  const format = doc.format;
  if (typeof format !== 'number' || !Number.isInteger(format) || format < 1) fail(`"format" must be a positive integer; got ${JSON.stringify(format)}`);
  if (format > TRACE_FORMAT) fail(`it uses trace format ${format}, newer than this sim reads (format ${TRACE_FORMAT}); upgrade sim`);
  readModelRef(field(doc, 'model', 'trace'));
  const tool = field(doc, 'tool', 'trace');
  if (!isRecord(tool)) fail('tool must be an object');
  const params = field(doc, 'params', 'trace');
  if (!isRecord(params)) fail('params must be an object');
  for (const [k, v] of Object.entries(params)) {
    if (!['number', 'string', 'boolean'].includes(typeof v)) fail(`params.${k} must be a number, string or boolean`);
  }
  const engine = field(doc, 'engine', 'trace');
  if (engine !== 'sim' && engine !== 'check') fail(`engine must be sim or check; got ${JSON.stringify(engine)}`);
  const seed = field(doc, 'seed', 'trace');
  if (seed !== null && (typeof seed !== 'number' || !Number.isSafeInteger(seed) || seed < 0)) fail('seed must be null or a non-negative integer');
  const initial = field(doc, 'initial', 'trace');
  if (!isRecord(initial)) fail('initial must be an object');
  indexField(initial, 'index', 'initial');
  fingerprintField(initial, 'fingerprint', 'initial');
  field(initial, 'state', 'initial');
  const steps = field(doc, 'steps', 'trace');
  if (!Array.isArray(steps)) fail('steps must be an array');
  steps.forEach(readStep);
  readVerdict(field(doc, 'verdict', 'trace'), steps.length);
  return doc as unknown as Trace;
}

/**
 * Reads a trace from the bytes of a file called `name`: binary, empty, truncated, non-JSON,
 * foreign and future-format files are each refused with one line.
 */
export function decodeTrace(bytes: Uint8Array, name: string): Trace {
  if (bytes.length === 0) throw new InputError(`${name} is empty, not a trace file`);
  let text: string;
  try {
    if (bytes.includes(0)) throw new Error('NUL byte');
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new InputError(`${name} is a binary file, not a trace file`);
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    if (/end of (JSON|data)|Unterminated/i.test(message)) throw new InputError(`${name} is truncated: its JSON ends early`);
    throw new InputError(`${name} is not valid JSON: ${message}`);
  }
  try {
    return validateTrace(doc);
  } catch (err) {
    if (err instanceof TraceShapeError) throw new InputError(`${name} is not a valid trace: ${err.message}`);
    throw err;
  }
}
