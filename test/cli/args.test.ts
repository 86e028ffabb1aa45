// Goal: every numeric flag of every command says what is wrong with a bad value (negative, hex, exponent, too large),
// never util.parseArgs' "argument is ambiguous". Method: each flag with each bad value, in-process.
import { describe, expect, it } from 'vitest';
import { joinDashValues } from '../../cli/args.js';
import { expectRefused, sim } from '../helpers/cli.js';

/** [command line before the flag, flag, smallest value]. */
const NUMERIC_FLAGS: [string[], string, number][] = [
  [['run'], '--seed', 0],
  [['run', '--seed', '1'], '--steps', 0],
  [['check'], '--max-states', 1],
  [['check'], '--max-depth', 0],
  [['check'], '--max-memory', 1],
  [['check'], '--queue-memory', 0],
  [['check'], '--workers', 1],
  [['check'], '--parallel-from', 1],
  [['check', '--strategy', 'random'], '--seed', 0],
  [['check', '--strategy', 'random'], '--walks', 1],
  [['swarm', '--seeds', '1..2'], '--steps', 0],
  [['ulog', 'trace', 'x.trace.json'], '--step', 1],
];

describe('numeric flags', () => {
  it.each(NUMERIC_FLAGS)('%j %s', async (before, flag, min) => {
    for (const value of ['-5', '-1', '0x10', '1e3', '1.5', '1_000', ' 7', '9007199254740992', ...(min > 0 ? ['0'] : [])]) {
      for (const args of [[...before, flag, value], [...before, `${flag}=${value}`]]) {
        const r = await sim(args);
        expectRefused(r, new RegExp(`^sim: ${flag} must be a decimal integer ${min} <= N < 2\\^53; got '?${value.replace(/[.^$*+?()[\]{}|\\]/g, '\\$&')}`));
        expect(r.stderr).not.toContain('ambiguous');
      }
    }
  });

  it('ranges and shards name the value too', async () => {
    expectRefused(await sim(['swarm', '--seeds', '-1..4']), /^sim: --seeds must be A\.\.B with decimal integers; got '-1\.\.4'$/);
    expectRefused(await sim(['swarm', '--seeds', '1..4', '--shard', '-1/2']), /^sim: --shard must be i\/n \(0 <= i < n\); got '-1\/2'$/);
    expectRefused(await sim(['check', '--checkpoint', 'ck', '--checkpoint-interval', '-5']), /^sim: --checkpoint-interval must be a number of seconds >= 0; got '-5'$/);
  });

  it('a flag followed by another flag is missing its value', async () => {
    expectRefused(await sim(['run', '--seed', '--json']), /--seed needs a value; got the flag --json$/);
    expectRefused(await sim(['check', '--max-states', '-h']), /--max-states needs a value; got the flag -h$/);
  });
});

describe('joinDashValues', () => {
  const options = { seed: { type: 'string' }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } as const;
  it('joins a value that starts with a dash to its flag, and leaves everything else alone', () => {
    expect(joinDashValues(['--seed', '-5', '--json'], options)).toEqual(['--seed=-5', '--json']);
    expect(joinDashValues(['--seed', '5', 'file', '-'], options)).toEqual(['--seed', '5', 'file', '-']);
    expect(joinDashValues(['--json', '-5'], options)).toEqual(['--json', '-5']);
    expect(joinDashValues(['--', '--seed', '-5'], options)).toEqual(['--', '--seed', '-5']);
  });
});
