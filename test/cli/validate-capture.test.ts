// Goal: a dmlog trace written as an nlmon capture (`sim ulog trace --pcap`) is explained by `sim validate`; foreign
// traffic is skipped and counted; a missing datagram is not explained; a hostile capture is exit 2 in one line.
// Method: simulator runs of dmlog through both commands in process, and captures edited with the pcap reader/writer.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { cookedNetlinkHeader, LINKTYPE_NETLINK, readPcap, writePcap, type PcapOutRecord } from '../../lib/index.js';
import { expectRefused, scratchDir, sim } from '../helpers/cli.js';

/** A folder with `c.pcap`: the capture of a seeded dmlog run (undefined for a run that delivers no datagram). */
async function captureOrNothing(seed: number, steps = 150): Promise<string | undefined> {
  const dir = scratchDir();
  expect((await sim(['run', '--model', 'dmlog', '--seed', String(seed), '--steps', String(steps), '--out', 't.trace.json'], dir)).code).toBeLessThan(2);
  const written = await sim(['ulog', 'trace', 't.trace.json', '--pcap', 'c.pcap'], dir);
  if (written.code === 2 && /delivers a datagram/.test(written.stderr)) {
    // A run can deliver nothing (the daemon crashes before the table loads); nothing is written then.
    expectRefused(written, /^sim: no step of t\.trace\.json delivers a datagram to or from node 0's daemon; no capture written$/);
    expect(existsSync(join(dir, 'c.pcap'))).toBe(false);
    return undefined;
  }
  expect(written.code, written.stderr).toBe(0);
  expect(written.stderr).toMatch(/^capture of \d+ datagrams? written to c\.pcap\nvalidate with: sim validate c\.pcap\n$/);
  return dir;
}

async function captureOf(seed: number, steps?: number): Promise<string> {
  const dir = await captureOrNothing(seed, steps);
  if (dir === undefined) throw new Error(`seed ${seed} delivers no datagram`);
  return dir;
}

function records(dir: string): PcapOutRecord[] {
  return readPcap(readFileSync(join(dir, 'c.pcap')), 'c.pcap').records.map((r) => ({ seconds: r.seconds, microseconds: r.nanoseconds / 1000, data: r.data }));
}

function rewrite(dir: string, edited: readonly PcapOutRecord[], linktype = LINKTYPE_NETLINK): void {
  writeFileSync(join(dir, 'c.pcap'), writePcap(linktype, edited));
}

const json = async (dir: string, ...flags: string[]) => {
  const r = await sim(['validate', 'c.pcap', '--json', ...flags], dir);
  return { code: r.code, result: r.code < 2 ? JSON.parse(r.stdout) : undefined, stderr: r.stderr };
};

describe('sim validate on a dm-log capture', () => {
  test.prop([fc.nat({ max: 100_000 })], { numRuns: 6 })('the capture of any dmlog run that delivers a datagram is explained (trace -> pcap -> validate)', async (seed) => {
    const dir = await captureOrNothing(seed);
    fc.pre(dir !== undefined);
    const { code, result } = await json(dir);
    expect(code).toBe(0);
    expect(result).toMatchObject({ explained: true, model: 'dmlog', gap: 6, skipped: {} });
    expect(result.events).toBe(records(dir).length);
  });

  it('skips and counts traffic that is not dm-log, and still explains the rest', async () => {
    const dir = await captureOf(1);
    const route = { seconds: 0, microseconds: 0, data: new Uint8Array([...cookedNetlinkHeader('to-user', 0), ...new Uint8Array(20).fill(1)]) };
    const proc = new Uint8Array(40);
    new DataView(proc.buffer).setUint32(0, 40, true);
    new DataView(proc.buffer).setUint32(16, 1, true); // CN_IDX_PROC
    const connector = { seconds: 0, microseconds: 0, data: new Uint8Array([...cookedNetlinkHeader('to-user', 11), ...proc]) };
    rewrite(dir, [route, ...records(dir), connector, route]);
    const { code, result } = await json(dir);
    expect(code).toBe(0);
    expect(result.skipped).toEqual({ 'messages of other netlink families': 2, 'connector messages of other users': 1 });
    const text = await sim(['validate', 'c.pcap'], dir);
    expect(text.stdout).toMatch(/\nskipped: 2 messages of other netlink families, 1 connector messages of other users\n/);
  });

  it('does not explain a capture with a request missing: a capture sees every delivery', async () => {
    const dir = await captureOf(2);
    const all = records(dir);
    rewrite(dir, [...all.slice(0, 2), ...all.slice(3)]);
    const { code, result } = await json(dir);
    expect(code).toBe(1);
    expect(result.failedLine).toBe(3);
    expect(result.explainedPrefix).toBe(2);
  });

  it('is validated against the dmlog model only', async () => {
    const dir = await captureOf(3, 20);
    expectRefused(await sim(['validate', 'c.pcap', '--model', 'twophase'], dir), /^sim: c\.pcap is a dm-log capture; it is validated against the dmlog model \(--model dmlog\)$/);
  });

  it.each([
    ['a pcapng file', (b: Uint8Array) => new Uint8Array([0x0a, 0x0d, 0x0d, 0x0a, ...b.subarray(4)]), /^sim: c\.pcap is a pcapng capture; sim reads classic pcap: convert it with 'editcap -F pcap c\.pcap OUT\.pcap'/],
    ['a truncated file', (b: Uint8Array) => b.subarray(0, b.length - 7), /^sim: c\.pcap: record \d+ \(byte \d+\) is truncated: it claims \d+ bytes, the file has \d+ left$/],
    ['an Ethernet capture', (b: Uint8Array) => { const c = b.slice(); c[20] = 1; return c; }, /^sim: c\.pcap has link type 1; a netlink capture has LINKTYPE_NETLINK \(253\), from an nlmon device$/],
    ['a record cut by the snap length', (b: Uint8Array) => { const c = b.slice(); new DataView(c.buffer).setUint32(36, 9999, true); return c; }, /^sim: c\.pcap: record 1 \(byte 24\) was cut to \d+ of 9999 bytes by the snap length; capture with tcpdump -s 0$/],
    ['an unknown request type', (b: Uint8Array) => { const c = b.slice(); c[40 + 16 + 36 + 152] = 99; return c; }, /^sim: c\.pcap: record 1 \(byte 24\): a dm-log datagram that breaks the wire rule request-type-unknown: .* \(type 99\) at byte 188 of it$/],
    ['a record that is no nlmon packet', (b: Uint8Array) => { const c = b.slice(); c[40 + 3] = 1; return c; }, /^sim: c\.pcap: record 1 \(byte 24\): its cooked header names device type 769, not ARPHRD_NETLINK \(824\)$/],
  ])('refuses %s in one line', async (_what, edit, message) => {
    const dir = await captureOf(4, 30);
    writeFileSync(join(dir, 'c.pcap'), edit(readFileSync(join(dir, 'c.pcap'))));
    expectRefused(await sim(['validate', 'c.pcap'], dir), message);
  });

  it('writes no capture of a run that delivers no datagram (sim validate would refuse it)', async () => {
    expect(await captureOrNothing(1, 0)).toBeUndefined();
  });

  it('refuses a capture with no dm-log datagram, saying where to look', async () => {
    const dir = scratchDir();
    rewrite(dir, [{ seconds: 0, microseconds: 0, data: new Uint8Array([...cookedNetlinkHeader('to-kernel', 0), ...new Uint8Array(16)]) }]);
    expectRefused(await sim(['validate', 'c.pcap'], dir), /^sim: c\.pcap holds no dm-log-userspace datagram \(1 messages of other netlink families\); see README "Checking an implementation"/);
  });
});
