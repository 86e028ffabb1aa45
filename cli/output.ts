/** What reaches the terminal: numbers for people, progress on a TTY only, files written whole. */
import { renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { InputError, messageOf } from '../lib/index.js';
import type { ProgressReport } from '../checker/index.js';
import type { Io } from './io.js';

/** The widest of `names` (at least `min`), without spreading a long list into arguments. */
export function widthOf(names: readonly string[], min = 0): number {
  let width = min;
  for (const n of names) if (n.length > width) width = n.length;
  return width;
}

/** 1234567 → "1,234,567". Not toLocaleString: its first call loads ICU, 20 to 40 ms of every run. */
export function count(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  const rounded = Math.round(n);
  const digits = String(Math.abs(rounded));
  let out = digits.slice(0, digits.length % 3 || 3);
  for (let i = out.length; i < digits.length; i += 3) out += `,${digits.slice(i, i + 3)}`;
  return rounded < 0 ? `-${out}` : out;
}

/** `{ rm: 3, bug: 'none' }` → "rm=3, bug=none". */
export function paramText(params: Readonly<Record<string, unknown>>): string {
  return Object.entries(params).map(([k, v]) => `${k}=${String(v)}`).join(', ');
}

/** Writes to a temporary name and renames, so no command leaves a half-written file. */
export function writeFileAtomic(path: string, data: string | Uint8Array): void {
  const temporary = `${path}.tmp-${process.pid}`;
  try {
    writeFileSync(temporary, data);
    renameSync(temporary, path);
  } catch (err) {
    try {
      unlinkSync(temporary);
    } catch {
      // nothing was written
    }
    throw new InputError(`cannot write ${path}: ${messageOf(err)}`);
  }
}

export function resolveOut(io: Io, file: string): string {
  return resolve(io.cwd, file);
}

/**
 * One progress line for long work: rewritten in place at most twice a second, on stderr only when
 * it is a terminal and --json is off. Returns the callback and a `done` that clears the line.
 */
export function throttledLine<P>(io: Io, enabled: boolean, text: (p: P) => string): { report: (p: P) => void; done: () => void } {
  if (!enabled) return { report: () => {}, done: () => {} };
  let last = 0;
  let shown = false;
  return {
    report(p) {
      const now = io.now();
      if (now - last < 500) return;
      last = now;
      shown = true;
      io.stderr.write(`\r\x1b[K${text(p)}`);
    },
    done() {
      if (shown) io.stderr.write('\r\x1b[K');
    },
  };
}

/** The checker's progress line: states, depth, rate, queue and memory. */
export function progressLine(io: Io, enabled: boolean): { report: (p: ProgressReport) => void; done: () => void } {
  return throttledLine<ProgressReport>(io, enabled, (p) => {
    const rate = p.elapsedMs > 0 ? (p.distinctStates * 1000) / p.elapsedMs : 0;
    const mb = (process.memoryUsage().rss / 2 ** 20).toFixed(0);
    return `  states ${count(p.distinctStates)}  depth ${p.depth}  ${count(rate)} states/s  queue ${count(p.queued)}  mem ${mb} MB`;
  });
}
