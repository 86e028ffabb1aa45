/**
 * The model's datagrams as the real wire carries them: each request or reply in a channel becomes
 * a `struct dm_ulog_request` for the byte codec (model/dmlog/wire), so any step of a trace can be
 * shown as the bytes the kernel and cmirrord would exchange. ACKs (cn_msg len 0) have no request.
 */
import { dataSizeBytes, DMLOG_UUID, REQUEST_TYPES, type Datagram, type UlogMessage } from './requests.js';
import type { UlogDatagram, UlogPayload } from './wire/index.js';

const flag = (v: number | undefined): 0 | 1 => (v === 1 ? 1 : 0);
const big = (v: number | undefined): bigint => BigInt(v ?? 0);

/** The payload shape of a message, in the given direction. */
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
    case 'DM_ULOG_CTR': return msg.text === '' ? { kind: 'empty' } : { kind: 'log-device', logDevice: msg.text.replace(/\0$/, '') };
    case 'DM_ULOG_IS_CLEAN': return { kind: 'clean', clean: flag(w[0]) };
    case 'DM_ULOG_IN_SYNC': return { kind: 'in-sync', inSync: flag(w[0]) };
    case 'DM_ULOG_GET_RESYNC_WORK': return { kind: 'resync-work', i: flag(w[0]), r: big(w[1]) };
    case 'DM_ULOG_GET_SYNC_COUNT': return { kind: 'sync-count', syncCount: big(w[0]) };
    case 'DM_ULOG_STATUS_INFO': return { kind: 'text', text: msg.text };
    case 'DM_ULOG_IS_REMOTE_RECOVERING': return { kind: 'remote-recovering', isRecovering: flag(w[0]), inSyncHint: big(w[1]) };
    default: return { kind: 'empty' };
  }
}

/** The wire record of a datagram (bare `dm_ulog_request`, little-endian), or null for an ACK. */
export function wireOf(d: Datagram): UlogDatagram | null {
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

