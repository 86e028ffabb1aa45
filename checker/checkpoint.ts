/**
 * Checkpoints of a breadth-first search, so a killed check can resume: the fingerprint table and
 * parent links as raw typed arrays, the unexpanded part of the current level and the part of the
 * next level found so far as JSON lines, and the counters. A snapshot is written into a fresh
 * folder and then named by an atomically replaced pointer file, so a kill at any moment leaves
 * the previous snapshot whole. The folder is the checker's own storage, named by the caller.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { InputError, messageOf } from '../lib/index.js';
import type { SearchCounters } from './search.js';
import { FingerprintTable, ParentLinks } from './visited.js';

const POINTER = 'CURRENT';
const RESULT = 'result.json';

/** Where the search stands: enough to continue it exactly. */
export interface BfsPosition<S> {
  level: number;
  /** The state id of `frontier[0]`. */
  frontierStart: number;
  /** Unexpanded states of the current level, in order. */
  frontier: readonly S[];
  /** States of the next level found so far. */
  next: readonly S[];
  expanded: number;
}

export interface Snapshot<S> {
  counters: SearchCounters;
  position: BfsPosition<S>;
  table: FingerprintTable;
  links: ParentLinks;
}

function bytesOf(view: Uint32Array | Int32Array): Uint8Array {
  return new Uint8Array(view.buffer, view.byteOffset, view.byteLength);
}

function viewOf<T extends Uint32Array | Int32Array>(file: string, make: (b: ArrayBuffer) => T): T {
  const bytes = readFileSync(file);
  const copy = new ArrayBuffer(bytes.byteLength);
  new Uint8Array(copy).set(bytes);
  return make(copy);
}

const jsonLines = (states: readonly unknown[]): string => states.map((s) => JSON.stringify(s)).join('\n');
const readLines = (file: string): unknown[] => {
  const text = readFileSync(file, 'utf8');
  return text.length === 0 ? [] : text.split('\n').map((line) => JSON.parse(line) as unknown);
};

/** Writes a snapshot into `dir` (created if needed), replacing the previous one atomically. */
export function saveCheckpoint<S>(dir: string, snapshot: Snapshot<S>): void {
  mkdirSync(dir, { recursive: true });
  const previous = currentSnapshotName(dir);
  const name = `snapshot-${snapshot.counters.transitions}-${snapshot.links.length}`;
  const folder = join(dir, name);
  rmSync(folder, { recursive: true, force: true });
  mkdirSync(folder);
  const table = snapshot.table.snapshot();
  const links = snapshot.links.snapshot();
  const { frontier, next, ...position } = snapshot.position;
  writeFileSync(join(folder, 'table.bin'), bytesOf(table.slots));
  writeFileSync(join(folder, 'parents.bin'), bytesOf(links.parents));
  writeFileSync(join(folder, 'actions.bin'), bytesOf(links.actions));
  writeFileSync(join(folder, 'frontier.jsonl'), jsonLines(frontier));
  writeFileSync(join(folder, 'next.jsonl'), jsonLines(next));
  writeFileSync(join(folder, 'state.json'), JSON.stringify({ version: 1, counters: snapshot.counters, position, table: { capacity: table.capacity, size: table.size } }));
  writeFileSync(join(dir, `${POINTER}.tmp`), name);
  renameSync(join(dir, `${POINTER}.tmp`), join(dir, POINTER));
  for (const entry of readdirSync(dir)) {
    if (entry.startsWith('snapshot-') && entry !== name && entry !== previous) rmSync(join(dir, entry), { recursive: true, force: true });
  }
  if (previous && previous !== name) rmSync(join(dir, previous), { recursive: true, force: true });
}

function currentSnapshotName(dir: string): string | undefined {
  const pointer = join(dir, POINTER);
  return existsSync(pointer) ? readFileSync(pointer, 'utf8').trim() : undefined;
}

/** The snapshot `dir` names, or undefined when it holds none. */
export function loadCheckpoint<S>(dir: string): Snapshot<S> | undefined {
  const name = currentSnapshotName(dir);
  if (name === undefined) return undefined;
  const folder = join(dir, name);
  try {
    const head = JSON.parse(readFileSync(join(folder, 'state.json'), 'utf8')) as {
      version: number; counters: SearchCounters; position: Omit<BfsPosition<S>, 'frontier' | 'next'>; table: { capacity: number; size: number };
    };
    if (head.version !== 1) throw new Error(`checkpoint version ${head.version} is not 1`);
    const table = FingerprintTable.restore({ ...head.table, slots: viewOf(join(folder, 'table.bin'), (b) => new Uint32Array(b)) });
    const links = ParentLinks.restore({
      parents: viewOf(join(folder, 'parents.bin'), (b) => new Int32Array(b)),
      actions: viewOf(join(folder, 'actions.bin'), (b) => new Int32Array(b)),
    });
    const position = { ...head.position, frontier: readLines(join(folder, 'frontier.jsonl')) as S[], next: readLines(join(folder, 'next.jsonl')) as S[] };
    return { counters: head.counters, position, table, links };
  } catch (err) {
    throw new InputError(`checkpoint ${dir} is unreadable: ${messageOf(err)}`);
  }
}

/** Records the finished check's result, which resuming a finished check reports. */
export function saveResult(dir: string, result: unknown): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `${RESULT}.tmp`), JSON.stringify(result));
  renameSync(join(dir, `${RESULT}.tmp`), join(dir, RESULT));
}

export function loadResult(dir: string): unknown {
  const file = join(dir, RESULT);
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as unknown) : undefined;
}
