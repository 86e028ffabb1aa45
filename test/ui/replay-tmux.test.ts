// Goal: the real `sim replay` binary opens the Ink UI on a terminal, responds to keys, and exits 0 on q; on the flagship's counterexample, the evidence (changed fields, the MARK acknowledged) is reachable at 100x30 and every actor's lane shows at 160x50.
// Method: build once (npm run build is the suite's first step), run `node bin/sim.js` in detached 100x30 and 160x50 tmux sessions with CI=false on counterexamples `sim check` just produced, poll capture-pane -p, send-keys.
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

/**
 * Sends `key` until `pattern` shows, one press per redraw: a press that changes nothing within a
 * moment is sent again (the first key can race Ink switching the terminal to raw mode).
 */
async function pressUntil(key: string, pattern: RegExp, pressesMax = 12): Promise<string> {
  let s = screen();
  for (let press = 0; press < pressesMax && !pattern.test(s); press++) {
    const before = s;
    tmux('send-keys', '-t', session, key);
    const deadline = Date.now() + 1500;
    while (s === before && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 50));
      s = screen();
    }
  }
  expect(s).toMatch(pattern);
  return s;
}

/** Opens `sim replay FILE` in DIR on a COLUMNSxROWS tmux terminal, waiting for its first frame. */
async function openReplay(dir: string, file: string, columns: number, rows: number): Promise<string> {
  const command = `cd ${dir} && CI=false node ${join(repoRoot, 'bin/sim.js')} replay ${file}; echo "EXIT=$?"; sleep 30`;
  spawnSync('tmux', ['kill-session', '-t', session]); // an earlier test's session, if one is left
  tmux('new-session', '-d', '-s', session, '-x', String(columns), '-y', String(rows), command);
  return waitFor(/step 0\/\d+ {2}initial state/);
}

/** The flagship's counterexample, made afresh by `sim check`, in a scratch directory. */
function flagshipCounterexample(): string {
  const dir = scratchDir();
  expect(simProcess(['check', '--param', 'bug=lost-dirty-bit', '--out', 'cx.trace.json'], dir).code).toBe(1);
  return dir;
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
    expect(s).toContain('→/l next');

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

describe.skipIf(!hasTmux)('the flagship counterexample in a terminal (tmux)', () => {
  it('at 100x30: the violation opens on its first change, c reaches the rest, and c at the MARK_REGION reply shows the MARK acknowledged', async () => {
    await openReplay(flagshipCounterexample(), 'cx.trace.json', 100, 30);
    let s = await pressUntil('v', /step 23\/23/);
    expect(s).toContain('state 23: 4 changes (d: full state)');
    expect(s).toContain('▸restored: true  (was false)');
    // The restored daemon's memory holds the region clean: the other half of the violation.
    expect(s).toMatch(/\*clean: \[true\]/);
    expect(s).not.toContain('up: true');
    tmux('send-keys', '-t', session, 'c', 'c');
    s = await waitFor(/▸up: true {2}\(was false\)/);
    expect(s).toContain('*restart: "idle"  (was "restoring")');
    expect(s).toMatch(/lines 21–31 of 31/);

    // Step 20: the kernel receives the MARK_REGION reply; its flush moves past the mark stage.
    tmux('send-keys', '-t', session, '/', 'DeliverReply DM_ULOG_MARK', 'Enter');
    s = await waitFor(/step 20\/23 {2}DeliverReply DM_ULOG_MARK_REGION/);
    expect(s).not.toContain('stage: "flush"');
    s = await pressUntil('c', /▸stage: "flush" {2}\(was "mark"\)/);
    expect(s).toContain('*flush:');

    // The full state at the violation: paging down reaches the MARK the kernel holds acknowledged.
    tmux('send-keys', '-t', session, 'v', 'd');
    s = await waitFor(/state 23: full, 4 changes/);
    s = await pressUntil('J', /batchMarks: \[0\]/);
    tmux('send-keys', '-t', session, 'q');
    expect(await waitFor(/EXIT=\d+/)).toContain('EXIT=0');
    tmux('kill-session', '-t', session);
  });

  it('at 160x50: every actor has its lane', async () => {
    await openReplay(flagshipCounterexample(), 'cx.trace.json', 160, 50);
    const s = await pressUntil('v', /step 23\/23/);
    const lanes = s.split('\n').filter((line) => /^\S+ +[●·]+$/.test(line)).map((line) => line.split(' ')[0]);
    expect(lanes).toEqual(['dmsetup0', 'netlink0', 'kernel0', 'requester', 'p0t1', 'p0t0', 'daemon0', 'cr_restart', 'r0t0']);
    expect(s).toContain('lanes: steps 1–23\n');
    expect(s).not.toMatch(/more|actors \d/);
    tmux('send-keys', '-t', session, 'q');
    expect(await waitFor(/EXIT=\d+/)).toContain('EXIT=0');
    tmux('kill-session', '-t', session);
  });
});

if (!hasTmux) {
  describe('sim replay in a terminal (tmux)', () => {
    it.skip('skipped: tmux is not installed (apt-get install tmux)', () => {});
  });
}
