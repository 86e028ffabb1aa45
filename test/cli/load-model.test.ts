// Goal: a model file loads whatever its kind (.mjs .cjs .js .ts .mts .cts) and its package's module type,
// and a file of the wrong shape is named with what it exports. Method: write each kind into temp packages, load in Node.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { repoRoot, scratchDir, sim, simProcess } from '../helpers/cli.js';

const BODY = `({
  name: 'counter',
  init: () => [{ n: 0 }],
  actions: (s: S) => (s.n < p.limit ? [{ type: 'Inc' }] : []),
  next: (s: S) => ({ n: s.n + 1 }),
  invariants: { Bounded: (s: S) => s.n <= p.limit },
  final: (s: S) => s.n === p.limit,
})`;
const untyped = (text: string): string => text.replace(/: S\b/g, '').replace(/\(p: P\)/g, '(p)');
const TS_ESM = `type S = { n: number };\ntype P = { limit: number };\nexport const params = { limit: 3 };\nexport default (p: P) => ${BODY};\n`;
const TS_CJS = `type S = { n: number };\ntype P = { limit: number };\nmodule.exports = (p: P) => ${BODY};\nmodule.exports.params = { limit: 3 };\n`;
const JS_ESM = untyped(TS_ESM).replace(/^type .*\n/gm, '');
const JS_CJS = untyped(TS_CJS).replace(/^type .*\n/gm, '');

/** Every module kind, with the package types it can live in (a CommonJS .js file cannot be an ES module). */
const KINDS: Array<[file: string, source: string, packageTypes: string[]]> = [
  ['m.mjs', JS_ESM, ['absent', 'commonjs', 'module']],
  ['m.cjs', JS_CJS, ['absent', 'commonjs', 'module']],
  ['m.js', JS_ESM, ['absent', 'commonjs', 'module']],
  ['m.js', JS_CJS, ['absent', 'commonjs']],
  ['m.ts', TS_ESM, ['absent', 'commonjs', 'module']],
  ['m.mts', TS_ESM, ['absent', 'commonjs', 'module']],
  ['m.cts', TS_ESM, ['absent', 'commonjs', 'module']],
  ['m.cts', TS_CJS, ['absent', 'commonjs', 'module']],
];

/** A fresh package directory of the given "type" (absent: what `npm init -y` wrote before npm 11). */
function project(packageType: string, files: Record<string, string> = {}): string {
  const dir = scratchDir();
  const pkg = { name: 'user-project', version: '1.0.0', ...(packageType === 'absent' ? {} : { type: packageType }) };
  writeFileSync(join(dir, 'package.json'), JSON.stringify(pkg));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

const cases = KINDS.flatMap(([file, source, types]) =>
  types.map((type) => [`${file} (${source.includes('module.exports') ? 'CommonJS' : 'ES'} syntax) in a package with type ${type}`, file, source, type] as const),
);

/** What loading a model file in a real Node process gave: the model's answers, or the error. */
interface Outcome {
  name?: string;
  defaults?: Array<[string, unknown]>;
  params?: unknown;
  init?: unknown;
  actionCounts?: number[];
  file?: string;
  error?: { kind: string; message: string };
}

/**
 * Loads each `[dir, spec, params]` with the built loader in one Node process: vitest's own module
 * loader treats CommonJS and ES files differently from Node's, and the user runs Node.
 */
function loadInNode(requests: Array<[dir: string, spec: string, params: string[]]>): Outcome[] {
  const script = `
    import { loadModel } from ${JSON.stringify(pathToFileURL(join(repoRoot, 'dist/cli/load-model.js')).href)};
    const out = [];
    for (const [dir, spec, params] of JSON.parse(process.argv[2])) {
      try {
        const { model, description, params: values, ref } = await loadModel(spec, params, dir);
        out.push({ name: model.name, defaults: description.params?.map((p) => [p.name, p.default]), params: values,
          init: model.init(), actionCounts: [0, 1, 2].map((n) => model.actions({ n }).length), file: ref.file });
      } catch (err) {
        out.push({ error: { kind: err.constructor.name, message: err.message } });
      }
    }
    process.stdout.write(JSON.stringify(out));`;
  // A script file, not `node -e`: an evaluated script imports a CommonJS .js file in a "type": "module" package without an error.
  const runner = join(scratchDir(), 'load.mjs');
  writeFileSync(runner, script);
  const r = spawnSync(process.execPath, [runner, JSON.stringify(requests)], { encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as Outcome[];
}

describe('loading a model file', () => {
  let outcomes: Outcome[];
  beforeAll(() => {
    outcomes = loadInNode(cases.flatMap(([, file, source, type]) => {
      const dir = project(type, { [file]: source });
      return [[dir, `./${file}`, ['limit=2']], [dir, `./${file}`, ['nosuch=1']]] as Array<[string, string, string[]]>;
    }));
  });

  it.each(cases.map((c, i) => [...c, i] as const))('%s', (_title, file, _source, _type, i) => {
    // The params export was found (it types and checks --param), and the factory received it.
    expect(outcomes[2 * i]).toEqual({ name: 'counter', defaults: [['limit', 3]], params: { limit: 2 }, init: [{ n: 0 }], actionCounts: [1, 1, 0], file });
    expect(outcomes[2 * i + 1]?.error?.message).toMatch(/unknown parameter 'nosuch'.*known: limit/);
  });

  it('a TypeScript model in a CommonJS package runs on worker threads too', () => {
    const dir = project('commonjs', { 'm.ts': TS_ESM });
    const counts = [1, 2].map((workers) => {
      const r = simProcess(['check', '--model', './m.ts', '--param', 'limit=40', '--workers', String(workers), '--parallel-from', '1', '--json'], dir);
      expect(r.code, r.stderr).toBe(0);
      return (JSON.parse(r.stdout) as { distinctStates: number }).distinctStates;
    });
    expect(counts).toEqual([41, 41]);
  });
});

/** Loading `source` as `file` fails with exactly this kind of error and a message matching `pattern`. */
function expectLoadError(file: string, source: string, pattern: RegExp, type = 'absent', kind = 'InputError'): void {
  const [outcome] = loadInNode([[project(type, { [file]: source }), `./${file}`, []]]);
  expect(outcome?.error?.kind, outcome?.error?.message).toBe(kind);
  expect(outcome?.error?.message).toMatch(pattern);
}

describe('a model file of the wrong shape is named with what it exports', () => {
  it('a CommonJS exports object holding default, not marked as compiled from ES syntax', () => {
    expectLoadError(
      'm.cjs',
      `module.exports = { default: ${untyped(BODY.replace(/p\.limit/g, '3'))}, params: { limit: 3 } };`,
      /^model file \.\/m\.cjs: its default export is an object with keys default, params; expected init, actions, next, invariants; a CommonJS file sets module\.exports/,
    );
  });

  it('no default export: the names it does export', () => {
    expectLoadError('m.mjs', 'export const model = {}; export const params = { a: 1 };', /^model file \.\/m\.mjs has no default export \(it exports model, params\)/);
    expectLoadError('m.mjs', 'const unused = 1;', /has no default export \(it exports nothing\)/);
  });

  it('a factory that returns something else', () => {
    expectLoadError('m.ts', 'export default () => undefined;', /^model file \.\/m\.ts: its default export is a function, which returned undefined; expected init/);
    expectLoadError('m.mjs', 'export default async () => ({});', /which returned a Promise; .*returns the model itself, not a promise/);
  });

  it('a value that is no model, and one that is half a model', () => {
    expectLoadError('m.mjs', 'export default 42;', /its default export is the number 42; expected init, actions, next, invariants$/);
    expectLoadError('m.mjs', "export default ['init'];", /its default export is an array of 1 item;/);
    expectLoadError(
      'm.mts',
      'export default { init: () => [], next: 4, invariants: {} };',
      /its default export is an object with keys init, next, invariants \(no actions\(\) function; next is the number 4, not a function\)/,
    );
  });

  it('a CommonJS .js file in a "type": "module" package says why it cannot load', () => {
    expectLoadError('m.js', JS_CJS, /failed to load: module is not defined in ES module scope \(the nearest package\.json says "type": "module"/, 'module', 'ModelError');
  });

  it('is one line through the command line', async () => {
    const dir = project('absent', { 'm.cjs': 'module.exports = { default: {}, params: {} };' });
    const r = await sim(['check', '--model', './m.cjs'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^sim: model file \.\/m\.cjs: its default export is an object with keys default, params; expected init, actions, next, invariants; .*\n$/);
  });
});
