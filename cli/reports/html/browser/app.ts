/**
 * The report page's behaviour: draws the rows of the chart in view as it scrolls, selects a step
 * by click or key and shows its state, and lays the state graph out when its section opens. The
 * page embeds these functions' source and calls `startReport` with the embedded data and the
 * drawing functions (passed in, so that no function here names one of another file).
 */
import type { ReportData, ReportTrace } from '../report-data.js';
import type * as chartView from './chart-view.js';
import type { DagreLib, graphSvg } from './graph-view.js';
import type { stateHtml } from './state-view.js';

/** The drawing functions of the other browser files. */
export interface ReportViews {
  readonly chartGeometry: typeof chartView.chartGeometry;
  readonly chartWidth: typeof chartView.chartWidth;
  readonly lifelineHeadHtml: typeof chartView.lifelineHeadHtml;
  readonly lifelinesBackground: typeof chartView.lifelinesBackground;
  readonly loopHtml: typeof chartView.loopHtml;
  readonly rowsHtml: typeof chartView.rowsHtml;
  readonly stateHtml: typeof stateHtml;
  readonly graphSvg: typeof graphSvg;
}

/** What a key does to the selected step, given the step count and a page of rows; undefined: not ours. */
export function stepAfterKey(key: string, selected: number, last: number, page: number, verdictAt: number): number | undefined {
  switch (key) {
    case 'ArrowDown': case 'ArrowRight': case 'j': case 'n': return Math.min(last, selected + 1);
    case 'ArrowUp': case 'ArrowLeft': case 'k': case 'p': return Math.max(0, selected - 1);
    case 'PageDown': return Math.min(last, selected + page);
    case 'PageUp': return Math.max(0, selected - page);
    case 'Home': case 'g': return 0;
    case 'End': case 'G': return last;
    case 'v': return verdictAt;
    default: return undefined;
  }
}

/** Wires the chart and the state pane to `trace`; returns the function that selects a step. */
export function startChart(trace: ReportTrace, views: ReportViews): (k: number) => void {
  const g = views.chartGeometry();
  const chart = document.getElementById('chart') as HTMLElement;
  const head = chart.querySelector('.chart-head') as HTMLElement;
  const body = chart.querySelector('.chart-body') as HTMLElement;
  const rows = body.querySelector('.rows') as HTMLElement;
  const pane = document.getElementById('state-pane') as HTMLElement;
  const last = trace.labels.length - 1;
  const width = views.chartWidth(trace, g);
  head.innerHTML = views.lifelineHeadHtml(trace, g);
  head.style.width = `${width}px`;
  body.style.width = `${width}px`;
  body.style.height = `${(last + 1) * g.row}px`;
  (body.querySelector('.lifelines') as HTMLElement).style.cssText =
    `left:${g.number + g.label}px;width:${width - g.number - g.label}px;background-image:${views.lifelinesBackground(g)}`;
  body.insertAdjacentHTML('beforeend', views.loopHtml(trace, g));
  let selected = trace.openAt;
  let onlyChanges = false;
  let frame = 0;
  const draw = (): void => {
    frame = 0;
    chart.style.setProperty('--sx', `${chart.scrollLeft}px`);
    const top = chart.scrollTop - head.offsetHeight;
    const first = Math.floor(top / g.row) - 10;
    rows.innerHTML = views.rowsHtml(trace, first, Math.ceil((top + chart.clientHeight) / g.row) + 10, selected, g);
  };
  const showState = (): void => {
    pane.innerHTML = views.stateHtml(trace, selected, onlyChanges);
    (document.getElementById('tree-mode') as HTMLElement).addEventListener('click', () => {
      onlyChanges = !onlyChanges;
      showState();
    });
  };
  const reveal = (): void => {
    const y = head.offsetHeight + selected * g.row;
    if (y < chart.scrollTop + head.offsetHeight) chart.scrollTop = y - head.offsetHeight;
    else if (y + g.row > chart.scrollTop + chart.clientHeight) chart.scrollTop = y + g.row - chart.clientHeight;
  };
  const select = (k: number): void => {
    selected = Math.max(0, Math.min(last, k));
    reveal();
    draw();
    showState();
  };
  chart.addEventListener('scroll', () => {
    if (frame === 0) frame = requestAnimationFrame(draw);
  }, { passive: true });
  rows.addEventListener('click', (e) => {
    const row = (e.target as Element).closest('.row');
    if (row !== null) select(Number(row.getAttribute('data-step')));
  });
  document.addEventListener('keydown', (e) => {
    if (e.altKey || e.ctrlKey || e.metaKey || (e.target as Element).closest('input, textarea, select') !== null) return;
    if (e.key === 'd') {
      onlyChanges = !onlyChanges;
      showState();
      return;
    }
    const page = Math.max(1, Math.floor(chart.clientHeight / g.row) - 2);
    const k = stepAfterKey(e.key, selected, last, page, trace.openAt);
    if (k === undefined) return;
    e.preventDefault();
    select(k);
  });
  // Open with the verdict's step in the middle of the chart.
  chart.scrollTop = Math.max(0, selected * g.row - chart.clientHeight / 2);
  select(selected);
  return select;
}

/** Lays the graph out the first time its section is open; a click on a path state selects its step. */
export function startGraph(data: ReportData, views: ReportViews, lib: DagreLib | undefined, select: ((k: number) => void) | undefined): void {
  const section = document.getElementById('graph-section') as HTMLDetailsElement | null;
  const graph = data.graph;
  if (section === null || graph === undefined || lib === undefined) return;
  const host = section.querySelector('.graph-host') as HTMLElement;
  const info = section.querySelector('.graph-info') as HTMLElement;
  let drawn = false;
  const draw = (): void => {
    if (drawn || !section.open) return;
    drawn = true;
    // Say so first: a graph of hundreds of states takes a moment to lay out.
    host.textContent = `laying out ${graph.nodes.length} states…`;
    setTimeout(() => {
      host.innerHTML = views.graphSvg(graph, lib);
    }, 30);
  };
  section.addEventListener('toggle', draw);
  host.addEventListener('click', (e) => {
    const node = (e.target as Element).closest('[data-node]');
    if (node === null) return;
    const id = Number(node.getAttribute('data-node'));
    const step = graph.path.indexOf(id);
    const n = graph.nodes[id];
    info.textContent = n === undefined ? '' : `state ${id}, depth ${n.depth}${step >= 0 ? `, step ${step} of the counterexample` : ''}: ${n.text}`;
    if (step >= 0 && select !== undefined) select(step);
  });
  draw();
}

/** The page's entry point. */
export function startReport(data: ReportData, views: ReportViews, lib: DagreLib | undefined): void {
  const select = data.trace === undefined ? undefined : startChart(data.trace, views);
  startGraph(data, views, lib, select);
  performance.mark('report-ready');
}
