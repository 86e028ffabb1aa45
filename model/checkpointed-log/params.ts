/**
 * Parameters of the checkpointed-log model: the dmlog sizes it passes through, the BLCR budget,
 * and the seeded bug. Defaults are small so that `sim check` (this is the default model) ends in
 * seconds.
 */
import type { ParamSpec, ParamValues } from '../contract.js';
import { DEPARTURES, resolveDmlogParams, type Departure, type DmlogParams } from '../dmlog/index.js';

/** dmlog's departures the flagship's fixes are made of, passed through under the same names. */
export const PASSED_TO_DMLOG = ['unknownLog', 'ctrReply', 'ctrExisting', 'reconnectRetry', 'flushPayload'] as const;

/** Seeded bugs: the fix taken apart, and the freeze broken. */
export const BUG_NAMES = ['lost-dirty-bit', 'restart-without-reload', 'reload-without-remark', 'serve-while-frozen'] as const;
export type BugName = (typeof BUG_NAMES)[number];

export interface CkptLogParams {
  readonly regions: number;
  readonly writes: number;
  readonly dirtyRegions: number;
  readonly version: number;
  /** BLCR checkpoints of the daemon per run. */
  readonly checkpoints: number;
  readonly loss: boolean;
  readonly timeout: boolean;
  readonly faultsMax: number;
  /** stock: cmirrord with no BLCR callbacks; blcr-aware: a restart callback reopens the netlink socket. */
  readonly daemon: 'stock' | 'blcr-aware';
  /** What the blcr-aware restart callback does with the logs the image holds. */
  readonly restoredLogs: 'keep' | 'reload' | 'drop';
  readonly bug: 'none' | BugName;
  /** The dmlog parameters of the log side. */
  readonly dmlog: DmlogParams;
}

export const CKPT_LOG_PARAM_SPECS: readonly ParamSpec[] = [
  { name: 'regions', default: 1, min: 1, max: 4, description: 'regions of the mirror' },
  { name: 'writes', default: 1, min: 0, max: 3, description: 'writes the kernel issues' },
  { name: 'dirtyRegions', default: 0, min: 0, max: 4, description: 'regions dirty on disk at start (need resync)' },
  { name: 'version', default: 2, values: [2, 3], description: 'dm-ulog request version; 3 = integrated flush' },
  { name: 'checkpoints', default: 1, min: 0, max: 2, description: 'BLCR checkpoints of the daemon per run' },
  { name: 'loss', default: false, description: 'netlink datagrams may be lost' },
  { name: 'timeout', default: false, description: 'the 15 s timeout may fire early (a lost request always times out)' },
  { name: 'faultsMax', default: 1, min: 0, max: 3, description: 'fault events (daemon crash, loss, early timeout) per run' },
  { name: 'daemon', default: 'blcr-aware', values: ['stock', 'blcr-aware'], description: 'the restored daemon: stock (no callbacks: BLCR restores no socket, so it is deaf) or blcr-aware (its restart callback reopens the netlink socket)' },
  { name: 'restoredLogs', default: 'drop', values: ['keep', 'reload', 'drop'], description: 'blcr-aware restart callback: keep the logs the image holds, reload their bits from the disk log, or drop them (the kernel then reconnects)' },
  ...PASSED_TO_DMLOG.map((name) => {
    const d = DEPARTURES.find((x) => x.name === name) as Departure;
    return { name, default: d.proposal, values: d.values, description: `dmlog ${d.side}: ${d.description} (released: ${d.real})` };
  }),
  { name: 'bug', default: 'none', values: ['none', ...BUG_NAMES], description: 'seeded bug (the fix taken apart, or the freeze broken); none = the proposal: restored logs dropped, -ESRCH, no CTR reply data, the kernel re-sends its batch' },
];

export const CKPT_LOG_DEFAULTS: ParamValues = Object.fromEntries(CKPT_LOG_PARAM_SPECS.map((p) => [p.name, p.default]));

/** Fill defaults and validate; throws on an unknown key or a bad value. */
export function resolveCkptLogParams(partial: ParamValues): CkptLogParams {
  const known = new Set(CKPT_LOG_PARAM_SPECS.map((p) => p.name));
  for (const key of Object.keys(partial)) {
    if (!known.has(key)) throw new Error(`checkpointed-log: unknown parameter ${key} (known: ${[...known].join(', ')})`);
  }
  const v: ParamValues = { ...CKPT_LOG_DEFAULTS, ...partial };
  for (const spec of CKPT_LOG_PARAM_SPECS) {
    const value = v[spec.name];
    if (typeof value !== typeof spec.default) throw new Error(`checkpointed-log: parameter ${spec.name} must be a ${typeof spec.default}`);
    if (typeof value === 'number') {
      if (!Number.isInteger(value)) throw new Error(`checkpointed-log: parameter ${spec.name} must be an integer`);
      if (spec.min !== undefined && value < spec.min) throw new Error(`checkpointed-log: ${spec.name} must be >= ${spec.min}`);
      if (spec.max !== undefined && value > spec.max) throw new Error(`checkpointed-log: ${spec.name} must be <= ${spec.max}`);
    }
    if (spec.values !== undefined && !spec.values.includes(value as string | number)) {
      throw new Error(`checkpointed-log: ${spec.name} must be one of ${spec.values.join(', ')}`);
    }
  }
  const n = (k: string): number => v[k] as number;
  const b = (k: string): boolean => v[k] as boolean;
  const dmlog = resolveDmlogParams({
    regions: n('regions'), writes: n('writes'), nodes: 1, dirtyRegions: Math.min(n('dirtyRegions'), n('regions')),
    suspends: 0, version: n('version'), queries: 0, loss: b('loss'), dup: false, reorder: false, crash: true,
    powerFail: false, diskFail: false, timeout: b('timeout'), faultsMax: n('faultsMax'), bug: 'none',
    ...Object.fromEntries(PASSED_TO_DMLOG.map((k) => [k, v[k] as string])),
  });
  return {
    regions: n('regions'), writes: n('writes'), dirtyRegions: n('dirtyRegions'), version: n('version'),
    checkpoints: n('checkpoints'), loss: b('loss'), timeout: b('timeout'), faultsMax: n('faultsMax'),
    daemon: v.daemon as CkptLogParams['daemon'], restoredLogs: v.restoredLogs as CkptLogParams['restoredLogs'],
    bug: v.bug as CkptLogParams['bug'], dmlog,
  };
}
