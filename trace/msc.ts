/**
 * A trace as a message sequence chart, in data: one lifeline per actor, in the order the actors
 * first take part; one event per step on its actor's lifeline; an arrow from sender to receiver
 * where the model's `message` hook says the step carries a message; faults (the model's
 * `isFault`) marked; and where the verdict lies: the step whose state breaks an invariant or
 * deadlocks, or, for a liveness violation, the state where its trigger holds and the steps that
 * repeat forever. The HTML report only draws this, so what it shows is tested without a browser.
 */
import { faultOf, stepMessageOf, type ReportHooks } from '../model/index.js';
import type { Trace } from './format.js';

/** An arrow between two lifelines (indices into `lifelines`). */
export interface ChartArrow {
  readonly from: number;
  readonly to: number;
  /** The message never arrives: the arrow ends in a cross short of the receiver. */
  readonly lost: boolean;
}

/** Step `step` (from 1) of the trace, on the lifeline of its actor. */
export interface ChartEvent {
  readonly step: number;
  readonly lifeline: number;
  readonly arrow?: ChartArrow;
  readonly fault: boolean;
}

/** Steps `first`..`last` repeat forever; with `stutter`, the run stays in the state after `last`. */
export interface ChartLoop {
  readonly first: number;
  readonly last: number;
  readonly stutter: boolean;
}

export interface SequenceChart {
  readonly lifelines: readonly string[];
  /** `events[k - 1]` is step k. */
  readonly events: readonly ChartEvent[];
  /** The step whose state breaks an invariant, or where no action is enabled (a deadlock). */
  readonly violationStep?: number;
  /** Liveness: the state (after this step; 0 is the initial state) where the trigger holds. */
  readonly triggerStep?: number;
  readonly loop?: ChartLoop;
}

/** What the chart needs of a model: its name, for errors, and its optional hooks. */
export type ChartModel = ReportHooks;

/** The chart of `trace`, asking `model` which steps are messages and which are faults. */
export function sequenceChart(trace: Trace, model: ChartModel): SequenceChart {
  const lifelines: string[] = [];
  const index = new Map<string, number>();
  const lifelineOf = (actor: string): number => {
    let i = index.get(actor);
    if (i === undefined) {
      i = lifelines.length;
      index.set(actor, i);
      lifelines.push(actor);
    }
    return i;
  };
  const events: ChartEvent[] = [];
  let before: unknown = trace.initial.state;
  trace.steps.forEach((s, i) => {
    const step = i + 1;
    const message = stepMessageOf(model, s.action, before, step);
    // Sender, actor, receiver: a delivery by a transport sits between its two ends.
    const from = message ? lifelineOf(message.from) : undefined;
    const lifeline = lifelineOf(s.actor);
    const arrow = message && from !== undefined ? { from, to: lifelineOf(message.to), lost: message.lost === true } : undefined;
    events.push({ step, lifeline, ...(arrow ? { arrow } : {}), fault: faultOf(model, s.action, step) });
    before = s.state;
  });
  return { lifelines, events, ...verdictMarks(trace) };
}

function verdictMarks(trace: Trace): Pick<SequenceChart, 'violationStep' | 'triggerStep' | 'loop'> {
  const v = trace.verdict;
  if (v.result === 'ok') return {};
  if (v.kind !== 'liveness') return { violationStep: v.step };
  const loop = v.stutter ? { first: v.step, last: v.step, stutter: true } : { first: v.loopStart + 1, last: v.step, stutter: false };
  return { triggerStep: v.triggerStep, loop };
}
