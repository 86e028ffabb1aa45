/**
 * The dictionary of a dmlog state's packed form (the model's encode/decode are model/packing.ts's
 * `statePacker` over it): every state key, every enumerated string value, and the protocol texts
 * these parameters produce, so that nearly every string in a state packs to one byte.
 */
import { fieldsOf, membersOf } from '../names.js';
import { CTR_REPLY_TEXT, ctrString, savedCtrString, STATUS_TABLE_TEXT, statusInfoText } from './texts.js';
import type { DmlogParams } from './params.js';
import { REQUEST_TYPES, type Datagram, type UlogMessage } from './requests.js';
import type {
  Channel, ClusterState, CpgMessage, DaemonLog, DaemonNode, DiskLog, DmlogState, FlushProgress, KernelNode, KernelOp,
  KernelPhase, KernelRegion, RecoveryStage, RegionState, ReplicaBits, StartupEntry, Waiter, Write, WriteStage,
} from './state.js';

/** Keys of every record a dmlog state holds, the most frequent first (the first words take one byte). */
const KEYS = [
  ...fieldsOf<UlogMessage>({ luid: true, seq: true, requestType: true, version: true, error: true, payload: true, text: true }),
  ...fieldsOf<KernelRegion>({ state: true, pending: true, onCleanList: true, recovery: true }),
  ...fieldsOf<ReplicaBits>({
    clean: true, sync: true, syncCount: true, marks: true, recoveringRegion: true, recoverer: true, syncSearch: true, priority: true,
  }),
  ...fieldsOf<DaemonLog>({
    luid: true, state: true, bits: true, touched: true, recoveryHalted: true, inSync: true, imported: true, cpg: true,
    startup: true, checkpointRequesters: true, checkpointsImported: true, diskWritePending: true,
  }),
  ...fieldsOf<Write>({ region: true, stage: true, remoteChecked: true, allLegs: true }),
  ...fieldsOf<Waiter>({ op: true, region: true, write: true, request: true, reconnect: true, original: true }),
  ...fieldsOf<Datagram>({ kind: true, msg: true, seq: true, ack: true, requestType: true }),
  ...fieldsOf<KernelNode>({
    phase: true, luid: true, regions: true, markList: true, clearList: true, writes: true, writesLeft: true,
    suspendsLeft: true, queriesLeft: true, waiter: true, flush: true, pollResync: true, pollSync: true, inSyncHint: true, mirrorInSync: true,
    recoveryStopped: true, lazyFlush: true, logFailed: true, repliesMatched: true, lastIsClean: true,
  }),
  ...fieldsOf<NonNullable<KernelNode['lastIsClean']>>({ region: true, clean: true }),
  ...fieldsOf<FlushProgress>({ clears: true, marks: true, stage: true, oneByOne: true, group: true, batchClears: true, batchMarks: true }),
  ...fieldsOf<DmlogState>({
    seq: true, kernels: true, daemons: true, disk: true, channels: true, cluster: true, diverged: true, faultsLeft: true,
  }),
  ...fieldsOf<DaemonNode>({ up: true, log: true }),
  ...fieldsOf<DiskLog>({ valid: true, failed: true, nrRegions: true, clean: true, stable: true }),
  ...fieldsOf<Channel>({ toDaemon: true, toKernel: true }),
  ...fieldsOf<ClusterState>({ members: true, queue: true }),
  ...fieldsOf<CpgMessage>({ kind: true, originator: true, msg: true, node: true, to: true, bits: true }),
  ...fieldsOf<StartupEntry>({ originator: true, msg: true, asServer: true, memberJoin: true }),
];

/** Every enumerated string a dmlog state holds. */
const VALUES = [
  '',
  ...membersOf<Waiter['reconnect']>({ none: true, sleeping: true, ctr: true, resume: true, presuspend: true }),
  ...membersOf<RegionState>({ absent: true, clean: true, dirty: true, nosync: true, recovering: true }),
  ...membersOf<RecoveryStage>({ none: true, waiting: true, quiesced: true, copying: true, recovered: true }),
  ...membersOf<DaemonLog['state']>({ pending: true, resumed: true }),
  ...membersOf<DaemonLog['cpg']>({ none: true, invalid: true, valid: true }),
  ...membersOf<Datagram['kind']>({ request: true, reply: true, ack: true }),
  ...membersOf<CpgMessage['kind']>({ request: true, join: true, checkpoint: true }),
  ...membersOf<FlushProgress['stage']>({ clear: true, mark: true, flush: true }),
  ...membersOf<WriteStage>({ queued: true, marked: true, flushing: true, flushed: true, dispatched: true, delayed: true, held: true }),
  ...membersOf<KernelPhase>({
    unconstructed: true, constructing: true, constructed: true, resuming: true, active: true, presuspending: true,
    presuspended: true, postsuspending: true, suspended: true, destroying: true, destroyed: true, failed: true,
  }),
  ...membersOf<KernelOp>({
    ctr: true, dtr: true, presuspend: true, postsuspend: true, resume: true, inSync: true, remoteRecovering: true,
    flush: true, getResyncWork: true, setRegionSync: true, getSyncCount: true, isClean: true, statusInfo: true, lazyFlush: true,
  }),
  ...Object.keys(REQUEST_TYPES),
];

/** The dictionary words of a dmlog state under `p`: keys, enumerated values, then the texts requests and replies carry. */
export function dmlogWords(p: DmlogParams): string[] {
  const statusTexts = [statusInfoText(false), statusInfoText(true)];
  return [...KEYS, ...VALUES, ctrString(p), savedCtrString(p), CTR_REPLY_TEXT, STATUS_TABLE_TEXT, ...statusTexts];
}
