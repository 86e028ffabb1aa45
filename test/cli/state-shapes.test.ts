// Goal: a state is JSON data of any shape, not only an object: a number or an array is a state every engine and reader takes.
// Method: two small counting models, one with number states and one with array states, through check (BFS, DFS, threads), run, replay and the ITF export.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { scratchDir, sim, simProcess } from '../helpers/cli.js';

const MODELS = {
  number: "init: () => [0], actions: (s) => (s < 3 ? [{ type: 'Inc' }] : []), next: (s) => s + 1, final: (s) => s === 3, invariants: { Small: (s) => s <= 3 }",
  array: "init: () => [[0, 'a']], actions: (s) => (s[0] < 3 ? [{ type: 'Inc' }] : []), next: (s) => [s[0] + 1, s[1]], final: (s) => s[0] === 3, invariants: { Small: (s) => s[0] <= 3 }",
};

let dir: string;
beforeAll(() => {
  dir = scratchDir();
  for (const [name, body] of Object.entries(MODELS)) writeFileSync(join(dir, `${name}.mjs`), `export default { name: '${name}', ${body} };\n`);
});

describe.each(Object.keys(MODELS))('%s states', (name) => {
  const file = `./${name}.mjs`;
  it('are checked breadth-first, depth-first and on threads: 4 states, 3 transitions', async () => {
    for (const strategy of ['bfs', 'dfs']) {
      const r = await sim(['check', '--model', file, '--strategy', strategy, '--json', '--workers', '1'], dir);
      expect(r.code, r.stderr).toBe(0);
      expect(JSON.parse(r.stdout)).toMatchObject({ verdict: 'ok', distinctStates: 4, transitions: 3 });
    }
    const threads = simProcess(['check', '--model', file, '--json', '--workers', '2', '--parallel-from', '1'], dir);
    expect(threads.code, threads.stderr).toBe(0);
    expect(JSON.parse(threads.stdout)).toMatchObject({ verdict: 'ok', distinctStates: 4 });
  });

  it('are simulated, replayed and exported to ITF', async () => {
    const trace = `${name}.trace.json`;
    expect((await sim(['run', '--seed', '1', '--model', file, '--out', trace], dir)).code).toBe(0);
    const replayed = await sim(['replay', trace, '--model', file, '--no-tui', '--states', '--itf', `${name}.itf.json`], dir);
    expect(replayed.code, replayed.stderr).toBe(0);
    expect(replayed.stdout).toMatch(/reproduces: all 3 steps match/);
  });
});
