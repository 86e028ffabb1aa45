// Goal: `sim check` under symmetry reports classes in its summary, gives the same classes over worker threads, saves a
// counterexample that `sim replay` reproduces, and refuses an unsound representative and liveness under symmetry with one line.
// Method: the built binary (worker threads need compiled code) on TwoPhase and on model files that wrap it.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { expectRefused, repoRoot, scratchDir, simProcess } from '../helpers/cli.js';

/** A model file in `dir` that builds TwoPhase rm=3 and changes it by `change` (JavaScript taking `m`, returning a model). */
function twophaseFile(dir: string, change: string): string {
  const dist = pathToFileURL(join(repoRoot, 'dist/model/index.js')).href;
  const file = join(dir, 'model.mjs');
  writeFileSync(
    file,
    `import { builtinModels } from ${JSON.stringify(dist)};\n` +
      `const m = builtinModels.find((e) => e.name === 'twophase').create({ rm: 3, bug: 'none' });\n` +
      `export default (${change})(m);\n`,
  );
  return file;
}

const json = (args: string[], dir = scratchDir()): Record<string, unknown> => {
  const r = simProcess(['check', ...args, '--json'], dir);
  expect(r.stderr).not.toMatch(/^sim: /m);
  return JSON.parse(r.stdout) as Record<string, unknown>;
};

describe('sim check under symmetry', () => {
  it('reports the classes, the same over 1 and 2 worker threads; --no-symmetry counts every state', () => {
    const args = ['--model', 'twophase', '--param', 'rm=5', '--parallel-from', '1'];
    const one = json([...args, '--workers', '1']);
    const two = json([...args, '--workers', '2']);
    expect(one).toMatchObject({ verdict: 'ok', symmetry: true, classes: 314, distinctStates: 314 });
    expect([two.symmetry, two.classes, two.transitions, two.depth]).toEqual([true, one.classes, one.transitions, one.depth]);
    expect(json([...args, '--workers', '2', '--no-symmetry'])).toMatchObject({ symmetry: false, distinctStates: 8832 });
  });

  it('saves a counterexample of the model itself, which sim replay reproduces step by step', () => {
    const dir = scratchDir();
    for (const workers of ['1', '2']) {
      const r = simProcess(['check', '--model', 'twophase', '--param', 'rm=4', '--param', 'bug=commit-without-all-prepared', '--parallel-from', '1', '--workers', workers, '--out', `cx${workers}.json`], dir);
      expect(r.code, r.stderr).toBe(1);
      expect(r.stdout).toMatch(/after 3 steps/);
      const replay = simProcess(['replay', `cx${workers}.json`, '--no-tui'], dir);
      expect(replay.code, replay.stderr).toBe(0);
      expect(replay.stdout).toMatch(/reproduces: all 3 steps match; verdict violation of TCConsistent at step 3/);
    }
  });

  it('refuses a representative that is not sound: exit 2, one line naming the state', () => {
    const dir = scratchDir();
    const file = twophaseFile(dir, '(m) => ({ ...m, representative: (s) => ({ ...s, rmState: [...s.rmState].sort() }) })');
    expectRefused(simProcess(['check', '--model', file], dir), /representative\(\) is not sound at .*\(fingerprint [0-9a-f]+\): /);
    expect(simProcess(['check', '--model', file, '--no-symmetry'], dir).code).toBe(0);
  });

  it('refuses liveness under symmetry with one line; --no-symmetry or --no-liveness checks the rest', () => {
    const dir = scratchDir();
    const file = twophaseFile(dir, "(m) => ({ ...m, liveness: { decides: { statement: 'The TM decides.', goal: (s) => s.tmState !== 'init' } } })");
    expectRefused(simProcess(['check', '--model', file], dir), /liveness is not checked under symmetry .*--no-symmetry/);
    expect(simProcess(['check', '--model', file, '--no-symmetry'], dir).code).toBe(0);
    expect(simProcess(['check', '--model', file, '--no-liveness'], dir).code).toBe(0);
  });
});
