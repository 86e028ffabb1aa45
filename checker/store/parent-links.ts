/**
 * For each state id, its parent id and the action index taken: two integers a state, from which
 * a counterexample is rebuilt by re-executing the model (no path is stored per state).
 */
import { assert } from '../../lib/index.js';

/** States per page of parent links: 8 MiB a page. */
const PAGE_BITS = 20;
const PAGE = 1 << PAGE_BITS;

/**
 * For each state id, its parent id and the action index taken, in pages that are added as the
 * search grows and never copied: memory the operating system hands out is slow to touch the first
 * time, so growing by doubling and copying would cost twice over.
 */
export class ParentLinks {
  /** Parent and action of each state side by side. */
  private pages: Int32Array[] = [new Int32Array(2 * 1024)];
  length = 0;

  get bytes(): number {
    return this.pages.reduce((n, p) => n + p.byteLength, 0);
  }

  /** Records the link of the next state id; `parent` < 0 encodes initial state number -parent-1. */
  push(parent: number, actionIndex: number): void {
    const n = this.length;
    // Ids are handed out in the order states are stored: a parent was stored first.
    assert(parent < n, 'a parent link points to an earlier state');
    let page = this.pages[n >>> PAGE_BITS];
    const at = 2 * (n & (PAGE - 1));
    if (page === undefined) {
      page = new Int32Array(2 * PAGE);
      this.pages.push(page);
    } else if (at === page.length) {
      // The first page starts small (most searches are) and doubles up to a full page.
      const grown = new Int32Array(2 * page.length);
      grown.set(page);
      this.pages[0] = page = grown;
    }
    page[at] = parent;
    page[at + 1] = actionIndex;
    this.length = n + 1;
  }

  /** The links in use, as views of their pages (parent and action side by side), to save in a checkpoint. */
  views(): Int32Array[] {
    const views: Int32Array[] = [];
    for (let start = 0, p = 0; start < this.length; start += PAGE, p++) {
      views.push((this.pages[p] as Int32Array).subarray(0, 2 * Math.min(PAGE, this.length - start)));
    }
    return views;
  }

  /**
   * Links for `length` states, read page by page: `fill` receives each page's part in use (as
   * `views()` gave it) and fills it in place, so a checkpoint is read without a second copy.
   */
  static restore(length: number, fill: (view: Int32Array) => void): ParentLinks {
    const links = new ParentLinks();
    // The first page is sized as pushing would have grown it: 1,024 states, doubled up to a full page.
    let first = 1024;
    while (first < Math.min(length, PAGE)) first *= 2;
    links.pages = [new Int32Array(2 * first)];
    for (let start = PAGE; start < length; start += PAGE) links.pages.push(new Int32Array(2 * PAGE));
    links.length = length;
    for (const view of links.views()) fill(view);
    return links;
  }

  parentOf(id: number): number {
    return (this.pages[id >>> PAGE_BITS] as Int32Array)[2 * (id & (PAGE - 1))] as number;
  }

  actionOf(id: number): number {
    return (this.pages[id >>> PAGE_BITS] as Int32Array)[2 * (id & (PAGE - 1)) + 1] as number;
  }

  /** The path to state `id`: its initial state's index in init(), and the action indices from there. */
  pathTo(id: number): { initialIndex: number; actionIndices: number[] } {
    assert(id >= 0 && id < this.length, 'a path is asked for a stored state');
    const actionIndices: number[] = [];
    let at = id;
    while (this.parentOf(at) >= 0) {
      actionIndices.push(this.actionOf(at));
      at = this.parentOf(at);
    }
    return { initialIndex: -this.parentOf(at) - 1, actionIndices: actionIndices.reverse() };
  }
}
