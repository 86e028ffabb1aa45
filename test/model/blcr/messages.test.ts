// Goal: BLCR's message hook draws what engineers draw: every ioctl between its caller and the kernel, CR_SIGNUM from the kernel to the thread it names, and no arrow for a step that is neither.
// Method: the charts of saved counterexamples (a checkpoint with signals and a restart), judged by each step's label (which names its CR_OP_ ioctl or CR_SIGNUM), not by the hook's own table.
import { describe, expect, it } from 'vitest';
import { corpusChart } from '../../helpers/corpus-chart.js';

describe('blcrMessage', () => {
  for (const file of ['blcr/live-count-race.trace.json', 'blcr/restart-signal-before-callbacks.trace.json']) {
    it(`draws ${file}: ioctls touch the kernel, signals go from it to their thread, other steps are no message`, () => {
      const steps = corpusChart(file);
      expect(steps.some((s) => s.arrow !== undefined)).toBe(true);
      for (const s of steps) {
        if (s.action.type === 'DeliverSignal') {
          expect(s.arrow, s.label).toEqual({ from: 'kernel', to: s.label.split(' ').pop(), lost: false });
        } else if (/\bCR_OP_/.test(s.label) && !['ChkptStep', 'RstrtRestore'].includes(s.action.type)) {
          expect([s.arrow?.from, s.arrow?.to].sort(), s.label).toEqual(['kernel', s.actor].sort());
        } else if (!['ChkptPoll', 'RstrtPoll'].includes(s.action.type)) {
          expect(s.arrow, s.label).toBeUndefined();
        }
      }
    });
  }
});
