/**
 * TwoPhase commit, after Lamport's TLA+ `TwoPhase.tla` (tlaplus/Examples,
 * specifications/transaction_commit) and Stateright's `examples/2pc.rs`: a transaction manager
 * (TM) and N resource managers (RMs) agree to commit or abort. It is the project's yardstick:
 * its state counts are published (research/anchors.md §5a) and pinned by tests.
 */
import type { Model, ModelEntry, ParamValues } from '../contract.js';
import { interchangeableIds } from '../symmetry.js';

export type RmState = 'working' | 'prepared' | 'committed' | 'aborted';
export type TmState = 'init' | 'committed' | 'aborted';

export interface TwoPhaseState {
  readonly rmState: readonly RmState[];
  readonly tmState: TmState;
  /** tmPrepared as a membership vector indexed by rm - 1. */
  readonly tmPrepared: readonly boolean[];
  /** The message set: Prepared(rm) per rm, and the single Commit and Abort messages. */
  readonly msgs: { readonly prepared: readonly boolean[]; readonly commit: boolean; readonly abort: boolean };
}

/** Action names follow TwoPhase.tla; `rm` counts from 1. */
export type TwoPhaseAction =
  | { readonly type: 'TMRcvPrepared'; readonly rm: number }
  | { readonly type: 'TMCommit' }
  | { readonly type: 'TMAbort' }
  | { readonly type: 'RMPrepare'; readonly rm: number }
  | { readonly type: 'RMChooseToAbort'; readonly rm: number }
  | { readonly type: 'RMRcvCommitMsg'; readonly rm: number }
  | { readonly type: 'RMRcvAbortMsg'; readonly rm: number };

export const twophaseBugs = [
  {
    name: 'commit-without-all-prepared',
    breaks: 'TCConsistent',
    source: 'TwoPhase.tla TMCommit with its `tmPrepared = RM` conjunct removed (the seeded bug of research/toolchain.md §4)',
  },
] as const;

const RM_STATES: readonly RmState[] = ['working', 'prepared', 'committed', 'aborted'];
const TM_STATES: readonly TmState[] = ['init', 'committed', 'aborted'];

/** One byte per RM (its state, tmPrepared, Prepared message) and one for the TM and Commit/Abort. */
function encode(s: TwoPhaseState): Uint8Array {
  const bytes = new Uint8Array(s.rmState.length + 1);
  s.rmState.forEach((r, i) => {
    bytes[i] = RM_STATES.indexOf(r) | (s.tmPrepared[i] ? 4 : 0) | (s.msgs.prepared[i] ? 8 : 0);
  });
  bytes[s.rmState.length] = TM_STATES.indexOf(s.tmState) | (s.msgs.commit ? 4 : 0) | (s.msgs.abort ? 8 : 0);
  return bytes;
}

function decode(bytes: Uint8Array): TwoPhaseState {
  const n = bytes.length - 1;
  const rmState = new Array<RmState>(n);
  const tmPrepared = new Array<boolean>(n);
  const prepared = new Array<boolean>(n);
  for (let i = 0; i < n; i++) {
    const b = bytes[i] as number;
    rmState[i] = RM_STATES[b & 3] as RmState;
    tmPrepared[i] = (b & 4) !== 0;
    prepared[i] = (b & 8) !== 0;
  }
  const tm = bytes[n] as number;
  return { rmState, tmState: TM_STATES[tm & 3] as TmState, tmPrepared, msgs: { prepared, commit: (tm & 4) !== 0, abort: (tm & 8) !== 0 } };
}

/**
 * The compiled successor function: each action is one changed byte of the packed state, emitted
 * in the order `actions()` lists them.
 */
function successorsOf(rmCount: number, bug: string): (bytes: Uint8Array, emit: (successor: Uint8Array) => void) => void {
  const scratch = new Uint8Array(rmCount + 1);
  const emitWith = (at: number, value: number, emit: (successor: Uint8Array) => void): void => {
    const was = scratch[at] as number;
    scratch[at] = value;
    emit(scratch);
    scratch[at] = was;
  };
  return (bytes, emit) => {
    scratch.set(bytes);
    const tm = bytes[rmCount] as number;
    const tmInit = (tm & 3) === 0;
    if (tmInit) {
      let allPrepared = true;
      for (let i = 0; i < rmCount; i++) if (((bytes[i] as number) & 4) === 0) allPrepared = false;
      if (allPrepared || bug === 'commit-without-all-prepared') emitWith(rmCount, (tm & ~3) | 1 | 4, emit);
      emitWith(rmCount, (tm & ~3) | 2 | 8, emit);
    }
    for (let i = 0; i < rmCount; i++) {
      const r = bytes[i] as number;
      if (tmInit && (r & 8) !== 0) emitWith(i, r | 4, emit);
      if ((r & 3) === 0) {
        emitWith(i, (r & ~3) | 1 | 8, emit);
        emitWith(i, (r & ~3) | 3, emit);
      }
      if ((tm & 4) !== 0) emitWith(i, (r & ~3) | 2, emit);
      if ((tm & 8) !== 0) emitWith(i, (r & ~3) | 3, emit);
    }
  };
}

function setAt<T>(list: readonly T[], index: number, value: T): T[] {
  const out = list.slice();
  out[index] = value;
  return out;
}

/** The parameters the model's functions take first, as the other built-in models' do. */
interface TwoPhaseParams {
  readonly rmCount: number;
  readonly bug: string;
}

function canCommit(p: TwoPhaseParams, s: TwoPhaseState): boolean {
  return s.tmState === 'init' && (p.bug === 'commit-without-all-prepared' || s.tmPrepared.every(Boolean));
}

/** The enabled actions in `s`, in a fixed order: the TM's, then each RM's. */
function enabledActions(p: TwoPhaseParams, s: TwoPhaseState): TwoPhaseAction[] {
  const out: TwoPhaseAction[] = [];
  if (canCommit(p, s)) out.push({ type: 'TMCommit' });
  if (s.tmState === 'init') out.push({ type: 'TMAbort' });
  for (let rm = 1; rm <= p.rmCount; rm++) {
    const i = rm - 1;
    if (s.tmState === 'init' && s.msgs.prepared[i]) out.push({ type: 'TMRcvPrepared', rm });
    if (s.rmState[i] === 'working') {
      out.push({ type: 'RMPrepare', rm });
      out.push({ type: 'RMChooseToAbort', rm });
    }
    if (s.msgs.commit) out.push({ type: 'RMRcvCommitMsg', rm });
    if (s.msgs.abort) out.push({ type: 'RMRcvAbortMsg', rm });
  }
  return out;
}

/** The successor of `s` by `a`. */
function nextState(s: TwoPhaseState, a: TwoPhaseAction): TwoPhaseState {
  switch (a.type) {
    case 'TMRcvPrepared':
      return { ...s, tmPrepared: setAt(s.tmPrepared, a.rm - 1, true) };
    case 'TMCommit':
      return { ...s, tmState: 'committed', msgs: { ...s.msgs, commit: true } };
    case 'TMAbort':
      return { ...s, tmState: 'aborted', msgs: { ...s.msgs, abort: true } };
    case 'RMPrepare':
      return {
        ...s,
        rmState: setAt(s.rmState, a.rm - 1, 'prepared'),
        msgs: { ...s.msgs, prepared: setAt(s.msgs.prepared, a.rm - 1, true) },
      };
    case 'RMChooseToAbort':
      return { ...s, rmState: setAt(s.rmState, a.rm - 1, 'aborted') };
    case 'RMRcvCommitMsg':
      return { ...s, rmState: setAt(s.rmState, a.rm - 1, 'committed') };
    case 'RMRcvAbortMsg':
      return { ...s, rmState: setAt(s.rmState, a.rm - 1, 'aborted') };
  }
}

/** The TwoPhase model for `rmCount` resource managers, optionally with a seeded bug. */
export function twophaseModel(rmCount: number, bug: string): Model<TwoPhaseState, TwoPhaseAction> {
  const rms = Array.from({ length: rmCount }, (_, i) => i + 1);
  const params: TwoPhaseParams = { rmCount, bug };

  // The RMs are interchangeable: each one's data is its slot in the three arrays, and no state
  // names an RM elsewhere (actions do, but a representative is a state).
  const representative = interchangeableIds<TwoPhaseState>({ ids: rms, indexed: [['rmState'], ['tmPrepared'], ['msgs', 'prepared']] });

  return {
    name: 'twophase',
    init: () => [
      {
        rmState: rms.map(() => 'working' as const),
        tmState: 'init',
        tmPrepared: rms.map(() => false),
        msgs: { prepared: rms.map(() => false), commit: false, abort: false },
      },
    ],
    actions: (s) => enabledActions(params, s),
    next: nextState,
    invariants: {
      TCConsistent: (s) => !(s.rmState.includes('aborted') && s.rmState.includes('committed')),
      TPTypeOK: (s) =>
        s.rmState.length === rmCount &&
        s.tmPrepared.length === rmCount &&
        s.msgs.prepared.length === rmCount &&
        // Commit and Abort are never both sent: the TM decides once.
        !(s.msgs.commit && s.msgs.abort),
    },
    statements: {
      TCConsistent: 'No resource manager has aborted while another has committed.',
      TPTypeOK: 'Every variable has its declared shape, and the TM has sent at most one of Commit and Abort.',
    },
    sometimes: {
      TCConsistent: (s) => s.rmState.includes('committed'),
      TPTypeOK: (s) => s.msgs.commit || s.msgs.abort,
    },
    final: (s) => s.tmState !== 'init' && s.rmState.every((r) => r === 'committed' || r === 'aborted'),
    actor: (a) => (a.type === 'TMCommit' || a.type === 'TMAbort' || a.type === 'TMRcvPrepared' ? 'TM' : `rm${a.rm}`),
    label: (a) => ('rm' in a ? `${a.type}(rm${a.rm})` : a.type),
    // An RM's unilateral abort is the rare path, sampled as a fault; the TM aborts on a timeout,
    // long after the prepares would normally have arrived.
    isFault: (a) => a.type === 'RMChooseToAbort',
    // The messages are the receipts: a Prepared from an RM to the TM, Commit or Abort from the TM
    // to an RM. Sending only adds to the message set, where a message may wait or never be read.
    message: (a) =>
      a.type === 'TMRcvPrepared' ? { from: `rm${a.rm}`, to: 'TM' }
        : a.type === 'RMRcvCommitMsg' || a.type === 'RMRcvAbortMsg' ? { from: 'TM', to: `rm${a.rm}` }
          : undefined,
    encode,
    decode,
    successors: successorsOf(rmCount, bug),
    representative,
    actionTypes: ['TMRcvPrepared', 'TMCommit', 'TMAbort', 'RMPrepare', 'RMChooseToAbort', 'RMRcvCommitMsg', 'RMRcvAbortMsg'],
    latency: (a) => (a.type === 'TMAbort' ? { min: 60, max: 90 } : a.type.startsWith('TM') ? { min: 1, max: 5 } : { min: 2, max: 20 }),
  };
}

export const twophaseEntry: ModelEntry = {
  name: 'twophase',
  description: 'Two-phase commit (TLA+ TwoPhase.tla): a transaction manager and rm resource managers',
  params: [
    { name: 'rm', default: 3, description: 'number of resource managers', min: 1, max: 12 },
    {
      name: 'bug',
      default: 'none',
      description: 'seeded bug to switch on',
      values: ['none', ...twophaseBugs.map((b) => b.name)],
    },
  ],
  bugs: twophaseBugs,
  findings: [],
  create: (p: ParamValues) => twophaseModel(p.rm as number, p.bug as string),
};
