/**
 * JSON (as toJson writes it, or by hand) → validated datagram. Field shapes are checked here
 * (rule `json-field`, message naming the path); protocol rules are then checked by encoding
 * and decoding, so a JSON datagram is rejected under the same rule ids as its bytes would be.
 */
import {
  CN_IDX_DM, CN_VAL_DM_USERSPACE_LOG, ENVELOPE_SIZE, NLMSG_DONE, REQUEST_TYPE_MASK, ULOG_HEADER_SIZE,
  UUID_FIELD_SIZE, requestTypeName, requestTypeNumber,
} from './constants.js';
import type {
  ByteOrder, ConnectorHeader, Direction, NetlinkHeader, UlogDatagram, UlogPayload, UlogRequest,
} from './datagram.js';
import { decodeDatagram } from './decode.js';
import { encodeDatagram, encodePayload } from './encode.js';
import { replyShape, requestShape, type PayloadKind } from './payload-shape.js';
import { reject, type WireResult } from './rules.js';
import { defaultAlignPad } from './to-json.js';
import {
  JsonFieldError, U16_MAX, U32_MAX, fail, flag, hex, integer, latin1, object, u64, type Fields,
} from './json-reader.js';

/** Parses and validates the JSON form of one datagram. Never throws. */
export function fromJson(json: unknown): WireResult<UlogDatagram> {
  let datagram: UlogDatagram;
  try {
    datagram = readDatagram(json);
  } catch (error) {
    if (error instanceof JsonFieldError) return reject('json-field', error.message);
    throw error;
  }
  const envelope = datagram.form === 'bare' ? 'bare' : 'netlink';
  return decodeDatagram(encodeDatagram(datagram), { direction: datagram.direction, byteOrder: datagram.byteOrder, envelope });
}

function readDatagram(json: unknown): UlogDatagram {
  const top = object(json, '$', ['byteOrder', 'direction', 'netlink', 'connector', 'request']);
  const byteOrder = (top['byteOrder'] ?? 'little') as ByteOrder;
  if (byteOrder !== 'little' && byteOrder !== 'big') fail('$.byteOrder', "expected 'little' or 'big'");
  const direction = (top['direction'] ?? 'request') as Direction;
  if (direction !== 'request' && direction !== 'reply') fail('$.direction', "expected 'request' or 'reply'");
  const request = top['request'] === undefined ? undefined : readRequest(top['request'], direction);
  if (top['netlink'] === undefined && top['connector'] === undefined) {
    if (request === undefined) fail('$.request', 'missing (a datagram without netlink and connector is a bare request)');
    return { form: 'bare', byteOrder, direction, request };
  }
  if (top['netlink'] === undefined) fail('$.netlink', 'missing (connector is given)');
  if (top['connector'] === undefined) fail('$.connector', 'missing (netlink is given)');
  const requestBytes = request === undefined ? 0 : ULOG_HEADER_SIZE + encodePayload(request.payload, true).length;
  const connector = readConnector(top['connector'], requestBytes);
  const netlink = readNetlink(top['netlink'], ENVELOPE_SIZE + connector.len);
  if (request === undefined) return { form: 'ack', byteOrder, direction, netlink, connector };
  return { form: 'netlink', byteOrder, direction, netlink, connector, request };
}

function readNetlink(value: unknown, lenDefault: number): NetlinkHeader {
  const path = '$.netlink';
  const fields = object(value, path, ['len', 'type', 'flags', 'seq', 'pid', 'alignPad']);
  const len = integer(fields, 'len', path, 0, U32_MAX, lenDefault);
  return {
    len,
    type: integer(fields, 'type', path, 0, U16_MAX, NLMSG_DONE),
    flags: integer(fields, 'flags', path, 0, U16_MAX, 0),
    seq: integer(fields, 'seq', path, 0, U32_MAX, 0),
    pid: integer(fields, 'pid', path, 0, U32_MAX, 0),
    alignPad: fields['alignPad'] === undefined ? defaultAlignPad(len) : hex(fields, 'alignPad', path, 3),
  };
}

function readConnector(value: unknown, lenDefault: number): ConnectorHeader {
  const path = '$.connector';
  const fields = object(value, path, ['idx', 'val', 'seq', 'ack', 'len', 'flags']);
  return {
    idx: integer(fields, 'idx', path, 0, U32_MAX, CN_IDX_DM),
    val: integer(fields, 'val', path, 0, U32_MAX, CN_VAL_DM_USERSPACE_LOG),
    seq: integer(fields, 'seq', path, 0, U32_MAX, 0),
    ack: integer(fields, 'ack', path, 0, U32_MAX, 0),
    len: integer(fields, 'len', path, 0, U16_MAX, lenDefault),
    flags: integer(fields, 'flags', path, 0, U16_MAX, 0),
  };
}

const HEADER_KEYS = ['luid', 'uuid', 'uuidTail', 'padding', 'version', 'error', 'seq', 'requestType', 'type', 'dataSize'];

/** JSON payload fields of each payload kind, as toJson writes them. */
const PAYLOAD_KEYS: Readonly<Record<PayloadKind, readonly string[]>> = {
  'empty': [],
  'ctr-args': ['args', 'nulTerminated'],
  'log-device': ['logDevice'],
  'text': ['text'],
  'region': ['region'],
  'regions': ['regions'],
  'region-sync': ['region', 'inSync'],
  'region-size': ['regionSize'],
  'clean': ['clean'],
  'in-sync': ['inSync'],
  'resync-work': ['i', 'r'],
  'sync-count': ['syncCount'],
  'remote-recovering': ['isRecovering', 'inSyncHint'],
};

function readRequest(value: unknown, direction: Direction): UlogRequest {
  const path = '$.request';
  const loose = object(value, path, 'any');
  const requestType = readRequestType(loose, path);
  const type = requestType & REQUEST_TYPE_MASK;
  const kind = (direction === 'request' ? requestShape(type) : replyShape(type)).kind;
  const fields = object(value, path, [...HEADER_KEYS, ...PAYLOAD_KEYS[kind]]);
  const uuid = latin1(fields['uuid'], `${path}.uuid`);
  if (uuid.includes('\0') || uuid.length > UUID_FIELD_SIZE - 1) fail(`${path}.uuid`, 'expected at most 128 chars and no NUL');
  const uuidTail = hex(fields, 'uuidTail', path, UUID_FIELD_SIZE - 1 - uuid.length);
  const payload = readPayload(fields, kind, path);
  const payloadBytes = encodePayload(payload, true).length;
  return {
    luid: u64(fields['luid'], `${path}.luid`),
    uuid,
    uuidTail,
    padding: readPadding(fields, path),
    version: integer(fields, 'version', path, 0, U32_MAX),
    error: integer(fields, 'error', path, -(2 ** 31), 2 ** 31 - 1, 0),
    seq: integer(fields, 'seq', path, 0, U32_MAX),
    requestType,
    dataSize: integer(fields, 'dataSize', path, 0, U32_MAX, payloadBytes),
    payload,
  };
}

function readPadding(fields: Fields, path: string): string {
  const padding = hex(fields, 'padding', path, 3);
  if (padding.length !== 0 && padding.length !== 6) fail(`${path}.padding`, 'expected 3 bytes of hex (6 digits)');
  return padding === '000000' ? '' : padding;
}

/** `requestType` (raw u32) or `type` (kernel name) or both, which must agree. */
function readRequestType(fields: Fields, path: string): number {
  const name = fields['type'];
  if (name !== undefined && name !== null && (typeof name !== 'string' || requestTypeNumber(name) === undefined)) {
    fail(`${path}.type`, 'expected a DM_ULOG_* request type name');
  }
  const fromName = typeof name === 'string' ? requestTypeNumber(name) : undefined;
  const requestType = integer(fields, 'requestType', path, 0, U32_MAX, fromName);
  if (fromName !== undefined && (requestType & REQUEST_TYPE_MASK) !== fromName) {
    fail(`${path}.type`, `${String(name)} disagrees with requestType ${requestType} (${requestTypeName(requestType & REQUEST_TYPE_MASK) ?? 'unknown'})`);
  }
  return requestType;
}

function readPayload(fields: Fields, kind: PayloadKind, path: string): UlogPayload {
  const keys = PAYLOAD_KEYS[kind];
  if (!keys.some((key) => fields[key] !== undefined)) return { kind: 'empty' };
  const at = (key: string): string => `${path}.${key}`;
  switch (kind) {
    case 'empty': return { kind };
    case 'ctr-args': {
      const nul = fields['nulTerminated'] ?? false;
      if (typeof nul !== 'boolean') fail(at('nulTerminated'), 'expected a boolean');
      return { kind, args: latin1(fields['args'], at('args')), nulTerminated: nul };
    }
    case 'log-device': return { kind, logDevice: latin1(fields['logDevice'], at('logDevice')) };
    case 'text': return { kind, text: latin1(fields['text'], at('text')) };
    case 'region': return { kind, region: u64(fields['region'], at('region')) };
    case 'regions': {
      const list = fields['regions'];
      if (!Array.isArray(list)) fail(at('regions'), 'expected an array of decimal strings');
      if (list.length === 0) return { kind: 'empty' };
      return { kind, regions: list.map((r: unknown, i) => u64(r, `${at('regions')}[${i}]`)) };
    }
    case 'region-sync': return { kind, region: u64(fields['region'], at('region')), inSync: flag(fields['inSync'], at('inSync')) };
    case 'region-size': return { kind, regionSize: u64(fields['regionSize'], at('regionSize')) };
    case 'clean': return { kind, clean: flag(fields['clean'], at('clean')) };
    case 'in-sync': return { kind, inSync: flag(fields['inSync'], at('inSync')) };
    case 'resync-work': return { kind, i: flag(fields['i'], at('i')), r: u64(fields['r'], at('r')) };
    case 'sync-count': return { kind, syncCount: u64(fields['syncCount'], at('syncCount')) };
    case 'remote-recovering':
      return { kind, isRecovering: flag(fields['isRecovering'], at('isRecovering')), inSyncHint: u64(fields['inSyncHint'], at('inSyncHint')) };
  }
}
