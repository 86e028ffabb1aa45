/**
 * What the main thread and the workers of the parallel BFS say to each other: the messages, and
 * the layout of the memory they share (control flags and counters).
 */
import type { ModelRecipe } from '../../model/index.js';
import type { SpillOptions } from '../store/packed-level.js';
import type { StateBatch } from './state-batch.js';

/** The flags in the shared control words: grow the table, stop, give half of what is left to an idle worker. */
export const PAUSE = 0;
export const STOP = 1;
export const DONATE = 2;
export const CONTROL_WORDS = 3;
/**
 * The shared counters: the table's grow threshold (in states added by the workers), how many
 * states the workers may add before the state bound, then per worker its added states and transitions.
 */
export const GROW_AT = 0;
export const STATES_MAX = 1;
export const countersOf = (worker: number): number => 2 + 2 * worker;

/** What a worker is made from: the model's recipe, its place among the workers, and the memory they share. */
export interface WorkerInit {
  type: 'init';
  recipe: ModelRecipe;
  deadlocks: boolean;
  /** Store representatives, as the main thread's search does. */
  symmetry: boolean;
  index: number;
  workers: number;
  control: SharedArrayBuffer;
  counters: SharedArrayBuffer;
  spill: SpillOptions | null;
}

export type ToWorker =
  | WorkerInit
  | { type: 'frontier'; states: StateBatch; table: SharedArrayBuffer }
  | { type: 'level'; depth: number }
  | { type: 'resume' }
  | { type: 'help'; states: StateBatch }
  | { type: 'rehash'; bigger: SharedArrayBuffer }
  | { type: 'probe'; depth: number }
  | { type: 'give'; count: number }
  | { type: 'take'; states: StateBatch };

/**
 * How a worker's level ended: its share done, paused for the table to grow, paused having given
 * half of what it had left (for an idle worker), stopped, at an event, with its own heap nearly
 * full, or with one state's successors more than the table had room for (the search then runs
 * again in one thread).
 */
export type Outcome = 'done' | 'paused' | 'donated' | 'stopped' | 'event' | 'memory' | 'full';

export type FromWorker =
  | { type: 'ready' }
  | { type: 'level'; outcome: Outcome; newStates: number; witnesses: string[]; donated?: StateBatch }
  | { type: 'rehashed' }
  | { type: 'probed'; deadlock: boolean; unseen: boolean }
  | { type: 'given'; states: StateBatch }
  | { type: 'taken' }
  | { type: 'error'; message: string; modelError: boolean };
