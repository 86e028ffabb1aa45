// Goal: every request and reply a dmlog trace step carries can be shown as its wire bytes, and read back.
// Method: `sim ulog trace` on committed dmlog and checkpointed-log traces; each hex line decodes to the named type and seq.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeDatagram, fromHex } from '../../model/dmlog/wire/index.js';
import { repoRoot, sim } from '../helpers/cli.js';

describe('sim ulog trace', () => {
  it.each(['traces/dmlog/reply-before-persist.trace.json', 'traces/checkpointed-log/lost-dirty-bit.trace.json'])('%s: each carried datagram decodes to what the step names', async (file) => {
    const r = await sim(['ulog', 'trace', join(repoRoot, file)]);
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    let checked = 0;
    for (let i = 0; i < lines.length; i++) {
      const head = /^step \d+ {2}(\w+) {2}node \d+ {2}(kernel->daemon|daemon->kernel) {2}(DM_ULOG_\w+) seq=(\d+)/.exec(lines[i] as string);
      if (!head || (lines[i] as string).includes('ACK')) continue;
      const hex = fromHex((lines[++i] as string).trim());
      if (!hex.ok) throw new Error(hex.message);
      const back = decodeDatagram(hex.value, { envelope: 'bare', direction: head[2] === 'kernel->daemon' ? 'request' : 'reply' });
      expect(back.ok, lines[i]).toBe(true);
      if (back.ok && back.value.form !== 'ack') {
        expect(back.value.request.seq).toBe(Number(head[4]));
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(3);
  });

  it('refuses a trace of another model, in one line', async () => {
    const r = await sim(['ulog', 'trace', join(repoRoot, 'traces/twophase/commit-without-all-prepared.trace.json')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^sim: ulog trace reads traces of the dmlog and checkpointed-log models; this one is of twophase\n$/);
  });
});
