/**
 * One self-contained HTML page: the header (written here, so it reads even without scripts), the
 * chart and state panes and the graph section as empty frames, the data as embedded JSON, the
 * layout library when there is a graph, and the page's script. Nothing is fetched: a content
 * security policy forbids any request, so the file opens the same from disk and from a CI artifact.
 */
import { escapeHtml } from './browser/chart-view.js';
import { embedJson, inlineScript } from './embed.js';
import type { InlinedLibrary } from './layout-library.js';
import { pageScript } from './page-script.js';
import type { ReportData, ReportHeader } from './report-data.js';
import { REPORT_CSS } from './style.js';

const POLICY = "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:";

/** Arrowheads the chart's rows and the graph's edges point with, defined once. */
const MARKERS =
  '<svg width="0" height="0" style="position:absolute" aria-hidden="true"><defs>' +
  '<marker id="arrowhead" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0L10,5L0,10z" fill="#1e63c8"/></marker>' +
  '<marker id="graph-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="6" markerHeight="6" orient="auto"><path d="M0,0L10,5L0,10z" fill="#9aa5b1"/></marker>' +
  '<marker id="graph-arrow-hot" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="6" markerHeight="6" orient="auto"><path d="M0,0L10,5L0,10z" fill="#c62828"/></marker>' +
  '</defs></svg>';

function headerHtml(h: ReportHeader): string {
  const row = (term: string, html: string): string => `<dt>${term}</dt><dd>${html}</dd>`;
  const commands = h.commands.map((c) => row(escapeHtml(c.label), `<pre class="cmd"><code>${escapeHtml(c.command)}</code></pre>`)).join('');
  return (
    `<header class="report-head"><h1>${escapeHtml(h.model)}: ${escapeHtml(h.verdict)}</h1><dl class="facts">` +
    row('model', escapeHtml(h.model)) +
    row('parameters', escapeHtml(h.params || 'none')) +
    row('engine', escapeHtml(h.engine)) +
    row('verdict', `<span id="verdict" class="verdict ${h.verdictKind}">${escapeHtml(h.verdict)}</span>${h.statement ? ` · ${escapeHtml(h.statement)}` : ''}`) +
    h.facts.map((f) => row('', escapeHtml(f))).join('') +
    commands +
    `</dl></header>`
  );
}

const LEGEND =
  '<p class="legend">One lifeline per actor; each step is a dot on its actor\'s line, an arrow where it carries a message (dashed, ending in ×: lost), ' +
  'a diamond where it is a fault. Click a step, or use ↑/↓ (←/→, j/k), PgUp/PgDn, Home/End, v for the verdict\'s step, d for the whole state or only its changes.</p>';

function chartFrame(): string {
  return (
    '<main class="report-main"><div id="chart" tabindex="0"><div class="chart-head"></div>' +
    // The lifelines come after the rows, over their backgrounds and under their text and events.
    '<div class="chart-body"><div class="rows"></div><div class="lifelines"></div></div></div>' +
    '<aside id="state-pane"></aside></main>'
  );
}

function graphFrame(data: ReportData): string {
  const g = data.graph;
  if (g === undefined) return '';
  const what = `${g.nodes.length} states, ${g.edges.length} transitions${g.complete ? '' : ' (bounded: the first states breadth-first, and the counterexample)'}`;
  // Without a trace to show, the graph is the report: open it at once.
  return (
    `<details class="graph" id="graph-section"${data.trace === undefined ? ' open' : ''}><summary>State graph: ${escapeHtml(what)}</summary>` +
    '<p class="legend">Breadth-first layers from the initial states (thick blue border); the counterexample in red, its last state filled; ' +
    'dashed: states the bound left unexpanded; grey: no action enabled. Hover for a state\'s fields and an arrow\'s action; click a state for its fields.</p>' +
    '<div class="graph-info"></div><div class="graph-host"></div></details>'
  );
}

function footerHtml(tool: string, library: InlinedLibrary | undefined): string {
  const notices = library === undefined
    ? ''
    : `<details><summary>Licences of the code inlined in this page</summary>${library.notices
      .map((n) => `<p>${escapeHtml(n.name)} (graph layout):</p><pre>${escapeHtml(n.licence)}</pre>`)
      .join('')}</details>`;
  return `<footer>Made by ${escapeHtml(tool)}. ${notices}</footer>`;
}

/** The whole page for `data`; `library` is the inlined graph layout library, needed when there is a graph. */
export function reportPage(data: ReportData, library: InlinedLibrary | undefined): string {
  const h = data.header;
  const title = `${h.model}: ${h.verdict}`;
  return [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${POLICY}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(title)}</title>`,
    `<style>${REPORT_CSS}</style></head><body>`,
    MARKERS,
    headerHtml(h),
    data.trace === undefined ? '' : `${LEGEND}${chartFrame()}`,
    graphFrame(data),
    footerHtml(h.tool, data.graph === undefined ? undefined : library),
    `<script type="application/json" id="report-data">${embedJson(data)}</script>`,
    data.graph !== undefined && library !== undefined ? `<script>${library.script}</script>` : '',
    `<script>${inlineScript(pageScript(), 'the report script')}</script>`,
    '</body></html>',
    '',
  ].join('\n');
}
