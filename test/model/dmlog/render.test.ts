// Goal: every request and reply the dmlog model puts in flight can be rendered as a struct dm_ulog_request and read back.
// Method: collect the datagrams of every reachable state at the defaults (and v3), map them to the wire codec's record, encode, decode, compare.
import { describe, expect, it } from 'vitest';
import { dmlogEntry, dataSizeBytes, DMLOG_UUID, REQUEST_TYPES, type Datagram, type DmlogState, type UlogMessage } from '../../../model/dmlog/index.js';
import { decodeDatagram, encodeDatagram, type UlogDatagram, type UlogPayload } from '../../../model/dmlog/wire/index.js';

const flag = (v: number | undefined): 0 | 1 => (v === 1 ? 1 : 0);
const big = (v: number | undefined): bigint => BigInt(v ?? 0);

function payloadOf(msg: UlogMessage, direction: 'request' | 'reply'): UlogPayload {
  const w = msg.payload;
  const t = msg.requestType;
  if (direction === 'request') {
    if (t === 'DM_ULOG_CTR') return { kind: 'ctr-args', args: msg.text.replace(/\0$/, ''), nulTerminated: msg.text.endsWith('\0') };
    if (t === 'DM_ULOG_MARK_REGION' || t === 'DM_ULOG_CLEAR_REGION' || (t === 'DM_ULOG_FLUSH' && w.length > 0)) return { kind: 'regions', regions: w.map(big) };
    if (t === 'DM_ULOG_IS_CLEAN' || t === 'DM_ULOG_IN_SYNC' || t === 'DM_ULOG_IS_REMOTE_RECOVERING') return { kind: 'region', region: big(w[0]) };
    if (t === 'DM_ULOG_SET_REGION_SYNC') return { kind: 'region-sync', region: big(w[0]), inSync: flag(w[1]) };
    return { kind: 'empty' };
  }
  if (msg.error !== 0) return { kind: 'empty' };
  switch (t) {
    case 'DM_ULOG_CTR': return { kind: 'log-device', logDevice: msg.text.replace(/\0$/, '') };
    case 'DM_ULOG_IS_CLEAN': return { kind: 'clean', clean: flag(w[0]) };
    case 'DM_ULOG_IN_SYNC': return { kind: 'in-sync', inSync: flag(w[0]) };
    case 'DM_ULOG_GET_RESYNC_WORK': return { kind: 'resync-work', i: flag(w[0]), r: big(w[1]) };
    case 'DM_ULOG_GET_SYNC_COUNT': return { kind: 'sync-count', syncCount: big(w[0]) };
    case 'DM_ULOG_STATUS_INFO': return { kind: 'text', text: msg.text };
    case 'DM_ULOG_IS_REMOTE_RECOVERING': return { kind: 'remote-recovering', isRecovering: flag(w[0]), inSyncHint: big(w[1]) };
    default: return { kind: 'empty' };
  }
}

function wireOf(d: Datagram): UlogDatagram | null {
  if (d.kind === 'ack') return null;
  const direction = d.kind === 'request' ? 'request' : 'reply';
  const m = d.msg;
  return {
    form: 'bare', byteOrder: 'little', direction,
    request: {
      luid: BigInt(m.luid), uuid: DMLOG_UUID, uuidTail: '', padding: '', version: m.version, error: m.error,
      seq: m.seq, requestType: REQUEST_TYPES[m.requestType], dataSize: dataSizeBytes(m), payload: payloadOf(m, direction),
    },
  };
}

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
