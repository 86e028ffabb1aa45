/**
 * The seen set of the parallel search: the same open-addressing table of 64-bit fingerprints as
 * `FingerprintTable`, in shared memory, which every worker thread reads and inserts into at once
 * without locks. A slot is claimed by a compare-and-swap of its high word and completed by a store
 * of its low word; a reader that finds the high word but not yet the low one waits for it. Words
 * are never 0 in a stored fingerprint (see `normalWord`), so 0 means empty or not yet written.
 * The table never grows by itself: the parallel search pauses every worker and rehashes it into a
 * larger one (`rehashInto`), well before it is full.
 */
import { assert } from '../../lib/index.js';
import { normalWord, slotOf } from './fingerprint-table.js';

/** Slots of the cache of recent fingerprints, per thread: 256 KiB. */
const RECENT = 1 << 15;

export class SharedFingerprintTable {
  private readonly slots: Int32Array;
  readonly capacity: number;
  /** Fingerprints this thread found or added lately; all of them are in the table. */
  private readonly recent = new Int32Array(2 * RECENT);

  constructor(readonly buffer: SharedArrayBuffer) {
    this.slots = new Int32Array(buffer);
    this.capacity = this.slots.length / 2;
  }

  /** An empty table of `capacity` slots. */
  static create(capacity: number): SharedFingerprintTable {
    return new SharedFingerprintTable(new SharedArrayBuffer(capacity * 8));
  }

  get bytes(): number {
    return this.buffer.byteLength;
  }

  /** Adds the fingerprint (hi, lo); true when no thread had added it before. */
  add(hi: number, lo: number): boolean {
    hi = normalWord(hi);
    lo = normalWord(lo);
    const r = 2 * (lo & (RECENT - 1));
    const recent = this.recent;
    if (recent[r] === hi && recent[r + 1] === lo) return false;
    recent[r] = hi;
    recent[r + 1] = lo;
    const slots = this.slots;
    const capacity = this.capacity;
    let i = slotOf(hi, capacity);
    for (let probes = 0; probes < capacity; probes++) {
      let h = Atomics.load(slots, 2 * i);
      if (h === 0) {
        h = Atomics.compareExchange(slots, 2 * i, 0, hi);
        if (h === 0) {
          Atomics.store(slots, 2 * i + 1, lo);
          return true;
        }
      }
      if (h === hi) {
        let l = Atomics.load(slots, 2 * i + 1);
        while (l === 0) l = Atomics.load(slots, 2 * i + 1);
        if (l === lo) return false;
      }
      if (++i === capacity) i = 0;
    }
    // The coordinator grows the table while a fifth of it is free (see the workers' chunk room).
    assert(false, 'the shared seen set has a free slot');
  }

  /** True when the fingerprint (hi, lo) is in the table. */
  has(hi: number, lo: number): boolean {
    hi = normalWord(hi);
    lo = normalWord(lo);
    const slots = this.slots;
    const capacity = this.capacity;
    let i = slotOf(hi, capacity);
    for (let probes = 0; probes < capacity; probes++) {
      const h = Atomics.load(slots, 2 * i);
      if (h === 0) return false;
      if (h === hi) {
        let l = Atomics.load(slots, 2 * i + 1);
        while (l === 0) l = Atomics.load(slots, 2 * i + 1);
        if (l === lo) return true;
      }
      if (++i === capacity) i = 0;
    }
    return false;
  }

  /** Reads the first slot `add(hi, lo)` would probe, to bring its cache line in early. */
  touch(hi: number, lo: number): number {
    hi = normalWord(hi);
    lo = normalWord(lo);
    const r = 2 * (lo & (RECENT - 1));
    if (this.recent[r] === hi && this.recent[r + 1] === lo) return 0;
    return this.slots[2 * slotOf(hi, this.capacity)] as number;
  }

  /** Adds every fingerprint (hi, lo) pair of `words` (0, 0 pairs are empty slots and skipped). */
  addAll(words: Uint32Array | Int32Array, from = 0, to = words.length / 2): void {
    for (let j = from; j < to; j++) {
      const h = words[2 * j] as number;
      const l = words[2 * j + 1] as number;
      if (h !== 0 || l !== 0) this.add(h, l);
    }
  }

  /** Copies part `part` of `parts` of this table's slots into `bigger` (all parts, in any threads, copy all). */
  rehashInto(bigger: SharedFingerprintTable, part: number, parts: number): void {
    const per = Math.ceil(this.capacity / parts);
    bigger.addAll(this.slots, part * per, Math.min(this.capacity, (part + 1) * per));
  }
}
