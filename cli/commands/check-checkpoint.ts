/**
 * The folder of `sim check --checkpoint DIR`: check.json (what the check is), the search's
 * snapshot (checker/checkpoint.ts), and result.json once the check has finished. Like a trace,
 * it is data that never runs code: resuming imports a model file only when the command line
 * names it and its SHA-256 is the recorded one, and looks a built-in name up in the registry only.
 */
import { createHash } from 'node:crypto';
import { existsSync, lstatSync, mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { openSnapshot, removeSnapshot, SNAPSHOT, type Checker, type CheckResult, type SavedSnapshot } from '../../checker/index.js';
import { canonicalJson, InputError, messageOf } from '../../lib/index.js';
import { builtinModels, parseParamAssignments, type ParamValues } from '../../model/index.js';
import type { ModelRef } from '../../trace/index.js';
import { parseDecimal } from '../args.js';
import type { Io } from '../io.js';
import { looksLikeFile, type LoadedModel } from '../load-model.js';
import { exitCodeOf, outcomeOfExitCode, type Outcome } from '../outcome.js';
import { writeFileAtomic } from '../output.js';
import { readCheckRecord, type CheckRecord, type RecordedFlag } from './check-record.js';

const RECORD = 'check.json';
const RESULT = 'result.json';

/** Flags that define the check: recorded, and when given again on resume they must match. */
const DEFINING = ['strategy', 'max-states', 'max-depth', 'no-deadlock', 'coverage', 'shrink', 'no-liveness', 'no-symmetry'] as const;
export type CheckFlagValues = Partial<Record<string, string | boolean | string[]>>;

/** What a snapshot must have been made by: the model (a built-in name, or a file's hash) and its parameters. */
function checkIdentity(ref: ModelRef, params: ParamValues): string {
  return canonicalJson({ model: ref.source === 'builtin' ? ref.name : { sha256: ref.sha256 }, params });
}

const sha256Of = (path: string): string => createHash('sha256').update(readFileSync(path)).digest('hex');

/** The finished check's report, which resuming it prints again. */
interface FinishedCheck {
  outcome: Outcome;
  json: object;
  text: string;
}

/** A fresh check in `dir`: refused over an unfinished one; a finished one's files are replaced. */
function startCheckpoint(dir: string, shown: string, loaded: LoadedModel, values: CheckFlagValues): void {
  if (existsSync(join(dir, SNAPSHOT)) && !existsSync(join(dir, RESULT))) {
    throw new InputError(`${shown} holds the checkpoint of an unfinished check; add --resume ${shown} to continue it, or remove ${shown} to start again`);
  }
  try {
    mkdirSync(dir, { recursive: true });
  } catch (err) {
    throw new InputError(`cannot make the checkpoint folder ${shown}: ${messageOf(err)}`);
  }
  removeSnapshot(dir);
  rmSync(join(dir, RESULT), { force: true });
  const flags: Record<string, RecordedFlag> = {};
  for (const key of [...DEFINING, 'checkpoint-interval']) {
    const value = values[key];
    if (typeof value === 'string' || value === true) flags[key] = value;
  }
  const record: CheckRecord = { kind: 'sim check checkpoint', version: 1, model: loaded.ref, params: loaded.params, flags };
  writeFileAtomic(join(dir, RECORD), `${JSON.stringify(record)}\n`);
}

/** The check saved in `dir`, with the resuming command line's flags checked against it. */
export function recordedCheck(dir: string, shown: string, values: CheckFlagValues, cwd: string): { record: CheckRecord; flags: CheckFlagValues } {
  let stat;
  try {
    stat = lstatSync(join(dir, RECORD));
  } catch {
    throw new InputError(`${shown} holds no checkpoint of sim check (no ${RECORD})`);
  }
  if (!stat.isFile()) throw new InputError(`${join(shown, RECORD)} is not a regular file`);
  const record = readCheckRecord(readFileSync(join(dir, RECORD), 'utf8'), join(shown, RECORD));
  if (record.model.source === 'builtin' && !builtinModels.some((m) => m.name === record.model.name)) {
    throw new InputError(`${join(shown, RECORD)} names the built-in model '${record.model.name}', which this sim does not have`);
  }
  for (const key of DEFINING) sameFlag(key, values[key], record.flags[key], shown);
  const given = parseParamAssignments((values.param as string[] | undefined) ?? []);
  for (const [key, text] of Object.entries(given)) sameParam(key, text, record.params, shown);
  const modelFlag = values.model as string | undefined;
  if (modelFlag !== undefined) sameModel(modelFlag, record.model, shown, cwd);
  const flags: CheckFlagValues = {
    ...record.flags,
    ...values,
    model: modelFlag ?? (record.model.source === 'builtin' ? record.model.name : undefined),
    param: Object.entries(record.params).map(([k, v]) => `${k}=${String(v)}`),
  };
  return { record, flags };
}

function flagText(key: string, value: RecordedFlag | undefined): string {
  return value === undefined ? `no --${key}` : value === true ? `--${key}` : `--${key} ${value}`;
}

function sameFlag(key: (typeof DEFINING)[number], given: unknown, saved: RecordedFlag | undefined, shown: string): void {
  if (given === undefined) return;
  // A strategy left out is the default one.
  const recorded = key === 'strategy' ? (saved ?? 'bfs') : saved;
  const numeric = key === 'max-states' || key === 'max-depth';
  const same = numeric && typeof recorded === 'string' ? parseDecimal(`--${key}`, given as string) === parseDecimal(`--${key}`, recorded) : given === recorded;
  if (!same) throw new InputError(`${flagText(key, given as RecordedFlag)} differs from the check saved in ${shown} (${flagText(key, recorded)})`);
}

function sameParam(key: string, text: string, recorded: ParamValues, shown: string): void {
  if (!Object.hasOwn(recorded, key)) throw new InputError(`--param ${key}=${text}: the check saved in ${shown} has no parameter ${key}`);
  const value = recorded[key];
  const same = typeof value === 'number' ? text.trim() !== '' && Number(text) === value : String(value) === text;
  if (!same) throw new InputError(`--param ${key}=${text} differs from the check saved in ${shown} (${key}=${String(value)})`);
}

/** `--model` given on resume must name the recorded model: the same built-in, or a file with the recorded hash (read, not run). */
function sameModel(spec: string, recorded: ModelRef, shown: string, cwd: string): void {
  const saved = recorded.source === 'builtin' ? `the built-in model ${recorded.name}` : `the model file ${recorded.file} (sha256 ${recorded.sha256.slice(0, 12)}…)`;
  if (!looksLikeFile(spec)) {
    if (recorded.source === 'builtin' && recorded.name === spec) return;
    throw new InputError(`--model ${spec} differs from the check saved in ${shown} (${saved})`);
  }
  if (recorded.source === 'builtin') throw new InputError(`--model ${spec} differs from the check saved in ${shown} (${saved})`);
  const path = resolve(cwd, spec);
  if (!existsSync(path) || !statSync(path).isFile()) throw new InputError(`model file ${spec} does not exist or is not a file`);
  const sha256 = sha256Of(path);
  if (sha256 !== recorded.sha256) throw new InputError(`--model ${spec} (sha256 ${sha256.slice(0, 12)}…) is not the model file of the check saved in ${shown} (${saved})`);
}

/**
 * The checker with checkpoints into the folder: a fresh check records itself there, a resumed one
 * continues from its snapshot. Also the line to print once the search is done (not before, so
 * that a bad snapshot is reported alone, in one line).
 */
export function withCheckpoint(
  search: Checker<unknown, unknown>,
  folder: { dir: string; shown: string },
  loaded: LoadedModel,
  values: CheckFlagValues,
  resuming: CheckRecord | null,
): { search: Checker<unknown, unknown>; note: string } {
  const { dir, shown } = folder;
  const interval = values['checkpoint-interval'] as string | undefined;
  const seconds = interval === undefined ? 60 : Number(interval);
  if (!Number.isFinite(seconds) || seconds < 0) throw new InputError(`--checkpoint-interval must be a number of seconds >= 0; got '${interval}'`);
  let note = '';
  if (resuming) {
    const saved = resumePoint(dir, shown, resuming, loaded);
    note = saved ? `resumed the check saved in ${shown}\n` : `no snapshot had been saved in ${shown}; the check ran again from the start\n`;
    if (saved) search = search.resumeFrom(saved);
  } else {
    startCheckpoint(dir, shown, loaded, values);
  }
  return { search: search.checkpoint(dir, seconds * 1000, checkIdentity(loaded.ref, loaded.params)), note };
}

/**
 * For a check being resumed: the loaded model must be the recorded one (its parameters resolved
 * alike), and the snapshot, if there is one, a snapshot of it.
 */
function resumePoint(dir: string, shown: string, record: CheckRecord, loaded: LoadedModel): SavedSnapshot | undefined {
  if (canonicalJson(loaded.params) !== canonicalJson(record.params)) {
    throw new InputError(`${join(shown, RECORD)} records parameters ${canonicalJson(record.params)}, which the model resolves to ${canonicalJson(loaded.params)}`);
  }
  if (loaded.ref.source === 'file' && record.model.source === 'file' && loaded.ref.sha256 !== record.model.sha256) {
    throw new InputError(`the model file changed while it was loaded; it is not the one the check in ${shown} was made with`);
  }
  return openSnapshot(dir, checkIdentity(loaded.ref, loaded.params));
}

/** The result of the check in `dir` if it has finished, checked for its shape. */
export function finishedCheck(dir: string, shown: string): FinishedCheck | undefined {
  const file = join(dir, RESULT);
  if (!existsSync(file)) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new InputError(`${join(shown, RESULT)} is unreadable: ${messageOf(err)}`);
  }
  // The file keeps the exit code the check ended with.
  const r = parsed as { code?: unknown; json?: unknown; text?: unknown } | null;
  const outcome = r !== null && typeof r === 'object' && typeof r.code === 'number' ? outcomeOfExitCode(r.code) : undefined;
  const valid = outcome !== undefined && typeof r?.json === 'object' && r.json !== null && typeof r.text === 'string';
  if (!valid) throw new InputError(`${join(shown, RESULT)} is not the result of a check (it needs code 0, 1 or 3, json and text)`);
  // Its text goes to the terminal as it is: no control sequences from someone else's folder.
  if (/[\x00-\x08\x0b-\x1f\x7f]/.test(r.text as string)) throw new InputError(`${join(shown, RESULT)} holds control characters; it is not the result of a check`);
  return { outcome, json: r.json as object, text: r.text as string };
}

/**
 * After the check: a search stopped by the memory budget stays resumable (its snapshot was
 * saved as it stopped); any other result is recorded, and the snapshot goes unless kept.
 */
export function finishCheckpoint(dir: string, shown: string, result: CheckResult, report: FinishedCheck, keep: boolean, io: Io): void {
  if (result.verdict === 'incomplete' && result.reason === 'memoryMax') {
    io.stderr.write(`the search is saved in ${shown}; continue it with --resume ${shown} (and a larger --max-memory)\n`);
    return;
  }
  writeFileAtomic(join(dir, RESULT), JSON.stringify({ code: exitCodeOf(report.outcome), json: report.json, text: report.text }));
  if (!keep) removeSnapshot(dir);
}
