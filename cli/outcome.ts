/**
 * How a command ended, as data: commands return an outcome and `main` alone turns it into the
 * process's exit code (DESIGN.md "The command line"). Bad usage or input is thrown, not returned
 * (an InputError or a ModelError, exit 2).
 */

/** `ok`: all holds (replay: reproduces); `failed`: a violation or deadlock (replay: diverges); `incomplete`: a limit stopped the work. */
export type Outcome = 'ok' | 'failed' | 'incomplete';

const EXIT_CODES: Record<Outcome, number> = { ok: 0, failed: 1, incomplete: 3 };

/** The exit code of an outcome. */
export function exitCodeOf(outcome: Outcome): number {
  return EXIT_CODES[outcome];
}

/** The outcome an exit code stands for (a finished check's record keeps the code it exited with). */
export function outcomeOfExitCode(code: number): Outcome | undefined {
  return (Object.keys(EXIT_CODES) as Outcome[]).find((o) => EXIT_CODES[o] === code);
}
