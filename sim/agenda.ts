/**
 * The simulator's agenda: which enabled actions have an event, and when each falls due. Every
 * enabled action gets one event, due after its latency (times the options' factor). A fault gets one
 * only by chance, and a fault that was declined is offered again after every step that changes
 * the state, so a fault that stays enabled can strike at any point of the run. An action that
 * fired without changing the state (a stutter) waits until it is disabled and enabled again.
 */
import { assert, InputError, type Prng } from '../lib/index.js';
import { EventQueue, type SimEvent } from './event-queue.js';
import type { SimulationOptions } from './options.js';

/** The agenda's own PRNG streams, each a sub-seed of the run's seed. */
export interface AgendaStreams {
  readonly latency: Prng;
  readonly faults: Prng;
  readonly tieBreak: Prng;
}

/** What the agenda needs to know about an action; the simulator answers through guarded model calls. */
export interface ActionFacts<A> {
  isFault(action: A): boolean;
  kind(action: A): string;
  actor(action: A): string;
  /** Inclusive latency range in ticks. */
  latency(action: A): readonly [number, number];
}

export class Agenda<A> {
  private readonly queue = new EventQueue<A>();
  /** Action key -> seq of its live event. */
  private readonly scheduled = new Map<string, number>();
  /** Faults declined since the state last changed, in the order they were offered. */
  private readonly declined = new Map<string, A>();
  private readonly stuttered = new Set<string>();
  /** The keys enabled at the last offer, and per fault kind how often one of its faults became enabled. */
  private enabledBefore = new Set<string>();
  private readonly enablings = new Map<string, number>();
  private seq = 0;
  /** Steps taken: changes of the state. */
  private steps = 0;
  /** Virtual time: the due tick of the last event that fired. */
  clock = 0;

  constructor(
    private readonly options: SimulationOptions,
    private readonly streams: AgendaStreams,
    private readonly facts: ActionFacts<A>,
  ) {}

  /**
   * Brings the agenda in line with the actions enabled now (`keys[i]` names `enabled[i]`): events
   * of disabled actions are dropped, newly enabled actions are scheduled, faults by chance. When
   * only declined faults are left, the system cannot move without one, so they are all scheduled.
   */
  offer(enabled: readonly A[], keys: readonly string[]): void {
    const live = new Set(keys);
    for (const key of [...this.scheduled.keys()]) if (!live.has(key)) this.scheduled.delete(key);
    for (const key of [...this.declined.keys()]) if (!live.has(key)) this.declined.delete(key);
    for (const key of [...this.stuttered]) if (!live.has(key)) this.stuttered.delete(key);
    for (const [i, action] of enabled.entries()) {
      const key = keys[i] as string;
      const fault = this.facts.isFault(action);
      const kind = fault ? this.facts.kind(action) : '';
      if (fault && !this.enabledBefore.has(key)) this.enablings.set(kind, (this.enablings.get(kind) ?? 0) + 1);
      if (this.scheduled.has(key) || this.declined.has(key) || this.stuttered.has(key)) continue;
      if (fault && !this.streams.faults.chance(this.options.faultRatio(kind, { step: this.steps, enablings: this.enablings.get(kind) ?? 0 }))) {
        this.declined.set(key, action);
        continue;
      }
      this.schedule(action, key, fault);
    }
    this.enabledBefore = live;
    if (this.scheduled.size > 0) return;
    for (const [key, action] of this.declined) this.schedule(action, key, true);
    this.declined.clear();
  }

  /** Removes the earliest live event and moves the clock to it; undefined when nothing is scheduled. */
  pop(): SimEvent<A> | undefined {
    if (this.scheduled.size === 0) return undefined;
    for (;;) {
      const event = this.queue.pop();
      assert(event !== undefined, 'the agenda holds an event for every scheduled action');
      if (this.scheduled.get(event.key) !== event.seq) continue;
      this.scheduled.delete(event.key);
      this.clock = event.dueTick;
      return event;
    }
  }

  /** The action fired and changed nothing: it is not scheduled again until disabled and re-enabled. */
  stutter(key: string): void {
    this.stuttered.add(key);
  }

  /** The state changed: every declined fault gets a new chance at the next offer. */
  stepped(): void {
    this.steps++;
    this.declined.clear();
  }

  private schedule(action: A, key: string, fault: boolean): void {
    const [min, max] = this.facts.latency(action);
    const kind = this.facts.kind(action);
    const factor = this.options.latencyFactor({ kind, actor: this.facts.actor(action), fault });
    if (!Number.isSafeInteger(factor) || factor < 0 || !Number.isSafeInteger(max * factor)) {
      throw new InputError(`latency factor of ${kind} must be a whole number >= 0; got ${factor}`);
    }
    const event: SimEvent<A> = {
      dueTick: this.clock + this.streams.latency.int(min * factor, max * factor),
      tieBreak: this.streams.tieBreak.int(0, 0x7fffffff),
      seq: this.seq++,
      key,
      action,
    };
    this.scheduled.set(key, event.seq);
    this.queue.push(event);
  }
}
