/**
 * How engines name an action when the model gives no `label` or `actor` hook: the action's
 * `type` with its other fields, so a plain user model still gets readable traces.
 */
import { canonicalJson } from '../lib/index.js';
import type { Model } from './contract.js';

function defaultLabel(action: unknown): string {
  if (action !== null && typeof action === 'object' && !Array.isArray(action)) {
    const record = action as Record<string, unknown>;
    if (typeof record.type === 'string') {
      const args = Object.keys(record)
        .filter((k) => k !== 'type' && record[k] !== undefined)
        .sort()
        .map((k) => `${k}=${typeof record[k] === 'string' ? record[k] : canonicalJson(record[k])}`);
      return args.length > 0 ? `${record.type}(${args.join(', ')})` : record.type;
    }
  }
  return canonicalJson(action);
}

/** The action's short text: the model's `label`, or a readable default. */
export function labelOf<S, A>(model: Model<S, A>, action: A): string {
  return model.label ? model.label(action) : defaultLabel(action);
}

/** Who performs the action: the model's `actor`, else an `actor` field, else `model`. */
export function actorOf<S, A>(model: Model<S, A>, action: A): string {
  if (model.actor) return model.actor(action);
  const field = action !== null && typeof action === 'object' ? (action as { actor?: unknown }).actor : undefined;
  return typeof field === 'string' ? field : 'model';
}
