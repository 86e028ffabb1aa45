/**
 * What cmirrord (LVM2 v2_03_39 daemons/cmirrord/functions.c) does to one replica's bits for the
 * requests that change them: mark_region, clear_region, clog_get_resync_work,
 * clog_set_region_sync, clog_is_remote_recovering. Pure: a log in, a log (and reply words) out.
 */
import type { DmlogParams } from './params.js';
import type { DaemonLog, MarkEntry, ReplicaBits } from './state.js';

/** popcount of a bitmap. */
export function countSet(bits: readonly boolean[]): number {
  return bits.filter((b) => b).length;
}

function sortMarks(marks: readonly MarkEntry[]): readonly MarkEntry[] {
  return [...marks].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
}

/** clog_mark_region: add (r, node) entries; the region is dirty in memory. */
export function markRegions(log: DaemonLog, regions: readonly number[], node: number): DaemonLog {
  let marks: readonly MarkEntry[] = log.bits.marks;
  let clean = log.bits.clean;
  for (const r of regions) {
    if (!marks.some(([mr, mn]) => mr === r && mn === node)) marks = sortMarks([...marks, [r, node]]);
    clean = clean.map((c, i) => (i === r ? false : c));
  }
  return { ...log, touched: true, bits: { ...log.bits, marks, clean } };
}

/** clog_clear_region: drop (r, node); clean only when no node holds a mark and the region is in sync. */
export function clearRegions(p: DmlogParams, log: DaemonLog, regions: readonly number[], node: number): DaemonLog {
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

/** clog_get_resync_work (research §5.3): at most one region under recovery per log; the reply is {i, r}. */
export function getResyncWork(p: DmlogParams, log: DaemonLog, node: number): { log: DaemonLog; reply: readonly number[] } {
  const b = log.bits;
  const none = { log, reply: [0, 0] };
  const rerequest = b.recoveringRegion !== -1 && b.recoverer === node;
  // cmirrord tests sync_search first: a recoverer re-asking for the last region (its reply lost or
  // timed out) hears "recovery finished"; the proposal hands it its region again.
  if (rerequest && p.resyncRerequest === 'reassigned') return { log, reply: [1, b.recoveringRegion] };
  if (b.syncSearch >= p.regions) return none;
  if (b.recoveringRegion !== -1) return rerequest ? { log, reply: [1, b.recoveringRegion] } : none;
  const assign = (r: number, bits: ReplicaBits) => ({ log: { ...log, bits: { ...bits, recoveringRegion: r, recoverer: node } }, reply: [1, r] });
  let priority = b.priority;
  while (priority.length > 0) {
    const r = priority[0] ?? 0;
    priority = priority.slice(1);
    if (!(b.sync[r] ?? true)) return assign(r, { ...b, priority });
  }
  const r = b.sync.findIndex((inSync, i) => i >= b.syncSearch && !inSync);
  if (r === -1) return { log: { ...log, bits: { ...b, priority, syncSearch: p.regions + 1 } }, reply: [0, 0] };
  return assign(r, { ...b, priority, syncSearch: r + 1 });
}

/** clog_set_region_sync, with its sync_count check against the bitmap. */
export function setRegionSync(p: DmlogParams, log: DaemonLog, r: number, inSync: boolean): DaemonLog {
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
 * clog_is_remote_recovering (research §5.2): the reply {is_recovering, in_sync_hint}. An
 * out-of-sync region other than recovering_region goes to the head of the priority list. While
 * this replica's node-local recovery_halted is set, cmirrord answers {0, region_count} and, since
 * is_recovering is 0, pushes nothing, so halted and running replicas diverge and writers are told
 * nothing is recovering (P7). `recovering-region` answers "recovering" for recovering_region only
 * while halted (the push from the replicated bits); `replicated` ignores recovery_halted.
 */
export function isRemoteRecovering(p: DmlogParams, log: DaemonLog, r: number): { log: DaemonLog; reply: readonly number[] } {
  const b = log.bits;
  const outOfSync = !(b.sync[r] ?? true);
  const halted = log.recoveryHalted && p.haltedAnswer !== 'replicated';
  const real = p.haltedAnswer === 'not-recovering';
  const recovering = !halted ? outOfSync : !real && r === b.recoveringRegion;
  const reply = [recovering ? 1 : 0, halted && real ? p.regions : Math.max(0, b.syncSearch - 1)];
  const wanted = real ? recovering : outOfSync;
  const push = wanted && r !== b.recoveringRegion && !b.priority.includes(r);
  return { log: push ? { ...log, bits: { ...b, priority: [r, ...b.priority] } } : log, reply };
}
