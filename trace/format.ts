/** Trace format 1 (DESIGN.md "The trace"): what both engines write and every reader validates. */

export const TRACE_FORMAT = 1;

/** Which model made the trace: a built-in name, or a user's file known only by name and hash. */
export type ModelRef =
  | { readonly source: 'builtin'; readonly name: string }
  | { readonly source: 'file'; readonly name: string; readonly file: string; readonly sha256: string };

export type ParamRecord = Readonly<Record<string, number | string | boolean>>;

/** Everything about a trace but its steps and verdict. */
export interface TraceHeader {
  readonly tool: { readonly name: 'sim'; readonly version: string };
  readonly model: ModelRef;
  readonly params: ParamRecord;
  readonly engine: 'sim' | 'check';
  /** The simulator's seed; null for the checker. */
  readonly seed: number | null;
}

export interface TraceStep {
  readonly action: unknown;
  /** Position of the action in `actions()` of the previous state, when the trace was made. */
  readonly actionIndex: number;
  readonly label: string;
  readonly actor: string;
  /** Virtual time in ticks, where the simulator made the step. */
  readonly time?: number;
  /** Fingerprint of the state the action leads to: 16 hex digits. */
  readonly fingerprint: string;
  readonly state: unknown;
}

export type TraceVerdict =
  /** `quiescent`: only actions that change nothing were left, in a state that is not final. */
  | { readonly result: 'ok'; readonly end?: 'stepsMax' | 'final' | 'quiescent' }
  | { readonly result: 'violation'; readonly kind: 'invariant'; readonly name: string; readonly statement?: string; readonly step: number }
  /**
   * A liveness violation is a lasso: the run reaches `triggerStep`, where the property's trigger
   * holds, and from there never meets its goal; the state after the last step equals the state
   * after `loopStart`, so steps loopStart+1..step repeat forever (with `stutter`, the run stays at
   * the last state, where no fair actor is enabled).
   */
  | {
      readonly result: 'violation'; readonly kind: 'liveness'; readonly name: string; readonly statement?: string; readonly step: number;
      readonly triggerStep: number; readonly loopStart: number; readonly stutter: boolean;
    }
  | { readonly result: 'deadlock'; readonly kind: 'deadlock'; readonly name: 'deadlock'; readonly step: number };

export interface Trace extends TraceHeader {
  readonly format: typeof TRACE_FORMAT;
  /** A line for people: where the trace came from and how to use it again (`sim drive … --trace FILE`). */
  readonly note?: string;
  readonly verdict: TraceVerdict;
  readonly initial: { readonly index: number; readonly fingerprint: string; readonly state: unknown; readonly time?: number };
  readonly steps: readonly TraceStep[];
}
