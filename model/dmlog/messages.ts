/**
 * The dmlog steps that are messages, for the sequence chart of `--html` reports: netlink carries
 * each dm_ulog_request from the kernel's mirror log (dm-log-userspace) to the daemon (cmirrord),
 * and each reply back; the step that loses a datagram is that message cut short. Everything else
 * (the kernel's own work, the daemon's disk writes, crashes, the cluster's CPG) is an event on
 * its actor's lifeline.
 */
import type { StepMessage } from '../contract.js';
import type { DmlogAction } from './actions.js';

export function dmlogMessage(a: DmlogAction): StepMessage | undefined {
  switch (a.type) {
    case 'DeliverRequest': return { from: `kernel${a.node}`, to: `daemon${a.node}` };
    case 'DeliverReply': return { from: `daemon${a.node}`, to: `kernel${a.node}` };
    case 'LoseDatagram':
      return a.dir === 'toDaemon'
        ? { from: `kernel${a.node}`, to: `daemon${a.node}`, lost: true }
        : { from: `daemon${a.node}`, to: `kernel${a.node}`, lost: true };
    default: return undefined;
  }
}
