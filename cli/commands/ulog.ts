/**
 * `sim ulog decode|encode`: turn one dm-log-userspace datagram into JSON and back, for people
 * debugging a real kernel/daemon pair (model/dmlog/wire does the work; this file only does I/O).
 */
import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { cookedNetlinkHeader, InputError, LINKTYPE_NETLINK, NETLINK_CONNECTOR, parseJsonInput, printable, writePcap } from '../../lib/index.js';
import { builtinModels } from '../../model/index.js';
import { datagramSeq, datagramType, wireOf, type Channel, type Datagram, type DmlogState } from '../../model/dmlog/index.js';
import { netlinkDatagramOf } from '../../model/dmlog/capture.js';
import { decodeDatagram, encodeDatagram, fromHex, fromJson, toHex, toJson, type WireResult } from '../../model/dmlog/wire/index.js';
import { decodeTrace, verifyTrace, type Trace } from '../../trace/index.js';
import { joinDashValues, parseDecimal } from '../args.js';
import { JSON_FILE_BYTES_MAX, readInputFile } from '../input-file.js';
import { loadBuiltinModel } from '../load-model.js';
import { writeFileAtomic } from '../output.js';
import type { Outcome } from '../outcome.js';

/** The streams a command uses; tests pass in-memory ones. */
export interface UlogIo {
  readonly stdin: NodeJS.ReadableStream;
  readonly stdout: { write(data: string | Uint8Array): unknown };
  readonly stderr: { write(data: string): unknown };
  /** Relative FILE arguments are read from here. */
  readonly cwd?: string;
}

export const ulogHelp = [
  'usage: sim ulog decode [FILE|-] [--reply] [--big-endian] [--bare]',
  '       sim ulog encode [FILE|-] [--hex]',
  '       sim ulog trace TRACE.json [--step K] [--pcap OUT]',
  'decode reads one datagram (raw bytes, or hex text) and prints it as JSON;',
  'encode reads that JSON and writes the datagram bytes (--hex: as hex text);',
  'trace shows each request and reply a step of a dmlog or checkpointed-log trace delivers, loses or',
  'duplicates, as the bytes of its struct dm_ulog_request (hex; read one back with decode --bare [--reply]);',
  'the trace is re-executed by its model first, and only a trace that reproduces is shown;',
  '--pcap OUT writes the datagrams node 0 receives as an nlmon capture (pcap, LINKTYPE_NETLINK) for sim validate',
  '(a trace that delivers none is refused: sim validate would refuse its empty capture).',
].join('\n');

/** A datagram is a few KiB at most, as bytes or as hex or JSON text; more is not a datagram. */
const DATAGRAM_INPUT_BYTES_MAX = 2 ** 20;

/**
 * Runs `sim ulog …`; `argv` holds the arguments after `ulog` (e.g. `['decode', 'x.bin', '--reply']`).
 * Bad usage or an invalid datagram or JSON is an InputError of one line (exit 2).
 */
export async function ulogCommand(argv: string[], io: UlogIo): Promise<Outcome> {
  try {
    const [subcommand, ...rest] = argv;
    if (subcommand === 'decode') await decodeCommand(rest, io);
    else if (subcommand === 'encode') await encodeCommand(rest, io);
    else if (subcommand === 'trace') await traceCommand(rest, io);
    else if (subcommand === '--help' || subcommand === '-h') await write(io.stdout, `${ulogHelp}\n`);
    else throw new InputError(subcommand === undefined ? 'ulog: missing subcommand (decode, encode or trace)' : `ulog: unknown subcommand '${subcommand}' (decode, encode or trace)`);
    return 'ok';
  } catch (error) {
    // A message naming a wire rule or a file may run over lines: it is reported as one.
    if (error instanceof InputError) throw new InputError(oneLine(error.message));
    throw error;
  }
}

async function decodeCommand(argv: string[], io: UlogIo): Promise<void> {
  const { values, positionals } = parse('decode', argv, {
    'reply': { type: 'boolean' }, 'big-endian': { type: 'boolean' }, 'bare': { type: 'boolean' }, 'help': { type: 'boolean' },
  });
  if (values['help'] === true) return write(io.stdout, `${ulogHelp}\n`);
  const input = await readInput(positionals, io, 'datagram file', DATAGRAM_INPUT_BYTES_MAX);
  const bytes = datagramBytes(input);
  const decoded = decodeDatagram(bytes, {
    direction: values['reply'] === true ? 'reply' : 'request',
    byteOrder: values['big-endian'] === true ? 'big' : 'little',
    envelope: values['bare'] === true ? 'bare' : 'netlink',
  });
  const datagram = valid(decoded);
  await write(io.stdout, `${JSON.stringify(toJson(datagram), null, 2)}\n`);
}

async function encodeCommand(argv: string[], io: UlogIo): Promise<void> {
  const { values, positionals } = parse('encode', argv, { 'hex': { type: 'boolean' }, 'help': { type: 'boolean' } });
  if (values['help'] === true) return write(io.stdout, `${ulogHelp}\n`);
  const input = await readInput(positionals, io, 'datagram JSON file', DATAGRAM_INPUT_BYTES_MAX);
  const json = parseJsonInput(input, positionals[0] ?? 'standard input', 'a datagram as JSON');
  const bytes = encodeDatagram(valid(fromJson(json)));
  await write(io.stdout, values['hex'] === true ? `${toHex(bytes)}\n` : bytes);
}

type Flags = Record<string, { type: 'boolean' }>;

function parse(name: string, argv: string[], options: Flags): { values: Record<string, unknown>; positionals: string[] } {
  try {
    const parsed = parseArgs({ args: joinDashValues(argv, options), options, strict: true, allowPositionals: true });
    if (parsed.positionals.length > 1) throw new InputError(`ulog ${name}: expected at most one FILE, got ${parsed.positionals.length}`);
    return { values: parsed.values, positionals: parsed.positionals };
  } catch (error) {
    if (error instanceof InputError) throw error;
    const message = error instanceof Error ? error.message.split('. ')[0] ?? error.message : String(error);
    throw new InputError(`ulog ${name}: ${message}`);
  }
}

function valid<T>(result: WireResult<T>): T {
  if (result.ok) return result.value;
  const where = result.offset === undefined ? '' : ` at byte ${result.offset}`;
  throw new InputError(`invalid datagram: ${result.rule}: ${result.message}${where}`);
}

/** Hex text when the input holds only hex digits and whitespace (and some digits); else raw bytes. */
function datagramBytes(input: Buffer): Uint8Array {
  const text = input.toString('latin1');
  if (!/^[0-9a-fA-F\s]*$/.test(text) || !/[0-9a-fA-F]/.test(text)) return new Uint8Array(input);
  return valid(fromHex(text));
}

/** The bytes of the FILE argument, or of standard input for none or `-`; at most `bytesMax`. */
async function readInput(positionals: string[], io: UlogIo, what: string, bytesMax: number): Promise<Buffer> {
  const file = positionals[0];
  if (file === undefined || file === '-') return readStream(io.stdin, bytesMax);
  return readInputFile(io.cwd ?? '.', file, what, bytesMax);
}

async function readStream(stream: NodeJS.ReadableStream, bytesMax: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let length = 0;
  for await (const chunk of stream) {
    chunks.push(typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : Buffer.from(chunk));
    length += (chunks[chunks.length - 1] as Buffer).length;
    if (length > bytesMax) throw new InputError(`standard input holds more than the ${bytesMax / 2 ** 20} MiB sim reads as one datagram`);
  }
  return Buffer.concat(chunks);
}

async function write(stream: { write(data: string | Uint8Array): unknown }, data: string | Uint8Array): Promise<void> {
  stream.write(data);
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ');
}

/** The built-in models whose traces carry dm-ulog datagrams. */
const DATAGRAM_MODELS = ['dmlog', 'checkpointed-log'];

/** The netlink channels of a (re-executed) state of one of those models. */
function channelsOf(model: string, state: unknown): readonly Channel[] {
  return model === 'dmlog' ? (state as DmlogState).channels : (state as { log: DmlogState }).log.channels;
}

/** The actions that carry one datagram of a channel: its node, direction and position. */
const CARRIES = ['DeliverRequest', 'DeliverReply', 'LoseDatagram', 'DuplicateDatagram'];

/** A step that delivers a datagram of a channel, with the datagram as the state before it holds it. */
interface Delivery {
  readonly step: number;
  readonly action: { type: string; node: number; index: number; dir?: string };
  readonly toDaemon: boolean;
  readonly datagram: Datagram;
  readonly time: number | undefined;
}

/** The steps of a re-executed trace that carry one datagram of a channel. */
function deliveries(trace: Trace): Delivery[] {
  const out: Delivery[] = [];
  trace.steps.forEach((step, i) => {
    const a = step.action as { type?: string; node?: number; index?: number; dir?: string };
    if (!CARRIES.includes(a.type ?? '')) return;
    const before = i === 0 ? trace.initial.state : (trace.steps[i - 1] as { state: unknown }).state;
    const toDaemon = a.type === 'DeliverRequest' || a.dir === 'toDaemon';
    const channel = channelsOf(trace.model.name, before)[a.node ?? 0];
    const d = channel === undefined ? undefined : (toDaemon ? channel.toDaemon : channel.toKernel)[a.index ?? 0];
    if (d === undefined) throw new InputError(`step ${i + 1} names a datagram its state does not hold; is this trace of the current model?`);
    out.push({ step: i + 1, action: { type: a.type as string, node: a.node ?? 0, index: a.index ?? 0, ...(a.dir ? { dir: a.dir } : {}) }, toDaemon, datagram: d, time: step.time });
  });
  return out;
}

async function traceCommand(argv: string[], io: UlogIo): Promise<void> {
  const { values, positionals } = parse('trace', argv, { step: { type: 'string' }, pcap: { type: 'string' }, help: { type: 'boolean' } } as unknown as Flags);
  if (values['help'] === true) return write(io.stdout, `${ulogHelp}\n`);
  const file = positionals[0];
  if (file === undefined) throw new InputError('ulog trace needs a trace FILE');
  const stepText = values['step'] as string | undefined;
  const only = stepText === undefined ? undefined : parseDecimal('--step', stepText, 1);
  const trace = verifiedTrace(decodeTrace(readInputFile(io.cwd ?? '.', file, 'trace file', JSON_FILE_BYTES_MAX), file), file);
  const carried = deliveries(trace).filter((d) => only === undefined || d.step === only);
  const pcap = values['pcap'] as string | undefined;
  if (pcap !== undefined) return writeCapture(io, file, pcap, carried);
  const lines: string[] = [];
  for (const { step, action: a, toDaemon, datagram: d } of carried) {
    const wire = wireOf(d);
    const head = `step ${step}  ${a.type}  node ${a.node}  ${toDaemon ? 'kernel->daemon' : 'daemon->kernel'}  ${datagramType(d)} seq=${datagramSeq(d)}`;
    lines.push(wire === null ? `${head}  (ACK: cn_msg len 0, no dm_ulog_request)` : `${head}\n  ${toHex(encodeDatagram(wire))}`);
  }
  await write(io.stdout, lines.length > 0 ? `${lines.join('\n')}\n` : 'no step of those asked for carries a datagram\n');
}

/**
 * `--pcap OUT`: the datagrams node 0 receives (a capture is of one machine), each at the step that
 * delivers it, as an nlmon device captures them: a pcap file of LINKTYPE_NETLINK records, each a
 * cooked header (direction, NETLINK_CONNECTOR) and the netlink datagram. Times are the trace's
 * (one tick a millisecond), or one millisecond a step for a checker trace.
 */
async function writeCapture(io: UlogIo, file: string, out: string, carried: readonly Delivery[]): Promise<void> {
  const records = carried
    .filter((d) => d.action.node === 0 && (d.action.type === 'DeliverRequest' || d.action.type === 'DeliverReply'))
    .map((d) => {
      const ms = d.time ?? d.step;
      const bytes = encodeDatagram(netlinkDatagramOf(d.datagram));
      const data = new Uint8Array([...cookedNetlinkHeader(d.toDaemon ? 'to-user' : 'to-kernel', NETLINK_CONNECTOR), ...bytes]);
      return { seconds: Math.floor(ms / 1000), microseconds: (ms % 1000) * 1000, data };
    });
  // sim validate refuses a capture with no dm-log datagram, so an empty one is not written at all.
  if (records.length === 0) throw new InputError(`no step of ${file} delivers a datagram to or from node 0's daemon; no capture written`);
  const path = resolve(io.cwd ?? '.', out);
  writeFileAtomic(path, writePcap(LINKTYPE_NETLINK, records));
  await write(io.stderr, `capture of ${records.length} datagram${records.length === 1 ? '' : 's'} written to ${out}\nvalidate with: sim validate ${out}\n`);
}

/**
 * The trace as its built-in model re-executes it: the states shown come from the model, never
 * from the file, so a hand-edited state is never turned into wire bytes.
 */
function verifiedTrace(recorded: Trace, file: string): Trace {
  const name = recorded.model.name;
  const entry = recorded.model.source === 'builtin' && DATAGRAM_MODELS.includes(name) ? builtinModels.find((m) => m.name === name) : undefined;
  if (entry === undefined) throw new InputError(`ulog trace reads traces of the dmlog and checkpointed-log models; this one is of ${name}`);
  const params = Object.entries(recorded.params).map(([k, v]) => `${k}=${String(v)}`);
  const { outcome, shown } = verifyTrace(loadBuiltinModel(entry, params).model, recorded);
  if (!outcome.reproduces) throw new InputError(`${file} does not reproduce: diverges at step ${outcome.step}: ${outcome.reason} (sim replay ${file} shows it)`);
  return shown;
}
