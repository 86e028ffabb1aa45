// Goal: the real `sim replay` binary opens the Ink UI on a terminal, responds to keys, and exits 0 on q, on a counterexample `sim check` just produced.
// Method: build once (npm run build is the suite's first step), run `node bin/sim.js` in a detached 100x30 tmux session with CI=false, poll capture-pane -p, send-keys.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot, scratchDir, simProcess } from '../helpers/cli.js';

const hasTmux = spawnSync('tmux', ['-V']).status === 0;
const session = `sim-replay-e2e-${process.pid}`;
const tmux = (...args: string[]): string => execFileSync('tmux', args, { encoding: 'utf8' });
const screen = (): string => tmux('capture-pane', '-p', '-t', session);

/** Polls the screen until `pattern` shows, or fails with the screen as it is. */
async function waitFor(pattern: RegExp, timeoutMs = 15_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    last = screen();
    if (pattern.test(last)) return last;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${pattern}; the screen is:\n${last}`);
}

afterAll(() => {
  if (hasTmux) spawnSync('tmux', ['kill-session', '-t', session]);
});

describe.skipIf(!hasTmux)('sim replay in a terminal (tmux)', () => {
  it('opens at step 0, steps, jumps to the violation, finds, and quits with exit 0', async () => {
    expect(existsSync(join(repoRoot, 'dist/cli/main.js')), 'run npm run build first').toBe(true);
    const dir = scratchDir();
    const check = simProcess(['check', '--model', 'twophase', '--param', 'bug=commit-without-all-prepared', '--out', 'cx.trace.json'], dir);
    expect(check.code).toBe(1);
    const command = `cd ${dir} && CI=false node ${join(repoRoot, 'bin/sim.js')} replay cx.trace.json; echo "EXIT=$?"; sleep 30`;
    tmux('new-session', '-d', '-s', session, '-x', '100', '-y', '30', command);

    let s = await waitFor(/step 0\/3 {2}initial state/);
    expect(s).toContain('model twophase (bug=commit-without-all-prepared, rm=3) · checker · cx.trace.json');
    expect(s).toContain('verdict: violation of TCConsistent at step 3 · all 3 steps reproduce');
    expect(s).toContain('→/l/n next');

    // The first key can race Ink switching the terminal to raw mode: resend it while the screen is still at step 0.
    for (let attempt = 0; attempt < 10 && !/step 1\/3/.test(s); attempt++) {
      tmux('send-keys', '-t', session, 'Right');
      s = await waitFor(/step 1\/3/, 1500).catch(() => screen());
    }
    expect(s).toMatch(/step 1\/3 {2}TMCommit {2}by TM/);

    tmux('send-keys', '-t', session, 'v');
    s = await waitFor(/step 3\/3/);
    expect(s).toContain('step 3/3  RMRcvCommitMsg(rm2)  by rm2');
    expect(s).toContain('✗ invariant TCConsistent is violated: No resource manager has aborted while another has committed.');
    expect(s).toMatch(/▶✗3 {2}rm2 {2}RMRcvCommitMsg\(rm2\)/);

    tmux('send-keys', '-t', session, 'g', '/', 'rm1', 'Enter');
    s = await waitFor(/step 2\/3/);
    expect(s).toContain('step 2/3  RMChooseToAbort(rm1)  by rm1');

    tmux('send-keys', '-t', session, 'q');
    s = await waitFor(/EXIT=\d+/);
    expect(s).toContain('EXIT=0');
    tmux('kill-session', '-t', session);

    // Ctrl-C quits with exit 0 too (Ink's own Ctrl-C handling is off; the keymap maps it to quit).
    tmux('new-session', '-d', '-s', session, '-x', '100', '-y', '30', command);
    s = await waitFor(/step 0\/3/);
    // Move first, so that Ctrl-C surely reaches the app in raw mode rather than the shell as SIGINT.
    for (let attempt = 0; attempt < 10 && !/step 1\/3/.test(s); attempt++) {
      tmux('send-keys', '-t', session, 'l');
      s = await waitFor(/step 1\/3/, 1500).catch(() => screen());
    }
    tmux('send-keys', '-t', session, 'C-c');
    s = await waitFor(/EXIT=\d+/);
    expect(s).toContain('EXIT=0');
  });
});

if (!hasTmux) {
  describe('sim replay in a terminal (tmux)', () => {
    it.skip('skipped: tmux is not installed (apt-get install tmux)', () => {});
  });
}
