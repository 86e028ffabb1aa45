/**
 * Canonical seqs. The kernel's dm_ulog_seq only ever grows, but nothing depends on its value
 * except equality (matching) and freshness, so renumbering the seqs present in a state to
 * 0..k-1 (order kept) and the counter to k is a bisimulation. It keeps polling loops
 * (GET_RESYNC_WORK, GET_SYNC_COUNT, IS_REMOTE_RECOVERING retries, resends) finite for the checker.
 */
import type { Datagram, UlogMessage } from './requests.js';
import type { CpgMessage, DmlogState, KernelNode, Waiter } from './state.js';

function collect(s: DmlogState): number[] {
  const seqs: number[] = [];
  for (const k of s.kernels) {
    if (k.waiter !== null) {
      seqs.push(k.waiter.request.seq);
      if (k.waiter.original !== null) seqs.push(k.waiter.original.seq);
    }
  }
  for (const c of s.channels) for (const d of [...c.toDaemon, ...c.toKernel]) seqs.push(d.kind === 'ack' ? d.seq : d.msg.seq);
  for (const m of s.cluster.queue) if (m.kind === 'request') seqs.push(m.msg.seq);
  for (const d of s.daemons) for (const e of d.log?.startup ?? []) if ('msg' in e) seqs.push(e.msg.seq);
  return [...new Set(seqs)].sort((a, b) => a - b);
}

/** The state with its seqs renumbered densely from 0 in their original order. */
export function canonicalSeqs(s: DmlogState): DmlogState {
  const seqs = collect(s);
  if (seqs.length === s.seq && seqs.every((v, i) => v === i)) return s;
  const rank = (v: number): number => seqs.indexOf(v);
  const msg = (m: UlogMessage): UlogMessage => (m.seq === rank(m.seq) ? m : { ...m, seq: rank(m.seq) });
  const datagram = (d: Datagram): Datagram => (d.kind === 'ack' ? { ...d, seq: rank(d.seq) } : { ...d, msg: msg(d.msg) });
  const waiter = (w: Waiter | null): Waiter | null =>
    w === null ? null : { ...w, request: msg(w.request), original: w.original === null ? null : msg(w.original) };
  const kernel = (k: KernelNode): KernelNode => (k.waiter === null ? k : { ...k, waiter: waiter(k.waiter) });
  const cpg = (m: CpgMessage): CpgMessage => (m.kind === 'request' ? { ...m, msg: msg(m.msg) } : m);
  return {
    ...s,
    seq: seqs.length,
    kernels: s.kernels.map(kernel),
    channels: s.channels.map((c) => ({ toDaemon: c.toDaemon.map(datagram), toKernel: c.toKernel.map(datagram) })),
    cluster: { ...s.cluster, queue: s.cluster.queue.map(cpg) },
    daemons: s.daemons.map((d) => (d.log === null || d.log.startup.length === 0 ? d
      : { ...d, log: { ...d.log, startup: d.log.startup.map((e) => ('msg' in e ? { ...e, msg: msg(e.msg) } : e)) } })),
  };
}
