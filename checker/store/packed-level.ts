/**
 * A level of packed states: bytes in large shared chunks, a few bytes a state instead of an
 * object graph. Chunks past a memory budget are written to a spill file and read back when the
 * level is expanded, in order, one chunk at a time.
 */
import { closeSync, mkdirSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { threadId } from 'node:worker_threads';
import { assert } from '../../lib/index.js';
import type { Model } from '../../model/index.js';
import type { Level } from './level.js';

const CHUNK_BYTES = 1 << 22;
const FIRST_CHUNK_BYTES = 1 << 12;
/** Full chunks a search keeps for its later levels. */
const SPARE_CHUNKS_MAX = 16;

/** Where a packed level may spill its chunks to disk, and how many bytes it keeps in memory. */
export interface SpillOptions {
  readonly dir: string;
  readonly memoryBytesMax: number;
  /** Chunk size; small ones let tests spill small levels. */
  readonly chunkBytes?: number;
}

/**
 * What the packed levels of one search share: the spill settings, full chunks of levels already
 * expanded (memory the operating system hands out is slow to touch the first time: 11 µs a page
 * on the machine the bench ran on), and the spill files' numbering.
 */
export class LevelMemory {
  private readonly spare: Uint8Array[] = [];
  private files = 0;

  constructor(readonly spill: SpillOptions | null) {}

  /** A chunk of `size` bytes: a spare one when it has the full size. */
  chunk(size: number): Uint8Array {
    return (size === CHUNK_BYTES ? this.spare.pop() : undefined) ?? new Uint8Array(size);
  }

  /** Keeps a full chunk of a disposed level for a later one. */
  recycle(chunk: Uint8Array): void {
    if (chunk.length === CHUNK_BYTES && this.spare.length < SPARE_CHUNKS_MAX) this.spare.push(chunk);
  }

  /** A new spill file in the spill folder, open for reading and writing. */
  openSpillFile(): { path: string; fd: number } {
    const dir = (this.spill as SpillOptions).dir;
    mkdirSync(dir, { recursive: true });
    // Another search of this thread may spill into the same folder: a name in use is skipped.
    for (;;) {
      const path = join(dir, `level-${process.pid}-${threadId}-${this.files++}.bin`);
      try {
        return { path, fd: openSync(path, 'wx+') };
      } catch (err) {
        if ((err as { code?: string }).code !== 'EEXIST') throw err;
      }
    }
  }
}

export class PackedLevel<S> implements Level<S> {
  /** In-memory chunks; a spilled chunk's slot is null and its bytes are at `spilledAt` in the file. */
  private readonly chunks: (Uint8Array | null)[] = [];
  private readonly spilledAt: number[] = [];
  private readonly spilledLength: number[] = [];
  private inMemory = 0;
  private file: { path: string; fd: number; size: number } | undefined;
  /** The one spilled chunk read back (reads are sequential, so one suffices). */
  private cached: { index: number; bytes: Uint8Array } | undefined;
  private readonly chunkBytes: number;
  private used: number;
  private starts = new Float64Array(1024);
  private lengths = new Uint32Array(1024);
  private count = 0;

  private readonly spill: SpillOptions | null;

  constructor(private readonly model: Model<S, unknown>, private readonly memory: LevelMemory) {
    this.spill = memory.spill;
    this.chunkBytes = this.spill?.chunkBytes ?? CHUNK_BYTES;
    this.used = this.chunkBytes;
  }

  get length(): number {
    return this.count;
  }

  get(i: number): S {
    return this.model.decode!(this.bytesAt(i));
  }

  /** The packed state at `i`: a view valid until the next call. */
  bytesAt(i: number): Uint8Array {
    assert(i >= 0 && i < this.count, 'a packed level is read within its length');
    const start = this.starts[i] as number;
    const offset = start % this.chunkBytes;
    return this.chunkAt(Math.floor(start / this.chunkBytes)).subarray(offset, offset + (this.lengths[i] as number));
  }

  release(i: number): void {
    // Chunks are shared by many states; the level goes at once, its spill file when read to the end.
    if (i === this.count - 1) this.dispose();
  }

  push(state: S, bytes = this.model.encode!(state)): void {
    this.pushBytes(bytes);
  }

  /** Appends a packed state (copied). */
  pushBytes(bytes: Uint8Array): void {
    if (this.used + bytes.length > this.chunkBytes) this.newChunk(bytes.length);
    else if (this.chunks.length === 1 && this.used + bytes.length > (this.chunks[0] as Uint8Array).length) this.growFirstChunk(this.used + bytes.length);
    if (this.count === this.starts.length) {
      const starts = new Float64Array(this.count * 2);
      starts.set(this.starts);
      this.starts = starts;
      const lengths = new Uint32Array(this.count * 2);
      lengths.set(this.lengths);
      this.lengths = lengths;
    }
    (this.chunks[this.chunks.length - 1] as Uint8Array).set(bytes, this.used);
    this.starts[this.count] = (this.chunks.length - 1) * this.chunkBytes + this.used;
    this.lengths[this.count] = bytes.length;
    this.used += bytes.length;
    this.count++;
  }

  slice(from: number): S[] {
    const out: S[] = [];
    for (let i = from; i < this.count; i++) out.push(this.get(i));
    return out;
  }

  readonly encoding = 'packed';
  savedAt(i: number): Uint8Array {
    return this.bytesAt(i);
  }
  pushSaved(record: Uint8Array): void {
    this.pushBytes(record);
  }

  private newChunk(need: number): void {
    const full = this.chunks.length - 1;
    // Past the memory budget, the chunk just filled goes to disk before a new one is allocated.
    if (this.spill && full >= 0 && this.inMemory + this.chunkBytes > this.spill.memoryBytesMax) this.spillChunk(full);
    // A level's first chunk starts small and grows: most levels of most models are small.
    const size = full < 0 ? Math.min(this.chunkBytes, Math.max(FIRST_CHUNK_BYTES, need)) : Math.max(this.chunkBytes, need);
    this.chunks.push(this.memory.chunk(size));
    this.inMemory += size;
    this.used = 0;
  }

  /** Doubles the first chunk (still the only one) until it holds `need` bytes. */
  private growFirstChunk(need: number): void {
    const old = this.chunks[0] as Uint8Array;
    let size = old.length;
    while (size < need) size *= 2;
    const grown = new Uint8Array(Math.min(this.chunkBytes, size));
    grown.set(old.subarray(0, this.used));
    this.chunks[0] = grown;
    this.inMemory += grown.length - old.length;
  }

  private spillChunk(index: number): void {
    const spill = this.spill as SpillOptions;
    if (this.file === undefined) this.file = { ...this.memory.openSpillFile(), size: 0 };
    const bytes = this.chunks[index] as Uint8Array;
    writeSync(this.file.fd, bytes, 0, bytes.length, this.file.size);
    this.spilledAt[index] = this.file.size;
    this.spilledLength[index] = bytes.length;
    this.file.size += bytes.length;
    this.chunks[index] = null;
    this.inMemory -= bytes.length;
  }

  private chunkAt(index: number): Uint8Array {
    const chunk = this.chunks[index];
    if (chunk) return chunk;
    if (this.cached?.index !== index) {
      const bytes = new Uint8Array(this.spilledLength[index] as number);
      readSync((this.file as { fd: number }).fd, bytes, 0, bytes.length, this.spilledAt[index] as number);
      this.cached = { index, bytes };
    }
    return this.cached.bytes;
  }

  private dispose(): void {
    for (const chunk of this.chunks) if (chunk) this.memory.recycle(chunk);
    this.chunks.length = 0;
    if (this.file === undefined) return;
    closeSync(this.file.fd);
    rmSync(this.file.path, { force: true });
    this.file = undefined;
  }
}

