// The sequence chart of a saved counterexample in traces/, drawn with its built-in model, and the
// arrow of each step as actor names, for the message hooks' tests.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { builtinModels } from '../../model/index.js';
import { decodeTrace, sequenceChart, type Trace } from '../../trace/index.js';
import { repoRoot } from './cli.js';

export interface DrawnStep {
  readonly action: { readonly type: string } & Record<string, unknown>;
  readonly label: string;
  readonly actor: string;
  /** The step's arrow as lifeline names, when it has one. */
  readonly arrow?: { readonly from: string; readonly to: string; readonly lost: boolean };
}

export function corpusChart(path: string): DrawnStep[] {
  const trace: Trace = decodeTrace(readFileSync(join(repoRoot, 'traces', path)), path);
  const entry = builtinModels.find((m) => m.name === trace.model.name);
  if (entry === undefined) throw new Error(`no built-in model ${trace.model.name}`);
  const defaults = Object.fromEntries(entry.params.map((p) => [p.name, p.default]));
  const chart = sequenceChart(trace, entry.create({ ...defaults, ...trace.params }));
  return trace.steps.map((s, i) => {
    const arrow = chart.events[i]?.arrow;
    return {
      action: s.action as DrawnStep['action'],
      label: s.label,
      actor: s.actor,
      ...(arrow ? { arrow: { from: chart.lifelines[arrow.from] as string, to: chart.lifelines[arrow.to] as string, lost: arrow.lost } } : {}),
    };
  });
}
