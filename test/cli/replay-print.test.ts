// Goal: `sim replay` off a terminal prints, after each step, the fields it changed (the screen's comparison) and, with --states, every state, in text, markdown and JSON alike.
// Method: replay counterexamples `sim check` produced (TwoPhase, and the flagship's) in-process, and compare the output with the trace's own states through changedFields and stateTree.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { main } from '../../cli/main.js';
import { changedFields, decodeTrace, stateTree, type Trace } from '../../trace/index.js';
import { scratchDir, sim } from '../helpers/cli.js';

const BUG = ['--model', 'twophase', '--param', 'bug=commit-without-all-prepared'];

async function counterexample(args = BUG): Promise<{ dir: string; trace: Trace }> {
  const dir = scratchDir();
  expect((await sim(['check', ...args, '--out', 'cx.trace.json'], dir)).code).toBe(1);
  const file = join(dir, 'cx.trace.json');
  return { dir, trace: decodeTrace(readFileSync(file), file) };
}

const stateOf = (trace: Trace, step: number): unknown => (step === 0 ? trace.initial.state : trace.steps[step - 1]?.state);
const treeOf = (state: unknown): string[] => stateTree(state, undefined, 'full', 100, 1_000_000).lines.map((l) => `${'  '.repeat(l.depth)}${l.text}`);

describe('sim replay --no-tui', () => {
  it('prints each step with the fields it changed, as paths with the old value', async () => {
    const { dir } = await counterexample();
    const r = await sim(['replay', 'cx.trace.json', '--no-tui'], dir);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n').slice(1)).toEqual([
      '     1  TM     TMCommit',
      '        msgs.commit: true  (was false)',
      '        tmState: "committed"  (was "init")',
      '     2  rm1    RMChooseToAbort(rm1)',
      '        rmState[0]: "aborted"  (was "working")',
      '     3  rm2    RMRcvCommitMsg(rm2)',
      '        rmState[1]: "committed"  (was "working")',
      'reproduces: all 3 steps match; verdict violation of TCConsistent at step 3',
      '',
    ]);
  });

  it('with --states, prints the initial state and the state after each step, as the screen\'s full view does', async () => {
    const { dir, trace } = await counterexample();
    const lines = (await sim(['replay', 'cx.trace.json', '--states'], dir)).stdout.split('\n');
    for (let k = 0; k <= trace.steps.length; k++) {
      const at = lines.findIndex((l) => l.startsWith(`  ${String(k).padStart(4)}  `));
      const header = lines.indexOf('        state:', at);
      expect(header).toBeGreaterThan(at);
      const tree = treeOf(stateOf(trace, k));
      expect(lines.slice(header + 1, header + 1 + tree.length)).toEqual(tree.map((t) => `          ${t}`));
    }
    expect(lines[1]).toBe('     0  initial state');
  });

  it('names the flagship\'s acknowledged MARK among the changes of the MARK_REGION reply', async () => {
    const { dir } = await counterexample(['--param', 'bug=lost-dirty-bit']);
    const text = (await sim(['replay', 'cx.trace.json'], dir)).stdout;
    const step20 = text.slice(text.indexOf('    20  '), text.indexOf('    21  '));
    expect(step20).toContain('DeliverReply DM_ULOG_MARK_REGION');
    expect(step20).toContain('        log.kernels[0].flush.stage: "flush"  (was "mark")');
  });

  it('--format json carries the same facts as data: each step\'s changes, and with --states its state', async () => {
    const { dir, trace } = await counterexample();
    const plain = JSON.parse((await sim(['replay', 'cx.trace.json', '--format', 'json'], dir)).stdout);
    expect(plain).toMatchObject({ reproduces: true, steps: 3, verdict: { name: 'TCConsistent' } });
    expect(plain.timeline.map((s: { step: number }) => s.step)).toEqual([0, 1, 2, 3]);
    for (const [k, s] of plain.timeline.entries()) {
      expect(s.changes).toEqual(k === 0 ? [] : JSON.parse(JSON.stringify(changedFields(stateOf(trace, k - 1), stateOf(trace, k)))));
      expect(s).not.toHaveProperty('state');
      if (k > 0) expect(s).toMatchObject({ actor: trace.steps[k - 1]?.actor, label: trace.steps[k - 1]?.label, action: trace.steps[k - 1]?.action });
    }
    const full = JSON.parse((await sim(['replay', 'cx.trace.json', '--json', '--states'], dir)).stdout);
    expect(full.timeline.map((s: { state: unknown }) => s.state)).toEqual([0, 1, 2, 3].map((k) => stateOf(trace, k)));
  });

  it('--format markdown puts the changes in a column of the steps table, and the states in sections with --states', async () => {
    const { dir, trace } = await counterexample();
    const md = (await sim(['replay', 'cx.trace.json', '--format', 'markdown'], dir)).stdout;
    expect(md).toContain('| step | actor | action | changed fields |');
    expect(md).toContain('| 1 | TM | `TMCommit` | `msgs.commit: true  (was false)`<br>`tmState: "committed"  (was "init")` |');
    expect(md).not.toContain('## States');
    const withStates = (await sim(['replay', 'cx.trace.json', '--format', 'markdown', '--states'], dir)).stdout;
    const section = withStates.slice(withStates.indexOf('### After step 2: `RMChooseToAbort(rm1)` by rm1'));
    expect(section.split('\n').slice(2, 3 + treeOf(stateOf(trace, 2)).length + 1)).toEqual(['```text', ...treeOf(stateOf(trace, 2)), '```']);
  });

  it('prints the steps only up to where a trace diverges', async () => {
    const { dir } = await counterexample();
    const file = join(dir, 'cx.trace.json');
    const doc = JSON.parse(readFileSync(file, 'utf8'));
    doc.steps[1].fingerprint = '0123456789abcdef';
    writeFileSync(file, JSON.stringify(doc));
    const r = await sim(['replay', 'cx.trace.json', '--json'], dir);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).timeline.map((s: { step: number }) => s.step)).toEqual([0, 1, 2]);
  });

  it('--states prints even on a terminal, where a plain replay opens the screen', async () => {
    const { dir } = await counterexample();
    let stdout = '';
    const code = await main(['replay', 'cx.trace.json', '--states'], {
      stdout: { write: (t: string | Uint8Array) => (stdout += String(t)) },
      stderr: { write: () => true },
      stdin: Readable.from([]),
      cwd: dir,
      stderrIsTTY: true,
      stdoutIsTTY: true,
      stdinIsTTY: true,
      env: {},
      now: () => 0,
    });
    expect(code).toBe(0);
    expect(stdout).toContain('     0  initial state');
  });
});
