/**
 * The model's report hooks (`isFault`, `message`), asked through the runtime as every other model
 * call is: a throw, or an answer of the wrong shape, is the model's error naming the hook and the step.
 */
import { ModelError } from '../../lib/index.js';
import type { Model, StepMessage } from '../contract.js';
import { modelThrew } from './model-error.js';

/** What the report hooks need of a model: its name, for errors, and the optional hooks. */
export type ReportHooks = Pick<Model<unknown, unknown>, 'name' | 'message' | 'isFault'>;

/** Whether `action` (taken at `step`) is a fault; false for a model without `isFault`. */
export function faultOf(model: ReportHooks, action: unknown, step: number): boolean {
  if (model.isFault === undefined) return false;
  try {
    return model.isFault(action) === true;
  } catch (err) {
    throw modelThrew(model.name, `isFault() at step ${step}`, err);
  }
}

/** The message `action`, taken in `state` at `step`, carries; undefined for none (or no `message` hook). */
export function stepMessageOf(model: ReportHooks, action: unknown, state: unknown, step: number): StepMessage | undefined {
  if (model.message === undefined) return undefined;
  if (typeof model.message !== 'function') throw new ModelError(`model ${model.name}: message must be a function`);
  let m: unknown;
  try {
    m = model.message(action, state);
  } catch (err) {
    throw modelThrew(model.name, `message() at step ${step}`, err);
  }
  if (m === undefined || m === null) return undefined;
  const r = m as Record<string, unknown>;
  if (typeof r.from !== 'string' || typeof r.to !== 'string' || r.from === '' || r.to === '') {
    throw new ModelError(`model ${model.name}: message() at step ${step} must return {from, to} (actor names) or undefined; got ${safeJson(m)}`);
  }
  return { from: r.from, to: r.to, ...(r.lost === true ? { lost: true } : {}) };
}

function safeJson(v: unknown): string {
  try {
    return JSON.stringify(v) ?? String(v);
  } catch {
    return String(v);
  }
}
