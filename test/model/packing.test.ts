// Goal: the JSON packer gives back any JSON value exactly (keys, key order, -0, lone surrogates, `__proto__`
// keys), whatever its dictionary holds, and writes the same bytes for the same value every time.
// Method: fast-check over random JSON values packed with no dictionary, with all their strings in it, and past
// the one-byte words; pinned encodings of small values; edge cases of each tag.
// `fc.jsonValue()` yields -0 (JSON.parse keeps it) and `__proto__` keys (own entries, as JSON.parse makes them):
// the packer keeps both, so `toEqual` (which tells 0 from -0) compares the values as they are.
import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import type { Json } from '../../model/contract.js';
import { jsonPacker } from '../../model/packing.js';

/** Every key and string value in `v`, in the order met. */
function stringsOf(v: unknown, into: string[] = []): string[] {
  if (typeof v === 'string') into.push(v);
  else if (Array.isArray(v)) for (const x of v) stringsOf(x, into);
  else if (v !== null && typeof v === 'object') {
    for (const [k, x] of Object.entries(v)) {
      into.push(k);
      stringsOf(x, into);
    }
  }
  return into;
}

/** Any single UTF-16 code unit, lone surrogates included. */
const codeUnit = fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c));
// fast-check types object entries as optional; the values it makes are JSON all the same.
const json = fc.oneof(fc.jsonValue({ maxDepth: 4 }), fc.jsonValue({ maxDepth: 3, stringUnit: codeUnit })) as fc.Arbitrary<Json>;
/** Numbers around every varint and integer boundary, besides the doubles jsonValue gives. */
const edgeNumber = fc.oneof(fc.integer(), fc.maxSafeInteger(), fc.constantFrom(-1, 14, 15, 127, 128, 16383, 16384, 2 ** 31 - 1, 2 ** 31, 2 ** 32, 2 ** 53, -(2 ** 53), Number.MAX_SAFE_INTEGER, Number.MIN_SAFE_INTEGER, -0, 0.1, 1e308, Number.MIN_VALUE));

const roundTrip = (dictionary: readonly string[], v: Json): Json => {
  const packer = jsonPacker(dictionary);
  return packer.decode(packer.encode(v));
};

describe('jsonPacker', () => {
  test.prop([json])('gives back any JSON value with an empty dictionary', (v) => {
    expect(roundTrip([], v)).toEqual(v);
  });

  test.prop([json])('gives back any JSON value when every string of it is a dictionary word', (v) => {
    expect(roundTrip(stringsOf(v), v)).toEqual(v);
  });

  test.prop([json, fc.array(fc.string(), { minLength: 200, maxLength: 300 })])('gives back any JSON value with its words past the one-byte ones', (v, filler) => {
    expect(roundTrip([...filler, ...stringsOf(v)], v)).toEqual(v);
  });

  test.prop([json, fc.array(fc.string(), { maxLength: 50 })])('changes only the size with the dictionary: misses are written out', (v, other) => {
    const packer = jsonPacker(other);
    const bytes = packer.encode(v);
    expect(packer.decode(bytes)).toEqual(v);
    const hits = [...new Set(stringsOf(v))].slice(0, 100);
    expect(jsonPacker([...hits, ...other]).encode(v).length).toBeLessThanOrEqual(bytes.length);
  });

  test.prop([fc.array(edgeNumber)])('gives back every number, -0 included', (numbers) => {
    const back = roundTrip([], numbers) as number[];
    back.forEach((n, i) => expect(Object.is(n, numbers[i])).toBe(true));
  });

  test.prop([json])('writes the same bytes for the same value, in another packer too, and again after decoding', (v) => {
    const words = stringsOf(v).filter((_, i) => i % 2 === 0);
    const a = jsonPacker(words);
    const bytes = a.encode(v);
    expect(a.encode(v)).toEqual(bytes);
    expect(jsonPacker(words).encode(v)).toEqual(bytes);
    expect(a.encode(a.decode(bytes))).toEqual(bytes);
  });

  it('keeps key order, and an entry whose value is undefined', () => {
    const v = { b: 1, a: 2, c: undefined } as unknown as Json;
    const back = roundTrip(['a'], v) as Record<string, unknown>;
    expect(Object.keys(back)).toEqual(['b', 'a', 'c']);
    expect('c' in back).toBe(true);
  });

  it('makes a `__proto__` key an own entry and leaves the prototype alone', () => {
    const v = JSON.parse('{"__proto__": {"polluted": true}, "x": 1}') as Json;
    for (const words of [[], ['__proto__']]) {
      const back = roundTrip(words, v) as Record<string, unknown>;
      expect(Object.getPrototypeOf(back)).toBe(Object.prototype);
      expect(Object.keys(back)).toEqual(['__proto__', 'x']);
      expect((back as { polluted?: boolean }).polluted).toBeUndefined();
    }
  });

  it('keeps every kind of string: multi-byte, surrogate pairs, lone surrogates, long ones', () => {
    const strings = ['', 'é', '中文', '😀', 'a\ud800b', '\udc00', '\ud83d', 'x'.repeat(10_000), '\u{10ffff}'.repeat(3000), '\0'];
    expect(roundTrip([], strings)).toEqual(strings);
  });

  it('keeps large arrays and objects (their sizes past the short tags)', () => {
    const big = Object.fromEntries(Array.from({ length: 300 }, (_, i) => [`k${i}`, Array.from({ length: i % 40 }, (_, j) => j)]));
    expect(roundTrip(['k1', 'k299'], big)).toEqual(big);
    expect(Object.keys(roundTrip([], big) as object)).toEqual(Object.keys(big));
  });

  it('packs small values into single bytes (pinned)', () => {
    const packer = jsonPacker(['a', 'b', 'a']);
    const bytes = (v: Json): number[] => [...packer.encode(v)];
    expect(bytes(null)).toEqual([0]);
    expect(bytes(false)).toEqual([1]);
    expect(bytes(true)).toEqual([2]);
    expect(bytes(-1)).toEqual([11]);
    expect(bytes(0)).toEqual([12]);
    expect(bytes(14)).toEqual([26]);
    expect(bytes([])).toEqual([27]);
    expect(bytes({})).toEqual([43]);
    expect(bytes('a')).toEqual([67]);
    expect(bytes('b')).toEqual([68]);
    expect(bytes({ b: [true, 0] })).toEqual([44, 68, 29, 2, 12]);
  });

  it('writes larger values with a tag and their bytes (pinned)', () => {
    const packer = jsonPacker([]);
    const bytes = (v: Json): number[] => [...packer.encode(v)];
    expect(bytes(15)).toEqual([5, 15]);
    expect(bytes(300)).toEqual([5, 0xac, 0x02]);
    expect(bytes(-2)).toEqual([6, 2]);
    expect(bytes(0.5)).toEqual([4, 0, 0, 0, 0, 0, 0, 0xe0, 0x3f]);
    expect(bytes(-0)).toEqual([4, 0, 0, 0, 0, 0, 0, 0, 0x80]);
    expect(bytes('hé')).toEqual([7, 2, 0x68, 0xc3, 0xa9]);
    expect(bytes(Array.from({ length: 16 }, () => null))).toEqual([9, 16, ...Array.from({ length: 16 }, () => 0)]);
  });

  it('refuses what JSON cannot carry, and bytes that are not a packed value', () => {
    const packer = jsonPacker([]);
    expect(() => packer.encode({ f: () => 1 } as unknown as Json)).toThrow(/function is not JSON/);
    expect(() => packer.encode(10n as unknown as Json)).toThrow(/bigint is not JSON/);
    expect(() => packer.decode(new Uint8Array([9, 2, 0]))).toThrow(/end inside a value/);
    expect(() => packer.decode(new Uint8Array([0, 0]))).toThrow(/value ends at 1/);
    expect(() => packer.decode(new Uint8Array([67]))).toThrow(/no dictionary word 0/);
  });
});
