/** The window of the step list around the current step; the current step inverted, the verdict and divergence steps coloured. */
import { Box, Text } from 'ink';
import type { ReplayView } from '../../trace/index.js';

export function StepList({ steps }: { readonly steps: ReplayView['steps'] }) {
  return (
    <Box flexDirection="column" width={steps.width} flexShrink={0}>
      <Text dimColor wrap="truncate">{steps.title}</Text>
      {steps.rows.map((row) => (
        <Text
          key={row.step}
          wrap="truncate"
          inverse={row.current}
          color={row.diverges ? 'yellow' : row.violation ? 'red' : undefined}
        >
          {row.text}
        </Text>
      ))}
    </Box>
  );
}
