/** Flags → values with node's util.parseArgs; every malformed input becomes one InputError line. */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { InputError } from '../lib/index.js';

export type OptionSpecs = NonNullable<ParseArgsConfig['options']>;

/** Flags every command takes. */
export const commonOptions = {
  debug: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies OptionSpecs;

/** Parses `argv` for `command` strictly: unknown flags and missing values are bad input. */
export function parseCommandArgs<O extends OptionSpecs>(command: string, argv: readonly string[], options: O, positionalsMax: number) {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options: { ...commonOptions, ...options }, strict: true, allowPositionals: true });
  } catch (err) {
    const known = Object.keys({ ...commonOptions, ...options }).map((k) => `--${k}`).join(', ');
    const code = (err as { code?: string }).code;
    const message = err instanceof Error ? err.message.split('\n')[0] : String(err);
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
      const flag = /'([^']+)'/.exec(message ?? '')?.[1] ?? message;
      throw new InputError(`unknown flag ${flag} for sim ${command}; known flags: ${known}`);
    }
    throw new InputError(`sim ${command}: ${message}`);
  }
  if (parsed.positionals.length > positionalsMax && !(parsed.values as { help?: boolean }).help) {
    throw new InputError(`sim ${command} takes ${positionalsMax === 0 ? 'no arguments' : `at most ${positionalsMax} argument`}; unexpected '${parsed.positionals[positionalsMax]}'`);
  }
  return parsed;
}

/** A decimal integer in [min, 2^53), for flags like --seed, --steps and --max-states. */
export function parseDecimal(flag: string, text: string | undefined, min = 0): number {
  if (text === undefined) throw new InputError(`${flag} needs a value`);
  if (!/^\d+$/.test(text)) throw new InputError(`${flag} must be a decimal integer >= ${min}; got '${text}'`);
  const value = Number(text);
  if (!Number.isSafeInteger(value)) throw new InputError(`${flag} must be below 2^53; got ${text}`);
  if (value < min) throw new InputError(`${flag} must be at least ${min}; got ${text}`);
  return value;
}
