#!/usr/bin/env node
// The model-check job, installed as the `sim-model-check` bin: check each model at its default
// parameters with `sim check --json --junit`, replay every saved trace expecting its recorded
// verdict, and exit 1 if anything fails. In another project it checks the model files named with
// --model; this repository's own CI (`npm run model-check`, .ci/run, and the matrix jobs of
// .github/workflows/model-check.yml) runs it with --builtin, --model NAME or --corpus-only.
// `sim-model-check --help` lists the flags (scripts/model-check-options.mjs).
//
// Reports land in OUT/junit/*.xml (one per model, plus traces.xml), counterexamples in
// OUT/counterexamples/ with an HTML report beside each (NAME.html: `sim check --html`), and an HTML
// report of each replayed trace in OUT/traces-html/, for CI to upload as artifacts.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { looksLikeFile, parseOptions, usage, UsageError } from './model-check-options.mjs';

const here = fileURLToPath(new URL('.', import.meta.url));
const argv = process.argv.slice(2);
let values;
try {
  values = parseOptions(argv);
} catch (err) {
  fail(err);
}
if (values.help) {
  process.stdout.write(`${usage}\n`);
  process.exit(0);
}
const simBin = resolve(values.sim ?? join(here, '../bin/sim.js'));
const out = resolve(values.out ?? 'model-check-reports');
const tracesDir = resolve(values.traces ?? 'traces');

/** Bad usage: one line and exit 2; anything else is ours, with its stack under --debug. */
function fail(err) {
  const usageError = err instanceof UsageError;
  const line = usageError ? err.message : `internal error: ${err instanceof Error ? err.message : String(err)}`;
  const debug = argv.includes('--debug');
  process.stderr.write(`sim-model-check: ${line.split('\n')[0]}${usageError || debug ? '' : ' (run with --debug for the stack trace)'}\n`);
  if (debug && err instanceof Error && err.stack) process.stderr.write(`${err.stack}\n`);
  process.exit(2);
}

/** Runs `sim ARGS`; CI=true keeps every command non-interactive. */
function sim(args) {
  const started = performance.now();
  const r = spawnSync(process.execPath, [simBin, ...args], { encoding: 'utf8', env: { ...process.env, CI: 'true' }, maxBuffer: 1 << 28 });
  return { code: r.status ?? -1, stdout: r.stdout ?? '', stderr: r.stderr ?? '', seconds: (performance.now() - started) / 1000 };
}

function builtinModels() {
  const r = sim(['list', '--json']);
  // `sim` explains itself in one line (a tool installed without its build, say): pass it on.
  if (r.code !== 0) throw new UsageError(`sim list --json failed (exit ${r.code}): ${r.stderr.trim().split('\n')[0]}`);
  return JSON.parse(r.stdout).models.map((m) => m.name);
}

/** The models to check: every built-in one, or the --model values, whose names must be known. */
function modelsToCheck() {
  if (values['corpus-only']) return [];
  if (values.builtin) return builtinModels();
  const names = values.model.filter((m) => !looksLikeFile(m));
  if (names.length > 0) {
    const known = builtinModels();
    const unknown = names.find((m) => !known.includes(m));
    if (unknown) throw new UsageError(`unknown model '${unknown}'; built-in models: ${known.join(', ')} (or a path to a model file, like ./models/lock.mjs)`);
  }
  return values.model;
}

let models;
try {
  if (values.list) {
    process.stdout.write(`${JSON.stringify(builtinModels())}\n`);
    process.exit(0);
  }
  models = modelsToCheck();
  mkdirSync(join(out, 'junit'), { recursive: true });
  mkdirSync(join(out, 'counterexamples'), { recursive: true });
  mkdirSync(join(out, 'traces-html'), { recursive: true });
} catch (err) {
  fail(err.code === 'EEXIST' || err.code === 'ENOTDIR' ? new UsageError(`--out ${relative(process.cwd(), out)}: ${err.message}`) : err);
}

const failures = [];
const rows = [];
const safeName = (spec) => basename(spec).replace(/\.[cm]?[jt]s$/, '').replace(/[^A-Za-z0-9._-]/g, '_');

function checkModel(spec) {
  const name = safeName(spec);
  const junit = join(out, 'junit', `${name}.xml`);
  const trace = join(out, 'counterexamples', `${name}.trace.json`);
  const html = join(out, 'counterexamples', `${name}.html`);
  const r = sim(['check', '--model', spec, '--json', '--junit', junit, '--out', trace, '--html', html]);
  let summary;
  try {
    summary = JSON.parse(r.stdout);
  } catch {
    summary = undefined;
  }
  // The report goes beside a counterexample; a check that found none leaves none.
  if (!summary?.violation) rmSync(html, { force: true });
  const verdict = summary?.verdict ?? `error (exit ${r.code})`;
  const detail = summary?.violation ? `${summary.violation.kind} ${summary.violation.name} at depth ${summary.violation.depth}` : r.code === 0 ? '' : r.stderr.trim().split('\n').pop();
  rows.push([`check ${spec}`, verdict, summary ? `${summary.distinctStates} states` : '', `${r.seconds.toFixed(1)} s`, detail]);
  if (r.code !== 0 || verdict !== 'ok') failures.push(`sim check --model ${spec}: ${verdict}${detail ? ` (${detail})` : ''}${existsSync(trace) ? `; counterexample ${relative(process.cwd(), trace)}` : ''}`);
}

function traceFiles(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .sort()
    .flatMap((entry) => {
      const path = join(dir, entry);
      if (statSync(path).isDirectory()) return traceFiles(path);
      return entry.endsWith('.trace.json') ? [path] : [];
    });
}

function xml(text) {
  return String(text).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]);
}

/** Replays every trace under the corpus folder; each must reproduce exactly, its recorded verdict included. */
function replayCorpus(modelFiles) {
  const files = traceFiles(tracesDir);
  const cases = [];
  for (const file of files) {
    const shown = relative(process.cwd(), file);
    const args = ['replay', file, '--no-tui', '--json', '--html', join(out, 'traces-html', `${relative(tracesDir, file).replace(/\.trace\.json$/, '').replace(/[\\/]/g, '--')}.html`)];
    // A trace of a model file replays only with that file named: find it among the --model files
    // (by name only: the trace picks none of the code that runs). A file that is not a readable
    // trace is replayed as it is, and sim replay names what is wrong with it in one line.
    let recorded;
    try {
      // Only a regular file: a pipe or device named *.trace.json would block the read.
      recorded = statSync(file).isFile() ? JSON.parse(readFileSync(file, 'utf8')).model : undefined;
    } catch {
      recorded = undefined;
    }
    if (recorded?.source === 'file' && typeof recorded.file === 'string') {
      const match = modelFiles.find((m) => basename(m) === recorded.file);
      if (match) args.push('--model', match);
    }
    const r = sim(args);
    let outcome;
    try {
      outcome = JSON.parse(r.stdout);
    } catch {
      outcome = undefined;
    }
    const ok = r.code === 0 && outcome?.reproduces === true;
    const detail = ok ? `verdict ${outcome.verdict.result}${outcome.verdict.name ? ` ${outcome.verdict.name}` : ''}` : outcome?.reason ?? r.stderr.trim();
    rows.push([`replay ${shown}`, ok ? 'reproduces' : 'FAILS', `${outcome?.steps ?? '?'} steps`, `${r.seconds.toFixed(1)} s`, detail]);
    cases.push({ name: shown, ok, detail, seconds: r.seconds });
    if (!ok) failures.push(`sim replay ${shown}: ${detail}`);
  }
  const failed = cases.filter((c) => !c.ok).length;
  const body = cases.map((c) =>
    c.ok
      ? `    <testcase classname="traces" name="${xml(c.name)}" time="${c.seconds.toFixed(3)}"/>`
      : `    <testcase classname="traces" name="${xml(c.name)}" time="${c.seconds.toFixed(3)}">\n      <failure message="${xml(c.detail)}" type="diverges">${xml(`sim replay ${c.name} --no-tui\n${c.detail}`)}</failure>\n    </testcase>`,
  );
  writeFileSync(
    join(out, 'junit', 'traces.xml'),
    [
      '<?xml version="1.0" encoding="UTF-8"?>',
      `<testsuite name="sim replay traces" tests="${cases.length}" failures="${failed}" errors="0" skipped="0">`,
      ...body,
      '</testsuite>',
      '',
    ].join('\n'),
  );
  if (files.length === 0) rows.push([`replay ${relative(process.cwd(), tracesDir) || '.'}`, 'no traces', '', '', '']);
}

const started = performance.now();
try {
  for (const m of models) checkModel(m);
  if (!values['no-corpus']) replayCorpus((values.model ?? []).filter(looksLikeFile));
} catch (err) {
  failures.push(err instanceof Error ? err.message : String(err));
  if (values.debug && err instanceof Error) process.stderr.write(`${err.stack}\n`);
}

const widths = [0, 1, 2, 3].map((i) => Math.max(0, ...rows.map((r) => r[i].length)));
for (const r of rows) process.stdout.write(`${r.slice(0, 4).map((c, i) => c.padEnd(widths[i])).join('  ')}  ${r[4]}\n`);
const seconds = ((performance.now() - started) / 1000).toFixed(1);
if (failures.length > 0) {
  process.stdout.write(`\nmodel-check FAILED in ${seconds} s:\n${failures.map((f) => `  ${f}`).join('\n')}\nreports in ${relative(process.cwd(), out)}/\n`);
  process.exit(1);
}
process.stdout.write(`\nmodel-check passed in ${seconds} s; reports in ${relative(process.cwd(), out)}/\n`);
