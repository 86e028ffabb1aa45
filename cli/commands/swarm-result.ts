/**
 * The JSON result of one `sim swarm --json` shard, and its reader for `sim swarm merge`: a file
 * of another shape (a wrong type anywhere, an impossible shard, a future format) is refused with
 * one line naming the file and the field, before anything is merged or printed.
 */
import { InputError, parseJsonInput } from '../../lib/index.js';
import type { SeedRange, Shard } from '../../sim/index.js';
import { JSON_FILE_BYTES_MAX, readInputFile } from '../input-file.js';
import type { Io } from '../io.js';

export const SWARM_RESULT_FORMAT = 1;

export interface Failure {
  seed: number;
  verdict: 'violation' | 'deadlock';
  name: string;
  step: number;
  trace: string;
  faultMix: { faultRatio: string; kindsKept: string };
}

/** The JSON one shard prints and `merge` reads (and prints again, with the shards missing). */
export interface SwarmResult {
  swarm: typeof SWARM_RESULT_FORMAT;
  model: string;
  params: Record<string, unknown>;
  seeds: SeedRange;
  shards: Shard[];
  steps: number | null;
  runs: number;
  ok: number;
  failures: Failure[];
}

const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/** Checks one value of a result against what `sim swarm` writes; `bad` throws for the field at `where`. */
type Check = (v: unknown, where: string) => void;

function bad(where: string, what: string): never {
  throw new Error(`${where} ${what}`);
}

const isRecord = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const count: Check = (v, where) => {
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0) bad(where, 'must be a non-negative integer');
};
const text: Check = (v, where) => {
  if (typeof v !== 'string' || CONTROL.test(v)) bad(where, 'must be a string without control characters');
};

function record(v: unknown, where: string, fields: Record<string, Check>, optional: readonly string[] = []): Record<string, unknown> {
  if (!isRecord(v)) bad(where, 'must be an object');
  for (const key of Object.keys(v)) if (!Object.hasOwn(fields, key)) bad(where, `has a field sim swarm does not write: ${JSON.stringify(key)}`);
  for (const [key, check] of Object.entries(fields)) {
    if (!Object.hasOwn(v, key)) {
      if (!optional.includes(key)) bad(`${where}.${key}`, 'is missing');
      continue;
    }
    check(v[key], `${where}.${key}`);
  }
  return v;
}

const oneOf = (...values: readonly string[]): Check => (v, where) => {
  if (!values.includes(v as string)) bad(where, `must be ${values.join(' or ')}`);
};

const failure: Check = (v, where) => {
  const faultMix: Check = (x, w) => {
    record(x, w, { faultRatio: text, kindsKept: text });
  };
  record(v, where, { seed: count, verdict: oneOf('violation', 'deadlock'), name: text, step: count, trace: text, faultMix });
};

const shard: Check = (v, where) => {
  const s = record(v, where, { index: count, count });
  if ((s.count as number) < 1 || (s.index as number) >= (s.count as number)) bad(where, 'must have 0 <= index < count');
};

const list = (item: Check, min: number): Check => (v, where) => {
  if (!Array.isArray(v)) bad(where, 'must be an array');
  if (v.length < min) bad(where, `must have at least ${min} entr${min === 1 ? 'y' : 'ies'}`);
  v.forEach((x, i) => item(x, `${where}[${i}]`));
};

const RESULT_FIELDS: Record<string, Check> = {
  swarm: () => undefined,
  model: text,
  params: (v, where) => {
    if (!isRecord(v)) bad(where, 'must be an object');
    for (const [key, value] of Object.entries(v)) paramValue(value, `${where}.${key}`);
  },
  seeds: (v, where) => {
    const s = record(v, where, { from: count, to: count });
    if ((s.from as number) > (s.to as number)) bad(where, 'must have from <= to');
  },
  shards: list(shard, 1),
  steps: (v, where) => {
    if (v !== null) count(v, where);
  },
  runs: count,
  ok: count,
  failures: list(failure, 0),
  missingShards: list(count, 0),
  missingShardCount: count,
};

function paramValue(v: unknown, where: string): void {
  if (typeof v === 'string') text(v, where);
  else if (typeof v !== 'number' && typeof v !== 'boolean') bad(where, 'must be a number, string or boolean');
}

/** Reads and checks the result in `file`. */
export function readSwarmResult(io: Io, file: string): SwarmResult {
  const doc = parseJsonInput(readInputFile(io.cwd, file, 'swarm result', JSON_FILE_BYTES_MAX), file, 'a sim swarm --json result');
  if (!isRecord(doc) || !Object.hasOwn(doc, 'swarm')) throw new InputError(`${file} is not a sim swarm --json result (no "swarm" field)`);
  if (doc.swarm !== SWARM_RESULT_FORMAT) {
    const newer = typeof doc.swarm === 'number' && doc.swarm > SWARM_RESULT_FORMAT;
    throw new InputError(newer ? `${file} is a swarm result of format ${doc.swarm}, newer than this sim reads (${SWARM_RESULT_FORMAT}); upgrade sim` : `${file}: "swarm" must be ${SWARM_RESULT_FORMAT}`);
  }
  try {
    record(doc, 'the result', RESULT_FIELDS, ['missingShards', 'missingShardCount']);
    if ((doc.ok as number) > (doc.runs as number)) bad('the result', 'counts more ok runs than runs');
  } catch (err) {
    throw new InputError(`${file} is not a valid swarm result: ${(err as Error).message}`);
  }
  return doc as unknown as SwarmResult;
}
