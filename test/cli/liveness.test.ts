// Goal: plain `sim check` checks liveness after safety, reports a lasso, and replay verifies the lasso.
// Method: the lock-starve fixture (p1 starves under weak fairness) through the CLI, then a tampered trace.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixture, scratchDir, sim } from '../helpers/cli.js';

describe('liveness in sim check', () => {
  it('reports a lasso as a violation of kind liveness, and replays it', async () => {
    const dir = scratchDir();
    const model = fixture('lock-starve.mjs');
    const r = await sim(['check', '--model', model, '--json', '--out', 'l.trace.json'], dir);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).violation).toEqual({ kind: 'liveness', name: 'P1Enters', depth: 2, triggerStep: 0, loopStart: 0, stutter: false, trace: 'l.trace.json' });
    expect((await sim(['replay', 'l.trace.json', '--no-tui', '--model', model], dir)).code).toBe(0);
    const text = readFileSync(join(dir, 'l.trace.json'), 'utf8');
    writeFileSync(join(dir, 'bad.trace.json'), text.replace('"loopStart":0', '"loopStart":1'));
    const bad = await sim(['replay', 'bad.trace.json', '--no-tui', '--model', model], dir);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain('the loop does not close');
  });

  it('--no-liveness checks safety only', async () => {
    expect((await sim(['check', '--model', fixture('lock-starve.mjs'), '--no-liveness'])).code).toBe(0);
  });
});

describe('liveness in the JUnit report', () => {
  it('fails the property that fails, and passes the safety cases it followed', async () => {
    const dir = scratchDir();
    await sim(['check', '--model', fixture('lock-starve.mjs'), '--junit', 'j.xml'], dir);
    const xml = readFileSync(join(dir, 'j.xml'), 'utf8');
    expect(xml).toMatch(/<testcase classname="lock-starve.liveness" name="P1Enters" time="0">\s*<failure message="liveness property P1Enters fails[^"]*" type="liveness">/);
    expect(xml).toContain('<testcase classname="lock-starve.invariant" name="OneHolder" time="0"/>');
    expect(xml).toContain('failures="1"');
  });
});
