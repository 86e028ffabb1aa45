// Goal: a log of anything the model does is explained, with or without unlogged steps and from states alone; a log
// with one event the model cannot produce fails exactly there; the search is linear when each event is explained
// one way. Method: fast-check over seeds, four models and the steps kept, against simulator runs turned into logs.
import { fc, test } from '@fast-check/vitest';
import { beforeAll, describe, expect, it } from 'vitest';
import { readNdjsonLog, validateLog } from '../../conformance/index.js';
import type { Model } from '../../model/index.js';
import { logOfRun, longestGap, propertyModels, runOf, type LogForm } from '../helpers/logs.js';

let models: Record<string, Model<unknown, unknown>>;
beforeAll(async () => {
  models = await propertyModels();
});

const modelName = fc.constantFrom('twophase', 'dmlog', 'alternatingBit', 'tokenRing');
const seed = fc.nat({ max: 1_000_000 });
const events = (text: string) => readNdjsonLog(text, 'run.ndjson').events;

describe('every simulator run, turned into a log, is explained', () => {
  test.prop([modelName, seed, fc.constantFrom<LogForm>('actions', 'states', 'both')], { numRuns: 40 })('every step logged, gap 0', (name, s, form) => {
    const model = models[name] as Model<unknown, unknown>;
    const run = runOf(model, s, 40);
    fc.pre(run.steps.length > 0);
    const result = validateLog(model, events(logOfRun(run, form)), { gap: 0 });
    expect(result.verdict).toBe('explained');
    expect(result.explainedPrefix).toBe(run.steps.length);
    expect(result.eventSteps).toEqual(run.steps.map((_, i) => i + 1));
  });

  test.prop([modelName, seed, fc.array(fc.boolean(), { minLength: 40, maxLength: 40 })], { numRuns: 40 })(
    'some steps left out, gap as long as the longest stretch left out',
    (name, s, keep) => {
      const model = models[name] as Model<unknown, unknown>;
      const run = runOf(model, s, 40);
      const kept = (k: number): boolean => keep[k - 1] === true;
      fc.pre(run.steps.some((_, i) => kept(i + 1)));
      const gap = longestGap(run.steps.length, kept);
      const result = validateLog(model, events(logOfRun(run, 'actions', kept)), { gap });
      expect(result.verdict).toBe('explained');
      // The explaining path may be shorter than the run: unlogged steps after the last logged one are not needed.
      expect(result.path.steps.length).toBeLessThanOrEqual(run.steps.length);
    },
  );

  test.prop([modelName, seed, fc.nat({ max: 3 })], { numRuns: 30 })('only states, every second step logged', (name, s, offset) => {
    const model = models[name] as Model<unknown, unknown>;
    const run = runOf(model, s, 30);
    const kept = (k: number): boolean => (k + offset) % 2 === 0;
    fc.pre(run.steps.some((_, i) => kept(i + 1)));
    const result = validateLog(model, events(logOfRun(run, 'states', kept)), { gap: 1 });
    expect(result.verdict).toBe('explained');
  });
});

describe('a log with one event the model cannot produce', () => {
  test.prop([modelName, seed, fc.nat(), fc.constantFrom('action', 'state'), fc.nat({ max: 2 })], { numRuns: 40 })(
    'fails at that line, with the lines before it explained, whatever the gap',
    (name, s, at, kind, gap) => {
      const model = models[name] as Model<unknown, unknown>;
      const run = runOf(model, s, 30);
      fc.pre(run.steps.length > 0);
      const lines = logOfRun(run, 'actions').trimEnd().split('\n');
      const k = at % lines.length;
      lines[k] = kind === 'action' ? '{"action": {"type": "NoModelHasThis"}}' : '{"state": {"noModelHasThis": true}}';
      const result = validateLog(model, events(lines.join('\n')), { gap });
      expect(result.verdict).toBe('unexplained');
      expect(result.explainedPrefix).toBe(k);
      expect(result.nearest.length).toBeGreaterThan(0);
      const path = result.path.steps.length;
      expect(path).toBeGreaterThanOrEqual(k);
      expect(path).toBeLessThanOrEqual(k + gap);
    },
  );

  it('names the nearest states, their enabled actions, and the first field the nearest step differs in', () => {
    const model = models.tokenRing as Model<unknown, unknown>;
    const log = '{"action": {"type": "Pass", "from": 0}}\n{"state": {"holder": 3}}\n';
    const result = validateLog(model, events(log), { gap: 0 });
    expect(result.verdict).toBe('unexplained');
    expect(result.explainedPrefix).toBe(1);
    expect(result.nearest).toHaveLength(1);
    expect(result.nearest[0]).toMatchObject({
      steps: 1,
      enabled: ['Work(node=1)', 'Pass(from=1, to=2)'],
      closest: { label: 'Work(node=1)', part: 'state', mismatch: { path: '.holder', observed: 3, model: 1 } },
    });
  });
});

describe('the search', () => {
  it('costs one search state per event when each event is explained one way (a 20,000-step ring)', () => {
    const model = models.tokenRing as Model<unknown, unknown>;
    const run = runOf(model, 7, 20_000);
    const result = validateLog(model, events(logOfRun(run, 'actions')), { gap: 0 });
    expect(result.verdict).toBe('explained');
    expect(result.searchNodes).toBe(run.steps.length + 1);
  });

  it('matches a first state-only line against the initial state', () => {
    const model = models.tokenRing as Model<unknown, unknown>;
    const result = validateLog(model, events('{"state": {"holder": 0}}\n{"action": {"type": "Work"}}\n'), { gap: 0 });
    expect(result.verdict).toBe('explained');
    expect(result.eventSteps).toEqual([0, 1]);
  });

  it('matches the actor field against the model\'s actor', () => {
    const model = models.tokenRing as Model<unknown, unknown>;
    expect(validateLog(model, events('{"action": {"type": "Pass"}, "actor": "node0"}\n'), { gap: 0 }).verdict).toBe('explained');
    expect(validateLog(model, events('{"action": {"type": "Pass"}, "actor": "node1"}\n'), { gap: 0 }).verdict).toBe('unexplained');
  });

  it('stops at --max-states as incomplete, with what it explained so far', () => {
    const model = models.tokenRing as Model<unknown, unknown>;
    const run = runOf(model, 3, 200);
    const result = validateLog(model, events(logOfRun(run, 'actions')), { gap: 0, nodesMax: 50 });
    expect(result.verdict).toBe('incomplete');
    expect(result.explainedPrefix).toBeGreaterThan(40);
    expect(result.explainedPrefix).toBeLessThan(200);
  });
});
