/**
 * Canonical JSON: object keys sorted, arrays kept in order. Two states that differ only in key
 * insertion order encode to the same text. Anything JSON cannot carry exactly (undefined, NaN,
 * Infinity, bigint, functions, class instances) is refused with the path where it was found:
 * JSON would silently write `null` or drop the key, so a saved state would not be the state that
 * was checked (a trace could show a violating state as one that satisfies the invariant).
 */

/** Thrown for a value JSON cannot represent faithfully; `path` is like `$.procs[2].state`. */
export class NotJsonError extends Error {
  override name = 'NotJsonError';
  constructor(readonly path: string, readonly what: string) {
    super(`${what} at ${path} is not JSON data`);
  }
}

function isPlainObject(v: object): boolean {
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/** A copy of `value` with keys in sorted order; throws NotJsonError for non-JSON data. */
export function canonicalize(value: unknown, path = '$'): unknown {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      if (!Number.isFinite(value)) throw new NotJsonError(path, String(value));
      return Object.is(value, -0) ? 0 : value;
    case 'object': {
      if (value === null) return null;
      if (Array.isArray(value)) {
        // A loop, not map(): map skips the holes of a sparse array, and a hole is undefined.
        const items: unknown[] = [];
        for (let i = 0; i < value.length; i++) items.push(canonicalize(value[i], `${path}[${i}]`));
        return items;
      }
      if (!isPlainObject(value)) throw new NotJsonError(path, `a ${value.constructor?.name ?? 'non-plain'} object`);
      const out: Record<string, unknown> = {};
      const record = value as Record<string, unknown>;
      for (const key of Object.keys(record).sort()) {
        // defineProperty, not assignment: a "__proto__" key is data, as JSON.parse makes it.
        Object.defineProperty(out, key, { value: canonicalize(record[key], `${path}.${key}`), enumerable: true, writable: true, configurable: true });
      }
      return out;
    }
    case 'undefined':
      throw new NotJsonError(path, 'undefined');
    default:
      throw new NotJsonError(path, `a ${typeof value}`);
  }
}

/** Compact canonical JSON text of `value`. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(canonicalize(value));
}

/** True when `a` and `b` are the same JSON data, whatever their key order. */
export function jsonEqual(a: unknown, b: unknown): boolean {
  return canonicalJson(a) === canonicalJson(b);
}
