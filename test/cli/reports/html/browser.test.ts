// Goal: an HTML report opens from disk in a real browser and shows what it claims: the verdict, the violating step highlighted and selected, a clicked or key-selected step with its changes (the same as changedFields) and its state, the state graph with the counterexample's path, a liveness loop bracketed; no script error and no request but the file.
// Method: the built binary writes reports of the flagship's lost-dirty-bit counterexample, the TwoPhase bug and a liveness lasso; headless Debian chromium (playwright-core) opens each; clicks, key presses and reads of the DOM. Skipped, saying why, without /usr/bin/chromium (or SIM_CHROMIUM).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changedFields, type Trace } from '../../../../trace/index.js';
import { CHROMIUM, hasChromium, launchBrowser, type Browser, type OpenPage } from '../../../helpers/browser.js';
import { fixture, scratchDir, simProcess } from '../../../helpers/cli.js';

if (!hasChromium) console.warn(`skipping the HTML report browser tests: ${CHROMIUM} is missing (apt-get install chromium; .ci/run installs it)`);

interface Shown {
  title: string;
  selected: string | null;
  changes: string[];
  origins: string[];
  notes: string;
}

/** What the page shows of the selected step. */
function shown(page: Page): Promise<Shown> {
  return page.evaluate(() => ({
    title: document.getElementById('step-title')?.textContent ?? '',
    selected: document.querySelector('.row.selected')?.getAttribute('data-step') ?? null,
    changes: [...document.querySelectorAll('#step-changes li')].map((li) => li.getAttribute('data-path') ?? ''),
    origins: [...document.querySelectorAll('#state-tree .tl.origin')].map((l) => l.getAttribute('data-path') ?? ''),
    notes: [...document.querySelectorAll('#state-pane .note')].map((n) => n.textContent).join(' | '),
  }));
}

async function ready(open: OpenPage): Promise<Page> {
  await open.page.waitForFunction(() => performance.getEntriesByName('report-ready').length > 0, undefined, { timeout: 20_000 });
  return open.page;
}

/** A report made by the real binary in a scratch directory, and the trace beside it. */
function report(args: string[], expectedCode: number): { html: string; trace: Trace | undefined } {
  const dir = scratchDir();
  const r = simProcess([...args, '--out', 'cx.trace.json', '--html', 'report.html'], dir);
  expect(r.code, r.stderr).toBe(expectedCode);
  expect(r.stderr).toContain('HTML report written to report.html');
  const trace = expectedCode === 1 ? (JSON.parse(readFileSync(join(dir, 'cx.trace.json'), 'utf8')) as Trace) : undefined;
  return { html: join(dir, 'report.html'), trace };
}

const stateAt = (t: Trace, k: number): unknown => (k === 0 ? t.initial.state : t.steps[k - 1]?.state);
const changesAt = (t: Trace, k: number): string[] => changedFields(stateAt(t, k - 1), stateAt(t, k)).map((c) => c.path);

describe.skipIf(!hasChromium)('the HTML report in headless Chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('opens the flagship counterexample at its violation, and follows clicks and keys with the step\'s changes and state', async () => {
    const { html, trace } = report(['check', '--param', 'bug=lost-dirty-bit'], 1);
    const t = trace as Trace;
    const n = t.steps.length;
    const open = await browser.open(html);
    const page = await ready(open);
    expect(await page.textContent('#verdict')).toBe(`violation of ackedMarksInMemory at step ${n}`);
    let s = await shown(page);
    expect(s.selected).toBe(String(n));
    expect(s.title).toBe(`step ${n}/${n} ${t.steps[n - 1]?.label}`);
    expect(s.notes).toContain('invariant ackedMarksInMemory is violated');
    expect(await page.getAttribute(`.row[data-step="${n}"]`, 'class')).toContain('violation');

    await page.keyboard.press('Home');
    // The first netlink request is an arrow, from kernel0's lifeline rightward to daemon0's.
    const request = t.steps.findIndex((x) => (x.action as { type: string }).type === 'DeliverRequest') + 1;
    const arrow = await page.$eval(`.row[data-step="${request}"] line.msg`, (l) => [Number(l.getAttribute('x1')), Number(l.getAttribute('x2'))]);
    const lanes = await page.$$eval('.lane-name', (names) => names.map((n) => n.textContent));
    expect(arrow[0] as number).toBeLessThan(arrow[1] as number);
    expect(lanes.indexOf('kernel0')).toBeLessThan(lanes.indexOf('daemon0'));
    await page.click('.row[data-step="2"]');
    s = await shown(page);
    expect([s.selected, s.title]).toEqual(['2', `step 2/${n} ${t.steps[1]?.label}`]);
    expect(s.changes).toEqual(changesAt(t, 2));
    for (const p of s.origins) expect(s.changes).toContain(p);

    await page.keyboard.press('ArrowDown');
    s = await shown(page);
    expect([s.selected, s.changes]).toEqual(['3', changesAt(t, 3)]);
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowUp');
    expect((await shown(page)).selected).toBe('1');
    await page.keyboard.press('End');
    s = await shown(page);
    expect([s.selected, s.changes]).toEqual([String(n), changesAt(t, n)]);
    expect(s.notes).toContain('ackedMarksInMemory');
    await page.keyboard.press('d');
    expect(await page.textContent('#tree-mode')).toBe('show the whole state (d)');
    expect(open.errors).toEqual([]);
  });

  it('draws the state graph with the TwoPhase counterexample\'s path, and a click on a path state selects its step', async () => {
    const { html, trace } = report(['check', '--model', 'twophase', '--param', 'bug=commit-without-all-prepared'], 1);
    const open = await browser.open(html);
    const page = await ready(open);
    expect(await page.$('svg.graph')).toBeNull();
    await page.click('#graph-section summary');
    await page.waitForSelector('svg.graph');
    const graph = await page.evaluate(() => {
      const data = JSON.parse(document.getElementById('report-data')?.textContent ?? '{}') as { graph: { nodes: unknown[]; path: number[] } };
      return { nodes: data.graph.nodes.length, path: data.graph.path, drawn: document.querySelectorAll('svg.graph .node').length, onPath: document.querySelectorAll('svg.graph .node.path').length, last: document.querySelectorAll('svg.graph .node.last').length };
    });
    expect(graph.drawn).toBe(graph.nodes);
    expect([graph.onPath, graph.last]).toEqual([(trace as Trace).steps.length + 1, 1]);
    await page.click(`svg.graph [data-node="${graph.path[1]}"]`);
    expect((await shown(page)).selected).toBe('1');
    expect(await page.textContent('.graph-info')).toContain('step 1 of the counterexample');
    expect(open.errors).toEqual([]);
  });

  it('brackets a liveness loop and marks where the trigger holds', async () => {
    const { html } = report(['check', '--model', fixture('lock-starve.mjs')], 1);
    const open = await browser.open(html);
    const page = await ready(open);
    expect(await page.textContent('.loop-bracket')).toBe('steps 1–2 repeat forever');
    const classes = await page.$$eval('.row', (rows) => rows.map((r) => r.className));
    expect(classes).toEqual(['row trigger', 'row in-loop', 'row selected in-loop']);
    expect((await shown(page)).notes).toContain('liveness property P1Enters fails');
    expect(open.errors).toEqual([]);
  });

  it('opens a clean check\'s report on its verdict and its whole state graph', async () => {
    const { html } = report(['check', '--model', 'twophase'], 0);
    const open = await browser.open(html);
    const page = await ready(open);
    expect(await page.textContent('#verdict')).toBe('ok: every invariant holds');
    expect(await page.$('#chart')).toBeNull();
    await page.waitForSelector('svg.graph');
    expect(await page.$$eval('svg.graph .node', (nodes) => nodes.length)).toBe(288);
    expect(open.errors).toEqual([]);
  });
});
