/**
 * Checks that a value has the model contract's shape, and when it has not, says what it is
 * instead: a user whose model file exports the wrong thing learns what the loader found.
 */
import { InputError } from '../../lib/index.js';
import type { Model } from '../contract.js';

const VERBS = ['init', 'actions', 'next'] as const;
const EXPECTED = 'expected init, actions, next, invariants';
const KEYS_SHOWN = 8;

/** Where the value came from, for messages: `model file ./m.ts` and `its default export is` (else `is`). */
export interface ModelOrigin {
  readonly prefix: string;
  readonly subject?: string;
}

/** A short description of any value: `the number 3`, `an array of 2 items`, `an object with keys a, b`. */
export function describeExport(value: unknown): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'undefined':
      return 'undefined';
    case 'number':
    case 'bigint':
    case 'boolean':
      return `the ${typeof value} ${String(value)}`;
    case 'string':
      return `the string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
    case 'function':
      return 'a function';
    case 'symbol':
      return 'a symbol';
  }
  if (Array.isArray(value)) return `an array of ${value.length} item${value.length === 1 ? '' : 's'}`;
  if (value instanceof Promise) return 'a Promise';
  const proto = Object.getPrototypeOf(value) as { constructor?: { name?: string } } | null;
  const plain = proto === null || proto === Object.prototype || !proto.constructor?.name;
  const kind = plain ? 'an object' : `an instance of ${proto.constructor?.name}`;
  // A class instance's methods live on its prototype, and count as its keys here.
  const methods = plain ? [] : Object.getOwnPropertyNames(proto).filter((k) => k !== 'constructor');
  const keys = [...new Set([...Object.keys(value as object), ...methods])];
  if (keys.length === 0) return `${kind} with no keys`;
  const shown = keys.slice(0, KEYS_SHOWN).join(', ');
  return `${kind} with key${keys.length === 1 ? '' : 's'} ${shown}${keys.length > KEYS_SHOWN ? ` and ${keys.length - KEYS_SHOWN} more` : ''}`;
}

/** What is wrong with an object that has some of the contract's functions but not all. */
function verbProblems(m: Record<string, unknown>): string {
  if (VERBS.every((verb) => m[verb] === undefined)) return '';
  const problems = VERBS.filter((verb) => typeof m[verb] !== 'function').map((verb) =>
    m[verb] === undefined ? `no ${verb}() function` : `${verb} is ${describeExport(m[verb])}, not a function`,
  );
  return problems.length === 0 ? '' : ` (${problems.join('; ')})`;
}

/** The sentence for a value that is not a model, naming what it is. */
function notAModel(value: unknown, origin: ModelOrigin): InputError {
  let hint = '';
  if (value instanceof Promise) hint = '; the function returns the model itself, not a promise of it';
  else if (value !== null && typeof value === 'object' && 'default' in value) {
    hint = '; a CommonJS file sets module.exports to the model, or to a function (params) => model';
  }
  const details = value !== null && typeof value === 'object' ? verbProblems(value as Record<string, unknown>) : '';
  const lead = origin.subject === undefined ? `${origin.prefix} is` : `${origin.prefix}: ${origin.subject}`;
  return new InputError(`${lead} ${describeExport(value)}${details}; ${EXPECTED}${hint}`);
}

/** Checks the contract's shape once, so engines can trust it. */
export function validateModel(
  value: unknown,
  fallbackName: string,
  origin: ModelOrigin = { prefix: `model ${fallbackName}` },
): Model<unknown, unknown> {
  if (value === null || typeof value !== 'object') throw notAModel(value, origin);
  const m = value as Record<string, unknown>;
  if (VERBS.some((verb) => typeof m[verb] !== 'function')) throw notAModel(value, origin);
  const shown = origin.prefix;
  for (const hook of ['final', 'actor', 'label', 'latency', 'isFault', 'encode', 'decode', 'successors', 'representative']) {
    if (m[hook] !== undefined && typeof m[hook] !== 'function') throw new InputError(`${shown}: ${hook} must be a function`);
  }
  if ((m.encode === undefined) !== (m.decode === undefined)) throw new InputError(`${shown}: encode and decode come together; it has only ${m.encode ? 'encode' : 'decode'}`);
  if (m.successors !== undefined && m.encode === undefined) throw new InputError(`${shown}: successors() works on packed states and needs encode and decode`);
  for (const table of ['invariants', 'sometimes']) {
    const record = m[table];
    if (record === undefined) continue;
    if (record === null || typeof record !== 'object') throw new InputError(`${shown}: ${table} must be a record of functions`);
    for (const [key, f] of Object.entries(record)) {
      if (typeof f !== 'function') throw new InputError(`${shown}: ${table}.${key} must be a function`);
    }
  }
  if (m.name !== undefined && typeof m.name !== 'string') throw new InputError(`${shown}: name must be a string`);
  if (typeof m.name === 'string' && m.invariants !== undefined) return m as unknown as Model<unknown, unknown>;
  // Fill the optional-in-practice fields without copying: methods keep their `this` and prototype.
  return Object.assign(Object.create(m) as object, {
    name: (m.name as string | undefined) ?? fallbackName,
    invariants: (m.invariants as object | undefined) ?? {},
  }) as Model<unknown, unknown>;
}
