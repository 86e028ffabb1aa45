// Goal: the packed package works in another project: its bins run, check a built-in model, a .ts model in a CommonJS
// project and the user's .mjs model; driveModel imports. Method: npm pack, install in a fresh `npm init -y` project.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { repoRoot, scratchDir, type SimOutput } from './helpers/cli.js';

/** The outer `npm test` exports its own config as npm_* variables; the commands here must not inherit it. */
const cleanEnv = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key)));

function run(command: string, args: string[], cwd: string): SimOutput {
  const r = spawnSync(command, args, { cwd, encoding: 'utf8', env: { ...cleanEnv, CI: 'true' }, maxBuffer: 1 << 26 });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

function succeed(command: string, args: string[], cwd: string): string {
  const r = run(command, args, cwd);
  if (r.code !== 0) throw new Error(`${command} ${args.join(' ')} failed (exit ${r.code}): ${r.stderr}`);
  return r.stdout;
}

const TS_MODEL = `type S = { n: number };
export const params = { limit: 3 };
export default (p: { limit: number }) => ({
  name: 'counter',
  init: () => [{ n: 0 }],
  actions: (s: S) => (s.n < p.limit ? [{ type: 'Inc' }] : []),
  next: (s: S) => ({ n: s.n + 1 }),
  invariants: { Bounded: (s: S) => s.n <= p.limit },
  final: (s: S) => s.n === p.limit,
});
`;
const MJS_MODEL = TS_MODEL.replace(/^type .*\n/m, '').replace(/: S\b/g, '').replace('(p: { limit: number })', '(p)');

interface Packed {
  files: Array<{ path: string }>;
  size: number;
  entryCount: number;
  filename: string;
}

let packed: Packed;
let project: string;
const version = (JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { version: string }).version;

beforeAll(() => {
  const dir = scratchDir();
  // The tarball holds dist/ as `npm run build` (the first step of `npm test`) left it: packing with
  // scripts would rebuild dist/ while other test files run it.
  packed = (JSON.parse(succeed('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', dir], repoRoot)) as Packed[])[0] as Packed;
  project = join(dir, 'project');
  mkdirSync(project);
  succeed('npm', ['init', '-y'], project);
  succeed('npm', ['install', '--save-dev', '--prefer-offline', '--no-audit', '--no-fund', join(dir, packed.filename)], project);
  writeFileSync(join(project, 'm.ts'), TS_MODEL);
  writeFileSync(join(project, 'm.mjs'), MJS_MODEL);
}, 600_000);

describe('the packed tarball', () => {
  it('holds the bins and the compiled code they run, and no sources, tests, traces or bench', () => {
    const paths = packed.files.map((f) => f.path);
    for (const needed of ['package.json', 'README.md', 'bin/sim.js', 'dist/cli/main.js', 'dist/checker/parallel/worker.js', 'scripts/model-check.mjs', 'scripts/model-check-options.mjs']) {
      expect(paths, `${needed} (run npm run build before this test)`).toContain(needed);
    }
    expect(paths.filter((p) => !/^(bin|dist|scripts)\//.test(p) && !['package.json', 'README.md'].includes(p))).toEqual([]);
    expect(paths.filter((p) => /\.(ts|tsx|map)$/.test(p) || /^(test|traces|bench|examples)\//.test(p))).toEqual([]);
  });
});

describe('in a fresh `npm init -y` project that installed the tarball', () => {
  it('is a CommonJS project, as npm init writes it', () => {
    const pkg = JSON.parse(readFileSync(join(project, 'package.json'), 'utf8')) as { type?: string };
    expect(pkg.type ?? 'commonjs').toBe('commonjs');
  });

  it('npx sim --version', () => {
    expect(run('npx', ['sim', '--version'], project)).toEqual({ code: 0, stdout: `sim ${version}\n`, stderr: '' });
  });

  it('npx sim check --model twophase --json', () => {
    const r = run('npx', ['sim', 'check', '--model', 'twophase', '--json'], project);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ model: 'twophase', verdict: 'ok', symmetry: true, classes: 80, transitions: 317, depth: 10 });
  });

  it('npx sim check --model ./m.ts, a TypeScript model in the CommonJS project', () => {
    const r = run('npx', ['sim', 'check', '--model', './m.ts', '--param', 'limit=5', '--json'], project);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ model: 'counter', params: { limit: 5 }, verdict: 'ok', distinctStates: 6 });
  });

  it('npx sim-model-check --model ./m.mjs --out reports', () => {
    const r = run('npx', ['sim-model-check', '--model', './m.mjs', '--out', 'reports'], project);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^check \.\/m\.mjs\s+ok\s+4 states/m);
    expect(r.stdout).toMatch(/model-check passed in [\d.]+ s; reports in reports\/\n$/);
    expect(existsSync(join(project, 'reports/junit/m.xml'))).toBe(true);
  });

  it('driveModel from blcr-dmlog-sim/conformance drives the user\'s model on the user\'s implementation', () => {
    // A counter that skips 3: the model's run Inc, Inc, Inc, Inc reaches 4 where the implementation says 5.
    writeFileSync(join(project, 'drive.mjs'), `import { driveModel } from 'blcr-dmlog-sim/conformance';
import counter from './m.mjs';
const model = counter({ limit: 4 });
const adapter = (skip) => { let n = 0; return { reset() { n = 0; }, step() { n += n === skip ? 2 : 1; }, observe: () => ({ n }) }; };
await driveModel(adapter(-1), { model, seeds: '1..3' });
await driveModel(adapter(3), { model, seeds: [1] }).then(() => console.log('passed'), (err) => console.log(err.message));
`);
    const r = run('node', ['drive.mjs'], project);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^the implementation differs from model counter in seed 1, step 4 \(Inc\), at \.n: implementation 5, model 4\n/);
  });

  it('npx sim-model-check without --model asks for the project\'s model files', () => {
    const r = run('npx', ['sim-model-check'], project);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^sim-model-check: no models to check: name your model files with --model/);
  });
});
