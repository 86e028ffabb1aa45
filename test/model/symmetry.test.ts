// Goal: interchangeableIds gives an exact representative: a state and any renaming of it get the same one,
// it is a renaming of the state itself, it is idempotent, and two states that are no renaming of each other never share one.
// Method: fast-check over a state with every kind of ID place (indexed, keyed, references, a matrix), and exhaustive small cases against orbits computed by brute force.
import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../lib/index.js';
import { interchangeableIds } from '../../model/index.js';

type Id = 1 | 2 | 3 | 4;
interface Shape {
  val: number[];
  box: Record<string, number>;
  leader: Id | null;
  votes: (Id | null)[];
  ch: number[][];
  tag: string;
}

const IDS = [1, 2, 3, 4] as const;
const spec = {
  ids: IDS,
  indexed: [['val'], ['votes'], ['ch'], ['ch', '*']],
  keyed: [['box']],
  references: [['leader'], ['votes', '*']],
};

/** The renaming written out for this shape alone: ID at position i becomes IDS[perm[i]]. */
function renamed(s: Shape, perm: readonly number[]): Shape {
  const n = IDS.length;
  const to = (id: Id | null): Id | null => (id === null ? null : (IDS[perm[id - 1] as number] as Id));
  const move = <T>(a: readonly T[]): T[] => {
    const out = a.slice();
    for (let i = 0; i < n; i++) out[perm[i] as number] = a[i] as T;
    return out;
  };
  const box: Record<string, number> = {};
  for (const [k, v] of Object.entries(s.box)) box[String(to(Number(k) as Id))] = v;
  return { val: move(s.val), box, leader: to(s.leader), votes: move(s.votes.map(to)), ch: move(s.ch.map(move)), tag: s.tag };
}

function permutations(n: number): number[][] {
  if (n === 0) return [[]];
  return permutations(n - 1).flatMap((p) => Array.from({ length: n }, (_, i) => [...p.slice(0, i), n - 1, ...p.slice(i)]));
}
const ALL = permutations(IDS.length);

const idOrNull = fc.constantFrom<Id | null>(null, 1, 2, 3, 4);
const shape: fc.Arbitrary<Shape> = fc.record({
  val: fc.array(fc.integer({ min: 0, max: 2 }), { minLength: 4, maxLength: 4 }),
  box: fc.dictionary(fc.constantFrom('1', '2', '3', '4'), fc.integer({ min: 0, max: 2 })),
  leader: idOrNull,
  votes: fc.array(idOrNull, { minLength: 4, maxLength: 4 }),
  ch: fc.array(fc.array(fc.integer({ min: 0, max: 1 }), { minLength: 4, maxLength: 4 }), { minLength: 4, maxLength: 4 }),
  tag: fc.constantFrom('a', 'b'),
});

describe('interchangeableIds', () => {
  const rep = interchangeableIds<Shape>(spec);

  test.prop([shape, fc.constantFrom(...ALL)])('a state and a renaming of it have the same representative', (s, perm) => {
    expect(canonicalJson(rep(renamed(s, perm)))).toBe(canonicalJson(rep(s)));
  });

  test.prop([shape])('the representative is a renaming of the state, and its own representative', (s) => {
    const r = canonicalJson(rep(s));
    expect(ALL.map((p) => canonicalJson(renamed(s, p)))).toContain(r);
    expect(canonicalJson(rep(rep(s)))).toBe(r);
  });

  test.prop([shape])('the state it was given is left unchanged', (s) => {
    const before = canonicalJson(s);
    rep(s);
    expect(canonicalJson(s)).toBe(before);
  });

  it('classes never collide: on every state of a small shape, equal representatives exactly when the states are renamings', () => {
    // Every combination of per-ID values 0/1, a leader and a vote per ID (among a few), the matrix left at zero.
    const states: Shape[] = [];
    const ids: (Id | null)[] = [null, 1, 2];
    for (let bits = 0; bits < 16; bits++) {
      for (const leader of [null, 1, 3] as const) {
        for (let v = 0; v < 3 ** 4; v++) {
          const votes = [0, 1, 2, 3].map((i) => ids[Math.floor(v / 3 ** i) % 3] as Id | null);
          const val = [0, 1, 2, 3].map((i) => (bits >> i) & 1);
          states.push({ val, box: {}, leader, votes, ch: [[0, 0, 0, 0], [0, 0, 0, 0], [0, 0, 0, 0], [0, 0, 0, 0]], tag: 'a' });
        }
      }
    }
    const orbitKey = (s: Shape): string => ALL.map((p) => canonicalJson(renamed(s, p))).sort()[0] as string;
    const byOrbit = new Map<string, string>();
    const byRep = new Map<string, string>();
    for (const s of states) {
      const o = orbitKey(s);
      const r = canonicalJson(rep(s));
      if (!byOrbit.has(o)) byOrbit.set(o, r);
      if (!byRep.has(r)) byRep.set(r, o);
      expect(byOrbit.get(o)).toBe(r);
      expect(byRep.get(r)).toBe(o);
    }
    expect(byRep.size).toBe(byOrbit.size);
  });

  it('sorts by the per-ID data alone when no ID is named elsewhere (an RM-style state)', () => {
    const plain = interchangeableIds<{ a: string[]; b: boolean[] }>({ ids: [1, 2, 3], indexed: [['a'], ['b']] });
    const r1 = plain({ a: ['y', 'x', 'x'], b: [false, true, false] });
    const r2 = plain({ a: ['x', 'x', 'y'], b: [false, true, false] });
    expect(r1).toEqual(r2);
    // Each ID keeps its own data: the pairs (a[i], b[i]) are the same multiset.
    expect(r1.a.map((x, i) => `${x}${r1.b[i]}`).sort()).toEqual(['xfalse', 'xtrue', 'yfalse']);
  });
});
