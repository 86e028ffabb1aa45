/**
 * How a search identifies a state: the 64-bit fingerprint of its value, or, for a model with a
 * compiled successor function (whose successors arrive as packed bytes), of its packed form.
 * Every hash returns its value: the two words and, when states are identified by their packed
 * form, those bytes, in one record that the next hash reuses (the hot path allocates nothing).
 */
import { fingerprint, fingerprintBytesInto, fingerprintInto, hexOf, SuccessorHasher } from '../../lib/index.js';
import { isStateShaped, modelThrew, nextCall, notAState, type Model } from '../../model/index.js';

/** A state's fingerprint, high and low word; `bytes`: its packed form when states are identified by it. */
export interface StateHash {
  hi: number;
  lo: number;
  bytes: Uint8Array | undefined;
}

export class StateHasher<S, A> {
  /** The model packs its states (encode/decode): levels hold bytes. */
  readonly packed: boolean;
  /**
   * The model has a compiled successor function: states are identified by the hash of their packed
   * bytes. Otherwise by the value walk, which reuses the parent's hashes and is cheaper than
   * encoding every successor; a packed state is then encoded once, when it is queued.
   */
  readonly compiled: boolean;
  private readonly words = new Uint32Array(2);
  private readonly result: StateHash = { hi: 0, lo: 0, bytes: undefined };
  private readonly successors = new SuccessorHasher();

  /** `symmetric`: the model is a quotient, whose states come from representative(), named in messages. */
  constructor(private readonly model: Model<S, A>, private readonly symmetric = false) {
    this.packed = Boolean(model.encode && model.decode);
    this.compiled = this.packed && typeof model.successors === 'function';
  }

  /** The hash of a state from `where` (`init()`, a saved state, …): not JSON data is the model's error there. */
  state(s: S, where: string): StateHash {
    const from = this.symmetric ? `representative() of ${where}` : where;
    if (!isStateShaped(s)) throw notAState(this.model.name, from, s);
    try {
      return this.hash(s, false);
    } catch (err) {
      throw modelThrew(this.model.name, from, err, 'a state');
    }
  }

  /** Before the successors of `s` are hashed: their walks reuse what they share with `s`. */
  parent(s: S): void {
    this.successors.setParent(s);
  }

  /** The hash of `t`, which next() returned for action `a` at `step` (checked to be a state already). */
  successor(t: S, a: A, step: number): StateHash {
    try {
      return this.hash(t, true);
    } catch (err) {
      const call = nextCall(this.model, a, step);
      throw modelThrew(this.model.name, this.symmetric ? `representative() of ${call}` : call, err, 'a state');
    }
  }

  /** The fingerprint the search identifies `s` by, as hex (what path rebuilding compares). */
  identify = (s: S): string => {
    if (!this.compiled) return fingerprint(s);
    fingerprintBytesInto(this.model.encode!(s), this.words);
    return hexOf(this.words[0] as number, this.words[1] as number);
  };

  private hash(s: S, successor: boolean): StateHash {
    const { words, result } = this;
    if (this.compiled) {
      result.bytes = this.model.encode!(s);
      fingerprintBytesInto(result.bytes, words);
    } else {
      result.bytes = undefined;
      // The value walk refuses what JSON cannot carry (undefined, NaN, a Map), naming the path.
      if (successor) this.successors.into(s, words);
      else fingerprintInto(s, words);
    }
    result.hi = words[0] as number;
    result.lo = words[1] as number;
    return result;
  }
}
