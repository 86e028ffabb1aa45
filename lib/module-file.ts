/**
 * Imports a user's JavaScript or TypeScript module file whatever its package's module type, and
 * returns its exports as an ES module's namespace shows them. The CLI's model loader and the
 * checker's worker threads both load model files through here, so they see the same exports.
 */
import { extname } from 'node:path';
import { pathToFileURL } from 'node:url';

/** Extensions whose module kind Node knows from the name alone. */
const NODE_NATIVE_EXTENSIONS = new Set(['.mjs', '.cjs']);

/** Imports the module file at an absolute path; a `.ts`, `.mts`, `.cts` or `.js` file goes through tsx. */
export async function importModuleFile(path: string): Promise<Record<string, unknown>> {
  const url = pathToFileURL(path).href;
  if (NODE_NATIVE_EXTENSIONS.has(extname(path))) return unwrapInterop((await import(url)) as Record<string, unknown>);
  // tsx compiles TypeScript, and loads a `.js` file as its package.json says (ES syntax in a
  // CommonJS package too) without the warning Node prints when it has to guess.
  const { tsImport } = await import('tsx/esm/api');
  return unwrapInterop((await tsImport(url, import.meta.url)) as Record<string, unknown>);
}

/**
 * Undoes the CommonJS interop wrapping. A file written with `export` but run as CommonJS (a `.ts`
 * or `.js` file in a package without "type": "module", which is what `npm init -y` writes, or any
 * `.cts`) is compiled to an exports object marked `__esModule` that holds `default` and the named
 * exports; importing it wraps that object once more as the namespace's `default`. The marked
 * object is the module's real namespace.
 */
export function unwrapInterop(namespace: Record<string, unknown>): Record<string, unknown> {
  let current = namespace;
  // A re-export of a compiled module can nest the wrapping; a few levels are plenty.
  for (let level = 0; level < 4 && isInteropExports(current.default); level++) current = current.default;
  return current;
}

function isInteropExports(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && (value as { __esModule?: unknown }).__esModule === true;
}
