/**
 * A 64-bit fingerprint of JSON data, computed by walking the value (no string is built).
 * Object entries are hashed one by one and combined by addition, so key insertion order never
 * matters and no keys are sorted; arrays are combined in order. Two 32-bit lanes with different
 * constants make the 64 bits.
 */
import { canonicalize, NotJsonError } from './canonical-json.js';

/** The error to report for a value the walker refused: where it is, or that it is circular. */
function notJson(value: unknown, err: unknown): unknown {
  if (err instanceof RangeError) return new NotJsonError('$', 'a circular or too deeply nested value');
  try {
    canonicalize(value);
  } catch (located) {
    return located instanceof RangeError ? new NotJsonError('$', 'a circular or too deeply nested value') : located;
  }
  return err;
}

// Output registers of the walker: one call sets both, so the hot path allocates nothing.
let outA = 0;
let outB = 0;

const f64 = new Float64Array(1);
const f64Words = new Uint32Array(f64.buffer);

/** murmur3's 32-bit finaliser: every input bit affects every output bit. */
function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h;
}

// Keys and enum-like values repeat in every state, so short strings' hashes are cached: in an
// open-addressing table indexed by the length and three of the characters (a Map lookup cost a
// tenth of the whole fingerprint more). A string whose probe run is full is hashed each time.
const STRING_CACHED_LENGTH_MAX = 48;
const CACHE_SLOTS = 1 << 16;
const CACHE_MASK = CACHE_SLOTS - 1;
const CACHE_PROBES = 8;
const cachedKeys: (string | null)[] = new Array<string | null>(CACHE_SLOTS).fill(null);
const cachedA = new Int32Array(CACHE_SLOTS);
const cachedB = new Int32Array(CACHE_SLOTS);

function hashChars(s: string): void {
  let a = 0x811c9dc5 ^ s.length;
  let b = 0x2545f491 ^ Math.imul(s.length, 0x9e3779b1);
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995) ^ (b >>> 15);
  }
  outA = fmix(a ^ 0x5157);
  outB = fmix(b + 0x3c6ef372);
}

function hashString(s: string): void {
  const n = s.length;
  if (n === 0 || n > STRING_CACHED_LENGTH_MAX) return hashChars(s);
  let slot = (Math.imul(s.charCodeAt(0) ^ (n << 8), 0x9e3779b1) ^ Math.imul(s.charCodeAt(n - 1), 0x85ebca6b) ^ s.charCodeAt(n >> 1)) & CACHE_MASK;
  for (let probe = 0; probe < CACHE_PROBES; probe++) {
    const cached = cachedKeys[slot];
    if (cached === s) {
      outA = cachedA[slot] as number;
      outB = cachedB[slot] as number;
      return;
    }
    if (cached === null) {
      hashChars(s);
      cachedKeys[slot] = s;
      cachedA[slot] = outA;
      cachedB[slot] = outB;
      return;
    }
    slot = (slot + 1) & CACHE_MASK;
  }
  hashChars(s);
}

function hashNumber(n: number): void {
  if ((n | 0) === n) {
    outA = fmix(n ^ 0x1b873593);
    outB = fmix(Math.imul(n, 0x9e3779b1) ^ 0x7feb352d);
    return;
  }
  if (!Number.isFinite(n)) throw new TypeError('not JSON');
  f64[0] = n;
  const lo = f64Words[0] as number;
  const hi = f64Words[1] as number;
  outA = fmix(lo ^ fmix(hi ^ 0x68e31da4));
  outB = fmix(hi ^ fmix(lo + 0x27d4eb2f));
}

function hashValue(v: unknown): void {
  switch (typeof v) {
    case 'string':
      hashString(v);
      return;
    case 'number':
      hashNumber(v);
      return;
    case 'boolean':
      outA = v ? 0x2f0b3c1d : 0x61c88647;
      outB = v ? 0x4cf5ad43 : 0x1a2b3c4d;
      return;
    case 'object':
      if (v === null) {
        outA = 0x7a3d4e1f;
        outB = 0x3b9aca07;
        return;
      }
      if (Array.isArray(v)) return hashArray(v);
      return hashObject(v as Record<string, unknown>);
    default:
      throw new TypeError('not JSON');
  }
}

function hashArray(arr: readonly unknown[]): void {
  let a = 0x3c6ef372 ^ arr.length;
  let b = 0xa54ff53a ^ Math.imul(arr.length, 0x85ebca6b);
  for (let i = 0; i < arr.length; i++) {
    hashValue(arr[i]);
    a = Math.imul((a << 5) | (a >>> 27), 0x01000193) ^ outA;
    b = Math.imul((b << 7) | (b >>> 25), 0x5bd1e995) + outB;
  }
  outA = fmix(a);
  outB = fmix(b ^ 0x2c1b3c6d);
}

/** Sets the registers to one object entry's share of the object's order-free sum. */
function hashEntry(key: string, v: unknown): void {
  hashValue(v);
  const va = outA;
  const vb = outB;
  hashString(key);
  // Key and value are mixed before the sum, so swapping values between keys changes it.
  outA = fmix(outA ^ Math.imul(va, 0xcc9e2d51));
  outB = fmix(outB + Math.imul(vb ^ 0x1b873593, 0x9e3779b1));
}

function finishObject(sumA: number, sumB: number, count: number): void {
  outA = fmix(sumA ^ Math.imul(count, 0x27d4eb2f) ^ 0x165667b1);
  outB = fmix(sumB + Math.imul(count, 0x85ebca77) + 0x61c88647);
}

function isPlainObject(o: object): boolean {
  const proto = Object.getPrototypeOf(o);
  return proto === Object.prototype || proto === null;
}

function hashObject(o: Record<string, unknown>): void {
  if (!isPlainObject(o)) throw new TypeError('not JSON');
  let sumA = 0;
  let sumB = 0;
  let count = 0;
  for (const key in o) {
    const v = o[key];
    hashEntry(key, v);
    sumA = (sumA + outA) | 0;
    sumB = (sumB + outB) | 0;
    count++;
  }
  finishObject(sumA, sumB, count);
}

/**
 * Fingerprints of the successors of one state at a time. A successor built by spreading its
 * parent shares most top-level values with it, so those entries' shares are computed once per
 * parent. Only a speed-up: the fingerprints are the same as `fingerprintInto` gives.
 */
export class SuccessorHasher {
  private parent: Record<string, unknown> | null = null;
  private parentSize = 0;
  private readonly parentKeys: string[] = [];
  private readonly parentValues: unknown[] = [];
  private parentHave = new Uint8Array(16);
  private parentA = new Int32Array(16);
  private parentB = new Int32Array(16);

  /** Names the state whose successors `into` will see next. */
  setParent(state: unknown): void {
    if (state === null || typeof state !== 'object' || Array.isArray(state) || !isPlainObject(state)) {
      this.parent = null;
      return;
    }
    const parent = state as Record<string, unknown>;
    this.parent = parent;
    let n = 0;
    for (const key in parent) {
      if (n === this.parentHave.length) {
        this.parentHave = new Uint8Array(n * 2);
        this.parentA = new Int32Array(n * 2);
        this.parentB = new Int32Array(n * 2);
      }
      this.parentKeys[n] = key;
      this.parentValues[n] = parent[key];
      this.parentHave[n] = 0;
      n++;
    }
    this.parentSize = n;
  }

  /** `fingerprintInto` for a successor of the state last given to `setParent`. */
  into(value: unknown, out: Uint32Array): void {
    if (this.parent === null || value === null || typeof value !== 'object' || Array.isArray(value)) {
      fingerprintInto(value, out);
      return;
    }
    try {
      this.hashSuccessor(value as Record<string, unknown>);
    } catch (err) {
      throw notJson(value, err);
    }
    out[0] = outA >>> 0;
    out[1] = outB >>> 0;
  }

  private hashSuccessor(o: Record<string, unknown>): void {
    if (!isPlainObject(o)) throw new TypeError('not JSON');
    const { parentSize, parentKeys, parentValues, parentHave, parentA, parentB } = this;
    let sumA = 0;
    let sumB = 0;
    let i = 0;
    for (const key in o) {
      const v = o[key];
      // Same key at the same position with the very same value: the parent's share applies.
      if (i < parentSize && parentKeys[i] === key && parentValues[i] === v) {
        if (parentHave[i] === 0) {
          hashEntry(key, v);
          parentA[i] = outA;
          parentB[i] = outB;
          parentHave[i] = 1;
        }
        sumA = (sumA + (parentA[i] as number)) | 0;
        sumB = (sumB + (parentB[i] as number)) | 0;
      } else {
        hashEntry(key, v);
        sumA = (sumA + outA) | 0;
        sumB = (sumB + outB) | 0;
      }
      i++;
    }
    finishObject(sumA, sumB, i);
  }
}

/**
 * Writes the 64-bit fingerprint of `value` into `out[0]` (high word) and `out[1]` (low word).
 * Throws NotJsonError (with the path) for data JSON cannot carry.
 */
export function fingerprintInto(value: unknown, out: Uint32Array): void {
  try {
    hashValue(value);
  } catch (err) {
    throw notJson(value, err);
  }
  out[0] = outA >>> 0;
  out[1] = outB >>> 0;
}

const scratch = new Uint32Array(2);

/** The fingerprint of `value` as 16 lower-case hex digits. */
export function fingerprint(value: unknown): string {
  fingerprintInto(value, scratch);
  return hexOf(scratch[0] as number, scratch[1] as number);
}

/** 16 hex digits of a 64-bit value given as two 32-bit words. */
export function hexOf(hi: number, lo: number): string {
  return (hi >>> 0).toString(16).padStart(8, '0') + (lo >>> 0).toString(16).padStart(8, '0');
}

/** The 64-bit fingerprint of packed bytes: two 32-bit lanes, four bytes a step. */
export function fingerprintBytesInto(bytes: Uint8Array, out: Uint32Array, at = 0): void {
  let a = 0x9747b28c ^ bytes.length;
  let b = 0x85ebca6b ^ Math.imul(bytes.length, 0xc2b2ae35);
  const n = bytes.length;
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const w = (bytes[i] as number) | ((bytes[i + 1] as number) << 8) | ((bytes[i + 2] as number) << 16) | ((bytes[i + 3] as number) << 24);
    a = Math.imul(((a ^ Math.imul(w, 0xcc9e2d51)) << 13) | ((a ^ Math.imul(w, 0xcc9e2d51)) >>> 19), 5) + 0xe6546b64;
    b = Math.imul(b ^ w, 0x5bd1e995) ^ (b >>> 15);
  }
  for (; i < n; i++) {
    a = Math.imul(a ^ (bytes[i] as number), 0x01000193);
    b = Math.imul(b + (bytes[i] as number), 0x5bd1e995) ^ (b >>> 13);
  }
  out[at] = fmix(a ^ fmix(b)) >>> 0;
  out[at + 1] = fmix(b + 0x27d4eb2f) >>> 0;
}
