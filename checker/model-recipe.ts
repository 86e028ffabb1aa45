/**
 * How a worker thread builds the same model as the main thread: models are functions and cannot
 * be sent between threads, so the recipe names a built-in model or a model file, with parameters.
 */
import { importModuleFile } from '../lib/index.js';
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
  // The same import as the main thread's, so a CommonJS-wrapped file yields the same model.
  const mod = await importModuleFile(recipe.path);
  const exported = typeof mod.default === 'function' ? (mod.default as (p: ParamValues) => unknown)(recipe.params) : mod.default;
  const model = exported as Model<unknown, unknown>;
  return model.invariants === undefined ? { ...model, invariants: {} } : model;
}
