/** The key hints, or the find prompt while it is open. */
import { Text } from 'ink';
import type { ReplayView } from '../../trace/index.js';

export function HelpBar({ view }: { readonly view: Pick<ReplayView, 'help' | 'prompt'> }) {
  if (view.prompt !== undefined) return <Text color="cyan" wrap="truncate">{view.prompt}</Text>;
  return <Text dimColor wrap="truncate">{view.help}</Text>;
}
