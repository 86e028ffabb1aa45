// Goal: fingerprints and canonical JSON identify JSON data whatever its key order, and refuse non-JSON.
// Method: fast-check over random JSON values with their object keys permuted, plus pinned cases.
import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { canonicalJson, fingerprint, hexOf, NotJsonError, SuccessorHasher } from '../../lib/index.js';

/** The same value with every object's keys in reverse insertion order. */
function reverseKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(reverseKeys);
  if (v !== null && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    // defineProperty, not assignment: a key "__proto__" must stay an own entry, as in JSON.parse's output.
    for (const k of Object.keys(v).reverse()) Object.defineProperty(out, k, { value: reverseKeys((v as Record<string, unknown>)[k]), enumerable: true, writable: true, configurable: true });
    return out;
  }
  return v;
}

const json = fc.jsonValue({ maxDepth: 4 });

describe('fingerprint', () => {
  it('is 16 hex digits', () => {
    expect(fingerprint({ a: 1 })).toMatch(/^[0-9a-f]{16}$/);
  });

  it('does not depend on key insertion order: {a:1,b:2} and {b:2,a:1} are one state', () => {
    expect(fingerprint({ a: 1, b: 2 })).toBe(fingerprint({ b: 2, a: 1 }));
    expect(canonicalJson({ a: 1, b: 2 })).toBe(canonicalJson({ b: 2, a: 1 }));
  });

  it('keeps a "__proto__" key as an entry (the case fast-check found with seed 21387789)', () => {
    const v = JSON.parse('[{"__proto__":false}]') as unknown;
    expect(fingerprint(reverseKeys(v))).toBe(fingerprint(v));
    expect(fingerprint(v)).not.toBe(fingerprint([{}]));
    expect(canonicalJson(v)).toBe('[{"__proto__":false}]');
  });

  test.prop([json])('is invariant under key permutation, at every depth', (v) => {
    expect(fingerprint(reverseKeys(v))).toBe(fingerprint(v));
    expect(canonicalJson(reverseKeys(v))).toBe(canonicalJson(v));
  });

  test.prop([json, json])('equal canonical JSON means equal fingerprints, and (practically) the converse', (a, b) => {
    expect(fingerprint(a) === fingerprint(b)).toBe(canonicalJson(a) === canonicalJson(b));
  });

  it('keeps array order, types and nesting apart', () => {
    const values = [[1, 2], [2, 1], { a: [1, 2] }, { a: [2, 1] }, { a: 1, b: 2 }, { a: 2, b: 1 }, '1', 1, true, null, [], {}, [[]], [{}], 0.5, -1, 2 ** 40];
    const prints = new Set(values.map(fingerprint));
    expect(prints.size).toBe(values.length);
  });

  it('refuses undefined anywhere, which JSON would drop or write as null, naming the path', () => {
    expect(() => fingerprint({ a: 1, b: undefined })).toThrow('undefined at $.b');
    expect(() => fingerprint({ log: { regions: [1, 2, undefined] } })).toThrow('undefined at $.log.regions[2]');
    expect(() => fingerprint({ holes: [1, , 3] })).toThrow('undefined at $.holes[1]');
    expect(() => fingerprint(undefined)).toThrow('undefined at $ is not JSON data');
    expect(() => canonicalJson({ a: [undefined] })).toThrow('undefined at $.a[0]');
    // The successor walk, which reuses its parent's entries, refuses them too.
    const successors = new SuccessorHasher();
    successors.setParent({ a: 1, b: 2 });
    const out = new Uint32Array(2);
    expect(() => successors.into({ a: 1, b: undefined }, out)).toThrow('undefined at $.b');
    expect(() => successors.into({ a: 1, b: 2, c: undefined }, out)).toThrow('undefined at $.c');
  });

  it('refuses data JSON cannot carry, naming where it is', () => {
    expect(() => fingerprint({ a: [1, NaN] })).toThrow(NotJsonError);
    expect(() => fingerprint({ a: [1, NaN] })).toThrow('$.a[1]');
    expect(() => fingerprint({ s: new Set([1]) })).toThrow('a Set object at $.s');
    expect(() => fingerprint({ f: () => 1 })).toThrow('a function at $.f');
    expect(() => fingerprint({ n: 10n })).toThrow('a bigint at $.n');
  });

  it('hashes a string the same whether its hash was cached or not', () => {
    // Same length, first, middle and last characters: one probe run, which fills after a few.
    const strings = Array.from({ length: 2000 }, (_, i) => {
      const d = i.toString(36).padStart(6, '0');
      return `q${d.slice(0, 3)}m${d.slice(3)}q`;
    });
    const first = strings.map((s) => fingerprint(s));
    const again = [...strings].reverse().map((s) => fingerprint(s)).reverse();
    expect(again).toEqual(first);
    expect(new Set(first).size).toBe(strings.length);
    expect(fingerprint({ [strings[1999] as string]: strings[0] })).toBe(fingerprint(JSON.parse(JSON.stringify({ [strings[1999] as string]: strings[0] }))));
  });

  it('separates a million distinct small states without a collision', () => {
    const seen = new Set<string>();
    for (let a = 0; a < 1000; a++) for (let b = 0; b < 1000; b++) seen.add(fingerprint({ a, b: [b, a % 7] }));
    expect(seen.size).toBe(1_000_000);
  });

  const record = fc.dictionary(fc.string({ maxLength: 4 }), json, { maxKeys: 6 });
  test.prop([record, record, fc.array(fc.boolean(), { maxLength: 6 })])('the successor path gives the same fingerprint as a fresh walk', (parent, changes, keep) => {
    // A child shares some of the parent's values by identity (as a spread does) and replaces others.
    const child: Record<string, unknown> = { ...parent };
    Object.keys(changes).forEach((k, i) => {
      if (!keep[i]) child[k] = changes[k];
    });
    const successors = new SuccessorHasher();
    successors.setParent(parent);
    const out = new Uint32Array(2);
    for (const candidate of [child, parent, { ...child }, changes]) {
      successors.into(candidate, out);
      expect(hexOf(out[0]!, out[1]!)).toBe(fingerprint(candidate));
    }
  });
});
