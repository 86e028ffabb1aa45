/**
 * The graph layout library the report inlines: dagre (@dagrejs/dagre, MIT), read at generation time
 * from its package's minified browser build, which bundles graphlib (@dagrejs/graphlib, MIT). The
 * page carries both licence notices, as the MIT licence asks of every copy.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { InputError, messageOf } from '../../../lib/index.js';
import { inlineScript } from './embed.js';

export interface InlinedLibrary {
  /** The script, which defines the global `dagre`. */
  readonly script: string;
  /** `name version` and licence text of each package whose code the script holds. */
  readonly notices: readonly { readonly name: string; readonly licence: string }[];
}

function packageDir(require: NodeJS.Require, name: string): string {
  return dirname(require.resolve(`${name}/package.json`));
}

function notice(dir: string): { name: string; licence: string } {
  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name: string; version: string };
  return { name: `${pkg.name} ${pkg.version}`, licence: readFileSync(join(dir, 'LICENSE'), 'utf8').trim() };
}

let cached: InlinedLibrary | undefined;

export function layoutLibrary(): InlinedLibrary {
  if (cached !== undefined) return cached;
  try {
    const require = createRequire(import.meta.url);
    const dagre = packageDir(require, '@dagrejs/dagre');
    // graphlib is dagre's dependency: resolve it from dagre's folder, where npm put it for dagre.
    const graphlib = packageDir(createRequire(join(dagre, 'package.json')), '@dagrejs/graphlib');
    // The source map comment names a file the page does not carry.
    const code = readFileSync(join(dagre, 'dist/dagre.min.js'), 'utf8').replace(/\n\/\/# sourceMappingURL=\S+\s*$/, '\n');
    cached = { script: inlineScript(code, '@dagrejs/dagre'), notices: [notice(dagre), notice(graphlib)] };
    return cached;
  } catch (err) {
    if (err instanceof InputError) throw err;
    throw new InputError(`cannot read the graph layout library @dagrejs/dagre for the report (is the package installed?): ${messageOf(err)}`);
  }
}
