/**
 * The report's state pane in the browser: the selected step's label, actor, message and note, the
 * fields it changed, and its state as a tree with those changes highlighted. What changed is not
 * decided here: each step's changes come embedded, computed in Node by `changedFields`, the
 * comparison the terminal replay prints; the tree marks the lines at those paths (`origin`) and
 * every line holding one below it (`changed`). The page embeds these functions' source: each
 * uses only its arguments and the other functions of this file.
 */
import type { FieldChange } from '../../../../trace/index.js';
import type { ReportTrace } from '../report-data.js';

type Json = unknown;

interface TreeContext {
  readonly origins: Map<string, FieldChange>;
  readonly paths: readonly string[];
  readonly onlyChanges: boolean;
  readonly hasPrevious: boolean;
  readonly lines: string[];
}

export function escapeText(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

export function isComposite(v: Json): v is Record<string, Json> | Json[] {
  return v !== null && typeof v === 'object';
}

/** `[false, true]`, `{a: 1}`: one-line JSON with sorted keys, as the terminal shows values. */
export function inlineValue(v: Json): string {
  if (Array.isArray(v)) return `[${v.map(inlineValue).join(', ')}]`;
  if (isComposite(v)) return `{${Object.keys(v).sort().map((k) => `${k}: ${inlineValue((v as Record<string, Json>)[k])}`).join(', ')}}`;
  return v === undefined ? 'absent' : JSON.stringify(v);
}

/** The path syntax of `changedFields`: `log.kernels`, `[0]`, a key that is no identifier quoted: `counts["0"]`. */
export function memberPath(path: string, key: string): string {
  if (/^[A-Za-z_$][\w$]*$/.test(key)) return path === '' ? key : `${path}.${key}`;
  return `${path}[${JSON.stringify(key)}]`;
}

/** Some change lies strictly below `path`. */
export function containsChange(paths: readonly string[], path: string): boolean {
  if (path === '') return paths.some((p) => p !== '');
  return paths.some((p) => p.length > path.length && p.startsWith(path) && (p[path.length] === '.' || p[path.length] === '['));
}

export function cut(text: string, width: number): string {
  return text.length <= width ? text : `${text.slice(0, width - 1)}…`;
}

export function pushLine(ctx: TreeContext, depth: number, text: string, kind: string, path: string, note: string): void {
  ctx.lines.push(`<div class="tl ${kind}" data-path="${escapeText(path)}" style="padding-left:${depth * 16 + 6}px">${escapeText(text)}${note}</div>`);
}

export function visitNode(ctx: TreeContext, key: string, value: Json, before: Json, path: string, depth: number, wholesale: boolean): void {
  const change = ctx.origins.get(path);
  const origin = change !== undefined;
  const changed = ctx.hasPrevious && (wholesale || origin || containsChange(ctx.paths, path));
  const kind = origin ? 'changed origin' : changed ? 'changed' : '';
  const note = change === undefined ? '' : 'before' in change ? ` <span class="was">was ${escapeText(cut(inlineValue(change.before), 120))}</span>` : ' <span class="was">new</span>';
  if (value === undefined) return pushLine(ctx, depth, `${key}: absent`, kind, path, note);
  if (!isComposite(value)) return pushLine(ctx, depth, `${key}: ${inlineValue(value)}`, kind, path, note);
  if (ctx.onlyChanges && ctx.hasPrevious && !changed) {
    const n = Array.isArray(value) ? `[${value.length} items]` : `{${Object.keys(value).length} fields}`;
    return pushLine(ctx, depth, `${key}: ${n} unchanged`, 'collapsed', path, '');
  }
  // A composite short enough stays on its key's line, as the terminal's tree keeps it.
  const inline = inlineValue(value);
  if (inline.length <= 72) return pushLine(ctx, depth, `${key}: ${inline}`, kind, path, note);
  pushLine(ctx, depth, `${key}:`, kind, path, note);
  // A change at a composite's own path replaced it whole (it appeared, or changed kind): every field below is new.
  visitChildren(ctx, value, origin || wholesale ? undefined : before, path, depth + 1, origin || wholesale);
}

export function visitChildren(ctx: TreeContext, value: Record<string, Json> | Json[], before: Json, path: string, depth: number, wholesale: boolean): void {
  const array = Array.isArray(value);
  const previous = isComposite(before) && Array.isArray(before) === array ? (before as Record<string, Json>) : undefined;
  const keys = array
    ? Array.from({ length: Math.max(value.length, Array.isArray(previous) ? previous.length : 0) }, (_, i) => String(i))
    : [...new Set([...Object.keys(value), ...Object.keys(previous ?? {})])].sort();
  const unchanged: string[] = [];
  for (const key of keys) {
    const childPath = array ? `${path}[${key}]` : memberPath(path, key);
    const label = array ? `[${key}]` : key;
    const hasChange = ctx.origins.has(childPath) || containsChange(ctx.paths, childPath);
    if (ctx.onlyChanges && ctx.hasPrevious && !wholesale && !hasChange) {
      unchanged.push(label);
      continue;
    }
    const own = (o: Json): Json => (isComposite(o) && Object.hasOwn(o, key) ? (o as Record<string, Json>)[key] : undefined);
    visitNode(ctx, label, own(value), own(previous), childPath, depth, wholesale);
  }
  if (unchanged.length > 0) pushLine(ctx, depth, `(${unchanged.length} unchanged: ${unchanged.join(', ')})`, 'collapsed', path, '');
}

/** The tree of `state`, marking `changes` (made from `before`, the previous state; undefined at step 0). */
export function treeHtml(state: Json, before: Json, changes: readonly FieldChange[], onlyChanges: boolean, hasPrevious: boolean): string {
  const ctx: TreeContext = { origins: new Map(changes.map((c) => [c.path, c])), paths: changes.map((c) => c.path), onlyChanges, hasPrevious, lines: [] };
  if (isComposite(state)) visitChildren(ctx, state, before, '', 0, false);
  else visitNode(ctx, '(the state)', state, before, '', 0, false);
  return ctx.lines.join('');
}

/** The changed fields as a list: `path: after  was before`, as `sim replay --no-tui` prints them. */
export function changesHtml(changes: readonly FieldChange[]): string {
  if (changes.length === 0) return '<p class="quiet">No field changed.</p>';
  const items = changes.map((c) => {
    const after = 'after' in c ? inlineValue(c.after) : 'absent';
    const before = 'before' in c ? inlineValue(c.before) : 'absent';
    return `<li data-path="${escapeText(c.path)}"><code>${escapeText(c.path || '(the state)')}</code>: ${escapeText(cut(after, 200))} <span class="was">was ${escapeText(cut(before, 200))}</span></li>`;
  });
  return `<ol class="changes">${items.join('')}</ol>`;
}

/** The pane for step k: heading, who acted and what was sent, the verdict's note here, the changes, the state. */
export function stateHtml(trace: ReportTrace, k: number, onlyChanges: boolean): string {
  const c = trace.chart;
  const last = trace.labels.length - 1;
  const event = k > 0 ? c.events[k - 1] : undefined;
  const meta: string[] = [];
  if (event !== undefined) {
    meta.push(`by <b>${escapeText(c.lifelines[event.lifeline] ?? '')}</b>`);
    const a = event.arrow;
    if (a !== undefined) meta.push(`message ${escapeText(c.lifelines[a.from] ?? '')} → ${escapeText(c.lifelines[a.to] ?? '')}${a.lost ? ', lost' : ''}`);
    if (event.fault) meta.push('<span class="tag tag-fault">fault</span>');
  }
  const time = trace.times?.[k];
  if (time !== undefined && time !== null) meta.push(`t=${time}`);
  const notes: string[] = [];
  if (trace.verdictNote !== undefined && (k === c.violationStep || k === c.loop?.last)) notes.push(`<p class="note bad">✗ ${escapeText(trace.verdictNote)}</p>`);
  if (k === c.triggerStep) notes.push('<p class="note trigger">The property\'s trigger holds in this state; its goal never follows.</p>');
  if (c.loop !== undefined && k === c.loop.first && !c.loop.stutter) notes.push(`<p class="note loop">From here, steps ${c.loop.first}–${c.loop.last} repeat forever.</p>`);
  if (trace.divergence !== undefined && k === trace.divergence.step) notes.push(`<p class="note bad">≠ the replay diverges here: ${escapeText(trace.divergence.reason)}</p>`);
  const changes = trace.changeSets[trace.changesAt[k] ?? 0] ?? [];
  const toggle = `<button type="button" id="tree-mode" aria-pressed="${onlyChanges}">${onlyChanges ? 'show the whole state (d)' : 'show only the changes (d)'}</button>`;
  return (
    `<h2 id="step-title">step ${k}/${last} <span class="step-label">${escapeText(trace.labels[k] ?? '')}</span></h2>` +
    `<p id="step-meta">${meta.join(' · ')}</p>${notes.join('')}` +
    `<h3>Changed fields (${changes.length})</h3><div id="step-changes">${k === 0 ? '<p class="quiet">The initial state.</p>' : changesHtml(changes)}</div>` +
    `<h3>State ${toggle}</h3><div id="state-tree" class="tree">${treeHtml(trace.states[trace.stateAt[k] ?? 0], k > 0 ? trace.states[trace.stateAt[k - 1] ?? 0] : undefined, changes, onlyChanges, k > 0)}</div>`
  );
}
