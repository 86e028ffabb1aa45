/** One lane per actor over a window of steps: '●' where the actor acted; the current step's column inverted. */
import { Box, Text } from 'ink';
import type { ReplayView } from '../../trace/index.js';

export function ActorLanes({ lanes }: { readonly lanes: ReplayView['lanes'] }) {
  if (lanes.rows.length === 0) return null;
  return (
    <Box flexDirection="column">
      <Text dimColor wrap="truncate">{lanes.title}</Text>
      {lanes.rows.map((row, i) => (
        // Names cut to the name column can coincide: the row's place is its key.
        <Text key={i} wrap="truncate">
          <Text bold>{row.name}</Text>
          {'  '}
          {lanes.current < 0 || row.cells === '' ? (
            row.cells
          ) : (
            <>
              {row.cells.slice(0, lanes.current)}
              <Text inverse color={row.cells[lanes.current] === '●' ? 'cyan' : undefined}>
                {row.cells[lanes.current]}
              </Text>
              {row.cells.slice(lanes.current + 1)}
            </>
          )}
        </Text>
      ))}
    </Box>
  );
}
