/**
 * The restart path (research §2.9, §2.10, §3.8): `RSTRT_REQ`, `RSTRT_PROCS` one process section
 * at a time in file order, `RSTRT_CHILD` per restored thread, the request barrier that includes the
 * requester's EOF notification, `HAND_DONE` after the RESTART callbacks, restart abort, `RSTRT_REAP`.
 */
import { assert } from '../../lib/assert.js';
import type { BlcrAction } from './actions.js';
import type { BlcrParams } from './params.js';
import type { BlcrState, RProc, RestartState, RThread } from './state.js';
import { ERR } from './state.js';

/** The pid the model gives the restored leader of process `p` (pids are abstracted). */
export function restoredPid(p: number): number {
  return 1000 + p;
}

/** The process sections of a context file, in file order. */
export function sectionsOf(file: readonly string[]): { proc: number; threads: number }[] {
  const out: { proc: number; threads: number }[] = [];
  for (const rec of file) {
    const m = /^ProcHeader p(\d+) threads=(\d+)/.exec(rec);
    if (m !== null) out.push({ proc: Number(m[1]), threads: Number(m[2]) });
  }
  return out;
}

function withRestart(s: BlcrState, f: (r: RestartState) => RestartState): BlcrState {
  assert(s.restart !== null, 'restart side exists');
  return { ...s, restart: f(s.restart) };
}

function withRProc(r: RestartState, p: number, f: (rp: RProc) => RProc): RestartState {
  return { ...r, procs: r.procs.map((rp, i) => (i === p ? f(rp) : rp)) };
}

function withRThread(r: RestartState, p: number, t: number, f: (rt: RThread) => RThread): RestartState {
  return withRProc(r, p, (rp) => ({ ...rp, threads: rp.threads.map((rt, i) => (i === t ? f(rt) : rt)) }));
}

/** Applies one enabled restart action (guards were asserted by `next`). */
export function restartStep(s: BlcrState, a: BlcrAction, params: BlcrParams): BlcrState {
  switch (a.type) {
    case 'RstrtReq': return withRestart(s, (r) => ({
      ...r, phase: 'awaitProcs', reader: 'requester', sections: sectionsOf(s.req?.file ?? []),
      barrier: 1, needProcs: true,
    }));
    case 'RstrtProcs': return withRestart(s, readNextSection);
    case 'RstrtChild': return withRestart(s, (r) => withRThread(
      { ...withRProc(r, a.p, (rp) => ({ ...rp, preVmadump: rp.preVmadump - 1 })), tasks: r.tasks + 1, barrier: r.barrier + 1 },
      a.p, a.t, () => ({ pc: 'attached' }),
    ));
    case 'RstrtRestore': return withRestart(s, (r) => threadRestores(r, a.p, a.t));
    case 'RstrtResume': return withRestart(s, (r) => threadResumes(r, a.p, a.t, params));
    case 'RstrtDone': return withRestart(s, (r) => threadFinishesRestart(r, a.p, a.t, params));
    case 'RstrtAbort': return withRestart(s, restartAborts);
    case 'ChildDies': return withRestart(s, (r) => ({
      ...withRProc(r, a.p, (rp) => ({ ...rp, threads: rp.threads.map(() => ({ pc: 'dead' as const })) })),
      childDied: true,
    }));
    case 'RstrtInterrupted': return withRestart(s, (r) => ({ ...r, phase: 'failed', result: -ERR.EINTR }));
    case 'RstrtPoll': return withRestart(s, (r) => ({ ...r, phase: 'readable' }));
    case 'RstrtReap': return withRestart(s, (r) => ({ ...r, phase: 'reaped' }));
    default: throw new Error(`blcr: ${a.type} is not a restart action`);
  }
}

/** `RSTRT_PROCS`: 0 after `die`; 1 and a new process for the next section; 0 at the trailer. */
function readNextSection(r: RestartState): RestartState {
  if (r.die) return { ...r, phase: 'waiting', needProcs: false, barrier: r.needProcs ? r.barrier - 1 : r.barrier };
  const section = r.sections[r.procs.length];
  if (section !== undefined) {
    const threads: RThread[] = Array.from({ length: section.threads }, () => ({ pc: 'forked' as const }));
    const rp: RProc = {
      source: section.proc, threads, preVmadump: section.threads, preComplete: section.threads,
      imageDone: false, filesDone: false, signals: [],
    };
    return { ...r, procs: [...r.procs, rp], reader: 'child' };
  }
  const leader = r.sections[0];
  return {
    ...r, phase: 'waiting', reader: 'done', needProcs: false, barrier: r.barrier - 1,
    result: leader === undefined ? -ERR.ESRCH : restoredPid(leader.proc),
  };
}

/** Thaw image (leader) or registers; once per process files; last thread hands the reader back. */
function threadRestores(r: RestartState, p: number, t: number): RestartState {
  let next = withRThread(r, p, t, () => ({ pc: 'gate' }));
  next = withRProc(next, p, (rp) => ({ ...rp, imageDone: rp.imageDone || t === 0, filesDone: true }));
  next = { ...next, barrier: next.barrier - 1 };
  const rp = next.procs[p];
  const allRestored = rp !== undefined && rp.threads.every((rt) => rt.pc !== 'forked' && rt.pc !== 'attached');
  return allRestored && next.reader === 'child' ? { ...next, reader: 'requester' } : next;
}

/** The request barrier opened: HAND_CHKPT returns cr_restart's pid; bug 2216 signals here. */
function threadResumes(r: RestartState, p: number, t: number, params: BlcrParams): RestartState {
  let next = withRThread(r, p, t, () => ({ pc: 'restarted' }));
  const rp = next.procs[p];
  if (params.bug === 'restart-signal-before-callbacks' && params.afterSignal === 'term' && rp !== undefined && !rp.signals.includes('TERM')) {
    next = withRProc(next, p, (x) => ({ ...x, signals: [...x.signals, 'TERM'] }));
    next = { ...next, ghost: { ...next.ghost, signalBeforeCallbacks: true } };
  }
  return next;
}

/** `HAND_DONE` after RESTART callbacks: pre_complete once-action (signal only if result >= 0). */
function threadFinishesRestart(r: RestartState, p: number, t: number, params: BlcrParams): RestartState {
  let next = withRThread(r, p, t, () => ({ pc: 'done' }));
  next = withRProc(next, p, (rp) => ({ ...rp, preComplete: rp.preComplete - 1 }));
  next = { ...next, tasks: next.tasks - 1 };
  const rp = next.procs[p];
  if (rp === undefined || rp.preComplete !== 0) return next;
  if (next.die) return withRProc(next, p, (x) => ({ ...x, signals: [...x.signals, 'KILL'] }));
  if (params.afterSignal === 'term' && next.result >= 0 && !rp.signals.includes('TERM')) {
    return withRProc(next, p, (x) => ({ ...x, signals: [...x.signals, 'TERM'] }));
  }
  return next;
}

/** `cr_rstrt_abort`: result `-CR_ERSTRTABRT`, `die`, every restored process killed. */
function restartAborts(r: RestartState): RestartState {
  let tasks = r.tasks;
  let barrier = r.barrier;
  const procs = r.procs.map((rp): RProc => {
    const hadLive = rp.threads.some((rt) => rt.pc !== 'done' && rt.pc !== 'dead');
    const threads = rp.threads.map((rt): RThread => {
      if (rt.pc === 'attached') { tasks--; barrier--; }
      if (rt.pc === 'gate' || rt.pc === 'restarted') tasks--;
      return rt.pc === 'done' ? rt : { pc: 'dead' };
    });
    return { ...rp, threads, signals: hadLive ? [...rp.signals, 'KILL'] : rp.signals };
  });
  return {
    ...r, procs, tasks, barrier, die: true, aborted: true, result: -ERR.CR_ERSTRTABRT,
    reader: r.reader === 'child' ? 'requester' : r.reader,
  };
}
