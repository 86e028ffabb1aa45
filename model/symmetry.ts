/**
 * An exact `representative` for the common case: a state whose actors are interchangeable IDs,
 * with per-ID data in arrays indexed by ID or records keyed by ID, and IDs named as values
 * elsewhere (a leader, a message's sender). The representative is the least (as canonical JSON)
 * of the renamings that sort the IDs by their data, so two states that differ only by a renaming
 * get the same one, and a state only ever gets a renaming of itself.
 */
import { canonicalJson } from '../lib/index.js';

/** Where in a state: keys, and `*` for every element of an array or every value of a record. */
export type IdPath = readonly string[];

export interface InterchangeableIds {
  /** The IDs, in the order arrays are indexed by (position i holds ids[i]'s data). */
  readonly ids: readonly (number | string)[];
  /** Arrays indexed by ID. A path under another ID path (a matrix's rows) is renamed too. */
  readonly indexed?: readonly IdPath[];
  /** Records keyed by ID (the key is `String(id)`); keys that are no ID stay. */
  readonly keyed?: readonly IdPath[];
  /** Values that are IDs (a number or a string), renamed with them; other values stay. */
  readonly references?: readonly IdPath[];
}

/** `value` with `f` applied at `path` (from `at` on); containers on the way are copied, the rest shared. */
function mapAt(value: unknown, path: IdPath, at: number, f: (v: unknown) => unknown): unknown {
  if (at === path.length) return f(value);
  if (value === null || typeof value !== 'object') return value;
  const key = path[at] as string;
  if (Array.isArray(value)) return key === '*' ? value.map((v) => mapAt(v, path, at + 1, f)) : value;
  const record = value as Record<string, unknown>;
  if (key === '*') return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, mapAt(v, path, at + 1, f)]));
  if (!Object.hasOwn(record, key)) return value;
  return { ...record, [key]: mapAt(record[key], path, at + 1, f) };
}

/** The containers found at `path` (every one, through `*`). */
function containersAt(value: unknown, path: IdPath, at = 0, out: unknown[] = []): unknown[] {
  if (at === path.length) {
    out.push(value);
    return out;
  }
  if (value === null || typeof value !== 'object') return out;
  const key = path[at] as string;
  const record = value as Record<string, unknown>;
  if (key === '*') for (const v of Object.values(record)) containersAt(v, path, at + 1, out);
  else if (!Array.isArray(value) && Object.hasOwn(record, key)) containersAt(record[key], path, at + 1, out);
  return out;
}

const startsWith = (path: IdPath, prefix: IdPath): boolean => prefix.length < path.length && prefix.every((k, i) => path[i] === k);

/** Builds the representative function that `spec` describes. */
export function interchangeableIds<S>(spec: InterchangeableIds): (s: S) => S {
  const { ids } = spec;
  const indexed = spec.indexed ?? [];
  const keyed = spec.keyed ?? [];
  const references = spec.references ?? [];
  const position = new Map(ids.map((id, i) => [String(id), i]));
  const perId = [...indexed, ...keyed];
  // Paths under another ID path: their order inside a slice changes with a renaming.
  const nested = perId.filter((p) => perId.some((q) => startsWith(p, q)));
  const ambiguous = references.length > 0 || nested.length > 0;
  const direct = perId.filter((p) => !nested.includes(p));
  const nestedDeepestFirst = [...nested].sort((a, b) => b.length - a.length);

  /** `perm[i]`: the new position of ids[i]. */
  const permute = (s: unknown, perm: readonly number[]): unknown => {
    const rename = (v: unknown): unknown => {
      if (typeof v !== 'number' && typeof v !== 'string') return v;
      const i = position.get(String(v));
      if (i === undefined) return v;
      const to = ids[perm[i] as number] as number | string;
      return typeof to === typeof v ? to : String(to);
    };
    let out = s;
    for (const p of references) out = mapAt(out, p, 0, rename);
    for (const p of indexed) {
      out = mapAt(out, p, 0, (a) => {
        if (!Array.isArray(a)) return a;
        const moved = a.slice();
        for (let i = 0; i < ids.length && i < a.length; i++) moved[perm[i] as number] = a[i];
        return moved;
      });
    }
    for (const p of keyed) out = mapAt(out, p, 0, (r) => (r === null || typeof r !== 'object' || Array.isArray(r) ? r : renameKeys(r as Record<string, unknown>, rename)));
    return out;
  };

  /**
   * Each ID's data with the renaming taken out: references blanked, and per-ID containers inside a
   * slice as a sorted list. A renaming moves this data with the ID and changes nothing else in it.
   */
  const colours = (s: unknown): Slice[] => {
    let masked = s;
    for (const p of references) masked = mapAt(masked, p, 0, () => null);
    for (const p of nestedDeepestFirst) {
      masked = mapAt(masked, p, 0, (c) => (c !== null && typeof c === 'object' ? Object.values(c).map((v) => canonicalJson(v)).sort() : c));
    }
    const containers = direct.flatMap((p) => containersAt(masked, p));
    return ids.map((id, i) =>
      containers.map((c) => {
        const v = Array.isArray(c) ? c[i] : c !== null && typeof c === 'object' ? (c as Record<string, unknown>)[String(id)] : undefined;
        // Most per-ID data is a flag or a name, compared as it is; canonical JSON for the rest.
        return v === undefined || v === null ? null : typeof v === 'object' ? new JsonText(canonicalJson(v)) : (v as Primitive);
      }),
    );
  };

  return (s: S): S => {
    const colour = colours(s);
    const order = ids.map((_, i) => i).sort((a, b) => compareSlices(colour[a] as Slice, colour[b] as Slice) || a - b);
    if (!ambiguous) return order.every((id, rank) => id === rank) ? s : (permute(s, inverse(order)) as S);
    let best: unknown;
    let bestKey = '';
    for (const ranks of tiedOrders(order, colour)) {
      const candidate = permute(s, inverse(ranks));
      const key = canonicalJson(candidate);
      if (best === undefined || key < bestKey) {
        best = candidate;
        bestKey = key;
      }
    }
    return best as S;
  };
}

/** An object or array in an ID's data, as its canonical JSON. */
class JsonText {
  constructor(readonly text: string) {}
}
/** One ID's data: per container, a flag, number, name, null or JSON text. */
type Primitive = boolean | number | string | null;
type Slice = (Primitive | JsonText)[];

const rankOf = (v: Primitive | JsonText): number => (v === null ? 0 : v instanceof JsonText ? 4 : typeof v === 'boolean' ? 1 : typeof v === 'number' ? 2 : 3);

/** A total order on the data, the same on every machine (strings by code unit, no locale). */
function compareSlices(x: Slice, y: Slice): number {
  for (let k = 0; k < x.length; k++) {
    let a = x[k] as Primitive | JsonText;
    let b = y[k] as Primitive | JsonText;
    if (a === b) continue;
    const ra = rankOf(a);
    const rb = rankOf(b);
    if (ra !== rb) return ra - rb;
    if (a instanceof JsonText) [a, b] = [a.text, (b as JsonText).text];
    if (a !== b) return (a as number | string) < (b as number | string) ? -1 : 1;
  }
  return 0;
}

/** A record with its ID keys renamed (key order does not matter to a state's identity). */
function renameKeys(r: Record<string, unknown>, rename: (v: unknown) => unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(r)) out[String(rename(k))] = v;
  return out;
}

/** `order[r]` is the ID at rank r; the answer gives each ID its rank. */
function inverse(order: readonly number[]): number[] {
  const perm = new Array<number>(order.length);
  order.forEach((id, rank) => {
    perm[id] = rank;
  });
  return perm;
}

/** Every order that sorts the IDs by colour: `order` with each run of equal colours permuted every way. */
function* tiedOrders(order: readonly number[], colour: readonly Slice[]): Generator<number[]> {
  const blocks: [number, number][] = [];
  for (let start = 0; start < order.length; ) {
    let end = start + 1;
    while (end < order.length && compareSlices(colour[order[end] as number] as Slice, colour[order[start] as number] as Slice) === 0) end++;
    blocks.push([start, end]);
    start = end;
  }
  const current = order.slice();
  function* fill(b: number): Generator<number[]> {
    if (b === blocks.length) {
      yield current.slice();
      return;
    }
    const [start, end] = blocks[b] as [number, number];
    for (const arrangement of permutations(order.slice(start, end))) {
      current.splice(start, end - start, ...arrangement);
      yield* fill(b + 1);
    }
  }
  yield* fill(0);
}

function* permutations(items: readonly number[]): Generator<number[]> {
  if (items.length <= 1) {
    yield items.slice();
    return;
  }
  for (let i = 0; i < items.length; i++) {
    const rest = [...items.slice(0, i), ...items.slice(i + 1)];
    for (const tail of permutations(rest)) yield [items[i] as number, ...tail];
  }
}
