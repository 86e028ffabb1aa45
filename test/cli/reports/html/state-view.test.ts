// Goal: the page's state tree marks exactly what changedFields (the terminal's comparison) reports: every change is shown on its own line or inside a changed one-line value, nothing unchanged is marked, and folding the unchanged parts never hides a change.
// Method: fast-check over pairs of JSON states drawn from a small domain of keys (so they share structure); the tree's HTML is parsed back into (path, classes) lines and compared with changedFields.
import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { treeHtml } from '../../../../cli/reports/html/browser/state-view.js';
import { changedFields } from '../../../../trace/index.js';

const keys = fc.constantFrom('a', 'b', 'c', '0', 'x y', 'long');
const leaf = fc.oneof(fc.boolean(), fc.integer({ min: -2, max: 3 }), fc.constantFrom('s', '</script>', 'a"b'), fc.constant(null));
const { value } = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(keys, tie('value'), { maxKeys: 5 }),
    // Long enough not to fit on one line, so its fields get lines of their own.
    fc.dictionary(keys, tie('value'), { maxKeys: 5 }).map((d) => ({ ...d, long: 'x'.repeat(80) })),
  ),
}));
const state = fc.dictionary(keys, value, { maxKeys: 5 });

interface Line { path: string; classes: string[]; text: string }

const unescape = (s: string): string => s.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

function linesOf(html: string): Line[] {
  return [...html.matchAll(/<div class="tl ([^"]*)" data-path="([^"]*)"[^>]*>(.*?)<\/div>/g)].map((m) => ({
    classes: (m[1] as string).split(' ').filter(Boolean),
    path: unescape(m[2] as string),
    text: unescape((m[3] as string).replace(/<[^>]+>/g, '')),
  }));
}

/** `q` is `p` or a field somewhere below it. */
const within = (q: string, p: string): boolean => q === p || (q.startsWith(p) && (p === '' || q[p.length] === '.' || q[p.length] === '['));

describe('treeHtml', () => {
  test.prop([state, state, fc.boolean()])('shows every change, marks nothing else, and folds only what did not change', (before, after, onlyChanges) => {
    const changes = changedFields(before, after);
    const paths = changes.map((c) => c.path);
    const lines = linesOf(treeHtml(after, before, changes, onlyChanges, true));
    for (const p of paths) {
      // On its own line, or inside a line that shows a composite whole (or replaced it whole).
      expect(lines.some((l) => l.classes.includes('changed') && within(p, l.path)), `change ${p} is shown`).toBe(true);
    }
    for (const l of lines) {
      const related = paths.some((p) => within(p, l.path) || within(l.path, p));
      if (l.classes.includes('origin')) expect(paths, l.text).toContain(l.path);
      if (l.classes.includes('changed')) expect(related, `${l.path} is marked but nothing changed there`).toBe(true);
      if (l.classes.includes('collapsed') && !l.text.startsWith('(')) expect(related, `${l.path} is folded but holds a change`).toBe(false);
    }
  });

  test.prop([state])('marks nothing at the initial state, and nothing when no field changed', (s) => {
    for (const html of [treeHtml(s, undefined, [], false, false), treeHtml(s, s, [], false, true)]) {
      expect(linesOf(html).filter((l) => l.classes.includes('changed'))).toEqual([]);
    }
  });

  it('says what a changed value was, and lists a field that went as absent', () => {
    const before = { rm: ['working', 'prepared'], tm: 'init', gone: 1 };
    const after = { rm: ['working', 'aborted'], tm: 'init' };
    const lines = linesOf(treeHtml(after, before, changedFields(before, after), false, true));
    expect(lines.map((l) => [l.path, l.text, l.classes.join(' ')])).toEqual([
      ['gone', 'gone: absent was 1', 'changed origin'],
      ['rm', 'rm: ["working", "aborted"]', 'changed'],
      ['tm', 'tm: "init"', ''],
    ]);
  });

  it('escapes what a state holds', () => {
    const html = treeHtml({ k: '</script><b>' }, { k: 1 }, changedFields({ k: 1 }, { k: '</script><b>' }), false, true);
    expect(html).not.toContain('<b>');
    expect(html).toContain('&lt;/script&gt;&lt;b&gt;');
  });
});
