/** trace/: the one trace format, its codec, replay and diff. */
export { TRACE_FORMAT, type Trace, type TraceHeader, type TraceStep, type TraceVerdict, type ModelRef, type ParamRecord } from './format.js';
export { encodeTrace, decodeTrace, validateTrace } from './codec.js';
export { replayTrace, verifyTrace, type ReplayOutcome, type VerifiedTrace } from './replay.js';
export { firstDifference, describeDifference, changedFields, type Difference, type FieldChange } from './diff.js';
export {
  openCursor, reduceCursor, indexTrace, stepCount, verdictStep, divergenceStep,
  type Cursor, type ReplayCommand, type ReplaySession, type TraceIndex,
} from './cursor.js';
export { viewOf, fit, type ReplayView, type ScreenSize, type StepRow, type StateRow, type LaneRow, type ReplayNote } from './view.js';
export { stateTree, inlineJson, type StateLine, type StateTreeMode } from './state-tree.js';
export { toItf, ITF_ACTION_VAR, type ItfTrace } from './itf.js';
export { shrinkActions, shrinkPath, shrinkCandidates, shrinkCost, cheaper, type ShrinkTarget } from './shrink.js';
export {
  describeVerdict, DEADLOCK_SENTENCE, ALL_HOLD_SENTENCE, REPORT_INCOMPLETE_REASONS, verdictStepNote, screenVerdictMark, invariantSentence, livenessSentence, lassoEndSentence, RUN_ENDS, INCOMPLETE_REASONS, incompleteSentence,
  unreachedWitnessSentence, unreachedWitnessFact, JUNIT, failureHeadline, failurePhrase, VALIDATE, DRIVE, type StopReason,
} from './verdict.js';
export { sequenceChart, type SequenceChart, type ChartEvent, type ChartArrow, type ChartLoop, type ChartModel } from './msc.js';
