/** `sim drive --adapter FILE`: the model's runs performed on an implementation; a mismatch is shrunk and saved as a trace. */
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { importModuleFile, InputError, messageOf } from '../../lib/index.js';
import { parseParamAssignments } from '../../model/index.js';
import { simulate } from '../../sim/index.js';
import { decodeTrace, DRIVE, verifyTrace } from '../../trace/index.js';
import {
  actorCount, adapterOf, drive, mismatchLine, seedsOf, stepLines, stepName, traceOfPath, type Adapter, type DriveResult, type DriveRun,
} from '../../conformance/index.js';
import { parseCommandArgs, parseDecimal } from '../args.js';
import { JSON_FILE_BYTES_MAX, readInputFile } from '../input-file.js';
import type { Io } from '../io.js';
import { loadModel, looksLikeFile, type LoadedModel } from '../load-model.js';
import type { Outcome } from '../outcome.js';
import { count, paramText } from '../output.js';
import { modelForTrace } from './replay.js';
import { headerOf, replayModelFlag, saveTrace } from './trace-file.js';

export const driveHelp = `usage: sim drive --adapter FILE [--adapter-param key=value]... [--model NAME|FILE] [--param key=value]...
                 [--seeds A..B | --trace FILE] [--steps N] [--timeout SECONDS] [--out FILE] [--json]
Performs the model's runs on an implementation through an adapter: FILE's default export is an
object with reset(initial), step(action, {state, next}) and observe(), or a function (options)
that returns one (options: {adapterParams, model, params}); each may return a promise. FILE runs
because you name it here, and only then. It may also export \`model\` (a built-in name) and
\`modelParams\`, used unless --model and --param say otherwise. The runs are the seeded simulator
runs of --seeds (default 1..20; --steps N steps at most, default 200), or the steps of a trace
(--trace FILE). After the reset and after every step, observe() (the implementation's state,
projected onto the model's fields) is compared with the model's state restricted to those fields
(objects field by field, arrays element by element). Exit 0: every observation matches. Exit 1:
the first mismatch (step, field, both values, the run up to it), shrunk to fewer actors, faults
and steps while it still shows, saved as a trace (--out FILE, else MODEL-drive.trace.json) that
sim replay reproduces on the model side and sim drive --trace FILE drives again. Exit 2: bad
usage, or an adapter that throws, answers with non-JSON data, or takes longer than --timeout
seconds (default 30) for one call.`;

const options = {
  adapter: { type: 'string' },
  'adapter-param': { type: 'string', multiple: true },
  model: { type: 'string' },
  param: { type: 'string', multiple: true },
  seeds: { type: 'string' },
  trace: { type: 'string' },
  steps: { type: 'string' },
  timeout: { type: 'string' },
  out: { type: 'string' },
  json: { type: 'boolean' },
} as const;

type DriveFlags = ReturnType<typeof parseCommandArgs<typeof options>>['values'];

export async function driveCommand(argv: readonly string[], io: Io): Promise<Outcome> {
  const { values } = parseCommandArgs('drive', argv, options, 0);
  if (values.help) {
    io.stdout.write(`${driveHelp}\n`);
    return 'ok';
  }
  if (values.adapter === undefined) throw new InputError('sim drive needs --adapter FILE (a module exporting reset(), step() and observe())');
  if (values.seeds !== undefined && values.trace !== undefined) throw new InputError('--seeds and --trace are two sources of runs; give one');
  const timeoutMs = values.timeout === undefined ? undefined : parseDecimal('--timeout', values.timeout, 1) * 1000;
  const module = await adapterModule(io, values.adapter);
  const { loaded, runs, source } = await runsOf(io, values, module);
  const adapterParams = parseParamAssignments(values['adapter-param'] ?? []);
  const adapter = await adapterFrom(module, values.adapter, { adapterParams, model: loaded.model.name, params: loaded.params });
  const progress = io.stderrIsTTY && !values.json;
  let result: DriveResult;
  try {
    result = await drive(loaded.model, adapter, runs, {
      adapterName: `adapter ${values.adapter}`,
      ...(timeoutMs === undefined ? {} : { timeoutMs }),
      ...(progress ? { onRun: (i: number, n: number) => void io.stderr.write(`\r\x1b[K  run ${count(i + 1)} of ${count(n)}`) } : {}),
    });
  } finally {
    if (progress) io.stderr.write('\r\x1b[K');
    await adapter.close?.();
  }
  const head = `sim drive: adapter ${values.adapter}, model ${loaded.model.name} (${paramText(loaded.params) || 'no parameters'}), ${source}`;
  if (result.verdict === 'ok') {
    io.stdout.write(values.json ? `${JSON.stringify(summary(values, loaded, result))}\n` : `${head}\n${DRIVE.allMatch(plural(result.runs, 'run'), plural(result.steps, 'step'))}\n`);
    return 'ok';
  }
  const file = values.out ?? `${loaded.model.name}-drive.trace.json`.replace(/[^A-Za-z0-9._-]/g, '_');
  const redrive = `sim drive --adapter ${values.adapter}${(values['adapter-param'] ?? []).map((p) => ` --adapter-param ${p}`).join('')}${replayModelFlag(loaded, values.model)} --trace ${file}`;
  const note = DRIVE.found(stepName(result.shrunk), mismatchLine(result.shrunk), redrive);
  const header = { ...headerOf(loaded, 'sim', result.run.name.startsWith('seed ') ? Number(result.run.name.slice(5)) : null) };
  saveTrace(io, file, traceOfPath(loaded.model, header, result.shrunk.path, note).trace, replayModelFlag(loaded, values.model));
  io.stderr.write(`drive it again with: ${redrive}\n`);
  io.stdout.write(values.json ? `${JSON.stringify({ ...summary(values, loaded, result), trace: file })}\n` : mismatchText(head, result));
  return 'failed';
}

type Mismatched = Extract<DriveResult, { verdict: 'mismatch' }>;

const plural = (n: number, one: string): string => `${count(n)} ${one}${n === 1 ? '' : 's'}`;

function mismatchText(head: string, r: Mismatched): string {
  const lines = [
    head,
    DRIVE.mismatchIn(r.run.name, stepName(r.found)),
    `  ${mismatchLine(r.found)}`,
    `  the run up to it (${plural(r.found.path.steps.length, 'step')} by ${plural(actorCount(r.found), 'actor')}):`,
    ...stepLines(r.found, '  '),
    DRIVE.shrunkTo(plural(r.shrunk.path.steps.length, 'step'), plural(actorCount(r.shrunk), 'actor'), stepName(r.shrunk)),
    `  ${mismatchLine(r.shrunk)}`,
    ...stepLines(r.shrunk, '  '),
  ];
  return `${lines.join('\n')}\n`;
}

function summary(values: DriveFlags, loaded: LoadedModel, r: DriveResult): object {
  const divergence = (d: Mismatched['found']) => ({ step: d.step, path: d.mismatch.path, implementation: d.mismatch.observed ?? null, model: d.mismatch.model ?? null, steps: d.path.steps.map((s) => s.label) });
  return {
    adapter: values.adapter, model: loaded.model.name, params: loaded.params, verdict: r.verdict, runs: r.runs, steps: r.steps,
    ...(r.verdict === 'mismatch' ? { run: r.run.name, mismatch: divergence(r.found), shrunk: divergence(r.shrunk) } : {}),
  };
}

/** The adapter file's module: imported because the command line names it, and only then. */
async function adapterModule(io: Io, file: string): Promise<Record<string, unknown>> {
  const path = resolve(io.cwd, file);
  if (!existsSync(path)) throw new InputError(`adapter file ${file} does not exist`);
  if (!statSync(path).isFile()) throw new InputError(`adapter file ${file} is not a file`);
  try {
    return await importModuleFile(path);
  } catch (err) {
    throw new InputError(`adapter file ${file} failed to load: ${messageOf(err).split('\n')[0]}`);
  }
}

async function adapterFrom(module: Record<string, unknown>, file: string, options: object): Promise<Adapter> {
  let exported = module.default;
  if (exported === undefined) throw new InputError(`adapter file ${file} has no default export; export an adapter or a function (options) => adapter`);
  if (typeof exported === 'function') {
    try {
      exported = await (exported as (o: object) => unknown)(options);
    } catch (err) {
      throw new InputError(`adapter file ${file} threw while making its adapter: ${messageOf(err)}`);
    }
  }
  return adapterOf(exported, `adapter file ${file}`);
}

/** The model (--model, else the adapter's `model` export) and the runs to drive: seeded runs, or a trace's steps. */
async function runsOf(io: Io, values: DriveFlags, module: Record<string, unknown>): Promise<{ loaded: LoadedModel; runs: DriveRun[]; source: string }> {
  if (values.trace !== undefined) {
    const recorded = decodeTrace(readInputFile(io.cwd, values.trace, 'trace file', JSON_FILE_BYTES_MAX), values.trace);
    const { loaded } = await modelForTrace(recorded, values.trace, values.model, io);
    const { outcome, shown } = verifyTrace(loaded.model, recorded);
    if (!outcome.reproduces) throw new InputError(`${values.trace} does not reproduce on its model: diverges at step ${outcome.step}: ${outcome.reason}`);
    return { loaded, runs: [{ name: `trace ${values.trace}`, initialIndex: shown.initial.index, actions: shown.steps.map((s) => s.action) }], source: `trace ${values.trace}` };
  }
  const loaded = await loadModel(values.model ?? modelExport(module, values.adapter as string), paramTexts(module, values), io.cwd);
  const seedsText = values.seeds ?? '1..20';
  const steps = values.steps === undefined ? 200 : parseDecimal('--steps', values.steps);
  let seeds: number[];
  try {
    seeds = seedsOf(seedsText);
  } catch (err) {
    throw new InputError(`--seeds: ${messageOf(err)}`);
  }
  const runs = seeds.map((seed): DriveRun => {
    const run = simulate(loaded.model, { seed, stepsMax: steps });
    return { name: `seed ${seed}`, initialIndex: run.initial.index, actions: run.steps.map((s) => s.action) };
  });
  return { loaded, runs, source: `seeds ${seedsText}` };
}

function modelExport(module: Record<string, unknown>, file: string): string | undefined {
  const name = module.model;
  if (name !== undefined && (typeof name !== 'string' || looksLikeFile(name))) throw new InputError(`adapter file ${file}: its model export must be a built-in model's name (a model file is named with --model)`);
  return name;
}

/** The adapter's `modelParams` export with --param over it, as key=value texts. */
function paramTexts(module: Record<string, unknown>, values: DriveFlags): string[] {
  const given = parseParamAssignments(values.param ?? []);
  const defaults = module.modelParams;
  if (defaults !== undefined && (defaults === null || typeof defaults !== 'object')) throw new InputError(`adapter file ${values.adapter}: its modelParams export must be a record of parameter values`);
  const merged = { ...Object.fromEntries(Object.entries((defaults ?? {}) as Record<string, unknown>).map(([k, v]) => [k, String(v)])), ...given };
  return Object.entries(merged).map(([k, v]) => `${k}=${v}`);
}
