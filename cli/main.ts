/**
 * The `sim` command line: dispatch, and the one place that maps outcomes and errors to exit codes
 * (0 ok, 1 violation or deadlock or divergence, 2 bad usage or input, 3 a limit stopped the work).
 */
import { InputError, messageOf, ModelError, printable } from '../lib/index.js';
import { checkCommand, checkHelp } from './commands/check.js';
import { driveCommand, driveHelp } from './commands/drive.js';
import { listCommand, listHelp } from './commands/list.js';
import { replayCommand, replayHelp } from './commands/replay.js';
import { runCommand, runHelp } from './commands/run.js';
import { swarmCommand, swarmHelp } from './commands/swarm.js';
import { ulogCommand, ulogHelp } from './commands/ulog.js';
import { validateCommand, validateHelp } from './commands/validate.js';
import { processIo, toolVersion, type Io } from './io.js';
import { exitCodeOf, type Outcome } from './outcome.js';

type Command = (argv: readonly string[], io: Io) => Promise<Outcome>;

const commands: Record<string, { run: Command; help: string; summary: string }> = {
  run: { run: runCommand, help: runHelp, summary: 'simulate one seeded execution' },
  check: { run: checkCommand, help: checkHelp, summary: 'explore every reachable state and check the invariants' },
  replay: { run: replayCommand, help: replayHelp, summary: 're-execute and verify a trace file' },
  swarm: { run: swarmCommand, help: swarmHelp, summary: 'many seeded simulations with per-seed fault mixes, shardable' },
  validate: { run: validateCommand, help: validateHelp, summary: 'decide whether some behaviour of the model explains a log or a dm-log capture' },
  drive: { run: driveCommand, help: driveHelp, summary: 'run the model\'s traces against an implementation through an adapter' },
  list: { run: listCommand, help: listHelp, summary: 'list the built-in models, invariants and seeded bugs' },
  ulog: { run: (argv, io) => ulogCommand([...argv], io), help: ulogHelp, summary: 'decode or encode a dm-log-userspace datagram (JSON <-> bytes)' },
};

function usage(): string {
  const width = Math.max(...Object.keys(commands).map((c) => c.length));
  const rows = Object.entries(commands).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`);
  return [
    'usage: sim <command> [flags]',
    '',
    'Deterministic simulator and model checker for BLCR checkpoint/restart and the dm userspace dirty log.',
    '',
    'commands:',
    ...rows,
    '',
    "Every command takes --help and --debug (stack traces on errors). 'sim --version' prints the version.",
    'Exit codes: 0 all holds, 1 violation or deadlock (replay: diverges), 2 bad usage or input, 3 a limit stopped the work.',
  ].join('\n');
}

/** Runs the command line `argv` (without `node sim`) and returns the exit code. */
export async function main(argv: readonly string[], io: Io = processIo()): Promise<number> {
  const debug = argv.includes('--debug');
  const [name, ...rest] = argv;
  try {
    if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
      const topic = name === 'help' ? rest[0] : undefined;
      io.stdout.write(`${topic && commands[topic] ? commands[topic].help : usage()}\n`);
      return exitCodeOf('ok');
    }
    if (name === '--version' || name === '-v' || name === 'version') {
      io.stdout.write(`sim ${toolVersion()}\n`);
      return exitCodeOf('ok');
    }
    const command = Object.hasOwn(commands, name) ? commands[name] : undefined;
    if (command === undefined) {
      throw new InputError(`unknown command '${name}'; the commands are: ${Object.keys(commands).join(', ')} (sim --help)`);
    }
    return exitCodeOf(await command.run(rest, io));
  } catch (err) {
    return reportError(err, io, debug);
  }
}

/** One line on stderr; the stack only with --debug. Bad input and model faults exit 2. */
function reportError(err: unknown, io: Io, debug: boolean): number {
  const known = err instanceof InputError || err instanceof ModelError;
  const line = known ? messageOf(err) : `internal error: ${messageOf(err)}`;
  // Printable: a message may quote a file name or a field of a file.
  io.stderr.write(`sim: ${printable(line.split('\n')[0] ?? '')}${known || debug ? '' : ' (run with --debug for the stack trace)'}\n`);
  if (debug && err instanceof Error && err.stack) io.stderr.write(`${err.stack}\n`);
  return 2;
}
