/**
 * The userspace log server (LVM2 cmirrord, functions.c): how one replica answers each request
 * type. Pure: a replica and a request in, the new replica and the reply out. Routing (local vs
 * multicast) and the disk write are the caller's (index: next.ts, cluster.ts).
 */
import type { DmlogParams } from './params.js';
import { ERRNO, type UlogMessage } from './requests.js';
import { assert } from '../../lib/index.js';
import type { DaemonLog, DiskLog, MarkEntry, ReplicaBits } from './state.js';

/** The outcome of one request on one replica. */
export interface DaemonResult {
  readonly log: DaemonLog | null;
  readonly error: number;
  readonly payload: readonly number[];
  readonly text: string;
  /** The replica's clean bits are to be written to the disk log (FLUSH with touched; master resume). */
  readonly persist: boolean;
}

const ok = (log: DaemonLog | null, payload: readonly number[] = [], text = '', persist = false): DaemonResult =>
  ({ log, error: 0, payload, text, persist });
const fail = (log: DaemonLog | null, errno: number): DaemonResult => ({ log, error: -errno, payload: [], text: '', persist: false });

/** The texts cmirrord answers with: to CTR (the log device, NUL included), STATUS_TABLE and STATUS_INFO. */
export const CTR_REPLY_TEXT = '253:2\u0000';
export const STATUS_TABLE_TEXT = 'clustered-disk 4 253:2 1024 block_on_error';
export function statusInfoText(syncCount: number, regions: number): string {
  return `1 253:3 ${syncCount}/${regions}`;
}

/** The bits a fresh log has after CTR (bitmaps allocated zeroed; recovering_region = -1). */
export function emptyBits(regions: number): ReplicaBits {
  const zero = Array.from({ length: regions }, () => false);
  return { clean: zero, sync: zero, syncCount: 0, marks: [], recoveringRegion: -1, recoverer: -1, syncSearch: 0, priority: [] };
}

/** clog_ctr: a pending log. */
export function newLog(p: DmlogParams, luid: number): DaemonLog {
  return {
    luid, state: 'pending', bits: emptyBits(p.regions), touched: false, recoveryHalted: false, inSync: false,
    imported: false, cpg: 'none', startup: [], checkpointRequesters: [], checkpointsImported: 0, diskWritePending: false,
  };
}

/** popcount of a bitmap. */
export function countSet(bits: readonly boolean[]): number {
  return bits.filter((b) => b).length;
}

/** The value a boolean reply carries: 1, or with the seeded dm_bit bug the bit's power of two. */
function boolReply(p: DmlogParams, bit: boolean, region: number): number {
  if (!bit) return 0;
  return p.bug === 'dm-bit-power-of-two' ? 2 ** (region % 32) : 1;
}

/** The disk log as a master resume reads it: clean bits, or all dirty when the header is bad. */
export function diskCleanBits(p: DmlogParams, disk: DiskLog): readonly boolean[] {
  return Array.from({ length: p.regions }, (_, r) => disk.valid && !disk.failed && r < disk.nrRegions && (disk.clean[r] ?? false));
}

/**
 * clog_resume: a master resume loads the clean bits from disk and sets sync := clean; a resume
 * after a checkpoint import keeps the imported bits. Either way the log is now resumed.
 */
export function resumeLog(p: DmlogParams, log: DaemonLog, disk: DiskLog): DaemonResult {
  if (log.state === 'resumed') return ok(log);
  const bits: ReplicaBits = log.imported
    ? log.bits
    : { ...log.bits, clean: diskCleanBits(p, disk), sync: diskCleanBits(p, disk), recoveringRegion: -1, recoverer: -1, priority: [] };
  const resumed: DaemonLog = {
    ...log, state: 'resumed', touched: log.imported ? log.touched : false, recoveryHalted: false, inSync: false,
    bits: { ...bits, syncCount: countSet(bits.sync), syncSearch: 0 },
  };
  return ok(resumed, [], '', !log.imported);
}

/**
 * do_request for one replica. `originator` is the node whose kernel sent the request; `log` is
 * the replica's log for the request's uuid (null when there is none).
 */
export function handleRequest(p: DmlogParams, log: DaemonLog | null, msg: UlogMessage, originator: number, disk: DiskLog): DaemonResult {
  const result = handleOnReplica(p, log, msg, originator, disk);
  // write_log fails on a failed log device: the FLUSH is answered -EIO (the bits stay in memory).
  // The bits stay touched, so every later FLUSH fails too until the device is replaced.
  if (result.persist && disk.failed && msg.requestType === 'DM_ULOG_FLUSH') {
    const log = result.log === null ? null : { ...result.log, touched: true };
    return { ...result, log, error: -ERRNO.EIO, payload: [], persist: false };
  }
  if (result.persist && disk.failed) return { ...result, persist: false };
  return result;
}

function handleOnReplica(p: DmlogParams, log: DaemonLog | null, msg: UlogMessage, originator: number, disk: DiskLog): DaemonResult {
  if (msg.requestType === 'DM_ULOG_CTR') return handleCtr(p, log, msg);
  // A log this daemon does not know (it was restarted): cmirrord says -EINVAL; the model's fixed
  // daemon says -ESRCH, which sends the kernel through its reconnect (CTR + RESUME) and retry.
  if (log === null || log.luid !== msg.luid) return fail(log, p.bug === 'unknown-log-einval' ? ERRNO.EINVAL : ERRNO.ESRCH);
  const r = msg.payload[0] ?? 0;
  const bits = log.bits;
  switch (msg.requestType) {
    case 'DM_ULOG_DTR': return ok(null);
    case 'DM_ULOG_RESUME': return resumeLog(p, log, disk);
    case 'DM_ULOG_PRESUSPEND': return ok({ ...log, recoveryHalted: true });
    case 'DM_ULOG_POSTSUSPEND':
      return ok({ ...log, state: 'pending', cpg: 'none', startup: [], checkpointRequesters: [], bits: { ...bits, recoveringRegion: -1, recoverer: -1 } });
    case 'DM_ULOG_GET_REGION_SIZE': return ok(log, [1024]);
    case 'DM_ULOG_STATUS_INFO': return ok(log, [], statusInfoText(bits.syncCount, p.regions));
    case 'DM_ULOG_STATUS_TABLE': return ok(log, [], STATUS_TABLE_TEXT);
    case 'DM_ULOG_GET_SYNC_COUNT': return ok(log, [bits.syncCount]);
    default: break;
  }
  if (log.state !== 'resumed') return fail(log, ERRNO.EINVAL);
  switch (msg.requestType) {
    case 'DM_ULOG_IS_CLEAN': return ok(log, [boolReply(p, bits.clean[r] ?? false, r)]);
    case 'DM_ULOG_IN_SYNC': return ok(log, [boolReply(p, bits.sync[r] ?? false, r)]);
    case 'DM_ULOG_MARK_REGION': return ok(markRegions(log, msg.payload, originator));
    case 'DM_ULOG_CLEAR_REGION': return ok(clearRegions(p, log, msg.payload, originator));
    case 'DM_ULOG_FLUSH': return flushLog(p, log, msg, originator);
    case 'DM_ULOG_GET_RESYNC_WORK': return getResyncWork(p, log, originator);
    case 'DM_ULOG_SET_REGION_SYNC': return ok(setRegionSync(p, log, r, (msg.payload[1] ?? 0) !== 0));
    case 'DM_ULOG_IS_REMOTE_RECOVERING': return isRemoteRecovering(p, log, r);
    default: return fail(log, ERRNO.EINVAL);
  }
}

/** clog_ctr: a second CTR for the same (uuid, luid) is refused by cmirrord (seeded P2), accepted when idempotent. */
function handleCtr(p: DmlogParams, log: DaemonLog | null, msg: UlogMessage): DaemonResult {
  if (log !== null) {
    if (log.luid === msg.luid && p.bug !== 'ctr-not-idempotent' && log.state === 'pending') return ok(log, [], CTR_REPLY_TEXT);
    return fail(log, ERRNO.EINVAL);
  }
  return ok(newLog(p, msg.luid), [], CTR_REPLY_TEXT);
}

/** clog_mark_region: add (r, node) entries; the region is dirty in memory. */
function markRegions(log: DaemonLog, regions: readonly number[], node: number): DaemonLog {
  let marks: readonly MarkEntry[] = log.bits.marks;
  let clean = log.bits.clean;
  for (const r of regions) {
    if (!marks.some(([mr, mn]) => mr === r && mn === node)) marks = sortMarks([...marks, [r, node]]);
    clean = clean.map((c, i) => (i === r ? false : c));
  }
  return { ...log, touched: true, bits: { ...log.bits, marks, clean } };
}

function sortMarks(marks: readonly MarkEntry[]): readonly MarkEntry[] {
  return [...marks].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
}

/** clog_clear_region: drop (r, node); clean only when no node holds a mark and the region is in sync. */
function clearRegions(p: DmlogParams, log: DaemonLog, regions: readonly number[], node: number): DaemonLog {
  let marks = log.bits.marks;
  let clean = log.bits.clean;
  for (const r of regions) {
    marks = marks.filter(([mr, mn]) => !(mr === r && mn === node));
    const unmarked = !marks.some(([mr]) => mr === r);
    const inSync = log.bits.sync[r] ?? false;
    if (unmarked && (inSync || p.bug === 'clear-ignores-sync')) clean = clean.map((c, i) => (i === r ? true : c));
  }
  return { ...log, touched: true, bits: { ...log.bits, marks, clean } };
}

/** clog_flush: (v3) apply the payload as marks, then persist if touched; reply after the write. */
function flushLog(p: DmlogParams, log: DaemonLog, msg: UlogMessage, node: number): DaemonResult {
  const applyPayload = msg.payload.length > 0 && p.bug !== 'flush-payload-ignored';
  const marked = applyPayload ? markRegions(log, msg.payload, node) : log;
  if (!marked.touched) return ok(marked);
  if (p.bug === 'reply-before-persist') return ok({ ...marked, touched: false, diskWritePending: true });
  return ok({ ...marked, touched: false }, [], '', true);
}

/** clog_get_resync_work (research §5.3): at most one region under recovery per log. */
function getResyncWork(p: DmlogParams, log: DaemonLog, node: number): DaemonResult {
  const b = log.bits;
  const none = ok(log, [0, 0]);
  if (b.syncSearch >= p.regions) return none;
  if (b.recoveringRegion !== -1) return b.recoverer === node ? ok(log, [1, b.recoveringRegion]) : none;
  const assign = (r: number, bits: ReplicaBits): DaemonResult =>
    ok({ ...log, bits: { ...bits, recoveringRegion: r, recoverer: node } }, [1, r]);
  let priority = b.priority;
  while (priority.length > 0) {
    const r = priority[0] ?? 0;
    priority = priority.slice(1);
    if (!(b.sync[r] ?? true)) return assign(r, { ...b, priority });
  }
  const r = b.sync.findIndex((inSync, i) => i >= b.syncSearch && !inSync);
  if (r === -1) return ok({ ...log, bits: { ...b, priority, syncSearch: p.regions + 1 } }, [0, 0]);
  return assign(r, { ...b, priority, syncSearch: r + 1 });
}

/** clog_set_region_sync, then the sync_count recomputation of do_request. */
function setRegionSync(p: DmlogParams, log: DaemonLog, r: number, inSync: boolean): DaemonLog {
  const b = log.bits;
  // cmirrord resets recovering_region whatever the region (P5); the model keeps that behaviour.
  const recovery = { recoveringRegion: -1, recoverer: -1 };
  const was = b.sync[r] ?? false;
  const sync = b.sync.map((x, i) => (i === r ? inSync : x));
  let syncCount = b.syncCount;
  if (p.bug === 'sync-count-unchecked') syncCount += inSync ? 1 : -1;
  else if (inSync && !was) syncCount += 1;
  else if (!inSync && was) syncCount -= 1;
  if (p.bug !== 'sync-count-unchecked') syncCount = countSet(sync);
  const bits: ReplicaBits = { ...b, ...recovery, sync, syncCount };
  return { ...log, bits, inSync: log.inSync || syncCount === p.regions };
}

/**
 * clog_is_remote_recovering (research §5.2). cmirrord answers {0, region_count} while its own
 * (node-local) recovery_halted is set and then skips the priority list (P7, seeded as
 * recovery-halted-local), so a presuspending server lets a write race another node's copy and
 * the replicas diverge; the fixed daemon answers from the replicated bits alone.
 */
function isRemoteRecovering(p: DmlogParams, log: DaemonLog, r: number): DaemonResult {
  const b = log.bits;
  if (log.recoveryHalted && p.bug === 'recovery-halted-local') return ok(log, [0, p.regions]);
  const outOfSync = !(b.sync[r] ?? true);
  // The fixed answer ignores recovery_halted: a write to an out-of-sync region waits for its
  // recovery even while this node suspends (the hang cmirrord's halted answer avoids: L5).
  const recovering = outOfSync || r === b.recoveringRegion;
  const hint = Math.max(0, b.syncSearch - 1);
  const queue = outOfSync && r !== b.recoveringRegion && !b.priority.includes(r);
  const next = queue ? { ...log, bits: { ...b, priority: [...b.priority, r] } } : log;
  return ok(next, [recovering ? 1 : 0, hint]);
}

/** The disk log after the server writes a replica's clean bits (header + bitmap). */
export function writeDisk(p: DmlogParams, log: DaemonLog): DiskLog {
  assert(log.bits.clean.length === p.regions, 'a replica has one clean bit per region');
  return { valid: true, failed: false, nrRegions: p.regions, clean: log.bits.clean };
}
