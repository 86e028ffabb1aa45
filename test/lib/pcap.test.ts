// Goal: classic pcap files are read in both byte orders and both timestamp resolutions, what sim writes reads back
// record for record, and any other bytes are one InputError line naming the record and byte. Method: fast-check
// round trips, hand-built big-endian and nanosecond files, every truncation of a good file, pinned refusals.
import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import {
  cookedNetlinkHeader, InputError, LINKTYPE_LINUX_SLL2, LINKTYPE_NETLINK, netlinkMessages, netlinkPacketOf, readPcap, writePcap,
} from '../../lib/index.js';

const records = fc.array(
  fc.record({ seconds: fc.nat({ max: 2 ** 32 - 1 }), microseconds: fc.nat({ max: 999_999 }), data: fc.uint8Array({ maxLength: 300 }) }),
  { maxLength: 20 },
);

function refusal(bytes: Uint8Array): string {
  try {
    readPcap(bytes, 'c.pcap');
  } catch (err) {
    expect(err).toBeInstanceOf(InputError);
    return (err as Error).message;
  }
  throw new Error('the bytes were read');
}

/** A one-record file written by hand in the given byte order and resolution. */
function handMade(little: boolean, nano: boolean, data: number[]): Uint8Array {
  const bytes = new Uint8Array(24 + 16 + data.length);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, nano ? 0xa1b23c4d : 0xa1b2c3d4, little);
  view.setUint16(4, 2, little);
  view.setUint16(6, 4, little);
  view.setUint32(16, 65535, little);
  view.setUint32(20, LINKTYPE_NETLINK, little);
  view.setUint32(24, 7, little);
  view.setUint32(28, nano ? 123_456_789 : 123_456, little);
  view.setUint32(32, data.length, little);
  view.setUint32(36, data.length, little);
  bytes.set(data, 40);
  return bytes;
}

describe('readPcap', () => {
  test.prop([records])('reads back what writePcap writes', (written) => {
    const file = readPcap(writePcap(LINKTYPE_NETLINK, written), 'c.pcap');
    expect(file.linktype).toBe(LINKTYPE_NETLINK);
    expect(file.records.map((r) => ({ seconds: r.seconds, microseconds: r.nanoseconds / 1000, data: r.data }))).toEqual(written);
  });

  it.each([[true, false], [false, false], [true, true], [false, true]])('little-endian %s, nanoseconds %s', (little, nano) => {
    const file = readPcap(handMade(little, nano, [1, 2, 3]), 'c.pcap');
    expect(file.littleEndian).toBe(little);
    expect(file.records).toHaveLength(1);
    expect(file.records[0]).toMatchObject({ index: 1, offset: 24, seconds: 7, nanoseconds: nano ? 123_456_789 : 123_456_000, originalLength: 3 });
    expect([...(file.records[0]?.data ?? [])]).toEqual([1, 2, 3]);
  });

  test.prop([records.filter((r) => r.length > 0), fc.nat()])('every truncation is one line naming a record and byte, or a shorter file', (written, at) => {
    const whole = writePcap(LINKTYPE_NETLINK, written);
    const cut = whole.subarray(0, at % whole.length);
    try {
      readPcap(cut, 'c.pcap');
    } catch (err) {
      expect((err as Error).message).toMatch(/^c\.pcap( is |: record \d+ \(byte \d+\) is truncated)/);
    }
  });

  it.each([
    [new Uint8Array([0x0a, 0x0d, 0x0d, 0x0a, 0, 0, 0, 0]), /^c\.pcap is a pcapng capture; sim reads classic pcap: convert it with 'editcap -F pcap c\.pcap OUT\.pcap'/],
    [new TextEncoder().encode('{"action": 1}\n'), /^c\.pcap is not a pcap capture \(no pcap magic number\)$/],
    [new Uint8Array([0xd4, 0xc3, 0xb2, 0xa1, 2, 0]), /^c\.pcap is truncated: its pcap header ends at byte 6 of 24$/],
    [(() => { const b = handMade(true, false, [1]); b[4] = 3; return b; })(), /^c\.pcap is pcap version 3\.4; sim reads version 2$/],
    [(() => { const b = handMade(true, false, [1]); new DataView(b.buffer).setUint32(32, 2 ** 30, true); return b; })(), /^c\.pcap: record 1 \(byte 24\) claims 1073741824 captured bytes, more than any capture holds$/],
    [(() => { const b = handMade(true, false, [1]); new DataView(b.buffer).setUint32(36, 0, true); return b; })(), /^c\.pcap: record 1 \(byte 24\) claims 1 captured bytes of a 0-byte packet$/],
    [(() => { const b = handMade(true, false, [1]); new DataView(b.buffer).setUint32(28, 1_000_000, true); return b; })(), /more than a second$/],
  ])('refuses %#', (bytes, message) => {
    expect(refusal(bytes)).toMatch(message);
  });
});

describe('netlink packets', () => {
  it('reads the cooked header nlmon captures carry: direction, family, then the messages', () => {
    const message = new Uint8Array(20);
    new DataView(message.buffer).setUint32(0, 18, true);
    const data = new Uint8Array([...cookedNetlinkHeader('to-kernel', 11), ...message]);
    const packet = netlinkPacketOf(LINKTYPE_NETLINK, data);
    expect(packet).toMatchObject({ direction: 'to-kernel', family: 11 });
    const messages = netlinkMessages((packet as { payload: Uint8Array }).payload, true);
    expect(messages).toEqual([message]);
  });

  it('reads the SLL2 header of tcpdump -i any, and skips packets of other devices', () => {
    const sll2 = new Uint8Array(20 + 16);
    const view = new DataView(sll2.buffer);
    view.setUint16(0, 11, false);
    view.setUint16(8, 824, false);
    view.setUint8(10, 6);
    view.setUint32(20, 16, true);
    expect(netlinkPacketOf(LINKTYPE_LINUX_SLL2, sll2)).toMatchObject({ direction: 'to-user', family: 11 });
    view.setUint16(8, 1, false);
    expect(netlinkPacketOf(LINKTYPE_LINUX_SLL2, sll2)).toBe('not-netlink');
  });

  it('names what is wrong with a packet that is not netlink as nlmon captures it', () => {
    expect(netlinkPacketOf(LINKTYPE_NETLINK, new Uint8Array(5))).toEqual({ problem: '5 bytes, shorter than the 16-byte Linux cooked header' });
    expect(netlinkPacketOf(LINKTYPE_NETLINK, new Uint8Array(16))).toEqual({ problem: 'its cooked header names device type 0, not ARPHRD_NETLINK (824)' });
    expect(netlinkMessages(new Uint8Array([40, 0, 0, 0, ...new Uint8Array(16)]), true)).toBe('nlmsg_len 40 at byte 0 does not fit the 20-byte packet');
  });
});
