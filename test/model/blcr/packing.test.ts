// Goal: the blcr packing (encode/decode) gives back every reachable state exactly, and its dictionary
// holds every key and string a state carries (context-file records included), so states pack at one byte a word.
// Method: a full BFS that packs and unpacks each state, at the defaults and at witness parameters
// (WITNESS_PARAMS: several processes, restart, a cloned thread, signal callbacks, a SIGCONT, a failed restart); the checker's counts with
// and without the hooks at the defaults.
import { describe, expect, it } from 'vitest';
import { blcrWords, resolveBlcrParams } from '../../../model/blcr/index.js';
import { countsWithAndWithoutPacking, expectPacksExactly } from '../../helpers/packing.js';
import { blcr, type Overrides } from './build.js';

const PARAMS: readonly Overrides[] = [
  {},
  { processes: 2, scope: 'pgrp', forward: true, abortKind: 'temp' },
  { criticalSections: true, callbacks: 'signal' },
  { restart: true, restartFault: 'abort' },
  { restart: true, afterSignal: 'term' },
  { threadCreate: true },
  { stopped: true, sigcont: true },
  { restart: true, restartFault: 'childDies' },
];

describe('blcr packing', () => {
  it.each(PARAMS.map((p) => [JSON.stringify(p), p] as const))('round-trips every reachable state at %s', (_, params) => {
    expectPacksExactly(blcr(params), blcrWords(resolveBlcrParams(params)), 200);
  });

  it('leaves the counts, transitions and depth of a check unchanged', () => {
    const { packed, plain } = countsWithAndWithoutPacking(blcr());
    expect(packed).toEqual(plain);
    expect(packed[0]).toBe(221);
  });
});
