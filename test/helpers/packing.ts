// Goal: the exhaustive packing check the model tests share (not a test file itself).
// Method: a full BFS (states told apart by fingerprint) that packs and unpacks every reachable state.
import { expect } from 'vitest';
import { checker } from '../../checker/index.js';
import { fingerprint } from '../../lib/index.js';
import type { Model } from '../../model/contract.js';

interface PackingSweep {
  states: number;
  /** The first reachable state that did not come back as itself, as JSON, or null. */
  lost: string | null;
  /** Reachable states whose unpacked form packs to other bytes. */
  unstable: number;
  /** Every object key and string value seen in the reachable states. */
  strings: Set<string>;
}

function collectStrings(v: unknown, into: Set<string>): void {
  if (typeof v === 'string') into.add(v);
  else if (Array.isArray(v)) for (const x of v) collectStrings(x, into);
  else if (v !== null && typeof v === 'object') {
    for (const [k, x] of Object.entries(v)) {
      into.add(k);
      collectStrings(x, into);
    }
  }
}

const sameBytes = (a: Uint8Array, b: Uint8Array): boolean => a.length === b.length && a.every((x, i) => x === b[i]);

/** Packs and unpacks every state reachable in `model`: decode(encode(s)) must be s, and encode it again to the same bytes. */
function sweepPacking<S, A>(model: Model<S, A>): PackingSweep {
  const encode = model.encode!;
  const decode = model.decode!;
  const seen = new Set<string>();
  const queue: S[] = [];
  const sweep: PackingSweep = { states: 0, lost: null, unstable: 0, strings: new Set() };
  const visit = (s: S): void => {
    const key = fingerprint(s);
    if (seen.has(key)) return;
    seen.add(key);
    queue.push(s);
    const bytes = encode(s);
    const back = decode(bytes);
    if (fingerprint(back) !== key) sweep.lost ??= JSON.stringify(s);
    if (!sameBytes(encode(back), bytes)) sweep.unstable++;
    collectStrings(s, sweep.strings);
  };
  for (const s of model.init()) visit(s);
  for (let head = 0; head < queue.length; head++) {
    const s = queue[head] as S;
    for (const a of model.actions(s)) visit(model.next(s, a));
  }
  sweep.states = queue.length;
  return sweep;
}

/** Distinct states, transitions and depth of the checker's BFS of `model`, and of the same model without its packing hooks. */
export function countsWithAndWithoutPacking<S, A>(model: Model<S, A>): { packed: number[]; plain: number[] } {
  const counts = (m: Model<S, A>): number[] => {
    const { stats } = checker(m).bfs();
    return [stats.distinctStates, stats.transitions, stats.depth];
  };
  return { packed: counts(model), plain: counts({ ...model, encode: undefined, decode: undefined }) };
}

/**
 * The round-trip assertions the model tests share: more than `minStates` states reached, each
 * unpacked as itself and packed again to the same bytes, and every key and string in `words`.
 */
export function expectPacksExactly<S, A>(model: Model<S, A>, words: readonly string[], minStates: number): void {
  const sweep = sweepPacking(model);
  expect(sweep.states).toBeGreaterThan(minStates);
  expect(sweep.lost).toBeNull();
  expect(sweep.unstable).toBe(0);
  const dictionary = new Set(words);
  expect([...sweep.strings].filter((s) => !dictionary.has(s))).toEqual([]);
}
