// Arbitraries for the replay cursor and view: synthetic traces of any shape (some with long states
// whose changes fall anywhere), replay commands, and terminal sizes.
import { fc } from '@fast-check/vitest';
import type { ReplayCommand, ScreenSize, Trace } from '../../trace/index.js';
import { syntheticTrace } from './traces.js';

export const commandArb: fc.Arbitrary<ReplayCommand> = fc.oneof(
  fc.constantFrom<ReplayCommand>(
    { type: 'next' }, { type: 'prev' }, { type: 'first' }, { type: 'last' }, { type: 'violation' }, { type: 'nextOfActor' },
    { type: 'toggleDiff' }, { type: 'findStart' }, { type: 'findBackspace' }, { type: 'findSubmit' }, { type: 'findCancel' },
    { type: 'focusChange', by: 1 }, { type: 'focusChange', by: -1 }, { type: 'scrollPages', pages: 1 }, { type: 'scrollPages', pages: -1 },
  ),
  fc.integer({ min: -30, max: 30 }).map((lines): ReplayCommand => ({ type: 'scrollLines', lines })),
  fc.string({ maxLength: 3 }).map((text): ReplayCommand => ({ type: 'find', text })),
  fc.constantFrom('A', 'ct1', '(d', 'x', '9').map((text): ReplayCommand => ({ type: 'findInput', text })),
);

export const sizeArb: fc.Arbitrary<ScreenSize> = fc.record({ columns: fc.integer({ min: 40, max: 200 }), rows: fc.integer({ min: 16, max: 60 }) });

export const resizeArb: fc.Arbitrary<ReplayCommand> = sizeArb.map((screen): ReplayCommand => ({ type: 'resize', screen }));

export const traceArb: fc.Arbitrary<Trace> = fc
  .record({
    n: fc.integer({ min: 0, max: 40 }),
    actors: fc.integer({ min: 1, max: 12 }),
    seed: fc.integer({ min: 0, max: 1000 }),
    verdict: fc.constantFrom<'ok' | 'violation' | 'deadlock'>('ok', 'violation', 'deadlock'),
    regions: fc.option(fc.integer({ min: 1, max: 60 }), { nil: undefined }),
  })
  .map(({ n, actors, seed, verdict, regions }) =>
    syntheticTrace(n, {
      actors: Array.from({ length: actors }, (_, i) => `actor${i}`),
      actorAt: (k) => (k * 7 + seed) % actors,
      verdict,
      ...(regions === undefined ? {} : { regions }),
    }),
  );
