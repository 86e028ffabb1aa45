/** Built-in models by name (what `--model NAME` and `sim list` know). */
import type { ModelEntry } from './contract.js';
import { checkpointedLogEntry } from './checkpointed-log/index.js';
import { twophaseEntry } from './twophase/index.js';
import { blcrEntry } from './blcr/index.js';
import { dmlogEntry } from './dmlog/index.js';

/** In the order `sim list` prints them. The first is the default of `run` and `check`. */
export const builtinModels: readonly ModelEntry[] = [
  checkpointedLogEntry,
  twophaseEntry,
  blcrEntry,
  dmlogEntry,
];
