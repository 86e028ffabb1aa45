/**
 * The audits a search runs on a sample of the states it expands: the model must answer the same
 * question the same way (determinism, no mutation of its input), its packing must round-trip,
 * and its compiled successor function must agree with actions() and next(). A failed audit is
 * the model's error (exit 2), never a verdict.
 */
import { canonicalJson, fingerprint, ModelError } from '../../lib/index.js';
import { callModel, enabledActionsOf, labelOf, modelNondeterministic, modelThrew, nextCall, successorOf, type Model } from '../../model/index.js';

/** For a model that packs its states: decode(encode(s)) must be s. */
export function auditPacking<S, A>(model: Model<S, A>, s: S, step: number): void {
  const { encode, decode } = model;
  if (!encode || !decode) return;
  const back = callModel(model.name, `encode() or decode() at step ${step}`, () => decode.call(model, encode.call(model, s)));
  if (fingerprint(back) !== fingerprint(s)) throw modelNondeterministic(model.name, `decode(encode(s)) is not s at step ${step}: the packed form loses or changes data`);
}

/**
 * Asks the model the same questions twice about `s` and compares the answers: the same enabled
 * actions, the same successors, and `s` itself unchanged by computing them (no mutation).
 */
export function auditDeterminism<S, A>(model: Model<S, A>, s: S, acts: readonly A[], step: number): void {
  try {
    canonicalJson(acts);
  } catch (err) {
    throw modelThrew(model.name, `actions() at step ${step}`, err, 'actions');
  }
  auditPacking(model, s, step);
  // A successor's value fingerprint; next() is named with the action if it returns no state.
  const successorFingerprint = (a: A): string => {
    const t = successorOf(model, s, a, step + 1);
    try {
      return fingerprint(t);
    } catch (err) {
      throw modelThrew(model.name, nextCall(model, a, step + 1), err, 'a state');
    }
  };
  try {
    const before = fingerprint(s);
    if (canonicalJson(enabledActionsOf(model, s, step)) !== canonicalJson(acts)) {
      throw modelNondeterministic(model.name, `actions() returned different actions for the same state at step ${step}`);
    }
    for (const a of acts) {
      const first = successorFingerprint(a);
      if (fingerprint(s) !== before) {
        throw modelNondeterministic(model.name, `the state at step ${step} changed while its successors were computed (next() mutates its input)`);
      }
      if (successorFingerprint(a) !== first) {
        throw modelNondeterministic(model.name, `next() returned different states for the same state and action at step ${step + 1}`);
      }
    }
  } catch (err) {
    throw modelThrew(model.name, `a determinism check at step ${step}`, err);
  }
}

/**
 * For a model with a compiled successor function: its successors of `bytes` (the packed `s`)
 * must be, one for one and byte for byte, the packed successors that actions() and next() give.
 */
export function auditCompiled<S, A>(model: Model<S, A>, s: S, bytes: Uint8Array, acts: readonly A[], step: number): void {
  const emitted: Uint8Array[] = [];
  callModel(model.name, `successors() at step ${step}`, () => model.successors!(bytes, (t) => emitted.push(t.slice())));
  if (emitted.length !== acts.length) {
    throw new ModelError(`model ${model.name}: successors() gave ${emitted.length} successors at step ${step} where actions() enables ${acts.length}`);
  }
  acts.forEach((a, k) => {
    // The determinism audit, run first, has checked that next() gives a state here.
    const t = successorOf(model, s, a, step + 1);
    auditPacking(model, t, step + 1);
    const expected = model.encode!(t);
    const got = emitted[k] as Uint8Array;
    if (got.length !== expected.length || got.some((b, i) => b !== expected[i])) {
      throw new ModelError(`model ${model.name}: successors() and encode(next()) disagree on successor ${k + 1} (${labelOf(model, a)}) at step ${step + 1}`);
    }
  });
}
