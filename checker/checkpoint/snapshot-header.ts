/**
 * The head of a snapshot file: the magic word, the format version, and a JSON header whose every
 * field is checked for its type and against the others before any of the file's bulk is read.
 */
import { endianness } from 'node:os';
import type { SavedPosition } from './checkpoint.js';
import type { SearchCounters } from '../context/context.js';
import { SnapshotFormatError, type SnapshotReader } from './snapshot-file.js';

export const MAGIC = 'sim-snap';
export const FORMAT_VERSION = 1;
const HEADER_BYTES_MAX = 1 << 24;

export interface SnapshotHeader {
  identity: string;
  endianness: string;
  counters: SearchCounters;
  position: SavedPosition;
  table: { capacity: number; size: number };
  links: { length: number };
  levels: { encoding: 'packed' | 'json'; frontier: number; next: number };
}

type Fields = Record<string, unknown>;

function record(value: unknown, where: string): Fields {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new SnapshotFormatError(`its header's ${where} is not an object`);
  return value as Fields;
}

function count(fields: Fields, key: string, where: string): number {
  const n = fields[key];
  if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 0) throw new SnapshotFormatError(`its header's ${where}.${key} is not a count`);
  return n;
}

function strings(value: unknown, where: string): string[] {
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) throw new SnapshotFormatError(`its header's ${where} is not a list of names`);
  return value as string[];
}

function countersOf(value: unknown): SearchCounters {
  const c = record(value, 'counters');
  const elapsedMs = c.elapsedMs;
  if (typeof elapsedMs !== 'number' || !Number.isFinite(elapsedMs) || elapsedMs < 0) throw new SnapshotFormatError(`its header's counters.elapsedMs is not a duration`);
  const counters: SearchCounters = {
    transitions: count(c, 'transitions', 'counters'),
    depth: count(c, 'depth', 'counters'),
    elapsedMs,
    reachedWitnesses: strings(c.reachedWitnesses, 'counters.reachedWitnesses'),
  };
  if (c.coverage === undefined) return counters;
  const coverage = record(c.coverage, 'counters.coverage');
  const fired = coverage.fired;
  const valid = Array.isArray(fired) && fired.every((f) => Array.isArray(f) && f.length === 2 && typeof f[0] === 'string' && Number.isSafeInteger(f[1]) && f[1] >= 0);
  if (!valid) throw new SnapshotFormatError(`its header's counters.coverage.fired is not a list of [action type, count]`);
  return { ...counters, coverage: { fired: fired as [string, number][], enabled: strings(coverage.enabled, 'counters.coverage.enabled') } };
}

/** Reads and checks the head of the file; the reader is left at the first section. */
export function readHeader(reader: SnapshotReader): SnapshotHeader {
  if (reader.size < MAGIC.length + 8) throw new SnapshotFormatError(`it is not a snapshot of sim check (${reader.size} bytes)`);
  if (String.fromCharCode(...reader.take(MAGIC.length)) !== MAGIC) throw new SnapshotFormatError(`it is not a snapshot of sim check (it does not start with '${MAGIC}')`);
  const version = reader.u32();
  if (version !== FORMAT_VERSION) {
    throw new SnapshotFormatError(`it is in snapshot format ${version}, written by a${version > FORMAT_VERSION ? ' newer' : 'n older'} sim; this one reads format ${FORMAT_VERSION}`);
  }
  const length = reader.u32();
  if (length > HEADER_BYTES_MAX) throw new SnapshotFormatError(`its header claims ${length} bytes`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(reader.take(length)));
  } catch (err) {
    if (err instanceof SnapshotFormatError) throw err;
    throw new SnapshotFormatError(`its header is not JSON`);
  }
  return consistent(headerOf(record(parsed, 'top level')));
}

function headerOf(h: Fields): SnapshotHeader {
  if (typeof h.identity !== 'string') throw new SnapshotFormatError(`its header's identity is not a string`);
  if (h.endianness !== endianness()) throw new SnapshotFormatError(`its numbers are ${String(h.endianness)}-endian; this machine's are ${endianness()}-endian`);
  const position = record(h.position, 'position');
  const table = record(h.table, 'table');
  const levels = record(h.levels, 'levels');
  if (levels.encoding !== 'packed' && levels.encoding !== 'json') throw new SnapshotFormatError(`its header's levels.encoding is neither packed nor json`);
  return {
    identity: h.identity,
    endianness: endianness(),
    counters: countersOf(h.counters),
    position: { level: count(position, 'level', 'position'), frontierStart: count(position, 'frontierStart', 'position'), expanded: count(position, 'expanded', 'position') },
    table: { capacity: count(table, 'capacity', 'table'), size: count(table, 'size', 'table') },
    links: { length: count(record(h.links, 'links'), 'length', 'links') },
    levels: { encoding: levels.encoding, frontier: count(levels, 'frontier', 'levels'), next: count(levels, 'next', 'levels') },
  };
}

/** The counts must agree: one fingerprint and one parent link per state, and the levels hold the last ids. */
function consistent(h: SnapshotHeader): SnapshotHeader {
  const states = h.links.length;
  if (h.table.size !== states) throw new SnapshotFormatError(`its header counts ${h.table.size} fingerprints for ${states} states`);
  if (h.table.size >= h.table.capacity) throw new SnapshotFormatError(`its header puts ${h.table.size} fingerprints in a table of ${h.table.capacity} slots`);
  const ids = h.position.frontierStart + h.levels.frontier + h.levels.next;
  if (ids !== states) throw new SnapshotFormatError(`its levels end at state ${ids}, but it holds ${states} states`);
  return h;
}
