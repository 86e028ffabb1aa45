/** Where two JSON values differ: the first difference, for messages a person can act on, and every changed field, for printed traces. */
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

/** One field a step changed; `before` is absent for a field that appeared, `after` for one that went. */
export interface FieldChange {
  readonly path: string;
  readonly before?: unknown;
  readonly after?: unknown;
}

const isPlainRecord = (v: unknown): v is Readonly<Record<string, unknown>> => v !== null && typeof v === 'object' && !Array.isArray(v);
const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/** `log` + `kernels` → `log.kernels`; a key that is not an identifier is quoted: `counts["0"]`. */
const memberPath = (path: string, key: string): string =>
  IDENTIFIER.test(key) ? (path === '' ? key : `${path}.${key}`) : `${path}[${JSON.stringify(key)}]`;

/**
 * Every field where `after` differs from `before`, in sorted key order. Where both sides are records
 * or both arrays they are compared field by field; anything else that differs is one change of the
 * whole value at its path (`log.kernels[0].flush.stage`; the empty path for a whole state that is
 * not a composite). The same comparison as the replay screen's diff, as data.
 */
export function changedFields(before: unknown, after: unknown): FieldChange[] {
  const changes: FieldChange[] = [];
  const visit = (b: unknown, a: unknown, path: string): void => {
    if (Array.isArray(a) && Array.isArray(b)) {
      for (let i = 0; i < Math.max(a.length, b.length); i++) visit(b[i], a[i], `${path}[${i}]`);
      return;
    }
    if (isPlainRecord(a) && isPlainRecord(b)) {
      const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
      for (const key of keys) visit(Object.hasOwn(b, key) ? b[key] : undefined, Object.hasOwn(a, key) ? a[key] : undefined, memberPath(path, key));
      return;
    }
    if (a === b) return;
    if (a !== undefined && b !== undefined && canonicalJson(a) === canonicalJson(b)) return;
    changes.push({ path, ...(b === undefined ? {} : { before: b }), ...(a === undefined ? {} : { after: a }) });
  };
  visit(before, after, '');
  return changes;
}
