// Goal: whatever the bytes, the JSON reader returns data or throws one InputError line that names the file and shows
// no control character from it. Method: fast-check over arbitrary bytes, JSON texts and their mutations; pinned cases.
import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { InputError, JSON_DEPTH_MAX, parseJsonInput } from '../../lib/index.js';

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

/** The one line a refusal gives, or undefined when the bytes were read. */
function refusal(data: Uint8Array): string | undefined {
  try {
    parseJsonInput(data, 'f.json', 'a test file');
    return undefined;
  } catch (err) {
    expect(err).toBeInstanceOf(InputError);
    return (err as Error).message;
  }
}

describe('parseJsonInput', () => {
  test.prop([fc.uint8Array({ maxLength: 512 })])('any bytes: data, or one line naming the file', (data) => {
    const message = refusal(data);
    if (message === undefined) return;
    expect(message.startsWith('f.json ')).toBe(true);
    expect(message).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
  });

  test.prop([fc.json(), fc.nat(), fc.string({ maxLength: 3 })])('any JSON text, cut or spliced anywhere: data, or one line', (text, at, splice) => {
    const cut = at % (text.length + 1);
    for (const variant of [text, text.slice(0, cut), text.slice(0, cut) + splice + text.slice(cut)]) {
      const message = refusal(bytes(variant));
      if (message !== undefined) expect(message).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
    }
  });

  it.each([
    ['', 'f.json is empty, not a test file'],
    ['{"a":\u0000}', 'f.json is a binary file, not a test file'],
    ['{"a": [1, 2', 'f.json is truncated: its JSON ends early'],
    ['{"a": "x\n', 'f.json is truncated: its JSON ends early'],
    ['{"a": 1}\n{"b": 2}', 'f.json is not valid JSON: Unexpected non-whitespace character after JSON at line 2, column 1'],
    ['\u001b[2J', 'f.json is not valid JSON: unexpected character "\\u001b"'],
    ['\u007f', 'f.json is not valid JSON: unexpected character "\\u007f"'],
    ['{"a": {"__proto__": 1}}', 'f.json has a "__proto__" key (at .a.__proto__), which no sim file has'],
    ['{"a": [1, 1e999]}', 'f.json has a number too large for a double (at .a[1])'],
    ['{"a b": [-1e400]}', 'f.json has a number too large for a double (at ["a b"][0])'],
  ])('%j', (text, message) => {
    expect(refusal(bytes(text))).toBe(message);
  });

  it(`reads nesting up to ${JSON_DEPTH_MAX} levels and refuses one more`, () => {
    const nested = (depth: number): string => `${'['.repeat(depth)}${']'.repeat(depth)}`;
    expect(parseJsonInput(bytes(nested(JSON_DEPTH_MAX)), 'f.json', 'a test file')).toBeInstanceOf(Array);
    expect(refusal(bytes(nested(JSON_DEPTH_MAX + 1)))).toMatch(/^f\.json nests deeper than 256 levels \(at \[0\]\[0\]/);
    expect(refusal(bytes(nested(1_000_000)))).toMatch(/…\)$/);
  });
});
