// Goal: a report is one self-contained page (nothing to fetch, data that cannot end its script element, every browser function embedded), whose data are the trace's own (each step's changes as changedFields reports them) and whose commands reproduce it.
// Method: fast-check over JSON values for the embedding; the page of the TwoPhase counterexample and of synthetic traces read back from its HTML; the browser files' source scanned for what embedding by source text requires.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { checkCommandLine, shellWord, traceCommands } from '../../../../cli/reports/html/commands.js';
import { embedJson } from '../../../../cli/reports/html/embed.js';
import { reportPage } from '../../../../cli/reports/html/page.js';
import { pageScript } from '../../../../cli/reports/html/page-script.js';
import { reportTrace, traceHeader, type ReportData } from '../../../../cli/reports/html/report-data.js';
import { twophaseModel } from '../../../../model/twophase/index.js';
import { changedFields, type TraceVerdict } from '../../../../trace/index.js';
import { repoRoot, scratchDir, sim } from '../../../helpers/cli.js';
import { syntheticTrace, twophaseCounterexample } from '../../../helpers/traces.js';

const browserDir = join(repoRoot, 'cli/reports/html/browser');
const browserSources = readdirSync(browserDir).map((f) => readFileSync(join(browserDir, f), 'utf8'));

function pageOf(data: ReportData): string {
  return reportPage(data, undefined);
}

function embeddedData(page: string): ReportData {
  const m = /<script type="application\/json" id="report-data">([^<]*)<\/script>/.exec(page);
  return JSON.parse((m as RegExpExecArray)[1] as string) as ReportData;
}

describe('embedJson', () => {
  test.prop([fc.jsonValue(), fc.constantFrom('</script>', '<!--', '\u2028', '\u2029', '&amp;', '</SCRIPT >')])(
    'reads back as the same value, and holds no character that could end or comment its element',
    (value, nasty) => {
      const v = { value, nasty, inKey: { [nasty]: nasty } };
      const text = embedJson(v);
      expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(v)));
      expect(text).not.toMatch(/[<>&\u2028\u2029]/);
    },
  );
});

describe('the page', () => {
  const trace = twophaseCounterexample();
  const model = twophaseModel(3, 'commit-without-all-prepared');
  const data: ReportData = { header: traceHeader(trace, traceCommands(trace, 'tp.trace.json'), 'sim test'), trace: reportTrace(trace, model) };
  const page = pageOf(data);

  it('fetches nothing: no external script, style, font or image, and a policy that forbids any request', () => {
    expect(page).not.toMatch(/\s(src|href)=|<link|@import|url\(http|@font-face/i);
    expect(page).toContain(`content="default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:"`);
  });

  it('embeds the trace: labels, states, and each step\'s changes as changedFields reports them', () => {
    const t = embeddedData(page).trace;
    expect(t?.labels).toEqual(['initial state', 'TMCommit', 'RMChooseToAbort(rm1)', 'RMRcvCommitMsg(rm2)']);
    expect(t?.stateAt.map((i) => t.states[i])).toEqual([trace.initial.state, ...trace.steps.map((s) => s.state)]);
    for (const list of [t?.states, t?.changeSets]) expect(new Set(list?.map((x) => JSON.stringify(x))).size).toBe(list?.length);
    expect(t?.changesAt.map((i) => t.changeSets[i])).toEqual([[], ...trace.steps.map((s, i) => changedFields(i === 0 ? trace.initial.state : trace.steps[i - 1]?.state, s.state))]);
    expect(t?.openAt).toBe(3);
    expect(t?.chart.events[2]?.arrow).toEqual({ from: 0, to: 2, lost: false });
  });

  it('writes the header for people, escaped: model, parameters, engine, verdict, and the commands that reproduce it', () => {
    expect(page).toContain('<span id="verdict" class="verdict violation">violation of TCConsistent at step 3</span>');
    expect(page).toContain('<code>sim check --model twophase --param rm=3 --param bug=commit-without-all-prepared</code>');
    expect(page).toContain('<code>sim replay tp.trace.json</code>');
    const hostile = { ...data, header: { ...data.header, model: '</script><img src=x>' } };
    expect(pageOf(hostile)).not.toContain('<img');
  });

  it('opens at the step of the verdict, of a divergence, or else at the initial state', () => {
    const lasso: TraceVerdict = { result: 'violation', kind: 'liveness', name: 'L', step: 6, triggerStep: 1, loopStart: 3, stutter: false };
    const bare = { name: 'bare' };
    expect(reportTrace({ ...syntheticTrace(6), verdict: lasso }, bare).openAt).toBe(6);
    expect(reportTrace(syntheticTrace(6, { verdict: 'ok' }), bare).openAt).toBe(0);
    expect(reportTrace(syntheticTrace(6), bare, { reproduces: false, step: 2, reason: 'why' }).divergence).toEqual({ step: 2, reason: 'why' });
    expect(reportTrace(syntheticTrace(6), bare, { reproduces: false, step: 2, reason: 'why' }).openAt).toBe(2);
  });
});

describe('sim replay --html', () => {
  it('draws a model file\'s messages, losses and faults from its hooks, and writes the page whole', async () => {
    const dir = scratchDir();
    const model = join(repoRoot, 'examples/alternating-bit.mjs');
    // Faults strike 1 step in 500 in `sim run`; seed 2's first 1,000 steps lose both a frame and an ack.
    await sim(['run', '--seed', '2', '--model', model, '--steps', '1000', '--out', 'abp.trace.json'], dir);
    const r = await sim(['replay', 'abp.trace.json', '--model', model, '--html', 'abp.html'], dir);
    expect([r.code, r.stderr]).toEqual([0, 'HTML report written to abp.html\n']);
    expect(readdirSync(dir).sort()).toEqual(['abp.html', 'abp.trace.json']);
    const t = embeddedData(readFileSync(join(dir, 'abp.html'), 'utf8')).trace;
    const trace = JSON.parse(readFileSync(join(dir, 'abp.trace.json'), 'utf8')) as { steps: { action: { type: string } }[] };
    expect(t?.chart.lifelines).toEqual(['sender', 'network', 'receiver']);
    trace.steps.forEach((step, i) => {
      const e = t?.chart.events[i];
      const type = step.action.type;
      const toReceiver = type === 'DeliverFrame' || type === 'LoseFrame';
      const expected = type === 'Send' ? undefined : { from: toReceiver ? 0 : 2, to: toReceiver ? 2 : 0, lost: type.startsWith('Lose') };
      expect([e?.arrow, e?.fault], `step ${i + 1} ${type}`).toEqual([expected, type.startsWith('Lose')]);
    });
    expect(trace.steps.some((s) => s.action.type === 'LoseFrame') && trace.steps.some((s) => s.action.type === 'LoseAck')).toBe(true);
  });
});

describe('the page script', () => {
  it('declares every function of the browser files (each exported, each name once) and no other top-level binding', () => {
    const declared = browserSources.flatMap((s) => [...s.matchAll(/^(export )?function (\w+)/gm)].map((m) => ({ exported: m[1] !== undefined, name: m[2] })));
    expect(declared.filter((d) => !d.exported)).toEqual([]);
    const names = declared.map((d) => d.name);
    expect(new Set(names).size).toBe(names.length);
    for (const s of browserSources) expect(s).not.toMatch(/^(export )?(const|let|var|class) /m);
    const script = pageScript();
    for (const name of names) expect(script).toContain(`function ${name}(`);
    expect(() => new Function(script)).not.toThrow();
  });
});

describe('commands', () => {
  it('quotes a word for the shell only when it must', () => {
    expect(['bug=lost-dirty-bit', './m.mjs', "it's", 'a b', ''].map(shellWord)).toEqual(['bug=lost-dirty-bit', './m.mjs', `'it'\\''s'`, "'a b'", "''"]);
  });

  it('reproduces a check from the flags that decide its result, leaving out where its results go', () => {
    const flags = { model: 'dmlog', param: ['bug=x', 'regions=2'], strategy: 'dfs', 'no-deadlock': true, html: 'r.html', out: 'cx.json', json: true, junit: 'j.xml', shrink: false };
    expect(checkCommandLine(flags)).toBe('sim check --model dmlog --param bug=x --param regions=2 --strategy dfs --no-deadlock');
  });

  it('runs a simulator trace again with its seed and step count, and replays a model file\'s trace naming the file', () => {
    const t = { ...syntheticTrace(4), model: { source: 'file' as const, name: 'abp', file: 'abp.mjs', sha256: 'x' }, params: { capacity: 2 } };
    expect(traceCommands(t, 'out dir/abp.trace.json')).toEqual([
      { label: 'run again', command: 'sim run --seed 7 --model ./abp.mjs --param capacity=2 --steps 4' },
      { label: 'replay', command: "sim replay 'out dir/abp.trace.json' --model ./abp.mjs" },
    ]);
  });
});
