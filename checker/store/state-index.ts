/**
 * A fingerprint table that also maps each fingerprint to the id of its state, for searches that
 * need the explicit graph (liveness): three words a slot (high, low, id + 1), linear probing,
 * grown by half at three quarters full.
 */
import { assert } from '../../lib/index.js';
import { MAX_LOAD, slotOf } from './fingerprint-table.js';

export class StateIndex {
  private slots: Uint32Array;
  private capacity: number;
  size = 0;

  constructor(initialCapacity = 1024) {
    this.capacity = initialCapacity;
    this.slots = new Uint32Array(initialCapacity * 3);
  }

  get bytes(): number {
    return this.slots.byteLength;
  }

  /** The id of (hi, lo), adding it with id `size` when new; `added` says which. */
  idOf(hi: number, lo: number): { id: number; added: boolean } {
    if (this.size >= this.capacity * MAX_LOAD) this.grow();
    const slots = this.slots;
    let i = slotOf(hi, this.capacity);
    for (;;) {
      const tag = slots[3 * i + 2] as number;
      if (tag === 0) {
        slots[3 * i] = hi;
        slots[3 * i + 1] = lo;
        slots[3 * i + 2] = ++this.size;
        return { id: this.size - 1, added: true };
      }
      if (slots[3 * i] === hi >>> 0 && slots[3 * i + 1] === lo >>> 0) return { id: tag - 1, added: false };
      if (++i === this.capacity) i = 0;
    }
  }

  private grow(): void {
    const old = this.slots;
    this.capacity = Math.ceil(this.capacity * 1.5);
    this.slots = new Uint32Array(this.capacity * 3);
    for (let j = 0; j < old.length; j += 3) {
      const tag = old[j + 2] as number;
      if (tag === 0) continue;
      const hi = old[j] as number;
      let i = slotOf(hi, this.capacity);
      while ((this.slots[3 * i + 2] as number) !== 0) if (++i === this.capacity) i = 0;
      this.slots[3 * i] = hi;
      this.slots[3 * i + 1] = old[j + 1] as number;
      this.slots[3 * i + 2] = tag;
    }
    assert(this.size < this.capacity * MAX_LOAD, 'a grown state index is below its load limit');
  }
}
