// Goal: swarm shards partition a seed range exactly, a seed's mix and run are a function of the seed, each failure is printed
// with its mix, --stop-after stops, and merged shard results equal one unsharded run. Method: fast-check; the CLI in-process.
import { fc, test } from '@fast-check/vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkpointedLogModel } from '../../model/checkpointed-log/index.js';
import { createSwarm, hasStruck, kindMixIn, mixOf, shardSeeds } from '../../sim/index.js';
import { twophaseModel } from '../../model/twophase/index.js';
import { scratchDir, sim } from '../helpers/cli.js';

const twophaseBug = ['--model', 'twophase', '--param', 'bug=commit-without-all-prepared'];

describe('swarm', () => {
  test.prop([fc.nat(1000), fc.nat(200), fc.integer({ min: 1, max: 9 })])('shards cover the range once', (from, span, n) => {
    const all = Array.from({ length: n }, (_, i) => shardSeeds({ from, to: from + span }, { index: i, count: n })).flat().sort((a, b) => a - b);
    expect(all).toEqual(Array.from({ length: span + 1 }, (_, i) => from + i));
  });

  it('draws the same mix and run from the same seed, and varies the mix across seeds', () => {
    expect(mixOf(17)).toEqual(mixOf(17));
    const mixes = Array.from({ length: 60 }, (_, s) => mixOf(s));
    expect(new Set(mixes.map((m) => JSON.stringify(m.kindsOn))).size).toBe(4);
    expect(new Set(mixes.map((m) => m.variedTiming)).size).toBe(2);
    const swarm = createSwarm(checkpointedLogModel({ bug: 'lost-dirty-bit' }));
    expect(swarm.run(5)).toEqual(createSwarm(checkpointedLogModel({ bug: 'lost-dirty-bit' })).run(5));
  });

  it('pins the mix of seed 1 and where its faults strike (a change to the swarm changes every seed: update deliberately)', () => {
    const horizon = { steps: 40, faultKinds: ['DaemonCrash'], enablings: { DaemonCrash: 1 } };
    expect({ mix: mixOf(1), crash: kindMixIn(mixOf(1), 'DaemonCrash', horizon) }).toMatchInlineSnapshot(`
      {
        "crash": {
          "from": {
            "at": 1,
            "unit": "enabling",
          },
          "prompt": false,
          "ratio": {
            "denominator": 30,
            "numerator": 1,
          },
        },
        "mix": {
          "kindsOn": {
            "denominator": 4,
            "numerator": 1,
          },
          "salt": 7780265815278143,
          "variedTiming": true,
        },
      }
    `);
  });

  it('places onsets within the horizon, in steps or in the kind\'s own enablings', () => {
    const horizon = { steps: 50, faultKinds: ['LoseDatagram'], enablings: { LoseDatagram: 12 } };
    const onsets = Array.from({ length: 400 }, (_, s) => kindMixIn(mixOf(s), 'LoseDatagram', horizon)).filter((k) => k.ratio.numerator > 0);
    for (const k of onsets) expect(k.from.at).toBeLessThanOrEqual(k.from.unit === 'step' ? 49 : 12);
    expect(new Set(onsets.map((k) => k.from.unit))).toEqual(new Set(['step', 'enabling']));
    const k = onsets.find((o) => o.from.unit === 'enabling')!;
    expect([hasStruck(k, { step: 1000, enablings: k.from.at - 1 }), hasStruck(k, { step: 0, enablings: k.from.at })]).toEqual([false, true]);
  });

  it('bounds runs by four times the horizon unless told', () => {
    const swarm = createSwarm(twophaseModel(3, 'none'));
    expect(swarm.stepsMax).toBe(100); // 4 x 10 steps, raised to the floor of 100
    expect(createSwarm(twophaseModel(3, 'none'), 7).stepsMax).toBe(7);
  });

  it('merged shard results equal the unsharded run, and failures replay', async () => {
    const dir = scratchDir();
    const args = [...twophaseBug, '--seeds', '0..59', '--json', '--out-dir', 'out'];
    const whole = await sim(['swarm', ...args], dir);
    expect(whole.code).toBe(1);
    for (const i of [0, 1, 2]) writeFileSync(join(dir, `s${i}.json`), (await sim(['swarm', ...args, '--shard', `${i}/3`], dir)).stdout);
    const merged = await sim(['swarm', 'merge', 's0.json', 's1.json', 's2.json', '--json'], dir);
    const a = JSON.parse(whole.stdout);
    const b = JSON.parse(merged.stdout);
    expect(b.failures).toEqual(a.failures);
    expect([b.runs, b.ok]).toEqual([a.runs, a.ok]);
    expect(a.failures.length).toBeGreaterThan(0);
    const replay = await sim(['replay', a.failures[0].trace, '--no-tui'], dir);
    expect(replay.code).toBe(0);
    const partial = await sim(['swarm', 'merge', 's0.json', 's2.json'], dir);
    expect(partial.stdout).toContain('shards 1/3 are missing');
    expect(readFileSync(join(dir, a.failures[0].trace), 'utf8')).toContain('"engine": "sim"');
  });

  it('prints each failing seed with its mix, and stops after N failures with --stop-after', async () => {
    const all = await sim(['swarm', ...twophaseBug, '--seeds', '1..200'], scratchDir());
    const seeds = [...all.stdout.matchAll(/^ {2}seed (\d+): TCConsistent fails/gm)].map((m) => Number(m[1]));
    expect(seeds.length).toBeGreaterThan(2);
    expect(all.stdout).toMatch(/^ {4}faults: RMChooseToAbort (off|\d+\/\d+ per step from (step \d+|its \d+(st|nd|rd|th) enabling), (at once|after its latency))/m);
    const stopped = await sim(['swarm', ...twophaseBug, '--seeds', '1..200', '--stop-after', '2', '--json'], scratchDir());
    const result = JSON.parse(stopped.stdout);
    expect(stopped.code).toBe(1);
    expect(result.failures.map((f: { seed: number }) => f.seed)).toEqual(seeds.slice(0, 2));
    expect(result.runs).toBe(seeds[1]); // seeds run from 1, so the second failing seed is the count run
  });

  it('refuses bad ranges, shards, --stop-after and results of another format', async () => {
    const dir = scratchDir();
    writeFileSync(join(dir, 'old.json'), JSON.stringify({ swarm: 1, shards: [], failures: [], runs: 0 }));
    for (const [args, pattern] of [
      [['swarm', '--seeds', '5..1'], /is empty/],
      [['swarm', '--seeds', '1-5'], /--seeds must be A..B/],
      [['swarm', '--seeds', '1..5', '--shard', '3/3'], /index must be below 3/],
      [['swarm', '--seeds', '1..5', '--stop-after', '0'], /--stop-after must be a decimal integer 1 <= N < 2\^53; got 0/],
      [['swarm'], /needs --seeds/],
      [['swarm', 'merge', 'old.json'], /format 1; this sim reads format 2/],
    ] as const) {
      const r = await sim([...args], dir);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(pattern);
    }
  });
});
