/**
 * Reading a file named on the command line: a missing file, a directory, a device or pipe that
 * never ends (/dev/zero), a file larger than its kind can be, or one that cannot be read is one
 * InputError line naming the file, before any byte of it is parsed.
 */
import { readFileSync, statSync } from 'node:fs';
import { InputError } from '../lib/index.js';
import { resolve } from 'node:path';

/** Largest trace or swarm result read: far beyond any sim writes, and well inside what JSON.parse handles. */
export const JSON_FILE_BYTES_MAX = 256 * 2 ** 20;

const MIB = 2 ** 20;

function reason(err: unknown): string {
  const code = (err as { code?: string }).code;
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'ENOTDIR') return 'a part of its path is not a directory';
  if (code === 'ELOOP') return 'its symbolic links loop';
  if (code === 'ENAMETOOLONG') return 'its name is too long';
  return code ?? (err instanceof Error ? err.message : String(err));
}

/**
 * The bytes of `file` (relative to `cwd`, the command's directory). `what` names the kind of file
 * in messages (`trace file`), `bytesMax` bounds its size.
 */
export function readInputFile(cwd: string, file: string, what: string, bytesMax: number): Buffer {
  const path = resolve(cwd, file);
  let size: number;
  try {
    const stat = statSync(path);
    if (stat.isDirectory()) throw new InputError(`${what} ${file} is a directory, not a file`);
    if (!stat.isFile()) throw new InputError(`${what} ${file} is not a regular file (a device, pipe or socket)`);
    size = stat.size;
  } catch (err) {
    if (err instanceof InputError) throw err;
    if ((err as { code?: string }).code === 'ENOENT') throw new InputError(`${what} ${file} does not exist`);
    throw new InputError(`cannot read ${what} ${file}: ${reason(err)}`);
  }
  if (size > bytesMax) throw new InputError(`${what} ${file} is ${(size / MIB).toFixed(1)} MiB, more than the ${bytesMax / MIB} MiB sim reads`);
  try {
    return readFileSync(path);
  } catch (err) {
    throw new InputError(`cannot read ${what} ${file}: ${reason(err)}`);
  }
}
