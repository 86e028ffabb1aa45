// Goal: pin the byte layout against hand-computed hex (offsets of §1.1/§1.2), one message per envelope
// form, little- and big-endian. Method: expected hex is written field by field here, not taken from the encoder.
import { describe, expect, it } from 'vitest';
import { decodeDatagram, encodeDatagram, fromHex, toHex, toJson, type UlogDatagram } from '../../../../model/dmlog/wire/index.js';

function hex(...fields: string[]): string {
  return fields.join('').replace(/\s+/g, '');
}

/** uuid field (129 bytes) + padding (3 bytes): the text, then zeros. */
function uuidAndPadding(text: string): string {
  const ascii = [...text].map((c) => c.charCodeAt(0).toString(16).padStart(2, '0')).join('');
  return ascii + '00'.repeat(132 - text.length);
}

function bytes(text: string): Uint8Array {
  const parsed = fromHex(text);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.value;
}

describe('kernel MARK_REGION request in its netlink envelope, little-endian', () => {
  const expected = hex(
    'cc000000 0300 0000 2a000000 00000000', // nlmsghdr: len 204, NLMSG_DONE, flags 0, seq 42, pid 0
    '07000000 01000000 2a000000 00000000 a800 0000', // cn_msg: idx 7, val 1, seq 42, ack 0, len 168, flags 0
    '0807060504030201', // luid 0x0102030405060708
    uuidAndPadding('LVM-x'),
    '03000000 00000000 2a000000 0a000000 08000000', // version 3, error 0, seq 42, MARK_REGION, data_size 8
    '0500000000000000', // region 5
  );
  const datagram: UlogDatagram = {
    form: 'netlink', byteOrder: 'little', direction: 'request',
    netlink: { len: 204, type: 3, flags: 0, seq: 42, pid: 0, alignPad: '' },
    connector: { idx: 7, val: 1, seq: 42, ack: 0, len: 168, flags: 0 },
    request: {
      luid: 0x0102030405060708n, uuid: 'LVM-x', uuidTail: '', padding: '', version: 3, error: 0, seq: 42,
      requestType: 10, dataSize: 8, payload: { kind: 'regions', regions: [5n] },
    },
  };

  it('encodes to the hand-computed bytes', () => {
    expect(toHex(encodeDatagram(datagram))).toBe(expected);
  });

  it('decodes from them', () => {
    expect(decodeDatagram(bytes(expected))).toEqual({ ok: true, value: datagram });
  });

  it('prints the documented JSON', () => {
    expect(toJson(datagram)).toEqual({
      byteOrder: 'little', direction: 'request',
      netlink: { len: 204, type: 3, flags: 0, seq: 42, pid: 0 },
      connector: { idx: 7, val: 1, seq: 42, ack: 0, len: 168, flags: 0 },
      request: {
        luid: '72623859790382856', uuid: 'LVM-x', version: 3, error: 0, seq: 42,
        requestType: 10, type: 'DM_ULOG_MARK_REGION', dataSize: 8, regions: ['5'],
      },
    });
  });
});

describe('bare GET_RESYNC_WORK reply, big-endian', () => {
  const expected = hex(
    '0102030405060708',
    uuidAndPadding('u'),
    '00000003 00000000 00000007 0000000c 00000010', // version 3, error 0, seq 7, GET_RESYNC_WORK, data_size 16
    '0000000000000001 0000000000000009', // i = 1, r = 9
  );
  const datagram: UlogDatagram = {
    form: 'bare', byteOrder: 'big', direction: 'reply',
    request: {
      luid: 0x0102030405060708n, uuid: 'u', uuidTail: '', padding: '', version: 3, error: 0, seq: 7,
      requestType: 12, dataSize: 16, payload: { kind: 'resync-work', i: 1, r: 9n },
    },
  };

  it('round-trips through the hand-computed bytes', () => {
    expect(toHex(encodeDatagram(datagram))).toBe(expected);
    expect(decodeDatagram(bytes(expected), { direction: 'reply', byteOrder: 'big', envelope: 'bare' })).toEqual({ ok: true, value: datagram });
  });

  it('is rejected when read as little-endian (data_size 0x10000000)', () => {
    const result = decodeDatagram(bytes(expected), { direction: 'reply', envelope: 'bare' });
    expect(result).toMatchObject({ ok: false, rule: 'data-size-overrun', offset: 156 });
  });
});

describe('cmirrord ACK/NACK (kernel_ack(seq 18, EAGAIN)), little-endian', () => {
  const expected = hex('24000000 0300 0000 00000000 d2040000', '07000000 01000000 12000000 0b000000 0000 0000');
  const datagram: UlogDatagram = {
    form: 'ack', byteOrder: 'little', direction: 'reply',
    netlink: { len: 36, type: 3, flags: 0, seq: 0, pid: 1234, alignPad: '' },
    connector: { idx: 7, val: 1, seq: 18, ack: 11, len: 0, flags: 0 },
  };

  it('round-trips through the hand-computed bytes', () => {
    expect(toHex(encodeDatagram(datagram))).toBe(expected);
    expect(decodeDatagram(bytes(expected), { direction: 'reply' })).toEqual({ ok: true, value: datagram });
  });

  it('is refused as a kernel request', () => {
    expect(decodeDatagram(bytes(expected))).toMatchObject({ ok: false, rule: 'ack-in-request' });
  });
});

describe('CTR reply naming the log device, big-endian, with and without NLMSG_ALIGN padding', () => {
  const unpadded = hex(
    '000000ca 0003 0000 00000000 00000064', // nlmsghdr: len 202, NLMSG_DONE, pid 100
    '00000007 00000001 00000000 00000000 00a6 0000', // cn_msg: len 166
    '0000000000000000', // luid 0 (cmirrord's wildcard)
    uuidAndPadding('LVM-y'),
    '00000002 00000000 00000001 00000001 00000006', // version 2, error 0, seq 1, CTR, data_size 6
    '3235333a3300', // "253:3\0"
  );
  const base = {
    byteOrder: 'big', direction: 'reply', form: 'netlink',
    connector: { idx: 7, val: 1, seq: 0, ack: 0, len: 166, flags: 0 },
    request: {
      luid: 0n, uuid: 'LVM-y', uuidTail: '', padding: '', version: 2, error: 0, seq: 1,
      requestType: 1, dataSize: 6, payload: { kind: 'log-device', logDevice: '253:3' },
    },
  } as const;

  it('as cmirrord sends it: NLMSG_LENGTH bytes, no padding', () => {
    const datagram: UlogDatagram = { ...base, netlink: { len: 202, type: 3, flags: 0, seq: 0, pid: 100, alignPad: '' } };
    expect(toHex(encodeDatagram(datagram))).toBe(unpadded);
    expect(decodeDatagram(bytes(unpadded), { direction: 'reply', byteOrder: 'big' })).toEqual({ ok: true, value: datagram });
    expect(toJson(datagram)['netlink']).toEqual({ len: 202, type: 3, flags: 0, seq: 0, pid: 100, alignPad: '' });
  });

  it('padded to a multiple of 4, as a netlink skb carries it', () => {
    const datagram: UlogDatagram = { ...base, netlink: { len: 202, type: 3, flags: 0, seq: 0, pid: 100, alignPad: '0000' } };
    expect(toHex(encodeDatagram(datagram))).toBe(`${unpadded}0000`);
    expect(toJson(datagram)['netlink']).toEqual({ len: 202, type: 3, flags: 0, seq: 0, pid: 100 });
  });
});

describe('error reply and header oddities, little-endian bare', () => {
  it('keeps a negative error, uuid bytes after the NUL and non-zero padding', () => {
    const expected = hex(
      '0100000000000000',
      '616200 ff00 ee', '00'.repeat(129 - 6), // uuid "ab", NUL, tail ff 00 ee
      '000001', // padding
      '01000000 f5ffffff 03000000 11000000 00000000', // version 1, error -11 (EAGAIN), seq 3, IS_REMOTE_RECOVERING, 0
    );
    const datagram: UlogDatagram = {
      form: 'bare', byteOrder: 'little', direction: 'reply',
      request: {
        luid: 1n, uuid: 'ab', uuidTail: 'ff00ee', padding: '000001', version: 1, error: -11, seq: 3,
        requestType: 17, dataSize: 0, payload: { kind: 'empty' },
      },
    };
    expect(toHex(encodeDatagram(datagram))).toBe(expected);
    expect(decodeDatagram(bytes(expected), { direction: 'reply', envelope: 'bare' })).toEqual({ ok: true, value: datagram });
    expect(toJson(datagram)['request']).toMatchObject({ uuid: 'ab', uuidTail: 'ff00ee', padding: '000001', error: -11 });
  });
});
