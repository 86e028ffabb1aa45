/**
 * A path the conformance engines found (an explaining path, a driven run) as an ordinary trace,
 * with the verdict `sim replay` re-derives: ok, or the first invariant the path breaks, where the
 * trace then ends (replay stops at a violation).
 */
import { firstBrokenInvariant, type Model, type Path } from '../model/index.js';
import { TRACE_FORMAT, type Trace, type TraceHeader } from '../trace/index.js';

export interface PathTrace {
  readonly trace: Trace;
  /** The invariant the path breaks and the step where it first does; the trace ends there. */
  readonly broken?: { readonly name: string; readonly step: number };
}

/** The trace of `path` under `header`; `note` is the line the trace carries for people, if any. */
export function traceOfPath<S, A>(model: Model<S, A>, header: TraceHeader, path: Path<S, A>, note?: string): PathTrace {
  const initial = { index: path.initialIndex, fingerprint: path.initialFingerprint, state: path.initial as unknown };
  const states = [path.initial, ...path.steps.map((s) => s.state)];
  for (let step = 0; step < states.length; step++) {
    const name = firstBrokenInvariant(model, states[step] as S, step);
    if (name === undefined) continue;
    const statement = model.statements?.[name];
    const trace: Trace = {
      format: TRACE_FORMAT, ...header, ...(note === undefined ? {} : { note }),
      verdict: { result: 'violation', kind: 'invariant', name, ...(statement ? { statement } : {}), step },
      initial, steps: path.steps.slice(0, step),
    };
    return { trace, broken: { name, step } };
  }
  return { trace: { format: TRACE_FORMAT, ...header, ...(note === undefined ? {} : { note }), verdict: { result: 'ok' }, initial, steps: path.steps } };
}
