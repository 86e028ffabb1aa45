/** Saving a trace as a command's by-product, and the hint that replays it. */
import { encodeTrace, TRACE_FORMAT, type Trace, type TraceHeader, type TraceStep, type TraceVerdict } from '../../trace/index.js';
import type { Io } from '../io.js';
import { toolVersion } from '../io.js';
import type { LoadedModel } from '../load-model.js';
import { resolveOut, writeFileAtomic } from '../output.js';

export function headerOf(loaded: LoadedModel, engine: 'sim' | 'check', seed: number | null): TraceHeader {
  return { tool: { name: 'sim', version: toolVersion() }, model: loaded.ref, params: loaded.params, engine, seed };
}

export function assembleTrace(
  header: TraceHeader,
  initial: Trace['initial'],
  steps: readonly TraceStep[],
  verdict: TraceVerdict,
): Trace {
  return { format: TRACE_FORMAT, ...header, verdict, initial, steps };
}

/** `MODEL-INVARIANT.trace.json`, or `MODEL-deadlock.trace.json`, in the current directory. */
export function defaultTraceName(model: string, verdict: TraceVerdict): string {
  const what = verdict.result === 'ok' ? 'ok' : verdict.name;
  return `${model}-${what}.trace.json`.replace(/[^A-Za-z0-9._-]/g, '_');
}

/** Writes the trace and prints, on stderr, the command that replays it. Returns the path. */
export function saveTrace(io: Io, file: string, trace: Trace, replayModelFlag: string): string {
  const path = resolveOut(io, file);
  writeFileAtomic(path, encodeTrace(trace));
  io.stderr.write(`trace saved to ${file}\nreplay with: sim replay ${file}${replayModelFlag}\n`);
  return file;
}

/** Replaying a trace of a model file needs that file named again. */
export function replayModelFlag(loaded: LoadedModel, modelSpec: string | undefined): string {
  return loaded.ref.source === 'file' && modelSpec ? ` --model ${modelSpec}` : '';
}
