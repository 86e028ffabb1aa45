// Goal: the replay screen's layout fits any terminal, gives the lanes every row the panes' minimum leaves (never hiding an actor while rows are free), and shows every command's key.
// Method: fast-check over terminal sizes and actor counts, checking the sum of rows, monotonicity in rows, and the help lines; pinned layouts at 80x24, 100x30 and 160x50.
import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { layoutOf, PANE_LINES_MIN } from '../../trace/layout.js';

const sizeArb = fc.record({ columns: fc.integer({ min: 1, max: 300 }), rows: fc.integer({ min: 1, max: 120 }) });
const actorsArb = fc.integer({ min: 0, max: 40 });

/** Rows a layout fills: header (2), position, note, pane titles and lines, lanes title and rows, help. */
const rowsUsed = (l: ReturnType<typeof layoutOf>): number => 4 + 1 + l.paneLines + (l.laneRows > 0 ? l.laneRows + 1 : 0) + l.help.length;

describe('layoutOf', () => {
  test.prop([sizeArb, actorsArb])('fits the terminal with two rows and a column to spare, and every pane has lines', (size, actors) => {
    const l = layoutOf(size, actors);
    if (size.rows >= 12) expect(rowsUsed(l)).toBe(size.rows - 2);
    if (size.columns >= 21) expect(l.width).toBe(size.columns - 1);
    expect(l.paneLines).toBeGreaterThanOrEqual(1);
    expect(l.stepsWidth + 1 + l.stateWidth).toBe(l.width);
    for (const line of l.help) expect(line.length).toBeLessThanOrEqual(l.width);
    expect(l.help.length).toBeGreaterThanOrEqual(1);
    expect(l.help.length).toBeLessThanOrEqual(2);
  });

  test.prop([sizeArb, actorsArb, fc.integer({ min: 1, max: 40 })])('lanes never shrink as rows grow, and hide actors only when the panes are at their minimum', (size, actors, more) => {
    const l = layoutOf(size, actors);
    expect(l.laneRows).toBeLessThanOrEqual(actors);
    expect(layoutOf({ ...size, rows: size.rows + more }, actors).laneRows).toBeGreaterThanOrEqual(l.laneRows);
    if (l.laneRows < actors) expect(l.paneLines).toBeLessThanOrEqual(PANE_LINES_MIN + 1);
  });

  test.prop([fc.integer({ min: 80, max: 300 }), fc.integer({ min: 12, max: 120 })])('the help names a key for every command on a screen 80 columns or wider', (columns, rows) => {
    const help = layoutOf({ columns, rows }, 3).help.join('  ');
    for (const command of ['next', 'back', 'ends', 'violation', 'actor', 'find', 'scroll', 'change', 'diff', 'quit']) expect(help).toContain(` ${command}`);
  });

  it('shows all eight lanes of the flagship from 100x30 up, and as many as fit at 80x24', () => {
    expect(layoutOf({ columns: 160, rows: 50 }, 8)).toMatchObject({ laneRows: 8, paneLines: 33, help: [expect.stringContaining('PgUp/PgDn')] });
    expect(layoutOf({ columns: 100, rows: 30 }, 8)).toMatchObject({ laneRows: 8, paneLines: 13 });
    expect(layoutOf({ columns: 80, rows: 24 }, 8)).toMatchObject({ laneRows: 4, paneLines: PANE_LINES_MIN });
    expect(layoutOf({ columns: 80, rows: 24 }, 3)).toMatchObject({ laneRows: 3, paneLines: 11 });
    expect(layoutOf({ columns: 80, rows: 24 }, 3).help).toHaveLength(2);
  });
});
