/**
 * Classic pcap files (the libpcap format tcpdump writes with -w): a 24-byte global header, then
 * records of a 16-byte header and the captured bytes. Both byte orders and both timestamp
 * resolutions (micro- and nanoseconds) are read; files are written little-endian with
 * microseconds. Whatever the bytes, reading gives the records or one InputError line naming the
 * record and byte offset. pcapng (tcpdump's and Wireshark's newer format) is refused with the
 * command that converts it: its block structure is a second format for a single feature.
 */
import { InputError } from './errors.js';

/** LINKTYPE_NETLINK: a netlink message after a 16-byte Linux cooked header (nlmon devices). */
export const LINKTYPE_NETLINK = 253;
/** LINKTYPE_LINUX_SLL: the Linux cooked header (tcpdump -i any, older libpcap). */
export const LINKTYPE_LINUX_SLL = 113;
/** LINKTYPE_LINUX_SLL2: the 20-byte cooked header of tcpdump -i any since libpcap 1.10. */
export const LINKTYPE_LINUX_SLL2 = 276;

const MAGIC_MICRO = 0xa1b2c3d4;
const MAGIC_NANO = 0xa1b23c4d;
const PCAPNG_MAGIC = 0x0a0d0d0a;
const GLOBAL_HEADER_BYTES = 24;
const RECORD_HEADER_BYTES = 16;
/** Larger than any packet libpcap captures (its largest snap length is 256 KiB). */
const RECORD_BYTES_MAX = 256 * 1024;

export interface PcapRecord {
  /** 1-based position in the file, for messages. */
  readonly index: number;
  /** Byte offset of the record header in the file. */
  readonly offset: number;
  readonly seconds: number;
  /** The fraction of the second, in nanoseconds whatever the file's resolution. */
  readonly nanoseconds: number;
  /** Length of the packet on the wire; more than `data.length` when the snap length cut it. */
  readonly originalLength: number;
  readonly data: Uint8Array;
}

export interface PcapFile {
  /** The link-layer header type of every record (LINKTYPE_*). */
  readonly linktype: number;
  readonly littleEndian: boolean;
  readonly nanosecond: boolean;
  readonly records: readonly PcapRecord[];
}

/** The records of the pcap file `name`; throws InputError with one line for anything else. */
export function readPcap(bytes: Uint8Array, name: string): PcapFile {
  if (bytes.length < 4) throw new InputError(`${name} is not a pcap capture: ${bytes.length} bytes`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const magicBig = view.getUint32(0, false);
  if (magicBig === PCAPNG_MAGIC) {
    throw new InputError(`${name} is a pcapng capture; sim reads classic pcap: convert it with 'editcap -F pcap ${name} OUT.pcap' (or 'tcpdump -r ${name} -w OUT.pcap')`);
  }
  const magicLittle = view.getUint32(0, true);
  const littleEndian = magicLittle === MAGIC_MICRO || magicLittle === MAGIC_NANO;
  if (!littleEndian && magicBig !== MAGIC_MICRO && magicBig !== MAGIC_NANO) throw new InputError(`${name} is not a pcap capture (no pcap magic number)`);
  const nanosecond = (littleEndian ? magicLittle : magicBig) === MAGIC_NANO;
  if (bytes.length < GLOBAL_HEADER_BYTES) throw new InputError(`${name} is truncated: its pcap header ends at byte ${bytes.length} of 24`);
  const major = view.getUint16(4, littleEndian);
  if (major !== 2) throw new InputError(`${name} is pcap version ${major}.${view.getUint16(6, littleEndian)}; sim reads version 2`);
  // The upper bits of the link type field carry FCS information, not the type.
  const linktype = view.getUint32(20, littleEndian) & 0x0fffffff;
  const records: PcapRecord[] = [];
  for (let offset = GLOBAL_HEADER_BYTES; offset < bytes.length; ) {
    const record = readRecord(bytes, view, offset, records.length + 1, littleEndian, nanosecond, name);
    records.push(record);
    offset += RECORD_HEADER_BYTES + record.data.length;
  }
  return { linktype, littleEndian, nanosecond, records };
}

function readRecord(bytes: Uint8Array, view: DataView, offset: number, index: number, little: boolean, nano: boolean, name: string): PcapRecord {
  const where = `${name}: record ${index} (byte ${offset})`;
  if (offset + RECORD_HEADER_BYTES > bytes.length) throw new InputError(`${where} is truncated: its header ends past the end of the file`);
  const seconds = view.getUint32(offset, little);
  const fraction = view.getUint32(offset + 4, little);
  const captured = view.getUint32(offset + 8, little);
  const originalLength = view.getUint32(offset + 12, little);
  if (fraction >= (nano ? 1e9 : 1e6)) throw new InputError(`${where} has a timestamp fraction of ${fraction}, more than a second`);
  if (captured > RECORD_BYTES_MAX) throw new InputError(`${where} claims ${captured} captured bytes, more than any capture holds`);
  if (offset + RECORD_HEADER_BYTES + captured > bytes.length) throw new InputError(`${where} is truncated: it claims ${captured} bytes, the file has ${bytes.length - offset - RECORD_HEADER_BYTES} left`);
  if (originalLength < captured) throw new InputError(`${where} claims ${captured} captured bytes of a ${originalLength}-byte packet`);
  const start = offset + RECORD_HEADER_BYTES;
  return { index, offset, seconds, nanoseconds: nano ? fraction : fraction * 1000, originalLength, data: bytes.subarray(start, start + captured) };
}

/** A record to write: its time and bytes (never cut: the original length is the data's). */
export interface PcapOutRecord {
  readonly seconds: number;
  readonly microseconds: number;
  readonly data: Uint8Array;
}

/** A classic pcap file, little-endian, microsecond timestamps, snap length 262,144. */
export function writePcap(linktype: number, records: readonly PcapOutRecord[]): Uint8Array {
  const size = GLOBAL_HEADER_BYTES + records.reduce((n, r) => n + RECORD_HEADER_BYTES + r.data.length, 0);
  const bytes = new Uint8Array(size);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, MAGIC_MICRO, true);
  view.setUint16(4, 2, true);
  view.setUint16(6, 4, true);
  view.setUint32(16, RECORD_BYTES_MAX, true);
  view.setUint32(20, linktype, true);
  let offset = GLOBAL_HEADER_BYTES;
  for (const r of records) {
    view.setUint32(offset, r.seconds, true);
    view.setUint32(offset + 4, r.microseconds, true);
    view.setUint32(offset + 8, r.data.length, true);
    view.setUint32(offset + 12, r.data.length, true);
    bytes.set(r.data, offset + RECORD_HEADER_BYTES);
    offset += RECORD_HEADER_BYTES + r.data.length;
  }
  return bytes;
}
