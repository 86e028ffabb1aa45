// Goal: a checkpoint folder is data: whatever in it is damaged, foreign or hostile, --resume exits 2 with
// one line naming the problem, and never imports a model file the command line does not name.
// Method: table-driven; each case damages a copy of a real checkpoint next to a marker model file that
// records being imported (a fresh copy per case, so the module cache cannot hide an import).
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { scratchDir, sim } from '../helpers/cli.js';

const MARKER = `import { writeFileSync } from 'node:fs';
writeFileSync(new URL('./IMPORTED', import.meta.url), 'imported');
export default { name: 'marker', init: () => [{ n: 0 }], actions: (s) => (s.n < 5000 ? [{ type: 'Inc' }] : []), next: (s) => ({ n: s.n + 1 }), final: (s) => s.n === 5000 };
`;

/** Folders holding an unfinished checkpoint `ck` each: of twophase rm=5, of the marker file, of checkpointed-log. */
const templates = { twophase: '', marker: '', other: '' };

async function unfinished(args: string[], before: (dir: string) => void = () => {}): Promise<string> {
  const dir = scratchDir();
  before(dir);
  const r = await sim(['check', ...args, '--checkpoint', 'ck', '--checkpoint-interval', '0', '--keep-checkpoint', '--no-liveness'], dir);
  expect(r.code, r.stderr).toBe(0);
  rmSync(join(dir, 'ck', 'result.json'));
  return dir;
}

beforeAll(async () => {
  templates.twophase = await unfinished(['--model', 'twophase', '--no-symmetry', '--param', 'rm=5']);
  templates.marker = await unfinished(['--model', './marker.mjs'], (dir) => writeFileSync(join(dir, 'marker.mjs'), MARKER));
  templates.other = await unfinished([]);
  // Three checks run here: more than the default ten seconds on a loaded machine.
}, 120_000);

const use = (template: keyof typeof templates) => (dir: string): void => cpSync(join(templates[template], 'ck'), join(dir, 'ck'), { recursive: true });
const record = (dir: string): Record<string, unknown> => JSON.parse(readFileSync(join(dir, 'ck', 'check.json'), 'utf8')) as Record<string, unknown>;
const writeRecord = (dir: string, value: unknown): void => writeFileSync(join(dir, 'ck', 'check.json'), typeof value === 'string' ? value : JSON.stringify(value));
const snapshotOf = (dir: string): Buffer => readFileSync(join(dir, 'ck', 'snapshot.bin'));
const writeSnapshot = (dir: string, bytes: Uint8Array | string): void => writeFileSync(join(dir, 'ck', 'snapshot.bin'), bytes);

/** The twophase snapshot with its JSON header changed by `edit` (the layout: magic, version, length, header). */
function editHeader(dir: string, edit: (header: Record<string, Record<string, unknown>>) => void): void {
  const bytes = snapshotOf(dir);
  const length = bytes.readUInt32LE(12);
  const header = JSON.parse(bytes.subarray(16, 16 + length).toString('utf8')) as Record<string, Record<string, unknown>>;
  edit(header);
  const text = Buffer.from(JSON.stringify(header));
  const size = Buffer.alloc(4);
  size.writeUInt32LE(text.length);
  writeSnapshot(dir, Buffer.concat([bytes.subarray(0, 12), size, text, bytes.subarray(16 + length)]));
}

/** Where a section's bytes start in a snapshot: after the header, each section is a tag, a 64-bit length and its bytes. */
function sectionAt(bytes: Buffer, tag: 'LINK' | 'FRNT'): number {
  const length = bytes.readUInt32LE(12);
  const header = JSON.parse(bytes.subarray(16, 16 + length).toString('utf8')) as { table: { capacity: number }; links: { length: number } };
  const links = 16 + length + 12 + 8 * header.table.capacity;
  const at = tag === 'LINK' ? links : links + 12 + 8 * header.links.length;
  expect(bytes.subarray(at, at + 4).toString()).toBe(tag);
  return at + 12;
}

type Case = [string, (dir: string) => void, string[], RegExp];

const twophase = use('twophase');
const marker = (dir: string): void => {
  use('marker')(dir);
  writeFileSync(join(dir, 'marker.mjs'), MARKER);
};

const cases: Case[] = [
  ['a model file recorded in check.json, not named on the command line', marker, [], /is of the model file marker\.mjs \(sha256 [0-9a-f]{12}…\); name it with --model FILE to resume/],
  ['a model file named, with another hash', (d) => { marker(d); writeFileSync(join(d, 'other.mjs'), `${MARKER}// changed\n`); }, ['--model', './other.mjs'], /--model \.\/other\.mjs \(sha256 [0-9a-f]{12}…\) is not the model file of the check saved in ck/],
  ['a built-in model named by a path', (d) => { marker(d); writeRecord(d, { ...record(d), model: { source: 'builtin', name: './marker.mjs' } }); }, [], /names the built-in model '\.\/marker\.mjs', which this sim does not have/],
  ['a built-in model named by a file name', (d) => { marker(d); writeRecord(d, { ...record(d), model: { source: 'builtin', name: 'marker.mjs' } }); }, [], /names the built-in model 'marker\.mjs', which this sim does not have/],
  ['an older check.json naming the model file', (d) => { marker(d); writeRecord(d, { flags: { model: './marker.mjs' }, cwd: d }); }, [], /check\.json is not a checkpoint record of sim check: it was written by an older sim; start the check again/],
  ['check.json that is not JSON', (d) => { twophase(d); writeRecord(d, 'garbage{'); }, [], /check\.json is not a checkpoint record of sim check: it is not JSON/],
  ['check.json cut short', (d) => { twophase(d); writeRecord(d, JSON.stringify(record(d)).slice(0, 40)); }, [], /it is not JSON/],
  ['check.json that is a list', (d) => { twophase(d); writeRecord(d, '[1, 2]'); }, [], /it is not an object/],
  ['check.json with a parameter of the wrong type', (d) => { twophase(d); writeRecord(d, { ...record(d), params: { rm: { x: 1 } } }); }, [], /params\.rm is not a number, string or boolean/],
  ['check.json with a bad hash', (d) => { marker(d); writeRecord(d, { ...record(d), model: { source: 'file', name: 'm', file: 'marker.mjs', sha256: 'abc' } }); }, [], /model\.sha256 is not a SHA-256/],
  ['check.json of a future format', (d) => { twophase(d); writeRecord(d, { ...record(d), version: 2 }); }, [], /it is format version 2; this sim reads version 1/],
  ['check.json recording a model path among its flags', (d) => { marker(d); writeRecord(d, { ...record(d), flags: { model: './marker.mjs' } }); }, [], /flags\.model is not a flag it records/],
  ['check.json recording a bad number', (d) => { twophase(d); writeRecord(d, { ...record(d), flags: { 'max-states': 'lots' } }); }, [], /flags\.max-states is not a number/],
  ['no check.json', (d) => { twophase(d); rmSync(join(d, 'ck', 'check.json')); }, [], /ck holds no checkpoint of sim check \(no check\.json\)/],
  ['check.json that is a folder', (d) => { twophase(d); rmSync(join(d, 'ck', 'check.json')); mkdirSync(join(d, 'ck', 'check.json')); }, [], /check\.json is not a regular file/],
  ['a file where the folder should be', (d) => writeFileSync(join(d, 'ck'), 'x'), [], /ck holds no checkpoint of sim check/],
  ['a snapshot of garbage', (d) => { twophase(d); writeSnapshot(d, '\x7fELF garbage garbage garbage'); }, [], /snapshot\.bin is unreadable: it is not a snapshot of sim check \(it does not start with 'sim-snap'\)/],
  ['an empty snapshot', (d) => { twophase(d); writeSnapshot(d, ''); }, [], /it is not a snapshot of sim check \(0 bytes\)/],
  ['a truncated snapshot', (d) => { twophase(d); writeSnapshot(d, snapshotOf(d).subarray(0, 3000)); }, [], /snapshot\.bin is unreadable: .*truncated/],
  ['a snapshot of a future format', (d) => { twophase(d); const b = snapshotOf(d); b.writeUInt32LE(2, 8); writeSnapshot(d, b); }, [], /it is in snapshot format 2, written by a newer sim; this one reads format 1/],
  ['a snapshot header that is not JSON', (d) => { twophase(d); const b = snapshotOf(d); b[16] = 0x21; writeSnapshot(d, b); }, [], /its header is not JSON/],
  ['a snapshot header with a field of the wrong type', (d) => { twophase(d); editHeader(d, (h) => { (h.counters as Record<string, unknown>).depth = 'deep'; }); }, [], /its header's counters\.depth is not a count/],
  ['a snapshot header whose counts disagree', (d) => { twophase(d); editHeader(d, (h) => { const links = h.links as { length: number }; links.length += 1; }); }, [], /its header counts \d+ fingerprints for \d+ states/],
  ['a snapshot header claiming a huge table', (d) => { twophase(d); editHeader(d, (h) => { (h.table as { capacity: number }).capacity = 2 ** 40; }); }, [], /section TABL holds \d+ bytes where its header says \d+/],
  ['a snapshot of another model', (d) => { twophase(d); writeSnapshot(d, snapshotOf(join(templates.other))); }, [], /it is a snapshot of another check \(.*checkpointed-log.*\), not of this one \(.*twophase.*\)/],
  ['a snapshot of other parameters', (d) => { twophase(d); writeRecord(d, { ...record(d), params: { rm: 6, bug: 'none' } }); }, [], /it is a snapshot of another check \(.*"rm":5.*\), not of this one \(.*"rm":6.*\)/],
  ['a snapshot that is a link out of the folder', (d) => { twophase(d); cpSync(join(d, 'ck', 'snapshot.bin'), join(d, 'elsewhere.bin')); rmSync(join(d, 'ck', 'snapshot.bin')); symlinkSync(join(d, 'elsewhere.bin'), join(d, 'ck', 'snapshot.bin')); }, [], /snapshot\.bin is not a regular file \(a link or a folder is not followed\)/],
  ['a snapshot that is a folder', (d) => { twophase(d); rmSync(join(d, 'ck', 'snapshot.bin')); mkdirSync(join(d, 'ck', 'snapshot.bin')); }, [], /snapshot\.bin is not a regular file/],
  ['a snapshot with a state changed', (d) => { twophase(d); const b = snapshotOf(d); const at = sectionAt(b, 'FRNT') + 4; b[at] = (b[at] as number) ^ 0x5a; writeSnapshot(d, b); }, [], /state \d+ of its (frontier|next level) is not (packed as this model packs it|in its seen table|a state of this model)/],
  ['a snapshot with a parent link forged', (d) => { twophase(d); const b = snapshotOf(d); b.writeInt32LE(1_000_000, sectionAt(b, 'LINK') + 8 * 40); writeSnapshot(d, b); }, [], /the parent link of state 40 \(1000000, \d+\) is impossible/],
  ['result.json that is not JSON', (d) => { twophase(d); writeFileSync(join(d, 'ck', 'result.json'), '{"code": 0,'); }, [], /result\.json is unreadable/],
  ['result.json with terminal control sequences', (d) => { twophase(d); writeFileSync(join(d, 'ck', 'result.json'), JSON.stringify({ code: 0, json: {}, text: '\x1b]0;owned\x07ok\n' })); }, [], /result\.json holds control characters/],
  ['result.json with wrong types', (d) => { twophase(d); writeFileSync(join(d, 'ck', 'result.json'), JSON.stringify({ code: 7, json: {}, text: 'x' })); }, [], /result\.json is not the result of a check/],
];

describe('a hostile or damaged checkpoint folder', () => {
  it.each(cases)('%s: exit 2, one line', async (_name, damage, flags, message) => {
    const dir = scratchDir();
    damage(dir);
    const r = await sim(['check', ...flags, '--resume', 'ck'], dir);
    expect(r.code).toBe(2);
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^sim: /);
    expect(lines[0]).toMatch(message);
    expect(lines[0]).not.toMatch(/internal error/);
    expect(r.stdout).toBe('');
    expect(existsSync(join(dir, 'IMPORTED'))).toBe(false);
  });

  it('imports the model file when the command line names it, and resumes', async () => {
    const dir = scratchDir();
    marker(dir);
    const r = await sim(['check', '--model', './marker.mjs', '--resume', 'ck', '--json'], dir);
    expect([r.code, r.stderr]).toEqual([0, 'resumed the check saved in ck\n']);
    expect(JSON.parse(r.stdout)).toMatchObject({ verdict: 'ok', distinctStates: 5001, depth: 5000 });
    expect(existsSync(join(dir, 'IMPORTED'))).toBe(true);
  });
});
