// Goal: every rule of WIRE_RULES is reachable, is named with its id, and a datagram breaking several rules
// names the first in table order. Method: hand-built datagrams, each breaking chosen rules, decoded and compared.
import { describe, expect, it } from 'vitest';
import {
  WIRE_RULES, decodeDatagram, encodeDatagram, fromHex, fromJson, type DecodeOptions, type UlogDatagram,
  type UlogPayload, type UlogRequest, type WireRuleId,
} from '../../../../model/dmlog/wire/index.js';

function request(fields: Partial<UlogRequest> = {}): UlogRequest {
  return {
    luid: 7n, uuid: 'LVM-r', uuidTail: '', padding: '', version: 3, error: 0, seq: 9,
    requestType: 10, dataSize: 8, payload: { kind: 'regions', regions: [1n] }, ...fields,
  };
}

/** A request or reply with `payload`, data_size computed from the payload. */
function typed(requestType: number, payload: UlogPayload, fields: Partial<UlogRequest> = {}): UlogRequest {
  const size = encodeDatagram({ form: 'bare', byteOrder: 'little', direction: 'request', request: request({ payload }) }).length - 160;
  return request({ requestType, payload, dataSize: size, ...fields });
}

/** `body` in a netlink envelope whose lengths match the bytes actually written. */
function netlink(body: UlogRequest, patch: { nl?: object; cn?: object } = {}): UlogDatagram {
  const len = encodeDatagram({ form: 'bare', byteOrder: 'little', direction: 'request', request: body }).length;
  return {
    form: 'netlink', byteOrder: 'little', direction: 'request',
    netlink: { len: 36 + len, type: 3, flags: 0, seq: 0, pid: 0, alignPad: '', ...patch.nl },
    connector: { idx: 7, val: 1, seq: 9, ack: 0, len, flags: 0, ...patch.cn },
    request: body,
  };
}

function ruleOf(bytes: Uint8Array, options: DecodeOptions = {}): string {
  const result = decodeDatagram(bytes, options);
  return result.ok ? 'accepted' : result.rule;
}

const reply: DecodeOptions = { direction: 'reply' };
const bare: DecodeOptions = { envelope: 'bare' };
const valid = encodeDatagram(netlink(request()));

/** One datagram per rule that breaks that rule first. */
const cases: ReadonlyArray<readonly [WireRuleId, Uint8Array, DecodeOptions?]> = [
  ['netlink-header-short', valid.subarray(0, 15)],
  ['netlink-length-small', encodeDatagram(netlink(request(), { nl: { len: 35 } }))],
  ['netlink-length-overrun', valid.subarray(0, valid.length - 1)],
  ['netlink-trailing-bytes', Uint8Array.from([...valid, 0, 0, 0, 0])],
  ['connector-id', encodeDatagram(netlink(request(), { cn: { idx: 8 } }))],
  ['connector-length', encodeDatagram(netlink(request(), { cn: { len: 167 } }))],
  ['ack-in-request', encodeDatagram({ form: 'ack', byteOrder: 'little', direction: 'request', netlink: { len: 36, type: 3, flags: 0, seq: 0, pid: 0, alignPad: '' }, connector: { idx: 7, val: 1, seq: 1, ack: 0, len: 0, flags: 0 } })],
  ['connector-incomplete', encodeDatagram(netlink(request(), { cn: { len: 159 }, nl: { len: 36 + 159 } })).subarray(0, 36 + 159)],
  ['header-short', valid.subarray(36, 36 + 159), bare],
  ['data-size-overrun', encodeDatagram(netlink(request({ dataSize: 16 })))],
  ['data-size-underrun', encodeDatagram(netlink(request({ dataSize: 0 })))],
  ['uuid-unterminated', encodeDatagram(netlink(request({ uuid: 'x'.repeat(129) })))],
  ['request-type-unknown', encodeDatagram(netlink(request({ requestType: 0x100 })))],
  ['version-unknown', encodeDatagram(netlink(request({ version: 4 })))],
  ['request-error', encodeDatagram(netlink(request({ error: -5 })))],
  ['request-payload-limit', encodeDatagram(netlink(typed(1, { kind: 'ctr-args', args: 'a'.repeat(333), nulTerminated: false })))],
  ['reply-error-positive', encodeDatagram(netlink(typed(2, { kind: 'empty' }, { error: 5 }))), reply],
  ['reply-error-with-data', encodeDatagram(netlink(typed(6, { kind: 'region-size', regionSize: 8n }, { error: -5 }))), reply],
  ['reply-capacity', encodeDatagram(netlink(typed(10, { kind: 'regions', regions: [1n] }))), reply],
  ['payload-size', encodeDatagram(netlink(typed(6, { kind: 'text', text: 'abcd' }))), reply],
  ['region-count', encodeDatagram(netlink(typed(11, { kind: 'regions', regions: Array.from({ length: 33 }, () => 1n) })))],
  ['flush-marks-version', encodeDatagram(netlink(typed(9, { kind: 'regions', regions: [1n] }, { version: 2 })))],
  ['ctr-args-nul', encodeDatagram(netlink(typed(1, { kind: 'ctr-args', args: 'a\0b', nulTerminated: true })))],
  ['ctr-reply-nul', encodeDatagram(netlink(typed(1, { kind: 'text', text: '253:3' }))), reply],
  ['flag-value', encodeDatagram(netlink(typed(8, { kind: 'region-size', regionSize: 2n }))), reply],
];

describe('each rule', () => {
  it('the valid base datagram is accepted', () => {
    expect(ruleOf(valid)).toBe('accepted');
  });

  for (const [rule, bytes, options] of cases) {
    it(`${rule} is reported`, () => {
      expect(ruleOf(bytes, options)).toBe(rule);
    });
  }

  it('covers every decoder rule of the table (hex-text and json-field are input-form rules)', () => {
    const decoderRules = WIRE_RULES.map((r) => r.id).filter((id) => id !== 'hex-text' && id !== 'json-field');
    expect(cases.map(([rule]) => rule)).toEqual(decoderRules);
  });

  it('hex-text and json-field', () => {
    expect(fromHex('abc')).toMatchObject({ ok: false, rule: 'hex-text' });
    expect(fromJson({ request: { uuid: 5 } })).toMatchObject({ ok: false, rule: 'json-field' });
  });
});

describe('the first broken rule is named', () => {
  it('connector-id before a bad request inside', () => {
    expect(ruleOf(encodeDatagram(netlink(request({ version: 9 }), { cn: { val: 2 } })))).toBe('connector-id');
  });

  it('uuid-unterminated before request-type-unknown before version-unknown', () => {
    expect(ruleOf(encodeDatagram(netlink(request({ uuid: 'x'.repeat(129), requestType: 0, version: 9 }))))).toBe('uuid-unterminated');
    expect(ruleOf(encodeDatagram(netlink(request({ requestType: 0, version: 9 }))))).toBe('request-type-unknown');
  });

  it('reply-error-with-data before reply-capacity', () => {
    const bytes = encodeDatagram(netlink(typed(10, { kind: 'regions', regions: [1n] }, { error: -5 })));
    expect(ruleOf(bytes, reply)).toBe('reply-error-with-data');
  });

  it('region-count before flush-marks-version', () => {
    const bytes = encodeDatagram(netlink(typed(9, { kind: 'regions', regions: Array.from({ length: 40 }, () => 1n) }, { version: 1 })));
    expect(ruleOf(bytes)).toBe('region-count');
  });

  it('a failure carries the offset of the offending field', () => {
    expect(decodeDatagram(encodeDatagram(netlink(request({ version: 4 }))))).toMatchObject({ ok: false, offset: 36 + 140 });
  });
});

describe('what stays valid', () => {
  it('request_type with upper bits set is read through DM_ULOG_REQUEST_MASK', () => {
    expect(ruleOf(encodeDatagram(netlink(request({ requestType: 0xabcd00 + 10 }))))).toBe('accepted');
  });

  it('version 0 (pre-versioned kernel) and a plain FLUSH from any version', () => {
    expect(ruleOf(encodeDatagram(netlink(typed(9, { kind: 'empty' }, { version: 0 }))))).toBe('accepted');
  });

  it('a CTR string with and without its NUL (first CTR vs ESRCH resend)', () => {
    for (const nulTerminated of [false, true]) {
      const bytes = encodeDatagram(netlink(typed(1, { kind: 'ctr-args', args: '2048 clustered-disk 4 253:2 1024 UUID block_on_error', nulTerminated })));
      expect(ruleOf(bytes)).toBe('accepted');
    }
  });

  it('an empty CTR reply (no log device) and an error reply of any type', () => {
    expect(ruleOf(encodeDatagram(netlink(typed(1, { kind: 'empty' }))), reply)).toBe('accepted');
    expect(ruleOf(encodeDatagram(netlink(typed(12, { kind: 'empty' }, { error: -22 }))), reply)).toBe('accepted');
  });

  it('a STATUS_INFO reply up to cmirrord\'s 1024-byte message, and not beyond', () => {
    const at = (n: number): string => ruleOf(encodeDatagram(netlink(typed(15, { kind: 'text', text: 's'.repeat(n) }))), reply);
    expect(at(864)).toBe('accepted');
    expect(at(865)).toBe('reply-capacity');
  });

  it('a CTR reply of 128 bytes with its NUL, and not 129', () => {
    const at = (n: number): string => ruleOf(encodeDatagram(netlink(typed(1, { kind: 'log-device', logDevice: 'd'.repeat(n) }))), reply);
    expect(at(127)).toBe('accepted');
    expect(at(128)).toBe('reply-capacity');
  });

  it('a 332-byte request payload, and not 333', () => {
    const at = (n: number): string => ruleOf(encodeDatagram(netlink(typed(1, { kind: 'ctr-args', args: 'a'.repeat(n), nulTerminated: false }))));
    expect(at(332)).toBe('accepted');
    expect(at(333)).toBe('request-payload-limit');
  });
});
