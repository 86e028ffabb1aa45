/**
 * A check result as a JUnit XML report, so CI systems show it natively: one test case per
 * invariant, per `sometimes` witness, for deadlock freedom, and per liveness property checked. A failure carries the violation,
 * its path and the command that replays it. What the search did not finish deciding (because it
 * stopped at the first violation, or at a limit) is reported as skipped, never as passed.
 */
import type { CheckResult } from '../../checker/index.js';
import { failureHeadline, JUNIT } from '../../trace/index.js';

export interface JunitOptions {
  readonly model: string;
  /** `rm=3, bug=none`. */
  readonly params: string;
  readonly invariants: readonly string[];
  readonly statements: Readonly<Record<string, string>>;
  readonly witnesses: readonly string[];
  readonly deadlocks: boolean;
  /** The liveness properties the check covers after a complete safety search, in the order checked. */
  readonly liveness: readonly string[];
  /** `sim replay FILE [--model FILE]`, when the counterexample was saved. */
  readonly replayCommand?: string;
}

function xml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c] as string);
}

type Outcome = { kind: 'pass' } | { kind: 'skip'; message: string } | { kind: 'fail'; message: string; body: string };

interface Case {
  readonly classname: string;
  readonly name: string;
  readonly outcome: Outcome;
}

function failureBody(result: CheckResult, options: JunitOptions): string {
  if (result.verdict !== 'violation' && result.verdict !== 'deadlock') return '';
  const v = result.violation;
  const lines = v.path.steps.map((s, i) => `  ${String(i + 1).padStart(4)}  ${s.actor}  ${s.label}`);
  return [
    failureHeadline(v, options.statements[v.name]),
    `after ${v.depth} step${v.depth === 1 ? '' : 's'}:`,
    ...lines,
    options.replayCommand ? `replay with: ${options.replayCommand}` : 'the counterexample was not saved',
  ].join('\n');
}

function casesOf(result: CheckResult, options: JunitOptions): Case[] {
  const stoppedAt = result.verdict === 'violation' || result.verdict === 'deadlock' ? result.violation : undefined;
  // A liveness violation comes after a complete safety search: every safety case passed.
  const safetyDone = result.verdict === 'ok' || stoppedAt?.kind === 'liveness';
  const unfinished =
    result.verdict === 'incomplete'
      ? JUNIT.incomplete(result.reason, result.stats.distinctStates)
      : stoppedAt
        ? JUNIT.undecided(stoppedAt)
        : '';
  const fail = (message: string): Outcome => ({ kind: 'fail', message, body: failureBody(result, options) });
  const cls = (what: string): string => `${options.model}.${what}`;
  const cases: Case[] = options.invariants.map((name) => {
    if (stoppedAt?.kind === 'invariant' && stoppedAt.name === name) return { classname: cls('invariant'), name, outcome: fail(JUNIT.invariantFails(name, stoppedAt.depth)) };
    return { classname: cls('invariant'), name, outcome: safetyDone ? { kind: 'pass' } : { kind: 'skip', message: unfinished } };
  });
  const unreached = result.verdict === 'ok' || result.verdict === 'incomplete' ? new Set(result.unreachedWitnesses) : undefined;
  for (const name of options.witnesses) {
    let outcome: Outcome;
    if (unreached === undefined) outcome = { kind: 'skip', message: unfinished };
    else if (!unreached.has(name)) outcome = { kind: 'pass' };
    else if (result.verdict === 'ok') outcome = { kind: 'fail', message: JUNIT.witnessNeverReached(name), body: JUNIT.witnessBody(name) };
    else outcome = { kind: 'skip', message: JUNIT.witnessNotYet(name, unfinished) };
    cases.push({ classname: cls('sometimes'), name, outcome });
  }
  let deadlock: Outcome;
  if (!options.deadlocks) deadlock = { kind: 'skip', message: JUNIT.deadlockUnchecked };
  else if (stoppedAt?.kind === 'deadlock') deadlock = fail(JUNIT.deadlockAfter(stoppedAt.depth));
  else deadlock = safetyDone ? { kind: 'pass' } : { kind: 'skip', message: unfinished };
  cases.push({ classname: cls('deadlock'), name: 'deadlock freedom', outcome: deadlock });
  // Properties are checked in order and the first failure ends the check: those before it held.
  const failedAt = stoppedAt?.kind === 'liveness' ? options.liveness.indexOf(stoppedAt.name) : -1;
  options.liveness.forEach((name, i) => {
    let outcome: Outcome;
    if (i === failedAt) outcome = fail(JUNIT.livenessFails(name, stoppedAt?.depth));
    else if (result.verdict === 'ok' || (failedAt >= 0 && i < failedAt)) outcome = { kind: 'pass' };
    else outcome = { kind: 'skip', message: failedAt >= 0 ? JUNIT.livenessUndecided(stoppedAt?.name) : unfinished };
    cases.push({ classname: cls('liveness'), name, outcome });
  });
  return cases;
}

/** The JUnit XML text for one check. */
export function junitReport(result: CheckResult, options: JunitOptions): string {
  const cases = casesOf(result, options);
  const failures = cases.filter((c) => c.outcome.kind === 'fail').length;
  const skipped = cases.filter((c) => c.outcome.kind === 'skip').length;
  const seconds = (result.stats.elapsedMs / 1000).toFixed(3);
  const suite = `sim check ${options.model}${options.params ? ` (${options.params})` : ''}`;
  const out = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="sim check" tests="${cases.length}" failures="${failures}" errors="0" skipped="${skipped}" time="${seconds}">`,
    `  <testsuite name="${xml(suite)}" tests="${cases.length}" failures="${failures}" errors="0" skipped="${skipped}" time="${seconds}">`,
    '    <properties>',
    `      <property name="model" value="${xml(options.model)}"/>`,
    `      <property name="params" value="${xml(options.params)}"/>`,
    `      <property name="verdict" value="${result.verdict}"/>`,
    `      <property name="distinctStates" value="${result.stats.distinctStates}"/>`,
    `      <property name="transitions" value="${result.stats.transitions}"/>`,
    `      <property name="depth" value="${result.stats.depth}"/>`,
    '    </properties>',
  ];
  for (const c of cases) {
    const open = `    <testcase classname="${xml(c.classname)}" name="${xml(c.name)}" time="0"`;
    if (c.outcome.kind === 'pass') out.push(`${open}/>`);
    else if (c.outcome.kind === 'skip') out.push(`${open}>`, `      <skipped message="${xml(c.outcome.message)}"/>`, '    </testcase>');
    else {
      const type = c.classname.endsWith('.deadlock') ? 'deadlock' : c.classname.endsWith('.sometimes') ? 'vacuous' : c.classname.endsWith('.liveness') ? 'liveness' : 'violation';
      out.push(`${open}>`, `      <failure message="${xml(c.outcome.message)}" type="${type}">${xml(c.outcome.body)}</failure>`, '    </testcase>');
    }
  }
  out.push('  </testsuite>', '</testsuites>');
  return `${out.join('\n')}\n`;
}
