/**
 * The states of one BFS level, in order: plain objects, or (for a model with encode/decode)
 * packed bytes in large shared chunks, a few bytes a state instead of an object graph.
 */
import type { Model } from '../model/index.js';

export interface Level<S> {
  readonly length: number;
  /** The state at position `i` (decoded if packed). */
  get(i: number): S;
  /** Lets the state at `i` be collected; it is not read again. */
  release(i: number): void;
  /** Appends a state; `bytes` is its packed form when the caller has it already. */
  push(state: S, bytes?: Uint8Array): void;
  /** States from position `from` on, as objects (for checkpoints). */
  slice(from: number): S[];
}

class ObjectLevel<S> implements Level<S> {
  private readonly states: (S | undefined)[] = [];
  get length(): number {
    return this.states.length;
  }
  get(i: number): S {
    return this.states[i] as S;
  }
  release(i: number): void {
    this.states[i] = undefined;
  }
  push(state: S): void {
    this.states.push(state);
  }
  slice(from: number): S[] {
    return this.states.slice(from) as S[];
  }
}

const CHUNK_BYTES = 1 << 22;

class PackedLevel<S> implements Level<S> {
  private readonly chunks: Uint8Array[] = [];
  private used = CHUNK_BYTES;
  private starts = new Float64Array(1024);
  private lengths = new Uint32Array(1024);
  private count = 0;

  constructor(private readonly model: Model<S, unknown>) {}

  get length(): number {
    return this.count;
  }

  get(i: number): S {
    const start = this.starts[i] as number;
    const chunk = this.chunks[Math.floor(start / CHUNK_BYTES)] as Uint8Array;
    const offset = start % CHUNK_BYTES;
    return this.model.decode!(chunk.subarray(offset, offset + (this.lengths[i] as number)));
  }

  release(): void {
    // Chunks are shared by many states; the whole level is dropped at once.
  }

  push(state: S, bytes = this.model.encode!(state)): void {
    if (this.used + bytes.length > CHUNK_BYTES) {
      this.chunks.push(new Uint8Array(Math.max(CHUNK_BYTES, bytes.length)));
      this.used = 0;
    }
    if (this.count === this.starts.length) {
      const starts = new Float64Array(this.count * 2);
      starts.set(this.starts);
      this.starts = starts;
      const lengths = new Uint32Array(this.count * 2);
      lengths.set(this.lengths);
      this.lengths = lengths;
    }
    (this.chunks[this.chunks.length - 1] as Uint8Array).set(bytes, this.used);
    this.starts[this.count] = (this.chunks.length - 1) * CHUNK_BYTES + this.used;
    this.lengths[this.count] = bytes.length;
    this.used += bytes.length;
    this.count++;
  }

  slice(from: number): S[] {
    const out: S[] = [];
    for (let i = from; i < this.count; i++) out.push(this.get(i));
    return out;
  }
}

/** An empty level for `model`: packed when the model can encode its states. */
export function newLevel<S>(model: Model<S, unknown>): Level<S> {
  return model.encode && model.decode ? new PackedLevel(model) : new ObjectLevel<S>();
}
