/** What `sim validate` prints: a summary for people, or one JSON object for scripts. */
import { shown, type NearState } from '../../conformance/index.js';
import { VALIDATE } from '../../trace/index.js';
import { count, paramText } from '../output.js';
import type { ValidateReport } from './validate.js';

const plural = (n: number, one: string, many = `${one}s`): string => `${count(n)} ${n === 1 ? one : many}`;

function eventsPerSecond(r: ValidateReport): number {
  return r.result.elapsedMs > 0 ? Math.round((r.result.explainedPrefix * 1000) / r.result.elapsedMs) : 0;
}

/** The summary text, ending in a newline. */
export function validateText(r: ValidateReport): string {
  const { result, log, loaded } = r;
  const lines = [`sim validate: ${r.file}, ${plural(result.events, 'event')}, model ${loaded.model.name} (${paramText(loaded.params) || 'no parameters'}), gap ${r.gap}`];
  const skipped = Object.entries(log.skipped).map(([why, n]) => `${count(n)} ${why}`);
  if (skipped.length > 0) lines.push(`skipped: ${skipped.join(', ')}`);
  const figures = `${plural(result.distinctStates, 'distinct state')}, ${plural(result.searchNodes, 'search state')}, ${(result.elapsedMs / 1000).toFixed(2)} s, ${count(eventsPerSecond(r))} events/s`;
  if (result.verdict === 'explained') {
    lines.push(VALIDATE.explained(plural(result.path.steps.length, 'step'), figures));
  } else {
    const failed = log.events[result.explainedPrefix];
    const before = VALIDATE.explainedBefore(result.explainedPrefix, count(result.explainedPrefix), plural(result.path.steps.length, 'step'));
    lines.push(VALIDATE.unexplained(result.verdict === 'incomplete', failed?.where ?? 'the end', before, figures));
    if (failed !== undefined) lines.push(`  ${failed.where}: ${failed.text}`, ...nearestLines(result.nearest));
  }
  if (r.broken) lines.push(VALIDATE.brokenOnPath(r.broken.name, r.broken.step));
  return `${lines.join('\n')}\n`;
}

function nearestLines(nearest: readonly NearState[]): string[] {
  if (nearest.length === 0) return [];
  const lines = ['  nearest model states there, and what each would need:'];
  nearest.forEach((n, i) => {
    const more = n.enabledCount > n.enabled.length ? `, … (${n.enabledCount} in all)` : '';
    const where = `after ${plural(n.steps, 'step')}${n.unlogged > 0 ? ` (${n.unlogged} unlogged)` : ''}`;
    lines.push(n.enabledCount === 0 ? `    ${i + 1}. ${where}: no action is enabled` : `    ${i + 1}. ${where}: enabled ${n.enabled.join(', ')}${more}`);
    const c = n.closest;
    if (c === undefined) return;
    if (c.part === 'datagram') lines.push(`       nearest step ${c.label}: it delivers another datagram (type, error or payload differ)`);
    else if (c.mismatch) lines.push(`       nearest step ${c.label}: ${c.part === 'state' ? 'the state after it' : `its ${c.part}`} differs at ${c.mismatch.path}: log ${shown(c.mismatch.observed)}, model ${shown(c.mismatch.model)}`);
  });
  return lines;
}

/** The one JSON object of --json. */
export function validateJson(r: ValidateReport): object {
  const { result, log } = r;
  const failed = log.events[result.explainedPrefix];
  return {
    log: r.file,
    model: r.loaded.model.name,
    params: r.loaded.params,
    gap: r.gap,
    verdict: result.verdict,
    explained: result.verdict === 'explained',
    events: result.events,
    explainedPrefix: result.explainedPrefix,
    failedLine: result.verdict === 'explained' ? null : failed?.line ?? null,
    distinctStates: result.distinctStates,
    searchStates: result.searchNodes,
    pathSteps: result.path.steps.length,
    elapsedMs: Math.round(result.elapsedMs),
    eventsPerSecond: eventsPerSecond(r),
    skipped: log.skipped,
    ...(r.traceFile ? { trace: r.traceFile } : {}),
    ...(r.broken ? { brokenInvariant: r.broken } : {}),
    ...(result.verdict === 'explained' ? {} : {
      nearest: result.nearest.map((n) => ({
        steps: n.steps, unlogged: n.unlogged, enabled: n.enabled, enabledCount: n.enabledCount,
        ...(n.closest ? { closest: { label: n.closest.label, part: n.closest.part, ...(n.closest.mismatch ? { path: n.closest.mismatch.path, log: n.closest.mismatch.observed ?? null, model: n.closest.mismatch.model ?? null } : {}) } } : {}),
      })),
    }),
  };
}
