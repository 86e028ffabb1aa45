/**
 * Imports a user's JavaScript or TypeScript module file whatever its package's module type, and
 * returns its exports as an ES module's namespace shows them. The CLI's model loader and the
 * checker's worker threads both load model files through here, so they see the same exports.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, extname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * Imports the module file at an absolute path. Node loads `.mjs`, `.cjs`, and `.js` in a
 * "type": "module" package itself; tsx compiles TypeScript, and loads a `.js` file of a CommonJS
 * package whichever syntax it uses (Node refuses `export` there, or guesses with a warning).
 */
export async function importModuleFile(path: string): Promise<Record<string, unknown>> {
  const url = pathToFileURL(path).href;
  if (nodeLoadsItself(path)) return unwrapInterop((await import(url)) as Record<string, unknown>);
  // tsx costs a few hundred milliseconds of start-up in each thread that loads the model.
  const { tsImport } = await import('tsx/esm/api');
  return unwrapInterop((await tsImport(url, import.meta.url)) as Record<string, unknown>);
}

function nodeLoadsItself(path: string): boolean {
  const extension = extname(path);
  if (extension === '.mjs' || extension === '.cjs') return true;
  return extension === '.js' && nearestPackageType(dirname(path)) === 'module';
}

/** The "type" of the package.json nearest to `dir`, as Node looks it up for a `.js` file. */
function nearestPackageType(dir: string): unknown {
  for (let current = dir; ; current = dirname(current)) {
    const file = join(current, 'package.json');
    if (existsSync(file)) {
      try {
        return (JSON.parse(readFileSync(file, 'utf8')) as { type?: unknown }).type;
      } catch {
        return undefined; // tsx reports what is wrong with the file
      }
    }
    if (dirname(current) === current) return undefined;
  }
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
