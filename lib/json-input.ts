/**
 * Reading a JSON file someone else may have written (a trace, a swarm result, a datagram): the
 * one parser every reader of an outside file uses. Whatever the bytes, the outcome is the parsed
 * data or one InputError line naming the file and the problem: empty, binary, not UTF-8,
 * truncated, not JSON, nested deeper than any sim file is, a number JSON.parse turns into
 * Infinity, or a "__proto__" key (which code that copies keys by assignment would turn into a
 * prototype change).
 */
import { InputError, printable } from './errors.js';

/** Deeper nesting than any sim file has; the recursive readers after the parse stay far from the stack limit. */
export const JSON_DEPTH_MAX = 256;

/** Position `at` of `text` as `line L, column C` (1-based). */
function lineAndColumn(text: string, at: number): string {
  let line = 1;
  let start = 0;
  for (let i = 0; i < at && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      start = i + 1;
    }
  }
  return `line ${line}, column ${at - start + 1}`;
}

/** JSON.parse's complaint without the quoted slice of the file (which may hold anything). */
function parseProblem(text: string, err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  const token = /^Unexpected token '(.)'/.exec(message)?.[1];
  const at = /at position (\d+)/.exec(message)?.[1];
  const where = at === undefined ? '' : ` at ${lineAndColumn(text, Number(at))}`;
  // printable() as well: JSON.stringify leaves DEL and the C1 controls as they are.
  if (token !== undefined) return `unexpected character ${printable(JSON.stringify(token))}${where}`;
  return printable(`${message.replace(/ in JSON at position \d+$| at position \d+$/, '').replace(/, ".*$/, '')}${where}`);
}

interface Pending {
  readonly value: object;
  readonly depth: number;
  readonly up: Pending | null;
  readonly key: string | number;
}

/** A path is cut in messages past this length: one line, whatever the nesting. */
const PATH_SHOWN_MAX = 80;

/** `.steps[3].state`: where a pending value sits in the document. */
function pathOf(p: Pending | null, key?: string | number): string {
  const parts: string[] = [];
  const part = (k: string | number): string => (typeof k === 'number' ? `[${k}]` : /^[A-Za-z_$][\w$]*$/.test(k) ? `.${k}` : `[${JSON.stringify(k)}]`);
  if (key !== undefined) parts.push(part(key));
  for (let at = p; at !== null && at.up !== null; at = at.up) parts.push(part(at.key));
  const path = parts.reverse().join('') || 'the top';
  return path.length > PATH_SHOWN_MAX ? `${path.slice(0, PATH_SHOWN_MAX)}…` : path;
}

/** What is wrong with one entry of a container, or undefined. */
function entryProblem(p: Pending, key: string | number, v: unknown, stack: Pending[]): string | undefined {
  if (key === '__proto__') return `has a "__proto__" key (at ${pathOf(p, key)}), which no sim file has`;
  if (typeof v === 'number' && !Number.isFinite(v)) return `has a number too large for a double (at ${pathOf(p, key)})`;
  if (v !== null && typeof v === 'object') stack.push({ value: v, depth: p.depth + 1, up: p, key });
  return undefined;
}

/**
 * Walks a parsed document without recursion; the first problem (a "__proto__" key, a number too
 * large for a double, nesting past JSON_DEPTH_MAX), or undefined. For readers that parse many small
 * documents themselves (a log's lines).
 */
export function documentProblem(doc: unknown): string | undefined {
  if (doc === null || typeof doc !== 'object') return undefined;
  const stack: Pending[] = [{ value: doc, depth: 1, up: null, key: '' }];
  while (stack.length > 0) {
    const p = stack.pop() as Pending;
    if (p.depth > JSON_DEPTH_MAX) return `nests deeper than ${JSON_DEPTH_MAX} levels (at ${pathOf(p)})`;
    let problem: string | undefined;
    if (Array.isArray(p.value)) {
      for (let i = 0; i < p.value.length && problem === undefined; i++) problem = entryProblem(p, i, p.value[i], stack);
    } else {
      const record = p.value as Record<string, unknown>;
      for (const key of Object.keys(record)) {
        problem = entryProblem(p, key, record[key], stack);
        if (problem !== undefined) break;
      }
    }
    if (problem !== undefined) return problem;
  }
  return undefined;
}

/**
 * The data in the bytes of the file `name`; `what` says what it should be (`a trace file`), for
 * the messages. Throws InputError with one line for anything else.
 */
export function parseJsonInput(bytes: Uint8Array, name: string, what: string): unknown {
  if (bytes.length === 0) throw new InputError(`${name} is empty, not ${what}`);
  let text: string;
  try {
    if (bytes.includes(0)) throw new Error('NUL byte');
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new InputError(`${name} is a binary file, not ${what}`);
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    const at = /at position (\d+)/.exec(message)?.[1];
    const atEnd = at !== undefined && Number(at) >= text.trimEnd().length;
    if (atEnd || /end of (JSON|data)|Unterminated/i.test(message)) throw new InputError(`${name} is truncated: its JSON ends early`);
    throw new InputError(`${name} is not valid JSON: ${parseProblem(text, err)}`);
  }
  const problem = documentProblem(doc);
  if (problem !== undefined) throw new InputError(`${name} ${problem}`);
  return doc;
}
