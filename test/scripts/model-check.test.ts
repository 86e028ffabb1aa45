// Goal: sim-model-check treats its flags as `sim` does (help, one line and exit 2 for bad usage) and, in a
// user's project, checks the user's model files and replays their traces. Method: run the script as a process.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot, scratchDir, simProcess, type SimOutput } from '../helpers/cli.js';

function modelCheck(args: string[], cwd = scratchDir()): SimOutput {
  const r = spawnSync(process.execPath, [join(repoRoot, 'scripts/model-check.mjs'), ...args], { cwd, encoding: 'utf8', env: { ...process.env, CI: 'true' } });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

const COUNTER = `export const params = { limit: 3, bug: 'none' };
export default (p) => ({
  name: 'counter',
  init: () => [{ n: 0 }],
  actions: (s) => (s.n < p.limit ? [{ type: 'Inc' }] : []),
  next: (s) => ({ n: s.n + (p.bug === 'skip' ? 2 : 1) }),
  invariants: { Bounded: (s) => s.n <= p.limit },
  final: (s) => s.n >= p.limit,
});
`;

/** A user's project: a CommonJS package (as `npm init -y` writes it) with one model file. */
function userProject(): string {
  const dir = scratchDir();
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'user-project', version: '1.0.0', type: 'commonjs' }));
  mkdirSync(join(dir, 'models'));
  writeFileSync(join(dir, 'models', 'counter.mjs'), COUNTER);
  return dir;
}

describe('sim-model-check flags', () => {
  it('--help prints the usage and exits 0', () => {
    const r = modelCheck(['--help']);
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect(r.stdout).toMatch(/^usage: sim-model-check --model FILE\|NAME/);
    expect(r.stdout).toContain('--builtin');
  });

  it.each([
    [['--frob'], /^sim-model-check: unknown flag --frob; known flags: --model, --builtin, .*--help \(sim-model-check --help\)$/],
    [['--out'], /^sim-model-check: Option '--out <value>' argument missing$/],
    [['--list=yes'], /does not take an argument/],
    [['models/counter.mjs'], /takes no arguments; unexpected 'models\/counter\.mjs' \(name model files with --model\)/],
    [['--model', './models/missing.mjs'], /^sim-model-check: model file \.\/models\/missing\.mjs does not exist$/],
    [['--model', './models'], /model file \.\/models is not a file/],
    [['--model', 'nosuch'], /unknown model 'nosuch'; built-in models: checkpointed-log, twophase, blcr, dmlog/],
    [['--model', './models/counter.mjs', '--traces', 'package.json'], /--traces package\.json is not a directory/],
    [['--model', './models/counter.mjs', '--out', 'package.json'], /--out package\.json is not a directory/],
    [['--corpus-only', '--no-corpus'], /--corpus-only and --no-corpus exclude each other/],
    [['--builtin', '--model', 'twophase'], /--builtin and --model exclude each other/],
    [['--builtin', '--corpus-only'], /--corpus-only checks no model/],
  ])('%j is bad usage: exit 2, one line', (args, pattern) => {
    const r = modelCheck(args, userProject());
    expect(r.code, r.stderr).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(r.stderr.trimEnd()).toMatch(pattern);
  });

  it('--debug adds the stack trace', () => {
    const r = modelCheck(['--frob', '--debug']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^sim-model-check: unknown flag --frob/);
    expect(r.stderr).toMatch(/\n\s+at /);
  });

  it("without --model in a user's project it asks for the model files, and checks nothing of its own", () => {
    const dir = userProject();
    const r = modelCheck([], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      "sim-model-check: no models to check: name your model files with --model ./models/lock.mjs (repeatable), or --corpus-only to replay traces only (--builtin checks this tool's own models)\n",
    );
    expect(existsSync(join(dir, 'model-check-reports'))).toBe(false);
  });

  it('--list prints the built-in model names for a CI matrix', () => {
    const r = modelCheck(['--list']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual(['checkpointed-log', 'twophase', 'blcr', 'dmlog']);
  });
});

describe("sim-model-check in a user's project", () => {
  it('checks the model file, then replays its traces with that file', () => {
    const dir = userProject();
    mkdirSync(join(dir, 'traces'));
    const run = simProcess(['run', '--seed', '1', '--model', './models/counter.mjs', '--out', 'traces/counter.trace.json'], dir);
    expect(run.code, run.stderr).toBe(0);
    const r = modelCheck(['--model', './models/counter.mjs', '--out', 'reports'], dir);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^check \.\/models\/counter\.mjs\s+ok\s+4 states/m);
    expect(r.stdout).toMatch(/^replay traces\/counter\.trace\.json\s+reproduces/m);
    expect(readFileSync(join(dir, 'reports/junit/counter.xml'), 'utf8')).toContain('<testsuite');
    expect(readFileSync(join(dir, 'reports/junit/traces.xml'), 'utf8')).toContain('tests="1" failures="0"');
  });

  it('takes a --traces folder that does not exist yet as an empty corpus (git keeps no empty folder)', () => {
    const r = modelCheck(['--model', './models/counter.mjs', '--traces', 'traces', '--out', 'reports'], userProject());
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^replay traces\s+no traces/m);
  });

  it('fails with exit 1 and keeps the counterexample when a model breaks an invariant', () => {
    const dir = userProject();
    writeFileSync(join(dir, 'models', 'counter.mjs'), COUNTER.replace("bug: 'none'", "bug: 'skip'"));
    const r = modelCheck(['--model', './models/counter.mjs', '--no-corpus', '--out', 'reports'], dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/model-check FAILED .*\n {2}sim check --model \.\/models\/counter\.mjs: violation \(invariant Bounded at depth 2\); counterexample reports\/counterexamples\/counter\.trace\.json/);
    expect(existsSync(join(dir, 'reports/counterexamples/counter.trace.json'))).toBe(true);
  });
});
