// Goal: the JSON form is what people debugging a real system need: documented field names, defaults for
// hand-written input, and a named rule for every bad field. Method: hand-written JSON objects, checked one by one.
import { describe, expect, it } from 'vitest';
import { decodeDatagram, encodeDatagram, fromJson, toHex, toJson } from '../../../../model/dmlog/wire/index.js';

const minimal = {
  direction: 'request',
  netlink: { seq: 4 },
  connector: { seq: 4 },
  request: { luid: '1', uuid: 'LVM-j', version: 3, seq: 4, type: 'DM_ULOG_CLEAR_REGION', regions: ['3', '18446744073709551615'] },
};

describe('fromJson', () => {
  it('fills lengths, ids and NLMSG_DONE in hand-written JSON', () => {
    const result = fromJson(minimal);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(toJson(result.value)).toEqual({
      byteOrder: 'little', direction: 'request',
      netlink: { len: 212, type: 3, flags: 0, seq: 4, pid: 0 },
      connector: { idx: 7, val: 1, seq: 4, ack: 0, len: 176, flags: 0 },
      request: {
        luid: '1', uuid: 'LVM-j', version: 3, error: 0, seq: 4, requestType: 11, type: 'DM_ULOG_CLEAR_REGION',
        dataSize: 16, regions: ['3', '18446744073709551615'],
      },
    });
  });

  it('reads a bare reply with its payload fields', () => {
    const result = fromJson({
      direction: 'reply', byteOrder: 'big',
      request: { luid: '0', uuid: 'u', version: 3, seq: 1, requestType: 17, isRecovering: 1, inSyncHint: '40' },
    });
    expect(result).toMatchObject({ ok: true, value: { form: 'bare', request: { payload: { kind: 'remote-recovering', isRecovering: 1, inSyncHint: 40n } } } });
  });

  it('reads an ACK (netlink and connector, no request)', () => {
    const result = fromJson({ direction: 'reply', netlink: { pid: 7 }, connector: { seq: 3, ack: 11 } });
    expect(result).toMatchObject({ ok: true, value: { form: 'ack', connector: { len: 0, ack: 11 } } });
  });

  it.each([
    [{ ...minimal, extra: 1 }, '$.extra: unknown field'],
    [{ ...minimal, request: { ...minimal.request, regions: [-1] } }, '$.request.regions[0]'],
    [{ ...minimal, request: { ...minimal.request, luid: '18446744073709551616' } }, '$.request.luid'],
    [{ ...minimal, request: { ...minimal.request, requestType: 10 } }, '$.request.type'],
    [{ ...minimal, request: { ...minimal.request, region: '1' } }, '$.request.region: unknown field'],
    [{ ...minimal, request: { ...minimal.request, uuid: 'é\u0100' } }, '$.request.uuid'],
    [{ ...minimal, request: { ...minimal.request, padding: '0001' } }, '$.request.padding'],
    [{ ...minimal, connector: undefined }, '$.connector: missing'],
    [{ ...minimal, netlink: { seq: 2 ** 32 } }, '$.netlink.seq'],
    [[], '$: expected an object'],
  ])('rejects %j with json-field naming the path', (json, path) => {
    const result = fromJson(json);
    expect(result).toMatchObject({ ok: false, rule: 'json-field' });
    if (!result.ok) expect(result.message).toContain(path);
  });

  it('rejects protocol errors under the decoder\'s rule ids', () => {
    const tooMany = Array.from({ length: 33 }, (_, i) => String(i));
    expect(fromJson({ ...minimal, request: { ...minimal.request, regions: tooMany } })).toMatchObject({ ok: false, rule: 'region-count' });
    expect(fromJson({ ...minimal, request: { ...minimal.request, dataSize: 8 } })).toMatchObject({ ok: false, rule: 'data-size-underrun' });
    expect(fromJson({ direction: 'reply', request: { luid: '0', uuid: '', version: 3, seq: 1, type: 'DM_ULOG_IN_SYNC', inSync: 1, error: -5 } }))
      .toMatchObject({ ok: false, rule: 'reply-error-with-data' });
  });

  it('keeps non-canonical bytes only through their fields: uuid tail, padding, alignPad', () => {
    const json = {
      direction: 'reply',
      netlink: { len: 201, alignPad: '010203' },
      connector: { len: 165 },
      request: { luid: '0', uuid: 'ab', uuidTail: '00ff', padding: 'aabbcc', version: 3, seq: 1, type: 'DM_ULOG_STATUS_INFO', text: 'ok\0x\0' },
    };
    const result = fromJson(json);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const bytes = encodeDatagram(result.value);
    expect(toHex(bytes).endsWith('6f6b0078' + '00' + '010203')).toBe(true);
    const again = decodeDatagram(bytes, { direction: 'reply' });
    expect(again.ok && toJson(again.value)).toEqual({ ...json, byteOrder: 'little', netlink: { len: 201, type: 3, flags: 0, seq: 0, pid: 0, alignPad: '010203' }, connector: { idx: 7, val: 1, seq: 0, ack: 0, len: 165, flags: 0 }, request: { ...json.request, error: 0, requestType: 15, dataSize: 5 } });
  });
});
