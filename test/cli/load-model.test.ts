// Goal: a model file loads whatever its kind (.mjs .cjs .js .ts .mts .cts) and its package's module type,
// and a file of the wrong shape is named with what it exports. Method: write each kind into temp packages.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadModel } from '../../cli/load-model.js';
import { InputError, ModelError } from '../../lib/index.js';
import { scratchDir, sim, simProcess } from '../helpers/cli.js';

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

describe('loading a model file', () => {
  it.each(cases)('%s', async (_title, file, source, type) => {
    const dir = project(type, { [file]: source });
    const loaded = await loadModel(`./${file}`, ['limit=2'], dir);
    expect(loaded.model.name).toBe('counter');
    // The params export was found (it types and checks --param), and the factory received it.
    expect(loaded.description.params?.map((p) => [p.name, p.default])).toEqual([['limit', 3]]);
    expect(loaded.params).toEqual({ limit: 2 });
    expect(loaded.model.init()).toEqual([{ n: 0 }]);
    expect(loaded.model.actions({ n: 1 })).toHaveLength(1);
    expect(loaded.model.actions({ n: 2 })).toEqual([]);
    expect(loaded.ref).toMatchObject({ source: 'file', file });
    await expect(loadModel(`./${file}`, ['nosuch=1'], dir)).rejects.toThrow(/unknown parameter 'nosuch'.*known: limit/);
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
async function expectLoadError(file: string, source: string, pattern: RegExp, type = 'absent', kind: typeof InputError = InputError): Promise<void> {
  const dir = project(type, { [file]: source });
  const failure = await loadModel(`./${file}`, [], dir).then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(failure).toBeInstanceOf(kind);
  expect((failure as Error).message).toMatch(pattern);
}

describe('a model file of the wrong shape is named with what it exports', () => {
  it('a CommonJS exports object holding default, not marked as compiled from ES syntax', async () => {
    await expectLoadError(
      'm.cjs',
      `module.exports = { default: ${untyped(BODY.replace(/p\.limit/g, '3'))}, params: { limit: 3 } };`,
      /^model file \.\/m\.cjs: its default export is an object with keys default, params; expected init, actions, next, invariants; a CommonJS file sets module\.exports/,
    );
  });

  it('no default export: the names it does export', async () => {
    await expectLoadError('m.mjs', 'export const model = {}; export const params = { a: 1 };', /^model file \.\/m\.mjs has no default export \(it exports model, params\)/);
    await expectLoadError('m.mjs', 'const unused = 1;', /has no default export \(it exports nothing\)/);
  });

  it('a factory that returns something else', async () => {
    await expectLoadError('m.ts', 'export default () => undefined;', /^model file \.\/m\.ts: its default export is a function, which returned undefined; expected init/);
    await expectLoadError('m.mjs', 'export default async () => ({});', /which returned a Promise; .*returns the model itself, not a promise/);
  });

  it('a value that is no model, and one that is half a model', async () => {
    await expectLoadError('m.mjs', 'export default 42;', /its default export is the number 42; expected init, actions, next, invariants$/);
    await expectLoadError('m.mjs', "export default ['init'];", /its default export is an array of 1 item;/);
    await expectLoadError(
      'm.mts',
      'export default { init: () => [], next: 4, invariants: {} };',
      /its default export is an object with keys init, next, invariants \(no actions\(\) function; next is the number 4, not a function\)/,
    );
  });

  it('a CommonJS .js file in a "type": "module" package says why it cannot load', async () => {
    await expectLoadError('m.js', JS_CJS, /failed to load: module is not defined in ES module scope \(the nearest package\.json says "type": "module"/, 'module', ModelError);
  });

  it('is one line through the command line', async () => {
    const dir = project('absent', { 'm.cjs': 'module.exports = { default: {}, params: {} };' });
    const r = await sim(['check', '--model', './m.cjs'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^sim: model file \.\/m\.cjs: its default export is an object with keys default, params; expected init, actions, next, invariants; .*\n$/);
  });
});
