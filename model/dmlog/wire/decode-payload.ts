/**
 * Payload bytes → `UlogPayload`, after the direction rules (request-error, reply-error-*,
 * capacity) and the size shape of §1.3; content rules (NULs, flags, flush version) come last.
 */
import { REGION_GROUP_MAX, REQUEST_PAYLOAD_MAX, REQUEST_VERSION_MAX, RequestType } from './constants.js';
import { latin1String } from './bytes.js';
import type { Direction, Flag, UlogPayload } from './datagram.js';
import { replyCapacity, replyShape, requestShape, type PayloadShape } from './payload-shape.js';
import { reject, type WireResult } from './rules.js';

/** The header fields and bytes a payload is judged by; `at` is the payload's datagram offset. */
export interface PayloadContext {
  readonly type: number;
  readonly direction: Direction;
  readonly version: number;
  readonly error: number;
  readonly data: Uint8Array;
  readonly little: boolean;
  /** Datagram offset of the header, for error offsets. */
  readonly headerAt: number;
}

/** Validates and decodes the payload of a request or reply. */
export function decodePayload(context: PayloadContext): WireResult<UlogPayload> {
  const direction = context.direction === 'request' ? requestRules(context) : replyRules(context);
  if (direction !== undefined) return direction;
  if (context.direction === 'reply' && context.error !== 0) return { ok: true, value: { kind: 'empty' } };
  const shape = context.direction === 'request' ? requestShape(context.type) : replyShape(context.type);
  const size = sizeRules(shape, context);
  if (size !== undefined) return size;
  if (context.data.length === 0) return { ok: true, value: { kind: 'empty' } };
  return decodeContent(shape, context);
}

function requestRules(context: PayloadContext): WireResult<never> | undefined {
  if (context.error !== 0) return reject('request-error', `error ${context.error}`, context.headerAt + 144);
  if (context.data.length > REQUEST_PAYLOAD_MAX) {
    return reject('request-payload-limit', `data_size ${context.data.length}`, context.headerAt + 156);
  }
  return undefined;
}

function replyRules(context: PayloadContext): WireResult<never> | undefined {
  if (context.error > 0) return reject('reply-error-positive', `error ${context.error}`, context.headerAt + 144);
  if (context.error !== 0 && context.data.length > 0) {
    return reject('reply-error-with-data', `error ${context.error}, data_size ${context.data.length}`, context.headerAt + 156);
  }
  const capacity = replyCapacity(context.type);
  if (context.data.length > capacity) {
    return reject('reply-capacity', `data_size ${context.data.length} > ${capacity}`, context.headerAt + 156);
  }
  return undefined;
}

function sizeRules(shape: PayloadShape, context: PayloadContext): WireResult<never> | undefined {
  const length = context.data.length;
  const at = context.headerAt + 156;
  if (shape.size === 'exact' && length !== shape.bytes) {
    return reject('payload-size', `data_size ${length}, expected ${shape.bytes}`, at);
  }
  if (shape.size === 'regions') {
    if (length % 8 !== 0) return reject('payload-size', `data_size ${length} is not a multiple of 8`, at);
    const count = length / 8;
    const countMin = shape.allowEmpty ? 0 : 1;
    if (count < countMin || count > REGION_GROUP_MAX) return reject('region-count', `${count} regions`, at);
  }
  return undefined;
}

function decodeContent(shape: PayloadShape, context: PayloadContext): WireResult<UlogPayload> {
  const { data, little } = context;
  const at = context.headerAt + 160;
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const u64 = (index: number): bigint => view.getBigUint64(8 * index, little);
  const flag = (index: number): Flag | undefined => {
    const value = view.getBigInt64(8 * index, little);
    return value === 0n ? 0 : value === 1n ? 1 : undefined;
  };
  const badFlag = (index: number): WireResult<never> =>
    reject('flag-value', `value ${view.getBigInt64(8 * index, little)}`, at + 8 * index);
  switch (shape.kind) {
    case 'ctr-args': return decodeCtrArgs(data, at);
    case 'log-device': return decodeLogDevice(data, at);
    case 'text': return { ok: true, value: { kind: 'text', text: latin1String(data) } };
    case 'region': return { ok: true, value: { kind: 'region', region: u64(0) } };
    case 'regions': {
      if (context.type === RequestType.FLUSH && context.version < REQUEST_VERSION_MAX) {
        return reject('flush-marks-version', `version ${context.version}`, context.headerAt + 140);
      }
      const regions = Array.from({ length: data.length / 8 }, (_, i) => u64(i));
      return { ok: true, value: { kind: 'regions', regions } };
    }
    case 'region-sync': {
      const inSync = flag(1);
      return inSync === undefined ? badFlag(1) : { ok: true, value: { kind: 'region-sync', region: u64(0), inSync } };
    }
    case 'region-size': return { ok: true, value: { kind: 'region-size', regionSize: u64(0) } };
    case 'sync-count': return { ok: true, value: { kind: 'sync-count', syncCount: u64(0) } };
    case 'clean': {
      const clean = flag(0);
      return clean === undefined ? badFlag(0) : { ok: true, value: { kind: 'clean', clean } };
    }
    case 'in-sync': {
      const inSync = flag(0);
      return inSync === undefined ? badFlag(0) : { ok: true, value: { kind: 'in-sync', inSync } };
    }
    case 'resync-work': {
      const i = flag(0);
      return i === undefined ? badFlag(0) : { ok: true, value: { kind: 'resync-work', i, r: u64(1) } };
    }
    case 'remote-recovering': {
      const isRecovering = flag(0);
      if (isRecovering === undefined) return badFlag(0);
      return { ok: true, value: { kind: 'remote-recovering', isRecovering, inSyncHint: u64(1) } };
    }
    case 'empty': return { ok: true, value: { kind: 'empty' } };
  }
}

/** The first CTR sends strlen bytes, the ESRCH reconnect loop strlen + 1: both are valid. */
function decodeCtrArgs(data: Uint8Array, at: number): WireResult<UlogPayload> {
  const nulTerminated = data[data.length - 1] === 0;
  const text = data.subarray(0, nulTerminated ? data.length - 1 : data.length);
  const nul = text.indexOf(0);
  if (nul >= 0) return reject('ctr-args-nul', `NUL at payload byte ${nul}`, at + nul);
  return { ok: true, value: { kind: 'ctr-args', args: latin1String(text), nulTerminated } };
}

/** The kernel rejects a device name whose last byte is not NUL (-EINVAL). */
function decodeLogDevice(data: Uint8Array, at: number): WireResult<UlogPayload> {
  const nul = data.indexOf(0);
  if (nul !== data.length - 1) {
    const seen = nul < 0 ? 'no NUL' : `NUL at payload byte ${nul} of ${data.length}`;
    return reject('ctr-reply-nul', seen, at + (nul < 0 ? data.length - 1 : nul));
  }
  return { ok: true, value: { kind: 'log-device', logDevice: latin1String(data.subarray(0, nul)) } };
}
