/**
 * A state as indented lines for a screen: each field on its own line, a composite value inline
 * when its compact JSON fits the width, the fields that changed from the previous state marked
 * (the line where each change begins flagged, so a screen can jump from change to change), fields
 * the previous state had and this one lacks listed as absent, and (in diff mode) unchanged
 * composite subtrees collapsed to one line. Cost is proportional to the size of the two states
 * shown, never to the length of the trace.
 */

/** One line of the state tree. */
export interface StateLine {
  readonly depth: number;
  readonly text: string;
  /** This field differs from the previous state (or is new). */
  readonly changed: boolean;
  /**
   * A change begins here: a value that differs (or appeared, or went), shown on this one line, or a
   * new subtree whose lines below are all marked changed. A changed line that only holds changes
   * further down is not one.
   */
  readonly origin: boolean;
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

/** The keys (or `[i]` indices) `before` had and `value`, a composite of the same kind, lacks. */
function removedKeys(value: Record_ | readonly unknown[], before: unknown): string[] {
  if (Array.isArray(value)) {
    if (!Array.isArray(before) || before.length <= value.length) return [];
    return Array.from({ length: before.length - value.length }, (_, i) => `[${value.length + i}]`);
  }
  if (!isRecord(before)) return [];
  return Object.keys(before)
    .filter((k) => !Object.hasOwn(value, k))
    .sort();
}

/** Whether `before` can be compared with `value` field by field: a composite of the same kind. */
const sameKind = (value: Record_ | readonly unknown[], before: unknown): boolean =>
  isComposite(before) && Array.isArray(value) === Array.isArray(before);

function childOf(v: unknown, key: string): unknown {
  if (!isComposite(v)) return undefined;
  if (Array.isArray(v)) return key.startsWith('[') ? v[Number(key.slice(1, -1))] : undefined;
  return Object.hasOwn(v, key) ? (v as Record_)[key] : undefined;
}

/** Deep equality of two JSON values, stopping at the first difference (no strings built). */
function equalJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (!isComposite(a) || !isComposite(b)) return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((x, i) => equalJson(x, b[i]));
  }
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every((k) => Object.hasOwn(b, k) && equalJson((a as Record_)[k], (b as Record_)[k]));
}

/** `inlineJson(v)` if it is at most `room` characters, else undefined, found without building a longer string. */
function inlineWithin(v: unknown, room: number): string | undefined {
  if (!isComposite(v)) {
    const text = inlineJson(v);
    return text.length <= room ? text : undefined;
  }
  const parts: string[] = [];
  let length = 2;
  if (length > room) return undefined;
  for (const [k, x] of childrenOf(v)) {
    const label = Array.isArray(v) ? '' : `${k}: `;
    const part = inlineWithin(x, room - length - label.length);
    if (part === undefined) return undefined;
    parts.push(`${label}${part}`);
    length += label.length + part.length + (parts.length > 1 ? 2 : 0);
    if (length > room) return undefined;
  }
  return Array.isArray(v) ? `[${parts.join(', ')}]` : `{${parts.join(', ')}}`;
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
    const origin = changed && !parentChanged;
    const prefix = `${key}: `;
    const room = width - 2 * depth;
    // In the diff, a changed value that fits says what it was.
    const was = (text: string): string => {
      if (mode !== 'diff' || !origin) return text;
      const shown = inlineWithin(before, room - text.length - '  (was )'.length);
      return shown === undefined ? text : `${text}  (was ${shown})`;
    };
    if (!isComposite(value)) return push({ depth, text: was(`${prefix}${inlineJson(value)}`), changed, origin, collapsed: false });
    if (mode === 'diff' && hasPrevious && !changed) {
      return push({ depth, text: `${prefix}${summary(value)} unchanged`, changed: false, origin: false, collapsed: true });
    }
    const inline = inlineWithin(value, room - prefix.length);
    if (inline !== undefined) return push({ depth, text: was(`${prefix}${inline}`), changed, origin, collapsed: false });
    // A value that replaced a non-composite (or appeared, or changed kind) marks every field below it.
    const wholesale = changed && !sameKind(value, before);
    if (!push({ depth, text: wholesale ? was(`${key}:`) : `${key}:`, changed, origin: origin && wholesale, collapsed: false })) return false;
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
    if (hasPrevious && !wholesale) {
      for (const k of removedKeys(value, before)) if (!visit(k, undefined, childOf(before, k), depth, false)) return false;
    }
    if (unchanged.length === 0) return true;
    const names = unchanged.join(', ');
    return push({ depth, text: `(${unchanged.length} unchanged: ${names})`, changed: false, origin: false, collapsed: true });
  };

  if (isComposite(state)) {
    // A previous state of another kind compares as nothing: each field is a change of its own.
    visitChildren(state, sameKind(state, previous) ? previous : undefined, 0, false);
  } else {
    const changed = hasPrevious && !equalJson(state, previous);
    push({ depth: 0, text: inlineJson(state), changed, origin: changed, collapsed: false });
  }
  return { lines, truncated };
}
