/**
 * `--param key=value` handling (DESIGN.md "The model contract"): declared parameters are
 * validated against their spec, undeclared ones are parsed loosely (numbers as numbers).
 */
import { InputError } from '../lib/index.js';
import type { ParamSpec, ParamValues } from './contract.js';

const NUMBER = /^-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;

/** `['rm=3', 'bug=none']` → `{ rm: '3', bug: 'none' }`; malformed or repeated keys are bad input. */
export function parseParamAssignments(assignments: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const text of assignments) {
    const eq = text.indexOf('=');
    if (eq <= 0) throw new InputError(`--param expects key=value, got '${text}'`);
    const key = text.slice(0, eq);
    // Assigned to a plain object, this key would be dropped silently instead of named unknown.
    if (key === '__proto__') throw new InputError(`--param ${key} is not a parameter name`);
    if (Object.hasOwn(out, key)) throw new InputError(`--param ${key} is given twice`);
    out[key] = text.slice(eq + 1);
  }
  return out;
}

function looseValue(text: string): number | string | boolean {
  if (NUMBER.test(text)) return Number(text);
  if (text === 'true') return true;
  if (text === 'false') return false;
  return text;
}

function typedValue(model: string, spec: ParamSpec, text: string): number | string | boolean {
  const where = `parameter ${spec.name} of model ${model}`;
  if (spec.values && !spec.values.map(String).includes(text)) {
    throw new InputError(`${where} must be one of ${spec.values.join(', ')}; got '${text}'`);
  }
  switch (typeof spec.default) {
    case 'boolean':
      if (text !== 'true' && text !== 'false') throw new InputError(`${where} must be true or false; got '${text}'`);
      return text === 'true';
    case 'number': {
      if (!NUMBER.test(text)) throw new InputError(`${where} must be a number; got '${text}'`);
      const n = Number(text);
      if (Number.isInteger(spec.default) && !Number.isInteger(n)) {
        throw new InputError(`${where} must be an integer; got '${text}'`);
      }
      if (spec.min !== undefined && n < spec.min) throw new InputError(`${where} must be at least ${spec.min}; got ${n}`);
      if (spec.max !== undefined && n > spec.max) throw new InputError(`${where} must be at most ${spec.max}; got ${n}`);
      return n;
    }
    default:
      return text;
  }
}

/**
 * Complete parameter values for a model: defaults overlaid with the given text values. With
 * `specs` undefined (a user model that exports no `params`), keys are free and values loose.
 */
export function resolveParams(
  model: string,
  specs: readonly ParamSpec[] | undefined,
  given: Record<string, string>,
): ParamValues {
  if (specs === undefined) {
    const out: ParamValues = {};
    for (const key of Object.keys(given).sort()) out[key] = looseValue(given[key] as string);
    return out;
  }
  const out: ParamValues = {};
  for (const spec of specs) out[spec.name] = spec.default;
  for (const key of Object.keys(given).sort()) {
    const spec = specs.find((p) => p.name === key);
    if (!spec) {
      const known = specs.map((p) => p.name).join(', ') || '(none)';
      throw new InputError(`unknown parameter '${key}' for model ${model}; known: ${known}`);
    }
    out[key] = typedValue(model, spec, given[key] as string);
  }
  return out;
}
