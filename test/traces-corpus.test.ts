// Goal: every saved trace in traces/ still reproduces exactly, its recorded verdict included.
// Method: `sim replay --no-tui` on each *.trace.json (in-process); a trace of a built-in model only.
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot, sim } from './helpers/cli.js';

function traceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return traceFiles(path);
    return name.endsWith('.trace.json') ? [path] : [];
  });
}

const files = traceFiles(join(repoRoot, 'traces'));

describe('traces corpus', () => {
  it('is not empty', () => expect(files.length).toBeGreaterThan(0));
  it.each(files.map((f) => relative(repoRoot, f)))('%s reproduces', async (file) => {
    const r = await sim(['replay', join(repoRoot, file), '--no-tui']);
    expect(r.stderr).toBe('');
    expect(r.code, r.stdout).toBe(0);
    expect(r.stdout).toContain('reproduces: all');
  });
});
