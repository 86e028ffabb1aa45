/**
 * Numbers fixed by the kernel ABI (include/uapi/linux/dm-log-userspace.h, include/linux/connector.h,
 * drivers/md/dm-log-userspace-transfer.c) and by LVM2 cmirrord (daemons/cmirrord/local.c).
 * Research notes: ../shared/research/dmlog.md §1.
 */

/** `sizeof(struct dm_ulog_request)`: the header before the payload. */
export const ULOG_HEADER_SIZE = 160;
/** `DM_UUID_LEN`: the uuid field, NUL included. */
export const UUID_FIELD_SIZE = 129;
/** `sizeof(struct nlmsghdr)`. */
export const NETLINK_HEADER_SIZE = 16;
/** `sizeof(struct cn_msg)` without its data. */
export const CONNECTOR_HEADER_SIZE = 20;
/** Bytes before the `dm_ulog_request` in a netlink datagram. */
export const ENVELOPE_SIZE = NETLINK_HEADER_SIZE + CONNECTOR_HEADER_SIZE;
/** `CN_IDX_DM`. */
export const CN_IDX_DM = 7;
/** `CN_VAL_DM_USERSPACE_LOG`. */
export const CN_VAL_DM_USERSPACE_LOG = 1;
/** `NLMSG_DONE`: the nlmsg_type both ends use. */
export const NLMSG_DONE = 3;
/** `DM_ULOG_REQUEST_MASK`: the low 8 bits of request_type are the type. */
export const REQUEST_TYPE_MASK = 0xff;
/** Highest `DM_ULOG_REQUEST_VERSION` ever sent (3 since Linux 3.14; 0 before 2.6.38). */
export const REQUEST_VERSION_MAX = 3;
/** The kernel's 512-byte send buffer minus cn_msg (20) and the header (160). */
export const REQUEST_PAYLOAD_MAX = 332;
/** `MAX_FLUSH_GROUP_COUNT`: regions per MARK/CLEAR/integrated FLUSH request. */
export const REGION_GROUP_MAX = 32;
/** `DM_NAME_LEN`: the kernel's capacity for a CTR reply (log device name with its NUL). */
export const CTR_REPLY_MAX = 128;
/**
 * Capacity we allow for STATUS_INFO/STATUS_TABLE reply text. The kernel's capacity is the
 * caller's `maxlen`, unknown on the wire, so we take cmirrord's bound instead:
 * `DM_ULOG_REQUEST_SIZE` (1024) covers header plus payload, leaving 864.
 */
export const STATUS_REPLY_MAX = 1024 - ULOG_HEADER_SIZE;

/** The 17 request types, by their kernel names, in numeric order starting at 1. */
export const REQUEST_TYPE_NAMES = [
  'DM_ULOG_CTR',
  'DM_ULOG_DTR',
  'DM_ULOG_PRESUSPEND',
  'DM_ULOG_POSTSUSPEND',
  'DM_ULOG_RESUME',
  'DM_ULOG_GET_REGION_SIZE',
  'DM_ULOG_IS_CLEAN',
  'DM_ULOG_IN_SYNC',
  'DM_ULOG_FLUSH',
  'DM_ULOG_MARK_REGION',
  'DM_ULOG_CLEAR_REGION',
  'DM_ULOG_GET_RESYNC_WORK',
  'DM_ULOG_SET_REGION_SYNC',
  'DM_ULOG_GET_SYNC_COUNT',
  'DM_ULOG_STATUS_INFO',
  'DM_ULOG_STATUS_TABLE',
  'DM_ULOG_IS_REMOTE_RECOVERING',
] as const;

/** A request type's kernel name, e.g. `DM_ULOG_MARK_REGION`. */
export type RequestTypeName = (typeof REQUEST_TYPE_NAMES)[number];

/** Request type numbers by name (`DM_ULOG_CTR` = 1 … `DM_ULOG_IS_REMOTE_RECOVERING` = 17). */
export const RequestType = {
  CTR: 1,
  DTR: 2,
  PRESUSPEND: 3,
  POSTSUSPEND: 4,
  RESUME: 5,
  GET_REGION_SIZE: 6,
  IS_CLEAN: 7,
  IN_SYNC: 8,
  FLUSH: 9,
  MARK_REGION: 10,
  CLEAR_REGION: 11,
  GET_RESYNC_WORK: 12,
  SET_REGION_SYNC: 13,
  GET_SYNC_COUNT: 14,
  STATUS_INFO: 15,
  STATUS_TABLE: 16,
  IS_REMOTE_RECOVERING: 17,
} as const;

/** The kernel name of a masked type number in 1..17, or undefined. */
export function requestTypeName(type: number): RequestTypeName | undefined {
  return REQUEST_TYPE_NAMES[type - 1];
}

/** The type number of a kernel name, or undefined for an unknown name. */
export function requestTypeNumber(name: string): number | undefined {
  const index = (REQUEST_TYPE_NAMES as readonly string[]).indexOf(name);
  return index < 0 ? undefined : index + 1;
}
