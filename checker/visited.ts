/**
 * The seen set: an open-addressing table of 64-bit fingerprints in one Uint32Array (high and low
 * words side by side, so a probe touches one cache line). Linear probing; (0, 0) marks an empty
 * slot. It grows by half when three quarters full, so it never falls below half full once past
 * its first size: at most 8 / 0.5 = 16 bytes per distinct state.
 */

const MAX_LOAD = 0.75;
const GROWTH = 1.5;
const TWO_POW_32 = 4294967296;

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

  /** Adds the fingerprint (hi, lo); true when it was not there before. */
  add(hi: number, lo: number): boolean {
    if (hi === 0 && lo === 0) lo = 1;
    if (this.size >= this.growAt) this.grow();
    const slots = this.slots;
    const capacity = this.capacity;
    // Multiply-shift maps the well-mixed high word onto any capacity, not only powers of two.
    let i = Math.floor((hi >>> 0) * capacity / TWO_POW_32);
    for (;;) {
      const h = slots[2 * i] as number;
      const l = slots[2 * i + 1] as number;
      if (h === 0 && l === 0) {
        slots[2 * i] = hi;
        slots[2 * i + 1] = lo;
        this.size++;
        return true;
      }
      if (h === hi >>> 0 && l === lo >>> 0) return false;
      if (++i === capacity) i = 0;
    }
  }

  /** True when the fingerprint (hi, lo) is in the table. */
  has(hi: number, lo: number): boolean {
    if (hi === 0 && lo === 0) lo = 1;
    const slots = this.slots;
    const capacity = this.capacity;
    let i = Math.floor((hi >>> 0) * capacity / TWO_POW_32);
    for (;;) {
      const h = slots[2 * i] as number;
      const l = slots[2 * i + 1] as number;
      if (h === 0 && l === 0) return false;
      if (h === hi >>> 0 && l === lo >>> 0) return true;
      if (++i === capacity) i = 0;
    }
  }

  /** The table's contents, to save in a checkpoint. */
  snapshot(): { capacity: number; size: number; slots: Uint32Array } {
    return { capacity: this.capacity, size: this.size, slots: this.slots };
  }

  /** A table holding exactly what `snapshot()` returned. */
  static restore(saved: { capacity: number; size: number; slots: Uint32Array }): FingerprintTable {
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
      if (h !== 0 || l !== 0) this.add(h, l);
    }
  }
}

/** A growable pair of Int32Arrays: for each state id, its parent id and the action index taken. */
export class ParentLinks {
  private parents = new Int32Array(1024);
  private actions = new Int32Array(1024);
  length = 0;

  get bytes(): number {
    return this.parents.byteLength + this.actions.byteLength;
  }

  /** Records the link of the next state id; `parent` < 0 encodes initial state number -parent-1. */
  push(parent: number, actionIndex: number): void {
    if (this.length === this.parents.length) {
      const grownParents = new Int32Array(this.length * 2);
      grownParents.set(this.parents);
      this.parents = grownParents;
      const grownActions = new Int32Array(this.length * 2);
      grownActions.set(this.actions);
      this.actions = grownActions;
    }
    this.parents[this.length] = parent;
    this.actions[this.length] = actionIndex;
    this.length++;
  }

  /** The links in use, to save in a checkpoint. */
  snapshot(): { parents: Int32Array; actions: Int32Array } {
    return { parents: this.parents.subarray(0, this.length), actions: this.actions.subarray(0, this.length) };
  }

  static restore(saved: { parents: Int32Array; actions: Int32Array }): ParentLinks {
    const links = new ParentLinks();
    const room = Math.max(1024, saved.parents.length * 2);
    links.parents = new Int32Array(room);
    links.parents.set(saved.parents);
    links.actions = new Int32Array(room);
    links.actions.set(saved.actions);
    links.length = saved.parents.length;
    return links;
  }

  parentOf(id: number): number {
    return this.parents[id] as number;
  }

  actionOf(id: number): number {
    return this.actions[id] as number;
  }
}
