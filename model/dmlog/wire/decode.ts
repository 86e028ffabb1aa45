/**
 * Bytes → `UlogDatagram`. Never throws on bad bytes: the result names the first rule of
 * rules.ts the datagram breaks.
 */
import {
  CN_IDX_DM, CN_VAL_DM_USERSPACE_LOG, ENVELOPE_SIZE, NETLINK_HEADER_SIZE, ULOG_HEADER_SIZE,
} from './constants.js';
import { toHex } from './bytes.js';
import type { ByteOrder, ConnectorHeader, Direction, NetlinkHeader, UlogDatagram } from './datagram.js';
import { decodeRequest } from './decode-request.js';
import { reject, type WireResult } from './rules.js';

/** How to read a datagram; the wire itself says neither direction, byte order nor envelope. */
export interface DecodeOptions {
  /** Default `request` (kernel→daemon). */
  readonly direction?: Direction;
  /** Default `little` (x86-64 and most Linux hosts). */
  readonly byteOrder?: ByteOrder;
  /**
   * Default `netlink` (nlmsghdr + cn_msg + request, as recv() returns it); `bare` for a
   * `dm_ulog_request` alone. Chosen by the caller, never guessed: a bare request starts with
   * the luid, a kernel pointer whose low bytes can equal any plausible nlmsg_len.
   */
  readonly envelope?: 'netlink' | 'bare';
}

/** Decodes and validates one datagram. */
export function decodeDatagram(bytes: Uint8Array, options: DecodeOptions = {}): WireResult<UlogDatagram> {
  const direction = options.direction ?? 'request';
  const byteOrder = options.byteOrder ?? 'little';
  const little = byteOrder === 'little';
  if (options.envelope === 'bare') {
    const request = decodeRequest(bytes, { direction, little, at: 0 });
    return request.ok ? { ok: true, value: { form: 'bare', byteOrder, direction, request: request.value } } : request;
  }
  const envelope = decodeEnvelope(bytes, little, direction);
  if (!envelope.ok) return envelope;
  const { netlink, connector } = envelope.value;
  if (connector.len === 0) return { ok: true, value: { form: 'ack', byteOrder, direction, netlink, connector } };
  const body = bytes.subarray(ENVELOPE_SIZE, netlink.len);
  const request = decodeRequest(body, { direction, little, at: ENVELOPE_SIZE });
  if (!request.ok) return request;
  return { ok: true, value: { form: 'netlink', byteOrder, direction, netlink, connector, request: request.value } };
}

interface Envelope {
  readonly netlink: NetlinkHeader;
  readonly connector: ConnectorHeader;
}

/** nlmsghdr and cn_msg rules, in the order of rules.ts. */
function decodeEnvelope(bytes: Uint8Array, little: boolean, direction: Direction): WireResult<Envelope> {
  if (bytes.length < NETLINK_HEADER_SIZE) return reject('netlink-header-short', `${bytes.length} bytes`, 0);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const len = view.getUint32(0, little);
  if (len < ENVELOPE_SIZE) return reject('netlink-length-small', `nlmsg_len ${len}`, 0);
  if (len > bytes.length) return reject('netlink-length-overrun', `nlmsg_len ${len} > ${bytes.length} bytes`, 0);
  const aligned = (len + 3) & ~3;
  if (bytes.length !== len && bytes.length !== aligned) {
    return reject('netlink-trailing-bytes', `${bytes.length - len} bytes after nlmsg_len ${len}`, len);
  }
  const netlink: NetlinkHeader = {
    len,
    type: view.getUint16(4, little),
    flags: view.getUint16(6, little),
    seq: view.getUint32(8, little),
    pid: view.getUint32(12, little),
    alignPad: toHex(bytes.subarray(len)),
  };
  const at = NETLINK_HEADER_SIZE;
  const idx = view.getUint32(at, little);
  const val = view.getUint32(at + 4, little);
  if (idx !== CN_IDX_DM || val !== CN_VAL_DM_USERSPACE_LOG) return reject('connector-id', `idx ${idx}, val ${val}`, at);
  const connector: ConnectorHeader = {
    idx, val,
    seq: view.getUint32(at + 8, little),
    ack: view.getUint32(at + 12, little),
    len: view.getUint16(at + 16, little),
    flags: view.getUint16(at + 18, little),
  };
  if (ENVELOPE_SIZE + connector.len !== len) {
    return reject('connector-length', `cn_msg len ${connector.len}, nlmsg_len ${len}`, at + 16);
  }
  if (connector.len === 0 && direction === 'request') return reject('ack-in-request', '', at + 16);
  if (connector.len !== 0 && connector.len < ULOG_HEADER_SIZE) {
    return reject('connector-incomplete', `cn_msg len ${connector.len}`, at + 16);
  }
  return { ok: true, value: { netlink, connector } };
}
