// Goal: a value that is not a model is rejected with a sentence naming what it is, and a model passes untouched.
// Method: describeExport and validateModel on values of every kind, with the messages pinned.
import { describe, expect, it } from 'vitest';
import { describeExport, validateModel } from '../../../model/runtime/model-shape.js';

class Handwritten {
  init(): unknown[] {
    return [];
  }
}

describe('describeExport', () => {
  it.each([
    [undefined, 'undefined'],
    [null, 'null'],
    [3, 'the number 3'],
    [true, 'the boolean true'],
    [7n, 'the bigint 7'],
    ['init', 'the string "init"'],
    ['x'.repeat(50), `the string "${'x'.repeat(40)}…"`],
    [() => 1, 'a function'],
    [[], 'an array of 0 items'],
    [[1], 'an array of 1 item'],
    [{}, 'an object with no keys'],
    [{ default: 1, params: {} }, 'an object with keys default, params'],
    [Object.fromEntries('abcdefghij'.split('').map((k) => [k, 1])), 'an object with keys a, b, c, d, e, f, g, h and 2 more'],
    [new Handwritten(), 'an instance of Handwritten with key init'],
    [Promise.resolve(1), 'a Promise'],
  ])('%o is %s', (value, text) => {
    expect(describeExport(value)).toBe(text);
  });
});

describe('validateModel', () => {
  const origin = { prefix: 'model file ./m.ts', subject: 'its default export is' };
  const model = { name: 'm', init: () => [0], actions: () => [], next: (s: number) => s, invariants: {} };

  it('returns a complete model as it is', () => {
    expect(validateModel(model, 'm', origin)).toBe(model);
  });

  it('names the model and fills in what the contract lets a file leave out', () => {
    const { name: _n, invariants: _i, ...bare } = model;
    const filled = validateModel(bare, 'fallback', origin);
    expect([filled.name, filled.invariants]).toEqual(['fallback', {}]);
  });

  it.each([
    [{ default: model, params: {} }, 'an object with keys default, params; expected init, actions, next, invariants; a CommonJS file sets module.exports to the model, or to a function (params) => model'],
    [{ init: () => [], actions: 'all', invariants: {} }, 'an object with keys init, actions, invariants (actions is the string "all", not a function; no next() function); expected init, actions, next, invariants'],
    ['twophase', 'the string "twophase"; expected init, actions, next, invariants'],
  ])('%o', (value, text) => {
    expect(() => validateModel(value, 'm', origin)).toThrow(`model file ./m.ts: its default export is ${text}`);
  });

  it('names a built-in model by its name', () => {
    expect(() => validateModel(null, 'twophase')).toThrow('model twophase is null; expected init, actions, next, invariants');
    expect(() => validateModel({ ...model, final: 1 }, 'twophase')).toThrow('model twophase: final must be a function');
  });
});
