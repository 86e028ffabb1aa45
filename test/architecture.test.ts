// Goal: the folder layout is the architecture (STYLE.md part 3), nothing nondeterministic reaches the engines, and
// the engines call a model through the guarded runtime only. Method: scan import lines and source text of each layer.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from './helpers/cli.js';

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(join(repoRoot, dir))) {
    const path = join(dir, name);
    if (statSync(join(repoRoot, path)).isDirectory()) out.push(...sources(path));
    else if (/\.tsx?$/.test(name) && !name.endsWith('.d.ts')) out.push(path);
  }
  return out;
}

/** Which top-level folders each layer may import from. */
const allowed: Record<string, string[]> = {
  lib: ['lib'],
  model: ['model', 'lib'],
  trace: ['trace', 'model', 'lib'],
  sim: ['sim', 'trace', 'model', 'lib'],
  checker: ['checker', 'trace', 'model', 'lib'],
  conformance: ['conformance', 'sim', 'checker', 'trace', 'model', 'lib'],
  ui: ['ui', 'trace'],
  cli: ['cli', 'ui', 'conformance', 'sim', 'checker', 'trace', 'model', 'lib'],
};

describe('architecture', () => {
  for (const [layer, may] of Object.entries(allowed)) {
    it(`${layer}/ imports only ${may.join(', ')}`, () => {
      let files: string[];
      try {
        files = sources(layer);
      } catch {
        return; // the layer does not exist yet
      }
      for (const file of files) {
        const text = readFileSync(join(repoRoot, file), 'utf8');
        for (const [, spec] of text.matchAll(/(?:from|import)\s*\(?\s*'(\.[^']+)'/g)) {
          const target = relative(repoRoot, join(repoRoot, file, '..', spec as string)).split('/')[0] as string;
          expect(may, `${file} imports ${spec}`).toContain(target);
        }
      }
    });
  }

  it('engines and models never read the clock or an unseeded random source', () => {
    for (const layer of ['lib', 'model', 'sim', 'checker', 'conformance', 'trace']) {
      for (const file of sources(layer)) {
        const text = readFileSync(join(repoRoot, file), 'utf8').replace(/^\s*(\/\/|\*).*$/gm, '');
        expect(text, file).not.toMatch(/Math\.random|Date\.now|new Date\(|performance\.now|process\.hrtime/);
      }
    }
  });

  it('engines ask a model for its states, actions and successors only through the guarded runtime (model/runtime/)', () => {
    for (const layer of ['sim', 'checker', 'conformance', 'trace', 'ui']) {
      for (const file of sources(layer)) {
        const text = readFileSync(join(repoRoot, file), 'utf8').replace(/^\s*(\/\/|\*).*$/gm, '');
        expect(text, file).not.toMatch(/\bmodel\.(init|actions|next|final)\s*!?\s*\(/);
      }
    }
  });
});
