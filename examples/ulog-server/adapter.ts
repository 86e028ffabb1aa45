/**
 * The adapter that drives server.ts with the dmlog model's runs, in bytes:
 *
 *   sim drive --adapter examples/ulog-server/adapter.ts --seeds 1..100
 *   sim drive --adapter examples/ulog-server/adapter.ts --adapter-param defect=flush-before-write
 *
 * A DeliverRequest step hands the server the datagram the model delivers, encoded with the wire
 * codec as the kernel sends it; the server's reply bytes are decoded back. DaemonCrash and
 * DaemonRestart crash and restart the server, PowerFail does both, DiskFail fails its log
 * device; every other step is the kernel's or the network's, which the server does not see.
 * `projection` is the one place that knows the model's field names (see its comment).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Adapter, StepContext } from '../../conformance/index.js';
import { capturedOf, deliveredDatagram, netlinkDatagramOf } from '../../model/dmlog/capture.js';
import type { DmlogAction, DmlogState } from '../../model/dmlog/index.js';
import { decodeDatagram, encodeDatagram } from '../../model/dmlog/wire/index.js';
import { decodeDisk, DiskLog, encodeDisk } from './disk-log.js';
import { DEFECTS, UlogServer, type Defect } from './server.js';

/** The model these runs come from, and the configuration the server implements: one node. */
export const model = 'dmlog';
export const modelParams = { nodes: 1 };

/** The server's last reply, as the model's channel holds a reply: where it sits, and what it says. */
interface Reply {
  readonly at: number;
  readonly datagram: unknown;
}

/**
 * The server's state in the model's terms. Reads these fields of DmlogState: `daemons[0]` (`up`;
 * `log`: `luid`, `state`, `touched`, `recoveryHalted`, `inSync`, `bits.clean`, `bits.sync`,
 * `bits.syncCount`, `bits.marks`, `bits.recoveringRegion`, `bits.recoverer`, `bits.syncSearch`,
 * `bits.priority`), `disk` (`valid`, `failed`, `nrRegions`, `clean`), and after a delivery
 * `channels[0].toKernel` (the reply's `kind`, its `ack`, or its `msg.requestType`, `error`,
 * `payload`, and the CTR's `text`; the elements before it match anything, `{}`).
 */
export function projection(server: UlogServer, disk: DiskLog, reply: Reply | undefined): unknown {
  const lc = server.contexts[0];
  const log = lc === undefined ? null : {
    luid: Number(lc.luid), state: lc.state, touched: lc.touched, recoveryHalted: lc.recoveryHalted, inSync: lc.inSync,
    bits: {
      clean: lc.clean, sync: lc.sync, syncCount: lc.syncCount, marks: lc.marks,
      recoveringRegion: lc.recoveringRegion, recoverer: lc.recoverer, syncSearch: lc.syncSearch, priority: lc.priority,
    },
  };
  const onDisk = decodeDisk(readFileSync(disk.path));
  return {
    daemons: [{ up: server.up, log }],
    disk: { valid: onDisk.valid, failed: disk.hasFailed, nrRegions: onDisk.nrRegions, clean: onDisk.clean },
    ...(reply === undefined ? {} : { channels: [{ toKernel: [...Array.from({ length: reply.at }, () => ({})), reply.datagram] }] }),
  };
}

/** A reply's bytes as the model writes a reply datagram (seq aside: the model renumbers seqs). */
function modelReply(bytes: Uint8Array): unknown {
  const decoded = decodeDatagram(bytes, { direction: 'reply' });
  if (!decoded.ok) return { unreadable: decoded.message };
  const c = capturedOf(decoded.value);
  if (c.form === 'ack') return { kind: 'ack', ack: c.ack };
  const text = decoded.value.form === 'netlink' && decoded.value.request.payload.kind === 'log-device' ? { text: `${decoded.value.request.payload.logDevice}\0` } : {};
  return { kind: 'reply', msg: { requestType: c.requestType, error: c.error, payload: c.words, ...text } };
}

export default function ulogServerAdapter(options: { adapterParams?: Record<string, string> } = {}): Adapter<DmlogState, DmlogAction> {
  const defect = (options.adapterParams?.defect ?? 'none') as Defect;
  if (!DEFECTS.includes(defect)) throw new Error(`defect must be one of ${DEFECTS.join(', ')}; got '${defect}'`);
  const dir = mkdtempSync(join(tmpdir(), 'ulog-server-'));
  const path = join(dir, 'disk-log');
  let disk = new DiskLog(path);
  let server = new UlogServer({ diskFor: () => disk, defect });
  let reply: Reply | undefined;
  return {
    reset(initial: DmlogState): void {
      // The disk the daemon finds: what the model's initial state says an earlier run left.
      writeFileSync(path, encodeDisk(initial.disk));
      disk = new DiskLog(path);
      server = new UlogServer({ diskFor: () => disk, defect });
      reply = undefined;
    },
    step(action: DmlogAction, { state, next }: StepContext<DmlogState>): void {
      reply = undefined;
      if (action.type === 'DeliverRequest' && action.node === 0) {
        const request = deliveredDatagram(state, action);
        if (request === undefined) throw new Error(`step ${action.type} names no datagram`);
        const answers = server.handle(encodeDatagram(netlinkDatagramOf(request)));
        const queue = next.channels[0]?.toKernel ?? [];
        if (answers.length > 0) reply = { at: queue.length - answers.length, datagram: modelReply(answers[answers.length - 1] as Uint8Array) };
      } else if (action.type === 'DaemonCrash') {
        server.crash();
      } else if (action.type === 'PowerFail') {
        // The node reboots: the daemon's memory is gone and it is started again.
        server.crash();
        server.restart();
      } else if (action.type === 'DaemonRestart') {
        server.restart();
      } else if (action.type === 'DiskFail') {
        disk.fail();
      }
    },
    observe: () => projection(server, disk, reply),
    close: () => rmSync(dir, { recursive: true, force: true }),
  };
}
