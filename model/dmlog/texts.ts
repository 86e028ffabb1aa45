/**
 * The ASCII the protocol carries for the model's mirror: a clustered-disk log on device 253:2,
 * region size 1024 sectors, as LVM2 v2_03_39 writes the table (libdm-deptree.c
 * _mirror_emit_segment_line: "userspace <n> <uuid> clustered-disk <logdev> <region_size>"; with
 * handle_errors, block_on_error is a mirror feature, not a log argument).
 */
import type { DmlogParams } from './params.js';

/** The log device, as the table names it and cmirrord's CTR reply returns it. */
export const LOG_DEVICE = '253:2';

/** The constructor string the kernel sends (build_constructor_string): "<target sectors> <log args>", no NUL. */
export function ctrString(p: DmlogParams): string {
  return `${p.regions * 1024} clustered-disk ${LOG_DEVICE} 1024`;
}

/** The string as userspace_do_request's reconnect sends it: strlen + 1 bytes, the NUL included. */
export function savedCtrString(p: DmlogParams): string {
  return `${ctrString(p)}\u0000`;
}

/** clog_ctr's reply for request version > 1 and clustered-disk: argv[1] and its NUL. */
export const CTR_REPLY_TEXT = `${LOG_DEVICE}\u0000`;

/** disk_status_table: "clustered-disk <major>:<minor> <region_size> " (no sync flag, no block_on_error). */
export const STATUS_TABLE_TEXT = `clustered-disk ${LOG_DEVICE} 1024 `;

/** disk_status_info: "3 clustered-disk <major>:<minor> <A|D>", D once a disk log write failed. */
export function statusInfoText(failed: boolean): string {
  return `3 clustered-disk ${LOG_DEVICE} ${failed ? 'D' : 'A'}`;
}
