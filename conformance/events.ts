/** What a log holds, whichever file it came from: observed events, in order. */

/** One observed event: a partial action, a partial state, or both, and who acted. */
export interface LogEvent {
  /** 1-based position in its file (a line of an NDJSON log, a record of a capture). */
  readonly line: number;
  /** Where it is, for messages: `line 12`, `record 12`. */
  readonly where: string;
  /** The event as people read it: the line's text, or a captured datagram's summary. */
  readonly text: string;
  /** Matches a step whose action has these fields (objects field by field, arrays and scalars exactly). */
  readonly action?: unknown;
  /** Matches the state after the step (or the initial state, for a first event with no action). */
  readonly state?: unknown;
  /** Matches a step by this actor (the model's `actor`). */
  readonly actor?: string;
  /**
   * A further test of the step, from a capture mapping: the action, in the state it is taken in
   * (a captured datagram is compared with the one the model delivers there).
   */
  readonly step?: (before: unknown, action: unknown) => boolean;
}

/** A log read from a file: its events and what reading it skipped (a capture's foreign traffic). */
export interface ObservedLog {
  readonly events: readonly LogEvent[];
  /** What was skipped, by reason, for the summary (`{ "other netlink families": 3 }`). */
  readonly skipped: Readonly<Record<string, number>>;
  /** Steps a log of this kind always records: never unlogged (a capture sees every delivery). */
  readonly observable?: (action: unknown) => boolean;
  /** The model the log is of, when the file says (a dm-log capture is of the dmlog model). */
  readonly model?: string;
}
