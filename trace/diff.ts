/** Where two JSON values first differ, for messages a person can act on. */
import { canonicalJson } from '../lib/index.js';

export interface Difference {
  readonly path: string;
  readonly before: unknown;
  readonly after: unknown;
}

/** The first path (in sorted key order) at which `a` and `b` differ, or undefined if they are equal. */
export function firstDifference(a: unknown, b: unknown, path = '$'): Difference | undefined {
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let i = 0; i < Math.max(a.length, b.length); i++) {
      const d = firstDifference(a[i], b[i], `${path}[${i}]`);
      if (d) return d;
    }
    return undefined;
  }
  const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
  if (isObject(a) && isObject(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
    for (const key of keys) {
      const d = firstDifference(a[key], b[key], `${path}.${key}`);
      if (d) return d;
    }
    return undefined;
  }
  if (a === b) return undefined;
  if (a !== undefined && b !== undefined && canonicalJson(a) === canonicalJson(b)) return undefined;
  return { path, before: a, after: b };
}

/** Longest value a message shows; a long one is cut, as a message is one line. */
const SHOWN_CHARS_MAX = 80;

/** `at .rm[1]: recorded "prepared", re-executed "aborted"`. */
export function describeDifference(d: Difference): string {
  const show = (v: unknown): string => {
    if (v === undefined) return 'absent';
    const text = canonicalJson(v);
    return text.length > SHOWN_CHARS_MAX ? `${text.slice(0, SHOWN_CHARS_MAX - 1)}…` : text;
  };
  const where = d.path === '$' ? 'the top' : d.path.slice(1);
  return `at ${where}: recorded ${show(d.before)}, re-executed ${show(d.after)}`;
}
