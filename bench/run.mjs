// `npm run bench`: the checker's speed and memory on TwoPhase through the plain model contract,
// side by side with a straightforward BFS (a JS Map keyed by sorted-key JSON.stringify) and with
// the model's own cost (actions + next over the same transitions: the floor no checker beats), and
// the model as a user's .mjs file checked by whole `sim check` processes, and TwoPhase with its
// symmetry reduction (one representative per class of interchangeable RMs). Then the same model in the peer checkers SPIN and rumur where they are installed, each as a
// whole process beside our whole `sim check` process. Last, `sim validate`'s speed on a 100,000-event
// log (bench/validate-log.mjs).
// Usage: npm run bench [-- --rm N] [-- --peer-rm N]   (defaults 7 and 7; runs the built dist/).
// The straightforward BFS needs about 6.5 GB at rm=9, so `npm run bench` raises the heap limit to 16 GB.
import { spawnSync } from 'node:child_process';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { peersDir, runOurs, runRumur, runSpin } from './peers.mjs';
import { checker } from '../dist/checker/index.js';
import { builtinModels } from '../dist/model/index.js';

const { values } = parseArgs({ options: { rm: { type: 'string', default: '7' }, 'peer-rm': { type: 'string', default: '7' } } });
const rm = Number(values.rm);
const entry = builtinModels.find((m) => m.name === 'twophase');
// With its representative: the RMs are interchangeable, and the checker stores one state per class.
const symmetricModel = entry.create({ rm, bug: 'none' });
// Every other row checks every state.
const { representative: _r, ...compiledModel } = symmetricModel;
// The same model with packed states but without its compiled successor function.
const packedModel = { ...compiledModel, successors: undefined };
// The plain contract: the same model without any hooks, as a user's .mjs model would be.
const model = { ...packedModel, encode: undefined, decode: undefined };

const gc = () => globalThis.gc?.();
const heap = () => {
  gc();
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
};
const fmt = (n) => Math.round(n).toLocaleString('en-US');

/** The textbook BFS: sorted-key JSON text per state, a Map from it, an index-based queue. */
function sortKeys(v) {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v !== null && typeof v === 'object') {
    const out = {};
    for (const k of Object.keys(v).sort()) out[k] = sortKeys(v[k]);
    return out;
  }
  return v;
}
function straightforwardBfs(m) {
  const seen = new Map();
  const queue = [];
  let transitions = 0;
  for (const s of m.init()) {
    const key = JSON.stringify(sortKeys(s));
    if (!seen.has(key)) {
      seen.set(key, -1);
      queue.push(s);
    }
  }
  for (let head = 0; head < queue.length; head++) {
    const s = queue[head];
    for (const a of m.actions(s)) {
      const t = m.next(s, a);
      transitions++;
      for (const holds of Object.values(m.invariants)) if (!holds(t)) throw new Error('violation');
      const key = JSON.stringify(sortKeys(t));
      if (!seen.has(key)) {
        seen.set(key, head);
        queue.push(t);
      }
    }
  }
  return { distinctStates: seen.size, transitions, seen, queue };
}

console.log(`sim bench: TwoPhase rm=${rm} through the plain model contract (node ${process.version}; in this process, one thread)`);
console.log(`command: npm run bench -- --rm ${rm} --peer-rm ${values['peer-rm']}\n`);

// Ours.
let before = heap();
let t0 = performance.now();
const ours = checker(model).clock(() => performance.now()).bfs();
const oursMs = performance.now() - t0;
const s = ours.stats;

// Ours with the model's packing hooks (encode/decode): queued as bytes.
let t1 = performance.now();
const packed = checker(packedModel).bfs();
const packedMs = performance.now() - t1;

// Ours with packing and the compiled successor function: bytes in, bytes out.
t1 = performance.now();
const compiled = checker(compiledModel).bfs();
const compiledMs = performance.now() - t1;

// With symmetry: compiled, and through the plain contract.
t1 = performance.now();
const symmetric = checker(symmetricModel).bfs();
const symmetricMs = performance.now() - t1;
t1 = performance.now();
const symmetricPlain = checker({ ...symmetricModel, successors: undefined, encode: undefined, decode: undefined }).bfs();
const symmetricPlainMs = performance.now() - t1;

// The floor: the model's own actions + next over every reachable state.
const states = [];
checker({ ...model, invariants: { collect: (x) => (states.push(x), true) } }).bfs();
t0 = performance.now();
let floorTransitions = 0;
for (const st of states) for (const a of model.actions(st)) {
  model.next(st, a);
  floorTransitions++;
}
const floorMs = performance.now() - t0;
states.length = 0;

// The straightforward BFS.
before = heap();
t0 = performance.now();
const naive = straightforwardBfs(model);
const naiveMs = performance.now() - t0;
const naiveBytes = (heap() - before) / naive.distinctStates;
if (naive.distinctStates !== s.distinctStates || naive.transitions !== s.transitions) {
  throw new Error(`count mismatch: ours ${s.distinctStates}/${s.transitions}, straightforward ${naive.distinctStates}/${naive.transitions}`);
}

// A user's plain .mjs model (no hooks) as a whole `sim check` process, with the default worker
// threads, and the same on one thread.
const plainFile = fileURLToPath(new URL('./twophase-plain.mjs', import.meta.url));
const plainRuns = [runOurs(rm, [], plainFile), runOurs(rm, ['--workers', '1'], plainFile)];
for (const r of plainRuns) {
  if (r.states !== s.distinctStates) throw new Error(`count mismatch: ${r.name} on the .mjs model found ${r.states} states`);
}

const table = (rows) => {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  for (const r of rows) console.log(r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  '));
};
const rows = [
  ['', 'distinct', 'transitions', 'time s', 'states/s', 'bytes/state'],
  ['sim check (bfs)', fmt(s.distinctStates), fmt(s.transitions), (oursMs / 1000).toFixed(2), fmt(s.distinctStates / (oursMs / 1000)),
    `${s.seenBytesPerState.toFixed(1)} seen + ${s.parentBytesPerState.toFixed(1)} parents`],
  ['sim check (bfs, packed hooks)', fmt(packed.stats.distinctStates), fmt(packed.stats.transitions), (packedMs / 1000).toFixed(2), fmt(packed.stats.distinctStates / (packedMs / 1000)),
    `${packed.stats.seenBytesPerState.toFixed(1)} seen + ${packed.stats.parentBytesPerState.toFixed(1)} parents`],
  ['sim check (bfs, compiled successors)', fmt(compiled.stats.distinctStates), fmt(compiled.stats.transitions), (compiledMs / 1000).toFixed(2), fmt(compiled.stats.distinctStates / (compiledMs / 1000)),
    `${compiled.stats.seenBytesPerState.toFixed(1)} seen + ${compiled.stats.parentBytesPerState.toFixed(1)} parents`],
  ...[['symmetry, compiled', symmetric, symmetricMs], ['symmetry, plain contract', symmetricPlain, symmetricPlainMs]].map(([name, r, ms]) => [
    `sim check (bfs, ${name})`, `${fmt(r.stats.distinctStates)} classes`, fmt(r.stats.transitions), (ms / 1000).toFixed(2), fmt(r.stats.distinctStates / (ms / 1000)),
    `${r.stats.seenBytesPerState.toFixed(1)} seen + ${r.stats.parentBytesPerState.toFixed(1)} parents`]),
  ...plainRuns.map((r) => [`${r.name.replace('sim check', 'sim check FILE.mjs')} (whole process)`, fmt(r.states), '', (r.ms / 1000).toFixed(2), fmt(r.states / (r.ms / 1000)), r.peakBytes === undefined ? '' : `peak ${(r.peakBytes / 2 ** 20).toFixed(0)} MB`]),
  ['straightforward BFS', fmt(naive.distinctStates), fmt(naive.transitions), (naiveMs / 1000).toFixed(2), fmt(naive.distinctStates / (naiveMs / 1000)),
    `${naiveBytes.toFixed(0)} (Map + keys + queue)`],
  ['model floor (actions+next)', '', fmt(floorTransitions), (floorMs / 1000).toFixed(2), fmt(s.distinctStates / (floorMs / 1000)), ''],
];
table(rows);
console.log(`\nspeed-up over the straightforward BFS: ${(naiveMs / oursMs).toFixed(1)}x through the plain contract, ${(naiveMs / compiledMs).toFixed(1)}x compiled`);
console.log(`a plain .mjs model as a whole process: ${(naiveMs / plainRuns[0].ms).toFixed(1)}x with the default worker threads, ${(naiveMs / plainRuns[1].ms).toFixed(1)}x on one thread`);
console.log(`symmetry: ${fmt(symmetric.stats.distinctStates)} classes of ${fmt(s.distinctStates)} states (${(s.distinctStates / symmetric.stats.distinctStates).toFixed(1)}x fewer), in ${(symmetricMs / compiledMs).toFixed(2)}x the time of the compiled search of every state`);
console.log(`checker overhead over the model's own cost: ${(oursMs / floorMs).toFixed(1)}x the floor (${((oursMs - floorMs) / 1000).toFixed(2)} s of ${(oursMs / 1000).toFixed(2)} s)`);

// Peers: the same TwoPhase, whole processes, compile steps excluded.
const peerRm = Number(values['peer-rm']);
console.log(`\npeers: TwoPhase rm=${peerRm}, each tool as a whole process (compile steps not timed)`);
const dir = peersDir();
// `sim check` as a user runs it (one worker thread per core for a compiled model), and on one thread.
const results = [runOurs(peerRm), runOurs(peerRm, ['--workers', '1'])];
if (dir === undefined) console.log('peers skipped: ../shared/peers/twophase.pml not found');
else {
  for (const peer of [runSpin(peerRm, dir), runRumur(peerRm, dir)]) {
    if (peer.skipped) console.log(`peer skipped: ${peer.skipped}`);
    else results.push(peer);
  }
}
const ourMs = results[0].ms;
const mb = (b) => (b === undefined ? '?' : (b / 2 ** 20).toFixed(0));
table([
  ['tool', 'distinct', 'wall s', 'states/s', 'peak MB', 'its time / ours'],
  ...results.map((r) => [r.name, fmt(r.states), (r.ms / 1000).toFixed(2), fmt(r.states / (r.ms / 1000)), mb(r.peakBytes), r === results[0] ? '' : `${(r.ms / ourMs).toFixed(2)}x`]),
]);
for (const r of results.slice(1)) {
  if (r.states !== results[0].states) console.log(`warning: ${r.name} found ${r.states} states, sim check ${results[0].states}`);
  else if (!r.name.startsWith('sim')) console.log(`sim check runs at ${(r.ms / ourMs).toFixed(2)}x the states/s of ${r.name}`);
}

// The validator on a long log, as its own process (its heap is not this one's).
console.log('');
const validateBench = spawnSync(process.execPath, [fileURLToPath(new URL('./validate-log.mjs', import.meta.url))], { stdio: 'inherit' });
if (validateBench.status !== 0) throw new Error(`bench/validate-log.mjs exited ${validateBench.status}`);
