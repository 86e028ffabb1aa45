/**
 * The report's sequence chart in the browser: the lifelines' heading, the loop bracket, and the
 * rows of the steps in view (the page draws only those, so a 10,000-step trace costs what a short
 * one does). The page embeds these functions' source: each uses only its arguments and the
 * other functions of this file, and returns HTML text with every piece of data escaped.
 */
import type { ReportTrace } from '../report-data.js';

/** Pixel sizes of the chart: a row per step, the step number, the label column, a lane per lifeline. */
export interface ChartGeometry {
  readonly row: number;
  readonly number: number;
  readonly label: number;
  readonly lane: number;
}

export function chartGeometry(): ChartGeometry {
  return { row: 24, number: 56, label: 280, lane: 96 };
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

/** The x of lifeline `i`'s line within the lanes. */
export function laneX(i: number, g: ChartGeometry): number {
  return i * g.lane + g.lane / 2;
}

/** The heading: the columns' names and one name per lifeline, above its line. */
export function lifelineHeadHtml(trace: ReportTrace, g: ChartGeometry): string {
  const names = trace.chart.lifelines
    .map((name, i) => `<div class="lane-name" style="left:${g.number + g.label + i * g.lane}px;width:${g.lane}px" title="${escapeHtml(name)}">${escapeHtml(name)}</div>`)
    .join('');
  return `<div class="head-n" style="width:${g.number}px">step</div><div class="head-label" style="left:${g.number}px;width:${g.label}px">action</div>${names}`;
}

/** The lifelines as a background of vertical lines, one per lane, right of the label column. */
export function lifelinesBackground(g: ChartGeometry): string {
  const half = g.lane / 2;
  return `repeating-linear-gradient(to right, transparent 0 ${half - 1}px, var(--lifeline) ${half - 1}px ${half + 1}px, transparent ${half + 1}px ${g.lane}px)`;
}

/** Width of the chart's content: the columns and every lane. */
export function chartWidth(trace: ReportTrace, g: ChartGeometry): number {
  return g.number + g.label + Math.max(1, trace.chart.lifelines.length) * g.lane;
}

/** The bracket beside the steps that repeat forever (a liveness violation), or nothing. */
export function loopHtml(trace: ReportTrace, g: ChartGeometry): string {
  const loop = trace.chart.loop;
  if (loop === undefined) return '';
  const top = loop.first * g.row + 2;
  const height = (loop.last - loop.first + 1) * g.row - 4;
  const text = loop.stutter ? 'stays here forever' : `steps ${loop.first}–${loop.last} repeat forever`;
  return `<div class="loop-bracket" style="top:${top}px;height:${height}px;left:${g.number + g.label - 12}px" title="${text}"><span>${text}</span></div>`;
}

export function rowClasses(trace: ReportTrace, k: number, selected: number): string {
  const c = trace.chart;
  const event = k > 0 ? c.events[k - 1] : undefined;
  const classes = ['row'];
  if (k === selected) classes.push('selected');
  if (k === c.violationStep) classes.push('violation');
  if (trace.divergence !== undefined && k === trace.divergence.step) classes.push('diverges');
  if (c.loop !== undefined && k >= c.loop.first && k <= c.loop.last) classes.push('in-loop');
  if (k === c.triggerStep) classes.push('trigger');
  if (event !== undefined && event.fault) classes.push('fault');
  return classes.join(' ');
}

/** Short tags before a step's label (which may be cut short): what the chart marks on it. */
export function rowTags(trace: ReportTrace, k: number): string {
  const c = trace.chart;
  const tags: string[] = [];
  if (k > 0 && c.events[k - 1]?.fault) tags.push('<span class="tag tag-fault">fault</span>');
  if (k === c.triggerStep) tags.push('<span class="tag tag-trigger">trigger holds</span>');
  if (k === c.violationStep) tags.push('<span class="tag tag-bad">violation</span>');
  if (trace.divergence !== undefined && k === trace.divergence.step) tags.push('<span class="tag tag-bad">diverges</span>');
  return tags.join('');
}

/** Step k's event: a dot on its actor's lifeline, and its message as an arrow (ending in a cross when lost). */
export function eventSvg(trace: ReportTrace, k: number, g: ChartGeometry): string {
  const width = Math.max(1, trace.chart.lifelines.length) * g.lane;
  const event = k > 0 ? trace.chart.events[k - 1] : undefined;
  const y = g.row / 2;
  let body = '';
  if (event !== undefined) {
    const a = event.arrow;
    if (a !== undefined && a.from !== a.to) {
      const x1 = laneX(a.from, g);
      const x2 = laneX(a.to, g);
      const toward = x2 > x1 ? 1 : -1;
      if (a.lost) {
        const end = x1 + (x2 - x1) * 0.6;
        body += `<line class="msg lost" x1="${x1}" y1="${y}" x2="${end}" y2="${y}"/>`;
        body += `<path class="lost-x" d="M${end - 5},${y - 5}L${end + 5},${y + 5}M${end - 5},${y + 5}L${end + 5},${y - 5}"/>`;
      } else {
        body += `<line class="msg" x1="${x1 + 6 * toward}" y1="${y}" x2="${x2 - 7 * toward}" y2="${y}" marker-end="url(#arrowhead)"/>`;
      }
    }
    const x = laneX(event.lifeline, g);
    body += event.fault
      ? `<path class="dot fault" d="M${x},${y - 7}L${x + 7},${y}L${x},${y + 7}L${x - 7},${y}Z"/>`
      : `<circle class="dot" cx="${x}" cy="${y}" r="5"/>`;
  }
  return `<svg class="lanes" width="${width}" height="${g.row}" style="left:${g.number + g.label}px">${body}</svg>`;
}

/** One row: the step number, its label (with its actor and the message's ends in the tooltip), its event. */
export function rowHtml(trace: ReportTrace, k: number, selected: number, g: ChartGeometry): string {
  const c = trace.chart;
  const event = k > 0 ? c.events[k - 1] : undefined;
  const label = trace.labels[k] ?? '';
  let title = label;
  if (event !== undefined) {
    title += ` · by ${c.lifelines[event.lifeline] ?? ''}`;
    if (event.arrow !== undefined) title += ` · message ${c.lifelines[event.arrow.from] ?? ''} → ${c.lifelines[event.arrow.to] ?? ''}${event.arrow.lost ? ' (lost)' : ''}`;
  }
  return (
    `<div class="${rowClasses(trace, k, selected)}" data-step="${k}" style="top:${k * g.row}px;height:${g.row}px">` +
    `<span class="n" style="width:${g.number}px">${k}</span>` +
    `<span class="lbl" style="left:${g.number}px;width:${g.label}px" title="${escapeHtml(title)}">${rowTags(trace, k)}${escapeHtml(label)}</span>` +
    `${eventSvg(trace, k, g)}</div>`
  );
}

/** Rows `first`..`last` (clamped to the trace), `selected` highlighted. */
export function rowsHtml(trace: ReportTrace, first: number, last: number, selected: number, g: ChartGeometry): string {
  let html = '';
  for (let k = Math.max(0, first); k <= Math.min(trace.labels.length - 1, last); k++) html += rowHtml(trace, k, selected, g);
  return html;
}
