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

/** The kind of an action (coverage, fault mixes, fairness): its `type` field, else its canonical JSON. */
export function kindOf(action: unknown): string {
  const type = action !== null && typeof action === 'object' ? (action as { type?: unknown }).type : undefined;
  return typeof type === 'string' ? type : canonicalJson(action);
}

const UNIT_SEPARATOR = '\u0001';

/** A fairness unit: an actor and a kind of action, so one activity of an actor cannot starve another. */
export function fairnessUnitOf<S, A>(model: Model<S, A>, action: A): string {
  return `${actorOf(model, action)}${UNIT_SEPARATOR}${kindOf(action)}`;
}

/** The actor of a fairness unit. */
export function unitActor(unit: string): string {
  return unit.slice(0, unit.indexOf(UNIT_SEPARATOR));
}

/** A fairness unit as people read it: `actor kind`. */
export function showUnit(unit: string): string {
  return unit.replace(UNIT_SEPARATOR, ' ');
}
