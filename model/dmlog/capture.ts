/**
 * A dm-log-userspace capture against the dmlog model: each datagram a capture shows is the
 * delivery of one of the model's datagrams, a request (kernel → cmirrord) the step
 * `DeliverRequest` and a reply or ACK (cmirrord → kernel) the step `DeliverReply`, on node 0 (a
 * capture is of one machine). A captured datagram matches a delivery when the delivered datagram
 * (found in the state the step is taken in, by the action's node and index) has its request type,
 * error and payload words (regions, flags, counts; or the ACK's errno).
 *
 * Not compared: seq (the model renumbers seqs canonically, see seq.ts, so a kernel's counter
 * names no model seq; the model itself ties a reply to its request, accepting only the reply to
 * the request it waits for), luid (a kernel pointer), the uuid, and text (a CTR's device names
 * and a STATUS reply's text are the machine's, not the model's).
 *
 * Written against the action and state shapes of model/dmlog today (DeliverRequest and
 * DeliverReply with `node` and `index`; `channels[n].toDaemon` / `toKernel`).
 */
import { CN_IDX_DM, CN_VAL_DM_USERSPACE_LOG, ENVELOPE_SIZE, NLMSG_DONE, encodeRequest, type UlogDatagram, type UlogPayload } from './wire/index.js';
import { requestTypeName, type Datagram, type RequestType } from './requests.js';
import { wireOf } from './render.js';
import type { DmlogAction } from './actions.js';
import type { DmlogState } from './state.js';

/** A datagram as a capture shows it, in the terms the model's datagrams use. */
export interface CapturedDatagram {
  /** `request`: kernel → daemon; `reply`: daemon → kernel (a full reply or an ACK). */
  readonly direction: 'request' | 'reply';
  readonly form: 'message' | 'ack';
  /** Undefined for an ACK, which carries no request. */
  readonly requestType?: RequestType;
  readonly seq: number;
  readonly error: number;
  /** The payload as the model's 64-bit words (regions, flags, counts). */
  readonly words: readonly number[];
  /** An ACK's positive errno (0: done). */
  readonly ack: number;
}

/** The captured form of a decoded datagram (netlink or ACK form). */
export function capturedOf(datagram: UlogDatagram): CapturedDatagram {
  if (datagram.form === 'ack') return { direction: datagram.direction, form: 'ack', seq: datagram.connector.seq, error: 0, words: [], ack: datagram.connector.ack };
  const r = datagram.request;
  return {
    direction: datagram.direction,
    form: 'message',
    requestType: requestTypeName(r.requestType & 0xff),
    seq: r.seq,
    error: r.error,
    words: wordsOf(r.payload),
    ack: 0,
  };
}

/** A wire payload as the model's words, in the order requests.ts gives them. */
function wordsOf(p: UlogPayload): number[] {
  switch (p.kind) {
    case 'region': return [Number(p.region)];
    case 'regions': return p.regions.map(Number);
    case 'region-sync': return [Number(p.region), p.inSync];
    case 'region-size': return [Number(p.regionSize)];
    case 'clean': return [p.clean];
    case 'in-sync': return [p.inSync];
    case 'resync-work': return [p.i, Number(p.r)];
    case 'sync-count': return [Number(p.syncCount)];
    case 'remote-recovering': return [p.isRecovering, Number(p.inSyncHint)];
    default: return [];
  }
}

/** The partial action a captured datagram is the delivery of (what a log line would say). */
export function capturedActionPattern(c: CapturedDatagram): { type: string; node: number; requestType?: RequestType } {
  const type = c.direction === 'request' ? 'DeliverRequest' : 'DeliverReply';
  return c.requestType === undefined ? { type, node: 0 } : { type, node: 0, requestType: c.requestType };
}

/** The datagram `action` delivers, in the state `before` it is taken in; undefined for any other step. */
export function deliveredDatagram(before: DmlogState, action: DmlogAction): Datagram | undefined {
  if (action.type !== 'DeliverRequest' && action.type !== 'DeliverReply') return undefined;
  const channel = before.channels[action.node];
  return (action.type === 'DeliverRequest' ? channel?.toDaemon : channel?.toKernel)?.[action.index];
}

const sameWords = (a: readonly number[], b: readonly number[]): boolean => a.length === b.length && a.every((w, i) => w === b[i]);

/** True when `action`, taken in `before`, delivers the datagram `c` shows. */
export function capturedMatches(c: CapturedDatagram, before: DmlogState, action: DmlogAction): boolean {
  if (action.type !== (c.direction === 'request' ? 'DeliverRequest' : 'DeliverReply') || action.node !== 0) return false;
  const d = deliveredDatagram(before, action);
  if (d === undefined) return false;
  if (c.form === 'ack') return d.kind === 'ack' && d.ack === c.ack;
  if (d.kind === 'ack' || d.msg.requestType !== c.requestType || d.msg.error !== c.error) return false;
  // A CTR carries text only (device names, the machine's own); a failed reply carries nothing.
  return c.requestType === 'DM_ULOG_CTR' || c.error !== 0 || sameWords(d.msg.payload, c.words);
}

/** Steps a capture of node 0 always shows: it never misses a delivery, so none is unlogged. */
export function isCapturedStep(action: DmlogAction): boolean {
  return (action.type === 'DeliverRequest' || action.type === 'DeliverReply') && action.node === 0;
}

/** `request DM_ULOG_MARK_REGION seq=7 [1]`: a captured datagram as people read it. */
export function describeCaptured(c: CapturedDatagram): string {
  if (c.form === 'ack') return `reply ACK seq=${c.seq} errno=${c.ack}`;
  const error = c.error === 0 ? '' : ` error=${c.error}`;
  const words = c.words.length > 0 ? ` [${c.words.join(', ')}]` : '';
  return `${c.direction} ${c.requestType ?? '?'} seq=${c.seq}${error}${words}`;
}

/** The pid cmirrord's replies carry in their netlink header, in captures sim writes. */
const DAEMON_PID = 4242;

/**
 * A model datagram as the netlink datagram the real kernel or cmirrord sends (nlmsghdr + cn_msg
 * + dm_ulog_request, or the ACK form), as research/dmlog.md §1.2 lays it out: the kernel's are
 * padded to 4 bytes and carry the seq in both headers, cmirrord's are unpadded with pid set.
 */
export function netlinkDatagramOf(d: Datagram): UlogDatagram {
  const header = { type: NLMSG_DONE, flags: 0 };
  const id = { idx: CN_IDX_DM, val: CN_VAL_DM_USERSPACE_LOG, flags: 0 };
  if (d.kind === 'ack') {
    return {
      form: 'ack', byteOrder: 'little', direction: 'reply',
      netlink: { ...header, len: ENVELOPE_SIZE, seq: 0, pid: DAEMON_PID, alignPad: '' },
      connector: { ...id, seq: d.seq, ack: d.ack, len: 0 },
    };
  }
  const bare = wireOf(d);
  if (bare === null || bare.form !== 'bare') throw new Error('a request or reply has a dm_ulog_request');
  const bodyBytes = encodeRequest(bare.request, true).length;
  const len = ENVELOPE_SIZE + bodyBytes;
  const fromKernel = d.kind === 'request';
  const pad = fromKernel ? '00'.repeat(((len + 3) & ~3) - len) : '';
  return {
    form: 'netlink', byteOrder: 'little', direction: bare.direction,
    netlink: { ...header, len, seq: fromKernel ? d.msg.seq : 0, pid: fromKernel ? 0 : DAEMON_PID, alignPad: pad },
    connector: { ...id, seq: fromKernel ? d.msg.seq : 0, ack: 0, len: bodyBytes },
    request: bare.request,
  };
}
