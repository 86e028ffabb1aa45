// Goal: `sim replay` prints (text, json, markdown) and exports ITF off a terminal; `sim check --dot/--junit` write well-formed reports.
// Method: drive the CLI in-process on a counterexample it produced, read back the files, and check XML/DOT structure and JUnit case lists.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isInteractive } from '../../cli/commands/replay.js';
import type { Io } from '../../cli/io.js';
import { fixture, scratchDir, sim } from '../helpers/cli.js';

const BUG = ['--model', 'twophase', '--param', 'bug=commit-without-all-prepared'];

/** Well-formed enough for CI readers: one root, every tag closed in order, attributes quoted, text escaped. */
function expectWellFormedXml(text: string): void {
  expect(text.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n')).toBe(true);
  const body = text.slice(text.indexOf('\n') + 1);
  const stack: string[] = [];
  for (const [, close, name, attrs, selfClose] of body.matchAll(/<(\/?)([A-Za-z]+)((?:\s+[a-zA-Z]+="[^"<]*")*)\s*(\/?)>/g)) {
    expect(attrs ?? '').not.toMatch(/&(?!amp;|lt;|gt;|quot;|apos;)/);
    if (selfClose) continue;
    if (close) expect(stack.pop()).toBe(name);
    else stack.push(name as string);
  }
  expect(stack).toEqual([]);
  expect(body.replace(/<[^>]*>/g, '')).not.toMatch(/[<>]|&(?!amp;|lt;|gt;|quot;|apos;)/);
}

function testcases(xml: string): { classname: string; name: string; outcome: 'pass' | 'failure' | 'skipped'; body: string }[] {
  return [...xml.matchAll(/<testcase classname="([^"]*)" name="([^"]*)" time="[^"]*"(\/>|>([\s\S]*?)<\/testcase>)/g)].map(([, classname, name, , inner]) => ({
    classname: classname as string,
    name: name as string,
    outcome: inner === undefined ? 'pass' : inner.includes('<failure') ? 'failure' : 'skipped',
    body: inner ?? '',
  }));
}

describe('sim replay exports', () => {
  it('prints text, json and markdown, and writes ITF, without a terminal', async () => {
    const dir = scratchDir();
    expect((await sim(['check', ...BUG, '--out', 'cx.trace.json'], dir)).code).toBe(1);
    const text = await sim(['replay', 'cx.trace.json'], dir);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('reproduces: all 3 steps match; verdict violation of TCConsistent at step 3');
    const json = await sim(['replay', 'cx.trace.json', '--format', 'json'], dir);
    expect(JSON.parse(json.stdout)).toMatchObject({ reproduces: true, steps: 3, verdict: { name: 'TCConsistent' } });
    const md = await sim(['replay', 'cx.trace.json', '--format', 'markdown'], dir);
    expect(md.stdout).toContain('| 2 | rm1 | `RMChooseToAbort(rm1)` |');
    expect(md.stdout).toContain('**Reproduces:**');
    const itf = await sim(['replay', 'cx.trace.json', '--itf', 'cx.itf.json'], dir);
    expect(itf.code).toBe(0);
    expect(itf.stderr).toContain('ITF trace written to cx.itf.json');
    const doc = JSON.parse(readFileSync(join(dir, 'cx.itf.json'), 'utf8'));
    expect(doc['#meta'].format).toBe('ITF');
    expect(doc.states).toHaveLength(4);
    expect((await sim(['replay', 'cx.trace.json', '--format', 'html'], dir))).toMatchObject({ code: 2 });
    expect((await sim(['replay', 'cx.trace.json', '--format', 'text', '--json'], dir))).toMatchObject({ code: 2 });
  });

  it('opens the UI only on a terminal with CI unset, 0 or false', () => {
    const io = (over: Partial<Io>): Io => ({ stdinIsTTY: true, stdoutIsTTY: true, env: {}, ...over }) as Io;
    expect(isInteractive(io({}))).toBe(true);
    expect(isInteractive(io({ env: { CI: 'false' } }))).toBe(true);
    expect(isInteractive(io({ env: { CI: '0' } }))).toBe(true);
    expect(isInteractive(io({ env: { CI: 'true' } }))).toBe(false);
    expect(isInteractive(io({ env: { CI: '1' } }))).toBe(false);
    expect(isInteractive(io({ stdinIsTTY: false }))).toBe(false);
    expect(isInteractive(io({ stdoutIsTTY: false }))).toBe(false);
  });
});

describe('sim check --junit and --dot', () => {
  it('a violation: the invariant fails with the replay command, the undecided cases are skipped, the DOT path is red', async () => {
    const dir = scratchDir();
    const r = await sim(['check', ...BUG, '--junit', 'report.xml', '--dot', 'graph.dot', '--out', 'cx.trace.json'], dir);
    expect(r.code).toBe(1);
    const xml = readFileSync(join(dir, 'report.xml'), 'utf8');
    expectWellFormedXml(xml);
    const cases = testcases(xml);
    expect(cases.map((c) => [c.classname, c.name, c.outcome])).toEqual([
      ['twophase.invariant', 'TCConsistent', 'failure'],
      ['twophase.invariant', 'TPTypeOK', 'skipped'],
      ['twophase.sometimes', 'TCConsistent', 'skipped'],
      ['twophase.sometimes', 'TPTypeOK', 'skipped'],
      ['twophase.deadlock', 'deadlock freedom', 'skipped'],
    ]);
    expect(cases[0]?.body).toContain('replay with: sim replay cx.trace.json');
    expect(xml).toContain('tests="5" failures="1" errors="0" skipped="4"');
    const dot = readFileSync(join(dir, 'graph.dot'), 'utf8');
    expect(dot.split('\n').filter((l) => l.includes(' -> ') && l.includes('color=red'))).toHaveLength(3);
  });

  it('a clean check: every case passes; a model file and its replay flag', async () => {
    const dir = scratchDir();
    expect((await sim(['check', '--model', 'twophase', '--junit', 'ok.xml'], dir)).code).toBe(0);
    const ok = readFileSync(join(dir, 'ok.xml'), 'utf8');
    expectWellFormedXml(ok);
    expect(testcases(ok).every((c) => c.outcome === 'pass')).toBe(true);
    expect(testcases(ok)).toHaveLength(5);
  });

  it('a deadlock fails deadlock freedom, with --model in the replay command', async () => {
    const dir = scratchDir();
    const model = fixture('counter.mjs');
    const r = await sim(['check', '--model', model, '--param', 'finalAtLimit=false', '--junit', 'dl.xml', '--out', 'dl.trace.json'], dir);
    expect(r.code).toBe(1);
    const xml = readFileSync(join(dir, 'dl.xml'), 'utf8');
    expectWellFormedXml(xml);
    const cases = testcases(xml);
    expect(cases.map((c) => [c.name, c.outcome])).toEqual([['Bounded', 'skipped'], ['deadlock freedom', 'failure']]);
    expect(cases[1]?.body).toContain(`replay with: sim replay dl.trace.json --model ${model}`);
  });

  it('an unreached sometimes-witness in a complete check fails; --no-deadlock skips deadlock freedom', async () => {
    const dir = scratchDir();
    writeFileSync(
      join(dir, 'vacuous.mjs'),
      `export default { name: 'vacuous', init: () => [{ n: 0 }], actions: (s) => (s.n < 2 ? [{ type: 'Inc' }] : []), next: (s) => ({ n: s.n + 1 }),
        invariants: { Small: (s) => s.n < 5 }, sometimes: { Small: (s) => s.n === 4, Start: (s) => s.n === 0 }, final: (s) => s.n === 2 };\n`,
    );
    expect((await sim(['check', '--model', './vacuous.mjs', '--junit', 'v.xml', '--no-deadlock'], dir)).code).toBe(0);
    const cases = testcases(readFileSync(join(dir, 'v.xml'), 'utf8'));
    expect(cases.map((c) => [c.classname, c.name, c.outcome])).toEqual([
      ['vacuous.invariant', 'Small', 'pass'],
      ['vacuous.sometimes', 'Small', 'failure'],
      ['vacuous.sometimes', 'Start', 'pass'],
      ['vacuous.deadlock', 'deadlock freedom', 'skipped'],
    ]);
  });
});
