/**
 * Witnesses a model's parameters can reach. A witness whose situation the parameters rule out by
 * construction (a restart invariant with restart off, a cluster invariant on one node) says
 * nothing when unreached; models list, per witness, the parameters it needs, and only the
 * witnesses whose needs are met are checked. Numbers are needed at least, other values exactly.
 */
import type { ParamValues } from './contract.js';

export function reachableWitnesses<S>(
  all: Readonly<Record<string, (s: S) => boolean>>,
  needs: Readonly<Record<string, ParamValues>>,
  params: Readonly<Record<string, unknown>>,
): Record<string, (s: S) => boolean> {
  const met = (name: string): boolean =>
    Object.entries(needs[name] ?? {}).every(([key, want]) => {
      const have = params[key];
      return typeof want === 'number' && typeof have === 'number' ? have >= want : have === want;
    });
  return Object.fromEntries(Object.entries(all).filter(([name]) => met(name)));
}
