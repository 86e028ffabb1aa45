/** What `sim check` prints at the end: one JSON object (--json), or lines for people. */
import type { CheckResult, Violation } from '../../checker/index.js';
import {
  ALL_HOLD_SENTENCE, DEADLOCK_SENTENCE, incompleteSentence, invariantSentence, lassoEndSentence, livenessSentence, unreachedWitnessSentence,
} from '../../trace/index.js';
import type { LoadedModel } from '../load-model.js';
import { count, paramText, widthOf } from '../output.js';

export function summaryJson(loaded: LoadedModel, strategy: string, result: CheckResult, traceFile: string | undefined): object {
  const s = result.stats;
  return {
    model: loaded.model.name,
    params: loaded.params,
    strategy,
    verdict: result.verdict,
    distinctStates: s.distinctStates,
    // With symmetry the states stored are classes; the unreduced count is --no-symmetry's.
    symmetry: s.symmetry,
    ...(s.symmetry ? { classes: s.distinctStates } : {}),
    transitions: s.transitions,
    depth: s.depth,
    elapsedMs: Math.round(s.elapsedMs),
    statesPerSecond: s.statesPerSecond,
    seenBytesPerState: Number(s.seenBytesPerState.toFixed(2)),
    parentBytesPerState: Number(s.parentBytesPerState.toFixed(2)),
    collisionProbability: s.collisionProbability,
    ...(s.coverage ? { coverage: s.coverage } : {}),
    ...(result.verdict === 'ok' || result.verdict === 'incomplete' ? { unreachedWitnesses: result.unreachedWitnesses } : {}),
    ...(result.verdict === 'incomplete' ? { reason: result.reason } : {}),
    ...(result.verdict === 'violation' || result.verdict === 'deadlock'
      ? { violation: { kind: result.violation.kind, name: result.violation.name, depth: result.violation.depth, ...(result.violation.lasso ?? {}), trace: traceFile } }
      : {}),
  };
}

export function summaryText(loaded: LoadedModel, strategy: string, result: CheckResult, traceFile: string | undefined): string {
  const s = result.stats;
  const lines = [`sim check: model ${loaded.model.name} (${paramText(loaded.params) || 'no parameters'}), ${strategy}`];
  const figures =
    `${count(s.distinctStates)} ${s.symmetry ? 'symmetry classes' : 'distinct states'}, ${count(s.transitions)} transitions, depth ${s.depth}, ` +
    `${(s.elapsedMs / 1000).toFixed(2)} s (${count(s.statesPerSecond)} states/s)`;
  switch (result.verdict) {
    case 'ok':
      lines.push(`${ALL_HOLD_SENTENCE}${loaded.model.invariants && Object.keys(loaded.model.invariants).length === 0 ? ' (the model has none)' : ''}; ${figures}`);
      break;
    case 'incomplete':
      lines.push(`${incompleteSentence(result.reason)}; ${figures}`);
      break;
    default:
      lines.push(...counterexampleLines(loaded, result.violation), figures);
      if (traceFile) lines.push(`counterexample: ${traceFile}`);
  }
  if (s.coverage) {
    const width = Math.max(...s.coverage.fired.map((f) => f.type.length));
    lines.push('coverage (action type: times fired):');
    for (const f of s.coverage.fired) lines.push(`  ${f.type.padEnd(width)}  ${count(f.count)}${s.coverage.neverEnabled.includes(f.type) ? '  (never enabled)' : ''}`);
  }
  lines.push(`fingerprint collision probability: ${s.collisionProbability.toExponential(1)} (64-bit fingerprints; TLC's estimate)`);
  if (result.verdict === 'ok' || result.verdict === 'incomplete') {
    for (const w of result.unreachedWitnesses) lines.push(unreachedWitnessSentence(w, result.verdict === 'ok'));
  }
  return `${lines.join('\n')}\n`;
}

/** The verdict's sentence and the counterexample's steps, one a line (a lasso marked). */
function counterexampleLines(loaded: LoadedModel, v: Violation): string[] {
  const what =
    v.kind === 'deadlock'
      ? DEADLOCK_SENTENCE
      : v.kind === 'liveness'
        ? livenessSentence(v.name, loaded.model.liveness?.[v.name]?.statement)
        : invariantSentence(v.name, loaded.model.statements?.[v.name]);
  const lines = [`${what}, after ${v.depth} step${v.depth === 1 ? '' : 's'}:`];
  const width = widthOf(v.path.steps.map((p) => p.actor), 5);
  v.path.steps.forEach((p, i) => {
    const mark = v.lasso && i === v.lasso.loopStart ? '  <- loop starts' : v.lasso && i === v.lasso.triggerStep && i < v.lasso.loopStart ? '  <- trigger holds before this step' : '';
    lines.push(`  ${String(i + 1).padStart(4)}  ${p.actor.padEnd(width)}  ${p.label}${mark}`);
  });
  if (v.lasso) lines.push(`        ${lassoEndSentence(v.lasso, v.depth)}`);
  return lines;
}
