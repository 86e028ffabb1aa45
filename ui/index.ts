/** ui/: the Ink view over trace/cursor. */
export { App, reduceKeys } from './App.js';
export { commandOf, keyPressesOf, type KeymapMode, type KeyPress } from './keymap.js';
export { mountReplay, type Terminal } from './mount.js';
export { Screen } from './components/Screen.js';
export { Header } from './components/Header.js';
export { StepList } from './components/StepList.js';
export { StateView } from './components/StateView.js';
export { ActorLanes } from './components/ActorLanes.js';
export { HelpBar } from './components/HelpBar.js';
