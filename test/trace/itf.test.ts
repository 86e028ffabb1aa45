// Goal: the ITF export is what Apalache and Quint read: #meta, vars, one state per trace state with #meta.index, integers as #bigint.
// Method: export the TwoPhase counterexample and a synthetic simulator trace; check the shape and every value's encoding.
import { describe, expect, it } from 'vitest';
import { ITF_ACTION_VAR, toItf } from '../../trace/index.js';
import { itfValue } from '../../trace/itf.js';
import { syntheticTrace, twophaseCounterexample } from '../helpers/traces.js';

/** An ITF value: boolean, string, {#bigint}, list, or record of ITF values (no raw numbers or null). */
function isItfValue(v: unknown): boolean {
  if (typeof v === 'boolean' || typeof v === 'string') return true;
  if (Array.isArray(v)) return v.every(isItfValue);
  if (v === null || typeof v !== 'object') return false;
  const keys = Object.keys(v);
  if (keys.length === 1 && keys[0] === '#bigint') return /^-?\d+$/.test((v as { '#bigint': unknown })['#bigint'] as string);
  if (keys.length === 1 && keys[0] === '#unserializable') return true;
  return Object.values(v).every(isItfValue);
}

describe('toItf', () => {
  it('writes the TwoPhase counterexample as an ITF trace with the action taken into each state', () => {
    const trace = twophaseCounterexample();
    const itf = JSON.parse(JSON.stringify(toItf(trace, 'twophase.trace.json')));
    expect(itf['#meta']).toMatchObject({ format: 'ITF', source: 'twophase.trace.json', status: 'violation', verdict: { name: 'TCConsistent', step: 3 } });
    expect(itf.vars).toEqual(['msgs', 'rmState', 'tmPrepared', 'tmState', ITF_ACTION_VAR]);
    expect(itf.states).toHaveLength(4);
    itf.states.forEach((s: Record<string, unknown>, k: number) => {
      expect(s['#meta']).toMatchObject({ index: k });
      expect(Object.keys(s).filter((key) => key !== '#meta').sort()).toEqual([...itf.vars].sort());
      for (const v of itf.vars) expect(isItfValue(s[v]), `${k}.${v}`).toBe(true);
    });
    expect(itf.states.map((s: Record<string, unknown>) => s[ITF_ACTION_VAR])).toEqual(['init', 'TMCommit', 'RMChooseToAbort(rm1)', 'RMRcvCommitMsg(rm2)']);
    expect(itf.states[3].rmState).toEqual(['aborted', 'committed', 'working']);
    expect(itf.states[1]['#meta']).toMatchObject({ action: { type: 'TMCommit' }, actor: 'TM' });
  });

  it('encodes integers as #bigint, lists as arrays, records as objects, and what ITF lacks as #unserializable', () => {
    expect(itfValue({ n: 3, list: [0, -2], big: 2 ** 53 - 1, ok: true, s: 'x' })).toEqual({
      big: { '#bigint': '9007199254740991' }, list: [{ '#bigint': '0' }, { '#bigint': '-2' }], n: { '#bigint': '3' }, ok: true, s: 'x',
    });
    expect(itfValue(1.5)).toEqual({ '#unserializable': '1.5' });
    expect(itfValue(null)).toEqual({ '#unserializable': 'null' });
  });

  it('keeps simulator times in #meta and wraps a non-record state as the variable state', () => {
    const itf = toItf(syntheticTrace(3, { verdict: 'ok' }));
    expect(itf.states[2]?.['#meta']).toMatchObject({ index: 2, time: 20 });
    const scalar = { ...syntheticTrace(1), initial: { index: 0, fingerprint: '0'.repeat(16), state: 0 } };
    expect(toItf(scalar).vars).toEqual(['state', ITF_ACTION_VAR]);
  });
});
