// Goal: a trace file never runs code the user did not name, a file that is not a trace sim wrote is refused in one
// line (exit 2, no stack), and replay shows only what re-execution gave. Method: mutate a real trace field by field.
import { existsSync, mkdirSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectRefused, fixture, scratchDir, sim, simProcess } from '../helpers/cli.js';

/** A model file that leaves a MARKER file beside itself when it is imported. */
const MARKER_MODEL = `import { writeFileSync } from 'node:fs';
writeFileSync(new URL('./MARKER', import.meta.url), 'imported');
export default { name: 'evil', init: () => [{ n: 0 }], actions: () => [], next: (s) => s, invariants: {} };
`;

type Doc = Record<string, any>;
let dir: string;
let base: Doc;
let bug: Doc;
let counter: Doc;

const read = (file: string): Doc => JSON.parse(readFileSync(join(dir, file), 'utf8'));
const marked = (): boolean => existsSync(join(dir, 'MARKER'));

beforeAll(async () => {
  dir = scratchDir();
  writeFileSync(join(dir, 'evil.mjs'), MARKER_MODEL);
  writeFileSync(join(dir, 'counter.mjs'), readFileSync(fixture('counter.mjs')));
  expect((await sim(['run', '--model', 'twophase', '--seed', '1', '--steps', '5', '--out', 'base.trace.json'], dir)).code).toBe(0);
  expect((await sim(['check', '--model', 'twophase', '--param', 'bug=commit-without-all-prepared', '--out', 'bug.trace.json'], dir)).code).toBe(1);
  expect((await sim(['run', '--model', './counter.mjs', '--seed', '1', '--out', 'counter.trace.json'], dir)).code).toBe(0);
  base = read('base.trace.json');
  bug = read('bug.trace.json');
  counter = read('counter.trace.json');
});

/** Writes a changed copy of `from` (a document, or the text it returns) and names the file. */
function tampered(name: string, from: () => Doc, change: (t: Doc) => unknown): string {
  const t = structuredClone(from());
  const out = change(t);
  const doc = out === undefined ? t : out;
  writeFileSync(join(dir, name), typeof doc === 'string' ? doc : JSON.stringify(doc));
  return name;
}

describe('a trace never runs code the user did not name', () => {
  const evilNames = () => [join(dir, 'evil.mjs'), './evil.mjs', 'evil.mjs', '../evil.mjs', '__proto__', 'constructor'];
  it.each([[['--no-tui']], [['--itf', 'out.itf.json']], [['--format', 'json']], [['--format', 'markdown']]])('a built-in name that is a path is refused before any import (%j)', async (flags) => {
    for (const [i, name] of evilNames().entries()) {
      const file = tampered(`evil-${i}.trace.json`, () => base, (t) => void (t.model = { source: 'builtin', name }));
      expectRefused(await sim(['replay', file, ...flags], dir), /names unknown model '.*' as built-in; built-in models: .*\(a trace never runs a file it names\)$/);
      expect(marked()).toBe(false);
      expect(existsSync(join(dir, 'out.itf.json'))).toBe(false);
    }
  });

  it('as a real process too', () => {
    const file = tampered('evil-process.trace.json', () => base, (t) => void (t.model = { source: 'builtin', name: join(dir, 'evil.mjs') }));
    expectRefused(simProcess(['replay', file, '--no-tui'], dir), /names unknown model/);
    expect(marked()).toBe(false);
  });

  it('a trace of a model file needs --model FILE; a trace names no directory to import from', async () => {
    expectRefused(await sim(['replay', 'counter.trace.json', '--no-tui'], dir), /replay it with --model PATH-TO-counter\.mjs \(a trace never runs code you did not name\)$/);
    expectRefused(await sim(['replay', 'counter.trace.json', '--no-tui', '--model', 'twophase'], dir), /replay it with --model/);
    const file = tampered('dir-file.trace.json', () => counter, (t) => void (t.model.file = '../evil.mjs'));
    expectRefused(await sim(['replay', file, '--no-tui'], dir), /model\.file must be a file name, without a directory$/);
    expect((await sim(['replay', 'counter.trace.json', '--no-tui', '--model', './counter.mjs'], dir)).code).toBe(0);
    expect(marked()).toBe(false);
  });
});

/** [case, change to the twophase simulator trace, what the one line says]. */
const shapes: [string, (t: Doc) => unknown, RegExp][] = [
  ['format as a string', (t) => void (t.format = '1'), /"format" must be a positive integer; got "1"$/],
  ['format 2', (t) => void (t.format = 2), /uses trace format 2, newer than this sim reads \(format 1\); upgrade sim$/],
  ['a fractional format', (t) => void (t.format = 1.5), /"format" must be a positive integer; got 1\.5$/],
  ['tool null', (t) => void (t.tool = null), /tool must be an object$/],
  ['model null', (t) => void (t.model = null), /model must be an object$/],
  ['model without a name', (t) => void (t.model = { source: 'builtin' }), /model\.name is missing$/],
  ['a model name that is a number', (t) => void (t.model.name = 5), /model\.name must be a string$/],
  ['a model source of its own', (t) => void (t.model.source = 'url'), /model\.source must be builtin or file; got 'url'$/],
  ['params as an array', (t) => void (t.params = []), /params must be an object$/],
  ['a nested parameter', (t) => void (t.params.rm = { x: 1 }), /params\.rm must be a number, string or boolean$/],
  ['a parameter of the wrong type', (t) => void (t.params.rm = 'three'), /parameter rm of model twophase must be a number; got 'three'$/],
  ['a parameter out of range', (t) => void (t.params.rm = 1e9), /parameter rm of model twophase must be at most \d+; got 1000000000$/],
  ['an engine of its own', (t) => void (t.engine = 5), /engine must be sim or check; got 5$/],
  ['a negative seed', (t) => void (t.seed = -1), /seed must be null or a non-negative integer$/],
  ['a seed too large for a double', (t) => JSON.stringify(t).replace('"seed":1', '"seed":1e400'), /has a number too large for a double \(at \.seed\)$/],
  ['no initial state', (t) => void delete t.initial, /trace\.initial is missing$/],
  ['an initial index as a string', (t) => void (t.initial.index = '0'), /initial\.index must be a non-negative integer$/],
  ['an initial fingerprint too short', (t) => void (t.initial.fingerprint = 'abc'), /initial\.fingerprint must be 16 lower-case hex digits$/],
  ['steps as an object', (t) => void (t.steps = {}), /steps must be an array$/],
  ['a null step', (t) => void (t.steps[0] = null), /steps\[0\] must be an object$/],
  ['a step that is an array', (t) => void (t.steps[0] = [1, 2]), /steps\[0\] must be an object$/],
  ['a step without its action', (t) => void delete t.steps[0].action, /steps\[0\]\.action is missing$/],
  ['a step without its label', (t) => void delete t.steps[0].label, /steps\[0\]\.label is missing$/],
  ['a step with a field sim does not write', (t) => void (t.steps[0].evil = 'x'), /steps\[0\] has a field sim does not write: "evil"$/],
  ['a top-level field sim does not write', (t) => void (t.comment = 'x'), /the trace has a field sim does not write: "comment"$/],
  ['a negative action index', (t) => void (t.steps[0].actionIndex = -1), /steps\[0\]\.actionIndex must be a non-negative integer$/],
  ['a label that is a number', (t) => void (t.steps[0].label = 5), /steps\[0\]\.label must be a string$/],
  ['a null actor', (t) => void (t.steps[0].actor = null), /steps\[0\]\.actor must be a string$/],
  ['a fingerprint of 15 digits', (t) => void (t.steps[0].fingerprint = '0123456789abcde'), /steps\[0\]\.fingerprint must be 16 lower-case hex digits$/],
  ['an upper-case fingerprint', (t) => void (t.steps[0].fingerprint = t.steps[0].fingerprint.toUpperCase()), /steps\[0\]\.fingerprint must be 16 lower-case/],
  ['a time as a string', (t) => void (t.steps[0].time = 'x'), /steps\[0\]\.time must be a non-negative integer$/],
  ['a time that goes back', (t) => void (t.steps[2].time = 0), /steps\[2\]\.time goes back in time, to 0 from \d+$/],
  ['a time on some steps only', (t) => void delete t.steps[3].time, /steps\[3\]\.time must be given on every step or on none/],
  ['a null verdict', (t) => void (t.verdict = null), /verdict must be an object$/],
  ['a verdict of its own', (t) => void (t.verdict.result = 'maybe'), /verdict\.result must be ok, violation or deadlock; got 'maybe'$/],
  ['an end of its own', (t) => void (t.verdict.end = 'exploded'), /verdict\.end must be stepsMax, final or quiescent; got "exploded"$/],
  ['a violation of no kind', (t) => void (t.verdict = { result: 'violation', kind: 'vibes', name: 'X', step: 5 }), /verdict\.kind of a violation must be invariant or liveness; got 'vibes'$/],
  ['a liveness verdict without its lasso', (t) => void (t.verdict = { result: 'violation', kind: 'liveness', name: 'X', step: 5 }), /verdict\.loopStart is missing$/],
  ['a deadlock named otherwise', (t) => void (t.verdict = { result: 'deadlock', kind: 'deadlock', name: 'X', step: 5 }), /verdict\.name of a deadlock must be deadlock; got 'X'$/],
  ['a "__proto__" key in a state', (t) => JSON.stringify(t).replace('"tmState":"init"', '"tmState":"init","__proto__":{"polluted":1}'), /has a "__proto__" key \(at \.initial\.state\.__proto__\), which no sim file has$/],
  ['a "__proto__" key at the top', (t) => `${JSON.stringify(t).slice(0, -1)},"__proto__":{"x":1}}`, /has a "__proto__" key \(at \.__proto__\)/],
  ['a "__proto__" parameter', (t) => JSON.stringify(t).replace('"params":{', '"params":{"__proto__":{"x":1},'), /has a "__proto__" key \(at \.params\.__proto__\)/],
  ['a state value too large for a double', (t) => JSON.stringify(t).replace('"tmState":"init"', '"tmState":1e400'), /has a number too large for a double \(at \.initial\.state\.tmState\)$/],
  ['a state nested 100,000 deep', (t) => JSON.stringify(t).replace('"tmState":"init"', `"tmState":${'['.repeat(100_000)}${']'.repeat(100_000)}`), /nests deeper than 256 levels \(at \.initial\.state\.tmState\[0\]/],
  ['a terminal escape in the model name', (t) => void (t.model.name = 'two\u001b[2Jphase'), /model\.name holds a control character$/],
  ['a million numbers for steps', (t) => JSON.stringify(t).replace('"steps":[', `"steps":[${'1,'.repeat(1_000_000)}`), /steps\[0\] must be an object$/],
  ['a JSON array', () => '[1,2,3]', /it is not a sim trace \(no "format" field\)$/],
  ['JSON null', () => 'null', /it is not a sim trace \(no "format" field\)$/],
  ['a truncated file', (t) => JSON.stringify(t).slice(0, 300), /is truncated: its JSON ends early$/],
  ['text that is not JSON, with a terminal escape', () => 'garbage \u001b]0;pwned\u0007 '.repeat(10), /is not valid JSON: unexpected character "g"$/],
];

describe('a file that is not a trace sim wrote: exit 2, one line naming the file and the problem', () => {
  it.each(shapes)('%s', async (name, change, pattern) => {
    const file = tampered(`${name.replace(/\W+/g, '-')}.trace.json`, () => base, change);
    const r = await sim(['replay', file, '--no-tui'], dir);
    expectRefused(r, new RegExp(`^sim: ${file.replace(/[.]/g, '\\.')}`));
    expectRefused(r, pattern);
    expect(marked()).toBe(false);
  });

  it.each<[string, (d: string) => string, RegExp]>([
    ['an empty file', (d) => (writeFileSync(join(d, 'empty.trace.json'), ''), 'empty.trace.json'), /^sim: empty\.trace\.json is empty, not a trace file$/],
    ['a directory', (d) => (mkdirSync(join(d, 'a-dir.trace.json'), { recursive: true }), 'a-dir.trace.json'), /^sim: trace file a-dir\.trace\.json is a directory, not a file$/],
    ['a binary file', (d) => (writeFileSync(join(d, 'bin.trace.json'), Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 1, 2])), 'bin.trace.json'), /is a binary file, not a trace file$/],
    ['invalid UTF-8', (d) => (writeFileSync(join(d, 'latin.trace.json'), Buffer.from([0x7b, 0xff, 0xfe, 0x7d])), 'latin.trace.json'), /is a binary file, not a trace file$/],
    ['50 MB of garbage', (d) => (writeFileSync(join(d, 'garbage.trace.json'), 'garbage '.repeat(6_600_000)), 'garbage.trace.json'), /garbage\.trace\.json is not valid JSON: unexpected character "g"$/],
    ['a file past the size bound', (d) => (writeFileSync(join(d, 'huge.trace.json'), ''), truncateSync(join(d, 'huge.trace.json'), 300 * 2 ** 20), 'huge.trace.json'), /trace file huge\.trace\.json is 300\.0 MiB, more than the 256 MiB sim reads$/],
    ['a device that never ends', () => '/dev/zero', /^sim: trace file \/dev\/zero is not a regular file \(a device, pipe or socket\)$/],
    ['a file that does not exist', () => 'nope.trace.json', /^sim: trace file nope\.trace\.json does not exist$/],
  ])('%s', async (_name, make, pattern) => {
    expectRefused(await sim(['replay', make(dir), '--no-tui'], dir), pattern);
  });
});

describe('replay shows only what re-execution gave', () => {
  const editedState = () => tampered('edited.trace.json', () => base, (t) => void (t.steps[1].state.tmState = 'aborted'));

  it('a state edited by hand, fingerprint kept, diverges: exit 1, the first difference named, no ITF written', async () => {
    const file = editedState();
    const r = await sim(['replay', file, '--no-tui'], dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/\ndiverges at step 2: recorded state differs at \.tmState: recorded "aborted", re-executed "init"\n$/);
    const itf = await sim(['replay', file, '--itf', 'edited.itf.json'], dir);
    expect(itf.code).toBe(1);
    expect(itf.stderr).toBe('ITF trace not written: the trace diverges at step 2\n');
    expect(existsSync(join(dir, 'edited.itf.json'))).toBe(false);
    const json = JSON.parse((await sim(['replay', file, '--format', 'json'], dir)).stdout);
    expect(json).toMatchObject({ reproduces: false, step: 2 });
  });

  it.each<[string, (t: Doc) => void, RegExp]>([
    ['the initial state', (t) => void (t.initial.state.tmState = 'aborted'), /diverges at step 0: recorded initial state differs at \.tmState: recorded "aborted", re-executed "init"/],
    ['a label', (t) => void (t.steps[1].label = 'TMAbort'), /diverges at step 2: the trace recorded label "TMAbort", re-execution gives "/],
    ['an actor', (t) => void (t.steps[1].actor = 'rm3'), /diverges at step 2: the trace recorded actor "rm3" for .*, re-execution gives "/],
    ['an extra state field', (t) => void (t.steps[0].state.extra = 1), /diverges at step 1: recorded state differs at \.extra: recorded 1, re-executed absent/],
  ])('%s edited by hand diverges', async (name, change, pattern) => {
    const file = tampered(`edited-${name.replace(/\W+/g, '-')}.trace.json`, () => base, change);
    const r = await sim(['replay', file, '--no-tui'], dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(pattern);
  });

  it('a statement edited by hand is not shown: the model states its own', async () => {
    const file = tampered('statement.trace.json', () => bug, (t) => void (t.verdict.statement = 'All is well.'));
    const md = await sim(['replay', file, '--format', 'markdown'], dir);
    expect(md.code).toBe(0);
    expect(md.stdout).toContain('> TCConsistent: No resource manager has aborted while another has committed.');
    expect(md.stdout).not.toContain('All is well.');
  });
});
