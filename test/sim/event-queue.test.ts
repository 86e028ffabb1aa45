// Goal: the agenda pops events in (due tick, tie-break, insertion) order, whatever the push order.
// Method: fast-check pushes random events and compares the pop order with a sort.
import { fc, test } from '@fast-check/vitest';
import { expect } from 'vitest';
import { EventQueue, type SimEvent } from '../../sim/index.js';

test.prop([fc.array(fc.record({ dueTick: fc.nat(20), tieBreak: fc.nat(5) }), { maxLength: 200 })])('pops in total order', (raw) => {
  const events: SimEvent<number>[] = raw.map((e, seq) => ({ ...e, seq, key: String(seq), action: seq }));
  const queue = new EventQueue<number>();
  events.forEach((e) => queue.push(e));
  const popped: number[] = [];
  for (let e = queue.pop(); e; e = queue.pop()) popped.push(e.seq);
  const sorted = [...events].sort((a, b) => a.dueTick - b.dueTick || a.tieBreak - b.tieBreak || a.seq - b.seq).map((e) => e.seq);
  expect(popped).toEqual(sorted);
});
