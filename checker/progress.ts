/** Progress data a search reports; the CLI decides whether and how to show it (STYLE.md 9). */
export interface ProgressReport {
  distinctStates: number;
  transitions: number;
  /** The BFS level being expanded. */
  depth: number;
  /** States discovered and not yet expanded. */
  queued: number;
  elapsedMs: number;
}
