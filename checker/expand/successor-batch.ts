/**
 * The successors of a run of packed states, in order: their fingerprints, which of them are known
 * not to be new without a lookup, and the bytes of the others. A successor equal to its parent,
 * to one of its recent siblings, or to a recent successor, is known: in TwoPhase that is most
 * transitions, and a lookup in a large seen set is a cache miss.
 */
import { fingerprintBytesInto } from '../../lib/index.js';
import { modelThrew, type Model } from '../../model/index.js';
import { auditCompiled, auditDeterminism } from '../context/audits.js';
import { actionsOf, type SearchContext } from '../context/context.js';
import { auditSymmetryIn } from '../context/symmetry-audit.js';
import type { StateStore } from '../store/state-store.js';

/** How many earlier siblings a successor is compared with. */
const SIBLINGS = 16;
/** Slots of the cache of recent successors: 256 KiB. */
const RECENT = 1 << 15;
/** How many lookups ahead a seen-set slot is read. */
const AHEAD = 8;

export class SuccessorFingerprints {
  length = 0;
  fps = new Uint32Array(2 * 4096);
  /** 1: not new, known without a lookup. */
  known = new Uint8Array(4096);
  private first = 0;
  private readonly parentFp = new Uint32Array(2);
  /**
   * Fingerprints of successors collected before, by their low bits. Every one of them is looked up
   * (or known) before any later successor, in the one order the search takes them, so a later one
   * equal to it is not new. Checked here, in the thread that expands, it spares the thread that
   * holds the seen set most of its lookups.
   */
  private readonly recent = new Uint32Array(2 * RECENT);
  private ends = new Uint32Array(4096);
  private bytes = new Uint8Array(1 << 16);

  clear(): void {
    this.length = 0;
  }

  /** Bytes kept so far. */
  get byteLength(): number {
    return this.length === 0 ? 0 : (this.ends[this.length - 1] as number);
  }

  /**
   * Collects the successors of the packed state `bytes`, at `depth`, through the model's compiled
   * successor function (compared first with actions() and next() when `audited`, and its
   * representative checked when `symmetryChecked`); their number.
   */
  expand<S, A>(ctx: SearchContext<S, A>, bytes: Uint8Array, depth: number, audited: boolean, symmetryChecked = false): number {
    const { model } = ctx;
    if (audited || symmetryChecked) {
      const s = (model.decode as (b: Uint8Array) => S)(bytes);
      const acts = actionsOf(ctx, s, depth);
      if (symmetryChecked) auditSymmetryIn(ctx, s, acts, depth);
      if (audited) {
        auditDeterminism(model, s, acts, depth);
        auditCompiled(model, s, bytes, acts, depth);
      }
    }
    const before = this.length;
    this.parent(bytes);
    // Not callModel: a closure a state on the hottest path; the same wording.
    try {
      (model.successors as NonNullable<Model<S, A>['successors']>)(bytes, this.add);
    } catch (err) {
      throw modelThrew(model.name, `successors() at step ${depth}`, err);
    }
    return this.length - before;
  }

  /** Starts the successors of the packed state `bytes`. */
  private parent(bytes: Uint8Array): void {
    this.first = this.length;
    fingerprintBytesInto(bytes, this.parentFp);
  }

  /** Records the next successor (its bytes are copied if kept). */
  readonly add = (t: Uint8Array): void => {
    const n = this.length;
    if (n === this.known.length) {
      this.known = grown(this.known, 2 * n);
      this.fps = grown(this.fps, 4 * n);
      this.ends = grown(this.ends, 2 * n);
    }
    const fps = this.fps;
    fingerprintBytesInto(t, fps, 2 * n);
    const hi = fps[2 * n] as number;
    const lo = fps[2 * n + 1] as number;
    let known = hi === this.parentFp[0] && lo === this.parentFp[1];
    for (let m = Math.max(this.first, n - SIBLINGS); m < n && !known; m++) known = fps[2 * m] === hi && fps[2 * m + 1] === lo;
    if (!known && hi !== 0) {
      const r = 2 * (lo & (RECENT - 1));
      const recent = this.recent;
      known = recent[r] === hi && recent[r + 1] === lo;
      recent[r] = hi;
      recent[r + 1] = lo;
    }
    this.known[n] = known ? 1 : 0;
    this.length = n + 1;
    const start = n === 0 ? 0 : (this.ends[n - 1] as number);
    this.ends[n] = start;
    if (known) return;
    const size = t.length;
    if (start + size > this.bytes.length) this.bytes = grown(this.bytes, 2 * (start + size));
    const bytes = this.bytes;
    for (let b = 0; b < size; b++) bytes[start + b] = t[b] as number;
    this.ends[n] = start + size;
  };

  /** The bytes of successor `j`, when kept and not known. */
  bytesOf(j: number): Uint8Array {
    return this.bytes.subarray(j === 0 ? 0 : (this.ends[j - 1] as number), this.ends[j] as number);
  }
}

/**
 * Adds fingerprints `from`..`to` - 1 of `fps` to the seen set in order, skipping the known ones; sets
 * `fresh[j]` to 1 for each one new. Each lookup first reads the slot of the one a few places
 * ahead, so that several cache misses are under way at once.
 */
export function insertInOrder(table: Pick<StateStore, 'add' | 'touch'>, fps: Uint32Array, known: Uint8Array, from: number, to: number, fresh: Uint8Array): void {
  let sink = 0;
  for (let j = from; j < to; j++) {
    fresh[j] = 0;
    if (j + AHEAD < to && known[j + AHEAD] === 0) sink ^= table.touch(fps[2 * (j + AHEAD)] as number, fps[2 * (j + AHEAD) + 1] as number);
    if (known[j] === 0 && table.add(fps[2 * j] as number, fps[2 * j + 1] as number)) fresh[j] = 1;
  }
  kept ^= sink;
}

/** Where the reads ahead go, so that the compiler keeps them. */
let kept = 0;

export function grown<T extends Uint8Array | Uint32Array | Int32Array>(array: T, length: number): T {
  const bigger = new (array.constructor as new (n: number) => T)(length);
  bigger.set(array);
  return bigger;
}
