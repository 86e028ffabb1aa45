/** Mounts the replay app on a terminal and resolves when the user quits (q or Ctrl-C). Called only by cli/commands/replay.ts. */
import { render } from 'ink';
import type { ReplaySession } from '../trace/index.js';
import { App } from './App.js';

export interface Terminal {
  readonly stdin: NodeJS.ReadStream;
  readonly stdout: NodeJS.WriteStream;
  readonly stderr: NodeJS.WriteStream;
}

export async function mountReplay(session: ReplaySession, terminal: Terminal): Promise<void> {
  const app = render(<App session={session} />, {
    stdin: terminal.stdin,
    stdout: terminal.stdout,
    stderr: terminal.stderr,
    exitOnCtrlC: false,
    patchConsole: false,
  });
  await app.waitUntilExit();
}
