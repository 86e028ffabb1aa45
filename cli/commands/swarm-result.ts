/**
 * The result of `sim swarm`: the JSON one shard prints and `sim swarm merge` reads, its text
 * form, and the merge of shards' results.
 */
import type { Ratio } from '../../lib/index.js';
import type { Horizon, KindMix, SeedRange, Shard, SwarmRun } from '../../sim/index.js';
import { failurePhrase } from '../../trace/index.js';
import type { Io } from '../io.js';
import { count, paramText } from '../output.js';

/** The version of the JSON below; `merge` reads this one only. */
export const SWARM_RESULT_FORMAT = 2;

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
    lines.push(`  seed ${f.seed}: ${failurePhrase(f.verdict, f.name)} at step ${f.step}: sim replay ${f.trace}`);
    lines.push(`    ${mixLine(f.mix)}`);
  }
  return lines.join('\n');
}

/** Shards missing from a merge: how many, and the first few (a shard count may be any size). */
export interface Missing {
  readonly count: number;
  readonly first: readonly number[];
}

const MISSING_PRINTED_MAX = 10;

export function printResult(io: Io, result: SwarmResult, json: boolean, missing: Missing = { count: 0, first: [] }): void {
  if (json) {
    io.stdout.write(`${JSON.stringify(missing.count > 0 ? { ...result, missingShards: missing.first, missingShardCount: missing.count } : result)}\n`);
    return;
  }
  let incomplete = '';
  if (missing.count > 0) {
    const listed = missing.first.slice(0, MISSING_PRINTED_MAX);
    const more = missing.count > listed.length ? ` and ${count(missing.count - listed.length)} more` : '';
    incomplete = `\nincomplete: shards ${listed.map((i) => `${i}/${result.shards[0]?.count}`).join(', ')}${more} are missing`;
  }
  io.stdout.write(`${resultText(result)}${incomplete}\n`);
}

export function newResult(fields: Omit<SwarmResult, 'swarm'>): SwarmResult {
  return { swarm: SWARM_RESULT_FORMAT, ...fields };
}

