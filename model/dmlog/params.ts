/**
 * Parameters of the dmlog model: sizes, fault switches, the request version, and the seeded bug.
 * Defaults are small so that a full BFS completes in seconds.
 */
import type { ParamSpec, ParamValues } from '../contract.js';
import { BUG_NAMES, type BugName } from './bug-names.js';
import { DEPARTURE_PARAM_SPECS } from './departures.js';

/** Complete, validated parameters. */
export interface DmlogParams {
  /** Regions of the mirror (region_count). */
  readonly regions: number;
  /** Writes each node's kernel issues over the run. */
  readonly writes: number;
  /** Cluster nodes (each a kernel + cmirrord); the server is the lowest node id. */
  readonly nodes: number;
  /** The node whose kernel issues the writes (-1: every node), to keep cluster runs small. */
  readonly writerNode: number;
  /** Regions (from region 0 up) whose clean bit is 0 on disk at the start: an unclean shutdown. */
  readonly dirtyRegions: number;
  /** Extra suspend/resume cycles each kernel may do before the final suspend and DTR. */
  readonly suspends: number;
  /** Nodes, from node 0, whose device is finally suspended and removed (the others stay active), to keep cluster runs small. */
  readonly teardowns: number;
  /** Request version: 2 (MARK groups + empty FLUSH) or 3 (integrated flush: marks ride on FLUSH). */
  readonly version: number;
  /** Regions per MARK/CLEAR/FLUSH group (the kernel's MAX_FLUSH_GROUP_COUNT is 32). */
  readonly groupSize: number;
  /** IS_CLEAN and STATUS_INFO queries each kernel may issue (status ioctls). */
  readonly queries: number;
  /** Fault switches: datagram loss, duplication, delivery out of order. */
  readonly loss: boolean;
  readonly dup: boolean;
  readonly reorder: boolean;
  /** The daemon may crash (losing its memory) and be restarted. */
  readonly crash: boolean;
  /** A node may lose power (kernel and daemon memory; in-flight writes leave legs differing). */
  readonly powerFail: boolean;
  /** The log device may fail (disk log writes then fail with -EIO). */
  readonly diskFail: boolean;
  /** The kernel's 15 s timeout may fire early, while the answer is still on its way (a lost request always times out). */
  readonly timeout: boolean;
  /** The log device has a volatile write cache: a power failure loses what it has not written back (P8). */
  readonly logCache: boolean;
  /** Fault events (loss, duplication, crash, power failure, disk failure, early timeout) allowed in one run. */
  readonly faultsMax: number;
  /** The mirror table's handle_errors feature (LVM2 sets it when dmeventd monitors the mirror). */
  readonly handleErrors: boolean;
  // The switches of departures.ts: released behaviour or the model's proposal.
  readonly reconnectCtrBuffer: 'none' | 'name';
  readonly ctrReply: 'log-device' | 'empty-on-reconnect';
  readonly ctrExisting: 'einval' | 'idempotent';
  readonly reconnectRetry: 'request' | 'batch';
  readonly reconnectResumeFailure: 'esrch' | 'retry';
  readonly reconnectHint: 'kept' | 'reset';
  readonly reconnectPresuspend: 'none' | 'resent';
  readonly presuspendDrain: 'none' | 'writes';
  readonly unknownLog: 'einval-enoent' | 'esrch';
  readonly resyncRerequest: 'finished' | 'reassigned';
  readonly haltedAnswer: 'not-recovering' | 'recovering-region' | 'replicated';
  readonly importTouched: 'unchanged' | 'set';
  readonly flushPayload: 'ignored' | 'marks';
  readonly lazyFlushCancel: 'toggle' | 'keep';
  readonly logCacheFlush: 'none' | 'flush';
  readonly bug: BugName;
}

/** Declared parameters, as `sim list` prints them. */
export const DMLOG_PARAM_SPECS: readonly ParamSpec[] = [
  { name: 'regions', default: 2, min: 1, max: 8, description: 'regions of the mirror (region_count)' },
  { name: 'writes', default: 1, min: 0, max: 6, description: 'writes each node issues' },
  { name: 'nodes', default: 1, min: 1, max: 3, description: 'cluster nodes; server = lowest id' },
  { name: 'writerNode', default: -1, min: -1, max: 2, description: 'the node that issues writes (-1: every node)' },
  { name: 'dirtyRegions', default: 1, min: 0, max: 8, description: 'regions dirty on disk at start (need resync)' },
  { name: 'suspends', default: 0, min: 0, max: 3, description: 'extra suspend/resume cycles per kernel' },
  { name: 'teardowns', default: 3, min: 0, max: 3, description: 'nodes (from 0) whose device is finally suspended and removed' },
  { name: 'version', default: 2, values: [2, 3], description: 'request version; 3 = integrated flush' },
  { name: 'groupSize', default: 32, min: 1, max: 32, description: 'regions per MARK/CLEAR/FLUSH group' },
  { name: 'queries', default: 0, min: 0, max: 3, description: 'IS_CLEAN/STATUS_INFO queries per kernel' },
  { name: 'loss', default: true, description: 'datagrams may be lost' },
  { name: 'dup', default: false, description: 'datagrams may be duplicated' },
  { name: 'reorder', default: false, description: 'datagrams may be delivered out of order' },
  { name: 'crash', default: true, description: 'the daemon may crash and restart' },
  { name: 'powerFail', default: false, description: 'a node may lose power (kernel + daemon)' },
  { name: 'diskFail', default: false, description: 'the log device may fail (writes get -EIO)' },
  { name: 'timeout', default: true, description: 'the 15 s timeout may fire before a slow answer arrives' },
  { name: 'logCache', default: false, description: 'the log device caches writes volatilely (lost on power failure)' },
  { name: 'faultsMax', default: 1, min: 0, max: 4, description: 'fault events allowed per run' },
  { name: 'handleErrors', default: true, description: 'the mirror table has handle_errors (hold writes after a log failure)' },
  ...DEPARTURE_PARAM_SPECS,
  { name: 'bug', default: 'none', values: ['none', ...BUG_NAMES], description: 'seeded bug' },
];

/** The defaults as a record. */
export const DMLOG_DEFAULTS: ParamValues = Object.fromEntries(DMLOG_PARAM_SPECS.map((p) => [p.name, p.default]));

/** Fill defaults and validate; throws on an unknown key or a bad value. */
export function resolveDmlogParams(partial: ParamValues): DmlogParams {
  const known = new Set(DMLOG_PARAM_SPECS.map((p) => p.name));
  for (const key of Object.keys(partial)) {
    if (!known.has(key)) throw new Error(`dmlog: unknown parameter ${key} (known: ${[...known].join(', ')})`);
  }
  const merged: ParamValues = { ...DMLOG_DEFAULTS, ...partial };
  for (const spec of DMLOG_PARAM_SPECS) {
    const value = merged[spec.name];
    if (typeof value !== typeof spec.default) {
      throw new Error(`dmlog: parameter ${spec.name} must be a ${typeof spec.default}`);
    }
    if (typeof value === 'number') {
      if (!Number.isInteger(value)) throw new Error(`dmlog: parameter ${spec.name} must be an integer`);
      if (spec.min !== undefined && value < spec.min) throw new Error(`dmlog: ${spec.name} must be >= ${spec.min}`);
      if (spec.max !== undefined && value > spec.max) throw new Error(`dmlog: ${spec.name} must be <= ${spec.max}`);
    }
    if (spec.values !== undefined && !spec.values.includes(value as string | number)) {
      throw new Error(`dmlog: ${spec.name} must be one of ${spec.values.join(', ')}`);
    }
  }
  return merged as unknown as DmlogParams;
}
