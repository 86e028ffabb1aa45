/** The whole replay screen for one view: header, step list beside the state, actor lanes, help bar. */
import { Box } from 'ink';
import type { ReplayView } from '../../trace/index.js';
import { ActorLanes } from './ActorLanes.js';
import { Header } from './Header.js';
import { HelpBar } from './HelpBar.js';
import { StateView } from './StateView.js';
import { StepList } from './StepList.js';

export function Screen({ view }: { readonly view: ReplayView }) {
  return (
    <Box flexDirection="column" width={view.width}>
      <Header view={view} />
      <Box flexDirection="row" gap={1}>
        <StepList steps={view.steps} />
        <StateView state={view.state} />
      </Box>
      <ActorLanes lanes={view.lanes} />
      <HelpBar view={view} />
    </Box>
  );
}
