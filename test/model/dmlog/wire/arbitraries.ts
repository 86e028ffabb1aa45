/**
 * fast-check generators of valid dm-ulog datagrams, in the exact canonical form the decoder
 * returns (trimmed uuid tail, '' for zero padding, empty payload as kind 'empty').
 */
import fc from 'fast-check';
import {
  REQUEST_PAYLOAD_MAX, REQUEST_TYPE_NAMES, RequestType, ULOG_HEADER_SIZE, encodePayload, replyShape, requestShape,
  toHex, type ByteOrder, type Direction, type Flag, type NetlinkHeader, type UlogDatagram, type UlogPayload,
  type UlogRequest, type PayloadKind,
} from '../../../../model/dmlog/wire/index.js';

const u64 = fc.bigInt({ min: 0n, max: (1n << 64n) - 1n });
const u32 = fc.integer({ min: 0, max: 0xffff_ffff });
const u16 = fc.integer({ min: 0, max: 0xffff });
const flag: fc.Arbitrary<Flag> = fc.constantFrom(0, 1);

/** A latin1 string of `length` chars, NUL excluded unless `withNul`. */
function latin1(maxLength: number, withNul = false): fc.Arbitrary<string> {
  const char = fc.integer({ min: withNul ? 0 : 1, max: 255 }).map((c) => String.fromCharCode(c));
  return fc.array(fc.oneof(char, fc.constantFrom('L', 'V', 'M', '-', ' ', '0')), { maxLength }).map((cs) => cs.join(''));
}

function trimmed(bytes: Uint8Array): string {
  let end = bytes.length;
  while (end > 0 && bytes[end - 1] === 0) end--;
  return toHex(bytes.subarray(0, end));
}

/** Canonical empty payload: any payload that encodes to no bytes decodes as kind 'empty'. */
function canonical(payload: UlogPayload): UlogPayload {
  return encodePayload(payload, true).length === 0 ? { kind: 'empty' } : payload;
}

/** A valid payload of `kind` (the shape for the type and direction). */
export function payloadOf(kind: PayloadKind, type: number): fc.Arbitrary<UlogPayload> {
  switch (kind) {
    case 'empty': return fc.constant({ kind });
    case 'ctr-args':
      return fc.record({ args: latin1(REQUEST_PAYLOAD_MAX - 1), nulTerminated: fc.boolean() }).map((p) => canonical({ kind, ...p }));
    case 'log-device': return latin1(127).map((logDevice) => ({ kind, logDevice }));
    case 'text': return latin1(300, true).map((text) => canonical({ kind, text }));
    case 'region': return u64.map((region) => ({ kind, region }));
    case 'regions': {
      const countMin = type === RequestType.FLUSH ? 0 : 1;
      return fc.array(u64, { minLength: countMin, maxLength: 32 }).map((regions) => canonical({ kind, regions }));
    }
    case 'region-sync': return fc.record({ region: u64, inSync: flag }).map((p) => ({ kind, ...p }));
    case 'region-size': return u64.map((regionSize) => ({ kind, regionSize }));
    case 'clean': return flag.map((clean) => ({ kind, clean }));
    case 'in-sync': return flag.map((inSync) => ({ kind, inSync }));
    case 'resync-work': return fc.record({ i: flag, r: u64 }).map((p) => ({ kind, ...p }));
    case 'sync-count': return u64.map((syncCount) => ({ kind, syncCount }));
    case 'remote-recovering': return fc.record({ isRecovering: flag, inSyncHint: u64 }).map((p) => ({ kind, ...p }));
  }
}

/** uuid text plus a canonical tail that fits the 129-byte field. */
const uuidAndTail = latin1(128).chain((uuid) =>
  fc.oneof(
    { weight: 3, arbitrary: fc.constant('') },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 128 - uuid.length }).map(trimmed) },
  ).map((uuidTail) => ({ uuid, uuidTail })));

const padding = fc.oneof(
  { weight: 3, arbitrary: fc.constant('') },
  { weight: 1, arbitrary: fc.uint8Array({ minLength: 3, maxLength: 3 }).map((b) => (trimmed(b) === '' ? '' : toHex(b))) },
);

/** A valid `dm_ulog_request` of `type` (1..17) for `direction`. */
export function requestOf(type: number, direction: Direction): fc.Arbitrary<UlogRequest> {
  const kind = (direction === 'request' ? requestShape(type) : replyShape(type)).kind;
  const error = direction === 'request'
    ? fc.constant(0)
    : fc.oneof({ weight: 3, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.integer({ min: -(2 ** 31), max: -1 }) });
  const upperBits = fc.oneof({ weight: 4, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.integer({ min: 0, max: 0xff_ffff }) });
  return fc.record({ luid: u64, id: uuidAndTail, padding, version: fc.integer({ min: 0, max: 3 }), error, seq: u32, upperBits })
    .chain((h) => (h.error !== 0 ? fc.constant<UlogPayload>({ kind: 'empty' }) : payloadOf(kind, type)).map((payload) => {
      const flushMarks = type === RequestType.FLUSH && payload.kind === 'regions';
      return {
        luid: h.luid, uuid: h.id.uuid, uuidTail: h.id.uuidTail, padding: h.padding,
        version: flushMarks ? 3 : h.version, error: h.error, seq: h.seq,
        requestType: type + h.upperBits * 256,
        dataSize: encodePayload(payload, true).length,
        payload,
      };
    }));
}

/** Any of the 17 types. */
export const requestType = fc.integer({ min: 1, max: REQUEST_TYPE_NAMES.length });

function netlinkFor(len: number): fc.Arbitrary<NetlinkHeader> {
  const padLength = ((len + 3) & ~3) - len;
  const alignPad = padLength === 0
    ? fc.constant('')
    : fc.oneof(fc.constant(''), fc.constant('00'.repeat(padLength)), fc.uint8Array({ minLength: padLength, maxLength: padLength }).map(toHex));
  return fc.record({ type: u16, flags: u16, seq: u32, pid: u32, alignPad }).map((h) => ({ len, ...h }));
}

/** A valid datagram of any form, type, direction and byte order. */
export function datagram(options: { direction?: Direction; byteOrder?: ByteOrder; type?: number } = {}): fc.Arbitrary<UlogDatagram> {
  const direction = options.direction === undefined ? fc.constantFrom<Direction>('request', 'reply') : fc.constant(options.direction);
  const byteOrder = options.byteOrder === undefined ? fc.constantFrom<ByteOrder>('little', 'big') : fc.constant(options.byteOrder);
  const type = options.type === undefined ? requestType : fc.constant(options.type);
  return fc.tuple(direction, byteOrder, type).chain(([dir, order, t]) => {
    const forms = dir === 'reply' ? ['bare', 'netlink', 'ack'] as const : ['bare', 'netlink'] as const;
    return fc.tuple(fc.constantFrom(...forms), requestOf(t, dir)).chain(([form, request]): fc.Arbitrary<UlogDatagram> => {
      if (form === 'bare') return fc.constant({ form, byteOrder: order, direction: dir, request });
      const cnLen = form === 'ack' ? 0 : ULOG_HEADER_SIZE + request.dataSize;
      const connector = fc.record({ seq: u32, ack: u32, flags: u16 }).map((c) => ({ idx: 7, val: 1, len: cnLen, ...c }));
      return fc.tuple(netlinkFor(36 + cnLen), connector).map(([netlink, conn]) => form === 'ack'
        ? { form, byteOrder: order, direction: dir, netlink, connector: conn }
        : { form, byteOrder: order, direction: dir, netlink, connector: conn, request });
    });
  });
}

/** Decode options that read back what `d` was encoded as. */
export function optionsOf(d: UlogDatagram): { direction: Direction; byteOrder: ByteOrder; envelope: 'bare' | 'netlink' } {
  return { direction: d.direction, byteOrder: d.byteOrder, envelope: d.form === 'bare' ? 'bare' : 'netlink' };
}
