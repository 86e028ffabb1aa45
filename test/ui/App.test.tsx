// Goal: key presses drive the replay app exactly as the keymap and cursor say, even when several keys arrive in one chunk.
// Method: ink-testing-library renders App at 80x24; stdin.write sends raw key bytes; lastFrame() is read after React commits.
import { render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../ui/index.js';
import { sessionOf, syntheticTrace, twophaseCounterexample } from '../helpers/traces.js';

const RIGHT = '\u001B[C';
const LEFT = '\u001B[D';
const DOWN = '\u001B[B';
const UP = '\u001B[A';
const PAGE_DOWN = '\u001B[6~';
const PAGE_UP = '\u001B[5~';
const ENTER = '\r';
const ESC = '\u001B';
const tick = (ms = 30) => new Promise((r) => setTimeout(r, ms));

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((f) => f()));

async function app(session = sessionOf(twophaseCounterexample())) {
  const r = render(<App session={session} size={{ columns: 80, rows: 24 }} />);
  cleanups.push(r.unmount);
  await tick();
  const press = async (...keys: string[]) => {
    for (const k of keys) {
      r.stdin.write(k);
      await tick();
    }
    return r.lastFrame() ?? '';
  };
  return { ...r, press, frame: () => r.lastFrame() ?? '' };
}

const stepLine = (frame: string) => frame.split('\n').find((l) => l.startsWith('step '));
/** The state pane's status line (`lines A–B of N ...`), cut out of the frame. */
const statusOf = (frame: string) => /lines \d+–\d+ of \d+/.exec(frame)?.[0];
/** The focused change's line in the state pane. */
const focusOf = (frame: string) => /▸(.*)$/m.exec(frame)?.[1]?.trim();

describe('App', () => {
  it('opens at step 0 and steps with arrows, l/n and h/p', async () => {
    const a = await app();
    expect(stepLine(a.frame())).toBe('step 0/3  initial state');
    expect(stepLine(await a.press(RIGHT))).toBe('step 1/3  TMCommit  by TM');
    expect(stepLine(await a.press('l', 'n'))).toBe('step 3/3  RMRcvCommitMsg(rm2)  by rm2');
    expect(stepLine(await a.press('n'))).toBe('step 3/3  RMRcvCommitMsg(rm2)  by rm2');
    expect(stepLine(await a.press(LEFT, 'h'))).toBe('step 1/3  TMCommit  by TM');
    expect(stepLine(await a.press('p', 'p'))).toBe('step 0/3  initial state');
  });

  it('g, G and v jump; v shows the violated invariant', async () => {
    const a = await app();
    expect(stepLine(await a.press('G'))).toContain('step 3/3');
    expect(stepLine(await a.press('g'))).toContain('step 0/3');
    const frame = await a.press('v');
    expect(stepLine(frame)).toContain('step 3/3');
    expect(frame).toContain('✗ invariant TCConsistent is violated');
  });

  it('applies a burst of keys written in one chunk, in order (no stale state)', async () => {
    const a = await app(sessionOf(syntheticTrace(50, { actors: ['TM', 'rm1', 'rm2'] })));
    expect(stepLine(await a.press(`${RIGHT}${RIGHT}lln${LEFT}`))).toContain('step 4/50');
    expect(stepLine(await a.press('Ghhhhhp'))).toContain('step 44/50');
    expect(stepLine(await a.press('gaaa'))).toContain('step 7/50  Act7(TM)');
  });

  it('a jumps to the next step of the same actor', async () => {
    const a = await app(sessionOf(syntheticTrace(10, { actors: ['TM', 'rm1'] })));
    expect(stepLine(await a.press('l', 'l', 'a'))).toContain('step 4/10  Act4(rm1)  by rm1');
    expect(stepLine(await a.press('a', 'a', 'a'))).toContain('step 10/10');
    expect(await a.press('a')).toContain('no later step by rm1');
  });

  it('/ opens a find prompt: typed keys are text (q does not quit), Enter finds, Esc cancels', async () => {
    const a = await app();
    let frame = await a.press('/', 'r', 'm', '2');
    expect(frame).toContain('find: rm2▏');
    frame = await a.press(ENTER);
    expect(stepLine(frame)).toContain('step 3/3  RMRcvCommitMsg(rm2)');
    expect(frame).not.toContain('find:');
    frame = await a.press('/', 'q', ESC);
    expect(frame).not.toContain('find:');
    expect(stepLine(frame)).toContain('step 3/3');
    frame = await a.press('/', 'n', 'o', 'p', 'e', ENTER);
    expect(frame).toContain("no step matches 'nope'");
  });

  it('d toggles the full state and the diff', async () => {
    const a = await app();
    let frame = await a.press('l');
    expect(frame).toContain('state 1: 2 changes (d: full state)');
    expect(frame).toContain('(2 unchanged: rmState, tmPrepared)');
    frame = await a.press('d');
    expect(frame).toContain('state 1: full, 2 changes (d: diff)');
    expect(frame).toContain('rmState: ["working", "working", "working"]');
  });

  it('↓/j and ↑/k scroll the state a line, PgDn/J and PgUp/K a page, within its ends', async () => {
    const a = await app(sessionOf(syntheticTrace(3, { regions: 40 })));
    let frame = await a.press('l', 'd');
    expect(frame).toContain('state 1: full, 3 changes (d: diff)');
    expect(statusOf(frame)).toBe('lines 1–10 of 45');
    expect(statusOf(await a.press(DOWN, 'j'))).toBe('lines 3–12 of 45');
    expect(statusOf(await a.press(UP))).toBe('lines 2–11 of 45');
    expect(statusOf(await a.press(PAGE_DOWN))).toBe('lines 11–20 of 45');
    expect(statusOf(await a.press('J', 'J', 'J', 'J', 'J'))).toBe('lines 36–45 of 45');
    expect(statusOf(await a.press('k', PAGE_UP))).toBe('lines 26–35 of 45');
    expect(statusOf(await a.press('K', 'K', 'K', 'K'))).toBe('lines 1–10 of 45');
    expect(stepLine(await a.press('k'))).toContain('step 1/3');
    frame = await a.press('l');
    expect(statusOf(frame)).toBe('lines 1–10 of 45');
    expect(stepLine(frame)).toContain('step 2/3');
  });

  it('c and C move the focus from change to change, scrolling to each; a step starts at its first change', async () => {
    const a = await app(sessionOf(syntheticTrace(3, { regions: 40 })));
    let frame = await a.press('l', 'd');
    expect(focusOf(frame)).toBe('counts: [1, 0, 0]');
    frame = await a.press('c');
    expect(focusOf(frame)).toBe('[7]: {dirty: true}');
    expect(statusOf(frame)).toBe('lines 11–20 of 45');
    frame = await a.press('c');
    expect(focusOf(frame)).toBe('step: 1');
    expect(statusOf(frame)).toBe('lines 36–45 of 45');
    frame = await a.press('c');
    expect(focusOf(frame)).toBe('counts: [1, 0, 0]');
    expect(statusOf(frame)).toBe('lines 1–10 of 45');
    expect(focusOf(await a.press('C'))).toBe('step: 1');
    frame = await a.press('l');
    expect(stepLine(frame)).toContain('step 2/3');
    expect(focusOf(frame)).toBe('counts: [1, 1, 0]');
    expect(await a.press('g', 'c')).toContain('the initial state has no changes');
  });

  it('pages by the size of the screen it is on, after a resize too', async () => {
    const session = sessionOf(syntheticTrace(3, { regions: 80 }));
    const a = await app(session);
    expect(statusOf(await a.press('l', 'd', PAGE_DOWN))).toBe('lines 10–19 of 85');
    a.rerender(<App session={session} size={{ columns: 100, rows: 40 }} />);
    await tick();
    expect(statusOf(await a.press(PAGE_UP, PAGE_DOWN))).toBe('lines 27–53 of 85');
  });

  it('opens a diverging trace at the diverging step, marked', async () => {
    const a = await app(sessionOf(twophaseCounterexample(), { reproduces: false, step: 2, reason: 'action RMChooseToAbort(rm1) is not enabled' }));
    const frame = a.frame();
    expect(stepLine(frame)).toContain('step 2/3');
    expect(frame).toContain('≠ diverges here: action RMChooseToAbort(rm1) is not enabled');
    expect(frame).toContain('DIVERGES at step 2');
    expect(frame).toContain('▶≠2  rm1');
  });

  it('q and Ctrl-C quit (the app unmounts: later keys change nothing)', async () => {
    for (const quit of ['q', '\u0003']) {
      const a = await app();
      await a.press(quit);
      const frame = a.frame();
      await a.press('l');
      expect(a.frame()).toBe(frame);
    }
  });
});
