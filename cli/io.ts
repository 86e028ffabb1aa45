/** The process's streams and clock, passed in so commands can be driven by tests in-process. */
import { readFileSync } from 'node:fs';

export interface Io {
  readonly stdout: { write(text: string | Uint8Array): unknown };
  readonly stderr: { write(text: string): unknown };
  readonly stdin: NodeJS.ReadableStream;
  readonly cwd: string;
  /** Progress lines and the TUI only on a terminal. */
  readonly stderrIsTTY: boolean;
  readonly stdoutIsTTY: boolean;
  readonly stdinIsTTY: boolean;
  readonly env: NodeJS.ProcessEnv;
  /** Milliseconds, for elapsed times and progress rates only; never reaches a trace. */
  readonly now: () => number;
}

export function processIo(): Io {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    cwd: process.cwd(),
    stderrIsTTY: Boolean(process.stderr.isTTY),
    stdoutIsTTY: Boolean(process.stdout.isTTY),
    stdinIsTTY: Boolean(process.stdin.isTTY),
    env: process.env,
    now: () => performance.now(),
  };
}

let cachedVersion: string | undefined;

/** This tool's version, from package.json (found from the source tree or the built one). */
export function toolVersion(): string {
  if (cachedVersion !== undefined) return cachedVersion;
  for (const relative of ['../package.json', '../../package.json']) {
    try {
      const pkg = JSON.parse(readFileSync(new URL(relative, import.meta.url), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'blcr-dmlog-sim' && typeof pkg.version === 'string') return (cachedVersion = pkg.version);
    } catch {
      // try the next candidate
    }
  }
  return (cachedVersion = '0.0.0');
}
