#!/usr/bin/env node
// The `sim` executable: runs the compiled CLI in dist/ (npm ci builds it through the `prepare`
// script; the packed tarball ships it).
import { existsSync } from 'node:fs';
import { sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const entry = new URL('../dist/cli/main.js', import.meta.url);
if (!existsSync(entry)) {
  // A checkout builds dist/ itself; an installed copy got it from the packed tarball, or from the
  // `prepare` script npm runs when it installs from git, which --ignore-scripts skips.
  const installed = fileURLToPath(entry).split(sep).includes('node_modules');
  process.stderr.write(
    installed
      ? 'sim: this installed copy has no dist/ (it was installed from git without running its prepare script); reinstall without --ignore-scripts, or from a tarball made by `npm pack`\n'
      : 'sim: not built yet; run `npm run build` (npm ci does it for you)\n',
  );
  process.exit(2);
}
// A reader that stops early (`sim check --json | head -c 100`) closes the pipe: not an error of ours.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (err) => {
    if (err.code !== 'EPIPE') throw err;
    process.exit(process.exitCode ?? 0);
  });
}
const { main } = await import(entry.href);
process.exitCode = await main(process.argv.slice(2));
