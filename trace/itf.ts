/**
 * Export to the Informal Trace Format (ITF, Apalache ADR-015, which Quint reads and writes), so
 * other tools can read our traces. The mapping:
 *
 * - one ITF state per trace state: the initial state is `states[0]`, step k is `states[k]`, each
 *   with `"#meta": {"index": k}` plus, for k >= 1, the step's `action` (our JSON), `actor`,
 *   `fingerprint` and `time` (simulator traces);
 * - `vars` are the top-level fields of the state (sorted), plus `action_taken`: the label of the
 *   action that led to the state (`"init"` for the initial state), as Quint's `mbt::actionTaken`
 *   does. A state that is not a JSON object becomes the single variable `state`;
 * - values: a JSON integer becomes `{"#bigint": "<decimal>"}`, a string or boolean stays itself,
 *   an array becomes an ITF list (a JSON array), an object an ITF record (a JSON object). A
 *   non-integer number or `null` has no ITF counterpart and becomes `{"#unserializable": "..."}`;
 * - the top-level `#meta` carries the format markers, the model, parameters, engine, seed and the
 *   verdict (with the violated invariant and its step).
 */
import type { Trace } from './format.js';

/** The variable that names the action taken into each state. */
export const ITF_ACTION_VAR = 'action_taken';

export type ItfValue =
  | boolean
  | string
  | { readonly '#bigint': string }
  | { readonly '#unserializable': string }
  | readonly ItfValue[]
  | { readonly [field: string]: ItfValue };

export interface ItfTrace {
  readonly '#meta': Readonly<Record<string, unknown>>;
  readonly vars: readonly string[];
  readonly states: readonly Readonly<Record<string, unknown>>[];
}

/** One JSON value as an ITF value. */
export function itfValue(v: unknown): ItfValue {
  if (typeof v === 'boolean' || typeof v === 'string') return v;
  if (typeof v === 'number') return Number.isInteger(v) ? { '#bigint': BigInt(v).toString() } : { '#unserializable': String(v) };
  if (v === null || v === undefined) return { '#unserializable': String(v) };
  if (Array.isArray(v)) return v.map(itfValue);
  if (typeof v === 'object') {
    const out: Record<string, ItfValue> = {};
    // defineProperty, not assignment: a "__proto__" key is data.
    for (const key of Object.keys(v).sort()) Object.defineProperty(out, key, { value: itfValue((v as Record<string, unknown>)[key]), enumerable: true, writable: true, configurable: true });
    return out;
  }
  return { '#unserializable': String(v) };
}

const isObjectState = (s: unknown): s is Record<string, unknown> =>
  s !== null && typeof s === 'object' && !Array.isArray(s) && !Object.hasOwn(s, ITF_ACTION_VAR);

/** The trace in ITF; `source` names the trace file in `#meta`. */
export function toItf(trace: Trace, source?: string): ItfTrace {
  const states = [trace.initial.state, ...trace.steps.map((s) => s.state)];
  const asRecords = states.every(isObjectState);
  const fields = asRecords ? [...new Set(states.flatMap((s) => Object.keys(s as object)))].sort() : ['state'];
  const varsOf = (s: unknown): Record<string, ItfValue> => {
    if (!asRecords) return { state: itfValue(s) };
    const out: Record<string, ItfValue> = {};
    for (const f of fields) out[f] = itfValue((s as Record<string, unknown>)[f]);
    return out;
  };
  const v = trace.verdict;
  return {
    '#meta': {
      format: 'ITF',
      'format-description': 'https://apalache-mc.org/docs/adr/015adr-trace.html',
      description: `sim ${trace.tool.version} trace of model ${trace.model.name}`,
      ...(source ? { source } : {}),
      model: trace.model,
      params: trace.params,
      engine: trace.engine,
      seed: trace.seed,
      status: v.result,
      verdict: v,
    },
    vars: [...fields, ITF_ACTION_VAR],
    states: states.map((s, k) => {
      const step = k === 0 ? undefined : trace.steps[k - 1];
      const meta =
        step === undefined
          ? { index: 0, fingerprint: trace.initial.fingerprint, ...(trace.initial.time === undefined ? {} : { time: trace.initial.time }) }
          : { index: k, action: step.action, actor: step.actor, fingerprint: step.fingerprint, ...(step.time === undefined ? {} : { time: step.time }) };
      return { '#meta': meta, ...varsOf(s), [ITF_ACTION_VAR]: step === undefined ? 'init' : step.label };
    }),
  };
}
