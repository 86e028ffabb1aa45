// Peer model checkers on the same TwoPhase model (../shared/peers/): SPIN's pan and rumur's
// generated checker, where their Debian packages are installed. Each is compiled first (not
// timed), then its run is timed as a whole process, like ours. Nothing is installed here.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** The peers folder: beside the repository as CI lays it out (../shared/peers). */
export function peersDir() {
  for (const candidate of [join(repo, '../shared/peers'), join(repo, 'shared/peers')]) {
    if (existsSync(join(candidate, 'twophase.pml'))) return candidate;
  }
  return undefined;
}

const has = (tool) => spawnSync('sh', ['-c', `command -v ${tool}`]).status === 0;

/** Runs `argv` and measures wall time and peak memory (through /usr/bin/time when present). */
export function timed(argv, options = {}) {
  const withTime = existsSync('/usr/bin/time');
  const full = withTime ? ['/usr/bin/time', '-f', '__peak_kb=%M', ...argv] : argv;
  const started = performance.now();
  const r = spawnSync(full[0], full.slice(1), { encoding: 'utf8', maxBuffer: 1 << 28, ...options });
  const ms = performance.now() - started;
  const peak = /__peak_kb=(\d+)/.exec(r.stderr ?? '');
  return { ms, stdout: r.stdout ?? '', stderr: r.stderr ?? '', status: r.status, peakBytes: peak ? Number(peak[1]) * 1024 : undefined };
}

function run(cmd, args, cwd) {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed: ${r.stderr || r.stdout}`);
}

/** SPIN: spin -a, gcc (untimed), then ./pan (timed). */
export function runSpin(rm, dir) {
  if (!has('spin') || !has('gcc')) return { skipped: 'spin or gcc is not installed (apt-get install spin)' };
  const work = mkdtempSync(join(tmpdir(), 'bench-spin-'));
  writeFileSync(join(work, 'twophase.pml'), readFileSync(join(dir, 'twophase.pml')));
  run('spin', [`-DN=${rm}`, '-a', 'twophase.pml'], work);
  run('gcc', ['-O2', '-DSAFETY', '-DNOREDUCE', '-DMEMLIM=16000', '-o', 'pan', 'pan.c'], work);
  const t = timed(['./pan', '-m100000', rm >= 8 ? '-w27' : '-w22'], { cwd: work });
  const states = /(\d+) states, stored/.exec(t.stdout);
  if (!states) throw new Error(`pan printed no state count:\n${t.stdout}`);
  return { name: 'SPIN 6 pan (1 thread)', states: Number(states[1]), ...t };
}

/** rumur: generate and cc (untimed), then the generated checker (timed), one thread. */
export function runRumur(rm, dir) {
  if (!has('rumur') || !has('cc')) return { skipped: 'rumur or cc is not installed (apt-get install rumur)' };
  const work = mkdtempSync(join(tmpdir(), 'bench-rumur-'));
  writeFileSync(join(work, 'tp.m'), readFileSync(join(dir, 'twophase.m'), 'utf8').replace(/^const N: \d+;/m, `const N: ${rm};`));
  run('rumur', ['--deadlock-detection', 'off', '--threads', '1', 'tp.m', '--output', 'tp.c'], work);
  run('cc', ['-std=c11', '-O2', '-mcx16', '-o', 'tp', 'tp.c', '-lpthread'], work);
  const t = timed(['./tp'], { cwd: work });
  const states = /(\d+) states, \d+ rules fired/.exec(t.stdout);
  if (!states) throw new Error(`rumur's checker printed no state count:\n${t.stdout}`);
  return { name: 'rumur (1 thread)', states: Number(states[1]), ...t };
}

/** Our whole `sim check` process, start-up included; `model` is a built-in name or a model file. */
/** A whole `sim check` process; every state, as the peers check them (no symmetry reduction). */
export function runOurs(rm, extraArgs = [], model = 'twophase') {
  const t = timed([process.execPath, join(repo, 'bin/sim.js'), 'check', '--model', model, '--param', `rm=${rm}`, '--json', '--no-symmetry', ...extraArgs], { env: { ...process.env, CI: 'true' } });
  if (t.status !== 0) throw new Error(`sim check failed: ${t.stderr}`);
  const summary = JSON.parse(t.stdout);
  return { name: `sim check${extraArgs.length ? ` ${extraArgs.join(' ')}` : ''}`, states: summary.distinctStates, ...t };
}
