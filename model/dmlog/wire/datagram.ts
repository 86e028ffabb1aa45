/**
 * The decoded form of one datagram. Every wire field is kept, lengths included, so that
 * encoding a decoded datagram gives back the same bytes; u64 fields are bigint.
 */

/** Host byte order of the sending machine; the wire format has no fixed order. */
export type ByteOrder = 'little' | 'big';

/** `request` = kernel→daemon, `reply` = daemon→kernel. */
export type Direction = 'request' | 'reply';

/** An s64 flag field that the kernel compares with 1 (LVM2 498747d792c9): only 0 and 1 are valid. */
export type Flag = 0 | 1;

/** `struct nlmsghdr` (16 bytes). */
export interface NetlinkHeader {
  readonly len: number;
  readonly type: number;
  readonly flags: number;
  readonly seq: number;
  readonly pid: number;
  /**
   * Hex of the bytes after `len` up to the end of the datagram: '' (cmirrord sends
   * `NLMSG_LENGTH`, unpadded) or the NLMSG_ALIGN padding (the kernel's skb, zeros).
   */
  readonly alignPad: string;
}

/** `struct cn_msg` without its data (20 bytes). */
export interface ConnectorHeader {
  readonly idx: number;
  readonly val: number;
  readonly seq: number;
  /** Positive errno in an ACK/NACK (`len` 0); 0 otherwise. */
  readonly ack: number;
  readonly len: number;
  readonly flags: number;
}

/** Payload of a request or reply; which kind is valid depends on type, direction and error. */
export type UlogPayload =
  | { readonly kind: 'empty' }
  /** CTR request: the argument string; `nulTerminated` when data_size counts a final NUL. */
  | { readonly kind: 'ctr-args'; readonly args: string; readonly nulTerminated: boolean }
  /** CTR reply: the log device name; data_size counts its NUL. */
  | { readonly kind: 'log-device'; readonly logDevice: string }
  /** IS_CLEAN, IN_SYNC, IS_REMOTE_RECOVERING requests. */
  | { readonly kind: 'region'; readonly region: bigint }
  /** MARK_REGION, CLEAR_REGION, integrated FLUSH requests. */
  | { readonly kind: 'regions'; readonly regions: readonly bigint[] }
  /** SET_REGION_SYNC request. */
  | { readonly kind: 'region-sync'; readonly region: bigint; readonly inSync: Flag }
  /** GET_REGION_SIZE reply, in 512-byte sectors. */
  | { readonly kind: 'region-size'; readonly regionSize: bigint }
  /** IS_CLEAN reply. */
  | { readonly kind: 'clean'; readonly clean: Flag }
  /** IN_SYNC reply. */
  | { readonly kind: 'in-sync'; readonly inSync: Flag }
  /** GET_RESYNC_WORK reply `{int64_t i; uint64_t r}`: i = 1 means recover region r. */
  | { readonly kind: 'resync-work'; readonly i: Flag; readonly r: bigint }
  /** GET_SYNC_COUNT reply. */
  | { readonly kind: 'sync-count'; readonly syncCount: bigint }
  /** STATUS_INFO and STATUS_TABLE replies: latin1 text, a NUL kept if sent. */
  | { readonly kind: 'text'; readonly text: string }
  /** IS_REMOTE_RECOVERING reply. */
  | { readonly kind: 'remote-recovering'; readonly isRecovering: Flag; readonly inSyncHint: bigint };

/** `struct dm_ulog_request` (160 bytes) with its payload. */
export interface UlogRequest {
  readonly luid: bigint;
  /** Bytes before the first NUL, latin1 (one char per byte). */
  readonly uuid: string;
  /** Hex of the uuid bytes after the NUL, trailing zero bytes dropped; '' when all zero. */
  readonly uuidTail: string;
  /** Hex of the 3 padding bytes; '' when all zero. */
  readonly padding: string;
  readonly version: number;
  readonly error: number;
  readonly seq: number;
  /** The raw u32; the type is its low 8 bits. */
  readonly requestType: number;
  readonly dataSize: number;
  readonly payload: UlogPayload;
}

/** Fields every datagram form shares. */
interface DatagramBase {
  readonly byteOrder: ByteOrder;
  readonly direction: Direction;
}

/** A bare `dm_ulog_request` (no netlink envelope). */
export interface BareDatagram extends DatagramBase {
  readonly form: 'bare';
  readonly request: UlogRequest;
}

/** nlmsghdr + cn_msg + `dm_ulog_request`. */
export interface NetlinkDatagram extends DatagramBase {
  readonly form: 'netlink';
  readonly netlink: NetlinkHeader;
  readonly connector: ConnectorHeader;
  readonly request: UlogRequest;
}

/** nlmsghdr + cn_msg with `len` 0: the daemon's ACK/NACK, matched on `connector.seq`. */
export interface AckDatagram extends DatagramBase {
  readonly form: 'ack';
  readonly netlink: NetlinkHeader;
  readonly connector: ConnectorHeader;
}

/** One datagram in any of its three forms. */
export type UlogDatagram = BareDatagram | NetlinkDatagram | AckDatagram;
