/**
 * How the coordinator keeps the workers' levels in step: one level over all workers (passing
 * states from busy workers to idle ones, pausing them all to grow the shared table), then the
 * next level's shares evened out.
 */
import { SharedFingerprintTable } from '../store/shared-table.js';
import { DONATE, PAUSE, type FromWorker, type ToWorker } from './protocol.js';
import type { StateBatch } from './state-batch.js';
import { batchLength } from './state-batch.js';
import type { WorkerPool } from './worker-pool.js';

export type LevelReply = Extract<FromWorker, { type: 'level' }>;

/** Why the level ended early and the search runs again in one thread (see coordinator.ts). */
export interface Rerun {
  rerun: 'event' | 'full';
  error?: Error;
}

/**
 * One level over the workers: the last reply of each, once all are done; or why the level ended
 * early. A worker that finishes its share while others run asks (through the DONATE flag) for half
 * of what one of them has left; the table grows when every worker has paused or finished
 * (`grow`); `spent` says whether the memory budget is.
 */
export async function runLevel(pool: WorkerPool, control: Int32Array, depth: number, grow: () => Promise<void>, spent: () => boolean): Promise<LevelReply[] | Rerun | 'memory'> {
  Atomics.store(control, DONATE, 0);
  const last: LevelReply[] = [];
  const running = new Map<number, Promise<[number, LevelReply]>>();
  const send = (w: number, msg: ToWorker): void => {
    running.set(w, pool.request(w, msg).then((r) => [w, r as LevelReply]));
  };
  for (let w = 0; w < pool.size; w++) send(w, { type: 'level', depth });
  const idle: number[] = [];
  const paused: number[] = [];
  // States given away and not yet taken by an idle worker.
  const spare: StateBatch[] = [];
  while (running.size > 0) {
    const [w, reply] = await Promise.race(running.values());
    running.delete(w);
    last[w] = reply;
    if (reply.outcome === 'event' || reply.outcome === 'full') return { rerun: reply.outcome };
    if (reply.outcome === 'memory' || spent()) return 'memory';
    if (reply.outcome === 'donated') {
      spare.push(reply.donated as StateBatch);
      send(w, { type: 'resume' });
    } else if (reply.outcome === 'paused') paused.push(w);
    else if (reply.outcome === 'done') idle.push(w);
    if (running.size === 0 && paused.length > 0) {
      await grow();
      Atomics.store(control, PAUSE, 0);
      for (const p of paused.splice(0)) send(p, { type: 'resume' });
    }
    while (idle.length > 0 && spare.length > 0) send(idle.shift() as number, { type: 'help', states: spare.shift() as StateBatch });
    // An idle worker and one at work: ask the one at work to share what it has left.
    Atomics.store(control, DONATE, idle.length > 0 && running.size > 0 ? 1 : 0);
  }
  return last;
}

/**
 * Moves states from the workers with more than their share of the next level to those with less.
 * A worker keeps the new states it added first, so a worker that runs ahead (warmed up sooner, or
 * given more of the processor) gets more, and with more states it would stay ahead.
 */
export async function evenOut(pool: WorkerPool, shares: number[]): Promise<void> {
  const total = shares.reduce((a, b) => a + b, 0);
  const fair = shares.map((_, w) => Math.floor(total / shares.length) + (w < total % shares.length ? 1 : 0));
  if (Math.max(...shares) - Math.min(...shares) < Math.max(64, total / (20 * shares.length))) return;
  const given = await Promise.all(shares.map((n, w) => (n > fair[w]! ? pool.request(w, { type: 'give', count: n - fair[w]! }) : undefined)));
  const batches = given.flatMap((g) => (g ? [(g as Extract<FromWorker, { type: 'given' }>).states] : []));
  // Each batch goes whole to one short worker: the shortest first, largest batches first.
  const short = shares.map((n, w) => ({ w, need: fair[w]! - n })).filter((x) => x.need > 0);
  const takes: Promise<FromWorker>[] = [];
  for (const states of batches.sort((a, b) => batchLength(b) - batchLength(a))) {
    const to = short.reduce((best, x) => (x.need > best.need ? x : best));
    to.need -= batchLength(states);
    takes.push(pool.request(to.w, { type: 'take', states }));
  }
  await Promise.all(takes);
}

/**
 * A table half as large again (or more, to be at most half full), filled by all workers at once.
 * Most of a grow is the first touch of the new table's pages, not the moving: at rm=9, 357 of the
 * last grow's 460 ms were spent filling its 116 MB once.
 */
export async function grown(pool: WorkerPool, table: SharedFingerprintTable, states: number): Promise<SharedFingerprintTable> {
  const bigger = SharedFingerprintTable.create(Math.max(Math.ceil(table.capacity * 1.5), Math.ceil(states / 0.5)));
  await pool.all(() => ({ type: 'rehash', bigger: bigger.buffer }));
  return bigger;
}
