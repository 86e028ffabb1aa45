/**
 * How the replay screen shares its rows and columns, from the terminal's size alone: the fixed
 * lines (header, position, note, help), the step list and the state side by side, and one lane per
 * actor below them. The lanes take the rows the terminal has once the panes have their minimum, so
 * a tall terminal shows every actor; the panes take the rest. Pure, so the cursor (to scroll) and
 * the view (to draw) agree on every size.
 */
/** A terminal's size in columns and rows. */
export interface ScreenSize {
  readonly columns: number;
  readonly rows: number;
}

export interface ReplayLayout {
  /** Columns used: one less than the terminal's, so a full-width line never wraps. */
  readonly width: number;
  readonly stepsWidth: number;
  readonly stateWidth: number;
  /** Lines under each pane's title: step rows on the left, state lines on the right. */
  readonly paneLines: number;
  /** Actor lanes shown (a title line comes on top when there are any). */
  readonly laneRows: number;
  readonly help: readonly string[];
}

/** Lines the panes keep before the lanes take any: about a screenful of a state's changes. */
export const PANE_LINES_MIN = 10;

/** Every key, as the help bar shows it on a screen wide enough. */
const HELP_FULL = ['→/l/n next', '←/h/p back', 'g/G ends', 'v violation', 'a actor', '/ find', '↑↓/jk scroll', 'PgUp/PgDn/J/K page', 'c/C change', 'd diff', 'q quit'];
/** One key per command, for a screen too narrow for every key on one line. */
const HELP_SHORT = ['→/l next', '←/h back', 'g/G ends', 'v violation', 'a actor', '/ find', '↑↓ scroll', 'c change', 'd diff', 'q quit'];
const HELP_LINES_MAX = 2;

/** The help bar: every key on one line if it fits, else one key per command, else every key over two lines. */
function helpLines(width: number): string[] {
  const full = HELP_FULL.join('  ');
  if (full.length <= width) return [full];
  const short = HELP_SHORT.join('  ');
  if (short.length <= width) return [short];
  const lines: string[] = [];
  for (const entry of HELP_FULL) {
    const last = lines.length - 1;
    const joined = last >= 0 ? `${lines[last]}  ${entry}` : entry;
    if (last >= 0 && joined.length <= width) lines[last] = joined;
    else if (lines.length < HELP_LINES_MAX) lines.push(entry.slice(0, width));
    else break;
  }
  return lines;
}

/** The layout of a screen of `size` for a trace with `actors` actors. */
export function layoutOf(size: ScreenSize, actors: number): ReplayLayout {
  // One column and two rows of slack: a frame as wide or as tall as the terminal makes it wrap
  // or scroll (Ink then clears and redraws the whole screen, and the top line can scroll away).
  const width = Math.max(20, size.columns - 1);
  const rows = Math.max(12, size.rows) - 2;
  const help = helpLines(width);
  const fixed = 2 + 1 + 1 + help.length; // header, position, note, help
  const free = rows - fixed; // the panes' titles and lines, and the lanes' title and rows
  const laneRows = Math.max(0, Math.min(actors, free - 1 - PANE_LINES_MIN - 1));
  const paneLines = free - 1 - (laneRows > 0 ? laneRows + 1 : 0);
  const stepsWidth = Math.max(24, Math.min(44, Math.floor(width * 0.42)));
  return { width, stepsWidth, stateWidth: width - stepsWidth - 1, paneLines, laneRows, help };
}
