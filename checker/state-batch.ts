/**
 * States in transit between the main thread and workers: JSON text, or the model's packed bytes
 * (concatenated, with offsets) when it has encode/decode, which is far cheaper to send and read.
 */
import type { Model } from '../model/index.js';

export type StateBatch =
  | { readonly kind: 'json'; readonly states: readonly string[] }
  /** Objects, for states that stay in the thread that made them. */
  | { readonly kind: 'objects'; readonly states: readonly unknown[] }
  | { readonly kind: 'packed'; readonly bytes: Uint8Array; readonly offsets: Uint32Array };

export function batchLength(batch: StateBatch): number {
  return batch.kind === 'packed' ? batch.offsets.length - 1 : batch.states.length;
}

/** Builds a batch state by state, so no more than one state object is alive at a time. */
export class BatchBuilder<S> {
  private readonly json: unknown[] = [];
  private bytes = new Uint8Array(1 << 16);
  private offsets = new Uint32Array(1024);
  private count = 0;

  /** `resident`: the batch stays in this thread, so unpacked states stay objects. */
  constructor(private readonly model: Model<S, unknown>, private readonly resident = false) {}

  push(state: S): void {
    const { model } = this;
    if (!model.encode || !model.decode) {
      this.json.push(this.resident ? state : JSON.stringify(state));
      return;
    }
    this.pushBytes(model.encode(state));
  }

  /** Appends a packed state (copied), for a model that packs. */
  pushBytes(packed: Uint8Array): void {
    const at = this.offsets[this.count] as number;
    if (at + packed.length > this.bytes.length) {
      const grown = new Uint8Array(Math.max(this.bytes.length * 2, at + packed.length));
      grown.set(this.bytes);
      this.bytes = grown;
    }
    if (this.count + 2 > this.offsets.length) {
      const grown = new Uint32Array(this.offsets.length * 2);
      grown.set(this.offsets);
      this.offsets = grown;
    }
    this.bytes.set(packed, at);
    this.offsets[++this.count] = at + packed.length;
  }

  build(): StateBatch {
    if (!this.model.encode || !this.model.decode) return this.resident ? { kind: 'objects', states: this.json } : { kind: 'json', states: this.json as string[] };
    return { kind: 'packed', bytes: this.bytes.slice(0, this.offsets[this.count]), offsets: this.offsets.slice(0, this.count + 1) };
  }
}

/** The batch of `states`, packed when the model can. */
export function batchOf<S>(model: Model<S, unknown>, states: readonly S[]): StateBatch {
  const builder = new BatchBuilder(model);
  for (const s of states) builder.push(s);
  return builder.build();
}

/** State `i` of a batch, decoded on demand. */
export function stateAt<S>(model: Model<S, unknown>, batch: StateBatch, i: number): S {
  if (batch.kind === 'json') return JSON.parse(batch.states[i] as string) as S;
  if (batch.kind === 'objects') return batch.states[i] as S;
  return model.decode!(batch.bytes.subarray(batch.offsets[i], batch.offsets[i + 1]));
}

/** States `from` (inclusive) to `to` (exclusive) of a batch, as a batch of their own. */
export function sliceBatch(batch: StateBatch, from: number, to: number): StateBatch {
  if (batch.kind === 'json') return { kind: 'json', states: batch.states.slice(from, to) };
  if (batch.kind === 'objects') return { kind: 'objects', states: batch.states.slice(from, to) };
  const start = batch.offsets[from] as number;
  const offsets = batch.offsets.slice(from, to + 1).map((o) => o - start);
  return { kind: 'packed', bytes: batch.bytes.slice(start, batch.offsets[to] as number), offsets };
}
