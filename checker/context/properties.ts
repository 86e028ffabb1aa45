/**
 * The properties a search checks in every state it stores: the invariants (the first broken one
 * ends the search) and the `sometimes` witnesses, each marked once a state reaches it. A
 * predicate's answer other than true or false is the model's mistake, never a violation.
 */
import { booleanAnswer, firstBroken, modelThrew, type Model, type Predicates } from '../../model/index.js';

export class Properties<S> {
  private readonly invariants: Predicates<S>;
  private readonly witnesses: Predicates<S>;
  private readonly reached: boolean[];
  private unreached: number;

  constructor(private readonly model: Model<S, unknown>) {
    this.invariants = Object.entries(model.invariants);
    this.witnesses = Object.entries(model.sometimes ?? {});
    this.reached = this.witnesses.map(() => false);
    this.unreached = this.witnesses.length;
  }

  /** The first invariant `s` breaks, or undefined; marks the witnesses `s` reaches. */
  inspect(s: S, step: number): string | undefined {
    const name = this.model.name;
    const broken = firstBroken(name, this.invariants, s, step);
    if (broken !== undefined || this.unreached === 0) return broken;
    let current = '';
    try {
      for (let w = 0; w < this.witnesses.length; w++) {
        if (this.reached[w]) continue;
        const [witness, occurs] = this.witnesses[w] as Predicates<S>[number];
        current = `sometimes ${witness}`;
        const answer: unknown = occurs(s);
        if (answer === true || booleanAnswer(name, current, answer, step)) this.mark(w);
      }
    } catch (err) {
      throw modelThrew(name, `${current} at step ${step}`, err);
    }
    return undefined;
  }

  /** Marks witnesses reached elsewhere (a worker thread, a saved search). */
  markReached(names: readonly string[]): void {
    this.witnesses.forEach(([name], w) => {
      if (names.includes(name) && !this.reached[w]) this.mark(w);
    });
  }

  reachedWitnesses(): string[] {
    return this.witnesses.filter((_, w) => this.reached[w]).map(([n]) => n);
  }

  unreachedWitnesses(): string[] {
    return this.witnesses.filter((_, w) => !this.reached[w]).map(([n]) => n);
  }

  private mark(w: number): void {
    this.reached[w] = true;
    this.unreached--;
  }
}
