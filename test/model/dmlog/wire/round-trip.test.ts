// Goal: the codec is a bijection on valid datagrams: decode(encode(x)) = x for every type, direction,
// form and byte order; encode(decode(b)) = b for every accepted b; JSON keeps the bytes. Method: fast-check.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  REQUEST_TYPE_NAMES, decodeDatagram, encodeDatagram, fromJson, toHex, toJson, type UlogDatagram,
} from '../../../../model/dmlog/wire/index.js';
import { datagram, optionsOf } from './arbitraries.js';

const RUNS = 200;

/** Valid datagrams with a few bytes overwritten: a mix of accepted and rejected inputs. */
const mutated = fc.tuple(datagram(), fc.array(fc.tuple(fc.nat(), fc.nat({ max: 255 })), { minLength: 1, maxLength: 3 }))
  .map(([d, edits]) => {
    const bytes = encodeDatagram(d);
    for (const [at, value] of edits) bytes[at % bytes.length] = value;
    return { bytes, options: optionsOf(d) };
  });

function jsonRoundTrip(d: UlogDatagram): UlogDatagram {
  const back = fromJson(JSON.parse(JSON.stringify(toJson(d))));
  if (!back.ok) throw new Error(`fromJson rejected toJson output: ${back.rule}: ${back.message}`);
  return back.value;
}

describe('decode(encode(x)) = x', () => {
  for (const direction of ['request', 'reply'] as const) {
    REQUEST_TYPE_NAMES.forEach((name, index) => {
      it(`${name} ${direction}`, () => {
        fc.assert(fc.property(datagram({ direction, type: index + 1 }), (d) => {
          expect(decodeDatagram(encodeDatagram(d), optionsOf(d))).toEqual({ ok: true, value: d });
        }), { numRuns: RUNS });
      });
    });
  }
});

describe('encode(decode(b)) = b', () => {
  it('for every accepted mutation of a valid datagram', () => {
    fc.assert(fc.property(mutated, ({ bytes, options }) => {
      const decoded = decodeDatagram(bytes, options);
      if (decoded.ok) expect(toHex(encodeDatagram(decoded.value))).toBe(toHex(bytes));
    }), { numRuns: 2000 });
  });
});

describe('JSON form', () => {
  it('fromJson(toJson(x)) = x, through JSON text', () => {
    fc.assert(fc.property(datagram(), (d) => {
      expect(jsonRoundTrip(d)).toEqual(d);
    }), { numRuns: 1000 });
  });

  it('keeps the bytes of every accepted mutation, padding and uuid tail included', () => {
    fc.assert(fc.property(mutated, ({ bytes, options }) => {
      const decoded = decodeDatagram(bytes, options);
      if (decoded.ok) expect(toHex(encodeDatagram(jsonRoundTrip(decoded.value)))).toBe(toHex(bytes));
    }), { numRuns: 2000 });
  });
});
