// `node bench/replay-view.mjs` (after npm run build): how long the replay UI's view model takes on
// a 10,000-step trace with ~3.4 KB states: opening it (the one O(N) pass, the actor index) and each
// step afterwards (viewOf reads only the visible window, so this does not grow with the trace).
const { openCursor, reduceCursor, viewOf } = await import(new URL('../dist/trace/index.js', import.meta.url).href);

const n = 10_000;
const pad = 'x'.repeat(3000);
const actors = ['kernel', 'daemon', 'requester', 'thread1', 'thread2'];
const stateOf = (k) => ({ k, pad, regions: Array.from({ length: 50 }, (_, j) => ({ dirty: (j + k) % 3 === 0, inSync: j % 2 === 0 })) });
const steps = Array.from({ length: n }, (_, i) => ({
  action: { type: 'Act', k: i + 1 }, actionIndex: 0, label: `Act${i + 1}`, actor: actors[i % actors.length], time: i,
  fingerprint: '0'.repeat(16), state: stateOf(i + 1),
}));
const trace = {
  format: 1, tool: { name: 'sim', version: 'bench' }, model: { source: 'builtin', name: 'bench' }, params: {}, engine: 'sim', seed: 1,
  verdict: { result: 'ok' }, initial: { index: 0, fingerprint: '0'.repeat(16), state: stateOf(0) }, steps,
};
const size = { columns: 120, rows: 40 };
let t = performance.now();
let cursor = openCursor({ trace, outcome: { reproduces: true, steps: n } });
viewOf(cursor, size);
const openMs = performance.now() - t;
t = performance.now();
for (let i = 0; i < 1000; i++) {
  cursor = reduceCursor(cursor, { type: i % 2 === 0 ? 'next' : 'toggleDiff' });
  viewOf(cursor, size);
}
const stepMs = (performance.now() - t) / 1000;
console.log(`replay view, ${n.toLocaleString('en-US')} steps of ${JSON.stringify(stateOf(1)).length} B states: open + first view ${openMs.toFixed(1)} ms, each step + view ${stepMs.toFixed(2)} ms`);
