// Goal: every request and reply the dmlog model puts in flight can be rendered as a struct dm_ulog_request and read back.
// Method: collect the datagrams of every reachable state at the defaults (and v3), map them to the wire codec's record, encode, decode, compare.
import { describe, expect, it } from 'vitest';
import { dmlogEntry, wireOf, type Datagram, type DmlogState } from '../../../model/dmlog/index.js';
import { decodeDatagram, encodeDatagram } from '../../../model/dmlog/wire/index.js';

function datagramsReached(params: Record<string, number | boolean | string>): Datagram[] {
  const model = dmlogEntry.create(params);
  const seen = new Set<string>();
  const found = new Map<string, Datagram>();
  let frontier = model.init() as DmlogState[];
  while (frontier.length > 0) {
    const next: DmlogState[] = [];
    for (const s of frontier) {
      for (const c of s.channels) for (const d of [...c.toDaemon, ...c.toKernel]) found.set(JSON.stringify(d), d);
      for (const a of model.actions(s)) {
        const t = model.next(s, a) as DmlogState;
        const key = JSON.stringify(t);
        if (!seen.has(key)) { seen.add(key); next.push(t); }
      }
    }
    frontier = next;
  }
  return [...found.values()];
}

describe('dmlog datagrams render as wire bytes', () => {
  const runs: Record<string, number | boolean | string>[] = [{}, { version: 3, loss: false, crash: false, queries: 1 }];
  for (const params of runs) {
    it(`round-trips every datagram reached with ${JSON.stringify(params)}`, () => {
      const datagrams = datagramsReached(params);
      expect(datagrams.length).toBeGreaterThan(10);
      for (const d of datagrams) {
        const wire = wireOf(d);
        if (wire === null) continue;
        const bytes = encodeDatagram(wire);
        const back = decodeDatagram(bytes, { envelope: 'bare', direction: wire.direction });
        expect(back.ok, JSON.stringify(d)).toBe(true);
        if (back.ok && back.value.form !== 'ack') {
          expect(back.value.request.seq).toBe(wire.form === 'ack' ? -1 : wire.request.seq);
          expect(back.value.request.requestType & 0xff).toBe(wire.form === 'ack' ? -1 : wire.request.requestType);
        }
      }
    });
  }
});
