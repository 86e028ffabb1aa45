// Goal: `sim ulog decode|encode` behaves as documented: JSON out, bytes back identical, hex input, exit 2 with
// one line naming the rule. Method: run `sim ulog` in process through main() with in-memory streams, files in a temp dir.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { main } from '../../cli/main.js';

interface Run {
  code: number;
  stdout: Buffer;
  stderr: string;
}

function sink(chunks: Buffer[]): Writable {
  return new Writable({
    write(chunk: Buffer | string, _encoding, done) {
      chunks.push(Buffer.from(chunk));
      done();
    },
  });
}

async function run(argv: string[], input: string | Uint8Array = ''): Promise<Run> {
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  const stdin = Readable.from([Buffer.from(input)]);
  const code = await main(['ulog', ...argv], {
    stdin,
    stdout: sink(out),
    stderr: sink(err),
    cwd: tmpdir(),
    stderrIsTTY: false,
    stdoutIsTTY: false,
    stdinIsTTY: false,
    env: {},
    now: () => 0,
  });
  return { code, stdout: Buffer.concat(out), stderr: Buffer.concat(err).toString('utf8') };
}

/** A kernel MARK_REGION request for regions 5 and 6, little-endian, in its netlink envelope. */
const markHex = [
  'd4000000 0300 0000 2a000000 00000000',
  '07000000 01000000 2a000000 00000000 b000 0000',
  '0807060504030201',
  '4c564d2d78' + '00'.repeat(127),
  '03000000 00000000 2a000000 0a000000 10000000',
  '0500000000000000 0600000000000000',
].join('\n');
const markBytes = Buffer.from(markHex.replace(/\s+/g, ''), 'hex');

describe('sim ulog decode', () => {
  it('prints the JSON form of raw bytes from a file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ulog-'));
    writeFileSync(join(dir, 'mark.bin'), markBytes);
    const result = await run(['decode', join(dir, 'mark.bin')]);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    const json = JSON.parse(result.stdout.toString('utf8'));
    expect(json.request).toMatchObject({ luid: '72623859790382856', type: 'DM_ULOG_MARK_REGION', requestType: 10, regions: ['5', '6'] });
    expect(json.connector).toMatchObject({ idx: 7, val: 1, len: 176 });
  });

  it('reads hex text from stdin (whitespace allowed)', async () => {
    const result = await run(['decode', '-'], markHex);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout.toString('utf8')).request.seq).toBe(42);
  });

  it('exits 2 with one line naming the rule for an invalid datagram', async () => {
    const result = await run(['decode'], markBytes.subarray(0, markBytes.length - 8));
    expect(result.code).toBe(2);
    expect(result.stdout.length).toBe(0);
    expect(result.stderr).toMatch(/^sim: invalid datagram: netlink-length-overrun: [^\n]+\n$/);
  });

  it('reads replies and big-endian when told to', async () => {
    const asReply = await run(['decode', '--reply'], markBytes);
    expect(asReply.stderr).toMatch(/^sim: invalid datagram: reply-capacity: /);
    const asBig = await run(['decode', '--big-endian'], markBytes);
    expect(asBig.stderr).toMatch(/^sim: invalid datagram: netlink-length-overrun: /);
  });

  it('names hex-text for an odd number of hex digits', async () => {
    const result = await run(['decode'], 'abc\n');
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^sim: invalid datagram: hex-text: [^\n]+\n$/);
  });
});

describe('sim ulog encode', () => {
  it('decode then encode gives back the same bytes', async () => {
    const decoded = await run(['decode'], markBytes);
    const encoded = await run(['encode'], decoded.stdout);
    expect(encoded.code).toBe(0);
    expect(encoded.stdout.equals(markBytes)).toBe(true);
  });

  it('round-trips a bare big-endian reply through --hex', async () => {
    const json = JSON.stringify({ byteOrder: 'big', direction: 'reply', request: { luid: '9', uuid: 'u', version: 3, seq: 2, type: 'DM_ULOG_GET_SYNC_COUNT', syncCount: '77' } });
    const hex = await run(['encode', '--hex'], json);
    expect(hex.code).toBe(0);
    expect(hex.stdout.toString('utf8')).toMatch(/^[0-9a-f]+\n$/);
    expect(hex.stdout.toString('utf8').trim().endsWith('0000000e00000008000000000000004d')).toBe(true);
    const back = await run(['decode', '--reply', '--big-endian', '--bare'], hex.stdout);
    expect(JSON.parse(back.stdout.toString('utf8')).request.syncCount).toBe('77');
  });

  it('exits 2 with one line on bad JSON text and on a bad field', async () => {
    const syntax = await run(['encode'], '{"request":');
    expect(syntax.code).toBe(2);
    expect(syntax.stderr).toBe('sim: standard input is truncated: its JSON ends early\n');
    const notJson = await run(['encode'], '{request}');
    expect(notJson.stderr).toBe("sim: standard input is not valid JSON: Expected property name or '}' at line 1, column 2\n");
    const field = await run(['encode'], '{"request":{"uuid":1}}');
    expect(field.code).toBe(2);
    expect(field.stderr).toMatch(/^sim: invalid datagram: json-field: [^\n]+\n$/);
  });
});

describe('usage', () => {
  it.each([
    [['decode', '--nope']],
    [['encode', '--reply']],
    [['decode', 'a', 'b']],
    [['frobnicate']],
    [[]],
  ])('exits 2 with one line for %j', async (argv) => {
    const result = await run(argv);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^sim: [^\n]+\n$/);
  });

  it('exits 2 for a missing file', async () => {
    const result = await run(['decode', '/nonexistent/ulog.bin']);
    expect(result).toMatchObject({ code: 2, stderr: 'sim: datagram file /nonexistent/ulog.bin does not exist\n' });
  });
});
