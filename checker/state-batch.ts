/**
 * States in transit between the main thread and workers: JSON text, or the model's packed bytes
 * (concatenated, with offsets) when it has encode/decode, which is far cheaper to send and read.
 */
import type { Model } from '../model/index.js';

export type StateBatch =
  | { readonly kind: 'json'; readonly states: readonly string[] }
  | { readonly kind: 'packed'; readonly bytes: Uint8Array; readonly offsets: Uint32Array };

export function batchLength(batch: StateBatch): number {
  return batch.kind === 'json' ? batch.states.length : batch.offsets.length - 1;
}

/** The batch of `states`, packed when the model can. */
export function batchOf<S>(model: Model<S, unknown>, states: readonly S[]): StateBatch {
  if (!model.encode || !model.decode) return { kind: 'json', states: states.map((s) => JSON.stringify(s)) };
  const parts = states.map((s) => model.encode!(s));
  const offsets = new Uint32Array(parts.length + 1);
  parts.forEach((p, i) => (offsets[i + 1] = (offsets[i] as number) + p.length));
  const bytes = new Uint8Array(offsets[parts.length] as number);
  parts.forEach((p, i) => bytes.set(p, offsets[i] as number));
  return { kind: 'packed', bytes, offsets };
}

/** The states of a batch, in order. */
export function statesOf<S>(model: Model<S, unknown>, batch: StateBatch): S[] {
  if (batch.kind === 'json') return JSON.parse(`[${batch.states.join(',')}]`) as S[];
  const out: S[] = [];
  for (let i = 0; i + 1 < batch.offsets.length; i++) out.push(model.decode!(batch.bytes.subarray(batch.offsets[i], batch.offsets[i + 1])));
  return out;
}

/** One batch holding the batches' states in order. */
export function concatBatches(batches: readonly StateBatch[]): StateBatch {
  if (batches.length === 0 || batches[0]!.kind === 'json') return { kind: 'json', states: batches.flatMap((b) => (b.kind === 'json' ? b.states : [])) };
  const packed = batches as readonly Extract<StateBatch, { kind: 'packed' }>[];
  const total = packed.reduce((n, b) => n + b.bytes.length, 0);
  const count = packed.reduce((n, b) => n + b.offsets.length - 1, 0);
  const bytes = new Uint8Array(total);
  const offsets = new Uint32Array(count + 1);
  let at = 0;
  let k = 0;
  for (const b of packed) {
    bytes.set(b.bytes, at);
    for (let i = 1; i < b.offsets.length; i++) offsets[++k] = at + (b.offsets[i] as number);
    at += b.bytes.length;
  }
  return { kind: 'packed', bytes, offsets };
}

/** States `from` (inclusive) to `to` (exclusive) of a batch, as a batch of their own. */
export function sliceBatch(batch: StateBatch, from: number, to: number): StateBatch {
  if (batch.kind === 'json') return { kind: 'json', states: batch.states.slice(from, to) };
  const start = batch.offsets[from] as number;
  const offsets = batch.offsets.slice(from, to + 1).map((o) => o - start);
  return { kind: 'packed', bytes: batch.bytes.slice(start, batch.offsets[to] as number), offsets };
}
