/** With `--coverage`: how often each action type fired, and which types were ever enabled. */
import { kindOf } from '../../model/index.js';
import type { Coverage } from '../result.js';

/** What a checkpoint keeps of the counts. */
export interface SavedCoverage {
  fired: [string, number][];
  enabled: string[];
}

export class CoverageCounts {
  private readonly fired = new Map<string, number>();
  private readonly enabled = new Set<string>();

  onEnabled(acts: readonly unknown[]): void {
    for (const a of acts) this.enabled.add(kindOf(a));
  }

  onFired(a: unknown): void {
    const type = kindOf(a);
    this.fired.set(type, (this.fired.get(type) ?? 0) + 1);
  }

  saved(): SavedCoverage {
    return { fired: [...this.fired], enabled: [...this.enabled] };
  }

  restore(saved: SavedCoverage): void {
    for (const [type, times] of saved.fired) this.fired.set(type, times);
    for (const type of saved.enabled) this.enabled.add(type);
  }

  /** Every type the model declares, was enabled or fired, sorted, with its count. */
  report(declared: readonly string[]): Coverage {
    const types = [...new Set([...declared, ...this.enabled, ...this.fired.keys()])].sort();
    return {
      fired: types.map((type) => ({ type, count: this.fired.get(type) ?? 0 })),
      neverEnabled: types.filter((t) => !this.enabled.has(t)),
    };
  }
}
