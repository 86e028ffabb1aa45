/**
 * The dictionary of a blcr state's packed form (the model's encode/decode are model/packing.ts's
 * `statePacker` over it): every state key, every enumerated string value, and every context-file
 * record these parameters can write, so that nearly every string in a state packs to one byte.
 */
import { fieldsOf, membersOf } from '../names.js';
import { fileRecord } from './kernel.js';
import type { BlcrParams } from './params.js';
import type {
  BlcrState, ChkptRequest, LibcrState, Pc, ProcRecord, ProcState, Requester, RestartState, RProc, RThread, SignalName, ThreadState,
} from './state.js';

/** Keys of every record a blcr state holds, the most frequent first (the first words take one byte). */
const KEYS = [
  ...fieldsOf<ThreadState>({
    status: true, phase: true, callbackThread: true, callbacks: true, pc: true, libcr: true, cs: true, sig: true,
    runCallbacks: true, member: true, step: true, p1: true, triggered: true, rc: true, stopped: true,
  }),
  ...fieldsOf<ProcState>({ pgid: true, threads: true, live: true, signals: true, jobStopped: true }),
  ...fieldsOf<BlcrState>({ procs: true, requester: true, req: true, restart: true, faultUsed: true }),
  ...fieldsOf<Requester>({ phase: true, fdOpen: true, versionOk: true, earlyReapTried: true, logRead: true, result: true }),
  ...fieldsOf<ChkptRequest>({
    freed: true, procs: true, tasks: true, preshared: true, postdump: true, result: true, die: true, signal: true,
    completed: true, expiration: true, refcount: true, requesterRef: true, watchdogRef: true, destOwner: true,
    trailer: true, file: true, forwarded: true, aborted: true, ghost: true,
  }),
  ...fieldsOf<ProcRecord>({
    proc: true, omit: true, tasks: true, phase: true, predump: true, vmadump: true, preComplete: true, postComplete: true,
    phaseTriggered: true, headerDone: true, imageDone: true, filesDone: true, preCompleteDone: true, omitWaiters: true,
  }),
  ...fieldsOf<ChkptRequest['ghost']>({
    omitted: true, joinedAfterOmit: true, joinedLate: true, deadlinePassed: true, tempAbort: true, permAbort: true,
    earlySignal: true, usedAfterFree: true, returnedZeroAfterFailure: true, processesKilled: true, stopMismatch: true,
  }),
  ...fieldsOf<RestartState>({
    phase: true, reader: true, sections: true, procs: true, barrier: true, needProcs: true, die: true, result: true,
    tasks: true, aborted: true, childDied: true, ghost: true,
  }),
  ...fieldsOf<RestartState['sections'][number]>({ proc: true, threads: true }),
  ...fieldsOf<RestartState['ghost']>({ termAfterFailure: true, signalBeforeCallbacks: true }),
  ...fieldsOf<RProc>({ source: true, threads: true, preVmadump: true, preComplete: true, imageDone: true, filesDone: true, signals: true }),
  ...fieldsOf<RThread>({ pc: true }),
];

/** Every enumerated string a blcr state holds. */
const VALUES = [
  ...membersOf<ThreadState['status']>({ live: true, dead: true, execd: true, unborn: true }),
  ...membersOf<LibcrState>({ idle: true, pending: true, active: true, fast: true }),
  ...membersOf<Pc>({
    run: true, susp: true, waitReq: true, handler: true, hung: true, kernel: true, continue: true, hold: true, omitWait: true, gone: true,
  }),
  ...membersOf<Requester['phase']>({
    closed: true, idle: true, pending: true, readable: true, reaped: true, failed: true, gone: true, lost: true,
  }),
  ...membersOf<SignalName>({ TERM: true, KILL: true, STOP: true }),
  ...membersOf<RestartState['phase']>({ idle: true, awaitProcs: true, waiting: true, readable: true, reaped: true, failed: true }),
  ...membersOf<RestartState['reader']>({ requester: true, child: true, done: true }),
  ...membersOf<RThread['pc']>({ forked: true, attached: true, gate: true, restarted: true, done: true, dead: true }),
];

/**
 * The context-file records `params` can produce: per process its header (member and live
 * thread counts up to the thread slots, the cloned one included), image, registers per thread,
 * mmaps and files.
 */
function fileRecords(params: BlcrParams): string[] {
  const slots = params.threads + (params.threadCreate ? 1 : 0);
  const out: string[] = [fileRecord.header, fileRecord.trailer];
  for (let p = 0; p < params.processes; p++) {
    out.push(fileRecord.image(p), fileRecord.mmaps(p), fileRecord.files(p));
    for (let t = 0; t < slots; t++) out.push(fileRecord.regs(p, t));
    for (let members = 0; members <= slots; members++) {
      for (let live = 0; live <= slots; live++) out.push(fileRecord.procHeader(p, members, live));
    }
  }
  return out;
}

/** The dictionary words of a blcr state under `params`: keys, enumerated values, then the context-file records. */
export function blcrWords(params: BlcrParams): string[] {
  return [...KEYS, ...VALUES, ...fileRecords(params)];
}
