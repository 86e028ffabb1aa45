/** One wording of a recorded verdict, for the replay print, the replay screen and divergence messages. */
import type { TraceVerdict } from './format.js';

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
