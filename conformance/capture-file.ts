/**
 * A pcap capture of an nlmon device as a log of the dmlog model: each dm-log-userspace datagram
 * (netlink family NETLINK_CONNECTOR, connector id CN_IDX_DM/CN_VAL_DM_USERSPACE_LOG) is one event,
 * the delivery of that datagram (model/dmlog/capture.ts); every other packet is skipped and
 * counted. A capture is data: reading it runs nothing, and a datagram that breaks a wire rule is
 * named (record, byte, rule) as bad input.
 */
import {
  InputError, isCookedLinktype, NETLINK_CONNECTOR, netlinkMessages, netlinkPacketOf, readPcap, type PcapRecord,
} from '../lib/index.js';
import { CN_IDX_DM, CN_VAL_DM_USERSPACE_LOG, decodeDatagram } from '../model/dmlog/wire/index.js';
import {
  capturedActionPattern, capturedMatches, capturedOf, describeCaptured, isCapturedStep, type CapturedDatagram,
} from '../model/dmlog/capture.js';
import type { DmlogAction, DmlogState } from '../model/dmlog/index.js';
import type { LogEvent, ObservedLog } from './events.js';

/** The first bytes of a classic pcap file (either byte order, either resolution) or of a pcapng one. */
export function looksLikeCapture(bytes: Uint8Array): boolean {
  if (bytes.length < 4) return false;
  const magic = ((bytes[0] as number) << 24 | (bytes[1] as number) << 16 | (bytes[2] as number) << 8 | (bytes[3] as number)) >>> 0;
  return [0xa1b2c3d4, 0xd4c3b2a1, 0xa1b23c4d, 0x4d3cb2a1, 0x0a0d0d0a].includes(magic);
}

const SKIP_NOT_NETLINK = 'packets of other devices';
const SKIP_FAMILY = 'messages of other netlink families';
const SKIP_CONNECTOR = 'connector messages of other users';

/** The dm-log datagrams of the capture `bytes` (file `name`) as log events, and what was skipped. */
export function readCapture(bytes: Uint8Array, name: string): ObservedLog {
  const pcap = readPcap(bytes, name);
  if (!isCookedLinktype(pcap.linktype)) {
    throw new InputError(`${name} has link type ${pcap.linktype}; a netlink capture has LINKTYPE_NETLINK (253), from an nlmon device`);
  }
  const events: LogEvent[] = [];
  const skipped: Record<string, number> = {};
  const skip = (why: string): void => void (skipped[why] = (skipped[why] ?? 0) + 1);
  for (const record of pcap.records) {
    const where = `${name}: record ${record.index} (byte ${record.offset})`;
    if (record.originalLength > record.data.length) throw new InputError(`${where} was cut to ${record.data.length} of ${record.originalLength} bytes by the snap length; capture with tcpdump -s 0`);
    const packet = netlinkPacketOf(pcap.linktype, record.data);
    if (packet === 'not-netlink') skip(SKIP_NOT_NETLINK);
    else if ('problem' in packet) throw new InputError(`${where}: ${packet.problem}`);
    else if (packet.family !== NETLINK_CONNECTOR) skip(SKIP_FAMILY);
    else {
      const messages = netlinkMessages(packet.payload, pcap.littleEndian);
      if (typeof messages === 'string') throw new InputError(`${where}: ${messages}`);
      for (const message of messages) {
        const captured = dmlogDatagram(message, packet.direction === 'to-user' ? 'request' : 'reply', pcap.littleEndian, where);
        if (captured === undefined) skip(SKIP_CONNECTOR);
        else events.push(eventOf(captured, record));
      }
    }
  }
  if (events.length === 0) {
    const seen = Object.entries(skipped).map(([why, n]) => `${n} ${why}`).join(', ') || 'no packets';
    throw new InputError(`${name} holds no dm-log-userspace datagram (${seen}); see README "Checking an implementation" on capturing NETLINK_CONNECTOR traffic`);
  }
  return { events, skipped, observable: (a) => isCapturedStep(a as DmlogAction), model: 'dmlog' };
}

/** The dm-log datagram in one netlink message, undefined for another connector user's message. */
function dmlogDatagram(message: Uint8Array, direction: 'request' | 'reply', littleEndian: boolean, where: string): CapturedDatagram | undefined {
  const view = new DataView(message.buffer, message.byteOffset, message.byteLength);
  if (message.length < 24 || view.getUint32(16, littleEndian) !== CN_IDX_DM || view.getUint32(20, littleEndian) !== CN_VAL_DM_USERSPACE_LOG) return undefined;
  const decoded = decodeDatagram(message, { direction, byteOrder: littleEndian ? 'little' : 'big', envelope: 'netlink' });
  if (!decoded.ok) throw new InputError(`${where}: a dm-log datagram that breaks the wire rule ${decoded.rule}: ${decoded.message}${decoded.offset === undefined ? '' : ` at byte ${decoded.offset} of it`}`);
  return capturedOf(decoded.value);
}

function eventOf(c: CapturedDatagram, record: PcapRecord): LogEvent {
  return {
    line: record.index,
    where: `record ${record.index}`,
    text: describeCaptured(c),
    action: capturedActionPattern(c),
    step: (before, action) => capturedMatches(c, before as DmlogState, action as DmlogAction),
  };
}
