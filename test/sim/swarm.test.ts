// Goal: swarm shards partition a seed range exactly, fault mixes are a function of the seed, and merged
// shard results equal one unsharded run. Method: fast-check over ranges and shard counts; the CLI in-process.
import { fc, test } from '@fast-check/vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { faultMixOf, shardSeeds, swarmRun } from '../../sim/index.js';
import { twophaseModel } from '../../model/twophase/index.js';
import { scratchDir, sim } from '../helpers/cli.js';

describe('swarm', () => {
  test.prop([fc.nat(1000), fc.nat(200), fc.integer({ min: 1, max: 9 })])('shards cover the range once', (from, span, n) => {
    const all = Array.from({ length: n }, (_, i) => shardSeeds({ from, to: from + span }, { index: i, count: n })).flat().sort((a, b) => a - b);
    expect(all).toEqual(Array.from({ length: span + 1 }, (_, i) => from + i));
  });

  it('draws the same fault mix and run from the same seed, and varies the mix across seeds', () => {
    expect(faultMixOf(17)).toEqual(faultMixOf(17));
    const ratios = new Set(Array.from({ length: 50 }, (_, s) => JSON.stringify(faultMixOf(s).faultRatio)));
    expect(ratios.size).toBeGreaterThan(2);
    const model = twophaseModel(3, 'none');
    expect(swarmRun(model, 5).run).toEqual(swarmRun(model, 5).run);
  });

  it('merged shard results equal the unsharded run, and failures replay', async () => {
    const dir = scratchDir();
    const bug = ['--model', 'twophase', '--param', 'bug=commit-without-all-prepared', '--seeds', '0..59', '--json', '--out-dir', 'out'];
    const whole = await sim(['swarm', ...bug], dir);
    expect(whole.code).toBe(1);
    for (const i of [0, 1, 2]) writeFileSync(join(dir, `s${i}.json`), (await sim(['swarm', ...bug, '--shard', `${i}/3`], dir)).stdout);
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

  it('refuses bad ranges and shards', async () => {
    for (const [args, pattern] of [
      [['swarm', '--seeds', '5..1'], /is empty/],
      [['swarm', '--seeds', '1-5'], /--seeds must be A..B/],
      [['swarm', '--seeds', '1..5', '--shard', '3/3'], /index must be below 3/],
      [['swarm'], /needs --seeds/],
    ] as const) {
      const r = await sim([...args]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(pattern);
    }
  });
});
