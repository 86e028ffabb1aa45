// Goal: a save is atomic (one that fails part way, as a full disk or a kill does, leaves the previous
// snapshot whole and resumable), and a damaged snapshot is bad input (InputError), never anything else.
// Method: a write hook that fails after n bytes, for many n; truncated and byte-flipped copies of a real snapshot.
import { fc, test } from '@fast-check/vitest';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checker, openSnapshot, SNAPSHOT } from '../../../checker/index.js';
import type { WriteBytes } from '../../../checker/checkpoint/snapshot-file.js';
import { writeAll } from '../../../checker/checkpoint/snapshot-file.js';
import { InputError } from '../../../lib/index.js';
import { twophaseModel } from '../../../model/twophase/index.js';
import { scratchDir } from '../../helpers/cli.js';

const model = twophaseModel(3, 'none');
const whole = checker(model).bfs().stats;

/** Runs the search until `polls` polls have passed, saving (through `write`) as it stops. */
function stopAndSave(dir: string, polls: number, write: WriteBytes = writeAll) {
  let calls = 0;
  return checker(model, { checkpoint: { dir, intervalMs: 3_600_000, identity: 'id', write } })
    .onProgress(() => undefined, 1)
    .memoryLimit(() => ++calls > polls)
    .bfs();
}

function resumed(dir: string) {
  const saved = openSnapshot(dir, 'id');
  if (saved === undefined) throw new Error('no snapshot');
  return checker(model).resumeFrom(saved).bfs().stats;
}

/** Fails once `limit` bytes have been written, as a full disk would. */
const failingAfter = (limit: number): WriteBytes => {
  let written = 0;
  return (fd, bytes, position) => {
    if (written + bytes.length > limit) throw new Error('no space left on device');
    written += bytes.length;
    writeAll(fd, bytes, position);
  };
};

describe('saving a checkpoint', () => {
  const dir = scratchDir();
  stopAndSave(dir, 2);
  const size = readFileSync(join(dir, SNAPSHOT)).length;

  it.each([0, 10, 100, 1000, size - 1])('a save failing after %i bytes leaves the previous snapshot whole', (limit) => {
    const before = readFileSync(join(dir, SNAPSHOT));
    expect(() => stopAndSave(dir, 5, failingAfter(limit))).toThrow(/cannot save a checkpoint .*no space left on device.*previous snapshot is intact/);
    expect(readFileSync(join(dir, SNAPSHOT)).equals(before)).toBe(true);
    expect(readdirSync(dir).sort()).toEqual([SNAPSHOT]);
    const r = resumed(dir);
    expect([r.distinctStates, r.transitions, r.depth]).toEqual([whole.distinctStates, whole.transitions, whole.depth]);
  });

  it('a half-written temporary file (a kill in the middle of a save) is ignored, then replaced', () => {
    const killed = scratchDir();
    stopAndSave(killed, 2);
    writeFileSync(join(killed, `${SNAPSHOT}.tmp`), readFileSync(join(killed, SNAPSHOT)).subarray(0, 50));
    expect(resumed(killed).distinctStates).toBe(whole.distinctStates);
    expect(stopAndSave(killed, 6).verdict).toBe('incomplete');
    expect(readdirSync(killed).sort()).toEqual([SNAPSHOT]);
  });

  it('refuses the snapshot of another check', () => {
    expect(() => openSnapshot(dir, 'another')).toThrow(/a snapshot of another check \(id\), not of this one \(another\)/);
  });
});

describe('reading a damaged snapshot', () => {
  const dir = scratchDir();
  stopAndSave(dir, 3);
  const good = readFileSync(join(dir, SNAPSHOT));

  /** Resumes from `bytes` as the snapshot: the result's verdict, or the error's class. */
  function outcome(bytes: Uint8Array): string {
    const copy = scratchDir();
    writeFileSync(join(copy, SNAPSHOT), bytes);
    try {
      const saved = openSnapshot(copy, 'id');
      return saved === undefined ? 'none' : checker(model).resumeFrom(saved).bfs().verdict;
    } catch (err) {
      return err instanceof InputError ? 'InputError' : `other: ${String(err)}`;
    }
  }

  test.prop([fc.nat()], { numRuns: 60 })('a truncated file is bad input', (n) => {
    expect(outcome(good.subarray(0, n % good.length))).toBe('InputError');
  });

  test.prop([fc.nat(), fc.integer({ min: 1, max: 255 })], { numRuns: 120 })('a flipped byte is caught or harmless, never a crash', (at, xor) => {
    const bad = Uint8Array.from(good);
    bad[at % bad.length] = (bad[at % bad.length] as number) ^ xor;
    expect(['InputError', 'ok', 'incomplete', 'violation', 'deadlock']).toContain(outcome(bad));
  });

  it('names trailing bytes and a foreign file', () => {
    expect(outcome(Buffer.concat([good, Buffer.from('x')]))).toBe('InputError');
    expect(outcome(Buffer.from('#!/bin/sh\necho hello\n'))).toBe('InputError');
    expect(existsSync(join(dir, SNAPSHOT))).toBe(true);
  });
});
