/**
 * Partial matching of observed data against a model's: an observed object says only what it
 * saw, so it matches when each of its fields matches the model's field of that name, recursively.
 * Scalars match exactly. Arrays match exactly in a log (`exact`: a logged array is the whole
 * array), and element by element in a projection (`elementwise`: same length, each element
 * matched as a pattern), where an implementation's observation covers a record of the model's
 * array only as far as it models it.
 */
import { canonicalJson } from '../lib/index.js';

export type ArrayMatching = 'exact' | 'elementwise';

/** Where an observation and the model disagree: the path, what was observed, what the model has (undefined: absent). */
export interface Mismatch {
  readonly path: string;
  readonly observed: unknown;
  readonly model: unknown;
}

const isRecord = (v: unknown): v is Readonly<Record<string, unknown>> => v !== null && typeof v === 'object' && !Array.isArray(v);
const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;
const member = (path: string, key: string): string => (IDENTIFIER.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`);

function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  return canonicalJson(a) === canonicalJson(b);
}

/** The first place (fields in sorted order) where `observed` does not match `model`, or undefined. */
export function firstMismatch(observed: unknown, model: unknown, arrays: ArrayMatching, path = ''): Mismatch | undefined {
  if (isRecord(observed)) {
    if (!isRecord(model)) return { path: path || '.', observed, model };
    for (const key of Object.keys(observed).sort()) {
      const m = firstMismatch(observed[key], Object.hasOwn(model, key) ? model[key] : undefined, arrays, member(path, key));
      if (m !== undefined) return m;
    }
    return undefined;
  }
  if (arrays === 'elementwise' && Array.isArray(observed) && Array.isArray(model) && observed.length === model.length) {
    for (let i = 0; i < observed.length; i++) {
      const m = firstMismatch(observed[i], model[i], arrays, `${path}[${i}]`);
      if (m !== undefined) return m;
    }
    return undefined;
  }
  return model !== undefined && same(observed, model) ? undefined : { path: path || '.', observed, model };
}

/** True when `observed` matches `model` (what `firstMismatch` finds nothing in); builds no paths, for the search's inner loop. */
export function matches(observed: unknown, model: unknown, arrays: ArrayMatching): boolean {
  if (isRecord(observed)) {
    if (!isRecord(model)) return false;
    for (const key of Object.keys(observed)) {
      if (!Object.hasOwn(model, key) || !matches(observed[key], model[key], arrays)) return false;
    }
    return true;
  }
  if (arrays === 'elementwise' && Array.isArray(observed) && Array.isArray(model) && observed.length === model.length) {
    return observed.every((o, i) => matches(o, model[i], arrays));
  }
  return model !== undefined && same(observed, model);
}

/** How many leaves of `observed` do not match `model`: how far a model value is from an observation. */
export function mismatchCount(observed: unknown, model: unknown, arrays: ArrayMatching): number {
  if (isRecord(observed)) {
    if (!isRecord(model)) return 1;
    let n = 0;
    for (const key of Object.keys(observed)) n += mismatchCount(observed[key], Object.hasOwn(model, key) ? model[key] : undefined, arrays);
    return n;
  }
  if (arrays === 'elementwise' && Array.isArray(observed) && Array.isArray(model) && observed.length === model.length) {
    return observed.reduce((n: number, o, i) => n + mismatchCount(o, model[i], arrays), 0);
  }
  return model !== undefined && same(observed, model) ? 0 : 1;
}

/** Longest value a message shows: a message is one line. */
const SHOWN_CHARS_MAX = 80;

/** A value as a message shows it: canonical JSON, cut to one short line; `absent` for none. */
export function shown(v: unknown): string {
  if (v === undefined) return 'absent';
  const text = canonicalJson(v);
  return text.length > SHOWN_CHARS_MAX ? `${text.slice(0, SHOWN_CHARS_MAX - 1)}…` : text;
}
