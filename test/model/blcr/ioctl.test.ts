// Goal: the BLCR ioctl table matches research/blcr.md §4 exactly, as _IO/_IOW/_IOR/_IOWR compute it on x86-64, and a 32-bit caller's numbers are mapped as cr_compat.c does.
// Method: pin every number (64-bit and 32-bit), round-trip every op through both dispatchers, and check retired/unknown numbers give -ENOTTY.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  ENOTTY, IOCTL_SPECS, IOCTL_TABLE, RETIRED_NRS, decodeFields, decodeIoctl, ioctl32Map, ioctl32Unmap, ioctlNumber,
  ioctlNumber32, versionAccepted, versionWord, type IoctlOp,
} from '../../../model/blcr/ioctl.js';
import { checker } from '../../../checker/index.js';
import { blcr } from './build.js';
import { ACTION_OPS, labelOf } from '../../../model/blcr/actions.js';

const PINNED: Record<IoctlOp, number> = {
  CR_OP_HAND_CHKPT: 0x4008a101,
  CR_OP_HAND_ABORT: 0x4008a102,
  CR_OP_HAND_PHASE1: 0x4008a105,
  CR_OP_HAND_SUSP: 0xc008a106,
  CR_OP_HAND_PHASE2: 0x4008a107,
  CR_OP_HAND_DONE: 0x4008a108,
  CR_OP_HAND_SRC: 0x8008a109,
  CR_OP_HAND_CHKPT_INFO: 0x8008a10a,
  CR_OP_CHKPT_REQ: 0x4008a110,
  CR_OP_CHKPT_REAP: 0x0000a112,
  CR_OP_CHKPT_FWD: 0x4008a113,
  CR_OP_CHKPT_LOG: 0x8008a114,
  CR_OP_RSTRT_REQ: 0x4008a120,
  CR_OP_RSTRT_REAP: 0x0000a122,
  CR_OP_RSTRT_CHILD: 0x0000a123,
  CR_OP_RSTRT_PROCS: 0x8008a126,
  CR_OP_RSTRT_LOG: 0x8008a127,
  CR_OP_VERSION: 0x4008a130,
};

describe('blcr ioctl numbers', () => {
  it('has every op of the header, in header order', () => {
    expect(IOCTL_TABLE.map((r) => r.op)).toEqual(Object.keys(PINNED));
  });

  it.each(Object.entries(PINNED))('%s is pinned', (op, value) => {
    expect(ioctlNumber(op as IoctlOp)).toBe(value);
  });

  it('matches the decimal values of §4 for a few ops', () => {
    expect(ioctlNumber('CR_OP_HAND_CHKPT')).toBe(1074307329);
    expect(ioctlNumber('CR_OP_HAND_SUSP')).toBe(3221790982);
    expect(ioctlNumber('CR_OP_CHKPT_REAP')).toBe(41234);
    expect(ioctlNumber('CR_OP_RSTRT_PROCS')).toBe(2148049190);
  });

  it('decodes every number back to its op and fields', () => {
    for (const spec of IOCTL_SPECS) {
      const n = ioctlNumber(spec.op);
      expect(decodeIoctl(n)).toEqual({ ok: true, op: spec.op });
      const f = decodeFields(n);
      expect(f.type).toBe(0xa1);
      expect(f.nr).toBe(spec.nr);
      expect(f.size).toBe(spec.macro === '_IO' ? 0 : 8);
      expect(f.dir).toBe({ _IO: 0, _IOW: 1, _IOR: 2, _IOWR: 3 }[spec.macro]);
    }
  });

  it('gives -ENOTTY for the retired numbers under every direction and size', () => {
    for (const { nr } of RETIRED_NRS) {
      for (const hi of [0x00000000, 0x40080000, 0x80080000, 0xc0080000]) {
        expect(decodeIoctl((hi | 0xa100 | nr) >>> 0)).toEqual({ ok: false, errno: -ENOTTY });
      }
    }
  });

  it('gives -ENOTTY for any number not in the table (property)', () => {
    const known = new Set(IOCTL_TABLE.map((r) => r.number));
    fc.assert(fc.property(fc.integer({ min: 0, max: 0xffffffff }), (n) => {
      const d = decodeIoctl(n);
      return known.has(n >>> 0) ? d.ok : !d.ok && d.errno === -ENOTTY;
    }));
  });

  it('maps a 32-bit caller\'s numbers as CR_IOCTL32_MAP does: size 8 becomes 4, _IO numbers stay', () => {
    expect(ioctl32Map(0x4008a101)).toBe(0x4004a101);
    expect(ioctl32Map(0x0000a123)).toBe(0x0000a123);
    expect(ioctlNumber32('CR_OP_HAND_CHKPT')).toBe(0x4004a101);
    expect(ioctlNumber32('CR_OP_HAND_SUSP')).toBe(0xc004a106);
    expect(ioctlNumber32('CR_OP_RSTRT_PROCS')).toBe(0x8004a126);
    expect(ioctlNumber32('CR_OP_VERSION')).toBe(0x4004a130);
    expect(ioctlNumber32('CR_OP_CHKPT_REAP')).toBe(0x0000a112);
    for (const { op, number } of IOCTL_TABLE) {
      expect(decodeFields(ioctlNumber32(op)).size).toBe(decodeFields(number).size === 0 ? 0 : 4);
      expect(ioctl32Unmap(ioctlNumber32(op))).toBe(number);
    }
  });

  it('dispatches every op from a 32-bit caller (cr_compat_ctrl_ioctl), in either width', () => {
    for (const { op, number } of IOCTL_TABLE) {
      expect(decodeIoctl(ioctlNumber32(op), 'compat')).toEqual({ ok: true, op });
      expect(decodeIoctl(number, 'compat')).toEqual({ ok: true, op });
    }
  });

  it('gives -ENOTTY for a 32-bit number on the native path, and for retired numbers on both', () => {
    for (const { op, number } of IOCTL_TABLE) {
      if (ioctlNumber32(op) !== number) expect(decodeIoctl(ioctlNumber32(op), 'native')).toEqual({ ok: false, errno: -ENOTTY });
    }
    for (const { nr } of RETIRED_NRS) {
      for (const hi of [0x00000000, 0x40040000, 0x80040000, 0xc0040000, 0x40080000]) {
        expect(decodeIoctl((hi | 0xa100 | nr) >>> 0, 'compat')).toEqual({ ok: false, errno: -ENOTTY });
      }
    }
  });

  it('decodes on the compat path exactly the numbers whose unmapping is in the table (property)', () => {
    const known = new Set(IOCTL_TABLE.map((r) => r.number));
    fc.assert(fc.property(fc.integer({ min: 0, max: 0xffffffff }), (n) => {
      const d = decodeIoctl(n, 'compat');
      return known.has(ioctl32Unmap(n)) ? d.ok : !d.ok && d.errno === -ENOTTY;
    }));
  });

  it('names the op an action models in its label', () => {
    expect(labelOf({ type: 'HandSuspend', p: 0, t: 1 })).toBe('HandSuspend CR_OP_HAND_SUSP p0t1');
    expect(labelOf({ type: 'ChkptReq' })).toBe('ChkptReq CR_OP_CHKPT_REQ requester');
    expect(ACTION_OPS.HandCheckpoint).toBe('CR_OP_HAND_CHKPT');
    for (const op of Object.values(ACTION_OPS)) if (op !== null) expect(PINNED[op]).toBeDefined();
  });

  it('accepts CR_OP_VERSION exactly as §5.1.2 states', () => {
    expect(versionWord(0, 10)).toBe(0x0000000a);
    expect(versionAccepted(versionWord(0, 10))).toBe(true);
    expect(versionAccepted(versionWord(0, 9))).toBe(false);
    expect(versionAccepted(versionWord(0, 11))).toBe(false);
    expect(versionAccepted(versionWord(1, 10))).toBe(false);
    expect(versionAccepted(versionWord(1, 3), 1, 5)).toBe(true);
    expect(versionAccepted(versionWord(1, 6), 1, 5)).toBe(false);
  });

  it('a version mismatch closes the fd before any request (versionGate)', () => {
    const r = checker(blcr({ libMinor: 9 })).deadlocks(true).bfs();
    expect(r.verdict).toBe('ok');
    if (r.verdict === 'ok') expect(r.unreachedWitnesses).toContain('requestLifetime');
  });
});
