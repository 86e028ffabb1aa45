/**
 * `struct dm_ulog_request` bytes → `UlogRequest`: header rules first (sizes, uuid, type,
 * version), then the payload rules of decode-payload.ts.
 */
import {
  REQUEST_TYPE_MASK, REQUEST_VERSION_MAX, ULOG_HEADER_SIZE, UUID_FIELD_SIZE, requestTypeName,
} from './constants.js';
import { latin1String, toHex, trimmedHex } from './bytes.js';
import type { Direction, UlogRequest } from './datagram.js';
import { decodePayload } from './decode-payload.js';
import { reject, type WireResult } from './rules.js';

/** Where the request sits and how to read it. */
export interface RequestContext {
  readonly direction: Direction;
  readonly little: boolean;
  /** Datagram offset of `bytes[0]`, for error offsets. */
  readonly at: number;
}

/** Decodes exactly one request: `bytes` must be the header plus `data_size` payload bytes. */
export function decodeRequest(bytes: Uint8Array, context: RequestContext): WireResult<UlogRequest> {
  const { at, little } = context;
  if (bytes.length < ULOG_HEADER_SIZE) return reject('header-short', `${bytes.length} bytes`, at);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const dataSize = view.getUint32(156, little);
  const available = bytes.length - ULOG_HEADER_SIZE;
  if (dataSize > available) return reject('data-size-overrun', `data_size ${dataSize} > ${available}`, at + 156);
  if (dataSize < available) return reject('data-size-underrun', `data_size ${dataSize} < ${available}`, at + 156);
  const uuidField = bytes.subarray(8, 8 + UUID_FIELD_SIZE);
  const nul = uuidField.indexOf(0);
  if (nul < 0) return reject('uuid-unterminated', '', at + 8);
  const requestType = view.getUint32(152, little);
  const type = requestType & REQUEST_TYPE_MASK;
  if (requestTypeName(type) === undefined) return reject('request-type-unknown', `type ${type}`, at + 152);
  const version = view.getUint32(140, little);
  if (version > REQUEST_VERSION_MAX) return reject('version-unknown', `version ${version}`, at + 140);
  const error = view.getInt32(144, little);
  const payload = decodePayload({
    type, direction: context.direction, version, error, little, headerAt: at,
    data: bytes.subarray(ULOG_HEADER_SIZE),
  });
  if (!payload.ok) return payload;
  return {
    ok: true,
    value: {
      luid: view.getBigUint64(0, little),
      uuid: latin1String(uuidField.subarray(0, nul)),
      uuidTail: trimmedHex(uuidField.subarray(nul + 1)),
      padding: trimmedHex(bytes.subarray(137, 140)) === '' ? '' : toHex(bytes.subarray(137, 140)),
      version,
      error,
      seq: view.getUint32(148, little),
      requestType,
      dataSize,
      payload: payload.value,
    },
  };
}
