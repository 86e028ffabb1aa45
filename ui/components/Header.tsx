/** The header: model, parameters, seed or engine, and the verdict with the replay's result; then the position line and the note. */
import { Box, Text } from 'ink';
import type { ReplayView } from '../../trace/index.js';

const noteColor = { violation: 'red', divergence: 'yellow', message: 'cyan', hint: 'gray' } as const;

export function Header({ view }: { readonly view: Pick<ReplayView, 'header' | 'position' | 'note'> }) {
  return (
    <Box flexDirection="column">
      <Text bold wrap="truncate">{view.header[0]}</Text>
      <Text wrap="truncate">{view.header[1]}</Text>
      <Text bold color="cyan" wrap="truncate">{view.position}</Text>
      <Text color={noteColor[view.note.kind]} bold={view.note.kind === 'violation' || view.note.kind === 'divergence'} wrap="truncate">
        {view.note.text || ' '}
      </Text>
    </Box>
  );
}
