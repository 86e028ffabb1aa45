/**
 * Breadth-first search over 64-bit state fingerprints. Level by level, so the first violation
 * found is a shortest one; parent links (two ints per state) rebuild its path. Only the current
 * and next levels' states are kept as objects.
 */
import { canonicalJson, fingerprint, fingerprintInto, fingerprintSuccessorInto, setFingerprintParent } from '../lib/index.js';
import { modelNondeterministic, modelThrew, type Model } from '../model/index.js';
import { rebuildPath } from './counterexample.js';
import type { CheckOptions } from './options.js';
import type { CheckResult, CheckStats } from './result.js';
import { FingerprintTable, ParentLinks } from './visited.js';

type Predicates<S> = readonly (readonly [string, (s: S) => boolean])[];

/** Runs the search; model misbehaviour is thrown as ModelError, everything else is the result. */
export function bfs<S, A>(model: Model<S, A>, options: CheckOptions): CheckResult<S, A> {
  const started = options.clock();
  const name = model.name;
  const table = new FingerprintTable();
  const links = new ParentLinks();
  const fp = new Uint32Array(2);
  const invariants: Predicates<S> = Object.entries(model.invariants);
  const witnesses: Predicates<S> = Object.entries(model.sometimes ?? {});
  const reached = witnesses.map(() => false);
  let unreached = witnesses.length;
  const isFinal = model.final ? model.final.bind(model) : () => false;
  let transitions = 0;
  let depth = 0;
  let expanded = 0;

  const stats = (): CheckStats => {
    const elapsedMs = options.clock() - started;
    const distinctStates = links.length;
    return {
      distinctStates,
      transitions,
      depth,
      elapsedMs,
      statesPerSecond: elapsedMs > 0 ? Math.round((distinctStates * 1000) / elapsedMs) : 0,
      seenBytesPerState: distinctStates > 0 ? table.bytes / distinctStates : 0,
      parentBytesPerState: distinctStates > 0 ? links.bytes / distinctStates : 0,
    };
  };
  const unreachedWitnesses = (): string[] => witnesses.filter((_, i) => !reached[i]).map(([n]) => n);

  /** The first invariant `s` breaks, or undefined; marks witnesses `s` reaches. */
  const inspect = (s: S, step: number): string | undefined => {
    let current = '';
    try {
      for (const [invariant, holds] of invariants) {
        current = `invariant ${invariant}`;
        if (!holds(s)) return invariant;
      }
      if (unreached > 0) {
        for (let w = 0; w < witnesses.length; w++) {
          if (reached[w]) continue;
          const [witness, occurs] = witnesses[w] as (typeof witnesses)[number];
          current = `sometimes ${witness}`;
          if (occurs(s)) {
            reached[w] = true;
            unreached--;
          }
        }
      }
    } catch (err) {
      throw modelThrew(name, `${current} at step ${step}`, err);
    }
    return undefined;
  };
  const hash = (s: S, where: string): void => {
    try {
      fingerprintInto(s, fp);
    } catch (err) {
      throw modelThrew(name, where, err);
    }
  };
  const violation = (id: number, invariant: string, level: number): CheckResult<S, A> => ({
    verdict: 'violation',
    stats: stats(),
    violation: { kind: 'invariant', name: invariant, depth: level, path: rebuildPath(model, links, id, fp[0] as number, fp[1] as number) },
  });

  let frontier: (S | undefined)[] = [];
  let inits: S[];
  try {
    inits = model.init();
  } catch (err) {
    throw modelThrew(name, 'init()', err);
  }
  if (!Array.isArray(inits) || inits.length === 0) throw modelThrew(name, 'init()', new Error('init() must return a non-empty array of states'));
  for (let i = 0; i < inits.length; i++) {
    const s = inits[i] as S;
    hash(s, 'init()');
    if (!table.add(fp[0] as number, fp[1] as number)) continue;
    links.push(-1 - i, -1);
    const broken = inspect(s, 0);
    if (broken !== undefined) return violation(links.length - 1, broken, 0);
    frontier.push(s);
  }

  let frontierStart = 0;
  for (let level = 0; frontier.length > 0; level++) {
    if (level >= options.depthMax) return probeBeyondDepth(level);
    const next: S[] = [];
    for (let i = 0; i < frontier.length; i++) {
      const s = frontier[i] as S;
      frontier[i] = undefined;
      const id = frontierStart + i;
      let acts: A[];
      try {
        acts = model.actions(s);
      } catch (err) {
        throw modelThrew(name, `actions() at step ${level}`, err);
      }
      if (id % options.determinismSampleEvery === 0) verifyDeterministic(model, s, acts, level);
      if (acts.length === 0 && options.deadlocks && !callFinal(s, level)) {
        hash(s, 'a state');
        return {
          verdict: 'deadlock',
          stats: stats(),
          violation: { kind: 'deadlock', name: 'deadlock', depth: level, path: rebuildPath(model, links, id, fp[0] as number, fp[1] as number) },
        };
      }
      setFingerprintParent(s);
      for (let k = 0; k < acts.length; k++) {
        let t: S;
        try {
          t = model.next(s, acts[k] as A);
        } catch (err) {
          throw modelThrew(name, `next() at step ${level + 1}`, err);
        }
        transitions++;
        try {
          fingerprintSuccessorInto(t, fp);
        } catch (err) {
          throw modelThrew(name, `next() at step ${level + 1}`, err);
        }
        if (!table.add(fp[0] as number, fp[1] as number)) continue;
        if (links.length >= options.statesMax) return incomplete('statesMax');
        links.push(id, k);
        depth = level + 1;
        const broken = inspect(t, level + 1);
        if (broken !== undefined) return violation(links.length - 1, broken, level + 1);
        next.push(t);
      }
      if (++expanded % options.progressEvery === 0) {
        options.onProgress({
          distinctStates: links.length,
          transitions,
          depth: level,
          queued: frontier.length - i - 1 + next.length,
          elapsedMs: options.clock() - started,
        });
      }
    }
    frontierStart += frontier.length;
    frontier = next;
  }
  return { verdict: 'ok', stats: stats(), unreachedWitnesses: unreachedWitnesses() };

  function callFinal(s: S, level: number): boolean {
    try {
      return isFinal(s);
    } catch (err) {
      throw modelThrew(name, `final() at step ${level}`, err);
    }
  }

  function incomplete(reason: 'statesMax' | 'depthMax'): CheckResult<S, A> {
    return { verdict: 'incomplete', stats: stats(), reason, unreachedWitnesses: unreachedWitnesses() };
  }

  /** At the depth bound: still report deadlocks there, and call the search incomplete only if a state there has an unseen successor. */
  function probeBeyondDepth(level: number): CheckResult<S, A> {
    let unseen = false;
    for (let i = 0; i < frontier.length; i++) {
      const s = frontier[i] as S;
      let acts: A[];
      try {
        acts = model.actions(s);
      } catch (err) {
        throw modelThrew(name, `actions() at step ${level}`, err);
      }
      if (acts.length === 0 && options.deadlocks && !callFinal(s, level)) {
        hash(s, 'a state');
        return {
          verdict: 'deadlock',
          stats: stats(),
          violation: { kind: 'deadlock', name: 'deadlock', depth: level, path: rebuildPath(model, links, frontierStart + i, fp[0] as number, fp[1] as number) },
        };
      }
      for (let k = 0; k < acts.length && !unseen; k++) {
        let t: S;
        try {
          t = model.next(s, acts[k] as A);
        } catch (err) {
          throw modelThrew(name, `next() at step ${level + 1}`, err);
        }
        hash(t, `next() at step ${level + 1}`);
        unseen = !table.has(fp[0] as number, fp[1] as number);
      }
    }
    return unseen ? incomplete('depthMax') : { verdict: 'ok', stats: stats(), unreachedWitnesses: unreachedWitnesses() };
  }
}

/**
 * Asks the model the same questions twice about `s` and compares the answers: the same enabled
 * actions, the same successors, and `s` itself unchanged afterwards (no mutation).
 */
function verifyDeterministic<S, A>(model: Model<S, A>, s: S, acts: readonly A[], level: number): void {
  const name = model.name;
  try {
    const before = fingerprint(s);
    const again = model.actions(s);
    if (canonicalJson(again) !== canonicalJson(acts)) {
      throw modelNondeterministic(name, `actions() returned different actions for the same state at step ${level}`);
    }
    for (const a of acts) {
      const first = fingerprint(model.next(s, a));
      if (fingerprint(s) !== before) {
        throw modelNondeterministic(name, `the state at step ${level} changed while its successors were computed (next() mutates its input)`);
      }
      if (fingerprint(model.next(s, a)) !== first) {
        throw modelNondeterministic(name, `next() returned different states for the same state and action at step ${level + 1}`);
      }
    }
  } catch (err) {
    throw modelThrew(name, `a determinism check at step ${level}`, err);
  }
}

