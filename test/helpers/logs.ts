// Logs for the conformance tests: simulator runs of real models turned into NDJSON logs (every
// step, or a subset; actions, states or both), and the models they come from.
import { builtinModels, resolveParams, type Model } from '../../model/index.js';
import { importModuleFile } from '../../lib/index.js';
import { simulate, type SimRun } from '../../sim/index.js';
import { fixture, repoRoot } from './cli.js';
import { join } from 'node:path';

export type LogForm = 'actions' | 'states' | 'both';

/** The NDJSON text of `run`'s steps `kept` (all by default), each as an action, a state or both. */
export function logOfRun(run: Pick<SimRun, 'steps'>, form: LogForm, kept: (step: number) => boolean = () => true): string {
  const lines: string[] = [];
  run.steps.forEach((s, i) => {
    if (!kept(i + 1)) return;
    const event = form === 'actions' ? { action: s.action } : form === 'states' ? { state: s.state } : { action: s.action, state: s.state };
    lines.push(JSON.stringify(event));
  });
  return `${lines.join('\n')}\n`;
}

/** The longest run of steps `kept` leaves out before a kept one (the --gap a log of them needs). */
export function longestGap(steps: number, kept: (step: number) => boolean): number {
  let longest = 0;
  let current = 0;
  for (let k = 1; k <= steps; k++) {
    if (kept(k)) {
      longest = Math.max(longest, current);
      current = 0;
    } else {
      current++;
    }
  }
  return longest;
}

/** A built-in model with parameters. */
export function builtin(name: string, params: Record<string, string> = {}): Model<unknown, unknown> {
  const entry = builtinModels.find((m) => m.name === name);
  if (entry === undefined) throw new Error(`no model ${name}`);
  return entry.create(resolveParams(name, entry.params, params));
}

/** A model file's model, built from its parameter defaults. */
export async function fileModel(path: string): Promise<Model<unknown, unknown>> {
  const mod = await importModuleFile(path);
  const make = mod.default as (p: Record<string, unknown>) => Model<unknown, unknown>;
  return make((mod.params ?? {}) as Record<string, unknown>);
}

/** The models the properties run over: built-in ones, a user's example file, and a ring that never stops. */
export async function propertyModels(): Promise<Record<string, Model<unknown, unknown>>> {
  return {
    twophase: builtin('twophase'),
    dmlog: builtin('dmlog'),
    alternatingBit: await fileModel(join(repoRoot, 'examples/alternating-bit.mjs')),
    tokenRing: await fileModel(fixture('token-ring.mjs')),
  };
}

/** A seeded run of `model`, `steps` long at most. */
export function runOf(model: Model<unknown, unknown>, seed: number, steps: number): SimRun {
  return simulate(model, { seed, stepsMax: steps });
}
