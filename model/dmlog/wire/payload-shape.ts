/**
 * What payload each request type carries in each direction (research dmlog.md §1.3), and the
 * capacity the kernel gives each reply.
 */
import { CTR_REPLY_MAX, REQUEST_PAYLOAD_MAX, RequestType, STATUS_REPLY_MAX } from './constants.js';
import type { UlogPayload } from './datagram.js';

/** The payload kinds, as named in `UlogPayload`. */
export type PayloadKind = UlogPayload['kind'];

/** Size rule of a payload: `exact` bytes, a u64 list (`regions`), or a `string` of up to max bytes. */
export type PayloadShape =
  | { readonly kind: PayloadKind; readonly size: 'exact'; readonly bytes: number }
  | { readonly kind: 'regions'; readonly size: 'regions'; readonly allowEmpty: boolean }
  | { readonly kind: PayloadKind; readonly size: 'string'; readonly bytesMax: number };

const EMPTY: PayloadShape = { kind: 'empty', size: 'exact', bytes: 0 };
const REGION: PayloadShape = { kind: 'region', size: 'exact', bytes: 8 };
const REGIONS: PayloadShape = { kind: 'regions', size: 'regions', allowEmpty: false };

/** Kernel→daemon payload by type; FLUSH carries 0 regions (plain) or 1..32 (integrated flush). */
export function requestShape(type: number): PayloadShape {
  switch (type) {
    case RequestType.CTR: return { kind: 'ctr-args', size: 'string', bytesMax: REQUEST_PAYLOAD_MAX };
    case RequestType.IS_CLEAN:
    case RequestType.IN_SYNC:
    case RequestType.IS_REMOTE_RECOVERING: return REGION;
    case RequestType.FLUSH: return { kind: 'regions', size: 'regions', allowEmpty: true };
    case RequestType.MARK_REGION:
    case RequestType.CLEAR_REGION: return REGIONS;
    case RequestType.SET_REGION_SYNC: return { kind: 'region-sync', size: 'exact', bytes: 16 };
    default: return EMPTY;
  }
}

/**
 * Daemon→kernel payload by type. Fixed-size replies must be exactly their size; the kernel
 * reads the buffer without checking how much arrived.
 */
export function replyShape(type: number): PayloadShape {
  switch (type) {
    case RequestType.CTR: return { kind: 'log-device', size: 'string', bytesMax: CTR_REPLY_MAX };
    case RequestType.GET_REGION_SIZE: return { kind: 'region-size', size: 'exact', bytes: 8 };
    case RequestType.IS_CLEAN: return { kind: 'clean', size: 'exact', bytes: 8 };
    case RequestType.IN_SYNC: return { kind: 'in-sync', size: 'exact', bytes: 8 };
    case RequestType.GET_RESYNC_WORK: return { kind: 'resync-work', size: 'exact', bytes: 16 };
    case RequestType.GET_SYNC_COUNT: return { kind: 'sync-count', size: 'exact', bytes: 8 };
    case RequestType.STATUS_INFO:
    case RequestType.STATUS_TABLE: return { kind: 'text', size: 'string', bytesMax: STATUS_REPLY_MAX };
    case RequestType.IS_REMOTE_RECOVERING: return { kind: 'remote-recovering', size: 'exact', bytes: 16 };
    default: return EMPTY;
  }
}

/** The most payload bytes the kernel accepts in a reply of this type (beyond it: -ENOSPC). */
export function replyCapacity(type: number): number {
  const shape = replyShape(type);
  if (shape.size === 'exact') return shape.bytes;
  if (shape.size === 'string') return shape.bytesMax;
  return 0;
}
