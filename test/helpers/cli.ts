// Drives the `sim` command line: in-process through main() for speed, or as a real process
// (the built bin/sim.js) where exit codes and separate processes matter.
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { expect } from 'vitest';
import type { Io } from '../../cli/io.js';
import { main } from '../../cli/main.js';

export const repoRoot = resolve(import.meta.dirname, '../..');
export const fixture = (name: string): string => join(repoRoot, 'test/fixtures/models', name);

export interface SimOutput {
  code: number;
  stdout: string;
  stderr: string;
}

/** A fresh empty directory to run in, so default trace files land somewhere disposable. */
export function scratchDir(): string {
  return mkdtempSync(join(tmpdir(), 'sim-test-'));
}

/** Runs `sim ARGS` in this process; `io` overrides the stream flags and the clock (a terminal, a moving clock). */
export async function sim(args: string[], cwd = scratchDir(), io: Partial<Pick<Io, 'stderrIsTTY' | 'stdoutIsTTY' | 'now'>> = {}): Promise<SimOutput> {
  let stdout = '';
  let stderr = '';
  const code = await main(args, {
    stdout: { write: (t: string | Uint8Array) => (stdout += typeof t === 'string' ? t : Buffer.from(t).toString('latin1')) },
    stderr: { write: (t: string) => (stderr += t) },
    stdin: Readable.from([]),
    cwd,
    stderrIsTTY: false,
    stdoutIsTTY: false,
    stdinIsTTY: false,
    env: {},
    now: () => 0,
    ...io,
  });
  return { code, stdout, stderr };
}

/** Runs the built `bin/sim.js ARGS` as its own process. */
export function simProcess(args: string[], cwd = scratchDir()): SimOutput {
  const r = spawnSync(process.execPath, [join(repoRoot, 'bin/sim.js'), ...args], { cwd, encoding: 'utf8', env: { ...process.env, CI: 'true' } });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/**
 * Bad input as the rules want it: exit 2, nothing on stdout, exactly one line on stderr that
 * matches `pattern`, and neither a stack trace nor "internal error".
 */
export function expectRefused(r: SimOutput, pattern: RegExp): void {
  expect(r.code, r.stderr).toBe(2);
  expect(r.stdout).toBe('');
  const lines = r.stderr.trimEnd().split('\n');
  expect(lines, r.stderr).toHaveLength(1);
  expect(lines[0]).toMatch(/^(sim|model-check): /);
  expect(lines[0]).toMatch(pattern);
  expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
}
