/**
 * The userspace log server (LVM2 v2_03_39 cmirrord, functions.c do_request): how one replica
 * answers each request type. Pure: a replica and a request in, the new replica and the reply out.
 * Routing (local vs multicast) and the disk write are the caller's (channel.ts, cluster.ts).
 */
import type { DmlogParams } from './params.js';
import { ERRNO, type RequestType, type UlogMessage } from './requests.js';
import { assert } from '../../lib/index.js';
import type { DaemonLog, DiskLog, ReplicaBits } from './state.js';
import { clearRegions, countSet, getResyncWork, isRemoteRecovering, markRegions, setRegionSync } from './replica.js';
import { CTR_REPLY_TEXT, STATUS_TABLE_TEXT, statusInfoText } from './texts.js';

export { countSet } from './replica.js';

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

/** The value a boolean reply carries: 1, or with the seeded dm_bit bug the bit's power of two. */
function boolReply(p: DmlogParams, bit: boolean, region: number): number {
  if (!bit) return 0;
  return p.bug === 'dm-bit-power-of-two' ? 2 ** (region % 32) : 1;
}

/** The disk log as a master resume reads it: clean bits, or all dirty when the header is bad or the read fails. */
export function diskCleanBits(p: DmlogParams, disk: DiskLog): readonly boolean[] {
  return Array.from({ length: p.regions }, (_, r) => disk.valid && !disk.failed && r < disk.nrRegions && (disk.clean[r] ?? false));
}

/**
 * clog_resume: a master resume (resume_override 0) loads the clean bits from disk, sets
 * sync := clean and writes the log back; a resume after a checkpoint import (resume_override 3)
 * keeps the imported bits. A second resume before a suspend changes nothing but in_sync.
 */
export function resumeLog(p: DmlogParams, log: DaemonLog, disk: DiskLog): DaemonResult {
  if (log.state === 'resumed') return ok({ ...log, inSync: false });
  const clean = diskCleanBits(p, disk);
  const bits: ReplicaBits = log.imported ? log.bits : { ...log.bits, clean, sync: clean };
  const resumed: DaemonLog = {
    ...log, state: 'resumed', cpg: log.cpg === 'none' ? 'valid' : log.cpg, touched: log.imported ? log.touched : false,
    recoveryHalted: false, inSync: false, bits: { ...bits, syncCount: countSet(bits.sync), syncSearch: 0 },
  };
  return ok(resumed, [], '', !log.imported);
}

/** Request types cmirrord answers locally, never multicast (local.c do_local_work). */
export const LOCAL_TYPES: readonly RequestType[] = [
  'DM_ULOG_CTR', 'DM_ULOG_DTR', 'DM_ULOG_GET_REGION_SIZE', 'DM_ULOG_IN_SYNC', 'DM_ULOG_GET_SYNC_COUNT',
  'DM_ULOG_STATUS_TABLE', 'DM_ULOG_PRESUSPEND',
];

/** Requests whose handler also finds a pending log (get_pending_log), not only an official one. */
const PENDING_TYPES: readonly RequestType[] = ['DM_ULOG_DTR', 'DM_ULOG_RESUME', 'DM_ULOG_GET_REGION_SIZE', 'DM_ULOG_GET_SYNC_COUNT', 'DM_ULOG_STATUS_TABLE'];

/** Whether cmirrord finds the log a request names: pending or official, by request type. */
function finds(log: DaemonLog | null, msg: UlogMessage): log is DaemonLog {
  if (log === null || log.luid !== msg.luid) return false;
  return log.cpg !== 'none' || PENDING_TYPES.includes(msg.requestType);
}

/**
 * The answer for a log the daemon does not hold: cmirrord's get_log fails (-EINVAL) for a request
 * it answers locally, cluster_send finds no CPG (-ENOENT) for one it multicasts; the proposal
 * answers -ESRCH, which sends the kernel through its reconnect (CTR, RESUME, retry).
 */
export function unknownLogErrno(p: DmlogParams, type: RequestType): number {
  if (p.unknownLog === 'esrch') return ERRNO.ESRCH;
  return LOCAL_TYPES.includes(type) || type === 'DM_ULOG_RESUME' ? ERRNO.EINVAL : ERRNO.ENOENT;
}

/**
 * do_request for one replica. `originator` is the node whose kernel sent the request; `log` is
 * the replica's log for the request's uuid (null when there is none).
 */
export function handleRequest(p: DmlogParams, log: DaemonLog | null, msg: UlogMessage, originator: number, disk: DiskLog): DaemonResult {
  if (msg.requestType === 'DM_ULOG_CTR') return handleCtr(p, log, msg);
  if (!finds(log, msg)) return fail(log, unknownLogErrno(p, msg.requestType));
  const result = handleOnReplica(p, log, msg, originator, disk);
  // write_log fails on a failed log device: the request gets -EIO; clog_flush clears touched anyway.
  if (result.persist && disk.failed) return { ...result, error: -ERRNO.EIO, payload: [], persist: false };
  return result;
}

function handleOnReplica(p: DmlogParams, log: DaemonLog, msg: UlogMessage, originator: number, disk: DiskLog): DaemonResult {
  const r = msg.payload[0] ?? 0;
  const bits = log.bits;
  switch (msg.requestType) {
    case 'DM_ULOG_DTR': return ok(null);
    case 'DM_ULOG_RESUME': return resumeLog(p, log, disk);
    case 'DM_ULOG_PRESUSPEND': return ok({ ...log, recoveryHalted: true });
    case 'DM_ULOG_POSTSUSPEND': return ok(suspendedLog(log));
    case 'DM_ULOG_GET_REGION_SIZE': return ok(log, [1024]);
    case 'DM_ULOG_STATUS_INFO': return ok(log, [], statusInfoText(disk.failed));
    case 'DM_ULOG_STATUS_TABLE': return ok(log, [], STATUS_TABLE_TEXT);
    case 'DM_ULOG_GET_SYNC_COUNT': return ok(log, [bits.syncCount]);
    case 'DM_ULOG_IS_CLEAN': return ok(log, [boolReply(p, bits.clean[r] ?? false, r)]);
    // The sticky in_sync (LVM2 53670b18f5f5): once fully recovered, every region reads in sync.
    case 'DM_ULOG_IN_SYNC': return ok(log, [boolReply(p, (bits.sync[r] ?? false) || log.inSync, r)]);
    case 'DM_ULOG_MARK_REGION': return ok(markRegions(log, msg.payload, originator));
    case 'DM_ULOG_CLEAR_REGION': return ok(clearRegions(p, log, msg.payload, originator));
    case 'DM_ULOG_FLUSH': return flushLog(p, log, msg, originator);
    case 'DM_ULOG_GET_RESYNC_WORK': {
      const work = getResyncWork(p, log, originator);
      return ok(work.log, work.reply);
    }
    case 'DM_ULOG_SET_REGION_SYNC': return ok(setRegionSync(p, log, r, (msg.payload[1] ?? 0) !== 0));
    case 'DM_ULOG_IS_REMOTE_RECOVERING': {
      const answer = isRemoteRecovering(p, log, r);
      return ok(answer.log, answer.reply);
    }
    default: return fail(log, ERRNO.EINVAL);
  }
}

/** clog_postsuspend + cluster_postsuspend: the log leaves the group and goes back to the pending list (resume_override 0). */
function suspendedLog(log: DaemonLog): DaemonLog {
  return {
    ...log, state: 'pending', cpg: 'none', imported: false, startup: [], checkpointRequesters: [],
    bits: { ...log.bits, recoveringRegion: -1, recoverer: -1 },
  };
}

/**
 * clog_ctr: a new pending log, and the reply cmirrord builds for request version > 1 and a
 * clustered-disk log: the log device's name (even for the reconnect's CTR, unless the proposal's
 * ctrReply leaves it out). A CTR for a (uuid, luid) already held is refused with -EINVAL (cmirrord)
 * or, for a pending log, accepted again (the proposal).
 */
function handleCtr(p: DmlogParams, log: DaemonLog | null, msg: UlogMessage): DaemonResult {
  const reconnect = msg.text.endsWith('\u0000');
  const reply = p.ctrReply === 'empty-on-reconnect' && reconnect ? '' : CTR_REPLY_TEXT;
  if (log !== null) {
    const again = log.luid === msg.luid && log.state === 'pending' && log.cpg === 'none' && p.ctrExisting === 'idempotent';
    return again ? ok(log, [], reply) : fail(log, ERRNO.EINVAL);
  }
  return ok(newLog(p, msg.luid), [], reply);
}

/** clog_flush: (v3, proposal) mark the payload first; write if touched; touched is cleared even when the write fails. */
function flushLog(p: DmlogParams, log: DaemonLog, msg: UlogMessage, node: number): DaemonResult {
  const applyPayload = msg.payload.length > 0 && p.flushPayload === 'marks';
  const marked = applyPayload ? markRegions(log, msg.payload, node) : log;
  if (!marked.touched) return ok(marked);
  if (p.bug === 'reply-before-persist') return ok({ ...marked, touched: false, diskWritePending: true });
  return ok({ ...marked, touched: false }, [], '', true);
}

/**
 * The disk log after the server writes a replica's clean bits (header + bitmap). With a volatile
 * cache on the log device and no flush (cmirrord's O_DIRECT write), the stable copy lags behind.
 */
export function writeDisk(p: DmlogParams, disk: DiskLog, log: DaemonLog): DiskLog {
  assert(log.bits.clean.length === p.regions, 'a replica has one clean bit per region');
  const cached = p.logCache && p.logCacheFlush === 'none';
  const stable = cached ? disk.stable ?? disk.clean : null;
  return { valid: true, failed: false, nrRegions: p.regions, clean: log.bits.clean, stable };
}
