// Goal: pin how a captured dm-log datagram maps onto the dmlog model's delivery steps, so a change to the model's
// action or state shapes shows here first. Method: every delivery of a committed trace, written as the netlink bytes a
// capture holds and decoded back, is listed and must match its own step and no step that delivers something else.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  capturedActionPattern, capturedMatches, capturedOf, deliveredDatagram, describeCaptured, isCapturedStep, netlinkDatagramOf,
  type CapturedDatagram,
} from '../../../model/dmlog/capture.js';
import type { DmlogAction, DmlogState } from '../../../model/dmlog/index.js';
import { decodeDatagram, encodeDatagram } from '../../../model/dmlog/wire/index.js';
import { decodeTrace } from '../../../trace/index.js';
import { repoRoot } from '../../helpers/cli.js';

const trace = decodeTrace(readFileSync(join(repoRoot, 'traces/dmlog/lazy-flush-cancelled.trace.json')), 'trace');

interface Delivery {
  readonly step: number;
  readonly before: DmlogState;
  readonly action: DmlogAction;
  readonly captured: CapturedDatagram;
}

const deliveries: Delivery[] = trace.steps.flatMap((s, i) => {
  const before = (i === 0 ? trace.initial.state : trace.steps[i - 1]?.state) as DmlogState;
  const action = s.action as DmlogAction;
  const d = deliveredDatagram(before, action);
  if (d === undefined) return [];
  const back = decodeDatagram(encodeDatagram(netlinkDatagramOf(d)), { direction: d.kind === 'request' ? 'request' : 'reply' });
  if (!back.ok) throw new Error(`step ${i + 1}: ${back.message}`);
  return [{ step: i + 1, before, action, captured: capturedOf(back.value) }];
});

describe('a dm-log capture against the dmlog model', () => {
  it('each delivery of a committed trace, as its capture shows it', () => {
    // A v3 run with a daemon crash: the kernel's reconnect (CTR seq=1, answered with no data, and RESUME) is in it.
    expect(deliveries.map((d) => `${d.step} ${d.action.type}: ${describeCaptured(d.captured)}`)).toEqual([
      '2 DeliverRequest: request DM_ULOG_CTR seq=0',
      '3 DeliverReply: reply DM_ULOG_CTR seq=0',
      '5 DeliverRequest: request DM_ULOG_RESUME seq=0',
      '6 DeliverReply: reply DM_ULOG_RESUME seq=0',
      '9 DeliverRequest: request DM_ULOG_IS_REMOTE_RECOVERING seq=0 [0]',
      '10 DeliverReply: reply DM_ULOG_IS_REMOTE_RECOVERING seq=0 [0, 0]',
      '12 DeliverRequest: request DM_ULOG_IN_SYNC seq=0 [0]',
      '13 DeliverReply: reply DM_ULOG_IN_SYNC seq=0 [1]',
      '15 DeliverRequest: request DM_ULOG_FLUSH seq=0 [0]',
      '16 DeliverReply: reply DM_ULOG_FLUSH seq=0',
      '20 DeliverRequest: request DM_ULOG_CLEAR_REGION seq=0 [0]',
      '21 DeliverReply: reply ACK seq=0 errno=0',
      '26 DeliverRequest: request DM_ULOG_CTR seq=1',
      '27 DeliverReply: reply DM_ULOG_CTR seq=1',
      '28 DeliverRequest: request DM_ULOG_RESUME seq=1',
      '29 DeliverReply: reply DM_ULOG_RESUME seq=1',
      '30 DeliverRequest: request DM_ULOG_GET_RESYNC_WORK seq=0',
      '31 DeliverReply: reply DM_ULOG_GET_RESYNC_WORK seq=0 [1, 0]',
      '35 DeliverRequest: request DM_ULOG_SET_REGION_SYNC seq=0 [0, 1]',
      '36 DeliverReply: reply DM_ULOG_SET_REGION_SYNC seq=0',
      '38 DeliverRequest: request DM_ULOG_CLEAR_REGION seq=0 [0]',
      '39 DeliverReply: reply ACK seq=0 errno=0',
      '41 DeliverRequest: request DM_ULOG_GET_SYNC_COUNT seq=0',
      '42 DeliverReply: reply DM_ULOG_GET_SYNC_COUNT seq=0 [1]',
    ]);
  });

  it('a captured datagram is the delivery of its own step, and of no step that delivers another datagram', () => {
    for (const d of deliveries) {
      expect(capturedMatches(d.captured, d.before, d.action), `step ${d.step}`).toBe(true);
      expect(capturedActionPattern(d.captured)).toMatchObject({ type: d.action.type, node: 0 });
      for (const other of deliveries) {
        // seq is not compared (the model renumbers seqs), so the same datagram under another seq matches.
        const same = describeCaptured(other.captured).replace(/seq=\d+/, '') === describeCaptured(d.captured).replace(/seq=\d+/, '');
        if (!same) expect(capturedMatches(d.captured, other.before, other.action), `step ${d.step} at step ${other.step}`).toBe(false);
      }
    }
  });

  it('a payload word, an error or a type that differs is another datagram', () => {
    const resync = deliveries.find((d) => d.step === 31) as Delivery;
    expect(capturedMatches({ ...resync.captured, words: [1, 1] }, resync.before, resync.action)).toBe(false);
    expect(capturedMatches({ ...resync.captured, error: -22 }, resync.before, resync.action)).toBe(false);
    expect(capturedMatches({ ...resync.captured, requestType: 'DM_ULOG_IN_SYNC' }, resync.before, resync.action)).toBe(false);
    const ack = deliveries.find((d) => d.step === 21) as Delivery;
    expect(capturedMatches({ ...ack.captured, ack: 11 }, ack.before, ack.action)).toBe(false);
  });

  it('only deliveries to and from node 0 are steps a capture always shows', () => {
    const kinds = trace.steps.map((s) => [(s.action as DmlogAction).type, isCapturedStep(s.action as DmlogAction)] as const);
    for (const [type, shown] of kinds) expect(shown).toBe(type === 'DeliverRequest' || type === 'DeliverReply');
    expect(isCapturedStep({ type: 'DeliverRequest', node: 1, index: 0, requestType: 'DM_ULOG_CTR', seq: 0 })).toBe(false);
  });
});
