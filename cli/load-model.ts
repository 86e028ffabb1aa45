/**
 * `--model NAME|FILE` and `--param k=v` → a checked Model. A built-in name comes from the
 * registry; anything that looks like a path is a user's model file, imported only because the
 * user named it, and identified in traces by its name and the SHA-256 of its contents.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, extname, resolve } from 'node:path';
import { importModuleFile, InputError, messageOf, ModelError } from '../lib/index.js';
import {
  builtinModels, modelOfEntry, modelOfModule, parseParamAssignments, resolveParams, type BugSpec, type Model, type ModelEntry, type ParamSpec,
  type ParamValues,
} from '../model/index.js';
import type { ModelRef } from '../trace/index.js';

export interface LoadedModel {
  readonly model: Model<unknown, unknown>;
  readonly ref: ModelRef;
  readonly params: ParamValues;
  /** The model file's absolute path, for a model file. */
  readonly path?: string;
  /** What `sim list` and help texts show; for a file, what it exports. */
  readonly description: { params?: readonly ParamSpec[]; bugs?: readonly BugSpec[] };
}

const MODEL_FILE_EXTENSIONS = ['.mjs', '.js', '.cjs', '.ts', '.mts', '.cts'];

/** A value of --model names a file when it has a path separator or a script extension. */
export function looksLikeFile(spec: string): boolean {
  return spec.includes('/') || spec.includes('\\') || MODEL_FILE_EXTENSIONS.includes(extname(spec));
}

export function builtinEntry(name: string): ModelEntry {
  const entry = builtinModels.find((m) => m.name === name);
  if (!entry) {
    const known = builtinModels.map((m) => m.name).join(', ');
    throw new InputError(`unknown model '${name}'; built-in models: ${known} (or a path to a model file, like ./my-model.mjs)`);
  }
  return entry;
}

/** The default model of `run` and `check`: the first registry entry. */
export function defaultModelName(): string {
  return (builtinModels[0] as ModelEntry).name;
}

/** Loads a built-in model or a model file with its parameters; `cwd` resolves relative paths. */
export async function loadModel(spec: string | undefined, paramTexts: readonly string[], cwd: string): Promise<LoadedModel> {
  const name = spec ?? defaultModelName();
  if (!looksLikeFile(name)) return loadBuiltinModel(builtinEntry(name), paramTexts);
  return loadModelFile(resolve(cwd, name), name, parseParamAssignments(paramTexts));
}

/** A built-in model from its registry entry, with `--param` texts; never touches a file. */
export function loadBuiltinModel(entry: ModelEntry, paramTexts: readonly string[]): LoadedModel {
  const params = resolveParams(entry.name, entry.params, parseParamAssignments(paramTexts));
  return { model: modelOfEntry(entry, params), ref: { source: 'builtin', name: entry.name }, params, description: entry };
}

async function loadModelFile(path: string, shown: string, given: Record<string, string>): Promise<LoadedModel> {
  if (!existsSync(path)) throw new InputError(`model file ${shown} does not exist`);
  if (!statSync(path).isFile()) throw new InputError(`model file ${shown} is not a file`);
  const sha256 = createHash('sha256').update(readFileSync(path)).digest('hex');
  let mod: Record<string, unknown>;
  try {
    mod = await importModuleFile(path);
  } catch (err) {
    throw new ModelError(`model file ${shown} failed to load: ${loadFailure(err, path)}`);
  }
  const specs = paramSpecsOf(mod.params, shown);
  const params = resolveParams(shown, specs, given);
  const model = modelOfModule(mod, params, path, shown);
  const bugs = Array.isArray(mod.bugs) ? (mod.bugs as BugSpec[]) : undefined;
  return {
    model,
    ref: { source: 'file', name: model.name, file: basename(path), sha256 },
    params,
    path,
    description: { ...(specs ? { params: specs } : {}), ...(bugs ? { bugs } : {}) },
  };
}

/** Why a module could not load, with the one step that fixes the common case. */
function loadFailure(err: unknown, path: string): string {
  const message = messageOf(err);
  // Node runs a `.js` file in a "type": "module" package as an ES module, where CommonJS names are
  // unbound; its own explanation is on a second line, which the one-line report drops.
  if (extname(path) === '.js' && /\b(require|module|exports) is not defined in ES module scope/.test(message)) {
    return `${message.split('\n')[0]} (the nearest package.json says "type": "module": use import/export, or name a CommonJS file .cjs)`;
  }
  return message;
}

/** A module's `params` export: a record of defaults (DESIGN.md), or a list of full specs. */
function paramSpecsOf(exported: unknown, shown: string): ParamSpec[] | undefined {
  if (exported === undefined) return undefined;
  if (Array.isArray(exported)) return exported as ParamSpec[];
  if (exported === null || typeof exported !== 'object') throw new InputError(`model file ${shown}: its params export must be a record of defaults`);
  return Object.entries(exported as Record<string, unknown>).map(([name, value]) => {
    if (!['number', 'string', 'boolean'].includes(typeof value)) {
      throw new InputError(`model file ${shown}: params.${name} must default to a number, string or boolean`);
    }
    return { name, default: value as number | string | boolean, description: '' };
  });
}
