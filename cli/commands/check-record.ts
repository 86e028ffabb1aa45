/**
 * check.json, what a checkpoint folder says its check is: the model (a built-in name, or a model
 * file's name and SHA-256), the resolved parameters, and the flags that define the check. Read
 * from someone else's folder it is untrusted: every field is checked for its type, and a path is
 * never taken from it.
 */
import { InputError } from '../../lib/index.js';
import type { ParamValues } from '../../model/index.js';
import type { ModelRef } from '../../trace/index.js';
import { parseDecimal } from '../args.js';

export type RecordedFlag = string | true;

export interface CheckRecord {
  kind: 'sim check checkpoint';
  version: 1;
  model: ModelRef;
  params: ParamValues;
  flags: Partial<Record<string, RecordedFlag>>;
}

const TEXT_FLAGS = ['strategy', 'max-states', 'max-depth', 'checkpoint-interval'];
const SWITCHES = ['no-deadlock', 'coverage', 'shrink', 'no-liveness', 'no-symmetry'];
const NUMBERS = ['max-states', 'max-depth'];

const isRecord = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** The record in `text` (the contents of `shown`), or one line saying what is wrong with it. */
export function readCheckRecord(text: string, shown: string): CheckRecord {
  const bad = (what: string): InputError => new InputError(`${shown} is not a checkpoint record of sim check: ${what}`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw bad('it is not JSON');
  }
  if (!isRecord(parsed)) throw bad('it is not an object');
  if (parsed.kind !== 'sim check checkpoint' || parsed.version === undefined) {
    throw bad(parsed.flags !== undefined && parsed.version === undefined ? 'it was written by an older sim; start the check again' : 'its kind is not "sim check checkpoint"');
  }
  if (parsed.version !== 1) throw bad(`it is format version ${String(parsed.version)}; this sim reads version 1`);
  return { kind: 'sim check checkpoint', version: 1, model: modelOf(parsed.model, bad), params: paramsOf(parsed.params, bad), flags: flagsOf(parsed.flags, bad) };
}

function modelOf(value: unknown, bad: (what: string) => InputError): ModelRef {
  if (!isRecord(value)) throw bad('model is not an object');
  if (typeof value.name !== 'string' || value.name === '') throw bad('model.name is not a name');
  if (value.source === 'builtin') return { source: 'builtin', name: value.name };
  if (value.source !== 'file') throw bad('model.source is neither builtin nor file');
  if (typeof value.file !== 'string' || value.file === '') throw bad('model.file is not a file name');
  if (typeof value.sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(value.sha256)) throw bad('model.sha256 is not a SHA-256');
  return { source: 'file', name: value.name, file: value.file, sha256: value.sha256 };
}

function paramsOf(value: unknown, bad: (what: string) => InputError): ParamValues {
  if (!isRecord(value)) throw bad('params is not an object');
  for (const [key, v] of Object.entries(value)) {
    if (!['number', 'string', 'boolean'].includes(typeof v) || (typeof v === 'number' && !Number.isFinite(v))) throw bad(`params.${key} is not a number, string or boolean`);
  }
  return value as ParamValues;
}

function flagsOf(value: unknown, bad: (what: string) => InputError): Partial<Record<string, RecordedFlag>> {
  if (!isRecord(value)) throw bad('flags is not an object');
  for (const [key, v] of Object.entries(value)) {
    if (TEXT_FLAGS.includes(key)) {
      if (typeof v !== 'string') throw bad(`flags.${key} is not a string`);
      if (NUMBERS.includes(key)) numberOf(key, v, bad);
    } else if (SWITCHES.includes(key)) {
      if (v !== true) throw bad(`flags.${key} is not true`);
    } else {
      throw bad(`flags.${key} is not a flag it records`);
    }
  }
  return value as Partial<Record<string, RecordedFlag>>;
}

function numberOf(key: string, text: string, bad: (what: string) => InputError): void {
  try {
    parseDecimal(`--${key}`, text);
  } catch {
    throw bad(`flags.${key} is not a number`);
  }
}
