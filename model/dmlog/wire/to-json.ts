/**
 * Decoded datagram → plain JSON for people debugging a real system. u64 values become decimal
 * strings; a field is left out only when it holds its default (zero uuid tail, zero padding,
 * zero NLMSG_ALIGN padding), so fromJson(toJson(d)) encodes to the same bytes.
 */
import { requestTypeName, REQUEST_TYPE_MASK } from './constants.js';
import type { ConnectorHeader, NetlinkHeader, UlogDatagram, UlogPayload, UlogRequest } from './datagram.js';

/** JSON data as JSON.stringify writes it. */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/** A JSON object. */
export type JsonObject = { [key: string]: JsonValue };

/** The JSON form of a decoded datagram (see README.md for the field list). */
export function toJson(datagram: UlogDatagram): JsonObject {
  const json: JsonObject = { byteOrder: datagram.byteOrder, direction: datagram.direction };
  if (datagram.form !== 'bare') {
    json['netlink'] = netlinkJson(datagram.netlink);
    json['connector'] = connectorJson(datagram.connector);
  }
  if (datagram.form !== 'ack') json['request'] = requestJson(datagram.request);
  return json;
}

/** The NLMSG_ALIGN padding the kernel writes after `len`: zeros up to a multiple of 4. */
export function defaultAlignPad(len: number): string {
  return '00'.repeat(((len + 3) & ~3) - len);
}

function netlinkJson(header: NetlinkHeader): JsonObject {
  const json: JsonObject = { len: header.len, type: header.type, flags: header.flags, seq: header.seq, pid: header.pid };
  if (header.alignPad !== defaultAlignPad(header.len)) json['alignPad'] = header.alignPad;
  return json;
}

function connectorJson(header: ConnectorHeader): JsonObject {
  return { idx: header.idx, val: header.val, seq: header.seq, ack: header.ack, len: header.len, flags: header.flags };
}

function requestJson(request: UlogRequest): JsonObject {
  const json: JsonObject = { luid: request.luid.toString(), uuid: request.uuid };
  if (request.uuidTail !== '') json['uuidTail'] = request.uuidTail;
  if (request.padding !== '') json['padding'] = request.padding;
  json['version'] = request.version;
  json['error'] = request.error;
  json['seq'] = request.seq;
  json['requestType'] = request.requestType;
  json['type'] = requestTypeName(request.requestType & REQUEST_TYPE_MASK) ?? null;
  json['dataSize'] = request.dataSize;
  return { ...json, ...payloadJson(request.payload) };
}

/** Payload fields, flattened into `request` under the names of the header and research notes. */
export function payloadJson(payload: UlogPayload): JsonObject {
  switch (payload.kind) {
    case 'empty': return {};
    case 'ctr-args': return { args: payload.args, nulTerminated: payload.nulTerminated };
    case 'log-device': return { logDevice: payload.logDevice };
    case 'text': return { text: payload.text };
    case 'region': return { region: payload.region.toString() };
    case 'regions': return { regions: payload.regions.map((r) => r.toString()) };
    case 'region-sync': return { region: payload.region.toString(), inSync: payload.inSync };
    case 'region-size': return { regionSize: payload.regionSize.toString() };
    case 'clean': return { clean: payload.clean };
    case 'in-sync': return { inSync: payload.inSync };
    case 'resync-work': return { i: payload.i, r: payload.r.toString() };
    case 'sync-count': return { syncCount: payload.syncCount.toString() };
    case 'remote-recovering': return { isRecovering: payload.isRecovering, inSyncHint: payload.inSyncHint.toString() };
  }
}
