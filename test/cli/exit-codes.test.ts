// Goal: every command maps outcomes to exit codes 0/1/2/3, and every bad input is one line, no stack.
// Method: run `sim` in-process (and as a real process where the process boundary matters) on good and bad input.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixture, scratchDir, sim, simProcess } from '../helpers/cli.js';

/** Exit 2 with exactly one line on stderr that matches `pattern`, and nothing on stdout. */
async function expectBadInput(args: string[], pattern: RegExp | string, cwd?: string): Promise<void> {
  const r = await sim(args, cwd);
  expect(r.code, r.stderr).toBe(2);
  expect(r.stdout).toBe('');
  const lines = r.stderr.trimEnd().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^sim: /);
  expect(lines[0]).toMatch(pattern);
  expect(r.stderr).not.toMatch(/\n\s+at /);
}

describe('exit codes', () => {
  it('0: a clean check, a clean run, a reproducing replay, list, help, version', async () => {
    expect((await sim(['check', '--model', 'twophase'])).code).toBe(0);
    expect((await sim(['run', '--seed', '1'])).code).toBe(0);
    expect((await sim(['list'])).code).toBe(0);
    expect((await sim(['--help'])).code).toBe(0);
    expect((await sim(['check', '--help'])).stdout).toContain('usage: sim check');
    expect((await sim(['--version'])).stdout).toMatch(/^sim \d+\.\d+\.\d+\n$/);
  });

  it('1: a violation, with the trace saved and the replay line on stderr', async () => {
    const dir = scratchDir();
    const r = await sim(['check', '--model', 'twophase', '--param', 'bug=commit-without-all-prepared'], dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('violation: invariant TCConsistent fails');
    expect(r.stderr).toContain('replay with: sim replay twophase-TCConsistent.trace.json');
    expect(existsSync(join(dir, 'twophase-TCConsistent.trace.json'))).toBe(true);
    expect((await sim(['replay', 'twophase-TCConsistent.trace.json', '--no-tui'], dir)).code).toBe(0);
  });

  it('1: a deadlock, saved as MODEL-deadlock.trace.json', async () => {
    const dir = scratchDir();
    const r = await sim(['check', '--model', fixture('counter.mjs'), '--param', 'finalAtLimit=false'], dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('deadlock');
    expect(existsSync(join(dir, 'counter-deadlock.trace.json'))).toBe(true);
    expect((await sim(['check', '--model', fixture('counter.mjs'), '--param', 'finalAtLimit=false', '--no-deadlock'], dir)).code).toBe(0);
  });

  it('1: replay of a trace that diverges, naming the step', async () => {
    const dir = scratchDir();
    expect((await sim(['run', '--seed', '3', '--out', 't.trace.json'], dir)).code).toBe(0);
    const text = readFileSync(join(dir, 't.trace.json'), 'utf8');
    const lines = text.split('\n');
    const stepLine = lines.findIndex((l) => l.startsWith('    {"action"')) + 2; // the third step
    lines[stepLine] = (lines[stepLine] as string).replace(/"fingerprint":"[0-9a-f]{16}"/, '"fingerprint":"0000000000000001"');
    writeFileSync(join(dir, 't.trace.json'), lines.join('\n'));
    const r = await sim(['replay', 't.trace.json', '--no-tui'], dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('diverges at step 3:');
  });

  it('3: a search stopped by --max-states or --max-depth', async () => {
    const r = await sim(['check', '--model', 'twophase', '--max-states', '50', '--json']);
    expect(r.code).toBe(3);
    expect(JSON.parse(r.stdout)).toMatchObject({ verdict: 'incomplete', distinctStates: 50, reason: 'statesMax' });
    expect((await sim(['check', '--model', 'twophase', '--max-depth', '3'])).code).toBe(3);
  });

  it('strategies: dfs proves, random samples (exit 3 when it finds nothing), both find the bug', async () => {
    expect(JSON.parse((await sim(['check', '--model', 'twophase', '--strategy', 'dfs', '--json'])).stdout)).toMatchObject({ verdict: 'ok', distinctStates: 80, symmetry: true, classes: 80, strategy: 'dfs' });
    const random = await sim(['check', '--model', 'twophase', '--strategy', 'random', '--seed', '4', '--walks', '20', '--json']);
    expect(random.code).toBe(3);
    expect(JSON.parse(random.stdout)).toMatchObject({ verdict: 'incomplete', reason: 'sampled' });
    const bug = ['--model', 'twophase', '--param', 'bug=commit-without-all-prepared'];
    expect((await sim(['check', ...bug, '--strategy', 'dfs'])).code).toBe(1);
    expect((await sim(['check', ...bug, '--strategy', 'random', '--seed', '1'])).code).toBe(1);
  });

  it('--coverage lists every action type with its count', async () => {
    const r = await sim(['check', '--model', 'twophase', '--coverage']);
    expect(r.stdout).toMatch(/coverage \(action type: times fired\):\n(.*\n)*\s+TMCommit\s+1\n/);
    expect(r.stdout).toContain('fingerprint collision probability:');
  });

  it('--json prints exactly one JSON object with the documented fields', async () => {
    const r = await sim(['check', '--model', 'twophase', '--json']);
    const summary = JSON.parse(r.stdout);
    // TwoPhase's RMs are interchangeable: 80 classes of its 288 states (--no-symmetry counts them all).
    expect(summary).toMatchObject({ model: 'twophase', verdict: 'ok', symmetry: true, classes: 80, distinctStates: 80, transitions: 317, depth: 10 });
    const every = JSON.parse((await sim(['check', '--model', 'twophase', '--no-symmetry', '--json'])).stdout);
    expect(every).toMatchObject({ symmetry: false, distinctStates: 288, transitions: 1145, depth: 10 });
    expect(every).not.toHaveProperty('classes');
    expect(summary).toHaveProperty('elapsedMs');
    expect(summary).toHaveProperty('statesPerSecond');
    const v = JSON.parse((await sim(['check', '--model', 'twophase', '--param', 'bug=commit-without-all-prepared', '--json', '--out', 'x.trace.json'])).stdout);
    expect(v.violation).toEqual({ kind: 'invariant', name: 'TCConsistent', depth: 3, trace: 'x.trace.json' });
    const run = JSON.parse((await sim(['run', '--model', 'twophase', '--seed', '9', '--json'])).stdout);
    expect(run).toMatchObject({ model: 'twophase', seed: 9, verdict: 'ok' });
    expect(typeof run.steps).toBe('number');
    expect(typeof run.virtualTime).toBe('number');
  });
});

describe('bad input: exit 2 and one line', () => {
  it.each([
    [['run', '--seed', '-1'], /^sim: --seed must be a decimal integer 0 <= N < 2\^53; got '-1'$/],
    [['run', '--seed', '1.5'], /--seed must be a decimal integer/],
    [['run', '--seed', 'abc'], /--seed must be a decimal integer/],
    [['run', '--seed', '0x10'], /--seed must be a decimal integer/],
    [['run', '--seed', '9007199254740992'], /below 2\^53/],
    [['run', '--seed', ''], /--seed/],
    [['run'], /needs --seed/],
    [['frobnicate'], /unknown command 'frobnicate'; the commands are: run, check, replay, swarm, validate, drive, list, ulog/],
    [['check', '--frob'], /unknown flag --frob for sim check; known flags: /],
    [['check', '--model', 'nosuch'], /unknown model 'nosuch'; built-in models: checkpointed-log, twophase/],
    [['check', '--model', 'twophase', '--param', 'nosuch=1'], /unknown parameter 'nosuch' for model twophase; known: rm, bug/],
    [['check', '--model', 'twophase', '--param', 'rm=abc'], /parameter rm of model twophase must be a number/],
    [['check', '--model', 'twophase', '--param', 'rm=0'], /must be at least 1/],
    [['check', '--model', 'twophase', '--param', 'rm=2.5'], /must be an integer/],
    [['check', '--model', 'twophase', '--param', 'bug=nosuch'], /must be one of none, commit-without-all-prepared/],
    [['check', '--param', 'rm'], /--param expects key=value/],
    [['check', '--seed', '3'], /--seed and --walks belong to --strategy random/],
    [['check', '--strategy', 'random', '--walks', '0'], /--walks must be a decimal integer 1 <= N < 2\^53; got 0/],
    [['check', '--max-memory', 'lots'], /--max-memory must be a decimal integer/],
    [['check', '--strategy', 'zigzag'], /unknown --strategy 'zigzag'/],
    [['check', '--max-states', '0'], /--max-states must be a decimal integer 1 <= N < 2\^53; got 0/],
    [['check', 'extra'], /takes no arguments/],
    [['replay'], /needs a trace FILE/],
    [['replay', 'missing.trace.json'], /trace file missing.trace.json does not exist/],
  ])('%j', async (args, pattern) => {
    await expectBadInput(args as string[], pattern);
  });

  it.each([
    ['missing.mjs', /model file .*missing.mjs does not exist/],
    ['throws-on-import.mjs', /failed to load: this module refuses to load/],
    ['throws-in-init.mjs', /model throws-in-init threw in init\(\): no initial state today/],
    ['throws-in-next.mjs', /model throws-in-next threw in next\(\) at step 3: cannot count past two/],
    ['nondeterministic.mjs', /model nondeterministic is not deterministic/],
    ['mutates.mjs', /model mutates is not deterministic: .*mutates its input/],
    ['not-json.mjs', /model not-json: init\(\) returned a state with a Set object at \.seen \(not JSON data\)/],
    ['no-actions.mjs', /its default export is an object with keys name, init, next, invariants \(no actions\(\) function\)/],
    ['actions-not-array.mjs', /model actions-not-array: actions\(\) at step 0 returned undefined, not an array of actions/],
    ['circular.mjs', /model circular: init\(\) returned a circular or too deeply nested value, not a state/],
    ['action-not-json.mjs', /model action-not-json: actions\(\) at step 0 returned actions with a function at \[0\]\.f \(not JSON data\)/],
    ['label-throws.mjs', /threw in label\(\) or actor\(\) at step 1: label broke/],
    ['successors-without-encode.mjs', /successors\(\) works on packed states and needs encode and decode/],
    ['wrong-successors.mjs', /model wrong-successors: successors\(\) gave 1 successors at step 0 where actions\(\) enables 2/],
  ])('model file %s', async (file, pattern) => {
    await expectBadInput(['check', '--model', fixture(file)], pattern);
  });

  it.each([
    ['actions-not-array.mjs', /actions\(\) at step 0 returned undefined, not an array of actions/],
    ['circular.mjs', /circular/],
    ['action-not-json.mjs', /actions\(\) at step 0 returned an action with a function at \.f \(not JSON data\)/],
    ['label-throws.mjs', /threw in label\(\): label broke/],
  ])('model file %s in the simulator', async (file, pattern) => {
    await expectBadInput(['run', '--seed', '1', '--model', fixture(file)], pattern);
  });

  it('a model that throws in the simulator is named with its step', async () => {
    await expectBadInput(['run', '--seed', '1', '--model', fixture('throws-in-next.mjs')], /threw in next\(\) at step 3/);
    await expectBadInput(['run', '--seed', '1', '--model', fixture('nondeterministic.mjs')], /not deterministic/);
  });

  it('foreign, corrupt and future trace files', async () => {
    const dir = scratchDir();
    writeFileSync(join(dir, 'binary.trace.json'), Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 0]));
    writeFileSync(join(dir, 'pkg.json'), '{"name":"x","version":"1.0.0"}');
    writeFileSync(join(dir, 'half.trace.json'), '{"format": 1, "steps": [');
    writeFileSync(join(dir, 'future.trace.json'), '{"format": 9}');
    await expectBadInput(['replay', 'binary.trace.json'], /binary file, not a trace file/, dir);
    await expectBadInput(['replay', 'pkg.json'], /not a sim trace/, dir);
    await expectBadInput(['replay', 'half.trace.json'], /truncated/, dir);
    await expectBadInput(['replay', 'future.trace.json'], /format 9, newer than this sim reads/, dir);
  });

  it('a trace naming an unknown built-in model', async () => {
    const dir = scratchDir();
    await sim(['run', '--model', 'twophase', '--seed', '1', '--out', 't.trace.json'], dir);
    const text = readFileSync(join(dir, 't.trace.json'), 'utf8').replace('"name":"twophase","source":"builtin"', '"name":"zzz","source":"builtin"');
    writeFileSync(join(dir, 't.trace.json'), text);
    await expectBadInput(['replay', 't.trace.json'], /unknown model 'zzz'/, dir);
  });

  it('shows the stack only with --debug (as a real process)', () => {
    const plain = simProcess(['check', '--model', fixture('throws-in-init.mjs')]);
    expect(plain.code).toBe(2);
    expect(plain.stderr.trim().split('\n')).toHaveLength(1);
    const debug = simProcess(['check', '--model', fixture('throws-in-init.mjs'), '--debug']);
    expect(debug.code).toBe(2);
    expect(debug.stderr).toMatch(/\n\s+at /);
  });
});

describe('user model files', () => {
  it('checks a plain .mjs model with exact counts and its shortest violation', async () => {
    const r = await sim(['check', '--model', fixture('die-hard.mjs'), '--json']);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).violation).toMatchObject({ kind: 'invariant', name: 'NotSolved', depth: 6 });
  });

  it('loads a .ts model through tsx', async () => {
    const r = await sim(['check', '--model', fixture('increment-race.ts'), '--json']);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).violation).toMatchObject({ name: 'NoLostUpdate', depth: 4 });
  });

  it('validates declared params and passes them as numbers and booleans', async () => {
    const r = await sim(['check', '--model', fixture('counter.mjs'), '--param', 'limit=7', '--json']);
    expect(JSON.parse(r.stdout)).toMatchObject({ verdict: 'ok', distinctStates: 8, params: { limit: 7, finalAtLimit: true } });
    await expectBadInput(['check', '--model', fixture('counter.mjs'), '--param', 'limt=7'], /unknown parameter 'limt' .*known: limit, finalAtLimit/);
    await expectBadInput(['check', '--model', fixture('counter.mjs'), '--param', 'finalAtLimit=yes'], /must be true or false/);
  });

  it('replays a trace of a model file only when the file is named again', async () => {
    const dir = scratchDir();
    const model = fixture('die-hard.mjs');
    expect((await sim(['check', '--model', model, '--out', 'd.trace.json'], dir)).stderr).toContain(`sim replay d.trace.json --model ${model}`);
    await expectBadInput(['replay', 'd.trace.json'], /made from model file die-hard.mjs; replay it with --model/, dir);
    const ok = await sim(['replay', 'd.trace.json', '--model', model], dir);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('reproduces: all 6 steps match');
  });

  it('warns when the model file changed since the trace was made', async () => {
    const dir = scratchDir();
    const copy = join(dir, 'die-hard.mjs');
    writeFileSync(copy, readFileSync(fixture('die-hard.mjs'), 'utf8'));
    await sim(['check', '--model', './die-hard.mjs', '--out', 'd.trace.json'], dir);
    writeFileSync(copy, `${readFileSync(copy, 'utf8')}\n// edited\n`);
    const r = await sim(['replay', 'd.trace.json', '--model', './die-hard.mjs'], dir);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('differs from the model file the trace was made from');
  });
});
