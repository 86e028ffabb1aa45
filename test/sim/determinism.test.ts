// Goal: the same seed gives the same trace bytes (in-process and across processes); other seeds give other runs.
// Method: simulate built-in and fixture models over many seeds, encode the traces, compare the bytes.
import { fc, test } from '@fast-check/vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fingerprint } from '../../lib/index.js';
import type { Model } from '../../model/index.js';
import { twophaseModel } from '../../model/twophase/index.js';
import { createSwarm, simulate } from '../../sim/index.js';
import { encodeTrace, TRACE_FORMAT, type Trace } from '../../trace/index.js';
import dieHard from '../fixtures/models/die-hard.mjs';
import { scratchDir, simProcess } from '../helpers/cli.js';

function traceBytes(model: Model<any, any>, seed: number, stepsMax = 200): string {
  const run = simulate(model, { seed, stepsMax });
  const trace: Trace = {
    format: TRACE_FORMAT, tool: { name: 'sim', version: 'test' }, model: { source: 'builtin', name: model.name },
    params: {}, engine: 'sim', seed, verdict: run.verdict, initial: run.initial, steps: run.steps,
  };
  return encodeTrace(trace);
}

const models: Model<any, any>[] = [twophaseModel(3, 'none'), twophaseModel(5, 'none'), twophaseModel(4, 'commit-without-all-prepared'), dieHard];

describe('simulate', () => {
  test.prop([fc.nat(2 ** 53 - 1), fc.constantFrom(...models)], { numRuns: 200 })('same seed, same bytes', (seed, model) => {
    expect(traceBytes(model, seed)).toBe(traceBytes(model, seed));
  });

  it('different seeds give different runs', () => {
    const runs = new Set(Array.from({ length: 50 }, (_, seed) => traceBytes(twophaseModel(4, 'none'), seed)));
    expect(runs.size).toBeGreaterThan(40);
  });

  it('time never goes backwards and every step is an enabled action', () => {
    for (let seed = 0; seed < 50; seed++) {
      const model = twophaseModel(3, 'none');
      const run = simulate(model, { seed, stepsMax: 300 });
      let state = model.init()[run.initial.index];
      let time = 0;
      for (const step of run.steps) {
        expect(step.time ?? 0).toBeGreaterThanOrEqual(time);
        time = step.time ?? 0;
        expect(model.actions(state!).map((a) => JSON.stringify(a))).toContain(JSON.stringify(step.action));
        state = model.next(state!, step.action as never);
        expect(fingerprint(state)).toBe(step.fingerprint);
      }
    }
  });

  it('finds the seeded TwoPhase bug within a few swarm seeds (plain runs rarely fault), and ends at final states otherwise', () => {
    const swarm = createSwarm(twophaseModel(3, 'commit-without-all-prepared'));
    const verdicts = Array.from({ length: 200 }, (_, seed) => swarm.run(seed).run.verdict.result);
    expect(verdicts).toContain('violation');
    const clean = Array.from({ length: 50 }, (_, seed) => simulate(twophaseModel(3, 'none'), { seed }).verdict);
    expect(clean.every((v) => v.result === 'ok' && v.end === 'final')).toBe(true);
  });
});

describe('sim run across processes', () => {
  it('writes byte-identical trace files for the same seed, and different ones for another seed', () => {
    const dir = scratchDir();
    for (const [file, seed] of [['a.trace.json', '42'], ['b.trace.json', '42'], ['c.trace.json', '43']] as const) {
      const r = simProcess(['run', '--seed', seed, '--model', 'twophase', '--param', 'rm=4', '--out', file], dir);
      expect(r.code).toBe(0);
    }
    const [a, b, c] = ['a', 'b', 'c'].map((n) => readFileSync(join(dir, `${n}.trace.json`), 'utf8'));
    expect(a).toBe(b);
    expect(a).not.toBe(c);
  });
});
