/**
 * The one way a model is built from where it comes from: a built-in model's registry entry, or a
 * model file's module (default export: a model, or a function from parameters to one), checked
 * for the contract's shape once. The CLI loads models through here, and so does every worker
 * thread, which cannot be sent a model (models are functions) and is sent a recipe instead.
 */
import { basename, extname } from 'node:path';
import { importModuleFile, InputError, messageOf, ModelError } from '../../lib/index.js';
import type { Model, ModelEntry, ParamValues } from '../contract.js';
import { builtinModels } from '../registry.js';
import { validateModel } from './model-shape.js';

/** How to build a model again: a built-in model or a model file, with resolved parameters. */
export type ModelRecipe =
  | { readonly kind: 'builtin'; readonly name: string; readonly params: ParamValues }
  | { readonly kind: 'file'; readonly path: string; readonly params: ParamValues };

/** A built-in model from its registry entry and complete parameters. */
export function modelOfEntry(entry: ModelEntry, params: ParamValues): Model<unknown, unknown> {
  let model: Model<unknown, unknown>;
  try {
    model = entry.create(params);
  } catch (err) {
    throw new ModelError(`model ${entry.name} could not be built from its parameters: ${messageOf(err)}`);
  }
  return validateModel(model, entry.name);
}

/**
 * The model a model file's module exports, for complete parameters; `shown` names the file as the
 * user did, `path` is where it is (its name is the model's when the model has none).
 */
export function modelOfModule(mod: Record<string, unknown>, params: ParamValues, path: string, shown: string): Model<unknown, unknown> {
  let exported = mod.default;
  if (exported === undefined) {
    const names = Object.keys(mod);
    const found = names.length === 0 ? 'it exports nothing' : `it exports ${names.join(', ')}`;
    throw new InputError(`model file ${shown} has no default export (${found}); export a model or a function (params) => model`);
  }
  let subject = 'its default export is';
  if (typeof exported === 'function') {
    try {
      exported = (exported as (p: ParamValues) => unknown)(params);
    } catch (err) {
      throw new ModelError(`model file ${shown} threw while building its model: ${messageOf(err)}`);
    }
    subject = 'its default export is a function, which returned';
  }
  return validateModel(exported, basename(path, extname(path)), { prefix: `model file ${shown}`, subject });
}

/** Builds the model a recipe names (a worker thread's; the main thread built and checked it first). */
export async function buildModel(recipe: ModelRecipe): Promise<Model<unknown, unknown>> {
  if (recipe.kind === 'builtin') {
    const entry = builtinModels.find((m) => m.name === recipe.name);
    if (!entry) throw new InputError(`unknown built-in model ${recipe.name}`);
    return modelOfEntry(entry, recipe.params);
  }
  // The same import as the main thread's, so a CommonJS-wrapped file yields the same model.
  return modelOfModule(await importModuleFile(recipe.path), recipe.params, recipe.path, recipe.path);
}
