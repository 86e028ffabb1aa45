// Goal: `sim drive` runs an adapter only because the command line names it, and an adapter that is missing, malformed,
// throws, hangs or answers with something that is not JSON data is exit 2 in one line naming the call and the step.
// Method: adapter files written into a scratch folder, driven against the token-ring fixture, in process.
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectRefused, fixture, scratchDir, sim } from '../helpers/cli.js';

const ring = fixture('token-ring.mjs');

/** A faithful token-ring adapter; `patch` replaces parts of its source. */
const ringAdapter = (patch: { step?: string; observe?: string; extra?: string } = {}): string => `
let holder = 0, work = [false, false, false, false];
${patch.extra ?? ''}
export default {
  reset() { holder = 0; work = [false, false, false, false]; },
  step(a) { ${patch.step ?? "if (a.type === 'Pass') holder = a.to; else work[a.node] = !work[a.node];"} },
  observe() { ${patch.observe ?? 'return { holder, work: [...work] };'} },
};
`;

function adapterDir(source: string, name = 'adapter.mjs'): string {
  const dir = scratchDir();
  writeFileSync(join(dir, name), source);
  return dir;
}

const driveRing = (dir: string, ...flags: string[]) => sim(['drive', '--adapter', 'adapter.mjs', '--model', ring, '--seeds', '1..3', '--steps', '20', ...flags], dir);

describe('sim drive', () => {
  it('exits 0 when every observation matches, 1 at a mismatch (saving a trace that replays)', async () => {
    const ok = await driveRing(adapterDir(ringAdapter()));
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toMatch(/\nok: 3 runs, 60 steps: every observation matches the model\n$/);
    const dir = adapterDir(ringAdapter({ step: "if (a.type === 'Pass') holder = a.to;" }));
    const bad = await driveRing(dir);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toMatch(/mismatch in seed 1 at step 1 \(Work\(node=0\)\):\n {2}at \.work\[0\]: implementation false, model true\n {2}the run up to it \(1 step by 1 actor\):/);
    expect(bad.stderr).toMatch(/trace saved to token-ring-drive\.trace\.json\nreplay with: sim replay token-ring-drive\.trace\.json --model \S+token-ring\.mjs\ndrive it again with: sim drive --adapter adapter\.mjs --model \S+ --trace token-ring-drive\.trace\.json\n$/);
    expect((await sim(['replay', 'token-ring-drive.trace.json', '--model', ring, '--no-tui'], dir)).code).toBe(0);
  });

  it.each([
    ['no --adapter', [], undefined, /^sim: sim drive needs --adapter FILE/],
    ['a missing adapter file', ['--adapter', 'nothere.mjs'], undefined, /^sim: adapter file nothere\.mjs does not exist$/],
    ['a folder', ['--adapter', '.'], undefined, /^sim: adapter file \. is not a file$/],
    ['both --seeds and --trace', ['--adapter', 'adapter.mjs', '--seeds', '1..2', '--trace', 't.json'], ringAdapter(), /^sim: --seeds and --trace are two sources of runs; give one$/],
    ['bad --seeds', ['--adapter', 'adapter.mjs', '--model', ring, '--seeds', '5..1'], ringAdapter(), /^sim: --seeds: seeds must be A\.\.B with decimal integers A <= B < 2\^53; got '5\.\.1'$/],
    ['a module that throws on import', ['--adapter', 'adapter.mjs'], 'throw new Error("no such device");', /^sim: adapter file adapter\.mjs failed to load: no such device$/],
    ['no default export', ['--adapter', 'adapter.mjs', '--model', ring], 'export const x = 1;', /^sim: adapter file adapter\.mjs has no default export; export an adapter or a function \(options\) => adapter$/],
    ['an export without observe()', ['--adapter', 'adapter.mjs', '--model', ring], 'export default { reset() {}, step() {} };', /^sim: adapter file adapter\.mjs is not an adapter: it has no observe\(\) method$/],
    ['a factory that throws', ['--adapter', 'adapter.mjs', '--model', ring], 'export default () => { throw new Error("no disk"); };', /^sim: adapter file adapter\.mjs threw while making its adapter: no disk$/],
    ['a model export that is a path', ['--adapter', 'adapter.mjs'], `export const model = './evil.mjs';\n${ringAdapter()}`, /^sim: adapter file adapter\.mjs: its model export must be a built-in model's name \(a model file is named with --model\)$/],
  ])('refuses %s in one line', async (_what, flags, source, message) => {
    const dir = source === undefined ? scratchDir() : adapterDir(source);
    expectRefused(await sim(['drive', ...flags], dir), message);
  });

  it.each([
    ['a step() that throws', { step: "if (a.type === 'Work') throw new Error('EIO on disk'); holder = a.to;" }, /^sim: adapter adapter\.mjs threw in step\(\) at step \d+ \(Work\(node=\d\)\): EIO on disk$/],
    ['an observe() that returns nothing', { observe: 'return undefined;' }, /^sim: adapter adapter\.mjs: observe\(\) after reset\(\) returned undefined, not the implementation's state \(JSON data\)$/],
    ['an observe() that returns a function', { observe: 'return { holder, f: () => 1 };' }, /^sim: adapter adapter\.mjs: observe\(\) after reset\(\) returned something that is not JSON data: a function at \$\.f is not JSON data$/],
    ['an observe() that returns a circular value', { observe: 'const o = { holder }; o.self = o; return o;' }, /^sim: adapter adapter\.mjs: observe\(\) after reset\(\) returned something that is not JSON data: a circular or too deeply nested value$/],
    ['an observe() that rejects', { observe: "return Promise.reject(new Error('socket closed'));" }, /^sim: adapter adapter\.mjs threw in observe\(\) after reset\(\): socket closed$/],
  ])('an adapter with %s is exit 2, one line naming the call', async (_what, patch, message) => {
    expectRefused(await driveRing(adapterDir(ringAdapter(patch))), message);
  });

  it('an adapter call that never finishes is exit 2 after --timeout seconds', async () => {
    expectRefused(await driveRing(adapterDir(ringAdapter({ step: 'return new Promise(() => {});' })), '--timeout', '1'), /^sim: adapter adapter\.mjs: step\(\) at step 1 \(\S+\) did not finish within 1 s$/);
  });

  it('runs no file a trace names: its note is text, and the model file needs --model', async () => {
    const dir = adapterDir(ringAdapter({ step: "if (a.type === 'Pass') holder = a.to;" }));
    expect((await driveRing(dir)).code).toBe(1);
    const marker = join(dir, 'ran');
    writeFileSync(join(dir, 'evil.mjs'), `import { writeFileSync } from 'node:fs'; writeFileSync(${JSON.stringify(marker)}, 'x'); export default {};\n`);
    const edited = (await import('node:fs')).readFileSync(join(dir, 'token-ring-drive.trace.json'), 'utf8').replace(/"note": "[^"]*"/, '"note": "sim drive --adapter evil.mjs"');
    writeFileSync(join(dir, 't.trace.json'), edited);
    expectRefused(await sim(['drive', '--adapter', 'adapter.mjs', '--trace', 't.trace.json'], dir), /^sim: the trace was made from model file token-ring\.mjs; replay it with --model PATH-TO-token-ring\.mjs/);
    expect((await sim(['drive', '--adapter', 'adapter.mjs', '--model', ring, '--trace', 't.trace.json'], dir)).code).toBe(1);
    expect((await sim(['replay', 't.trace.json', '--model', ring, '--no-tui'], dir)).code).toBe(0);
    expect(existsSync(marker)).toBe(false);
  });
});
