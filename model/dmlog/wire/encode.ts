/**
 * Datagram → bytes. The encoder writes every field as given, lengths included, and checks
 * nothing about the protocol: validity is the decoder's job, so a caller can also build
 * deliberately broken datagrams and see which rule the decoder names.
 */
import {
  CONNECTOR_HEADER_SIZE, ENVELOPE_SIZE, NETLINK_HEADER_SIZE, ULOG_HEADER_SIZE, UUID_FIELD_SIZE,
} from './constants.js';
import { assert } from '../../../lib/index.js';
import { fromHex, latin1Bytes } from './bytes.js';
import type { ByteOrder, ConnectorHeader, NetlinkHeader, UlogDatagram, UlogPayload, UlogRequest } from './datagram.js';

/** The bytes of `datagram`, in its byte order and form. */
export function encodeDatagram(datagram: UlogDatagram): Uint8Array {
  const little = datagram.byteOrder === 'little';
  if (datagram.form === 'bare') return encodeRequest(datagram.request, little);
  const body = datagram.form === 'netlink' ? encodeRequest(datagram.request, little) : new Uint8Array(0);
  const pad = hexBytes(datagram.netlink.alignPad, 'netlink.alignPad');
  const bytes = new Uint8Array(ENVELOPE_SIZE + body.length + pad.length);
  const view = new DataView(bytes.buffer);
  writeNetlink(view, datagram.netlink, little);
  writeConnector(view, datagram.connector, little);
  bytes.set(body, ENVELOPE_SIZE);
  bytes.set(pad, ENVELOPE_SIZE + body.length);
  return bytes;
}

/** The 160-byte header followed by the payload bytes; `dataSize` is written as given. */
export function encodeRequest(request: UlogRequest, little: boolean): Uint8Array {
  const payload = encodePayload(request.payload, little);
  const bytes = new Uint8Array(ULOG_HEADER_SIZE + payload.length);
  const view = new DataView(bytes.buffer);
  assert(request.luid >= 0n && request.luid < 1n << 64n, 'luid is not a u64');
  view.setBigUint64(0, request.luid, little);
  const uuid = latin1Bytes(request.uuid);
  const tail = hexBytes(request.uuidTail, 'uuidTail');
  assert(uuid.length + 1 + tail.length <= UUID_FIELD_SIZE || (tail.length === 0 && uuid.length <= UUID_FIELD_SIZE), 'uuid and uuidTail exceed 129 bytes');
  bytes.set(uuid, 8);
  bytes.set(tail, 8 + uuid.length + 1);
  const padding = hexBytes(request.padding, 'padding');
  assert(padding.length <= 3, 'padding exceeds 3 bytes');
  bytes.set(padding, 137);
  setU32(view, 140, request.version, little, 'version');
  assert(Number.isInteger(request.error) && request.error >= -(2 ** 31) && request.error < 2 ** 31, 'error is not an s32');
  view.setInt32(144, request.error, little);
  setU32(view, 148, request.seq, little, 'seq');
  setU32(view, 152, request.requestType, little, 'requestType');
  setU32(view, 156, request.dataSize, little, 'dataSize');
  bytes.set(payload, ULOG_HEADER_SIZE);
  return bytes;
}

/** The payload bytes of `payload`; s64 flags are written as 64-bit two's complement. */
export function encodePayload(payload: UlogPayload, little: boolean): Uint8Array {
  switch (payload.kind) {
    case 'empty': return new Uint8Array(0);
    case 'ctr-args': return latin1Bytes(payload.nulTerminated ? `${payload.args}\0` : payload.args);
    case 'log-device': return latin1Bytes(`${payload.logDevice}\0`);
    case 'text': return latin1Bytes(payload.text);
    case 'region': return u64s([payload.region], little);
    case 'regions': return u64s(payload.regions, little);
    case 'region-sync': return u64s([payload.region, BigInt(payload.inSync)], little);
    case 'region-size': return u64s([payload.regionSize], little);
    case 'clean': return u64s([BigInt(payload.clean)], little);
    case 'in-sync': return u64s([BigInt(payload.inSync)], little);
    case 'resync-work': return u64s([BigInt(payload.i), payload.r], little);
    case 'sync-count': return u64s([payload.syncCount], little);
    case 'remote-recovering': return u64s([BigInt(payload.isRecovering), payload.inSyncHint], little);
  }
}

function u64s(values: readonly bigint[], little: boolean): Uint8Array {
  const bytes = new Uint8Array(8 * values.length);
  const view = new DataView(bytes.buffer);
  values.forEach((value, i) => {
    assert(value >= 0n && value < 1n << 64n, 'a u64 payload value is out of range');
    view.setBigUint64(8 * i, value, little);
  });
  return bytes;
}

function writeNetlink(view: DataView, header: NetlinkHeader, little: boolean): void {
  setU32(view, 0, header.len, little, 'netlink.len');
  setU16(view, 4, header.type, little, 'netlink.type');
  setU16(view, 6, header.flags, little, 'netlink.flags');
  setU32(view, 8, header.seq, little, 'netlink.seq');
  setU32(view, 12, header.pid, little, 'netlink.pid');
}

function writeConnector(view: DataView, header: ConnectorHeader, little: boolean): void {
  const at = NETLINK_HEADER_SIZE;
  setU32(view, at, header.idx, little, 'connector.idx');
  setU32(view, at + 4, header.val, little, 'connector.val');
  setU32(view, at + 8, header.seq, little, 'connector.seq');
  setU32(view, at + 12, header.ack, little, 'connector.ack');
  setU16(view, at + 16, header.len, little, 'connector.len');
  setU16(view, at + 18, header.flags, little, 'connector.flags');
  assert(at + CONNECTOR_HEADER_SIZE === ENVELOPE_SIZE, 'envelope layout');
}

function setU32(view: DataView, at: number, value: number, little: boolean, name: string): void {
  assert(Number.isInteger(value) && value >= 0 && value <= 0xffff_ffff, `${name} is not a u32`);
  view.setUint32(at, value, little);
}

function setU16(view: DataView, at: number, value: number, little: boolean, name: string): void {
  assert(Number.isInteger(value) && value >= 0 && value <= 0xffff, `${name} is not a u16`);
  view.setUint16(at, value, little);
}

function hexBytes(text: string, name: string): Uint8Array {
  const parsed = fromHex(text);
  assert(parsed.ok && !/\s/.test(text), `${name} is not hex`);
  return parsed.value;
}
