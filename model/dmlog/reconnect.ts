/**
 * userspace_do_request's -ESRCH loop (Linux v6.6 dm-log-userspace-base.c): while no daemon
 * listens, sleep 2 s and send DM_ULOG_CTR with the saved constructor string and no reply buffer
 * until one succeeds; then DM_ULOG_RESUME; if that succeeds, `goto retry` the one request that
 * failed, else return -ESRCH. The switches of departures.ts give the proposal's variants.
 * (The kernel's reply capacity for the reconnect's CTR is applied in channel.ts, fill_pkg.)
 */
import type { DmlogParams } from './params.js';
import { ERRNO, type UlogMessage } from './requests.js';
import { assert } from '../../lib/index.js';
import { kernelOf, withKernel, woken, type DmlogState, type Waiter } from './state.js';
import { completeRequest, DIRECT_OPS, transmit, type Outgoing } from './kernel.js';
import { restartBatch } from './flush.js';
import { savedCtrString } from './texts.js';

function waiterOf(s: DmlogState, n: number): Waiter {
  const waiter = kernelOf(s, n).waiter;
  assert(waiter !== null, 'the reconnect loop needs a waiter');
  return waiter;
}

function withWaiter(s: DmlogState, n: number, waiter: Waiter): DmlogState {
  return withKernel(s, n, { ...kernelOf(s, n), waiter });
}

/** Back to the 2 s sleep before the next CTR. */
function sleep(s: DmlogState, n: number): DmlogState {
  return withWaiter(s, n, { ...waiterOf(s, n), reconnect: 'sleeping' });
}

/** -ESRCH for a request sent through userspace_do_request: the loop begins with the request to retry. */
export function startReconnect(s: DmlogState, n: number): DmlogState {
  const waiter = waiterOf(s, n);
  return withWaiter(s, n, { ...waiter, reconnect: 'sleeping', original: waiter.request });
}

/** cn_netlink_send returned -ESRCH (no listener): what the waiter's step makes of it. */
export function sendFailedNoListener(p: DmlogParams, s: DmlogState, n: number): DmlogState {
  const waiter = waiterOf(s, n);
  if (waiter.reconnect === 'ctr') return sleep(s, n);
  if (waiter.reconnect !== 'none') return reconnectFailed(p, s, n, -ERRNO.ESRCH);
  if (DIRECT_OPS.includes(waiter.op)) return completeRequest(p, s, n, -ERRNO.ESRCH, [], '');
  return startReconnect(s, n);
}

/** The 2 s sleep ends: DM_ULOG_CTR with the saved string, NUL included. */
export function reconnect(p: DmlogParams, s: DmlogState, n: number): DmlogState {
  const waiter = waiterOf(s, n);
  assert(waiter.reconnect === 'sleeping', 'reconnect needs a sleeping waiter');
  return transmit(p, s, n, stepRequest(waiter, 'DM_ULOG_CTR', savedCtrString(p)), 'ctr', waiter.original);
}

function stepRequest(waiter: Waiter, type: 'DM_ULOG_CTR' | 'DM_ULOG_RESUME' | 'DM_ULOG_PRESUSPEND', text = ''): Outgoing {
  return { op: waiter.op, region: waiter.region, write: waiter.write, type, payload: [], text };
}

/** The reply capacity of the reconnect's CTR: 0 in mainline (rdata NULL), DM_NAME_LEN with the kernel-side proposal. */
export function reconnectCtrCapacity(p: DmlogParams): number {
  return p.reconnectCtrBuffer === 'name' ? 128 : 0;
}

/** A reply to a step of the loop arrived (its error may be -ENOSPC from fill_pkg). */
export function reconnectStepDone(p: DmlogParams, s: DmlogState, n: number, error: number): DmlogState {
  const waiter = waiterOf(s, n);
  if (waiter.reconnect === 'ctr') {
    if (error !== 0) return sleep(s, n);
    return transmit(p, s, n, stepRequest(waiter, 'DM_ULOG_RESUME'), 'resume', waiter.original);
  }
  if (error !== 0) return reconnectFailed(p, s, n, error);
  if (waiter.reconnect !== 'resume') return retry(p, s, n);
  // The pass that met -ESRCH goes on (to do_recovery, or a later write wakes kmirrord): the
  // reloaded log is asked for resync work again, unless mainline's in_sync_hint says all are in
  // sync. The proposal redoes what userspace_resume (in_sync_hint := 0) and userspace_presuspend did.
  const k = kernelOf(s, n);
  const reset = withKernel(s, n, woken(p.reconnectHint === 'reset' ? { ...k, inSyncHint: 0 } : k));
  if (k.phase !== 'presuspended' || p.reconnectPresuspend === 'none') return retry(p, reset, n);
  return transmit(p, reset, n, stepRequest(waiter, 'DM_ULOG_PRESUSPEND'), 'presuspend', waiter.original);
}

/**
 * The reconnect's RESUME (or the proposal's PRESUSPEND) failed. Mainline returns -ESRCH to the
 * caller (IN_SYNC then reads 0, a flush fails). The proposal sleeps and sends CTR again when the
 * daemon is gone again (-ESRCH), and returns any other error as it is.
 */
function reconnectFailed(p: DmlogParams, s: DmlogState, n: number, error: number): DmlogState {
  if (p.reconnectResumeFailure === 'retry' && error === -ERRNO.ESRCH) return sleep(s, n);
  const returned = p.reconnectResumeFailure === 'retry' ? error : -ERRNO.ESRCH;
  return completeRequest(p, withWaiter(s, n, { ...waiterOf(s, n), reconnect: 'none' }), n, returned, [], '');
}

/** `goto retry`: the request that met -ESRCH again, or (proposal) the whole stolen flush batch. */
function retry(p: DmlogParams, s: DmlogState, n: number): DmlogState {
  const waiter = waiterOf(s, n);
  const original: UlogMessage | null = waiter.original;
  assert(original !== null, 'a reconnect keeps the original request');
  if (waiter.op === 'flush' && p.reconnectRetry === 'batch') return restartBatch(p, withKernel(s, n, { ...kernelOf(s, n), waiter: null }), n);
  const out: Outgoing = { op: waiter.op, region: waiter.region, write: waiter.write, type: original.requestType, payload: original.payload, text: original.text };
  return transmit(p, s, n, out);
}
