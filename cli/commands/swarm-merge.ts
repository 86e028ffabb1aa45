/**
 * `sim swarm merge`: reads the shards' JSON results, each checked field by field against what
 * `sim swarm` writes (a wrong type anywhere, an impossible shard, a future format is refused with
 * one line naming the file and the field, before anything is merged or printed), and joins them.
 */
import { InputError, parseJsonInput } from '../../lib/index.js';
import { parseCommandArgs } from '../args.js';
import { JSON_FILE_BYTES_MAX, readInputFile } from '../input-file.js';
import type { Io } from '../io.js';
import type { Outcome } from '../outcome.js';
import { printResult, SWARM_RESULT_FORMAT, type Missing, type SwarmResult } from './swarm-result.js';

const MISSING_LISTED_MAX = 100;

function missingShards(seen: ReadonlySet<number>, shardCount: number): Missing {
  const first: number[] = [];
  for (let i = 0; i < shardCount && first.length < MISSING_LISTED_MAX; i++) if (!seen.has(i)) first.push(i);
  return { count: shardCount - seen.size, first };
}

const mergeOptions = { json: { type: 'boolean' } } as const;

export async function mergeCommand(argv: readonly string[], io: Io, help: string): Promise<Outcome> {
  const { values, positionals } = parseCommandArgs('swarm merge', argv, mergeOptions, Number.MAX_SAFE_INTEGER);
  if (values.help || positionals.length === 0) {
    if (!values.help) throw new InputError('sim swarm merge needs the JSON results of the shards');
    io.stdout.write(`${help}\n`);
    return 'ok';
  }
  const results = positionals.map((file) => readSwarmResult(io, file));
  const first = results[0] as SwarmResult;
  const key = (r: SwarmResult) => JSON.stringify([r.model, r.params, r.seeds, r.steps, r.stopAfter, r.shards[0]?.count]);
  for (const [i, r] of results.entries()) {
    if (key(r) !== key(first)) throw new InputError(`${positionals[i]} is of another swarm (model, parameters, seeds, steps, --stop-after or shard count differ from ${positionals[0]})`);
  }
  const shards = results.flatMap((r) => r.shards).sort((a, b) => a.index - b.index);
  const seen = new Set<number>();
  for (const s of shards) {
    if (seen.has(s.index)) throw new InputError(`shard ${s.index}/${s.count} appears twice`);
    seen.add(s.index);
  }
  const shardCount = first.shards[0]?.count ?? 1;
  for (const s of shards) if (s.count !== shardCount) throw new InputError(`shard ${s.index}/${s.count} is of another split than ${shardCount} shards`);
  const missing = missingShards(seen, shardCount);
  const merged: SwarmResult = {
    ...first,
    shards,
    runs: results.reduce((n, r) => n + r.runs, 0),
    ok: results.reduce((n, r) => n + r.ok, 0),
    failures: results.flatMap((r) => r.failures).sort((a, b) => a.seed - b.seed),
  };
  printResult(io, merged, Boolean(values.json), missing);
  return merged.failures.length > 0 ? 'failed' : missing.count > 0 ? 'incomplete' : 'ok';
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

const textsBy = (value: Check): Check => (v, where) => {
  if (!isRecord(v)) bad(where, 'must be an object');
  for (const [key, x] of Object.entries(v)) {
    text(key, `${where} key`);
    value(x, `${where}.${key}`);
  }
};
const factor: Check = (v, where) => {
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) bad(where, 'must be a number >= 0');
};

const failure: Check = (v, where) => {
  const mix: Check = (x, w) => {
    record(x, w, { faults: textsBy(text), latencyFactors: textsBy(factor) });
  };
  record(v, where, { seed: count, verdict: oneOf('violation', 'deadlock'), name: text, step: count, trace: text, mix });
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
  stepsMax: count,
  stopAfter: (v, where) => {
    if (v !== null) count(v, where);
  },
  horizon: (v, where) => {
    record(v, where, { steps: count, faultKinds: list(text, 0), enablings: textsBy(count) });
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
    const older = typeof doc.swarm === 'number' && Number.isSafeInteger(doc.swarm) && doc.swarm >= 1;
    if (newer) throw new InputError(`${file} is a swarm result of format ${doc.swarm}, newer than this sim reads (${SWARM_RESULT_FORMAT}); upgrade sim`);
    throw new InputError(older ? `${file} is a sim swarm result of format ${doc.swarm}; this sim reads format ${SWARM_RESULT_FORMAT} (run the shards again)` : `${file}: "swarm" must be ${SWARM_RESULT_FORMAT}`);
  }
  try {
    record(doc, 'the result', RESULT_FIELDS, ['missingShards', 'missingShardCount']);
    if ((doc.ok as number) > (doc.runs as number)) bad('the result', 'counts more ok runs than runs');
  } catch (err) {
    throw new InputError(`${file} is not a valid swarm result: ${(err as Error).message}`);
  }
  return doc as unknown as SwarmResult;
}
