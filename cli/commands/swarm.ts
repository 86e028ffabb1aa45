/**
 * `sim swarm`: many seeded simulations, each with its own fault mix; every failure is saved as a
 * trace named by its seed. `--shard i/n` runs one slice of the seeds (a CI matrix job, a
 * Kubernetes Indexed Job), and `sim swarm merge` joins the slices' JSON results.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../../lib/index.js';
import { shardSeeds, swarmRun, type FaultMix, type SeedRange, type Shard } from '../../sim/index.js';
import { parseCommandArgs, parseDecimal } from '../args.js';
import type { Io } from '../io.js';
import type { Outcome } from '../outcome.js';
import { loadModel } from '../load-model.js';
import { count, paramText, resolveOut, writeFileAtomic } from '../output.js';
import { assembleTrace, headerOf } from './trace-file.js';
import { encodeTrace, failurePhrase } from '../../trace/index.js';
import { readSwarmResult, type Failure, type SwarmResult } from './swarm-result.js';

export const swarmHelp = `usage: sim swarm --seeds A..B [--shard i/n] [--model NAME|FILE] [--param key=value]...
                 [--steps N] [--out-dir DIR] [--json]
       sim swarm merge RESULT.json... [--json]
Runs one simulation per seed in A..B, each with a fault mix drawn from its seed (how often
faults fire, which kinds are off). A failing run's trace is saved as DIR/MODEL-seed-N.trace.json
(DIR defaults to the current directory). --shard i/n (0 <= i < n) runs every n-th seed from
A + i, so n jobs split the range; 'merge' joins their --json results. Exit 0: every run ok;
1: some run failed; 3 (merge): shards are missing.`;

const options = {
  seeds: { type: 'string' },
  shard: { type: 'string' },
  model: { type: 'string' },
  param: { type: 'string', multiple: true },
  steps: { type: 'string' },
  'out-dir': { type: 'string' },
  json: { type: 'boolean' },
} as const;

function parseRange(text: string | undefined): SeedRange {
  if (text === undefined) throw new InputError('sim swarm needs --seeds A..B');
  const m = /^(\d+)\.\.(\d+)$/.exec(text);
  if (!m) throw new InputError(`--seeds must be A..B with decimal integers; got '${text}'`);
  const from = parseDecimal('--seeds start', m[1]);
  const to = parseDecimal('--seeds end', m[2]);
  if (from > to) throw new InputError(`--seeds ${text} is empty: ${from} > ${to}`);
  return { from, to };
}

function parseShard(text: string | undefined): Shard {
  if (text === undefined) return { index: 0, count: 1 };
  const m = /^(\d+)\/(\d+)$/.exec(text);
  if (!m) throw new InputError(`--shard must be i/n (0 <= i < n); got '${text}'`);
  const index = parseDecimal('--shard index', m[1]);
  const shardCount = parseDecimal('--shard count', m[2], 1);
  if (index >= shardCount) throw new InputError(`--shard ${text}: the index must be below ${shardCount} (shards count from 0)`);
  return { index, count: shardCount };
}

const mixText = (mix: FaultMix) => ({
  faultRatio: `${mix.faultRatio.numerator}/${mix.faultRatio.denominator}`,
  kindsKept: `${mix.keepRatio.numerator}/${mix.keepRatio.denominator}`,
});

export async function swarmCommand(argv: readonly string[], io: Io): Promise<Outcome> {
  if (argv[0] === 'merge') return mergeCommand(argv.slice(1), io);
  const { values } = parseCommandArgs('swarm', argv, options, 0);
  if (values.help) {
    io.stdout.write(`${swarmHelp}\n`);
    return 'ok';
  }
  const range = parseRange(values.seeds);
  const shard = parseShard(values.shard);
  const steps = values.steps === undefined ? undefined : parseDecimal('--steps', values.steps);
  const loaded = await loadModel(values.model, values.param ?? [], io.cwd);
  const outDir = values['out-dir'] ?? '.';
  const seeds = shardSeeds(range, shard);
  const failures: Failure[] = [];
  let last = 0;
  for (const [i, seed] of seeds.entries()) {
    const { mix, run } = swarmRun(loaded.model, seed, steps);
    if (run.verdict.result !== 'ok') {
      mkdirSync(resolveOut(io, outDir), { recursive: true });
      const file = join(outDir, `${loaded.model.name}-seed-${seed}.trace.json`);
      writeFileAtomic(resolveOut(io, file), encodeTrace(assembleTrace(headerOf(loaded, 'sim', seed), run.initial, run.steps, run.verdict)));
      failures.push({ seed, verdict: run.verdict.result, name: run.verdict.name, step: run.verdict.step, trace: file, faultMix: mixText(mix) });
    }
    if (io.stderrIsTTY && !values.json && io.now() - last > 500) {
      last = io.now();
      io.stderr.write(`\r\x1b[K  runs ${count(i + 1)}/${count(seeds.length)}  failures ${failures.length}`);
    }
  }
  if (io.stderrIsTTY && !values.json) io.stderr.write('\r\x1b[K');
  const result: SwarmResult = {
    swarm: 1, model: loaded.model.name, params: loaded.params, seeds: range, shards: [shard], steps: steps ?? null,
    runs: seeds.length, ok: seeds.length - failures.length, failures,
  };
  printResult(io, result, Boolean(values.json));
  return failures.length > 0 ? 'failed' : 'ok';
}

/** Shards missing from a merge: how many, and the first few (a shard count may be any size). */
interface Missing {
  readonly count: number;
  readonly first: readonly number[];
}

const MISSING_LISTED_MAX = 100;
const MISSING_PRINTED_MAX = 10;

function missingShards(seen: ReadonlySet<number>, shardCount: number): Missing {
  const first: number[] = [];
  for (let i = 0; i < shardCount && first.length < MISSING_LISTED_MAX; i++) if (!seen.has(i)) first.push(i);
  return { count: shardCount - seen.size, first };
}

function printResult(io: Io, result: SwarmResult, json: boolean, missing: Missing = { count: 0, first: [] }): void {
  if (json) {
    io.stdout.write(`${JSON.stringify(missing.count > 0 ? { ...result, missingShards: missing.first, missingShardCount: missing.count } : result)}\n`);
    return;
  }
  const shards = result.shards.map((s) => `${s.index}/${s.count}`).join(', ');
  const lines = [
    `sim swarm: model ${result.model} (${paramText(result.params) || 'no parameters'}), seeds ${result.seeds.from}..${result.seeds.to}, shard${result.shards.length > 1 ? 's' : ''} ${shards}`,
    `${count(result.runs)} runs: ${count(result.ok)} ok, ${count(result.failures.length)} failed`,
  ];
  for (const f of result.failures) {
    lines.push(`  seed ${f.seed}: ${failurePhrase(f.verdict, f.name)} at step ${f.step} (faults ${f.faultMix.faultRatio}, kinds kept ${f.faultMix.kindsKept}): sim replay ${f.trace}`);
  }
  if (missing.count > 0) {
    const listed = missing.first.slice(0, MISSING_PRINTED_MAX);
    const more = missing.count > listed.length ? ` and ${count(missing.count - listed.length)} more` : '';
    lines.push(`incomplete: shards ${listed.map((i) => `${i}/${result.shards[0]?.count}`).join(', ')}${more} are missing`);
  }
  io.stdout.write(`${lines.join('\n')}\n`);
}

const mergeOptions = { json: { type: 'boolean' } } as const;

async function mergeCommand(argv: readonly string[], io: Io): Promise<Outcome> {
  const { values, positionals } = parseCommandArgs('swarm merge', argv, mergeOptions, Number.MAX_SAFE_INTEGER);
  if (values.help || positionals.length === 0) {
    if (!values.help) throw new InputError('sim swarm merge needs the JSON results of the shards');
    io.stdout.write(`${swarmHelp}\n`);
    return 'ok';
  }
  const results = positionals.map((file) => readSwarmResult(io, file));
  const first = results[0] as SwarmResult;
  const key = (r: SwarmResult) => JSON.stringify([r.model, r.params, r.seeds, r.steps, r.shards[0]?.count]);
  for (const [i, r] of results.entries()) {
    if (key(r) !== key(first)) throw new InputError(`${positionals[i]} is of another swarm (model, parameters, seeds, steps or shard count differ from ${positionals[0]})`);
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
