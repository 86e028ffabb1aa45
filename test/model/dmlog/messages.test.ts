// Goal: dmlog's message hook draws netlink as engineers do: each request from kernelN to daemonN, each reply back, a lost datagram cut short in its direction, and nothing else as a message.
// Method: the hook on hand-made actions of each kind; the chart of a saved counterexample, whose deliveries must be arrows between their node's kernel and daemon and whose other steps none.
import { describe, expect, it } from 'vitest';
import { dmlogMessage } from '../../../model/dmlog/messages.js';
import { corpusChart } from '../../helpers/corpus-chart.js';

const datagram = { node: 1, index: 0, requestType: 'DM_ULOG_FLUSH' as const, seq: 4 };

describe('dmlogMessage', () => {
  it('sends requests from the kernel to the daemon of their node, replies back, and loses either on the way', () => {
    expect(dmlogMessage({ type: 'DeliverRequest', ...datagram })).toEqual({ from: 'kernel1', to: 'daemon1' });
    expect(dmlogMessage({ type: 'DeliverReply', ...datagram })).toEqual({ from: 'daemon1', to: 'kernel1' });
    expect(dmlogMessage({ type: 'LoseDatagram', dir: 'toDaemon', ...datagram })).toEqual({ from: 'kernel1', to: 'daemon1', lost: true });
    expect(dmlogMessage({ type: 'LoseDatagram', dir: 'toKernel', ...datagram })).toEqual({ from: 'daemon1', to: 'kernel1', lost: true });
    expect(dmlogMessage({ type: 'DuplicateDatagram', dir: 'toDaemon', ...datagram })).toBeUndefined();
    expect(dmlogMessage({ type: 'FlushLog', node: 1 })).toBeUndefined();
    expect(dmlogMessage({ type: 'DiskFail' })).toBeUndefined();
  });

  it('draws a saved counterexample\'s deliveries as arrows between kernel and daemon, and its other steps on their lifelines', () => {
    const steps = corpusChart('dmlog/unknown-log-einval.trace.json');
    expect(steps.some((s) => s.action.type === 'DeliverRequest')).toBe(true);
    for (const s of steps) {
      const n = s.action.node;
      const expected = s.action.type === 'DeliverRequest' ? { from: `kernel${n}`, to: `daemon${n}`, lost: false }
        : s.action.type === 'DeliverReply' ? { from: `daemon${n}`, to: `kernel${n}`, lost: false } : undefined;
      expect(s.arrow, s.label).toEqual(expected);
    }
  });
});
