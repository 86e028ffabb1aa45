// Goal: replay accepts a trace that reproduces, and names the exact step where one diverges.
// Method: simulate a trace, then tamper with one step (action, fingerprint, verdict) or change the model.
import { describe, expect, it } from 'vitest';
import { checker } from '../../checker/index.js';
import { twophaseModel } from '../../model/twophase/index.js';
import { simulate } from '../../sim/index.js';
import { replayTrace, TRACE_FORMAT, verifyTrace, type Trace, type TraceStep } from '../../trace/index.js';

function simTrace(seed: number): Trace {
  const run = simulate(twophaseModel(3, 'none'), { seed });
  return {
    format: TRACE_FORMAT, tool: { name: 'sim', version: 'test' }, model: { source: 'builtin', name: 'twophase' },
    params: { rm: 3, bug: 'none' }, engine: 'sim', seed, verdict: run.verdict, initial: run.initial, steps: run.steps,
  };
}

const withStep = (t: Trace, i: number, change: Partial<TraceStep>): Trace => ({ ...t, steps: t.steps.map((s, j) => (j === i ? { ...s, ...change } : s)) });

describe('replayTrace', () => {
  it('reproduces simulator traces of many seeds', () => {
    for (let seed = 0; seed < 30; seed++) expect(replayTrace(twophaseModel(3, 'none'), simTrace(seed)).reproduces).toBe(true);
  });

  it('names the step whose action is no longer enabled', () => {
    const t = simTrace(1);
    const outcome = replayTrace(twophaseModel(3, 'none'), withStep(t, 3, { action: { type: 'TMCommit', extra: 1 } }));
    expect(outcome).toMatchObject({ reproduces: false, step: 4 });
    expect(!outcome.reproduces && outcome.reason).toContain('is not enabled');
  });

  it('names the step whose fingerprint differs, with the first differing field', () => {
    const t = simTrace(1);
    const outcome = replayTrace(twophaseModel(3, 'none'), withStep(t, 5, { fingerprint: '0123456789abcdef' }));
    expect(outcome).toMatchObject({ reproduces: false, step: 6 });
  });

  it('detects a model that changed behaviour since the trace was made', () => {
    const t = simTrace(2);
    const changed = { ...twophaseModel(3, 'none'), next: (s: any, a: any) => ({ ...twophaseModel(3, 'none').next(s, a), tmState: a.type === 'TMCommit' ? 'aborted' : s.tmState }) };
    const commitAt = t.steps.findIndex((s) => (s.action as { type: string }).type === 'TMCommit');
    expect(commitAt).toBeGreaterThan(-1);
    const outcome = replayTrace(changed as any, t);
    expect(outcome).toMatchObject({ reproduces: false, step: commitAt + 1 });
    expect(!outcome.reproduces && outcome.reason).toContain('at .tmState: recorded "committed", re-executed "aborted"');
  });

  it('checks the recorded verdict: a violation must still be a violation', () => {
    const r = checker(twophaseModel(3, 'commit-without-all-prepared')).bfs();
    if (r.verdict !== 'violation') throw new Error('expected a violation');
    const p = r.violation.path;
    const trace: Trace = {
      format: TRACE_FORMAT, tool: { name: 'sim', version: 'test' }, model: { source: 'builtin', name: 'twophase' },
      params: { rm: 3, bug: 'commit-without-all-prepared' }, engine: 'check', seed: null,
      verdict: { result: 'violation', kind: 'invariant', name: 'TCConsistent', step: p.steps.length },
      initial: { index: 0, fingerprint: p.initialFingerprint, state: p.initial }, steps: p.steps,
    };
    expect(replayTrace(twophaseModel(3, 'commit-without-all-prepared'), trace).reproduces).toBe(true);
    // Claimed as ok, the same path diverges where the invariant fails.
    expect(replayTrace(twophaseModel(3, 'commit-without-all-prepared'), { ...trace, verdict: { result: 'ok' } })).toMatchObject({ reproduces: false, step: 3 });
    // Claimed as a deadlock, it diverges too.
    const deadlock = { ...trace, verdict: { result: 'deadlock', kind: 'deadlock', name: 'deadlock', step: 3 } } as Trace;
    expect(replayTrace(twophaseModel(3, 'commit-without-all-prepared'), deadlock).reproduces).toBe(false);
  });

  it('reports a changed initial state at step 0', () => {
    const t = simTrace(3);
    expect(replayTrace(twophaseModel(3, 'none'), { ...t, initial: { ...t.initial, fingerprint: 'ffffffffffffffff' } })).toMatchObject({ reproduces: false, step: 0 });
  });

  it('compares every recorded state with the re-executed one, fingerprint kept or not', () => {
    const t = simTrace(1);
    const edited = withStep(t, 2, { state: { ...(t.steps[2]?.state as object), tmState: 'aborted' } });
    const outcome = replayTrace(twophaseModel(3, 'none'), edited);
    expect(outcome).toMatchObject({ reproduces: false, step: 3 });
    expect(!outcome.reproduces && outcome.reason).toMatch(/^recorded state differs at \.tmState: recorded "aborted", re-executed "(init|committed|aborted)"$/);
    const initial = replayTrace(twophaseModel(3, 'none'), { ...t, initial: { ...t.initial, state: { ...(t.initial.state as object), tmState: 'aborted' } } });
    expect(initial).toEqual({ reproduces: false, step: 0, reason: 'recorded initial state differs at .tmState: recorded "aborted", re-executed "init"' });
  });

  it('compares every recorded label and actor with what re-execution gives', () => {
    const t = simTrace(1);
    const label = replayTrace(twophaseModel(3, 'none'), withStep(t, 1, { label: 'TMAbort' }));
    expect(label).toMatchObject({ reproduces: false, step: 2 });
    expect(!label.reproduces && label.reason).toContain('the trace recorded label "TMAbort", re-execution gives');
    const actor = replayTrace(twophaseModel(3, 'none'), withStep(t, 1, { actor: 'nobody' }));
    expect(!actor.reproduces && actor.reason).toContain('the trace recorded actor "nobody"');
  });

  it('shows only what re-execution gave: steps up to the divergence, the state the model reached, the model\'s statement', () => {
    const t = simTrace(1);
    const edited = withStep(t, 2, { state: { ...(t.steps[2]?.state as object), tmState: 'aborted' } });
    const { outcome, shown } = verifyTrace(twophaseModel(3, 'none'), edited);
    expect(outcome.reproduces).toBe(false);
    expect(shown.steps).toHaveLength(3);
    expect(shown.steps[2]?.state).toEqual(t.steps[2]?.state);
    const reproduced = verifyTrace(twophaseModel(3, 'none'), t);
    expect(reproduced.shown.steps).toEqual(t.steps);
    const r = checker(twophaseModel(3, 'commit-without-all-prepared')).bfs();
    if (r.verdict !== 'violation') throw new Error('expected a violation');
    const p = r.violation.path;
    const claimed: Trace = {
      ...t, engine: 'check', seed: null, params: { rm: 3, bug: 'commit-without-all-prepared' },
      verdict: { result: 'violation', kind: 'invariant', name: 'TCConsistent', statement: 'all is well', step: p.steps.length },
      initial: { index: 0, fingerprint: p.initialFingerprint, state: p.initial }, steps: p.steps,
    };
    const verified = verifyTrace(twophaseModel(3, 'commit-without-all-prepared'), claimed);
    expect(verified.outcome.reproduces).toBe(true);
    expect(verified.shown.verdict).toMatchObject({ statement: twophaseModel(3, 'none').statements?.TCConsistent });
  });
});
