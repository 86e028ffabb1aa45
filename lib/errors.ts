/**
 * Errors that reach the user as one line (DESIGN.md exit codes). Engines throw them; only cli/
 * maps them to exit code 2 and prints them.
 */

/** Bad usage or bad input: a seed, a flag, a parameter, a file. Exit code 2. */
export class InputError extends Error {
  override name = 'InputError';
}

/** The model misbehaved: it threw, returned nondeterministic results, or a non-JSON state. Exit 2. */
export class ModelError extends Error {
  override name = 'ModelError';
}

/** The message of anything thrown, for one-line reports. */
export function messageOf(err: unknown): string {
  if (err instanceof Error) return err.message;
  return String(err);
}

/**
 * `text` with control characters (terminal escapes, newlines, NUL) written as `\u001b` and
 * the like: a message may quote a file name or a field of a file, and printing it must not
 * move the cursor, clear the screen or start a second line.
 */
export function printable(text: string): string {
  // C0 controls, DEL and C1 controls.
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
