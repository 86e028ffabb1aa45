/**
 * A single-node userspace dirty-log server: it answers the kernel's `dm_ulog_request` datagrams
 * (netlink + connector + request bytes) with reply datagrams, as LVM2's cmirrord does for one node
 * (daemons/cmirrord/functions.c and local.c read for behaviour; this is not its code). Per log: the
 * clean and in-sync bits, the mark list, the region under recovery, the disk log as a file
 * (disk-log.ts). It does what the dmlog model proposes where that departs from cmirrord (its
 * bug=none; model/dmlog/README.md lists the departures): a request for a log it does not hold, or
 * holds only pending (after CTR or POSTSUSPEND) when the request needs a resumed one, is answered
 * -ESRCH (cmirrord: -EINVAL or -ENOENT), so the kernel reconnects; a repeated CTR of a pending log
 * is a no-op; the reconnect's CTR (its string carries the NUL) is answered with no data; a
 * recoverer asking again for resync work is handed its region again; a writer's out-of-sync
 * region goes to the head of the recovery queue whether or not recovery is halted.
 *
 * `defect: 'flush-before-write'` plants a bug for `sim drive` to find: FLUSH replies before its
 * disk write, which happens when the next request comes: the kernel may then dispatch a write
 * whose mark is not yet durable (the dmlog model's seeded bug reply-before-persist; cmirrord's
 * clog_flush writes the disk log before it replies).
 */
import {
  CN_IDX_DM, CN_VAL_DM_USERSPACE_LOG, ENVELOPE_SIZE, NLMSG_DONE, ULOG_HEADER_SIZE, decodeDatagram, encodeDatagram, encodePayload,
  requestTypeName, type RequestTypeName, type UlogPayload, type UlogRequest,
} from '../../model/dmlog/wire/index.js';
import type { DiskLog } from './disk-log.js';

export const DEFECTS = ['none', 'flush-before-write'] as const;
export type Defect = (typeof DEFECTS)[number];

const EINVAL = 22;
const ESRCH = 3;
const EIO = 5;

/** One log (cmirrord's struct log_c), by its uuid. */
export interface LogContext {
  readonly uuid: string;
  readonly luid: bigint;
  readonly logDevice: string;
  readonly regionSize: number;
  readonly regionCount: number;
  readonly disk: DiskLog;
  state: 'pending' | 'resumed';
  clean: boolean[];
  sync: boolean[];
  syncCount: number;
  /** (region, node) entries, sorted. */
  marks: [number, number][];
  recoveringRegion: number;
  recoverer: number;
  syncSearch: number;
  /** Regions a writer waits for, to be recovered first. */
  priority: number[];
  touched: boolean;
  recoveryHalted: boolean;
  inSync: boolean;
}

export interface ServerOptions {
  /** The disk log of a log device named in a CTR (`253:2`). */
  readonly diskFor: (logDevice: string) => DiskLog;
  readonly defect?: Defect;
  /** The pid replies carry in their netlink header. */
  readonly pid?: number;
}

interface Result {
  readonly error: number;
  readonly payload: UlogPayload;
}

const EMPTY: UlogPayload = { kind: 'empty' };
const ok = (payload: UlogPayload = EMPTY): Result => ({ error: 0, payload });
const failure = (errno: number): Result => ({ error: -errno, payload: EMPTY });
/** This server is node 0: the only node, so the one that holds every mark and recovers every region. */
const NODE = 0;

/** Requests that find a pending log too (cmirrord's get_pending_log); the rest need a resumed one. */
const PENDING_TYPES: readonly RequestTypeName[] = ['DM_ULOG_DTR', 'DM_ULOG_RESUME', 'DM_ULOG_GET_REGION_SIZE', 'DM_ULOG_GET_SYNC_COUNT', 'DM_ULOG_STATUS_TABLE'];

export class UlogServer {
  private readonly logs = new Map<string, LogContext>();
  private running = true;
  /** With the flush-before-write defect: a FLUSH's disk write, not done yet. */
  private lateWrite: (() => void) | undefined;

  constructor(private readonly options: ServerOptions) {}

  /** Subscribed and answering (a crashed server is not). */
  get up(): boolean {
    return this.running;
  }

  /** The logs it holds, in the order they were constructed. */
  get contexts(): readonly LogContext[] {
    return [...this.logs.values()];
  }

  /** The process dies: every log in memory is lost, the disk log stays. */
  crash(): void {
    this.logs.clear();
    this.running = false;
    this.lateWrite = undefined;
  }

  /** Started again, with no logs. */
  restart(): void {
    this.running = true;
  }

  /** The reply datagrams to one request datagram: an ACK for CLEAR_REGION, else one reply; none for what it cannot read. */
  handle(bytes: Uint8Array): Uint8Array[] {
    if (!this.running) return [];
    this.lateWrite?.();
    this.lateWrite = undefined;
    const decoded = decodeDatagram(bytes, { direction: 'request' });
    if (!decoded.ok || decoded.value.form !== 'netlink') return [];
    const { request, connector } = decoded.value;
    const type = requestTypeName(request.requestType & 0xff);
    if (type === undefined) return [];
    // cmirrord acknowledges a CLEAR at once and handles it after; errors are never reported.
    if (type === 'DM_ULOG_CLEAR_REGION') {
      this.execute(request, type);
      return [this.ack(connector.seq)];
    }
    return [this.reply(request, this.execute(request, type))];
  }

  private execute(rq: UlogRequest, type: RequestTypeName): Result {
    if (type === 'DM_ULOG_CTR') return this.construct(rq);
    const lc = this.logs.get(rq.uuid);
    if (lc === undefined || lc.luid !== rq.luid || (lc.state !== 'resumed' && !PENDING_TYPES.includes(type))) return failure(ESRCH);
    switch (type) {
      case 'DM_ULOG_DTR': this.logs.delete(rq.uuid); return ok();
      case 'DM_ULOG_RESUME': return this.resume(lc);
      case 'DM_ULOG_PRESUSPEND': lc.recoveryHalted = true; return ok();
      case 'DM_ULOG_POSTSUSPEND':
        lc.state = 'pending';
        lc.recoveringRegion = -1;
        lc.recoverer = -1;
        return ok();
      case 'DM_ULOG_GET_REGION_SIZE': return ok({ kind: 'region-size', regionSize: BigInt(lc.regionSize) });
      case 'DM_ULOG_STATUS_INFO': return ok({ kind: 'text', text: `1 ${lc.logDevice} ${lc.syncCount}/${lc.regionCount}` });
      case 'DM_ULOG_STATUS_TABLE': return ok({ kind: 'text', text: `clustered-disk 4 ${lc.logDevice} ${lc.regionSize} block_on_error` });
      case 'DM_ULOG_GET_SYNC_COUNT': return ok({ kind: 'sync-count', syncCount: BigInt(lc.syncCount) });
      default: break;
    }
    const region = rq.payload.kind === 'region' || rq.payload.kind === 'region-sync' ? Number(rq.payload.region) : -1;
    const regions = rq.payload.kind === 'regions' ? rq.payload.regions.map(Number) : [];
    switch (type) {
      case 'DM_ULOG_IS_CLEAN': return ok({ kind: 'clean', clean: lc.clean[region] ? 1 : 0 });
      // Sticky once the whole mirror has been in sync (LVM2 53670b18f5f5).
      case 'DM_ULOG_IN_SYNC': return ok({ kind: 'in-sync', inSync: lc.sync[region] || lc.inSync ? 1 : 0 });
      case 'DM_ULOG_MARK_REGION': this.mark(lc, regions); return ok();
      case 'DM_ULOG_CLEAR_REGION': this.clear(lc, regions); return ok();
      case 'DM_ULOG_FLUSH': return this.flush(lc, regions);
      case 'DM_ULOG_GET_RESYNC_WORK': return this.resyncWork(lc);
      case 'DM_ULOG_SET_REGION_SYNC': this.setRegionSync(lc, region, rq.payload.kind === 'region-sync' && rq.payload.inSync === 1); return ok();
      case 'DM_ULOG_IS_REMOTE_RECOVERING': return this.remoteRecovering(lc, region);
      default: return failure(EINVAL);
    }
  }

  /** CTR `<sectors> clustered-disk [<argc>] <log device> <region size> [sync|nosync] [block_on_error]`: a pending log. */
  private construct(rq: UlogRequest): Result {
    // The reconnect's CTR passes the kernel no reply buffer: the log device's name would be -ENOSPC.
    const reconnect = rq.payload.kind === 'ctr-args' && rq.payload.nulTerminated;
    const answer = (logDevice: string): Result => ok(reconnect ? EMPTY : { kind: 'log-device', logDevice });
    const existing = this.logs.get(rq.uuid);
    if (existing !== undefined) return existing.luid === rq.luid && existing.state === 'pending' ? answer(existing.logDevice) : failure(EINVAL);
    const words = rq.payload.kind === 'ctr-args' ? rq.payload.args.split(' ') : [];
    const [sectorsText, type, ...rest] = words;
    const args = /^\d+$/.test(rest[0] ?? '') && rest.length > 2 ? rest.slice(1) : rest;
    const sectors = Number(sectorsText);
    const regionSize = Number(args[1]);
    if (type !== 'clustered-disk' || args[0] === undefined || !Number.isInteger(sectors) || sectors <= 0 || !Number.isInteger(regionSize) || regionSize <= 0) return failure(EINVAL);
    const regionCount = Math.ceil(sectors / regionSize);
    const none = (): boolean[] => Array.from({ length: regionCount }, () => false);
    this.logs.set(rq.uuid, {
      uuid: rq.uuid, luid: rq.luid, logDevice: args[0], regionSize, regionCount, disk: this.options.diskFor(args[0]),
      state: 'pending', clean: none(), sync: none(), syncCount: 0, marks: [], recoveringRegion: -1, recoverer: -1,
      syncSearch: 0, priority: [], touched: false, recoveryHalted: false, inSync: false,
    });
    return answer(args[0]);
  }

  /**
   * A resume on one node is a master resume: the clean bits come from disk (all dirty when it
   * cannot be read), sync := clean, written back (-EIO on a failed device, the log resumed all the
   * same). A second resume changes nothing but in_sync.
   */
  private resume(lc: LogContext): Result {
    if (lc.state === 'resumed') {
      lc.inSync = false;
      return ok();
    }
    const disk = lc.disk.read();
    lc.clean = Array.from({ length: lc.regionCount }, (_, r) => disk !== undefined && disk.valid && r < disk.nrRegions && disk.clean[r] === true);
    lc.sync = [...lc.clean];
    lc.syncCount = lc.sync.filter(Boolean).length;
    lc.state = 'resumed';
    lc.syncSearch = 0;
    lc.recoveringRegion = -1;
    lc.recoverer = -1;
    lc.priority = [];
    lc.touched = false;
    lc.recoveryHalted = false;
    lc.inSync = false;
    try {
      lc.disk.write(lc.clean);
    } catch {
      return failure(EIO);
    }
    return ok();
  }

  private mark(lc: LogContext, regions: readonly number[]): void {
    for (const r of regions) {
      if (!lc.marks.some(([mr, mn]) => mr === r && mn === NODE)) lc.marks = [...lc.marks, [r, NODE] as [number, number]].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
      lc.clean[r] = false;
    }
    lc.touched = true;
  }

  private clear(lc: LogContext, regions: readonly number[]): void {
    for (const r of regions) {
      lc.marks = lc.marks.filter(([mr, mn]) => !(mr === r && mn === NODE));
      const unmarked = !lc.marks.some(([mr]) => mr === r);
      if (unmarked && lc.sync[r] === true) lc.clean[r] = true;
    }
    lc.touched = true;
  }

  /** Marks carried by a v3 FLUSH first; then, if anything changed, the clean bits to disk before the reply (touched is cleared even when that fails). */
  private flush(lc: LogContext, regions: readonly number[]): Result {
    if (regions.length > 0) this.mark(lc, regions);
    if (!lc.touched) return ok();
    if (this.options.defect === 'flush-before-write') {
      const clean = [...lc.clean];
      lc.touched = false;
      this.lateWrite = () => lc.disk.write(clean);
      return ok();
    }
    lc.touched = false;
    try {
      lc.disk.write(lc.clean);
    } catch {
      return failure(EIO);
    }
    return ok();
  }

  /**
   * One region under recovery at a time: the one already assigned (to its recoverer asking again,
   * whose reply was lost, even past the end of the search), else a waiting writer's, else the next
   * out of sync.
   */
  private resyncWork(lc: LogContext): Result {
    const work = (r: number): Result => ok({ kind: 'resync-work', i: 1, r: BigInt(r) });
    const none = ok({ kind: 'resync-work', i: 0, r: 0n });
    if (lc.recoveringRegion !== -1) return lc.recoverer === NODE ? work(lc.recoveringRegion) : none;
    if (lc.syncSearch >= lc.regionCount) return none;
    const assign = (r: number): Result => {
      lc.recoveringRegion = r;
      lc.recoverer = NODE;
      return work(r);
    };
    while (lc.priority.length > 0) {
      const r = lc.priority.shift() as number;
      if (lc.sync[r] === false) return assign(r);
    }
    const r = lc.sync.findIndex((inSync, i) => i >= lc.syncSearch && !inSync);
    if (r === -1) {
      lc.syncSearch = lc.regionCount + 1;
      return none;
    }
    lc.syncSearch = r + 1;
    return assign(r);
  }

  private setRegionSync(lc: LogContext, r: number, inSync: boolean): void {
    lc.recoveringRegion = -1;
    lc.recoverer = -1;
    lc.sync[r] = inSync;
    lc.syncCount = lc.sync.filter(Boolean).length;
    lc.inSync = lc.inSync || lc.syncCount === lc.regionCount;
  }

  /** A write to an out-of-sync region must wait; the region goes to the front of the queue. */
  private remoteRecovering(lc: LogContext, r: number): Result {
    const outOfSync = lc.sync[r] !== true;
    if (outOfSync && r !== lc.recoveringRegion && !lc.priority.includes(r)) lc.priority.unshift(r);
    const hint = BigInt(Math.max(0, lc.syncSearch - 1));
    return ok({ kind: 'remote-recovering', isRecovering: outOfSync ? 1 : 0, inSyncHint: hint });
  }

  /** A full reply: the request's header with the error and the data (none with an error). */
  private reply(rq: UlogRequest, result: Result): Uint8Array {
    const payload = result.error === 0 ? result.payload : EMPTY;
    const dataSize = encodePayload(payload, true).length;
    const len = ENVELOPE_SIZE + ULOG_HEADER_SIZE + dataSize;
    return encodeDatagram({
      form: 'netlink', byteOrder: 'little', direction: 'reply',
      netlink: { len, type: NLMSG_DONE, flags: 0, seq: 0, pid: this.options.pid ?? 0, alignPad: '' },
      connector: { idx: CN_IDX_DM, val: CN_VAL_DM_USERSPACE_LOG, seq: 0, ack: 0, len: ULOG_HEADER_SIZE + dataSize, flags: 0 },
      request: { ...rq, error: result.error, dataSize, payload },
    });
  }

  /** The ACK form: a connector message with no data, its seq the request's, ack 0 (done). */
  private ack(seq: number): Uint8Array {
    return encodeDatagram({
      form: 'ack', byteOrder: 'little', direction: 'reply',
      netlink: { len: ENVELOPE_SIZE, type: NLMSG_DONE, flags: 0, seq: 0, pid: this.options.pid ?? 0, alignPad: '' },
      connector: { idx: CN_IDX_DM, val: CN_VAL_DM_USERSPACE_LOG, seq, ack: 0, len: 0, flags: 0 },
    });
  }
}
