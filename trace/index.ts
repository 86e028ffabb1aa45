/** trace/: the one trace format, its codec, replay and diff. */
export { TRACE_FORMAT, type Trace, type TraceHeader, type TraceStep, type TraceVerdict, type ModelRef, type ParamRecord } from './format.js';
export { encodeTrace, decodeTrace, validateTrace } from './codec.js';
export { replayTrace, type ReplayOutcome } from './replay.js';
export { firstDifference, describeDifference, type Difference } from './diff.js';
