/**
 * Checkpoints of a breadth-first search, so a killed check can resume. A snapshot is one file,
 * `snapshot.bin`: a magic word and format version, a JSON header (the check's identity, the
 * counters, where the search stands, every length), then the fingerprint table and the parent
 * links as raw arrays, then the unexpanded part of the current level and the part of the next
 * level found so far as records (packed bytes, or JSON for a model without encode/decode). It is
 * streamed into a temporary file, put on disk, and renamed over the previous one, so a kill at
 * any moment leaves the previous snapshot whole. A snapshot is data: reading one runs no code,
 * and whatever in it cannot be right is bad input, named.
 */
import { closeSync, fstatSync, fsyncSync, lstatSync, mkdirSync, openSync, renameSync, rmSync } from 'node:fs';
import { endianness } from 'node:os';
import { join } from 'node:path';
import { InputError, messageOf } from '../../lib/index.js';
import type { SearchCounters } from '../context/context.js';
import { FingerprintTable } from '../store/fingerprint-table.js';
import type { Level } from '../store/level.js';
import { ParentLinks } from '../store/parent-links.js';
import { FORMAT_VERSION, MAGIC, readHeader, type SnapshotHeader } from './snapshot-header.js';
import { bytesOf, SnapshotFormatError, SnapshotReader, SnapshotWriter, writeAll, type WriteBytes } from './snapshot-file.js';

export const SNAPSHOT = 'snapshot.bin';
const TEMPORARY = `${SNAPSHOT}.tmp`;
/** A record longer than this is not a state. */
const RECORD_BYTES_MAX = 1 << 26;
const SECTIONS = ['TABL', 'LINK', 'FRNT', 'NEXT'] as const;

export interface CheckpointOptions {
  readonly dir: string;
  readonly intervalMs: number;
  /** What the check is (model, parameters), as the caller words it: a snapshot of another check is refused. */
  readonly identity: string;
  readonly write?: WriteBytes;
}

/** Where the search stands, besides its levels. */
export interface SavedPosition {
  level: number;
  /** The state id of the frontier's first unexpanded state. */
  frontierStart: number;
  expanded: number;
}

/** A search as a save takes it: the frontier from `from` on, and the next level. */
export interface LiveSearch<S> {
  counters: SearchCounters;
  position: SavedPosition;
  table: FingerprintTable;
  links: ParentLinks;
  frontier: Level<S>;
  from: number;
  next: Level<S> | null;
}

/** A snapshot whose header has been read and checked; `readSnapshot` reads the rest. */
export interface SavedSnapshot {
  readonly file: string;
  readonly header: SnapshotHeader;
}

export interface RestoredSearch<S> {
  counters: SearchCounters;
  position: SavedPosition;
  table: FingerprintTable;
  links: ParentLinks;
  frontier: Level<S>;
  next: Level<S>;
}

/** Writes a snapshot of `search` into the folder, replacing the previous one only once it is whole. */
export function saveSnapshot<S>(options: CheckpointOptions, search: LiveSearch<S>): void {
  const temporary = join(options.dir, TEMPORARY);
  let fd: number | undefined;
  try {
    mkdirSync(options.dir, { recursive: true });
    fd = openSync(temporary, 'w');
    writeSnapshot(new SnapshotWriter(fd, options.write ?? writeAll), options.identity, search);
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    renameSync(temporary, join(options.dir, SNAPSHOT));
    syncFolder(options.dir);
  } catch (err) {
    if (fd !== undefined) closeSync(fd);
    rmSync(temporary, { force: true });
    throw new InputError(`cannot save a checkpoint in ${options.dir}: ${messageOf(err)} (its previous snapshot is intact)`);
  }
}

function writeSnapshot<S>(out: SnapshotWriter, identity: string, search: LiveSearch<S>): void {
  const { table, links, frontier, from, next } = search;
  const saved = table.snapshot();
  const header: SnapshotHeader = {
    identity,
    endianness: endianness(),
    counters: search.counters,
    position: search.position,
    table: { capacity: saved.capacity, size: saved.size },
    links: { length: links.length },
    levels: { encoding: frontier.encoding, frontier: frontier.length - from, next: next?.length ?? 0 },
  };
  out.bytes(utf8(MAGIC));
  out.u32(FORMAT_VERSION);
  out.record(utf8(JSON.stringify(header)));
  section(out, 'TABL', () => out.bytes(bytesOf(saved.slots)));
  section(out, 'LINK', () => links.views().forEach((v) => out.bytes(bytesOf(v))));
  section(out, 'FRNT', () => records(out, frontier, from));
  section(out, 'NEXT', () => next && records(out, next, 0));
  out.flush();
}

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

/** A section: its tag, its byte length (filled in after), its bytes. */
function section(out: SnapshotWriter, tag: string, write: () => void): void {
  out.bytes(utf8(tag));
  const at = out.position;
  out.u64(0);
  write();
  out.patchU64(at, out.position - at - 8);
}

function records<S>(out: SnapshotWriter, level: Level<S>, from: number): void {
  for (let i = from; i < level.length; i++) out.record(level.savedAt(i));
}

/** The folder's snapshot with its header checked against `identity`, or undefined when it holds none. */
export function openSnapshot(dir: string, identity: string): SavedSnapshot | undefined {
  const file = join(dir, SNAPSHOT);
  let stat;
  try {
    stat = lstatSync(file);
  } catch {
    return undefined;
  }
  if (!stat.isFile()) throw new InputError(`checkpoint ${file} is not a regular file (a link or a folder is not followed)`);
  return withFile(file, (reader) => {
    const header = readHeader(reader);
    if (header.identity !== identity) throw new SnapshotFormatError(`it is a snapshot of another check (${header.identity}), not of this one (${identity})`);
    return { file, header };
  });
}

/** The whole snapshot: table, links, and levels made by `newLevel` (which may spill them). */
export function readSnapshot<S>(saved: SavedSnapshot, newLevel: () => Level<S>): RestoredSearch<S> {
  return withFile(saved.file, (reader) => {
    const header = readHeader(reader);
    const frontier = newLevel();
    const next = newLevel();
    if (header.levels.encoding !== frontier.encoding) throw new SnapshotFormatError(`its states are stored as ${header.levels.encoding}, but this model's as ${frontier.encoding}`);
    const table = FingerprintTable.restore({ ...header.table, slots: readTable(reader, header) });
    const links = readLinks(reader, header.links.length);
    readRecords(reader, 'FRNT', header.levels.frontier, frontier);
    readRecords(reader, 'NEXT', header.levels.next, next);
    if (reader.left !== 0) throw new SnapshotFormatError(`it has ${reader.left} bytes after its last section`);
    return { counters: header.counters, position: header.position, table, links, frontier, next };
  });
}

/** Runs `read` over the open file; anything wrong with the file becomes one line naming it. */
function withFile<T>(file: string, read: (reader: SnapshotReader) => T): T {
  let fd: number | undefined;
  try {
    fd = openSync(file, 'r');
    return read(new SnapshotReader(fd, fstatSync(fd).size));
  } catch (err) {
    if (err instanceof InputError) throw err;
    throw new InputError(`checkpoint ${file} is unreadable: ${messageOf(err)}`);
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** Reads a section's tag and length; the length must be what the header implies, when it implies one. */
function sectionLength(reader: SnapshotReader, tag: (typeof SECTIONS)[number], expected?: number): number {
  const got = String.fromCharCode(...reader.take(4));
  if (got !== tag) throw new SnapshotFormatError(`section ${tag} expected at byte ${reader.position - 4}; found '${got.replace(/[^ -~]/g, '?')}'`);
  const length = reader.u64();
  if (expected !== undefined && length !== expected) throw new SnapshotFormatError(`section ${tag} holds ${length} bytes where its header says ${expected}`);
  if (length > reader.left) throw new SnapshotFormatError(`section ${tag} claims ${length} bytes; the file has ${reader.left} left (a truncated file)`);
  return length;
}

function readTable(reader: SnapshotReader, header: SnapshotHeader): Uint32Array {
  const { capacity, size } = header.table;
  sectionLength(reader, 'TABL', capacity * 8);
  const slots = new Uint32Array(capacity * 2);
  reader.into(bytesOf(slots));
  let used = 0;
  for (let j = 0; j < slots.length; j += 2) if (slots[j] !== 0 || slots[j + 1] !== 0) used++;
  if (used !== size) throw new SnapshotFormatError(`its seen table holds ${used} fingerprints where its header says ${size}`);
  return slots;
}

function readLinks(reader: SnapshotReader, length: number): ParentLinks {
  sectionLength(reader, 'LINK', length * 8);
  let id = 0;
  return ParentLinks.restore(length, (view) => {
    reader.into(bytesOf(view));
    for (let j = 0; j < view.length; j += 2, id++) {
      const parent = view[j] as number;
      const action = view[j + 1] as number;
      // A state's parent came before it; an initial state (parent < 0) has no action.
      const root = parent < 0 && action === -1;
      if (!root && !(parent >= 0 && parent < id && action >= 0)) throw new SnapshotFormatError(`the parent link of state ${id} (${parent}, ${action}) is impossible`);
    }
  });
}

function readRecords<S>(reader: SnapshotReader, tag: 'FRNT' | 'NEXT', count: number, level: Level<S>): void {
  const length = sectionLength(reader, tag);
  const end = reader.position + length;
  for (let i = 0; i < count; i++) {
    const bytes = reader.u32();
    if (bytes > RECORD_BYTES_MAX || reader.position + bytes > end) throw new SnapshotFormatError(`state ${i} of section ${tag} claims ${bytes} bytes, past the section's end`);
    try {
      level.pushSaved(reader.take(bytes));
    } catch (err) {
      throw new SnapshotFormatError(`state ${i} of section ${tag} cannot be read: ${messageOf(err)}`);
    }
  }
  if (reader.position !== end) throw new SnapshotFormatError(`section ${tag} holds more than its ${count} states`);
}

/** Puts a rename on disk: the folder's entry, not just the file. */
function syncFolder(dir: string): void {
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Removes the folder's snapshot (a finished check's), and a temporary one a kill left behind. */
export function removeSnapshot(dir: string): void {
  rmSync(join(dir, SNAPSHOT), { force: true });
  rmSync(join(dir, TEMPORARY), { force: true });
}
