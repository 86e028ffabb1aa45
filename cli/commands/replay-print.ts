/**
 * What `sim replay --no-tui` prints: the steps (up to the divergence, if the trace diverges), the
 * fields each step changed (the comparison the replay screen's diff makes), with `--states` the
 * whole state after each step, and the replay's result; as text, markdown, or one JSON object
 * carrying the same facts as data.
 */
import {
  changedFields, describeVerdict, inlineJson, stateTree, type FieldChange, type ReplayOutcome, type Trace,
} from '../../trace/index.js';
import { paramText, widthOf } from '../output.js';

export const PRINT_FORMATS = ['text', 'json', 'markdown'] as const;
export type PrintFormat = (typeof PRINT_FORMATS)[number];

export interface PrintOptions {
  readonly format: PrintFormat;
  /** The trace file as the user named it. */
  readonly file: string;
  /** Print the whole state after each step (and the initial state). */
  readonly states: boolean;
}

/** Columns a printed state's composite values are kept on one line within. */
const STATE_WIDTH = 100;

/** One step as printed: step 0 is the initial state. */
interface PrintedStep {
  readonly step: number;
  readonly label: string;
  readonly actor?: string;
  readonly action?: unknown;
  readonly time?: number;
  readonly changes: readonly FieldChange[];
  readonly state: unknown;
}

function printedSteps(trace: Trace, shown: number): PrintedStep[] {
  const { initial } = trace;
  const steps: PrintedStep[] = [{ step: 0, label: 'initial state', ...(initial.time === undefined ? {} : { time: initial.time }), changes: [], state: initial.state }];
  let previous = initial.state;
  for (const [i, s] of trace.steps.slice(0, shown).entries()) {
    steps.push({
      step: i + 1, label: s.label, actor: s.actor, action: s.action, ...(s.time === undefined ? {} : { time: s.time }),
      changes: changedFields(previous, s.state), state: s.state,
    });
    previous = s.state;
  }
  return steps;
}

/** `log.kernels[0].flush.stage: "flush"  (was "mark")`. */
export function describeChange(c: FieldChange): string {
  return `${c.path || '(the state)'}: ${inlineJson(c.after)}  (was ${inlineJson(c.before)})`;
}

function stateLines(state: unknown, indent: string): string[] {
  return stateTree(state, undefined, 'full', STATE_WIDTH, Number.MAX_SAFE_INTEGER).lines.map((l) => `${indent}${'  '.repeat(l.depth)}${l.text}`);
}

/** The printed replay of `trace`, whose re-execution gave `outcome`. */
export function printReplay(trace: Trace, outcome: ReplayOutcome, options: PrintOptions): string {
  const shown = outcome.reproduces ? trace.steps.length : outcome.step;
  const steps = printedSteps(trace, shown);
  const result = outcome.reproduces
    ? `reproduces: all ${trace.steps.length} steps match; verdict ${describeVerdict(trace.verdict)}`
    : `diverges at step ${outcome.step}: ${outcome.reason}`;
  if (options.format === 'json') {
    const timeline = steps.map(({ state, ...rest }) => (options.states ? { ...rest, state } : rest));
    return `${JSON.stringify({ trace: options.file, model: trace.model.name, steps: trace.steps.length, verdict: trace.verdict, ...outcome, timeline })}\n`;
  }
  const head = { engine: trace.engine === 'sim' ? `simulator, seed ${trace.seed}` : 'checker', params: paramText(trace.params) || 'no parameters' };
  if (options.format === 'markdown') return markdown(trace, outcome, steps, { ...options, ...head, result });
  const lines = [`sim replay: ${options.file}: model ${trace.model.name} (${head.params}), ${head.engine}`];
  const width = widthOf(trace.steps.map((s) => s.actor), 5);
  for (const s of steps) {
    if (s.step === 0 && !options.states) continue;
    const time = s.time === undefined ? '' : `t=${s.time}  `;
    lines.push(`  ${String(s.step).padStart(4)}  ${time}${s.step === 0 ? 'initial state' : `${(s.actor ?? '').padEnd(width)}  ${s.label}`}`);
    for (const c of s.changes) lines.push(`        ${describeChange(c)}`);
    if (options.states) lines.push('        state:', ...stateLines(s.state, '          '));
  }
  lines.push(result);
  return `${lines.join('\n')}\n`;
}

const cell = (t: string): string => t.replace(/\|/g, '\\|');
/** Inline code that survives backticks in the text. */
const code = (t: string): string => (t.includes('`') ? `\`\` ${cell(t)} \`\`` : `\`${cell(t)}\``);

function markdown(
  trace: Trace,
  outcome: ReplayOutcome,
  steps: readonly PrintedStep[],
  o: PrintOptions & { readonly engine: string; readonly params: string; readonly result: string },
): string {
  const timed = trace.steps.some((s) => s.time !== undefined);
  const rows = steps.slice(1).map((s) => {
    const changes = s.changes.map((c) => code(describeChange(c))).join('<br>');
    return `| ${s.step} |${timed ? ` ${s.time ?? ''} |` : ''} ${cell(s.actor ?? '')} | ${code(s.label)} | ${changes} |`;
  });
  const lines = [
    `# Trace ${code(o.file)}`,
    '',
    `Model \`${trace.model.name}\` (${cell(o.params)}), ${o.engine}.`,
    '',
    `| step |${timed ? ' time |' : ''} actor | action | changed fields |`,
    `|---:|${timed ? '---:|' : ''}---|---|---|`,
    ...rows,
    '',
    `**${outcome.reproduces ? 'Reproduces' : 'Diverges'}:** ${o.result.replace(/^(reproduces|diverges at step \d+): ?/, '')}`,
  ];
  const v = trace.verdict;
  if (v.result === 'violation' && v.statement) lines.push('', `> ${v.name}: ${v.statement}`);
  if (o.states) {
    lines.push('', '## States');
    for (const s of steps) {
      lines.push('', s.step === 0 ? '### Initial state' : `### After step ${s.step}: ${code(s.label)} by ${cell(s.actor ?? '')}`, '', '```text', ...stateLines(s.state, ''), '```');
    }
  }
  return `${lines.join('\n')}\n`;
}
