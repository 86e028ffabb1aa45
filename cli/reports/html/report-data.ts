/**
 * What an HTML report embeds, as data computed here in Node: the header, the sequence chart of a
 * trace with each step's label, time, state and changes (the same `changedFields` comparison as
 * the terminal replay), and, for a check, the explored state graph. The page only draws it.
 */
import {
  changedFields, describeVerdict, sequenceChart, verdictStepNote, type ChartModel, type FieldChange, type ReplayOutcome, type SequenceChart, type Trace,
} from '../../../trace/index.js';
import { canonicalJson } from '../../../lib/index.js';
import { count, paramText } from '../../output.js';
import type { ReportGraph } from './graph-data.js';

/** A command that reproduces what the report shows, and what it does. */
export interface ReportCommand {
  readonly label: string;
  readonly command: string;
}

export interface ReportHeader {
  readonly model: string;
  readonly params: string;
  /** `checker`, or `simulator, seed 7`. */
  readonly engine: string;
  readonly verdict: string;
  /** Colours the verdict: `ok` green, `incomplete` amber, anything else red. */
  readonly verdictKind: 'ok' | 'incomplete' | 'violation' | 'deadlock' | 'diverges';
  /** The sentence the violated invariant or liveness property states. */
  readonly statement?: string;
  /** Figures and facts: the search's counts, the replay's outcome. */
  readonly facts: readonly string[];
  readonly commands: readonly ReportCommand[];
  /** `sim 0.1.0`. */
  readonly tool: string;
}

/**
 * A trace, ready to draw: `labels[k]`, `states[stateAt[k]]` and `changeSets[changesAt[k]]` are
 * step k's (0: the initial state). Each distinct state, and each distinct list of changes, is
 * embedded once: a long trace is long because it comes back to the same states by the same steps,
 * and a page of 10,000 steps then holds a few hundred of each, not 10,000.
 */
export interface ReportTrace {
  readonly chart: SequenceChart;
  readonly labels: readonly string[];
  /** Virtual time per step where the simulator recorded it. */
  readonly times?: readonly (number | null)[];
  readonly states: readonly unknown[];
  readonly stateAt: readonly number[];
  readonly changeSets: readonly (readonly FieldChange[])[];
  readonly changesAt: readonly number[];
  /** What the verdict's step breaks, for the note beside its state. */
  readonly verdictNote?: string;
  /** Where a replay stopped matching the trace, and why. */
  readonly divergence?: { readonly step: number; readonly reason: string };
  /** The step the page opens at: the verdict's or the divergence's, else the initial state. */
  readonly openAt: number;
}

export interface ReportData {
  readonly header: ReportHeader;
  readonly trace?: ReportTrace;
  readonly graph?: ReportGraph;
}

/** The drawable form of `trace`; `outcome` is its replay, when the report comes from `sim replay`. */
export function reportTrace(trace: Trace, model: ChartModel, outcome?: ReplayOutcome): ReportTrace {
  const chart = sequenceChart(trace, model);
  const all = [trace.initial.state, ...trace.steps.map((s) => s.state)];
  const changes = all.map((s, k) => (k === 0 ? [] : changedFields(all[k - 1], s)));
  const states = distinct(all);
  const changeSets = distinct(changes);
  const timed = trace.steps.some((s) => s.time !== undefined);
  const divergence = outcome && !outcome.reproduces ? { step: outcome.step, reason: outcome.reason } : undefined;
  const verdictStep = chart.violationStep ?? chart.loop?.last;
  return {
    chart,
    labels: ['initial state', ...trace.steps.map((s) => s.label)],
    ...(timed ? { times: [trace.initial.time ?? null, ...trace.steps.map((s) => s.time ?? null)] } : {}),
    states: states.values,
    stateAt: states.at,
    changeSets: changeSets.values,
    changesAt: changeSets.at,
    ...(trace.verdict.result === 'ok' ? {} : { verdictNote: verdictStepNote(trace.verdict) }),
    ...(divergence ? { divergence } : {}),
    openAt: divergence?.step ?? verdictStep ?? 0,
  };
}

/** Each of `all` once (equal as JSON, whatever the key order), and where each of `all` is among them. */
function distinct<T>(all: readonly T[]): { values: T[]; at: number[] } {
  const index = new Map<string, number>();
  const values: T[] = [];
  const at = all.map((v) => {
    const key = canonicalJson(v);
    let i = index.get(key);
    if (i === undefined) {
      i = values.length;
      index.set(key, i);
      values.push(v);
    }
    return i;
  });
  return { values, at };
}

/** The header of a report of `trace`: its model, parameters, engine, verdict and the commands that reproduce it. */
export function traceHeader(trace: Trace, commands: readonly ReportCommand[], tool: string, outcome?: ReplayOutcome): ReportHeader {
  const v = trace.verdict;
  const n = count(trace.steps.length);
  const facts = [`${n} step${trace.steps.length === 1 ? '' : 's'}`];
  if (outcome) facts.push(outcome.reproduces ? `replayed: all ${n} steps reproduce` : `replay diverges at step ${outcome.step}: ${outcome.reason}`);
  return {
    model: trace.model.name,
    params: paramText(trace.params),
    engine: trace.engine === 'sim' ? `simulator, seed ${trace.seed}` : 'checker',
    verdict: describeVerdict(v),
    verdictKind: outcome && !outcome.reproduces ? 'diverges' : v.result === 'ok' ? 'ok' : v.result,
    ...(v.result === 'violation' && v.statement ? { statement: v.statement } : {}),
    facts,
    commands,
    tool,
  };
}
