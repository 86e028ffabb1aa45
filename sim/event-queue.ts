/**
 * The simulator's agenda: a binary min-heap of events ordered by (due tick, tie-break drawn from
 * the PRNG, insertion number). The insertion number makes the order total, so no comparison is
 * ever left to the heap's shape.
 */

export interface SimEvent<A> {
  readonly dueTick: number;
  readonly tieBreak: number;
  readonly seq: number;
  /** Canonical JSON of the action: its identity across states. */
  readonly key: string;
  readonly action: A;
}

function before<A>(x: SimEvent<A>, y: SimEvent<A>): boolean {
  if (x.dueTick !== y.dueTick) return x.dueTick < y.dueTick;
  if (x.tieBreak !== y.tieBreak) return x.tieBreak < y.tieBreak;
  return x.seq < y.seq;
}

export class EventQueue<A> {
  private heap: SimEvent<A>[] = [];

  get size(): number {
    return this.heap.length;
  }

  push(event: SimEvent<A>): void {
    const heap = this.heap;
    heap.push(event);
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(heap[i] as SimEvent<A>, heap[parent] as SimEvent<A>)) break;
      [heap[i], heap[parent]] = [heap[parent] as SimEvent<A>, heap[i] as SimEvent<A>];
      i = parent;
    }
  }

  /** Removes and returns the earliest event, or undefined when empty. */
  pop(): SimEvent<A> | undefined {
    const heap = this.heap;
    const top = heap[0];
    const last = heap.pop();
    if (heap.length > 0 && last !== undefined) {
      heap[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < heap.length && before(heap[l] as SimEvent<A>, heap[m] as SimEvent<A>)) m = l;
        if (r < heap.length && before(heap[r] as SimEvent<A>, heap[m] as SimEvent<A>)) m = r;
        if (m === i) break;
        [heap[i], heap[m]] = [heap[m] as SimEvent<A>, heap[i] as SimEvent<A>];
        i = m;
      }
    }
    return top;
  }
}
