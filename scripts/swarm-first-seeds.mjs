#!/usr/bin/env node
// The table in the README's "Swarms" section: for every seeded bug and finding of every built-in
// model, the first swarm seed whose run fails the invariant it declares (or deadlocks), and the
// steps of that run. Needs a build (`npm run build`); prints Markdown on stdout.
//
//   node scripts/swarm-first-seeds.mjs              seeds 1..1000
//   node scripts/swarm-first-seeds.mjs --seeds 300  seeds 1..300
//
// Each row reproduces with `sim swarm --model M --param bug=B --seeds 1..N` (plus the bug's own
// parameters, which `sim list` shows), where N is the first seed.
import { parseArgs } from 'node:util';
import { builtinModels } from '../dist/model/index.js';
import { createSwarm, firstFailing } from '../dist/sim/index.js';

const { values } = parseArgs({ options: { seeds: { type: 'string', default: '1000' } } });
const seeds = Array.from({ length: Number(values.seeds) }, (_, i) => i + 1);

console.log('| model | bug or finding | breaks | first seed | steps |');
console.log('|---|---|---|---|---|');
for (const entry of builtinModels) {
  const defaults = Object.fromEntries(entry.params.map((p) => [p.name, p.default]));
  const targets = [
    ...entry.bugs.map((b) => ({ name: b.name, breaks: b.breaks, params: { ...defaults, ...b.params, bug: b.name } })),
    ...entry.findings.map((f) => ({ name: `${f.name} (finding)`, breaks: f.breaks, params: { ...defaults, ...f.params } })),
  ];
  for (const t of targets) {
    const model = entry.create(t.params);
    const safety = t.breaks === 'deadlock' || t.breaks in model.invariants;
    const found = safety ? firstFailing(createSwarm(model), seeds, t.breaks) : undefined;
    const cells = found ? [found.seed, found.run.steps.length] : [safety ? `none in 1..${seeds.length}` : 'liveness: not sampled', ''];
    console.log(`| ${entry.name} | ${t.name} | ${t.breaks} | ${cells.join(' | ')} |`);
  }
}
