/**
 * userspace_flush (Linux v6.6 dm-log-userspace-base.c, research §2.4): steal mark_list and
 * clear_list; send the clears in groups (flush_by_group), then the marks as MARK groups and one
 * empty FLUSH (request version 2) or as FLUSH-with-payload groups (version 3, integrated flush).
 * A failed MARK or CLEAR group falls back to one region per request (flush_one_by_one, the failed
 * group included); a failed integrated FLUSH stops the flush. Any failure drops the stolen
 * entries and fails the log.
 */
import type { DmlogParams } from './params.js';
import type { RequestType } from './requests.js';
import { assert } from '../../lib/index.js';
import { kernelOf, withKernel, type DmlogState, type FlushProgress, type KernelNode, type Write } from './state.js';
import { transmit, type Outgoing } from './kernel.js';

/** Steal the lists and send the first request, or finish at once when both are empty. */
export function startFlush(p: DmlogParams, s: DmlogState, n: number): DmlogState {
  const k = kernelOf(s, n);
  const writes = k.writes.map((w) => (w.stage === 'marked' ? { ...w, stage: 'flushing' as const } : w));
  const stolen: KernelNode = { ...k, writes, markList: [], clearList: [] };
  if (k.markList.length === 0 && k.clearList.length === 0) return finishFlush(p, withKernel(s, n, stolen), n, true);
  const firstStage = p.bug === 'marks-before-clears' ? 'mark' : 'clear';
  const flush: FlushProgress = { clears: k.clearList, marks: k.markList, stage: firstStage, oneByOne: false, group: [], batchClears: k.clearList, batchMarks: k.markList };
  return sendFlushStep(p, withKernel(s, n, { ...stolen, flush }), n);
}

/** The proposal's retry after a reconnect: the restarted daemon lost the batch's CLEARs and MARKs, so send it all again. */
export function restartBatch(p: DmlogParams, s: DmlogState, n: number): DmlogState {
  const k = kernelOf(s, n);
  const f = k.flush;
  assert(f !== null, 'a batch restart needs the flush in progress');
  const stage = p.bug === 'marks-before-clears' ? 'mark' as const : 'clear' as const;
  return sendFlushStep(p, withKernel(s, n, { ...k, flush: { ...f, clears: f.batchClears, marks: f.batchMarks, stage, oneByOne: false, group: [] } }), n);
}

/** Send the next group of the current stage, moving on to the next stage when it is empty. */
export function sendFlushStep(p: DmlogParams, s: DmlogState, n: number): DmlogState {
  const k = kernelOf(s, n);
  const f = k.flush;
  assert(f !== null, 'a flush step needs a flush in progress');
  const marksFirst = p.bug === 'marks-before-clears';
  const next = (stage: FlushProgress['stage']) => sendFlushStep(p, withKernel(s, n, { ...k, flush: { ...f, stage, oneByOne: false } }), n);
  if (f.stage === 'clear') {
    if (f.clears.length > 0) return sendGroup(p, s, n, 'DM_ULOG_CLEAR_REGION', f.clears, f.oneByOne);
    if (!marksFirst) return next('mark');
    return p.version === 3 ? finishFlush(p, s, n, true) : next('flush');
  }
  if (f.stage === 'mark') {
    const type: RequestType = p.version === 3 ? 'DM_ULOG_FLUSH' : 'DM_ULOG_MARK_REGION';
    if (f.marks.length > 0) return sendGroup(p, s, n, type, f.marks, f.oneByOne);
    if (marksFirst) return next('clear');
    return p.version === 3 ? finishFlush(p, s, n, true) : next('flush');
  }
  const out: Outgoing = { op: 'flush', region: -1, write: -1, type: 'DM_ULOG_FLUSH', payload: [], text: '' };
  return transmit(p, withKernel(s, n, { ...k, flush: { ...f, group: [] } }), n, out);
}

function sendGroup(p: DmlogParams, s: DmlogState, n: number, type: RequestType, list: readonly number[], oneByOne: boolean): DmlogState {
  const k = kernelOf(s, n);
  const f = k.flush;
  assert(f !== null, 'sending a group needs a flush');
  const group = list.slice(0, oneByOne ? 1 : p.groupSize);
  const out: Outgoing = { op: 'flush', region: -1, write: -1, type, payload: group, text: '' };
  return transmit(p, withKernel(s, n, { ...k, flush: { ...f, group } }), n, out);
}

/** The reply to a flush request: drop the group and go on; on error fall back one by one, or fail. */
export function flushGroupDone(p: DmlogParams, s: DmlogState, n: number, error: number): DmlogState {
  const k = kernelOf(s, n);
  const f = k.flush;
  assert(f !== null, 'a flush reply needs a flush');
  if (error !== 0) {
    const integrated = f.stage === 'mark' && p.version === 3;
    const grouped = f.stage !== 'flush' && !f.oneByOne && !integrated;
    if (grouped) return sendFlushStep(p, withKernel(s, n, { ...k, flush: { ...f, oneByOne: true } }), n);
    return finishFlush(p, s, n, false);
  }
  if (f.stage === 'flush') return finishFlush(p, s, n, true);
  const drop = (list: readonly number[]): readonly number[] => list.slice(f.group.length);
  const flush = f.stage === 'clear' ? { ...f, clears: drop(f.clears), group: [] } : { ...f, marks: drop(f.marks), group: [] };
  return sendFlushStep(p, withKernel(s, n, { ...k, flush }), n);
}

/**
 * End of userspace_flush. On success the writes waiting for it may be dispatched and (v3) a
 * clear-only batch schedules the lazy FLUSH or cancels a scheduled one (the §2.4 quirk); on
 * failure the entries are dropped, the log has failed, and with handle_errors the writes are held.
 */
function finishFlush(p: DmlogParams, s: DmlogState, n: number, ok: boolean): DmlogState {
  const k = kernelOf(s, n);
  const f = k.flush;
  const batch = f !== null && (f.batchMarks.length > 0 || f.batchClears.length > 0);
  // A clear-only batch schedules the lazy FLUSH; mainline cancels it instead when one is already
  // scheduled (sched_flush set), the proposal keeps it. A batch with marks was flushed: cancel.
  const clearOnly = f !== null && f.batchMarks.length === 0;
  const scheduled = clearOnly && (p.lazyFlushCancel === 'keep' || !k.lazyFlush);
  const lazyFlush = ok && p.version === 3 && batch ? scheduled : k.lazyFlush;
  const logFailed = k.logFailed || !ok;
  const target: Write['stage'] = !logFailed || !p.handleErrors ? 'flushed' : 'held';
  const writes = k.writes.map((w) => (w.stage === 'flushing' ? { ...w, stage: target } : w));
  return withKernel(s, n, { ...k, writes, flush: null, logFailed, lazyFlush });
}
