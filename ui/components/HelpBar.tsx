/** The key hints, or the find prompt while it is open. */
import { Box, Text } from 'ink';
import type { ReplayView } from '../../trace/index.js';

export function HelpBar({ view }: { readonly view: Pick<ReplayView, 'help' | 'prompt'> }) {
  if (view.prompt !== undefined) return <Text color="cyan" wrap="truncate">{view.prompt}</Text>;
  return (
    <Box flexDirection="column">
      {view.help.map((line) => (
        <Text key={line} dimColor wrap="truncate">{line}</Text>
      ))}
    </Box>
  );
}
