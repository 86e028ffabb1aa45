// Goal: traces round-trip byte for byte, and every malformed file is refused with one line naming the problem.
// Method: encode/decode real traces; feed empty, binary, truncated, foreign, future and mangled files.
import { describe, expect, it } from 'vitest';
import { InputError } from '../../lib/index.js';
import { twophaseModel } from '../../model/twophase/index.js';
import { simulate } from '../../sim/index.js';
import { decodeTrace, encodeTrace, TRACE_FORMAT, type Trace } from '../../trace/index.js';

function sampleTrace(seed = 5): Trace {
  const run = simulate(twophaseModel(3, 'none'), { seed });
  return {
    format: TRACE_FORMAT, tool: { name: 'sim', version: 'test' }, model: { source: 'builtin', name: 'twophase' },
    params: { rm: 3, bug: 'none' }, engine: 'sim', seed, verdict: run.verdict, initial: run.initial, steps: run.steps,
  };
}

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);
const refusal = (data: Uint8Array): string => {
  try {
    decodeTrace(data, 'x.trace.json');
  } catch (err) {
    expect(err).toBeInstanceOf(InputError);
    const message = (err as Error).message;
    expect(message).not.toContain('\n');
    return message;
  }
  throw new Error('the file was accepted');
};

describe('trace codec', () => {
  it('round-trips: decode(encode(t)) encodes to the same bytes', () => {
    const text = encodeTrace(sampleTrace());
    expect(encodeTrace(decodeTrace(bytes(text), 't'))).toBe(text);
  });

  it('writes one line per step with sorted keys inside', () => {
    const trace = sampleTrace();
    const lines = encodeTrace(trace).split('\n');
    expect(lines[1]).toBe('  "format": 1,');
    expect(lines.filter((l) => l.startsWith('    {"action"'))).toHaveLength(trace.steps.length);
  });

  it('carries an optional note, one line for people, second in the file', () => {
    const trace = { ...sampleTrace(), note: 're-drive with: sim drive --adapter a.ts --trace x.trace.json' };
    const text = encodeTrace(trace);
    expect(text.split('\n')[2]).toBe('  "note": "re-drive with: sim drive --adapter a.ts --trace x.trace.json",');
    expect(decodeTrace(bytes(text), 'x.trace.json')).toEqual(trace);
    expect(refusal(bytes(text.replace('re-drive', 're\\u001b[2Jdrive')))).toBe('x.trace.json is not a valid trace: trace.note holds a control character');
    expect(refusal(bytes(encodeTrace({ ...trace, note: 'x'.repeat(2001) })))).toBe('x.trace.json is not a valid trace: note is longer than 2000 characters');
  });
  it('refuses an empty file', () => expect(refusal(bytes(''))).toBe('x.trace.json is empty, not a trace file'));
  it('refuses a binary file', () => expect(refusal(new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 0, 1, 2]))).toContain('binary file'));
  it('refuses invalid UTF-8', () => expect(refusal(new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]))).toContain('binary file'));
  it('refuses a truncated file', () => {
    const text = encodeTrace(sampleTrace());
    expect(refusal(bytes(text.slice(0, text.length / 2)))).toContain('truncated');
  });
  it('refuses text that is not JSON', () => expect(refusal(bytes('hello'))).toContain('not valid JSON'));
  it('refuses JSON that is not a trace', () => expect(refusal(bytes('{"name":"package"}'))).toContain('not a sim trace'));
  it('refuses a future format, saying to upgrade', () => {
    const text = encodeTrace(sampleTrace()).replace('"format": 1', '"format": 2');
    expect(refusal(bytes(text))).toContain('format 2, newer than this sim reads');
  });
  it('names a bad step field', () => {
    const trace = sampleTrace();
    const broken = { ...trace, steps: trace.steps.map((s, i) => (i === 2 ? { ...s, fingerprint: 'xyz' } : s)) };
    expect(refusal(bytes(JSON.stringify(broken)))).toContain('steps[2].fingerprint must be 16 lower-case hex digits');
  });
  it('names a missing field', () => {
    const { initial: _initial, ...rest } = sampleTrace();
    expect(refusal(bytes(JSON.stringify(rest)))).toContain('trace.initial is missing');
  });
  it('refuses a verdict whose step is not the last', () => {
    const trace = { ...sampleTrace(), verdict: { result: 'deadlock', kind: 'deadlock', name: 'deadlock', step: 1 } };
    expect(refusal(bytes(JSON.stringify(trace)))).toContain('verdict.step is 1');
  });
});
