/**
 * Every verdict sentence, in one place: what `sim run`, `sim check`, `sim swarm`, `sim replay`,
 * the replay screen and the JUnit report say about a run or a search, so that the same verdict is
 * worded alike wherever it is shown.
 */
import type { TraceVerdict } from './format.js';

/** Why a search stopped early (the checker's `IncompleteReason`). */
export type StopReason = 'statesMax' | 'depthMax' | 'memoryMax' | 'sampled';

/** One wording of a recorded verdict, for the replay print, the replay screen and divergence messages. */
export function describeVerdict(v: TraceVerdict): string {
  if (v.result === 'ok') return `ok${v.end ? ` (${{ stepsMax: 'step bound reached', final: 'final state', quiescent: 'quiescent' }[v.end]})` : ''}`;
  if (v.result === 'deadlock') return `deadlock at step ${v.step}`;
  if (v.kind === 'liveness') {
    return v.stutter
      ? `liveness violation of ${v.name}: the run stays at step ${v.step} forever`
      : `liveness violation of ${v.name}: steps ${v.loopStart + 1}..${v.step} repeat forever`;
  }
  return `violation of ${v.name} at step ${v.step}`;
}

/** A state with no enabled action that is not final. */
export const DEADLOCK_SENTENCE = 'deadlock: no action is enabled and the state is not final';

/** A check that found nothing wrong. */
export const ALL_HOLD_SENTENCE = 'ok: every invariant holds';

/** `violation: invariant Safe fails (its statement)`. */
export function invariantSentence(name: string, statement: string | undefined): string {
  return `violation: invariant ${name} fails${statement ? ` (${statement})` : ''}`;
}

/** A failed liveness property, as `sim check` reports it. */
export function livenessSentence(name: string, statement: string | undefined): string {
  return `liveness violation: ${name} fails${statement ? ` (${statement})` : ''}; a run can avoid its goal forever`;
}

/** The last line of a printed lasso: the loop, or the stutter. */
export function lassoEndSentence(lasso: { readonly loopStart: number; readonly stutter: boolean }, steps: number): string {
  return lasso.stutter ? '... and then nothing fair happens: the run stays in the last state forever' : `... and steps ${lasso.loopStart + 1}..${steps} repeat forever`;
}

/** How a simulation ended well. */
export const RUN_ENDS = { final: 'ended in a final state', quiescent: 'nothing left to do but steps that change nothing', stepsMax: 'step bound reached' } as const;

/** `sim check`'s words for what stopped a search early. */
export const INCOMPLETE_REASONS: Record<StopReason, string> = {
  statesMax: '--max-states reached',
  depthMax: '--max-depth reached',
  memoryMax: 'the memory budget (--max-memory) ran out',
  sampled: 'random walks sample, they never prove',
};

/** The HTML report's words for what stopped a search early. */
export const REPORT_INCOMPLETE_REASONS: Record<StopReason, string> = { ...INCOMPLETE_REASONS, memoryMax: 'the memory budget ran out' };

/** `sim check`'s line for a search that stopped early (the HTML report's, with its words). */
export function incompleteSentence(reason: StopReason, reasons: Record<StopReason, string> = INCOMPLETE_REASONS): string {
  return `incomplete: ${reasons[reason]} before the search ended; no violation so far`;
}

/** What the state at a recorded verdict's step breaks: the note beside it in the HTML report ('' for ok). */
export function verdictStepNote(v: TraceVerdict): string {
  if (v.result === 'deadlock') return 'deadlock: no action is enabled here and the state is not final';
  if (v.result === 'ok') return '';
  const statement = v.statement ? `: ${v.statement}` : '';
  return v.kind === 'liveness' ? `liveness property ${v.name} fails${statement}` : `invariant ${v.name} is violated${statement}`;
}

/** The replay screen's mark at a recorded violation or deadlock, with the property's statement when known. */
export function screenVerdictMark(v: Exclude<TraceVerdict, { result: 'ok' }>, statement: string | undefined): string {
  if (v.result === 'deadlock') return `✗ ${DEADLOCK_SENTENCE}`;
  if (v.kind === 'liveness') {
    const loop = v.stutter ? 'the run stays here forever' : `steps ${v.loopStart + 1}..${v.step} repeat forever`;
    return `✗ liveness ${v.name} fails, ${loop}${statement ? `: ${statement}` : ''}`;
  }
  return `✗ invariant ${v.name} is violated${statement ? `: ${statement}` : ''}`;
}

/** A witness no state reached: after a complete search the invariant it guards may hold vacuously. */
export function unreachedWitnessSentence(name: string, complete: boolean): string {
  return `warning: witness ${name} was never reached${complete ? '; the invariant it guards may hold vacuously' : ' so far'}`;
}

/** The HTML report's fact for a witness no state reached. */
export function unreachedWitnessFact(name: string): string {
  return `witness ${name} was never reached`;
}

/** The JUnit report's words for what stopped an incomplete search. */
const LIMIT_REACHED: Record<StopReason, string> = {
  statesMax: '--max-states reached',
  depthMax: '--max-depth reached',
  memoryMax: '--max-memory reached',
  sampled: 'random walks sample the state space',
};

/** The JUnit report's test-case messages. */
export const JUNIT = {
  incomplete: (reason: StopReason, states: number) => `the search is incomplete (${LIMIT_REACHED[reason]}); no violation in ${states} states`,
  undecided: (at: { readonly kind: string; readonly name: string }) => `not decided: the search stopped at the ${at.kind === 'deadlock' ? 'deadlock' : `violation of ${at.name}`}`,
  invariantFails: (name: string, depth: number) => `invariant ${name} fails after ${depth} steps`,
  witnessNeverReached: (name: string) => `witness ${name} is never reached: the invariant it guards may hold vacuously`,
  witnessBody: (name: string) => `no reachable state satisfies the sometimes-witness ${name}`,
  witnessNotYet: (name: string, unfinished: string) => `witness ${name} not reached so far; ${unfinished}`,
  deadlockUnchecked: 'not checked (--no-deadlock)',
  deadlockAfter: (depth: number) => `deadlock after ${depth} steps`,
  livenessFails: (name: string, depth: number | undefined) => `liveness property ${name} fails: a run can avoid its goal forever (a lasso of ${depth} steps)`,
  livenessUndecided: (name: string | undefined) => `not decided: the check stopped at the liveness violation of ${name}`,
} as const;

/** The first line of a JUnit failure's body. */
export function failureHeadline(v: { readonly kind: 'invariant' | 'deadlock' | 'liveness'; readonly name: string; readonly lasso?: { readonly loopStart: number } }, statement: string | undefined): string {
  if (v.kind === 'deadlock') return DEADLOCK_SENTENCE;
  if (v.kind === 'liveness') return `liveness property ${v.name} fails: the steps from ${(v.lasso?.loopStart ?? 0) + 1} on repeat forever without its goal`;
  return `invariant ${v.name} fails${statement ? `: ${statement}` : ''}`;
}

/** A swarm run's failure in one phrase: `deadlock`, or `Safe fails`. */
export function failurePhrase(verdict: 'violation' | 'deadlock', name: string): string {
  return verdict === 'deadlock' ? 'deadlock' : `${name} fails`;
}

/**
 * `sim validate`'s verdict lines; counts come formatted (`3 steps`, `1,024 events`), with the
 * search's figures in parentheses.
 */
export const VALIDATE = {
  explained: (pathSteps: string, figures: string) => `explained: every event, by a path of ${pathSteps} (${figures})`,
  /** Where the search stopped: the first event no path reaches, and what the paths did explain before it. */
  unexplained: (incomplete: boolean, where: string, before: string, figures: string) =>
    `${incomplete ? 'incomplete: --max-states reached; so far' : 'not explained:'} ${where} is the first event no path reaches; ${before} (${figures})`,
  /** `before` of `unexplained`: `prefix` events explained (formatted as `prefixText`) by a path of `pathSteps`. */
  explainedBefore: (prefix: number, prefixText: string, pathSteps: string) =>
    prefix === 0 ? 'no path from an initial state explains it'
      : `${prefix === 1 ? 'the event before it is' : `the ${prefixText} events before it are`} explained by a path of ${pathSteps}`,
  brokenOnPath: (name: string, step: number) =>
    `note: the explaining path breaks invariant ${name} at step ${step} (the log shows what the model calls a violation); the trace saved ends there`,
} as const;

/** `sim drive`'s and `driveModel`'s verdict lines; `step` and `field` come worded (`step 4 (Flush)`, `at .disk.clean[0]: …`). */
export const DRIVE = {
  allMatch: (runs: string, steps: string) => `ok: ${runs}, ${steps}: every observation matches the model`,
  mismatchIn: (run: string, step: string) => `mismatch in ${run} at ${step}:`,
  shrunkTo: (steps: string, actors: string, step: string) => `shrunk to ${steps} by ${actors}; the mismatch shows at ${step}:`,
  /** driveModel's rejection, first line. */
  differs: (model: string, run: string, step: string, field: string) => `the implementation differs from model ${model} in ${run}, ${step}, ${field}`,
  /** The note a saved mismatch trace carries. */
  found: (step: string, field: string, redrive: string) => `sim drive found the implementation differs from the model at ${step}, ${field}; drive it again with: ${redrive}`,
} as const;
