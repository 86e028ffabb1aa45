/**
 * The result of `sim swarm`: the JSON one shard prints and `sim swarm merge` reads, its text
 * form, and the merge of shards' results.
 */
import { readFileSync } from 'node:fs';
import { InputError, messageOf, type Ratio } from '../../lib/index.js';
import type { Horizon, KindMix, SeedRange, Shard, SwarmRun } from '../../sim/index.js';
import { parseCommandArgs } from '../args.js';
import type { Io } from '../io.js';
import { count, paramText, resolveOut } from '../output.js';

/** The version of the JSON below; `merge` reads this one only. */
const SWARM_RESULT_FORMAT = 2;

export interface Failure {
  seed: number;
  verdict: 'violation' | 'deadlock';
  name: string;
  step: number;
  trace: string;
  mix: MixText;
}

/**
 * A run's mix as people read it: each fault kind the run met ('off', or its rate per step, onset
 * and timing), and the latency factors other than 1 of the action kinds and actors (`actor NAME`)
 * it scheduled.
 */
export interface MixText {
  faults: Record<string, string>;
  latencyFactors: Record<string, number>;
}

export interface SwarmResult {
  swarm: typeof SWARM_RESULT_FORMAT;
  model: string;
  params: Record<string, unknown>;
  seeds: SeedRange;
  shards: Shard[];
  steps: number | null;
  /** The step bound of each run: `--steps`, else four times the horizon's steps (100 to 1,000). */
  stepsMax: number;
  /** `--stop-after N`, or null: each shard stops after N failing seeds. */
  stopAfter: number | null;
  horizon: Horizon;
  runs: number;
  ok: number;
  failures: Failure[];
}

const ratioText = (r: Ratio) => `${r.numerator}/${r.denominator}`;
const ordinal = (n: number) => `${n}${n % 100 >= 11 && n % 100 <= 13 ? 'th' : ['th', 'st', 'nd', 'rd'][n % 10] ?? 'th'}`;
const onsetText = (k: KindMix) => (k.from.unit === 'step' ? `step ${k.from.at}` : `its ${ordinal(k.from.at)} enabling`);

export function mixText(r: SwarmRun): MixText {
  const faults = Object.entries(r.faults).map(([kind, k]) => [
    kind, k.ratio.numerator === 0 ? 'off' : `${ratioText(k.ratio)} per step from ${onsetText(k)}, ${k.prompt ? 'at once' : 'after its latency'}`,
  ]);
  const actors = Object.entries(r.timing.actors).map(([actor, f]) => [`actor ${actor}`, f]);
  return { faults: Object.fromEntries(faults), latencyFactors: { ...r.timing.kinds, ...Object.fromEntries(actors) } };
}

function mixLine(mix: MixText): string {
  const faults = Object.entries(mix.faults).map(([kind, text]) => `${kind} ${text}`);
  const factors = Object.entries(mix.latencyFactors).map(([name, factor]) => `${name} x${factor}`);
  return `faults: ${faults.length > 0 ? faults.join('; ') : 'none met'}. Latencies: ${factors.length > 0 ? factors.join(', ') : "the model's"}`;
}

export function resultText(result: SwarmResult): string {
  const shards = result.shards.map((s) => `${s.index}/${s.count}`).join(', ');
  const { horizon } = result;
  const lines = [
    `sim swarm: model ${result.model} (${paramText(result.params) || 'no parameters'}), seeds ${result.seeds.from}..${result.seeds.to}, shard${result.shards.length > 1 ? 's' : ''} ${shards}`,
    `horizon: ${count(horizon.steps)} steps without faults, meeting fault kinds ${horizon.faultKinds.length > 0 ? horizon.faultKinds.join(', ') : 'none'}; runs stop after ${count(result.stepsMax)} steps`,
    `${count(result.runs)} runs: ${count(result.ok)} ok, ${count(result.failures.length)} failed${result.stopAfter !== null && result.failures.length >= result.stopAfter ? ` (stopped after ${result.stopAfter}: --stop-after)` : ''}`,
  ];
  for (const f of result.failures) {
    lines.push(`  seed ${f.seed}: ${f.verdict === 'deadlock' ? 'deadlock' : `${f.name} fails`} at step ${f.step}: sim replay ${f.trace}`);
    lines.push(`    ${mixLine(f.mix)}`);
  }
  return lines.join('\n');
}

export function printResult(io: Io, result: SwarmResult, json: boolean, missing: number[]): void {
  if (json) {
    io.stdout.write(`${JSON.stringify(missing.length > 0 ? { ...result, missingShards: missing } : result)}\n`);
    return;
  }
  const incomplete = missing.length > 0 ? `\nincomplete: shards ${missing.map((i) => `${i}/${result.shards[0]?.count}`).join(', ')} are missing` : '';
  io.stdout.write(`${resultText(result)}${incomplete}\n`);
}

export function newResult(fields: Omit<SwarmResult, 'swarm'>): SwarmResult {
  return { swarm: SWARM_RESULT_FORMAT, ...fields };
}

const mergeOptions = { json: { type: 'boolean' } } as const;

export async function mergeCommand(argv: readonly string[], io: Io, help: string): Promise<number> {
  const { values, positionals } = parseCommandArgs('swarm merge', argv, mergeOptions, Number.MAX_SAFE_INTEGER);
  if (values.help || positionals.length === 0) {
    if (!values.help) throw new InputError('sim swarm merge needs the JSON results of the shards');
    io.stdout.write(`${help}\n`);
    return 0;
  }
  const results = positionals.map((file) => readResult(io, file));
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
  const missing = Array.from({ length: shardCount }, (_, i) => i).filter((i) => !seen.has(i));
  const merged: SwarmResult = {
    ...first,
    shards,
    runs: results.reduce((n, r) => n + r.runs, 0),
    ok: results.reduce((n, r) => n + r.ok, 0),
    failures: results.flatMap((r) => r.failures).sort((a, b) => a.seed - b.seed),
  };
  printResult(io, merged, Boolean(values.json), missing);
  return merged.failures.length > 0 ? 1 : missing.length > 0 ? 3 : 0;
}

function readResult(io: Io, file: string): SwarmResult {
  let doc: unknown;
  try {
    doc = JSON.parse(readFileSync(resolveOut(io, file), 'utf8'));
  } catch (err) {
    throw new InputError(`cannot read swarm result ${file}: ${messageOf(err)}`);
  }
  const r = doc as Partial<SwarmResult>;
  if (r === null || typeof r !== 'object' || !Array.isArray(r.shards) || !Array.isArray(r.failures) || typeof r.runs !== 'number') {
    throw new InputError(`${file} is not a sim swarm --json result`);
  }
  if (r.swarm !== SWARM_RESULT_FORMAT) throw new InputError(`${file} is a sim swarm result of format ${String(r.swarm)}; this sim reads format ${SWARM_RESULT_FORMAT} (run the shards again)`);
  return r as SwarmResult;
}
