/** The report's style sheet: system fonts only (nothing to fetch), the chart's rows absolutely placed so only those in view exist. */
export const REPORT_CSS = `
:root { --lifeline: #c5ccd6; --bad: #c62828; --bad-bg: #fde7e7; --ok: #2e7d32; --warn: #b26a00; --fault: #e67e00;
  --loop: #6a1b9a; --loop-bg: #f6edfa; --sel: #e3efff; --sel-edge: #1e63c8; --muted: #5f6b7a; --mono: ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; color: #1c2430; background: #fff; }
header.report-head { padding: 12px 18px 8px; border-bottom: 1px solid #dde2e8; }
h1 { font-size: 18px; margin: 0 0 6px; }
.facts { display: grid; grid-template-columns: max-content 1fr; gap: 2px 14px; margin: 0; }
.facts dt { color: var(--muted); }
.facts dd { margin: 0; }
.verdict { font-weight: 600; }
.verdict.ok { color: var(--ok); } .verdict.incomplete { color: var(--warn); }
.verdict.violation, .verdict.deadlock, .verdict.diverges { color: var(--bad); }
code, pre, .tree, .changes { font-family: var(--mono); font-size: 12.5px; }
pre.cmd { margin: 0; white-space: pre-wrap; word-break: break-all; }
.legend { color: var(--muted); font-size: 12.5px; margin-top: 6px; }
.report-main { display: grid; grid-template-columns: minmax(0, 1.35fr) minmax(0, 1fr); height: 78vh; min-height: 320px; border-bottom: 1px solid #dde2e8; }
#chart { overflow: auto; position: relative; outline: none; border-right: 1px solid #dde2e8; }
.chart-head { position: sticky; top: 0; z-index: 4; height: 30px; background: #f4f6f9; border-bottom: 1px solid #dde2e8; font-weight: 600; font-size: 12.5px; }
.chart-head > div { position: absolute; top: 0; height: 30px; line-height: 30px; padding: 0 6px; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.chart-head .lane-name { text-align: center; }
.chart-body { position: relative; }
.chart-body .lifelines { position: absolute; top: 0; bottom: 0; pointer-events: none; }
.row { --row-bg: #fff; position: absolute; left: 0; right: 0; cursor: pointer; border-bottom: 1px solid #f0f2f5; background: var(--row-bg); }
.row:hover { --row-bg: #f6f8fb; }
.row.in-loop { --row-bg: var(--loop-bg); }
.row.violation, .row.diverges { --row-bg: var(--bad-bg); }
.row.selected { --row-bg: var(--sel); }
.row.selected > .n { box-shadow: inset 3px 0 0 var(--sel-edge); }
/* The step and label columns stay put while the lanes scroll sideways under them (--sx: the chart's scrollLeft). */
.row > .n, .row > .lbl, .chart-head .head-n, .chart-head .head-label, .loop-bracket { transform: translateX(var(--sx, 0px)); z-index: 2; }
.row > .n, .row > .lbl { background: var(--row-bg); }
.chart-head .head-n, .chart-head .head-label { background: #f4f6f9; }
.row > .n { position: absolute; left: 0; top: 0; bottom: 0; text-align: right; padding-right: 8px; line-height: 24px; color: var(--muted); font-family: var(--mono); font-size: 12px; }
.row > .lbl { position: absolute; top: 0; bottom: 0; line-height: 24px; padding-left: 6px; overflow: hidden; white-space: nowrap; text-overflow: ellipsis; font-family: var(--mono); font-size: 12.5px; }
.row > svg.lanes { position: absolute; top: 0; overflow: visible; z-index: 1; }
.row.violation > .n, .row.diverges > .n { color: var(--bad); font-weight: 700; }
.tag { display: inline-block; margin-right: 6px; padding: 0 5px; border-radius: 3px; font: 600 10.5px/16px system-ui, sans-serif; vertical-align: 1px; }
.tag-fault { background: #fff1de; color: var(--fault); } .tag-bad { background: var(--bad); color: #fff; } .tag-trigger { background: #ede1f5; color: var(--loop); }
svg .dot { fill: #3b4a5c; } svg .dot.fault { fill: var(--fault); }
.row.violation svg .dot, .row.diverges svg .dot { fill: var(--bad); }
svg .msg { stroke: #1e63c8; stroke-width: 1.6; } svg .msg.lost { stroke: var(--fault); stroke-dasharray: 4 3; }
svg .lost-x { stroke: var(--fault); stroke-width: 2; fill: none; }
.loop-bracket { position: absolute; width: 10px; border: 2px solid var(--loop); border-right: none; z-index: 3; pointer-events: none; }
.loop-bracket span { position: absolute; right: 14px; top: 0; white-space: nowrap; font-size: 11px; color: var(--loop); background: var(--loop-bg); padding: 0 4px; }
#state-pane { overflow: auto; padding: 8px 14px 24px; }
#state-pane h2 { font-size: 15px; margin: 4px 0; } #state-pane h3 { font-size: 13px; margin: 12px 0 4px; color: var(--muted); }
.step-label { font-family: var(--mono); font-weight: 500; }
#step-meta { margin: 0 0 6px; color: var(--muted); }
.note { margin: 6px 0; padding: 6px 8px; border-radius: 4px; } .note.bad { background: var(--bad-bg); color: var(--bad); }
.note.trigger, .note.loop { background: var(--loop-bg); color: var(--loop); }
.quiet { color: var(--muted); margin: 0; }
ol.changes { margin: 0; padding-left: 22px; } ol.changes li { margin: 1px 0; }
.was { color: var(--muted); margin-left: 6px; }
.tree .tl { white-space: pre-wrap; word-break: break-all; padding-top: 1px; padding-bottom: 1px; }
.tree .tl.changed { background: #fff8e1; } .tree .tl.origin { background: #ffe9a8; font-weight: 600; }
.tree .tl.collapsed { color: var(--muted); }
button#tree-mode { margin-left: 8px; font: inherit; font-size: 11.5px; color: inherit; }
details.graph { padding: 8px 18px; } details.graph summary { cursor: pointer; font-weight: 600; }
.graph-host { overflow: auto; max-height: 80vh; border: 1px solid #dde2e8; margin-top: 8px; }
.graph-info { font-family: var(--mono); font-size: 12px; color: var(--muted); min-height: 1.4em; word-break: break-all; }
svg.graph .edge { fill: none; stroke: #9aa5b1; stroke-width: 1; } svg.graph .edge.path { stroke: var(--bad); stroke-width: 2.4; }
svg.graph .edge-label { font: 10px var(--mono); fill: var(--bad); }
svg.graph .node { cursor: pointer; } svg.graph .node rect { fill: #fff; stroke: #52606d; stroke-width: 1; }
svg.graph .node text { font: 10px var(--mono); text-anchor: middle; fill: #1c2430; }
svg.graph .node.initial rect { stroke-width: 3; stroke: #1e63c8; } svg.graph .node.frontier rect { stroke-dasharray: 3 2; }
svg.graph .node.dead rect { fill: #eceff3; } svg.graph .node.path rect { stroke: var(--bad); stroke-width: 2.4; }
svg.graph .node.last rect { fill: #ffd6d6; }
footer { padding: 8px 18px 24px; color: var(--muted); font-size: 12px; } footer pre { white-space: pre-wrap; }
`;
