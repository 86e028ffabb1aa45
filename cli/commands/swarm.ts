/**
 * `sim swarm`: many seeded simulations, each with its own mix of faults and timing; every failure
 * is saved as a trace named by its seed. `--shard i/n` runs one slice of the seeds (a CI matrix
 * job, a Kubernetes Indexed Job), and `sim swarm merge` joins the slices' JSON results.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../../lib/index.js';
import { createSwarm, shardSeeds, type SeedRange, type Shard, type Swarm } from '../../sim/index.js';
import { encodeTrace } from '../../trace/index.js';
import { parseCommandArgs, parseDecimal } from '../args.js';
import type { Io } from '../io.js';
import { loadModel, type LoadedModel } from '../load-model.js';
import type { Outcome } from '../outcome.js';
import { count, resolveOut, writeFileAtomic } from '../output.js';
import { mergeCommand } from './swarm-merge.js';
import { mixText, newResult, printResult, type Failure } from './swarm-result.js';
import { assembleTrace, headerOf } from './trace-file.js';

export const swarmHelp = `usage: sim swarm --seeds A..B [--shard i/n] [--model NAME|FILE] [--param key=value]...
                 [--steps N] [--stop-after N] [--out-dir DIR] [--json]
       sim swarm merge RESULT.json... [--json]
Runs one simulation per seed in A..B, each with a mix drawn from its seed: which fault kinds
are on, from which step and how often they strike, and (in half the seeds) which action kinds
and actors are hurried or slowed. Fault onsets are placed within the horizon, the length of a
few fault-free runs, printed first. A failing run's trace is saved as DIR/MODEL-seed-N.trace.json
(DIR defaults to the current directory) and printed with its mix. --stop-after N stops after N
failing seeds. --shard i/n (0 <= i < n) runs every n-th seed from A + i, so n jobs split the
range; 'merge' joins their --json results. Exit 0: every run ok; 1: some run failed;
3 (merge): shards are missing.`;

const options = {
  seeds: { type: 'string' },
  shard: { type: 'string' },
  model: { type: 'string' },
  param: { type: 'string', multiple: true },
  steps: { type: 'string' },
  'stop-after': { type: 'string' },
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

export async function swarmCommand(argv: readonly string[], io: Io): Promise<Outcome> {
  if (argv[0] === 'merge') return mergeCommand(argv.slice(1), io, swarmHelp);
  const { values } = parseCommandArgs('swarm', argv, options, 0);
  if (values.help) {
    io.stdout.write(`${swarmHelp}\n`);
    return 'ok';
  }
  const range = parseRange(values.seeds);
  const shard = parseShard(values.shard);
  const steps = values.steps === undefined ? undefined : parseDecimal('--steps', values.steps);
  const stopAfter = values['stop-after'] === undefined ? null : parseDecimal('--stop-after', values['stop-after'], 1);
  const loaded = await loadModel(values.model, values.param ?? [], io.cwd);
  const seeds = shardSeeds(range, shard);
  const swarm = createSwarm(loaded.model, steps);
  const progress = io.stderrIsTTY && !values.json;
  const { runs, failures } = runSeeds(io, loaded, swarm, seeds, { outDir: values['out-dir'] ?? '.', stopAfter, progress });
  const result = newResult({
    model: loaded.model.name, params: loaded.params, seeds: range, shards: [shard], steps: steps ?? null, stepsMax: swarm.stepsMax, stopAfter,
    horizon: swarm.horizon, runs, ok: runs - failures.length, failures,
  });
  printResult(io, result, Boolean(values.json));
  return failures.length > 0 ? 'failed' : 'ok';
}

interface SeedsOptions {
  outDir: string;
  stopAfter: number | null;
  progress: boolean;
}

/** Runs the seeds in order, saving each failing run's trace; stops after `stopAfter` failures. */
function runSeeds(io: Io, loaded: LoadedModel, swarm: Swarm<unknown, unknown>, seeds: readonly number[], o: SeedsOptions): { runs: number; failures: Failure[] } {
  const failures: Failure[] = [];
  let runs = 0;
  let last = 0;
  for (const seed of seeds) {
    if (o.stopAfter !== null && failures.length >= o.stopAfter) break;
    const one = swarm.run(seed);
    const { run } = one;
    runs++;
    if (run.verdict.result !== 'ok') {
      mkdirSync(resolveOut(io, o.outDir), { recursive: true });
      const file = join(o.outDir, `${loaded.model.name}-seed-${seed}.trace.json`);
      writeFileAtomic(resolveOut(io, file), encodeTrace(assembleTrace(headerOf(loaded, 'sim', seed), run.initial, run.steps, run.verdict)));
      failures.push({ seed, verdict: run.verdict.result, name: run.verdict.name, step: run.verdict.step, trace: file, mix: mixText(one) });
    }
    if (o.progress && io.now() - last > 500) {
      last = io.now();
      io.stderr.write(`\r\x1b[K  runs ${count(runs)}/${count(seeds.length)}  failures ${failures.length}`);
    }
  }
  if (o.progress) io.stderr.write('\r\x1b[K');
  return { runs, failures };
}
