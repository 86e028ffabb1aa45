/**
 * The seen set: an open-addressing table of 64-bit fingerprints in one Uint32Array (high and low
 * words side by side, so a probe touches one cache line). Linear probing; (0, 0) marks an empty
 * slot. It grows by half when three quarters full, so it never falls below half full once past
 * its first size: at most 8 / 0.5 = 16 bytes per distinct state.
 */
import { assert } from '../../lib/index.js';

/**
 * A fingerprint word as the seen sets store it: never 0, so that 0 marks an empty slot (and, in the
 * shared table, a word not yet written). Both tables use it, so they identify states alike.
 */
export function normalWord(word: number): number {
  return (word | 0) === 0 ? 1 : word | 0;
}

/** The first slot probed for a fingerprint: multiply-shift maps the well-mixed high word onto any capacity. */
export function slotOf(hi: number, capacity: number): number {
  return Math.floor(((hi >>> 0) * capacity) / TWO_POW_32);
}

const TWO_POW_32 = 4294967296;
/** The load at which a seen set grows. */
export const MAX_LOAD = 0.75;
const GROWTH = 1.5;
/** Slots of the cache of recent fingerprints: 256 KiB, to stay in the processor's nearest caches. */
const RECENT = 1 << 15;

export class FingerprintTable {
  private slots: Uint32Array;
  private capacity: number;
  private growAt: number;
  /** Distinct fingerprints held. */
  size = 0;

  constructor(initialCapacity = 64) {
    this.capacity = initialCapacity;
    this.slots = new Uint32Array(initialCapacity * 2);
    this.growAt = Math.floor(initialCapacity * MAX_LOAD);
  }

  /** Bytes the table holds now. */
  get bytes(): number {
    return this.slots.byteLength;
  }

  /**
   * Fingerprints added or found lately, by their low bits: a state reached again is most often
   * reached again soon (the other side of a diamond of two independent actions), and this small
   * table answers that from the cache where a probe of the large one would miss it. It holds
   * only fingerprints in the table, so a hit is exact.
   */
  private readonly recent = new Uint32Array(2 * RECENT);

  /** Adds the fingerprint (hi, lo); true when it was not there before. */
  add(hi: number, lo: number): boolean {
    hi = normalWord(hi) >>> 0;
    lo = normalWord(lo) >>> 0;
    const r = 2 * (lo & (RECENT - 1));
    const recent = this.recent;
    if (recent[r] === hi && recent[r + 1] === lo) return false;
    recent[r] = hi;
    recent[r + 1] = lo;
    return this.insert(hi, lo);
  }

  /** Adds the fingerprint (hi, lo), not (0, 0), to the table proper. */
  private insert(hi: number, lo: number): boolean {
    if (this.size >= this.growAt) this.grow();
    const slots = this.slots;
    const capacity = this.capacity;
    let i = slotOf(hi, capacity);
    for (;;) {
      const h = slots[2 * i] as number;
      const l = slots[2 * i + 1] as number;
      if (h === 0 && l === 0) {
        slots[2 * i] = hi;
        slots[2 * i + 1] = lo;
        this.size++;
        return true;
      }
      if (h === hi && l === lo) return false;
      if (++i === capacity) i = 0;
    }
  }

  /**
   * Reads the first slot `add(hi, lo)` would probe, unless the recent cache will answer it:
   * called a little ahead of `add`, it brings that cache line in while other lookups go on.
   */
  touch(hi: number, lo: number): number {
    hi = normalWord(hi) >>> 0;
    lo = normalWord(lo) >>> 0;
    const r = 2 * (lo & (RECENT - 1));
    if (this.recent[r] === hi && this.recent[r + 1] === lo) return 0;
    return this.slots[2 * slotOf(hi, this.capacity)] as number;
  }

  /** True when the fingerprint (hi, lo) is in the table. */
  has(hi: number, lo: number): boolean {
    hi = normalWord(hi) >>> 0;
    lo = normalWord(lo) >>> 0;
    const slots = this.slots;
    const capacity = this.capacity;
    let i = slotOf(hi, capacity);
    for (;;) {
      const h = slots[2 * i] as number;
      const l = slots[2 * i + 1] as number;
      if (h === 0 && l === 0) return false;
      if (h === hi && l === lo) return true;
      if (++i === capacity) i = 0;
    }
  }

  /** The table's contents, to save in a checkpoint. */
  snapshot(): { capacity: number; size: number; slots: Uint32Array } {
    return { capacity: this.capacity, size: this.size, slots: this.slots };
  }

  /** A table holding exactly what `snapshot()` returned. */
  static restore(saved: { capacity: number; size: number; slots: Uint32Array }): FingerprintTable {
    // A probe ends at an empty slot: a table with none would loop (the snapshot's reader refuses such a header).
    assert(saved.size < saved.capacity && saved.slots.length === 2 * saved.capacity, 'a restored seen set has a free slot');
    const table = new FingerprintTable(1);
    table.capacity = saved.capacity;
    table.slots = saved.slots;
    table.size = saved.size;
    table.growAt = Math.floor(saved.capacity * MAX_LOAD);
    return table;
  }

  private grow(): void {
    const old = this.slots;
    this.capacity = Math.ceil(this.capacity * GROWTH);
    this.slots = new Uint32Array(this.capacity * 2);
    this.growAt = Math.floor(this.capacity * MAX_LOAD);
    this.size = 0;
    for (let j = 0; j < old.length; j += 2) {
      const h = old[j] as number;
      const l = old[j + 1] as number;
      if (h !== 0 || l !== 0) this.insert(h, l);
    }
    assert(this.size < this.growAt, 'a grown seen set is below its load limit');
  }
}
