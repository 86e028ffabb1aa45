/** A path through a model's state graph, as every engine reports one: re-executed and verified. */

/** One step of a path: the action taken and the state it leads to. */
export interface PathStep<S = unknown, A = unknown> {
  action: A;
  /** Position of the action in `actions(previous state)`. */
  actionIndex: number;
  label: string;
  actor: string;
  state: S;
  fingerprint: string;
}

/** A path from an initial state, re-executed from the model and verified. */
export interface Path<S = unknown, A = unknown> {
  initialIndex: number;
  initial: S;
  initialFingerprint: string;
  steps: PathStep<S, A>[];
}
