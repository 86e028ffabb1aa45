/**
 * The dm_ulog_request types as data (include/uapi/linux/dm-log-userspace.h), and the record a
 * request or reply carries in the model's state: the fields of `struct dm_ulog_request` that
 * vary (luid, version, error, seq, request_type, payload), so a trace step can be rendered as
 * its wire bytes. The uuid is a constant of the model (`DMLOG_UUID`).
 */

/** Request type numbers, exactly as the header defines them. */
export const REQUEST_TYPES = {
  DM_ULOG_CTR: 1,
  DM_ULOG_DTR: 2,
  DM_ULOG_PRESUSPEND: 3,
  DM_ULOG_POSTSUSPEND: 4,
  DM_ULOG_RESUME: 5,
  DM_ULOG_GET_REGION_SIZE: 6,
  DM_ULOG_IS_CLEAN: 7,
  DM_ULOG_IN_SYNC: 8,
  DM_ULOG_FLUSH: 9,
  DM_ULOG_MARK_REGION: 10,
  DM_ULOG_CLEAR_REGION: 11,
  DM_ULOG_GET_RESYNC_WORK: 12,
  DM_ULOG_SET_REGION_SYNC: 13,
  DM_ULOG_GET_SYNC_COUNT: 14,
  DM_ULOG_STATUS_INFO: 15,
  DM_ULOG_STATUS_TABLE: 16,
  DM_ULOG_IS_REMOTE_RECOVERING: 17,
} as const;

export type RequestType = keyof typeof REQUEST_TYPES;

/** The request type named by its number (1..17). */
export function requestTypeName(num: number): RequestType {
  for (const [name, value] of Object.entries(REQUEST_TYPES)) {
    if (value === num) return name as RequestType;
  }
  throw new Error(`unknown dm_ulog request type ${num}`);
}

/** The uuid every request of the model carries (a real LVM mirror log uuid is this long). */
export const DMLOG_UUID = 'LVM-dmlogModelMirror0001';

/** Negative errno values the protocol uses in `error`. */
export const ERRNO = { ENOENT: 2, ESRCH: 3, EIO: 5, EAGAIN: 11, EINVAL: 22, ENOSPC: 28 } as const;

/**
 * One `struct dm_ulog_request` in flight. `payload` holds the u64/s64 words of the data area in
 * order (MARK/CLEAR/integrated FLUSH: regions; IN_SYNC, IS_CLEAN, IS_REMOTE_RECOVERING: the
 * region; SET_REGION_SYNC: region, in_sync; GET_RESYNC_WORK reply: i, r; IS_REMOTE_RECOVERING
 * reply: is_recovering, in_sync_hint; GET_SYNC_COUNT, IN_SYNC, IS_CLEAN replies: the value);
 * `text` holds the ASCII data of CTR (both ways) and STATUS_INFO replies.
 */
export interface UlogMessage {
  readonly luid: number;
  readonly version: number;
  readonly error: number;
  readonly seq: number;
  readonly requestType: RequestType;
  readonly payload: readonly number[];
  readonly text: string;
}

/**
 * A netlink datagram between one node's kernel and its daemon: a request (kernel → daemon), a
 * full reply (daemon → kernel, matched by the seq inside the message), or the ACK form
 * (`cn.len == 0`, matched by `cn.seq`, `ack` a positive errno: 0 done, EAGAIN resend).
 */
export type Datagram =
  | { readonly kind: 'request'; readonly msg: UlogMessage }
  | { readonly kind: 'reply'; readonly msg: UlogMessage }
  | { readonly kind: 'ack'; readonly seq: number; readonly ack: number; readonly requestType: RequestType };

/** The seq a datagram is matched by. */
export function datagramSeq(d: Datagram): number {
  return d.kind === 'ack' ? d.seq : d.msg.seq;
}

/** The request type a datagram concerns (for labels). */
export function datagramType(d: Datagram): RequestType {
  return d.kind === 'ack' ? d.requestType : d.msg.requestType;
}

/** Reply payload capacity the kernel passes per request type (§1.3); 0 means "no data". */
export function replyCapacityBytes(type: RequestType): number {
  switch (type) {
    case 'DM_ULOG_CTR': return 128;
    case 'DM_ULOG_GET_REGION_SIZE':
    case 'DM_ULOG_IS_CLEAN':
    case 'DM_ULOG_IN_SYNC':
    case 'DM_ULOG_GET_SYNC_COUNT': return 8;
    case 'DM_ULOG_GET_RESYNC_WORK':
    case 'DM_ULOG_IS_REMOTE_RECOVERING': return 16;
    case 'DM_ULOG_STATUS_INFO': return 64;
    default: return 0;
  }
}

/** Bytes of the data area a message carries (8 per payload word, or the text length). */
export function dataSizeBytes(msg: UlogMessage): number {
  return msg.payload.length * 8 + msg.text.length;
}

/** Request types whose replies are booleans the kernel compares with `== 1`. */
export const BOOLEAN_REPLY_TYPES: readonly RequestType[] = ['DM_ULOG_IS_CLEAN', 'DM_ULOG_IN_SYNC'];
