// Goal: every seeded bug and every finding of every built-in model is found by a plain `sim check`
// under its own parameters, and the same check verifies clean without the bug (or with the fix).
// Method: the real command line, in process, with --json; one check per bug or finding and one per fix. The clean side of
// a safety break is checked for safety (--no-liveness): the dm-log cluster sets' liveness pass takes many minutes.
import { describe, expect, it } from 'vitest';
import { builtinModels } from '../../model/index.js';
import { sim } from '../helpers/cli.js';

type Params = Record<string, number | string | boolean>;

async function check(model: string, params: Params, extra: readonly string[] = []) {
  const flags = Object.entries(params).flatMap(([k, v]) => ['--param', `${k}=${String(v)}`]);
  const { code, stdout, stderr } = await sim(['check', '--model', model, ...flags, ...extra, '--json', '--workers', '1']);
  if (code === 2) throw new Error(stderr);
  return { code, summary: JSON.parse(stdout) as { verdict: string; violation?: { name: string } } };
}

function expectBreaks(found: Awaited<ReturnType<typeof check>>, breaks: string) {
  expect(found.code).toBe(1);
  expect(found.summary.verdict).toBe(breaks === 'deadlock' ? 'deadlock' : 'violation');
  expect(found.summary.violation?.name).toBe(breaks);
}

for (const entry of builtinModels) {
  const liveness = new Set(Object.keys(entry.create({}).liveness ?? {}));
  const cleanFlags = (breaks: string) => (liveness.has(breaks) ? [] : ['--no-liveness']);
  describe(`${entry.name}: seeded bugs and findings`, () => {
    for (const bug of entry.bugs) {
      it(`bug=${bug.name} breaks ${bug.breaks}, and bug=none verifies clean under the same parameters`, async () => {
        expectBreaks(await check(entry.name, { ...bug.params, bug: bug.name }), bug.breaks);
        const clean = await check(entry.name, { ...bug.params, bug: 'none' }, cleanFlags(bug.breaks));
        expect(clean.summary.verdict).toBe('ok');
      });
    }
    for (const finding of entry.findings) {
      it(`finding ${finding.name} breaks ${finding.breaks}, and its fix verifies clean`, async () => {
        expectBreaks(await check(entry.name, finding.params), finding.breaks);
        const fixed = await check(entry.name, { ...finding.params, ...finding.fix }, cleanFlags(finding.breaks));
        expect(fixed.summary.verdict).toBe('ok');
      });
    }
  });
}
