/**
 * Byte helpers shared by the encoder and decoder: hex text and latin1 strings.
 */
import { assert } from '../../../lib/index.js';
import { reject, type WireResult } from './rules.js';


/** Lower-case hex of `bytes`, two digits per byte, no separators. */
export function toHex(bytes: Uint8Array): string {
  let text = '';
  for (const byte of bytes) text += byte.toString(16).padStart(2, '0');
  return text;
}

/** Bytes of hex text; whitespace between digits is ignored. Rejects with `hex-text`. */
export function fromHex(text: string): WireResult<Uint8Array> {
  const digits = text.replace(/\s+/g, '');
  if (!/^[0-9a-fA-F]*$/.test(digits)) return reject('hex-text', 'a character is not a hex digit');
  if (digits.length % 2 !== 0) return reject('hex-text', `${digits.length} digits`);
  const bytes = new Uint8Array(digits.length / 2);
  for (let i = 0; i < bytes.length; i++) bytes[i] = Number.parseInt(digits.slice(2 * i, 2 * i + 2), 16);
  return { ok: true, value: bytes };
}

/** True when `text` is strict hex with an even digit count (no whitespace). */
export function isHexBytes(text: string, bytesMax: number): boolean {
  return /^([0-9a-f]{2})*$/.test(text) && text.length <= 2 * bytesMax;
}

/** One char per byte (latin1): every byte sequence maps to a string and back unchanged. */
export function latin1String(bytes: Uint8Array): string {
  let text = '';
  for (const byte of bytes) text += String.fromCharCode(byte);
  return text;
}

/** True when every char of `text` is a single byte (code unit 0..255). */
export function isLatin1(text: string): boolean {
  return /^[\u0000-\u00ff]*$/.test(text);
}

/** The bytes of a latin1 string; the caller has checked `isLatin1`. */
export function latin1Bytes(text: string): Uint8Array {
  assert(isLatin1(text), 'string has a char above U+00FF');
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}

/** Hex of `bytes` with trailing zero bytes dropped ('' when all zero). */
export function trimmedHex(bytes: Uint8Array): string {
  let end = bytes.length;
  while (end > 0 && bytes[end - 1] === 0) end--;
  return toHex(bytes.subarray(0, end));
}
