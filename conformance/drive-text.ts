/** A drive's mismatch as people read it: the step, the field, both values, and the run up to it. */
import type { Divergence } from './drive.js';
import { shown } from './match.js';

/** Runs longer than this show their first and last steps only. */
const STEPS_SHOWN_MAX = 40;

/** `at .disk.clean: implementation [true,false], model [false,false]`. */
export function mismatchLine(d: Divergence): string {
  const where = d.mismatch.path === '.' ? 'the top' : d.mismatch.path;
  return `at ${where}: implementation ${shown(d.mismatch.observed)}, model ${shown(d.mismatch.model)}`;
}

/** `step 12 (DeliverRequest …)`, or `the start (right after reset)` for step 0. */
export function stepName(d: Divergence): string {
  const step = d.path.steps[d.step - 1];
  return step === undefined ? 'the start (right after reset)' : `step ${d.step} (${step.label})`;
}

/** The run's steps, one a line, numbered, with their actors. */
export function stepLines(d: Divergence, indent = '  '): string[] {
  const steps = d.path.steps;
  const width = Math.max(5, ...steps.map((s) => s.actor.length));
  const line = (i: number): string => `${indent}${String(i + 1).padStart(4)}  ${(steps[i]?.actor ?? '').padEnd(width)}  ${steps[i]?.label ?? ''}`;
  if (steps.length <= STEPS_SHOWN_MAX) return steps.map((_, i) => line(i));
  const head = Array.from({ length: STEPS_SHOWN_MAX / 2 }, (_, i) => line(i));
  const tail = Array.from({ length: STEPS_SHOWN_MAX / 2 }, (_, i) => line(steps.length - STEPS_SHOWN_MAX / 2 + i));
  return [...head, `${indent}      … ${steps.length - STEPS_SHOWN_MAX} steps …`, ...tail];
}

/** The actors taking part in a run. */
export function actorCount(d: Divergence): number {
  return new Set(d.path.steps.map((s) => s.actor)).size;
}
