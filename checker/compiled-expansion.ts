/**
 * BFS expansion through a model's compiled successor function (`successors()`), the route that
 * competes with SPIN's and rumur's generated C. States stay packed bytes. A batch of frontier
 * states is expanded and hashed first; successors known not to be new are marked, and the rest
 * are looked up in the seen set in order, each lookup's cache line requested a few lookups early
 * (on a large search, cache misses in the seen set are most of the time). Then the successors are
 * taken in order again: ids, parent links, and (for new states only) decoding and invariants. The
 * first states, and a sample after, are expanded both ways (objects and bytes) and compared.
 */
import type { Expansion } from './expansion.js';
import type { PackedLevel } from './level.js';
import type { CheckOptions } from './options.js';
import type { Search } from './search.js';
import { grown, insertInOrder, SuccessorFingerprints } from './successor-fingerprints.js';

/** A batch ends past this many successors, or this many bytes of them. */
const BATCH_SUCCESSORS = 1 << 18;
const BATCH_BYTES = 1 << 24;

export function compiledExpansion<S, A>(search: Search<S, A>, options: CheckOptions): Expansion<S, A> {
  const { model, fp } = search;
  const decode = model.decode as (bytes: Uint8Array) => S;
  const batch = new SuccessorFingerprints();
  let counts = new Int32Array(1024);
  let fresh = new Uint8Array(0);

  return (level, from, fromId, depth, nextLevel) => {
    const frontier = level as PackedLevel<S>;
    const next = nextLevel as PackedLevel<S>;
    const { table, links } = search;
    batch.clear();
    let to = from;
    for (; to < frontier.length && batch.length < BATCH_SUCCESSORS && batch.byteLength < BATCH_BYTES; to++) {
      const id = fromId + to - from;
      const count = batch.expand(search, frontier.bytesAt(to), depth, id < 1024 || id % options.determinismSampleEvery === 0);
      if (to - from === counts.length) counts = grown(counts, 2 * counts.length);
      counts[to - from] = count;
    }
    const { fps } = batch;
    if (fresh.length < batch.length) fresh = new Uint8Array(batch.fps.length / 2);
    insertInOrder(table, fps, batch.known, 0, batch.length, fresh);
    // Transitions are counted up to the successor the search stops at, as one at a time would.
    const before = search.transitions;
    let j = 0;
    for (let i = from; i < to; i++) {
      const id = fromId + i - from;
      const count = counts[i - from] as number;
      if (count === 0 && options.deadlocks) {
        const s = decode(frontier.bytesAt(i));
        search.transitions = before + j;
        if (!search.isFinal(s, depth)) return search.deadlock(id, s, depth);
      }
      for (let k = 0; k < count; k++, j++) {
        if (fresh[j] === 0) continue;
        search.transitions = before + j + 1;
        if (links.length >= options.statesMax) return search.incomplete('statesMax');
        links.push(id, k);
        const t = batch.bytesOf(j);
        const state = decode(t);
        if (links.length <= 1024 || links.length % options.determinismSampleEvery === 0) search.verifyPacking(state, depth + 1);
        search.depth = depth + 1;
        const broken = search.inspect(state, depth + 1);
        if (broken !== undefined) {
          fp[0] = fps[2 * j] as number;
          fp[1] = fps[2 * j + 1] as number;
          return search.violation(links.length - 1, broken, depth + 1);
        }
        next.pushBytes(t);
      }
    }
    search.transitions = before + j;
    frontier.release(to - 1);
    return to - from;
  };
}
