// Goal: no input crashes the decoder: random and mutated bytes are accepted or rejected with a named
// rule of WIRE_RULES and a one-line message. Method: fast-check over random, mutated, truncated and extended bytes.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { WIRE_RULES, decodeDatagram, encodeDatagram, type DecodeOptions } from '../../../../model/dmlog/wire/index.js';
import { datagram, optionsOf } from './arbitraries.js';

const ruleIds: readonly string[] = WIRE_RULES.map((rule) => rule.id);

const anyOptions: fc.Arbitrary<DecodeOptions> = fc.record({
  direction: fc.constantFrom('request' as const, 'reply' as const),
  byteOrder: fc.constantFrom('little' as const, 'big' as const),
  envelope: fc.constantFrom('netlink' as const, 'bare' as const),
});

function judged(bytes: Uint8Array, options: DecodeOptions): boolean {
  const result = decodeDatagram(bytes, options);
  if (result.ok) return true;
  expect(ruleIds).toContain(result.rule);
  expect(result.message).toMatch(/^[^\n]+$/);
  if (result.offset !== undefined) expect(result.offset).toBeLessThanOrEqual(bytes.length);
  return false;
}

/** A valid datagram's bytes after one edit: byte overwrites, truncation, extension or a splice. */
const edited = fc.tuple(datagram(), fc.nat(), fc.nat({ max: 255 }), fc.constantFrom('set', 'cut', 'grow', 'splice'))
  .map(([d, at, value, edit]) => {
    const bytes = encodeDatagram(d);
    const i = at % (bytes.length + 1);
    if (edit === 'cut') return { bytes: bytes.subarray(0, i), options: optionsOf(d) };
    if (edit === 'grow') return { bytes: Uint8Array.from([...bytes, ...new Array<number>(1 + (at % 9)).fill(value)]), options: optionsOf(d) };
    if (edit === 'splice') return { bytes: Uint8Array.from([...bytes.subarray(0, i), value, ...bytes.subarray(i)]), options: optionsOf(d) };
    bytes[i % bytes.length] = value;
    return { bytes, options: optionsOf(d) };
  });

describe('the decoder never throws', () => {
  it('on random bytes, read with any options', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 600 }), anyOptions, (bytes, options) => {
      judged(bytes, options);
    }), { numRuns: 3000 });
  });

  it('on edited valid datagrams, and accepts some of them', () => {
    let accepted = 0;
    fc.assert(fc.property(edited, ({ bytes, options }) => {
      if (judged(bytes, options)) accepted++;
    }), { numRuns: 3000 });
    expect(accepted).toBeGreaterThan(100);
  });

  it('on valid datagrams read with the wrong options', () => {
    fc.assert(fc.property(datagram(), anyOptions, (d, options) => {
      judged(encodeDatagram(d), options);
    }), { numRuns: 2000 });
  });
});
