/** Flags → values with node's util.parseArgs; every malformed input becomes one InputError line. */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { InputError } from '../lib/index.js';

export type OptionSpecs = NonNullable<ParseArgsConfig['options']>;

/** Flags every command takes. */
export const commonOptions = {
  debug: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies OptionSpecs;

/**
 * `--flag VALUE` as `--flag=VALUE` where VALUE starts with a dash but is not a flag: util.parseArgs
 * calls `--seed -5` ambiguous, and the flag's own check says better what is wrong with `-5`. A
 * flag that takes a value followed by another flag (`--seed --json`) is missing its value.
 */
export function joinDashValues(argv: readonly string[], options: OptionSpecs): string[] {
  const takesValue = (arg: string): boolean => arg.startsWith('--') && options[arg.slice(2)]?.type === 'string';
  const isFlag = (arg: string): boolean => {
    if (arg.startsWith('--')) return Object.hasOwn(options, arg.slice(2).split('=')[0] ?? '');
    return arg.length === 2 && Object.values(options).some((o) => o.short === arg[1]);
  };
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const value = argv[i + 1];
    if (arg === '--') {
      out.push(...argv.slice(i));
      break;
    }
    if (takesValue(arg) && value !== undefined && value.startsWith('-') && value !== '-') {
      if (isFlag(value)) throw new InputError(`${arg} needs a value; got the flag ${value}`);
      out.push(`${arg}=${value}`);
      i++;
    } else {
      out.push(arg);
    }
  }
  return out;
}

/** Parses `argv` for `command` strictly: unknown flags and missing values are bad input. */
export function parseCommandArgs<O extends OptionSpecs>(command: string, argv: readonly string[], options: O, positionalsMax: number) {
  let parsed;
  const all = { ...commonOptions, ...options };
  try {
    parsed = parseArgs({ args: joinDashValues(argv, all), options: all, strict: true, allowPositionals: true });
  } catch (err) {
    const known = Object.keys(all).map((k) => `--${k}`).join(', ');
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
  const range = `${min} <= N < 2^53`;
  if (!/^\d+$/.test(text)) throw new InputError(`${flag} must be a decimal integer ${range}; got '${text}'`);
  const value = Number(text);
  if (!Number.isSafeInteger(value)) throw new InputError(`${flag} must be a decimal integer ${range}; got ${text}, which is not below 2^53`);
  if (value < min) throw new InputError(`${flag} must be a decimal integer ${range}; got ${text}`);
  return value;
}
