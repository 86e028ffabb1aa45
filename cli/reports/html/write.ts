/**
 * `sim replay FILE --html OUT` and `sim check --html OUT`: build a report's data, render the page,
 * and write it whole (a temporary name, then a rename, as traces are written).
 */
import type { CheckResult } from '../../../checker/index.js';
import type { Model } from '../../../model/index.js';
import { ALL_HOLD_SENTENCE, incompleteSentence, REPORT_INCOMPLETE_REASONS, unreachedWitnessFact, type ReplayOutcome, type Trace } from '../../../trace/index.js';
import type { Io } from '../../io.js';
import { toolVersion } from '../../io.js';
import { count, paramText, resolveOut, writeFileAtomic } from '../../output.js';
import { checkCommandLine, traceCommands } from './commands.js';
import { GRAPH_STATES_DEFAULT, reportGraph } from './graph-data.js';
import { layoutLibrary } from './layout-library.js';
import { reportPage } from './page.js';
import { reportTrace, traceHeader, type ReportData, type ReportHeader } from './report-data.js';

function save(io: Io, out: string, data: ReportData): void {
  const page = reportPage(data, data.graph === undefined ? undefined : layoutLibrary());
  writeFileAtomic(resolveOut(io, out), page);
  io.stderr.write(`HTML report written to ${out}\n`);
}

const tool = (): string => `sim ${toolVersion()}`;

/** The report of a replayed trace: its chart and states, and whether it reproduced. */
export function writeTraceReport(io: Io, out: string, trace: Trace, model: Model<unknown, unknown>, outcome: ReplayOutcome, file: string): void {
  save(io, out, { header: traceHeader(trace, traceCommands(trace, file), tool(), outcome), trace: reportTrace(trace, model, outcome) });
}

export interface CheckReportInput {
  readonly model: Model<unknown, unknown>;
  readonly params: Readonly<Record<string, unknown>>;
  readonly result: CheckResult;
  /** The counterexample as saved, and where. */
  readonly trace?: Trace;
  readonly traceFile?: string;
  /** --max-states, which also bounds the graph. */
  readonly statesMax?: number;
  /** The check's flags as parsed, for the command that reproduces it. */
  readonly flags: Readonly<Record<string, unknown>>;
}

/**
 * The report of a check: with a counterexample, its chart and states; always, the verdict, the
 * search's figures and the explored state graph (at most 500 states, fewer with --max-states,
 * the counterexample's path always in it).
 */
export function writeCheckReport(io: Io, out: string, input: CheckReportInput): void {
  const { result, trace } = input;
  const counterexample = result.verdict === 'violation' || result.verdict === 'deadlock' ? { path: result.violation.path, name: result.violation.name } : undefined;
  const graph = reportGraph(input.model, Math.min(input.statesMax ?? GRAPH_STATES_DEFAULT, GRAPH_STATES_DEFAULT), counterexample);
  const again = { label: 'check again', command: checkCommandLine(input.flags) };
  const s = result.stats;
  const figures = `${count(s.distinctStates)} distinct states, ${count(s.transitions)} transitions, depth ${s.depth}`;
  let header: ReportHeader;
  if (trace !== undefined) {
    const replay = input.traceFile === undefined ? [] : traceCommands(trace, input.traceFile).filter((c) => c.label === 'replay');
    const h = traceHeader(trace, [again, ...replay], tool());
    header = { ...h, facts: [...h.facts, figures] };
  } else {
    const incomplete = result.verdict === 'incomplete';
    const witnesses = result.verdict === 'ok' || result.verdict === 'incomplete' ? result.unreachedWitnesses : [];
    header = {
      model: input.model.name,
      params: paramText(input.params),
      engine: 'checker',
      verdict: incomplete ? incompleteSentence(result.reason, REPORT_INCOMPLETE_REASONS) : ALL_HOLD_SENTENCE,
      verdictKind: incomplete ? 'incomplete' : 'ok',
      facts: [figures, ...witnesses.map(unreachedWitnessFact)],
      commands: [again],
      tool: tool(),
    };
  }
  save(io, out, { header, ...(trace === undefined ? {} : { trace: reportTrace(trace, input.model) }), graph });
}
