/**
 * The sequential search's store: a seen set that grows itself, parent links that give each new
 * state the next id, and the state bound.
 */
import type { CheckOptions } from '../options.js';
import { FingerprintTable } from './fingerprint-table.js';
import { ParentLinks } from './parent-links.js';
import { STATES_MAX, type StateStore } from './state-store.js';

/** The first states stored are all audited, then a sample. */
const AUDITED_FIRST = 1024;

export class SequentialStore implements StateStore {
  private readonly statesMax: number;
  private readonly sampleEvery: number;

  constructor(
    readonly table: FingerprintTable,
    readonly links: ParentLinks,
    options: Pick<CheckOptions, 'statesMax' | 'determinismSampleEvery'>,
  ) {
    this.statesMax = options.statesMax;
    this.sampleEvery = options.determinismSampleEvery;
  }

  static empty(options: Pick<CheckOptions, 'statesMax' | 'determinismSampleEvery'>): SequentialStore {
    return new SequentialStore(new FingerprintTable(), new ParentLinks(), options);
  }

  /** Distinct states stored. */
  get size(): number {
    return this.links.length;
  }

  add(hi: number, lo: number): boolean {
    return this.table.add(hi, lo);
  }

  has(hi: number, lo: number): boolean {
    return this.table.has(hi, lo);
  }

  touch(hi: number, lo: number): number {
    return this.table.touch(hi, lo);
  }

  roomFor(): boolean {
    return true;
  }

  admit(parent: number, k: number): number {
    const links = this.links;
    if (links.length >= this.statesMax) return STATES_MAX;
    links.push(parent, k);
    return links.length - 1;
  }

  /** Every n-th id; on the packed route also the first ones, where the compiled successors are compared. */
  auditsExpansion(id: number, packed: boolean): boolean {
    return (packed && id < AUDITED_FIRST) || id % this.sampleEvery === 0;
  }

  auditsPacking(id: number): boolean {
    const stored = id + 1;
    return stored <= AUDITED_FIRST || stored % this.sampleEvery === 0;
  }
}
