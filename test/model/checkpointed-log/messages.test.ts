// Goal: the flagship's message hook draws both protocols of the lost dirty bit: netlink between kernel0 and daemon0, and the BLCR ioctls between their callers and the BLCR kernel module (lifeline `blcr`).
// Method: the chart of the saved lost-dirty-bit counterexample, each step judged by its side and type.
import { describe, expect, it } from 'vitest';
import { corpusChart } from '../../helpers/corpus-chart.js';

describe('checkpointedLogMessage', () => {
  it('draws the lost dirty bit: requests and replies over netlink, the checkpoint and restart through BLCR', () => {
    const steps = corpusChart('checkpointed-log/lost-dirty-bit.trace.json');
    const blcrSide = steps.filter((s) => s.action.side === 'blcr');
    expect(blcrSide.map((s) => s.action.type)).toEqual(['ChkptReq', 'ChkptCallback', 'HandChkpt', 'HandDone', 'RstrtReq', 'RstrtChild']);
    for (const s of blcrSide) {
      if (s.action.type === 'HandChkpt') expect(s.arrow, s.label).toBeUndefined();
      else expect([s.arrow?.from, s.arrow?.to].sort(), s.label).toEqual(['blcr', s.actor].sort());
    }
    for (const s of steps.filter((x) => x.action.side === 'log')) {
      const expected = s.action.type === 'DeliverRequest' ? { from: 'kernel0', to: 'daemon0', lost: false }
        : s.action.type === 'DeliverReply' ? { from: 'daemon0', to: 'kernel0', lost: false } : undefined;
      expect(s.arrow, s.label).toEqual(expected);
    }
  });
});
