/** `sim check --dot OUT`, `--junit OUT` and `--html OUT`: the reports a check writes beside its verdict. */
import { exploreStateGraph, type CheckResult } from '../../checker/index.js';
import type { Io } from '../io.js';
import type { LoadedModel } from '../load-model.js';
import { paramText, resolveOut, writeFileAtomic } from '../output.js';
import type { Trace } from '../../trace/index.js';
import { stateGraphDot } from './dot.js';
import { writeCheckReport } from './html/index.js';
import { junitReport } from './junit.js';

/** The drawing's bound when --max-states is not given: more states than this are unreadable anyway. */
export const DOT_STATES_DEFAULT = 1000;

export interface CheckReports {
  readonly dot?: string;
  readonly junit?: string;
  readonly html?: string;
  /** --max-states, which also bounds the drawing. */
  readonly statesMax?: number;
  readonly deadlocks: boolean;
  /** The model's liveness properties were checked (a complete breadth-first search, no --no-liveness). */
  readonly liveness: boolean;
  /** The saved counterexample, its file and the flag its replay needs (` --model FILE`). */
  readonly trace?: Trace;
  readonly traceFile?: string;
  readonly replayFlag: string;
  /** The check's flags as parsed: the HTML report shows the command that reproduces it. */
  readonly flags: Readonly<Record<string, unknown>>;
}

export function writeCheckReports(io: Io, loaded: LoadedModel, result: CheckResult, reports: CheckReports): void {
  const model = loaded.model;
  const params = paramText(loaded.params);
  if (reports.dot !== undefined) {
    const graph = exploreStateGraph(model, reports.statesMax ?? DOT_STATES_DEFAULT);
    const counterexample =
      result.verdict === 'violation' || result.verdict === 'deadlock' ? { path: result.violation.path, name: result.violation.name } : undefined;
    const title = `${model.name}${params ? ` (${params})` : ''}`;
    writeFileAtomic(resolveOut(io, reports.dot), stateGraphDot(graph, { title, ...(counterexample ? { counterexample } : {}) }));
    io.stderr.write(`state graph (${graph.nodes.length} states${graph.complete ? '' : ', bounded'}) written to ${reports.dot}\n`);
  }
  if (reports.junit !== undefined) {
    const text = junitReport(result, {
      model: model.name,
      params,
      invariants: Object.keys(model.invariants),
      statements: model.statements ?? {},
      witnesses: Object.keys(model.sometimes ?? {}),
      deadlocks: reports.deadlocks,
      liveness: reports.liveness ? Object.keys(model.liveness ?? {}) : [],
      ...(reports.traceFile ? { replayCommand: `sim replay ${reports.traceFile}${reports.replayFlag}` } : {}),
    });
    writeFileAtomic(resolveOut(io, reports.junit), text);
    io.stderr.write(`JUnit report written to ${reports.junit}\n`);
  }
  if (reports.html !== undefined) {
    writeCheckReport(io, reports.html, {
      model,
      params: loaded.params,
      result,
      flags: reports.flags,
      ...(reports.trace ? { trace: reports.trace } : {}),
      ...(reports.traceFile ? { traceFile: reports.traceFile } : {}),
      ...(reports.statesMax ? { statesMax: reports.statesMax } : {}),
    });
  }
}
