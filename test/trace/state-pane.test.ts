// Goal: the state pane's scroll positions stay within the content, a focused change is always in view, and scrolling moves by exactly the lines asked unless an end stops it.
// Method: fast-check over pane contents built from pairs of small JSON states (at widths that expand them into many lines), pane heights and scroll commands.
import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { stateTree } from '../../trace/index.js';
import { changeLine, focused, pageLines, scrolled, topOf, windowLines, type PaneContent, type PaneScroll } from '../../trace/state-pane.js';
import { statePair } from '../helpers/json-states.js';

const contentArb: fc.Arbitrary<PaneContent> = fc
  .tuple(statePair, fc.integer({ min: 1, max: 40 }), fc.constantFrom<'diff' | 'full'>('diff', 'full'))
  .map(([[before, after], width, mode]) => {
    const { lines, truncated } = stateTree(after, before, mode, width, 10_000);
    return { lines, truncated, changes: lines.flatMap((l, i) => (l.origin ? [i] : [])) };
  });
const heightArb = fc.integer({ min: 1, max: 30 });
const scrollArb: fc.Arbitrary<PaneScroll> = fc.oneof(
  fc.record({ change: fc.integer({ min: -5, max: 20 }) }),
  fc.record({ change: fc.integer({ min: -5, max: 20 }), top: fc.integer({ min: -10, max: 200 }) }),
);

const inView = (line: number, top: number, window: number): boolean => line >= top && line < top + window;

describe('state pane', () => {
  test.prop([contentArb, heightArb, scrollArb])('the top line keeps the window within the content', (content, height, scroll) => {
    const top = topOf(content, height, scroll);
    const window = windowLines(height, content.lines.length);
    expect(top).toBeGreaterThanOrEqual(0);
    expect(top).toBeLessThanOrEqual(Math.max(0, content.lines.length - window));
    expect(window).toBeLessThanOrEqual(height);
  });

  test.prop([contentArb, heightArb, fc.integer({ min: -5, max: 20 })])('an unscrolled pane shows its focused change', (content, height, change) => {
    const line = changeLine(content, change);
    if (line !== undefined) expect(inView(line, topOf(content, height, { change }), windowLines(height, content.lines.length))).toBe(true);
  });

  test.prop([contentArb, heightArb, scrollArb, fc.integer({ min: -3, max: 3 })])('focusing another change brings it into view, scrolling only if it was out of it', (content, height, scroll, by) => {
    const moved = focused(content, height, scroll, by);
    const window = windowLines(height, content.lines.length);
    const line = changeLine(content, moved.change);
    if (line === undefined) {
      expect(moved).toEqual(scroll);
      return;
    }
    const top = topOf(content, height, moved);
    expect(inView(line, top, window)).toBe(true);
    const before = topOf(content, height, scroll);
    if (inView(line, before, window)) expect(top).toBe(before);
  });

  test.prop([contentArb, heightArb, scrollArb, fc.integer({ min: -50, max: 50 })])('scrolling moves the top by the lines asked, unless an end stops it, and keeps the focus', (content, height, scroll, lines) => {
    const from = topOf(content, height, scroll);
    const to = topOf(content, height, scrolled(content, height, scroll, lines));
    const last = Math.max(0, content.lines.length - windowLines(height, content.lines.length));
    expect(to).toBe(Math.max(0, Math.min(last, from + lines)));
    expect(scrolled(content, height, scroll, lines).change).toBe(scroll.change);
    expect(pageLines(content, height)).toBeGreaterThanOrEqual(1);
  });
});
