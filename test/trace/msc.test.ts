// Goal: the sequence chart as data has one lifeline per actor in order of first part, one event per step on its actor's line, arrows exactly where the model's message hook says, faults, the violating step, and a liveness loop bracketed.
// Method: the real TwoPhase counterexample pinned; fast-check over synthetic traces for a model without hooks; hand-made hooks and verdicts for ordering, the pre-state passed, lost messages, lassos and a misbehaving hook.
import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { ModelError } from '../../lib/index.js';
import { twophaseModel } from '../../model/twophase/index.js';
import { sequenceChart, type ChartModel, type Trace, type TraceVerdict } from '../../trace/index.js';
import { traceArb } from '../helpers/replay-arbitraries.js';
import { syntheticTrace, twophaseCounterexample } from '../helpers/traces.js';

const bare: ChartModel = { name: 'bare' };
const withVerdict = (trace: Trace, verdict: TraceVerdict): Trace => ({ ...trace, verdict });

describe('sequenceChart', () => {
  it('draws the TwoPhase counterexample: the commit received by rm2 after rm1 aborted, the abort a fault', () => {
    const model = twophaseModel(3, 'commit-without-all-prepared');
    const chart = sequenceChart(twophaseCounterexample(), model);
    expect(chart.lifelines).toEqual(['TM', 'rm1', 'rm2']);
    expect(chart.events).toEqual([
      { step: 1, lifeline: 0, fault: false },
      { step: 2, lifeline: 1, fault: true },
      { step: 3, lifeline: 2, arrow: { from: 0, to: 2, lost: false }, fault: false },
    ]);
    expect(chart.violationStep).toBe(3);
    expect(chart.loop).toBeUndefined();
  });

  test.prop([traceArb])('without hooks: each step an event on its actor\'s lifeline, lifelines in order of first appearance, no arrows', (trace) => {
    const chart = sequenceChart(trace, bare);
    expect(chart.events.map((e) => chart.lifelines[e.lifeline])).toEqual(trace.steps.map((s) => s.actor));
    expect(chart.events.map((e) => e.step)).toEqual(trace.steps.map((_, i) => i + 1));
    expect(chart.lifelines).toEqual([...new Set(trace.steps.map((s) => s.actor))]);
    expect(chart.events.some((e) => e.arrow !== undefined || e.fault)).toBe(false);
  });

  it('puts a transport between the sender and the receiver it carries a message to, and asks the hook in the state before the step', () => {
    const trace = syntheticTrace(4, { actors: ['netlink', 'kernel'], actorAt: (k) => (k === 4 ? 1 : 0) });
    const seen: unknown[] = [];
    const model: ChartModel = {
      name: 'relay',
      message: (a, s) => {
        seen.push((s as { step: number }).step);
        const k = (a as { k: number }).k;
        return k === 1 ? { from: 'kernel', to: 'daemon' } : k === 2 ? { from: 'daemon', to: 'kernel', lost: true } : undefined;
      },
    };
    const chart = sequenceChart(trace, model);
    expect(seen).toEqual([0, 1, 2, 3]);
    expect(chart.lifelines).toEqual(['kernel', 'netlink', 'daemon']);
    expect(chart.events.map((e) => e.arrow)).toEqual([{ from: 0, to: 2, lost: false }, { from: 2, to: 0, lost: true }, undefined, undefined]);
    expect(chart.events.map((e) => e.lifeline)).toEqual([1, 1, 1, 0]);
  });

  it('marks the faults the model names', () => {
    const chart = sequenceChart(syntheticTrace(5), { name: 'f', isFault: (a) => (a as { k: number }).k % 2 === 0 });
    expect(chart.events.map((e) => e.fault)).toEqual([false, true, false, true, false]);
  });

  it('marks the step of an invariant violation or a deadlock, and nothing on an ok run', () => {
    expect(sequenceChart(syntheticTrace(6, { verdict: 'violation' }), bare).violationStep).toBe(6);
    expect(sequenceChart(syntheticTrace(6, { verdict: 'deadlock' }), bare).violationStep).toBe(6);
    const ok = sequenceChart(syntheticTrace(6, { verdict: 'ok' }), bare);
    expect([ok.violationStep, ok.triggerStep, ok.loop]).toEqual([undefined, undefined, undefined]);
  });

  it('brackets a liveness loop (steps loopStart+1..step) and marks the state where the trigger holds', () => {
    const lasso: TraceVerdict = { result: 'violation', kind: 'liveness', name: 'Done', step: 7, triggerStep: 2, loopStart: 4, stutter: false };
    const chart = sequenceChart(withVerdict(syntheticTrace(7), lasso), bare);
    expect(chart.loop).toEqual({ first: 5, last: 7, stutter: false });
    expect(chart.triggerStep).toBe(2);
    expect(chart.violationStep).toBeUndefined();
  });

  it('brackets the last state alone when the run stutters there forever', () => {
    const stutter: TraceVerdict = { result: 'violation', kind: 'liveness', name: 'Done', step: 3, triggerStep: 0, loopStart: 3, stutter: true };
    expect(sequenceChart(withVerdict(syntheticTrace(3), stutter), bare).loop).toEqual({ first: 3, last: 3, stutter: true });
  });

  it('reports a hook that throws or answers nonsense as the model\'s error, naming the step', () => {
    const trace = syntheticTrace(3);
    const throws: ChartModel = { name: 'm', message: (a) => { if ((a as { k: number }).k === 2) throw new Error('boom'); return undefined; } };
    expect(() => sequenceChart(trace, throws)).toThrow(new ModelError('model m threw in message() at step 2: boom'));
    const nonsense = { name: 'm', message: () => ({ from: 1, to: 'x' }) } as unknown as ChartModel;
    expect(() => sequenceChart(trace, nonsense)).toThrow(/model m: message\(\) at step 1 must return \{from, to\}.*got \{"from":1,"to":"x"\}/);
    expect(() => sequenceChart(trace, { name: 'm', isFault: () => { throw new Error('no'); } })).toThrow('model m threw in isFault() at step 1: no');
  });
});
