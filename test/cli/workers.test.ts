// Goal: `sim check --workers N` gives the same verdict, counts, depth and counterexample for every N.
// Method: the built binary (worker threads need compiled code) on models that pass, fail, deadlock and stop at a bound.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixture, scratchDir, simProcess } from '../helpers/cli.js';

function summary(args: string[], workers: number): { json: Record<string, unknown>; trace?: string } {
  const dir = scratchDir();
  // Threads from the first level on (unless the case says otherwise), so that small models run on them.
  const r = simProcess(['check', '--parallel-from', '1', ...args, '--workers', String(workers), '--json', '--out', 'cx.trace.json'], dir);
  expect(r.stderr).not.toMatch(/^sim: /m);
  // Time and memory are not results: the threads share a seen set sized for them, and keep no parent links.
  const { elapsedMs: _e, statesPerSecond: _s, seenBytesPerState: _b, parentBytesPerState: _p, ...json } = JSON.parse(r.stdout) as Record<string, unknown>;
  let trace: string | undefined;
  try {
    trace = readFileSync(join(dir, 'cx.trace.json'), 'utf8');
  } catch {
    trace = undefined;
  }
  return { json, trace };
}

describe('--workers', () => {
  it.each([
    [['--model', 'twophase', '--param', 'rm=5']],
    [['--model', 'twophase', '--param', 'rm=4', '--param', 'bug=commit-without-all-prepared']],
    [['--model', 'twophase', '--param', 'rm=5', '--max-states', '3000']],
    [['--model', 'twophase', '--param', 'rm=5', '--max-depth', '16']],
    [['--model', 'twophase', '--param', 'rm=5', '--parallel-from', '400']],
    // Past the shared seen set's first size, so that the threads pause while it grows.
    [['--model', 'twophase', '--param', 'rm=7', '--parallel-from', '4096']],
    [['--model', 'twophase', '--param', 'rm=7', '--max-states', '250000', '--parallel-from', '4096']],
    [['--model', fixture('die-hard.mjs')]],
    // One state's successors overflow the smallest shared set: the search runs again in one thread.
    [['--model', fixture('wide.mjs')]],
    [['--model', 'dmlog', '--no-liveness', '--parallel-from', '1000']],
    [['--model', fixture('counter.mjs'), '--param', 'finalAtLimit=false']],
    [['--model', 'blcr', '--param', 'bug=dead-target-hang', '--param', 'targetFault=die']],
  ])('%j: the same result with 1, 2 and 3 workers', (args) => {
    const one = summary(args, 1);
    for (const n of [2, 3]) {
      const many = summary(args, n);
      expect(many.json).toEqual(one.json);
      expect(many.trace).toEqual(one.trace);
    }
  });
});

describe('--workers and the shared seen set', () => {
  it('grows the set while the threads run, and counts as one thread does', () => {
    const args = ['check', '--model', 'twophase', '--no-symmetry', '--param', 'rm=7', '--parallel-from', '4096', '--json'];
    const two = JSON.parse(simProcess([...args, '--workers', '2']).stdout) as { distinctStates: number; parentBytesPerState: number };
    const one = JSON.parse(simProcess([...args, '--workers', '1']).stdout) as { distinctStates: number };
    expect(two.distinctStates).toBe(one.distinctStates);
    // The threads finished it themselves (no parent links: no re-run in one thread), though their
    // first shared set had room for about twice the 12,868 states found before the hand-off.
    expect(two.parentBytesPerState).toBe(0);
  });
});

describe('--workers and a state wider than the shared seen set', () => {
  it('runs the search again in one thread, whose result has parent links', () => {
    const r = simProcess(['check', '--model', fixture('wide.mjs'), '--parallel-from', '1', '--workers', '2', '--json']);
    const json = JSON.parse(r.stdout) as { verdict: string; distinctStates: number; parentBytesPerState: number };
    expect([json.verdict, json.distinctStates]).toEqual(['ok', 3008]);
    expect(json.parentBytesPerState).toBeGreaterThan(0);
  });
});

describe('--workers and a model that throws', () => {
  it('reports the model error as one line, as the sequential search does', () => {
    const one = simProcess(['check', '--model', fixture('throws-in-next.mjs')]);
    const two = simProcess(['check', '--model', fixture('throws-in-next.mjs'), '--workers', '2', '--parallel-from', '1']);
    expect(two.code).toBe(2);
    expect(two.stderr).toBe(one.stderr);
  });
});
