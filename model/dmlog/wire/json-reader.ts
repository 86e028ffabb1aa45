/**
 * Typed readers for fromJson: each returns the field or throws JsonFieldError naming the JSON
 * path, so fromJson reads a whole datagram straight-line and reports the first bad field.
 */
import { isHexBytes, isLatin1 } from './bytes.js';
import type { Flag } from './datagram.js';

/** A JSON field of the wrong shape; fromJson turns it into rule `json-field`. */
export class JsonFieldError extends Error {}

/** The fields of a JSON object. */
export type Fields = Readonly<Record<string, unknown>>;

/** Throws JsonFieldError naming `path`. */
export function fail(path: string, what: string): never {
  throw new JsonFieldError(`${path}: ${what}`);
}

/** `value` as an object whose keys are all in `keys` ('any': no key check). */
export function object(value: unknown, path: string, keys: readonly string[] | 'any'): Fields {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(path, 'expected an object');
  const fields = value as Fields;
  if (keys === 'any') return fields;
  const unknown = Object.keys(fields).find((key) => !keys.includes(key));
  if (unknown !== undefined) fail(`${path}.${unknown}`, `unknown field (known: ${keys.join(', ')})`);
  return fields;
}

/** An integer field in [min, max], or `fallback` when absent. */
export function integer(fields: Fields, key: string, path: string, min: number, max: number, fallback?: number): number {
  const value = fields[key] ?? fallback;
  if (value === undefined) fail(`${path}.${key}`, 'missing');
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    fail(`${path}.${key}`, `expected an integer from ${min} to ${max}`);
  }
  return value;
}

/** Largest u32. */
export const U32_MAX = 0xffff_ffff;
/** Largest u16. */
export const U16_MAX = 0xffff;

/** A u64 from a decimal string (or a safe integer). */
export function u64(value: unknown, path: string): bigint {
  const ok = (typeof value === 'string' && /^(0|[1-9][0-9]{0,19})$/.test(value)) || (typeof value === 'number' && Number.isSafeInteger(value));
  const big = ok ? BigInt(value as string | number) : -1n;
  if (big < 0n || big >= 1n << 64n) fail(path, 'expected a u64 as a decimal string');
  return big;
}

/** An s64 flag: 0 or 1. */
export function flag(value: unknown, path: string): Flag {
  if (value !== 0 && value !== 1) fail(path, 'expected 0 or 1');
  return value;
}

/** A string whose chars are all single bytes. */
export function latin1(value: unknown, path: string): string {
  if (typeof value !== 'string' || !isLatin1(value)) fail(path, 'expected a string of chars U+0000..U+00FF');
  return value;
}

/** Lower-case hex of at most `bytesMax` bytes; '' when absent. */
export function hex(fields: Fields, key: string, path: string, bytesMax: number): string {
  const value = fields[key] ?? '';
  if (typeof value !== 'string' || !isHexBytes(value, bytesMax)) fail(`${path}.${key}`, `expected lower-case hex of at most ${bytesMax} bytes`);
  return value;
}
