// Goal: a model's mistakes (non-boolean predicates, undefined in a state or action, init/actions/next of the wrong shape)
// are model errors in every engine, exit 2, never a violation. Method: small model files through every engine that asks.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectRefused, scratchDir, sim, simProcess, type SimOutput } from '../helpers/cli.js';

const COUNTING = "init: () => [{ n: 0 }], actions: (s) => (s.n < 3 ? [{ type: 'Inc' }] : []), next: (s) => ({ n: s.n + 1 }), final: (s) => s.n === 3";
const model = (name: string, rest: string): string => `export default { name: '${name}', ${rest} };\n`;

const ENGINES = {
  bfs: ['check'],
  dfs: ['check', '--strategy', 'dfs'],
  random: ['check', '--strategy', 'random', '--seed', '1', '--walks', '5'],
  threads: ['check', '--workers', '2', '--parallel-from', '1'],
  simulator: ['run', '--seed', '1'],
  swarm: ['swarm', '--seeds', '1..3'],
  replay: ['replay', 'good.trace.json', '--no-tui'],
} as const;
type Engine = keyof typeof ENGINES;
const ALL: readonly Engine[] = ['bfs', 'dfs', 'random', 'threads', 'simulator', 'swarm', 'replay'];
const SEARCHES: readonly Engine[] = ['bfs', 'dfs', 'random', 'threads'];

/** [model file name, its text, the engines that ask the broken question, the one line]. */
const mistakes: [string, string, readonly Engine[], RegExp][] = [
  ['inv-undef', model('inv-undef', `${COUNTING}, invariants: { Small: (s) => { s.n < 5; } }`), ALL, /^sim: model inv-undef: invariant Small returned undefined, not a boolean \(at step 0\)$/],
  ['inv-late-undef', model('inv-late-undef', `${COUNTING}, invariants: { Small: (s) => (s.n < 2 ? true : undefined) }`), ALL, /^sim: model inv-late-undef: invariant Small returned undefined, not a boolean \(at step 2\)$/],
  ['inv-number', model('inv-number', `${COUNTING}, invariants: { Small: (s) => s.n }`), ALL, /^sim: model inv-number: invariant Small returned the number 0, not a boolean \(at step 0\)$/],
  ['sometimes-undef', model('sometimes-undef', `${COUNTING}, invariants: {}, sometimes: { Three: (s) => { s.n === 3; } }`), SEARCHES, /^sim: model sometimes-undef: sometimes Three returned undefined, not a boolean \(at step 0\)$/],
  ['final-str', model('final-str', "init: () => [{ n: 0 }], actions: (s) => (s.n < 3 ? [{ type: 'Inc' }] : []), next: (s) => ({ n: s.n + 1 }), final: (s) => 'yes', invariants: {}"), ALL, /^sim: model final-str: final\(\) returned a string, not a boolean \(at step \d\)$/],
  ['goal-undef', model('goal-undef', `${COUNTING}, invariants: {}, liveness: { Done: { statement: 'ends', goal: (s) => { s.n === 3; } } }`), ['bfs', 'threads'], /^sim: model goal-undef: the goal of liveness property Done returned undefined, not a boolean$/],
  ['trigger-num', model('trigger-num', `${COUNTING}, invariants: {}, liveness: { Done: { statement: 'ends', trigger: (s) => 1, goal: (s) => s.n === 3 } }`), ['bfs', 'threads'], /^sim: model trigger-num: the trigger of liveness property Done returned the number 1, not a boolean$/],
  ['goal-throws', model('goal-throws', `${COUNTING}, invariants: {}, liveness: { Done: { statement: 'ends', goal: (s) => { throw new Error('goal broke'); } } }`), ['bfs', 'threads'], /^sim: model goal-throws threw in the goal of liveness property Done: goal broke$/],
  ['state-undef', model('state-undef', "init: () => [{ n: 0, log: { regions: [1, 2] } }], actions: (s) => (s.n < 3 ? [{ type: 'Inc' }] : []), next: (s) => ({ n: s.n + 1, log: { regions: s.n === 1 ? [1, 2, undefined] : [1, 2] } }), final: (s) => s.n === 3, invariants: { Ok: (s) => s.log.regions[2] !== 5 }"), ['bfs', 'dfs', 'random', 'threads', 'simulator', 'swarm'], /^sim: model state-undef: next\(\) at step 2 \(action Inc\) returned a state with undefined at \.log\.regions\[2\] \(not JSON data\)$/],
  ['state-undef-key', model('state-undef-key', "init: () => [{ n: 0 }], actions: (s) => (s.n < 3 ? [{ type: 'Inc' }] : []), next: (s) => ({ n: s.n + 1, bad: s.n === 1 ? undefined : 0 }), final: (s) => s.n === 3, invariants: { NotBad: (s) => s.bad !== 1 }"), ['bfs', 'dfs', 'random', 'threads', 'simulator', 'swarm'], /^sim: model state-undef-key: next\(\) at step 2 \(action Inc\) returned a state with undefined at \.bad \(not JSON data\)$/],
  ['action-undef', model('action-undef', `init: () => [{ n: 0 }], actions: (s) => (s.n < 3 ? [{ type: 'Inc', by: undefined }] : []), next: (s) => ({ n: s.n + 1 }), final: (s) => s.n === 3, invariants: {}`), ['bfs', 'dfs', 'random', 'threads', 'simulator', 'swarm'], /^sim: model action-undef: actions\(\) at step 0 returned (actions with undefined at \[0\]|an action with undefined at )\.by \(not JSON data\)$/],
  ['next-undef', model('next-undef', "init: () => [{ n: 0 }], actions: (s) => (s.n < 3 ? [{ type: 'Inc' }] : []), next: (s) => { if (s.n < 1) return { n: s.n + 1 }; }, final: (s) => s.n === 3, invariants: { Small: (s) => s.n < 5 }"), ALL, /^sim: model next-undef: next\(\) at step 2 \(action Inc\) returned undefined, not a state \(JSON data\)$/],
  ['actions-object', model('actions-object', "init: () => [{ n: 0 }], actions: (s) => ({ type: 'Inc' }), next: (s) => ({ n: s.n + 1 }), invariants: {}"), ALL, /^sim: model actions-object: actions\(\) at step 0 returned an object, not an array of actions$/],
  ['init-empty', model('init-empty', 'init: () => [], actions: (s) => [], next: (s) => s, invariants: {}'), ALL, /^sim: model init-empty: init\(\) returned an empty array; a model needs at least one initial state$/],
  ['init-object', model('init-object', 'init: () => ({ n: 0 }), actions: (s) => [], next: (s) => s, invariants: {}'), ALL, /^sim: model init-object: init\(\) returned an object, not an array of states$/],
  ['init-undef-state', model('init-undef-state', 'init: () => [undefined], actions: (s) => [], next: (s) => s, invariants: { Ok: (s) => s.n === 0 }'), ALL, /^sim: model init-undef-state: init\(\) at index 0 returned undefined, not a state \(JSON data\)$/],
];

let dir: string;
/** Worker threads need the built code: that engine runs as a real process. */
const run = async (engine: Engine, modelFile: string): Promise<SimOutput> => {
  const args = [...ENGINES[engine], '--model', modelFile];
  return engine === 'threads' ? simProcess(args, dir) : sim(args, dir);
};

beforeAll(async () => {
  dir = scratchDir();
  for (const [name, text] of mistakes) writeFileSync(join(dir, `${name}.mjs`), text);
  // Replay needs a trace of the same shape made by a correct model; --model then names the broken one.
  writeFileSync(join(dir, 'good.mjs'), model('good', `${COUNTING}, invariants: { Small: (s) => s.n < 5 }`));
  expect((await sim(['run', '--seed', '1', '--model', './good.mjs', '--out', 'good.trace.json'], dir)).code).toBe(0);
});

describe('model mistakes are model errors, in every engine that asks', () => {
  it.each(mistakes)('%s', async (name, _text, engines, pattern) => {
    for (const engine of engines) {
      const r = await run(engine, `./${name}.mjs`);
      expect(r.stdout, `${engine}: ${r.stderr}`).toBe('');
      expectRefused(r, pattern);
    }
  });

  it('a correct model of the same shape is fine everywhere (the control case)', async () => {
    for (const engine of ALL) expect((await run(engine, './good.mjs')).code, engine).not.toBe(2);
  });
});
