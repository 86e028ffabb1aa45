/**
 * How a worker thread builds the same model as the main thread: models are functions and cannot
 * be sent between threads, so the recipe names a built-in model or a model file, with parameters.
 */
import { extname } from 'node:path';
import { pathToFileURL } from 'node:url';
import { builtinModels, type Model, type ParamValues } from '../model/index.js';

export type ModelRecipe =
  | { readonly kind: 'builtin'; readonly name: string; readonly params: ParamValues }
  | { readonly kind: 'file'; readonly path: string; readonly params: ParamValues };

/** Builds the model a recipe names (the file was validated by the main thread already). */
export async function buildModel(recipe: ModelRecipe): Promise<Model<unknown, unknown>> {
  if (recipe.kind === 'builtin') {
    const entry = builtinModels.find((m) => m.name === recipe.name);
    if (!entry) throw new Error(`unknown built-in model ${recipe.name}`);
    return entry.create(recipe.params);
  }
  const url = pathToFileURL(recipe.path).href;
  const mod = (['.ts', '.mts', '.cts'].includes(extname(recipe.path))
    ? await (await import('tsx/esm/api')).tsImport(url, import.meta.url)
    : await import(url)) as { default: unknown };
  const exported = typeof mod.default === 'function' ? (mod.default as (p: ParamValues) => unknown)(recipe.params) : mod.default;
  const model = exported as Model<unknown, unknown>;
  return model.invariants === undefined ? { ...model, invariants: {} } : model;
}
