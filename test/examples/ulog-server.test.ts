// Goal: the example dirty-log server answers dm_ulog_request bytes as the dmlog model says a one-node cmirrord does,
// and `sim drive` finds its planted defect (FLUSH answered before the disk write) with a short shrunk trace that
// replays and drives again. Method: request bytes by hand; sim drive and driveModel over seeded runs, in process.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { driveModel } from '../../conformance/index.js';
import { capturedOf, describeCaptured } from '../../model/dmlog/capture.js';
import { CN_IDX_DM, CN_VAL_DM_USERSPACE_LOG, decodeDatagram, encodeDatagram, ENVELOPE_SIZE, encodePayload, NLMSG_DONE, RequestType, ULOG_HEADER_SIZE, type UlogPayload } from '../../model/dmlog/wire/index.js';
import ulogServerAdapter from '../../examples/ulog-server/adapter.js';
import { decodeDisk, DiskLog, encodeDisk } from '../../examples/ulog-server/disk-log.js';
import { UlogServer } from '../../examples/ulog-server/server.js';
import { repoRoot, scratchDir, sim } from '../helpers/cli.js';

const adapterFile = join(repoRoot, 'examples/ulog-server/adapter.ts');

/** A kernel request datagram of `type` with `payload`, under seq and luid 1. */
function request(type: number, payload: UlogPayload, seq: number): Uint8Array {
  const dataSize = encodePayload(payload, true).length;
  return encodeDatagram({
    form: 'netlink', byteOrder: 'little', direction: 'request',
    netlink: { len: ENVELOPE_SIZE + ULOG_HEADER_SIZE + dataSize, type: NLMSG_DONE, flags: 0, seq, pid: 0, alignPad: '' },
    connector: { idx: CN_IDX_DM, val: CN_VAL_DM_USERSPACE_LOG, seq, ack: 0, len: ULOG_HEADER_SIZE + dataSize, flags: 0 },
    request: { luid: 1n, uuid: 'LVM-test', uuidTail: '', padding: '', version: 2, error: 0, seq, requestType: type, dataSize, payload },
  });
}

function answers(server: UlogServer, bytes: Uint8Array): string[] {
  return server.handle(bytes).map((reply) => {
    const decoded = decodeDatagram(reply, { direction: 'reply' });
    if (!decoded.ok) throw new Error(decoded.message);
    return describeCaptured(capturedOf(decoded.value));
  });
}

describe('the example dirty-log server', () => {
  it('answers in bytes: CTR, RESUME from the disk log, MARK, FLUSH to the disk log, CLEAR with an ACK, an unknown log with -ESRCH, the reconnect CTR with no data', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'ulog-test-')), 'disk');
    writeFileSync(path, encodeDisk({ valid: true, nrRegions: 2, clean: [false, true] }));
    const disk = new DiskLog(path);
    const server = new UlogServer({ diskFor: () => disk });
    expect(answers(server, request(RequestType.CTR, { kind: 'ctr-args', args: '2048 clustered-disk 4 253:2 1024 block_on_error', nulTerminated: false }, 1))).toEqual(['reply DM_ULOG_CTR seq=1']);
    // A log that is only pending (not resumed) is one the server does not serve yet: -ESRCH, as the model proposes.
    expect(answers(server, request(RequestType.IN_SYNC, { kind: 'region', region: 1n }, 2))).toEqual(['reply DM_ULOG_IN_SYNC seq=2 error=-3']);
    expect(answers(server, request(RequestType.RESUME, { kind: 'empty' }, 3))).toEqual(['reply DM_ULOG_RESUME seq=3']);
    expect(answers(server, request(RequestType.IN_SYNC, { kind: 'region', region: 1n }, 4))).toEqual(['reply DM_ULOG_IN_SYNC seq=4 [1]']);
    expect(answers(server, request(RequestType.MARK_REGION, { kind: 'regions', regions: [1n] }, 5))).toEqual(['reply DM_ULOG_MARK_REGION seq=5']);
    expect(decodeDisk(readFileSync(path)).clean).toEqual([false, true]);
    expect(answers(server, request(RequestType.FLUSH, { kind: 'empty' }, 6))).toEqual(['reply DM_ULOG_FLUSH seq=6']);
    expect(decodeDisk(readFileSync(path)).clean).toEqual([false, false]);
    expect(answers(server, request(RequestType.CLEAR_REGION, { kind: 'regions', regions: [1n] }, 7))).toEqual(['reply ACK seq=7 errno=0']);
    expect(answers(server, request(RequestType.GET_RESYNC_WORK, { kind: 'empty' }, 8))).toEqual(['reply DM_ULOG_GET_RESYNC_WORK seq=8 [1, 0]']);
    server.crash();
    expect(server.handle(request(RequestType.FLUSH, { kind: 'empty' }, 9))).toEqual([]);
    server.restart();
    expect(answers(server, request(RequestType.FLUSH, { kind: 'empty' }, 10))).toEqual(['reply DM_ULOG_FLUSH seq=10 error=-3']);
    // The kernel's reconnect: its CTR (the string with its NUL) gets no data, having no reply buffer; a first CTR gets the log device.
    const ctr = (nulTerminated: boolean, seq: number) => request(RequestType.CTR, { kind: 'ctr-args', args: '2048 clustered-disk 4 253:2 1024 block_on_error', nulTerminated }, seq);
    expect(server.handle(ctr(true, 11)).map((reply) => decodeDatagram(reply, { direction: 'reply' }))).toMatchObject([{ ok: true, value: { request: { error: 0, dataSize: 0, payload: { kind: 'empty' } } } }]);
    server.crash();
    server.restart();
    expect(server.handle(ctr(false, 12)).map((reply) => decodeDatagram(reply, { direction: 'reply' }))).toMatchObject([{ ok: true, value: { request: { error: 0, payload: { kind: 'log-device', logDevice: '253:2' } } } }]);
  });

  it('passes sim drive over seeded runs of the dmlog model at one node', async () => {
    const r = await sim(['drive', '--adapter', adapterFile, '--seeds', '1..25', '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ verdict: 'ok', runs: 25, model: 'dmlog', params: { nodes: 1 } });
  });

  it('sim drive finds the planted defect: FLUSH answered before the disk log is written; the shrunk trace replays and drives again', async () => {
    const dir = scratchDir();
    const r = await sim(['drive', '--adapter', adapterFile, '--adapter-param', 'defect=flush-before-write', '--json', '--out', 'flush.trace.json'], dir);
    expect(r.code, r.stderr).toBe(1);
    const { mismatch, shrunk } = JSON.parse(r.stdout);
    expect(mismatch.path).toMatch(/^\.disk\.clean\[\d\]$/);
    expect(shrunk).toMatchObject({ path: mismatch.path, implementation: false, model: true });
    expect(shrunk.steps.length).toBeLessThanOrEqual(24);
    expect(shrunk.steps.at(-1)).toMatch(/^DeliverRequest DM_ULOG_FLUSH /);
    expect(r.stderr).toMatch(/drive it again with: sim drive --adapter \S+ --adapter-param defect=flush-before-write --trace flush\.trace\.json\n$/);
    const trace = JSON.parse(readFileSync(join(dir, 'flush.trace.json'), 'utf8'));
    expect(trace.note).toMatch(/^sim drive found the implementation differs from the model at step \d+ \(DeliverRequest DM_ULOG_FLUSH .*\), at \.disk\.clean\[\d\]: implementation false, model true; drive it again with: sim drive /);
    expect((await sim(['replay', 'flush.trace.json', '--no-tui'], dir)).code).toBe(0);
    const again = await sim(['drive', '--adapter', adapterFile, '--adapter-param', 'defect=flush-before-write', '--trace', 'flush.trace.json', '--out', 'again.trace.json'], dir);
    expect(again.code).toBe(1);
    expect(again.stdout).toMatch(/mismatch in trace flush\.trace\.json at step \d+ \(DeliverRequest DM_ULOG_FLUSH/);
    expect((await sim(['drive', '--adapter', adapterFile, '--trace', 'flush.trace.json'], dir)).code).toBe(0);
  });

  it('driveModel runs the same check from a test suite', async () => {
    await expect(driveModel(ulogServerAdapter(), { model: 'dmlog', params: { nodes: 1 }, seeds: '1..10' })).resolves.toMatchObject({ verdict: 'ok' });
    await expect(driveModel(ulogServerAdapter({ adapterParams: { defect: 'flush-before-write' } }), { model: 'dmlog', params: { nodes: 1 }, seeds: '1..10' }))
      .rejects.toThrow(/^the implementation differs from model dmlog in seed \d+, step \d+ \(DeliverRequest DM_ULOG_FLUSH .*\), at \.disk\.clean\[\d\]: implementation false, model true/);
  });
});
