/**
 * The report's script: the browser functions' own compiled source, one declaration each, then the
 * call that starts the page with the embedded data. The functions are ordinary, type-checked
 * TypeScript in ./browser/, run as they are in the browser: nothing is ported or kept twice.
 */
import * as app from './browser/app.js';
import * as chartView from './browser/chart-view.js';
import * as graphView from './browser/graph-view.js';
import * as stateView from './browser/state-view.js';

/** Every function the browser files export; each is declared in the page under its own name. */
export const BROWSER_MODULES: readonly Readonly<Record<string, unknown>>[] = [chartView, stateView, graphView, app];

/** The text of the page's script: reads `#report-data`, calls `startReport`. */
export function pageScript(): string {
  const declarations = BROWSER_MODULES.flatMap((m) =>
    Object.values(m)
      .filter((v): v is (...args: never[]) => unknown => typeof v === 'function')
      .map((f) => f.toString()),
  );
  const views: (keyof app.ReportViews)[] = ['chartGeometry', 'chartWidth', 'lifelineHeadHtml', 'lifelinesBackground', 'loopHtml', 'rowsHtml', 'stateHtml', 'graphSvg'];
  return [
    '(function () {',
    '"use strict";',
    ...declarations,
    "const data = JSON.parse(document.getElementById('report-data').textContent);",
    `startReport(data, { ${views.join(', ')} }, typeof dagre === 'undefined' ? undefined : dagre);`,
    '})();',
  ].join('\n');
}
