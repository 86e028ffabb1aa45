// `node bench/validate-log.mjs [--events N]`: sim validate's speed on a long log. A seeded run of the
// token ring (a model that never stops; two actions in every state) becomes an NDJSON log of N
// actions (100,000 by default), written to a temporary folder, and a whole `sim validate` process
// explains it; its --json figures (the search's time and events per second) are printed, with the
// process's wall time. Runs the built dist/ (npm run build first).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { importModuleFile } from '../dist/lib/index.js';
import { simulate } from '../dist/sim/index.js';

const { values } = parseArgs({ options: { events: { type: 'string', default: '100000' } } });
const events = Number(values.events);
const ring = fileURLToPath(new URL('../test/fixtures/models/token-ring.mjs', import.meta.url));
const sim = fileURLToPath(new URL('../bin/sim.js', import.meta.url));
const mod = await importModuleFile(ring);
const run = simulate(mod.default(mod.params), { seed: 1, stepsMax: events });
const dir = mkdtempSync(join(tmpdir(), 'sim-bench-validate-'));
const log = join(dir, 'ring.ndjson');
writeFileSync(log, run.steps.map((s) => JSON.stringify({ action: s.action })).join('\n') + '\n');
const started = performance.now();
const r = spawnSync(process.execPath, [sim, 'validate', log, '--model', ring, '--json'], { encoding: 'utf8' });
const wallMs = performance.now() - started;
rmSync(dir, { recursive: true, force: true });
if (r.status !== 0) throw new Error(`sim validate exited ${r.status}: ${r.stderr}`);
const json = JSON.parse(r.stdout);
console.log(`sim validate LOG --model test/fixtures/models/token-ring.mjs: ${json.events.toLocaleString('en-US')} events, ${json.verdict}`);
console.log(`  search ${(json.elapsedMs / 1000).toFixed(2)} s, ${json.eventsPerSecond.toLocaleString('en-US')} events/s; ${json.searchStates.toLocaleString('en-US')} search states; whole process ${(wallMs / 1000).toFixed(2)} s`);
