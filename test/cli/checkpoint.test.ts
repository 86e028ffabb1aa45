// Goal: a check killed with SIGKILL, its levels spilled to disk, resumes to the counts of an uninterrupted
// run; resuming takes the check's own flags again (a mismatch named); a finished check's snapshot goes unless kept.
// Method: a real `sim check` process killed while a fixture model sleeps at a known state; the rest in process.
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixture, repoRoot, scratchDir, sim } from '../helpers/cli.js';

async function waitFor(file: string): Promise<void> {
  for (let i = 0; i < 6000 && !existsSync(file); i++) await new Promise((r) => setTimeout(r, 25));
  if (!existsSync(file)) throw new Error(`${file} never appeared`);
}

/** Runs `sim ARGS` in `dir` until the stall fixture sleeps, then kills it; returns what its spill folder held. */
async function killWhenStalled(dir: string, args: string[]): Promise<string[]> {
  const tmp = join(dir, 'tmp');
  mkdirSync(tmp);
  const stalled = join(dir, 'stalled');
  const env = { ...process.env, SIM_TEST_STALL: stalled, TMPDIR: tmp };
  const child = spawn(process.execPath, [join(repoRoot, 'bin/sim.js'), ...args], { cwd: dir, stdio: 'ignore', env });
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve(signal ?? code)));
  try {
    await waitFor(stalled);
    return readdirSync(tmp).flatMap((queue) => readdirSync(join(tmp, queue)));
  } finally {
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
  }
}

const counts = (stdout: string) => {
  const r = JSON.parse(stdout) as { verdict: string; distinctStates: number; transitions: number; depth: number };
  return [r.verdict, r.distinctStates, r.transitions, r.depth];
};

/** A folder holding the unfinished checkpoint of twophase rm=5 (a finished one's kept snapshot, its result removed). */
async function unfinished(): Promise<string> {
  const dir = scratchDir();
  const r = await sim(['check', '--model', 'twophase', '--no-symmetry', '--param', 'rm=5', '--checkpoint', 'ck', '--checkpoint-interval', '0', '--keep-checkpoint', '--json'], dir);
  expect(r.code).toBe(0);
  rmSync(join(dir, 'ck', 'result.json'));
  return dir;
}

describe('checkpoint and resume', () => {
  it('finishes a killed check, its levels spilled, with the uninterrupted counts', async () => {
    const dir = scratchDir();
    const stall = fixture('stall.mjs');
    const args = ['check', '--model', stall, '--checkpoint', 'ck', '--checkpoint-interval', '0', '--queue-memory', '0', '--json'];
    const spilled = await killWhenStalled(dir, args);
    expect(spilled.some((f) => f.startsWith('level-'))).toBe(true);
    expect(readdirSync(join(dir, 'ck')).sort()).toEqual(['check.json', 'snapshot.bin']);
    // The same command line with --resume added.
    const resumed = await sim([...args, '--resume', 'ck'], dir);
    expect(resumed.stderr).toBe('resumed the check saved in ck\n');
    expect(resumed.code).toBe(0);
    const whole = await sim(['check', '--model', stall, '--json']);
    expect(counts(resumed.stdout)).toEqual(counts(whole.stdout));
    expect(readdirSync(join(dir, 'ck')).sort()).toEqual(['check.json', 'result.json']);
    const again = await sim(['check', '--resume', 'ck', '--json'], dir);
    expect(again.stderr).toContain('had finished');
    expect(counts(again.stdout)).toEqual(counts(whole.stdout));
    // A real process and three checks: slow on a loaded machine.
  }, 300_000);

  it('resumes to the same counterexample', async () => {
    const dir = scratchDir();
    const args = ['check', '--model', 'twophase', '--param', 'rm=3', '--param', 'bug=commit-without-all-prepared', '--checkpoint', 'ck', '--checkpoint-interval', '0', '--json'];
    const whole = await sim(args, dir);
    expect(whole.code).toBe(1);
    expect((await sim(['check', '--resume', 'ck', '--json'], dir)).stdout).toBe(whole.stdout);
  });

  it('removes a finished check\'s snapshot, unless --keep-checkpoint', async () => {
    const dir = scratchDir();
    const args = ['check', '--model', 'twophase', '--no-symmetry', '--param', 'rm=5', '--checkpoint-interval', '0', '--json'];
    expect((await sim([...args, '--checkpoint', 'gone'], dir)).code).toBe(0);
    expect(readdirSync(join(dir, 'gone')).sort()).toEqual(['check.json', 'result.json']);
    expect((await sim([...args, '--checkpoint', 'kept', '--keep-checkpoint'], dir)).code).toBe(0);
    expect(readdirSync(join(dir, 'kept')).sort()).toEqual(['check.json', 'result.json', 'snapshot.bin']);
    expect((await sim(['check', '--keep-checkpoint'], dir)).stderr).toMatch(/--keep-checkpoint keeps the snapshot of --checkpoint DIR/);
  });

  it('saves a search stopped by --max-memory, which resumes with more', async () => {
    const dir = scratchDir();
    const stopped = await sim(['check', '--model', 'twophase', '--no-symmetry', '--param', 'rm=5', '--checkpoint', 'ck', '--max-memory', '1', '--json'], dir);
    expect(stopped.code).toBe(3);
    expect(stopped.stderr).toContain('the search is saved in ck; continue it with --resume ck');
    expect(readdirSync(join(dir, 'ck')).sort()).toEqual(['check.json', 'snapshot.bin']);
    const resumed = await sim(['check', '--resume', 'ck', '--json'], dir);
    expect(resumed.code).toBe(0);
    expect(counts(resumed.stdout)).toEqual(['ok', 8832, 58145, 16]);
  });

  it('refuses to start a fresh check over an unfinished one', async () => {
    const dir = await unfinished();
    const r = await sim(['check', '--model', 'twophase', '--no-symmetry', '--param', 'rm=5', '--checkpoint', 'ck'], dir);
    expect([r.code, r.stderr]).toEqual([2, 'sim: ck holds the checkpoint of an unfinished check; add --resume ck to continue it, or remove ck to start again\n']);
  });
});

describe('flags given again on resume', () => {
  it.each([
    [['--resume', 'ck']],
    [['--model', 'twophase', '--no-symmetry', '--param', 'rm=5', '--resume', 'ck']],
    [['--model', 'twophase', '--no-symmetry', '--param', 'rm=5', '--param', 'bug=none', '--checkpoint', 'ck', '--resume', 'ck', '--checkpoint-interval', '7']],
    [['--strategy', 'bfs', '--param', 'rm=05', '--resume', 'ck', '--workers', '1', '--max-memory', '20000', '--out', 'x.json']],
  ])('match: %j', async (flags) => {
    const dir = await unfinished();
    const r = await sim(['check', ...flags, '--json'], dir);
    expect([r.code, r.stderr]).toEqual([0, 'resumed the check saved in ck\n']);
    expect(counts(r.stdout)).toEqual(['ok', 8832, 58145, 16]);
  });

  it.each([
    [['--param', 'rm=4'], /^sim: --param rm=4 differs from the check saved in ck \(rm=5\)$/],
    [['--param', 'bug=commit-without-all-prepared'], /^sim: --param bug=commit-without-all-prepared differs from the check saved in ck \(bug=none\)$/],
    [['--param', 'nodes=3'], /^sim: --param nodes=3: the check saved in ck has no parameter nodes$/],
    [['--model', 'blcr'], /^sim: --model blcr differs from the check saved in ck \(the built-in model twophase\)$/],
    [['--max-states', '10'], /^sim: --max-states 10 differs from the check saved in ck \(no --max-states\)$/],
    [['--no-deadlock'], /^sim: --no-deadlock differs from the check saved in ck \(no --no-deadlock\)$/],
    [['--strategy', 'dfs'], /^sim: --strategy dfs differs from the check saved in ck \(--strategy bfs\)$/],
    [['--checkpoint', 'elsewhere'], /^sim: --checkpoint elsewhere and --resume ck name different folders$/],
    [['--workers', '2'], /^sim: --workers works with --strategy bfs, without --checkpoint/],
  ])('mismatch: %j', async (flags, message) => {
    const dir = await unfinished();
    const r = await sim(['check', ...flags, '--resume', 'ck'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr.trimEnd()).toMatch(message);
    expect(existsSync(join(dir, 'ck', 'snapshot.bin'))).toBe(true);
  });

  it('checks the flags of a finished check before printing its result', async () => {
    const dir = scratchDir();
    await sim(['check', '--model', 'twophase', '--no-symmetry', '--param', 'rm=5', '--checkpoint', 'ck', '--max-states', '100'], dir);
    expect((await sim(['check', '--max-states', '100', '--resume', 'ck'], dir)).code).toBe(3);
    expect((await sim(['check', '--max-states', '1000', '--resume', 'ck'], dir)).stderr).toMatch(/--max-states 1000 differs .* \(--max-states 100\)/);
    cpSync(join(dir, 'ck'), join(dir, 'copy'), { recursive: true });
    expect((await sim(['check', '--resume', 'copy'], dir)).code).toBe(3);
  });
});
