// Goal: a module compiled from ES syntax to CommonJS shows the namespace its author wrote, and nothing else is unwrapped.
// Method: unwrapInterop on namespaces shaped as Node's import of such modules gives them.
import { describe, expect, it } from 'vitest';
import { unwrapInterop } from '../../lib/index.js';

/** What TypeScript, esbuild and Babel emit for `export default x; export const params = ...` as CommonJS. */
function compiled(exports: Record<string, unknown>): Record<string, unknown> {
  return Object.defineProperty({ ...exports }, '__esModule', { value: true });
}

describe('unwrapInterop', () => {
  const factory = (): object => ({});
  const params = { limit: 3 };

  it('unwraps the default export that is a compiled module', () => {
    const inner = compiled({ default: factory, params });
    expect(unwrapInterop({ default: inner, params })).toBe(inner);
  });

  it('unwraps a compiled module re-exported by another', () => {
    const inner = compiled({ default: factory, params });
    expect(unwrapInterop({ default: compiled({ default: inner }) })).toBe(inner);
  });

  it('leaves an ES module, and a CommonJS object that is not marked as compiled, alone', () => {
    const esm = { default: factory, params };
    expect(unwrapInterop(esm)).toBe(esm);
    const handwritten = { default: { default: factory, params } };
    expect(unwrapInterop(handwritten)).toBe(handwritten);
  });
});
