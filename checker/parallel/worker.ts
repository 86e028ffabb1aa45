/**
 * A worker thread of the parallel BFS: carries the coordinator's messages to the one WorkerState
 * made at `init` (worker-state.ts), and its answers back; a thrown error becomes an error reply.
 */
import { parentPort } from 'node:worker_threads';
import { messageOf } from '../../lib/index.js';
import type { FromWorker, ToWorker } from './protocol.js';
import { WorkerState } from './worker-state.js';

const port = parentPort!;
let worker: WorkerState | undefined;

port.on('message', async (msg: ToWorker) => {
  try {
    if (msg.type === 'init') {
      worker = await WorkerState.create(msg);
      port.postMessage({ type: 'ready' } satisfies FromWorker);
      return;
    }
    port.postMessage((worker as WorkerState).answer(msg));
  } catch (err) {
    port.postMessage({ type: 'error', message: messageOf(err), modelError: (err as Error).name === 'ModelError' } satisfies FromWorker);
  }
});
