/**
 * An NDJSON log: one observed event a line, `{"action": …}`, `{"state": …}` or both, with an
 * optional `"actor"`. Blank lines are skipped. Whatever the text, reading gives the events or one
 * InputError line naming the file, the line and the column. A log is data: nothing in it runs.
 */
import { documentProblem, InputError, printable } from '../lib/index.js';
import type { LogEvent, ObservedLog } from './events.js';

const EVENT_FIELDS = ['action', 'state', 'actor'];
/** Longest part of a line a summary shows. */
const TEXT_CHARS_MAX = 100;

/** The events of the log `text` of the file `name`. */
export function readNdjsonLog(text: string, name: string): ObservedLog {
  const events: LogEvent[] = [];
  let start = 0;
  for (let line = 1; start <= text.length; line++) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const raw = text.slice(start, end).replace(/\r$/, '');
    start = end + 1;
    if (raw.trim() !== '') events.push(eventOf(raw, line, name));
  }
  if (events.length === 0) throw new InputError(`${name} holds no events (an NDJSON log has one JSON object a line)`);
  return { events, skipped: {} };
}

function eventOf(raw: string, line: number, name: string): LogEvent {
  const where = `${name}: line ${line}`;
  let doc: unknown;
  try {
    doc = JSON.parse(raw);
  } catch {
    const column = errorColumn(raw);
    const seen = column > raw.length ? 'the line ends early' : `unexpected ${printable(JSON.stringify(raw.charAt(column - 1)))}`;
    throw new InputError(`${where}, column ${column}: not JSON (${seen})`);
  }
  // The checks of every file sim reads: no "__proto__" key, no absurd nesting or numbers.
  const problem = documentProblem(doc);
  if (problem !== undefined) {
    const column = problem.includes('"__proto__"') ? columnOfKey(raw, '__proto__') : 1;
    throw new InputError(`${where}, column ${column}: the line ${problem}`);
  }
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) throw new InputError(`${where}, column 1: an event is a JSON object with "action", "state" or both`);
  const record = doc as Record<string, unknown>;
  const extra = Object.keys(record).find((k) => !EVENT_FIELDS.includes(k));
  if (extra !== undefined) throw new InputError(`${where}, column ${columnOfKey(raw, extra)}: unknown field ${printable(JSON.stringify(extra))}; an event has "action", "state" and "actor"`);
  if (!('action' in record) && !('state' in record)) throw new InputError(`${where}, column 1: an event needs "action", "state" or both`);
  if ('actor' in record && typeof record.actor !== 'string') throw new InputError(`${where}, column ${columnOfKey(raw, 'actor')}: "actor" must be a string`);
  const shortText = raw.length > TEXT_CHARS_MAX ? `${raw.slice(0, TEXT_CHARS_MAX - 1)}…` : raw;
  return {
    line,
    where: `line ${line}`,
    text: shortText,
    ...('action' in record ? { action: record.action } : {}),
    ...('state' in record ? { state: record.state } : {}),
    ...(typeof record.actor === 'string' ? { actor: record.actor } : {}),
  };
}

/** Whether JSON.parse finds `prefix` a valid start of a JSON text (complete, or ending early). */
function viablePrefix(prefix: string): boolean {
  try {
    JSON.parse(prefix);
    return true;
  } catch (err) {
    const message = err instanceof Error ? err.message : '';
    const at = /at position (\d+)/.exec(message)?.[1];
    return /end of JSON input|Unterminated/.test(message) || (at !== undefined && Number(at) >= prefix.trimEnd().length);
  }
}

/**
 * The 1-based column of the first character that makes `raw` not JSON: the longest prefix JSON
 * could still continue is found by bisection (a prefix of a viable prefix is viable), so the
 * column is exact whatever V8's message says (it names no position for an unexpected token).
 */
function errorColumn(raw: string): number {
  let good = 0;
  let bad = raw.length;
  while (bad - good > 1) {
    const mid = (good + bad) >> 1;
    if (viablePrefix(raw.slice(0, mid))) good = mid;
    else bad = mid;
  }
  return viablePrefix(raw) ? raw.length + 1 : bad;
}

/** The column of `"key":` in a line, for messages about a field (1 if it cannot be found). */
function columnOfKey(raw: string, key: string): number {
  const at = raw.indexOf(JSON.stringify(key));
  return at < 0 ? 1 : at + 1;
}
