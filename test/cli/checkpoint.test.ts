// Goal: a check killed with SIGKILL resumes from its checkpoint to the same counts as an uninterrupted run,
// and resuming a finished check reports its result. Method: a real `sim check` process, killed once a snapshot exists.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot, scratchDir, sim } from '../helpers/cli.js';

async function killAfterFirstSnapshot(dir: string, args: string[]): Promise<void> {
  const child = spawn(process.execPath, [join(repoRoot, 'bin/sim.js'), ...args], { cwd: dir, stdio: 'ignore' });
  const exited = new Promise((resolve) => child.on('exit', resolve));
  for (let i = 0; i < 600 && !existsSync(join(dir, 'ck', 'CURRENT')); i++) await new Promise((r) => setTimeout(r, 25));
  child.kill('SIGKILL');
  await exited;
}

describe('checkpoint and resume', () => {
  it('finishes a killed check with the uninterrupted counts', async () => {
    const dir = scratchDir();
    await killAfterFirstSnapshot(dir, ['check', '--model', 'twophase', '--param', 'rm=6', '--checkpoint', 'ck', '--checkpoint-interval', '0', '--json']);
    expect(existsSync(join(dir, 'ck', 'CURRENT'))).toBe(true);
    const resumed = await sim(['check', '--resume', 'ck', '--json'], dir);
    expect(resumed.stderr).toContain('resuming the check saved in ck');
    expect(resumed.code).toBe(0);
    expect(JSON.parse(resumed.stdout)).toMatchObject({ verdict: 'ok', distinctStates: 50816, transitions: 402305, depth: 19 });
    const again = await sim(['check', '--resume', 'ck', '--json'], dir);
    expect(again.stderr).toContain('had finished');
    expect(JSON.parse(again.stdout)).toMatchObject({ distinctStates: 50816, transitions: 402305 });
  });

  it('resumes to the same counterexample', async () => {
    const dir = scratchDir();
    const args = ['check', '--model', 'twophase', '--param', 'rm=3', '--param', 'bug=commit-without-all-prepared', '--checkpoint', 'ck', '--checkpoint-interval', '0', '--json'];
    const whole = await sim(args, dir);
    expect(whole.code).toBe(1);
    expect((await sim(['check', '--resume', 'ck', '--json'], dir)).stdout).toBe(whole.stdout);
  });

  it('refuses a folder without a checkpoint, and other flags beside --resume', async () => {
    expect((await sim(['check', '--resume', 'nowhere'])).stderr).toMatch(/holds no checkpoint/);
    expect((await sim(['check', '--resume', 'ck', '--param', 'rm=3'])).stderr).toMatch(/--resume takes the check's flags from its checkpoint/);
  });
});
