/**
 * States in transit between the main thread and workers: JSON text, or the model's packed bytes
 * (concatenated, with offsets) when it has encode/decode, which is far cheaper to send and read.
 */
import type { Model } from '../../model/index.js';

export type StateBatch =
  | { readonly kind: 'json'; readonly states: readonly string[] }
  | { readonly kind: 'packed'; readonly bytes: Uint8Array; readonly offsets: Uint32Array };

export function batchLength(batch: StateBatch): number {
  return batch.kind === 'packed' ? batch.offsets.length - 1 : batch.states.length;
}

/** Builds a batch state by state, so no more than one state object is alive at a time. */
export class BatchBuilder<S> {
  private readonly json: string[] = [];
  private bytes = new Uint8Array(1 << 16);
  private offsets = new Uint32Array(1024);
  private count = 0;

  constructor(private readonly model: Model<S, unknown>) {}

  push(state: S): void {
    const { model } = this;
    if (!model.encode || !model.decode) {
      this.json.push(JSON.stringify(state));
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
    if (!this.model.encode || !this.model.decode) return { kind: 'json', states: this.json };
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
  return model.decode!(batch.bytes.subarray(batch.offsets[i], batch.offsets[i + 1]));
}
