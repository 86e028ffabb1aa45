/**
 * A compact binary form of JSON data, for the contract's `encode`/`decode` hooks: one tag byte per
 * value, with small integers, short arrays and objects, and the first words of a static
 * dictionary folded into the tag itself, so a typical model state (keys and enumerated strings
 * from the dictionary, small counters) packs to about one byte per JSON value.
 *
 * The dictionary only changes the size: a string it lacks is written out, so every JSON value
 * round-trips. It is fixed when the packer is made (from the model's own constants and
 * parameters), never learned from the states seen, because every worker thread rebuilds the model
 * and must write the same bytes for the same state. The same value with the same key order always
 * gives the same bytes; objects keep their key order.
 */
import type { Json } from './contract.js';

export interface JsonPacker {
  encode(value: Json): Uint8Array;
  decode(bytes: Uint8Array): Json;
}

/** The contract's packing hooks for states of type `S`. */
export interface StatePacker<S> {
  encode(s: S): Uint8Array;
  decode(bytes: Uint8Array): S;
}

// Tags. The fixed ones first; the rest of the byte is shared by the folded ranges below.
const NULL = 0;
const FALSE = 1;
const TRUE = 2;
/** Not JSON, but an object entry or array item a model left undefined comes back as it was. */
const UNDEFINED = 3;
/** IEEE 754 double, little-endian: non-integers, integers past the safe ones (2^53 - 1), and -0. */
const FLOAT = 4;
/**
 * Varint of a safe integer past the small ones; NEGATIVE: of its absolute value. The sign is in
 * the tag rather than zigzagged into the number, because zigzag doubles the magnitude and a
 * double holds odd numbers exactly only up to 2^53.
 */
const INTEGER = 5;
const NEGATIVE = 6;
/** Varint of the length in UTF-16 code units, then the units as WTF-8 (see Writer.text). */
const TEXT = 7;
/** Varint of the dictionary index minus SHORT_WORDS. */
const WORD = 8;
/** Varint length or entry count, then the items or the (key, value) pairs. */
const ARRAY = 9;
const OBJECT = 10;

/** Integers SMALL_MIN..SMALL_MIN+SMALL_COUNT-1 in the tag: -1 (no index) and small counts. */
const SMALL_MIN = -1;
const SMALL_COUNT = 16;
const SMALL = 11;
const SMALL_MAX = SMALL_MIN + SMALL_COUNT - 1;
/** Arrays of up to 15 items and objects of up to 23 entries carry their size in the tag. */
const SHORT_ARRAY = SMALL + SMALL_COUNT;
const SHORT_ARRAYS = 16;
const SHORT_OBJECT = SHORT_ARRAY + SHORT_ARRAYS;
const SHORT_OBJECTS = 24;
/** The first dictionary words, one byte each. */
const SHORT_WORD = SHORT_OBJECT + SHORT_OBJECTS;
const SHORT_WORDS = 256 - SHORT_WORD;

/** Room for a tag and the longest varint (8 bytes for a safe integer) or a double. */
const VALUE_ROOM = 10;

/** Scratch for doubles: a DataView fixes the byte order whatever the machine's. */
const float = new DataView(new ArrayBuffer(8));
const floatBytes = new Uint8Array(float.buffer);

const isNegativeZero = (n: number): boolean => n === 0 && 1 / n < 0;

function varintSize(n: number): number {
  let size = 1;
  while (n >= 0x80) {
    n = Math.floor(n / 0x80);
    size++;
  }
  return size;
}

class Writer {
  /** Reused between calls: encode writes here and returns a copy of what it wrote. */
  private buf = new Uint8Array(4096);
  private pos = 0;

  constructor(private readonly index: ReadonlyMap<string, number>) {}

  encode(value: Json): Uint8Array {
    this.pos = 0;
    this.value(value);
    return this.buf.slice(0, this.pos);
  }

  private reserve(bytes: number): void {
    if (this.pos + bytes <= this.buf.length) return;
    const grown = new Uint8Array(Math.max(this.buf.length * 2, this.pos + bytes));
    grown.set(this.buf.subarray(0, this.pos));
    this.buf = grown;
  }

  private value(v: unknown): void {
    this.reserve(VALUE_ROOM);
    switch (typeof v) {
      case 'string':
        return this.string(v);
      case 'number':
        return this.number(v);
      case 'boolean':
        this.buf[this.pos++] = v ? TRUE : FALSE;
        return;
      case 'undefined':
        this.buf[this.pos++] = UNDEFINED;
        return;
      case 'object':
        if (v === null) {
          this.buf[this.pos++] = NULL;
          return;
        }
        if (Array.isArray(v)) return this.array(v);
        return this.object(v as Record<string, unknown>);
      default:
        throw new TypeError(`jsonPacker: a ${typeof v} is not JSON`);
    }
  }

  private number(n: number): void {
    if (Number.isSafeInteger(n) && !isNegativeZero(n)) {
      if (n >= SMALL_MIN && n <= SMALL_MAX) {
        this.buf[this.pos++] = SMALL + n - SMALL_MIN;
      } else {
        this.buf[this.pos++] = n < 0 ? NEGATIVE : INTEGER;
        this.varint(Math.abs(n));
      }
      return;
    }
    this.buf[this.pos++] = FLOAT;
    float.setFloat64(0, n, true);
    this.buf.set(floatBytes, this.pos);
    this.pos += 8;
  }

  /** Keys and values alike: a dictionary word by its index, any other string written out. */
  private string(s: string): void {
    const word = this.index.get(s);
    if (word === undefined) return this.text(s);
    if (word < SHORT_WORDS) {
      this.buf[this.pos++] = SHORT_WORD + word;
    } else {
      this.buf[this.pos++] = WORD;
      this.varint(word - SHORT_WORDS);
    }
  }

  /**
   * WTF-8: UTF-8, except that a lone surrogate (which a JS string may hold and JSON escapes) is
   * written as the 3-byte form of its code unit instead of being replaced, so it survives.
   * The length is in code units, known before the bytes are written, so one pass suffices.
   */
  private text(s: string): void {
    this.reserve(VALUE_ROOM + 3 * s.length);
    const buf = this.buf;
    buf[this.pos++] = TEXT;
    this.varint(s.length);
    let pos = this.pos;
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (c < 0x80) {
        buf[pos++] = c;
      } else if (c < 0x800) {
        buf[pos++] = 0xc0 | (c >> 6);
        buf[pos++] = 0x80 | (c & 0x3f);
      } else {
        const low = c >= 0xd800 && c < 0xdc00 && i + 1 < s.length ? s.charCodeAt(i + 1) : 0;
        if (low >= 0xdc00 && low < 0xe000) {
          const cp = 0x10000 + ((c - 0xd800) << 10) + (low - 0xdc00);
          buf[pos++] = 0xf0 | (cp >> 18);
          buf[pos++] = 0x80 | ((cp >> 12) & 0x3f);
          buf[pos++] = 0x80 | ((cp >> 6) & 0x3f);
          buf[pos++] = 0x80 | (cp & 0x3f);
          i++;
        } else {
          buf[pos++] = 0xe0 | (c >> 12);
          buf[pos++] = 0x80 | ((c >> 6) & 0x3f);
          buf[pos++] = 0x80 | (c & 0x3f);
        }
      }
    }
    this.pos = pos;
  }

  private array(items: readonly unknown[]): void {
    if (items.length < SHORT_ARRAYS) {
      this.buf[this.pos++] = SHORT_ARRAY + items.length;
    } else {
      this.buf[this.pos++] = ARRAY;
      this.varint(items.length);
    }
    for (let i = 0; i < items.length; i++) this.value(items[i]);
  }

  /**
   * The entry count goes before the entries but is known only after them (counting the keys
   * first would cost a second walk or an array of keys): the tag is patched afterwards, and the
   * rare object too large for a short tag has its entries moved up to make room for the count.
   */
  private object(o: Record<string, unknown>): void {
    const at = this.pos++;
    let count = 0;
    for (const key in o) {
      this.reserve(VALUE_ROOM);
      this.string(key);
      this.value(o[key]);
      count++;
    }
    if (count < SHORT_OBJECTS) {
      this.buf[at] = SHORT_OBJECT + count;
      return;
    }
    const size = varintSize(count);
    this.reserve(size);
    this.buf.copyWithin(at + 1 + size, at + 1, this.pos);
    const end = this.pos + size;
    this.buf[at] = OBJECT;
    this.pos = at + 1;
    this.varint(count);
    this.pos = end;
  }

  /** Little-endian base-128; division past 2^31, where the bit operators stop. */
  private varint(n: number): void {
    while (n > 0x7fffffff) {
      this.buf[this.pos++] = (n % 0x80) | 0x80;
      n = Math.floor(n / 0x80);
    }
    while (n >= 0x80) {
      this.buf[this.pos++] = (n & 0x7f) | 0x80;
      n >>>= 7;
    }
    this.buf[this.pos++] = n;
  }
}

class Reader {
  private bytes: Uint8Array = new Uint8Array(0);
  private pos = 0;
  /** Code units of the string being read, reused. */
  private units = new Uint16Array(256);

  constructor(private readonly words: readonly string[]) {}

  decode(bytes: Uint8Array): Json {
    this.bytes = bytes;
    this.pos = 0;
    const value = this.value();
    if (this.pos !== bytes.length) throw new Error(`jsonPacker: ${bytes.length} bytes, but the value ends at ${this.pos}`);
    return value as Json;
  }

  private byte(): number {
    const b = this.bytes[this.pos++];
    if (b === undefined) throw new Error('jsonPacker: the bytes end inside a value');
    return b;
  }

  private value(): unknown {
    const tag = this.byte();
    if (tag >= SHORT_WORD) return this.word(tag - SHORT_WORD);
    if (tag >= SHORT_OBJECT) return this.object(tag - SHORT_OBJECT);
    if (tag >= SHORT_ARRAY) return this.array(tag - SHORT_ARRAY);
    if (tag >= SMALL) return tag - SMALL + SMALL_MIN;
    switch (tag) {
      case NULL: return null;
      case FALSE: return false;
      case TRUE: return true;
      case UNDEFINED: return undefined;
      case FLOAT: return this.float();
      case INTEGER: return this.varint();
      case NEGATIVE: return -this.varint();
      case TEXT: return this.text();
      case WORD: return this.word(this.varint() + SHORT_WORDS);
      case ARRAY: return this.array(this.varint());
      default: return this.object(this.varint());
    }
  }

  private key(): string {
    const tag = this.byte();
    if (tag >= SHORT_WORD) return this.word(tag - SHORT_WORD);
    if (tag === WORD) return this.word(this.varint() + SHORT_WORDS);
    if (tag === TEXT) return this.text();
    throw new Error(`jsonPacker: tag ${tag} where a key was expected`);
  }

  private word(index: number): string {
    const word = this.words[index];
    if (word === undefined) throw new Error(`jsonPacker: no dictionary word ${index}`);
    return word;
  }

  private float(): number {
    for (let i = 0; i < 8; i++) floatBytes[i] = this.byte();
    return float.getFloat64(0, true);
  }

  private text(): string {
    const length = this.varint();
    if (this.units.length < length) this.units = new Uint16Array(Math.max(length, this.units.length * 2));
    const units = this.units;
    for (let k = 0; k < length; ) {
      const b = this.byte();
      if (b < 0x80) {
        units[k++] = b;
      } else if (b < 0xe0) {
        units[k++] = ((b & 0x1f) << 6) | (this.byte() & 0x3f);
      } else if (b < 0xf0) {
        const b1 = this.byte() & 0x3f;
        units[k++] = ((b & 0x0f) << 12) | (b1 << 6) | (this.byte() & 0x3f);
      } else {
        const b1 = this.byte() & 0x3f;
        const b2 = this.byte() & 0x3f;
        const cp = (((b & 0x07) << 18) | (b1 << 12) | (b2 << 6) | (this.byte() & 0x3f)) - 0x10000;
        units[k++] = 0xd800 + (cp >> 10);
        units[k++] = 0xdc00 + (cp & 0x3ff);
      }
    }
    // fromCharCode takes the units as arguments: in slices, as an argument list has a limit.
    let s = '';
    for (let i = 0; i < length; i += 4096) s += String.fromCharCode(...units.subarray(i, Math.min(length, i + 4096)));
    return s;
  }

  private array(length: number): unknown[] {
    // Pushed rather than preallocated: `new Array(n)` makes V8 treat the array as holey for good,
    // and the model's code then works on decoded states.
    const items: unknown[] = [];
    for (let i = 0; i < length; i++) items.push(this.value());
    return items;
  }

  private object(count: number): Record<string, unknown> {
    const o: Record<string, unknown> = {};
    for (let i = 0; i < count; i++) {
      const key = this.key();
      const value = this.value();
      // Assigning `__proto__` would set the prototype; JSON.parse makes it an own entry, as here.
      if (key === '__proto__') Object.defineProperty(o, key, { value, enumerable: true, writable: true, configurable: true });
      else o[key] = value;
    }
    return o;
  }

  private varint(): number {
    let n = 0;
    let scale = 1;
    for (;;) {
      const b = this.byte();
      n += (b & 0x7f) * scale;
      if (b < 0x80) return n;
      scale *= 0x80;
    }
  }
}

/**
 * A packer whose dictionary is `dictionary` (a repeated word keeps its first place). The words
 * that come first take one byte: put the most frequent keys and values there.
 */
export function jsonPacker(dictionary: readonly string[]): JsonPacker {
  const words = [...new Set(dictionary)];
  const writer = new Writer(new Map(words.map((w, i) => [w, i])));
  const reader = new Reader(words);
  return { encode: (value) => writer.encode(value), decode: (bytes) => reader.decode(bytes) };
}

/**
 * `jsonPacker` typed for a model's states. A state interface is JSON data but not assignable to
 * `Json` (interfaces have no index signature), so the one unchecked cast is here.
 */
export function statePacker<S>(dictionary: readonly string[]): StatePacker<S> {
  const packer = jsonPacker(dictionary);
  return {
    encode: (s) => packer.encode(s as unknown as Json),
    decode: (bytes) => packer.decode(bytes) as unknown as S,
  };
}
