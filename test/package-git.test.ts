// Goal: installing from a git URL works too: npm clones, builds through `prepare`, and packs by `files`.
// Method: commit the worktree's files into a temp git repository, `npm install git+file://` it into a fresh project.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
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

let project: string;

beforeAll(() => {
  const dir = scratchDir();
  // The working tree as a commit (what a push would publish), without dist/: .gitignore keeps it out.
  const repo = join(dir, 'repo');
  const tracked = succeed('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], repoRoot).split('\0').filter(Boolean);
  for (const file of tracked) {
    mkdirSync(join(repo, dirname(file)), { recursive: true });
    cpSync(join(repoRoot, file), join(repo, file));
  }
  succeed('git', ['init', '-q'], repo);
  succeed('git', ['add', '-A'], repo);
  succeed('git', ['-c', 'user.name=test', '-c', 'user.email=test@example.invalid', 'commit', '-q', '-m', 'snapshot'], repo);
  project = join(dir, 'project');
  mkdirSync(project);
  succeed('npm', ['init', '-y'], project);
  succeed('npm', ['install', '--save-dev', '--prefer-offline', '--no-audit', '--no-fund', `git+file://${repo}`], project);
  writeFileSync(join(project, 'm.ts'), 'export default { init: () => [0], actions: (s: number) => (s < 2 ? [1] : []), next: (s: number) => s + 1, final: (s: number) => s === 2 };\n');
}, 600_000);

describe('a project that installed the tool from its git URL', () => {
  it('runs sim, built by the prepare script', () => {
    expect(run('npx', ['sim', '--version'], project)).toMatchObject({ code: 0, stdout: expect.stringMatching(/^sim \d+\.\d+\.\d+\n$/) as unknown });
    const r = run('npx', ['sim', 'check', '--model', './m.ts', '--json'], project);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ verdict: 'ok', distinctStates: 3 });
  });
});
