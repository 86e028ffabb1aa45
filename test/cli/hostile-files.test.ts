// Goal: `sim swarm merge`, `sim ulog` and the model-check script refuse files of the wrong shape in one line (exit 2,
// no stack, never "internal error"). Method: table-driven bad files next to a real shard result and a real dmlog trace.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectRefused, repoRoot, scratchDir, sim, type SimOutput } from '../helpers/cli.js';

type Doc = Record<string, any>;
let dir: string;
let shard: Doc;
let dmlog: Doc;

beforeAll(async () => {
  dir = scratchDir();
  const r = await sim(['swarm', '--model', 'twophase', '--seeds', '1..4', '--shard', '0/2', '--json'], dir);
  shard = JSON.parse(r.stdout);
  expect((await sim(['run', '--model', 'dmlog', '--seed', '2', '--steps', '30', '--out', 'dm.trace.json'], dir)).code).toBe(0);
  dmlog = JSON.parse(readFileSync(join(dir, 'dm.trace.json'), 'utf8'));
});

function write(name: string, content: string | Buffer): string {
  writeFileSync(join(dir, name), content);
  return name;
}

const changed = (from: Doc, change: (d: Doc) => unknown): string => {
  const d = structuredClone(from);
  const out = change(d);
  return typeof out === 'string' ? out : JSON.stringify(d);
};

describe('sim swarm merge: a result of another shape is one line', () => {
  it('merges a real result (the control case)', async () => {
    const r = await sim(['swarm', 'merge', write('ok.json', JSON.stringify(shard))], dir);
    expect(r.code).toBe(3);
    expect(r.stdout).toContain('incomplete: shards 1/2 are missing');
  });

  it.each<[string, (d: Doc) => unknown, RegExp]>([
    ['not JSON', () => 'nope', /^sim: bad\.json is not valid JSON: unexpected character "o"$/],
    ['empty', () => '', /^sim: bad\.json is empty, not a sim swarm --json result$/],
    ['no swarm field', () => '{"model":"x"}', /is not a sim swarm --json result \(no "swarm" field\)$/],
    ['a future format', (d) => void (d.swarm = 3), /is a swarm result of format 3, newer than this sim reads \(2\); upgrade sim$/],
    ['only the format', () => '{"swarm":2}', /is not a valid swarm result: the result\.model is missing$/],
    ['a shard index as a string', (d) => void (d.shards = [{ index: 'a', count: 2 }]), /the result\.shards\[0\]\.index must be a non-negative integer$/],
    ['no shards', (d) => void (d.shards = []), /the result\.shards must have at least 1 entry$/],
    ['a shard past its count', (d) => void (d.shards = [{ index: 3, count: 2 }]), /the result\.shards\[0\] must have 0 <= index < count$/],
    ['a null failure', (d) => void (d.failures = [null]), /the result\.failures\[0\] must be an object$/],
    ['a failure without its fields', (d) => void (d.failures = [{ seed: 3 }]), /the result\.failures\[0\]\.verdict is missing$/],
    ['a failure of no verdict', (d) => void (d.failures = [{ seed: 3, verdict: 'meh', name: 'X', step: 1, trace: 't', mix: { faults: {}, latencyFactors: {} } }]), /failures\[0\]\.verdict must be violation or deadlock$/],
    ['negative runs', (d) => void (d.runs = -1), /the result\.runs must be a non-negative integer$/],
    ['runs as a string', (d) => void (d.runs = '5'), /the result\.runs must be a non-negative integer$/],
    ['more ok than runs', (d) => void (d.ok = 99), /counts more ok runs than runs$/],
    ['a model name that is a number', (d) => void (d.model = 7), /the result\.model must be a string without control characters$/],
    ['a terminal escape in a trace name', (d) => void (d.failures = [{ seed: 3, verdict: 'deadlock', name: 'deadlock', step: 1, trace: '\u001b[2J', mix: { faults: {}, latencyFactors: {} } }]), /failures\[0\]\.trace must be a string without control characters$/],
    ['seeds backwards', (d) => void (d.seeds = { from: 9, to: 1 }), /the result\.seeds must have from <= to$/],
    ['a field swarm does not write', (d) => void (d.extra = 1), /the result has a field sim swarm does not write: "extra"$/],
    ['a "__proto__" key', (d) => `${JSON.stringify(d).slice(0, -1)},"__proto__":{"x":1}}`, /has a "__proto__" key \(at \.__proto__\), which no sim file has$/],
    ['nesting 100,000 deep', (d) => JSON.stringify(d).replace('"params":{', `"extra":${'['.repeat(100_000)}${']'.repeat(100_000)},"params":{`), /nests deeper than 256 levels/],
  ])('%s', async (_name, change, pattern) => {
    expectRefused(await sim(['swarm', 'merge', write('bad.json', changed(shard, change))], dir), pattern);
  });

  it('a huge shard count lists the first missing shards and counts the rest', async () => {
    const one = changed(shard, (d) => void (d.shards = [{ index: 0, count: 1e12 }]));
    const r = await sim(['swarm', 'merge', write('huge.json', one)], dir);
    expect(r.code).toBe(3);
    expect(r.stdout).toMatch(/incomplete: shards 1\/1000000000000, .*, 10\/1000000000000 and 999,999,999,989 more are missing\n$/);
    const json = JSON.parse((await sim(['swarm', 'merge', 'huge.json', '--json'], dir)).stdout);
    expect(json).toMatchObject({ missingShardCount: 999_999_999_999 });
    expect(json.missingShards).toHaveLength(100);
  });

  it('a directory or a missing file is named', async () => {
    mkdirSync(join(dir, 'results'), { recursive: true });
    expectRefused(await sim(['swarm', 'merge', 'results'], dir), /^sim: swarm result results is a directory, not a file$/);
    expectRefused(await sim(['swarm', 'merge', 'nope.json'], dir), /^sim: swarm result nope\.json does not exist$/);
  });
});

describe('sim ulog: input that is not a datagram or a trace is one line', () => {
  it.each<[string, string[], () => void, RegExp]>([
    ['text that is neither hex nor a datagram', ['decode', 'text.bin'], () => write('text.bin', 'hello world, not a datagram'), /^sim: invalid datagram: netlink-length-overrun: /],
    ['an odd number of hex digits', ['decode', 'odd.hex'], () => write('odd.hex', 'abc'), /^sim: invalid datagram: hex-text: .*\(3 digits\)$/],
    ['a datagram file past 1 MiB', ['decode', 'big.bin'], () => write('big.bin', Buffer.alloc(2 * 2 ** 20, 1)), /^sim: datagram file big\.bin is 2\.0 MiB, more than the 1 MiB sim reads$/],
    ['a device that never ends', ['decode', '/dev/zero'], () => undefined, /^sim: datagram file \/dev\/zero is not a regular file/],
    ['a directory', ['decode', '.'], () => undefined, /^sim: datagram file \. is a directory, not a file$/],
    ['JSON that is not JSON', ['encode', 'bad.json'], () => write('bad.json', '{not json'), /^sim: bad\.json is not valid JSON: Expected property name or '\}' at line 1, column 2$/],
    ['a "__proto__" key', ['encode', 'proto.json'], () => write('proto.json', '{"__proto__": {"x": 1}}'), /^sim: proto\.json has a "__proto__" key/],
    ['JSON nested 100,000 deep', ['encode', 'deep.json'], () => write('deep.json', `${'['.repeat(100_000)}${']'.repeat(100_000)}`), /^sim: deep\.json nests deeper than 256 levels/],
    ['a garbage trace', ['trace', 'garbage.json'], () => write('garbage.json', 'garbage'), /^sim: garbage\.json is not valid JSON: unexpected character "g"$/],
    ['a negative --step', ['trace', 'dm.trace.json', '--step', '-1'], () => undefined, /^sim: --step must be a decimal integer 1 <= N < 2\^53; got '-1'$/],
    ['a hex --step', ['trace', 'dm.trace.json', '--step', '0x3'], () => undefined, /^sim: --step must be a decimal integer 1 <= N < 2\^53; got '0x3'$/],
    ['a trace whose states are not the model\'s', ['trace', 'nulls.trace.json'], () => write('nulls.trace.json', changed(dmlog, (d) => d.steps.forEach((s: Doc) => (s.state = null)))), /^sim: nulls\.trace\.json does not reproduce: diverges at step 1: recorded state differs at the top: recorded null, re-executed \{/],
    ['a trace with a garbage channel list', ['trace', 'channels.trace.json'], () => write('channels.trace.json', changed(dmlog, (d) => void (d.initial.state.channels = 'x'))), /does not reproduce: diverges at step 0: recorded initial state differs at \.channels: recorded "x"/],
    ['a trace whose model is a path', ['trace', 'path.trace.json'], () => write('path.trace.json', changed(dmlog, (d) => void (d.model = { source: 'builtin', name: './x.mjs' }))), /^sim: ulog trace reads traces of the dmlog and checkpointed-log models; this one is of \.\/x\.mjs$/],
  ])('%s', async (_name, args, make, pattern) => {
    make();
    expectRefused(await sim(['ulog', ...args], dir), pattern);
  });
});

describe('scripts/model-check.mjs', () => {
  const modelCheck = (args: string[]): SimOutput => {
    const r = spawnSync(process.execPath, [join(repoRoot, 'scripts/model-check.mjs'), ...args], { cwd: dir, encoding: 'utf8', env: { ...process.env, CI: 'true' } });
    return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
  };

  it('replays every trace of a corpus; an unreadable one is its own one-line failure, not the end of the job', () => {
    mkdirSync(join(dir, 'corpus'), { recursive: true });
    writeFileSync(join(dir, 'corpus/a-garbage.trace.json'), 'garbage');
    writeFileSync(join(dir, 'corpus/b-path.trace.json'), changed(dmlog, (d) => void (d.model = { source: 'builtin', name: './x.mjs' })));
    writeFileSync(join(dir, 'corpus/c-good.trace.json'), JSON.stringify(dmlog));
    // A named pipe that nobody writes to: reading it would block the job for ever.
    expect(spawnSync('mkfifo', [join(dir, 'corpus/d-pipe.trace.json')]).status).toBe(0);
    const r = modelCheck(['--corpus-only', '--traces', 'corpus', '--out', 'reports']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/replay corpus\/a-garbage\.trace\.json +FAILS .* sim: .*a-garbage\.trace\.json is not valid JSON: unexpected character "g"\n/);
    expect(r.stdout).toMatch(/replay corpus\/b-path\.trace\.json +FAILS .* names unknown model '\.\/x\.mjs' as built-in/);
    expect(r.stdout).toMatch(/replay corpus\/c-good\.trace\.json +reproduces/);
    expect(r.stdout).toMatch(/replay corpus\/d-pipe\.trace\.json +FAILS .* is not a regular file \(a device, pipe or socket\)\n/);
  });
});
