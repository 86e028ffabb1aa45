/** lib/: leaf utilities with no project imports. */
export { assert, assertNever, AssertionError } from './assert.js';
export { InputError, ModelError, messageOf, printable } from './errors.js';
export { parseJsonInput, JSON_DEPTH_MAX } from './json-input.js';
export { createPrng, ratio, type Prng, type Ratio } from './prng.js';
export { canonicalize, canonicalJson, jsonEqual, NotJsonError } from './canonical-json.js';
export { fingerprint, fingerprintBytesInto, fingerprintInto, hexOf, SuccessorHasher } from './fingerprint.js';
export { importModuleFile, unwrapInterop } from './module-file.js';
