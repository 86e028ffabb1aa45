/**
 * A worker thread's store: the seen set all workers share, with no parent links (the workers keep
 * no order; at an event the search runs again in one thread), and the room this worker may fill
 * in one chunk of work before the coordinator must grow the table.
 */
import { SharedFingerprintTable } from '../store/shared-table.js';
import { MAX_LOAD } from '../store/fingerprint-table.js';
import { FULL, type StateStore } from '../store/state-store.js';

/** A chunk of work ends after at most this many successors. */
const CHUNK_SUCCESSORS = 1 << 13;

export class WorkerStore implements StateStore {
  table!: SharedFingerprintTable;
  /**
   * How many states this worker may add in one chunk: the room the table keeps past its grow
   * threshold (a fifth of it, leaving a twentieth free), split among the workers, which may all be
   * in a chunk when the threshold is crossed. A chunk aims at half of it.
   */
  chunkRoom = 0;
  chunkSuccessors = 0;
  /** States this worker added, over all levels. */
  added = 0;
  private chunkAdded = 0;
  /** States this worker expanded: its states are audited by their position in its shares. */
  private expanded = 0;

  constructor(private readonly workers: number, private readonly sampleEvery: number) {}

  /** Works on the shared table in `shared` (at the hand-off, and after each grow). */
  useTable(shared: SharedArrayBuffer): void {
    this.table = new SharedFingerprintTable(shared);
    this.chunkRoom = Math.floor(((1 - MAX_LOAD - 0.05) * this.table.capacity) / this.workers);
    this.chunkSuccessors = Math.max(1, Math.min(CHUNK_SUCCESSORS, Math.floor(this.chunkRoom / 2)));
  }

  beginChunk(): void {
    this.chunkAdded = 0;
  }

  add(hi: number, lo: number): boolean {
    return this.table.add(hi, lo);
  }

  has(hi: number, lo: number): boolean {
    return this.table.has(hi, lo);
  }

  touch(hi: number, lo: number): number {
    return this.table.touch(hi, lo);
  }

  roomFor(successors: number): boolean {
    return successors <= this.chunkRoom;
  }

  /** Past the chunk's room the search runs again in one thread; an id here only numbers the worker's own states. */
  admit(): number {
    if (++this.chunkAdded > this.chunkRoom) return FULL;
    return this.added++;
  }

  auditsExpansion(): boolean {
    return this.expanded++ % this.sampleEvery === 0;
  }

  auditsPacking(id: number): boolean {
    return id % this.sampleEvery === 0;
  }
}
