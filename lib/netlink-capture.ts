/**
 * Netlink traffic as an nlmon device captures it: each packet starts with a Linux "cooked"
 * header (LINKTYPE_NETLINK and LINKTYPE_LINUX_SLL: 16 bytes; LINKTYPE_LINUX_SLL2: 20 bytes) whose
 * ARPHRD type is ARPHRD_NETLINK, whose protocol field is the netlink family, and whose packet
 * type says which way the message went: the kernel's tap marks a message to a user socket
 * PACKET_USER and one to a kernel socket PACKET_KERNEL (net/netlink/af_netlink.c,
 * __netlink_deliver_tap_skb). After the header come the netlink messages themselves.
 */
import { LINKTYPE_LINUX_SLL, LINKTYPE_LINUX_SLL2, LINKTYPE_NETLINK } from './pcap.js';

/** ARPHRD_NETLINK, the device type of an nlmon interface. */
export const ARPHRD_NETLINK = 824;
/** PACKET_USER: a message the kernel's tap saw going to a user-space socket. */
export const PACKET_USER = 6;
/** PACKET_KERNEL: a message going to a kernel socket. */
export const PACKET_KERNEL = 7;
/** NETLINK_CONNECTOR, the family of dm-log-userspace traffic. */
export const NETLINK_CONNECTOR = 11;

export type NetlinkDirection = 'to-user' | 'to-kernel';

/** One captured packet of netlink traffic: which way it went, its family, its messages' bytes. */
export interface NetlinkPacket {
  readonly direction: NetlinkDirection;
  readonly family: number;
  readonly payload: Uint8Array;
}

/**
 * The netlink packet in one record's bytes, `'not-netlink'` for a packet of another device (an
 * `any` capture holds those), or a string saying what is wrong.
 */
export function netlinkPacketOf(linktype: number, data: Uint8Array): NetlinkPacket | 'not-netlink' | { problem: string } {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const sll2 = linktype === LINKTYPE_LINUX_SLL2;
  const headerBytes = sll2 ? 20 : 16;
  if (data.length < headerBytes) return { problem: `${data.length} bytes, shorter than the ${headerBytes}-byte Linux cooked header` };
  const hatype = view.getUint16(sll2 ? 8 : 2, false);
  if (hatype !== ARPHRD_NETLINK) {
    return linktype === LINKTYPE_NETLINK ? { problem: `its cooked header names device type ${hatype}, not ARPHRD_NETLINK (${ARPHRD_NETLINK})` } : 'not-netlink';
  }
  const packetType = sll2 ? view.getUint8(10) : view.getUint16(0, false);
  const family = view.getUint16(sll2 ? 0 : 14, false);
  if (packetType !== PACKET_USER && packetType !== PACKET_KERNEL) return { problem: `packet type ${packetType} is neither to user space (${PACKET_USER}) nor to the kernel (${PACKET_KERNEL})` };
  return { direction: packetType === PACKET_USER ? 'to-user' : 'to-kernel', family, payload: data.subarray(headerBytes) };
}

/** True for the link types whose records carry a Linux cooked header. */
export function isCookedLinktype(linktype: number): boolean {
  return linktype === LINKTYPE_NETLINK || linktype === LINKTYPE_LINUX_SLL || linktype === LINKTYPE_LINUX_SLL2;
}

/** The 16-byte cooked header nlmon's captures give a message of `family` going `direction`. */
export function cookedNetlinkHeader(direction: NetlinkDirection, family: number): Uint8Array {
  const header = new Uint8Array(16);
  const view = new DataView(header.buffer);
  view.setUint16(0, direction === 'to-user' ? PACKET_USER : PACKET_KERNEL, false);
  view.setUint16(2, ARPHRD_NETLINK, false);
  view.setUint16(14, family, false);
  return header;
}

/**
 * The netlink messages packed in `payload`, each `nlmsg_len` bytes long and aligned to 4 (one
 * for dm-log traffic); a string naming the problem when a length runs past the packet.
 */
export function netlinkMessages(payload: Uint8Array, littleEndian: boolean): Uint8Array[] | string {
  const view = new DataView(payload.buffer, payload.byteOffset, payload.byteLength);
  const messages: Uint8Array[] = [];
  for (let at = 0; at < payload.length; ) {
    if (at + 16 > payload.length) return `a netlink header at byte ${at} is cut short`;
    const length = view.getUint32(at, littleEndian);
    if (length < 16 || at + length > payload.length) return `nlmsg_len ${length} at byte ${at} does not fit the ${payload.length}-byte packet`;
    const aligned = Math.min(payload.length, at + ((length + 3) & ~3));
    messages.push(payload.subarray(at, aligned));
    at = aligned;
  }
  return messages;
}
