/**
 * The states of one BFS level, in order: plain objects, or (for a model with encode/decode)
 * packed bytes (packed-level.ts). Levels are made by a search's `Levels`, which knows the model
 * and where packed levels may spill.
 */
import { assert } from '../../lib/index.js';
import type { Model } from '../../model/index.js';
import { LevelMemory, PackedLevel, type SpillOptions } from './packed-level.js';

export interface Level<S> {
  readonly length: number;
  /** The state at position `i` (decoded if packed). */
  get(i: number): S;
  /** Lets the state at `i` be collected; it is not read again. */
  release(i: number): void;
  /** Appends a state; `bytes` is its packed form when the caller has it already. */
  push(state: S, bytes?: Uint8Array): void;
  /** States from position `from` on, as objects (a hand-over, the depth bound). */
  slice(from: number): S[];
  /** How a checkpoint stores its states: packed bytes, or JSON text. */
  readonly encoding: 'packed' | 'json';
  /** The state at `i` as a checkpoint stores it (a view valid until the next call). */
  savedAt(i: number): Uint8Array;
  /** Appends a state as `savedAt` gave it; throws on bytes it cannot read. */
  pushSaved(record: Uint8Array): void;
}

const utf8 = new TextEncoder();
const fromUtf8 = new TextDecoder('utf-8', { fatal: true });

class ObjectLevel<S> implements Level<S> {
  private readonly states: (S | undefined)[] = [];
  get length(): number {
    return this.states.length;
  }
  get(i: number): S {
    const s = this.states[i];
    // A state is never undefined (the runtime refuses it): undefined here was released, or never there.
    assert(s !== undefined, 'a level is read within its length, each state before it is released');
    return s;
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
  readonly encoding = 'json';
  savedAt(i: number): Uint8Array {
    return utf8.encode(JSON.stringify(this.states[i]));
  }
  pushSaved(record: Uint8Array): void {
    this.states.push(JSON.parse(fromUtf8.decode(record)) as S);
  }
}

/** The first `end` states of a level: a share of it (the rest were given away, see parallel/). */
export interface Part<S> {
  readonly level: Level<S>;
  end: number;
}

/** Makes the levels of one search: packed (and spilling past the budget) when the model can encode its states. */
export class Levels<S> {
  private readonly memory: LevelMemory;
  readonly packed: boolean;

  constructor(private readonly model: Model<S, unknown>, spill: SpillOptions | null = null) {
    this.memory = new LevelMemory(spill);
    this.packed = Boolean(model.encode && model.decode);
  }

  create(): Level<S> {
    return this.packed ? new PackedLevel(this.model, this.memory) : new ObjectLevel<S>();
  }
}
