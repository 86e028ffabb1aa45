/**
 * A state as indented lines for a screen: each field on its own line, a composite value inline
 * when its compact JSON fits the width, the fields that changed from the previous state marked,
 * and (in diff mode) unchanged composite subtrees collapsed to one line. Cost is proportional to
 * the size of the two states shown, never to the length of the trace.
 */
import { canonicalJson } from '../lib/index.js';

/** One line of the state tree. */
export interface StateLine {
  readonly depth: number;
  readonly text: string;
  /** This field differs from the previous state (or is new). */
  readonly changed: boolean;
  /** An unchanged subtree folded into this one line. */
  readonly collapsed: boolean;
}

export type StateTreeMode = 'diff' | 'full';

type Record_ = Readonly<Record<string, unknown>>;

const isRecord = (v: unknown): v is Record_ => v !== null && typeof v === 'object' && !Array.isArray(v);
const isComposite = (v: unknown): v is Record_ | readonly unknown[] => v !== null && typeof v === 'object';

/** `[false,true]` → `[false, true]`; `{"a":1}` → `{a: 1}`: compact, readable one-line JSON. */
export function inlineJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(inlineJson).join(', ')}]`;
  if (isRecord(v)) {
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${k}: ${inlineJson(v[k])}`)
      .join(', ')}}`;
  }
  return v === undefined ? 'absent' : JSON.stringify(v);
}

function childrenOf(v: Record_ | readonly unknown[]): [string, unknown][] {
  if (Array.isArray(v)) return v.map((x, i) => [`[${i}]`, x]);
  return Object.keys(v)
    .sort()
    .map((k) => [k, (v as Record_)[k]]);
}

function childOf(v: unknown, key: string): unknown {
  if (!isComposite(v)) return undefined;
  if (Array.isArray(v)) return key.startsWith('[') ? v[Number(key.slice(1, -1))] : undefined;
  return Object.hasOwn(v, key) ? (v as Record_)[key] : undefined;
}

function equalJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === undefined || b === undefined) return false;
  return canonicalJson(a) === canonicalJson(b);
}

function summary(v: Record_ | readonly unknown[]): string {
  const n = Array.isArray(v) ? v.length : Object.keys(v).length;
  return Array.isArray(v) ? `[${n} item${n === 1 ? '' : 's'}]` : `{${n} field${n === 1 ? '' : 's'}}`;
}

/**
 * The lines of `state`, compared with `previous` (undefined at the initial state: nothing is
 * marked changed), for a pane `width` columns wide. At most `linesMax` lines are built; the
 * caller learns whether more were left out.
 */
export function stateTree(
  state: unknown,
  previous: unknown,
  mode: StateTreeMode,
  width: number,
  linesMax: number,
): { lines: StateLine[]; truncated: boolean } {
  const lines: StateLine[] = [];
  let truncated = false;
  const hasPrevious = previous !== undefined;
  const push = (line: StateLine): boolean => {
    if (lines.length >= linesMax) {
      truncated = true;
      return false;
    }
    lines.push(line);
    return true;
  };

  const visit = (key: string, value: unknown, before: unknown, depth: number, parentChanged: boolean): boolean => {
    const changed = hasPrevious && (parentChanged || !equalJson(value, before));
    const prefix = `${key}: `;
    const room = width - 2 * depth;
    // In the diff, a changed value that fits says what it was.
    const was = (text: string): string => {
      if (mode !== 'diff' || !changed || parentChanged) return text;
      const withBefore = `${text}  (was ${inlineJson(before)})`;
      return withBefore.length <= room ? withBefore : text;
    };
    if (!isComposite(value)) return push({ depth, text: was(`${prefix}${inlineJson(value)}`), changed, collapsed: false });
    const inline = `${prefix}${inlineJson(value)}`;
    if (mode === 'diff' && hasPrevious && !changed) {
      return push({ depth, text: `${prefix}${summary(value)} unchanged`, changed: false, collapsed: true });
    }
    if (inline.length <= room) return push({ depth, text: was(inline), changed, collapsed: false });
    if (!push({ depth, text: `${key}:`, changed, collapsed: false })) return false;
    // A value that replaced a non-composite (or appeared) marks every field below it.
    const wholesale = changed && !isComposite(before);
    return visitChildren(value, before, depth + 1, wholesale);
  };

  /** The diff shows the changed children and folds the unchanged ones into one line; the full view shows all. */
  const visitChildren = (value: Record_ | readonly unknown[], before: unknown, depth: number, wholesale: boolean): boolean => {
    const unchanged: string[] = [];
    for (const [k, v] of childrenOf(value)) {
      const b = childOf(before, k);
      if (mode === 'diff' && hasPrevious && !wholesale && equalJson(v, b)) {
        unchanged.push(k);
        continue;
      }
      if (!visit(k, v, b, depth, wholesale)) return false;
    }
    if (unchanged.length === 0) return true;
    const names = unchanged.join(', ');
    return push({ depth, text: `(${unchanged.length} unchanged: ${names})`, changed: false, collapsed: true });
  };

  if (isComposite(state)) {
    visitChildren(state, previous, 0, false);
    // Fields the previous state had and this one lacks.
    if (isRecord(previous) && isRecord(state)) {
      for (const k of Object.keys(previous).sort()) {
        if (!Object.hasOwn(state, k) && !push({ depth: 0, text: `${k}: absent (removed)`, changed: true, collapsed: false })) break;
      }
    }
  } else {
    push({ depth: 0, text: inlineJson(state), changed: hasPrevious && !equalJson(state, previous), collapsed: false });
  }
  return { lines, truncated };
}
