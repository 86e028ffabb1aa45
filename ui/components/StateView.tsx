/** The window of the current state as an indented tree: changed fields highlighted, the focused change marked, folded subtrees dimmed. */
import { Box, Text } from 'ink';
import type { ReplayView } from '../../trace/index.js';

export function StateView({ state }: { readonly state: ReplayView['state'] }) {
  return (
    <Box flexDirection="column" width={state.width} flexShrink={0}>
      <Text dimColor wrap="truncate">{state.title}</Text>
      {state.lines.map((line, i) => (
        <Text key={i} wrap="truncate" color={line.changed ? 'yellow' : undefined} bold={line.changed} dimColor={line.collapsed}>
          {'  '.repeat(line.depth)}
          {line.mark}
          {line.text}
        </Text>
      ))}
      {state.status ? <Text dimColor wrap="truncate">{state.status}</Text> : null}
    </Box>
  );
}
