// Goal: `sim validate` exits 0 for an explained log (its --out trace replays), 1 for one it does not (the line, the nearest
// states, a trace that replays), 2 with line and column for a bad log; progress only on a terminal. Method: simulator-run
// and hand-written logs through the command line in process (a fake terminal and clock); garbage lines by fast-check.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { expectRefused, fixture, scratchDir, sim } from '../helpers/cli.js';
import { fileModel, logOfRun, runOf } from '../helpers/logs.js';

const ring = fixture('token-ring.mjs');

/** A folder holding `log.ndjson` with `text`. */
function logDir(text: string): string {
  const dir = scratchDir();
  writeFileSync(join(dir, 'log.ndjson'), text);
  return dir;
}

async function ringLog(steps: number, seed = 1): Promise<string> {
  return logOfRun(runOf(await fileModel(ring), seed, steps), 'actions');
}

describe('sim validate LOG', () => {
  it('exits 0 for an explained log; --json is one object; --out saves a trace sim replay reproduces', async () => {
    const dir = logDir(await ringLog(50));
    const r = await sim(['validate', 'log.ndjson', '--model', ring, '--json', '--out', 'explained.trace.json'], dir);
    expect(r.code, r.stderr).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json).toMatchObject({ explained: true, verdict: 'explained', events: 50, explainedPrefix: 50, failedLine: null, pathSteps: 50, trace: 'explained.trace.json' });
    expect(json.distinctStates).toBeGreaterThan(1);
    const replay = await sim(['replay', 'explained.trace.json', '--model', ring, '--no-tui'], dir);
    expect(replay.code, replay.stderr).toBe(0);
  });

  it('exits 1 for a log no path explains: names the line, the nearest states, and saves the longest explaining path', async () => {
    const lines = (await ringLog(12)).trimEnd().split('\n');
    lines[7] = '{"action": {"type": "Pass", "to": 9}}';
    const dir = logDir(`${lines.join('\n')}\n`);
    const r = await sim(['validate', 'log.ndjson', '--model', ring], dir);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stdout).toMatch(/not explained: line 8 is the first event no path reaches; the 7 events before it are explained by a path of 7 steps/);
    expect(r.stdout).toMatch(/ {2}line 8: \{"action": \{"type": "Pass", "to": 9\}\}/);
    expect(r.stdout).toMatch(/1\. after 7 steps: enabled Work\(node=\d\), Pass\(from=\d, to=\d\)\n {7}nearest step Pass\(from=\d, to=\d\): its action differs at \.to: log 9, model \d/);
    expect(r.stderr).toMatch(/trace saved to token-ring-unexplained\.trace\.json\nreplay with: sim replay token-ring-unexplained\.trace\.json --model /);
    const json = JSON.parse((await sim(['validate', 'log.ndjson', '--model', ring, '--json'], dir)).stdout);
    expect(json).toMatchObject({ explained: false, events: 12, explainedPrefix: 7, failedLine: 8 });
    const trace = JSON.parse(readFileSync(join(dir, 'token-ring-unexplained.trace.json'), 'utf8'));
    expect(trace.steps).toHaveLength(7);
    expect(trace.note).toMatch(/^the longest path of token-ring that explains log\.ndjson \(lines up to line 8, not included\)$/);
    expect((await sim(['replay', 'token-ring-unexplained.trace.json', '--model', ring, '--no-tui'], dir)).code).toBe(0);
  });

  it('explains with unlogged steps only when --gap allows them', async () => {
    const lines = (await ringLog(10)).trimEnd().split('\n');
    const dir = logDir(`${lines.filter((_, i) => i % 3 !== 1).join('\n')}\n`);
    expect((await sim(['validate', 'log.ndjson', '--model', ring], dir)).code).toBe(1);
    expect((await sim(['validate', 'log.ndjson', '--model', ring, '--gap', '1'], dir)).code).toBe(0);
  });

  it('says when the explaining path breaks an invariant, and ends the trace there', async () => {
    const dir = logDir('{"action": {"type": "TMCommit"}}\n{"action": {"type": "RMChooseToAbort", "rm": 1}}\n{"action": {"type": "RMRcvCommitMsg", "rm": 2}}\n');
    const r = await sim(['validate', 'log.ndjson', '--model', 'twophase', '--param', 'bug=commit-without-all-prepared', '--out', 'x.trace.json'], dir);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toMatch(/note: the explaining path breaks invariant TCConsistent at step 3/);
    expect((await sim(['replay', 'x.trace.json', '--no-tui'], dir)).code).toBe(0);
  });

  it('shows a progress line on a terminal only, cleared at the end; none when piped or with --json', async () => {
    const dir = logDir(await ringLog(10_000));
    let t = 0;
    const terminal = { stderrIsTTY: true, now: () => (t += 1000) };
    const shown = await sim(['validate', 'log.ndjson', '--model', ring], dir, terminal);
    expect(shown.code, shown.stderr).toBe(0);
    expect(shown.stderr).toMatch(/^\r\x1b\[K {2}explained [\d,]+ of 10,000 events {2}[\d,]+ search states {2}[\d,]+ events\/s/);
    expect(shown.stderr.endsWith('\r\x1b[K')).toBe(true);
    expect(shown.stdout).toMatch(/^sim validate: log\.ndjson, 10,000 events/);
    expect((await sim(['validate', 'log.ndjson', '--model', ring, '--json'], dir, terminal)).stderr).toBe('');
    expect((await sim(['validate', 'log.ndjson', '--model', ring], dir, { now: terminal.now })).stderr).toBe('');
  });

  test.prop([fc.nat({ max: 19 }), fc.constantFrom('{"action": }', '{"action": {"type": "Work"}', 'not json', '{"action": 1} 2', '{"state": [1,]}', '\u001b[2J')], { numRuns: 25 })(
    'a garbage line is exit 2, one line naming the line and a column',
    async (at, garbage) => {
      const lines = (await ringLog(20)).trimEnd().split('\n');
      lines.splice(at, 0, garbage);
      const r = await sim(['validate', 'log.ndjson', '--model', ring], logDir(lines.join('\n')));
      expectRefused(r, new RegExp(`^sim: log\\.ndjson: line ${at + 1}, column \\d+: not JSON`));
    },
  );

  it.each([
    ['{"action": }', /line 1, column 12: not JSON \(unexpected "\}"\)$/],
    ['{"action": {"type": "Work"}', /line 1, column 28: not JSON \(the line ends early\)$/],
    ['{"action": 1} 2', /line 1, column 15: not JSON \(unexpected "2"\)$/],
    ['[1, 2]', /line 1, column 1: an event is a JSON object with "action", "state" or both$/],
    ['{"action": 1, "when": 3}', /line 1, column 15: unknown field "when"; an event has "action", "state" and "actor"$/],
    ['{"actor": "node0"}', /line 1, column 1: an event needs "action", "state" or both$/],
    ['{"action": 1, "actor": 7}', /line 1, column 15: "actor" must be a string$/],
    ['{"action": {"__proto__": {"x": 1}}}', /line 1, column 13: the line has a "__proto__" key \(at \.action\.__proto__\), which no sim file has$/],
    ['\n\n   \n', /log\.ndjson holds no events/],
  ])('refuses %j in one line', async (text, message) => {
    expectRefused(await sim(['validate', 'log.ndjson', '--model', ring], logDir(text)), message);
  });

  it('refuses a binary file, a missing file, and a missing argument, in one line each', async () => {
    const dir = scratchDir();
    writeFileSync(join(dir, 'log.ndjson'), new Uint8Array([0x7b, 0, 0xff, 0x7d]));
    expectRefused(await sim(['validate', 'log.ndjson'], dir), /^sim: log\.ndjson is a binary file, neither an NDJSON log nor a pcap capture$/);
    expectRefused(await sim(['validate', 'nothere.ndjson'], dir), /^sim: log nothere\.ndjson does not exist$/);
    expectRefused(await sim(['validate'], dir), /^sim: sim validate needs a LOG file/);
  });

  it('never runs a file the log names, or the log itself: a log is data', async () => {
    const dir = scratchDir();
    const marker = join(dir, 'ran');
    writeFileSync(join(dir, 'evil.mjs'), `import { writeFileSync } from 'node:fs'; writeFileSync(${JSON.stringify(marker)}, 'x'); export default {};\n`);
    writeFileSync(join(dir, 'log.ndjson'), '{"action": {"type": "Work"}, "state": {"model": "./evil.mjs"}}\n');
    expect((await sim(['validate', 'log.ndjson', '--model', ring], dir)).code).toBe(1);
    expectRefused(await sim(['validate', 'evil.mjs', '--model', ring], dir), /^sim: evil\.mjs: line 1, column 1: not JSON/);
    expect(() => readFileSync(marker)).toThrow();
  });
});
